"""The one place that talks to printers and the file system.

Saving: ``save_pdf_atomic`` writes a temp file beside the target, fsyncs it
and renames it into place, so a reader never sees half a PDF.

Printing on Linux and macOS goes through CUPS: ``lp`` reads the PDF on
standard input, so the text stays vector and nothing touches the disk.
Printers are listed with ``lpstat``.

Printing on Windows has no ``lp``: the Qt shell renders the PDF with QtPdf
(``QPdfDocument``) page by page onto a ``QPrinter`` (``QPainter`` on the
printer, one ``newPage()`` per page). That lives in the UI layer because it
needs Qt; ``print_pdf`` here raises PrintError on Windows to say so.

Every PrintError and SaveError carries a stable ``reason`` code (and the
printer or path it is about) beside its English sentence. The sentence is for
logs and the command line; a screen shows the visitor a sentence in their own
language chosen by the code, never the English text or an OS error.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

LP_TIMEOUT_S = 30
NO_PRINTER_MESSAGE = "no printer is chosen and this computer has no default printer"


class PrintProblem(StrEnum):
    """Why a handout could not be printed (stable codes; UI strings are keyed by them)."""

    NOT_SET_UP = "not_set_up"  # no CUPS commands, or they cannot be run
    NO_ANSWER = "no_answer"  # the printing system timed out
    NO_PRINTER = "no_printer"  # none chosen and no default
    UNKNOWN_PRINTER = "unknown_printer"
    STOPPED = "stopped"
    REFUSED = "refused"
    BAD_COPIES = "bad_copies"
    UNREADABLE = "unreadable"  # the PDF could not be prepared for the printer
    OTHER = "other"


class SaveProblem(StrEnum):
    """Why a handout could not be saved (stable codes; UI strings are keyed by them)."""

    NO_FOLDER = "no_folder"  # the folder is missing, or part of the path is a file
    DISK_FULL = "disk_full"  # no space, or the quota is used up
    READ_ONLY = "read_only"  # read-only, or permission denied
    NAME_TAKEN = "name_taken"  # a folder with the file's name is in the way
    OTHER = "other"


class SaveError(Exception):
    """The PDF could not be saved.

    ``str(error)`` is one plain English sentence (logs, command line);
    ``reason`` says why as a stable code, ``path`` is where it was going.
    """

    def __init__(
        self, message: str, reason: SaveProblem = SaveProblem.OTHER, path: Path | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.path = path


class PrintError(Exception):
    """The PDF could not be printed.

    ``str(error)`` is one plain English sentence (logs, command line);
    ``reason`` says why as a stable code, ``printer`` names the printer when
    one is known.
    """

    def __init__(
        self, message: str, reason: PrintProblem = PrintProblem.OTHER, printer: str = ""
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.printer = printer


@dataclass(frozen=True)
class PrintJob:
    """A job CUPS accepted."""

    printer: str
    job_id: str  # e.g. "kiosk-test-pdf-12"
    copies: int


# -- saving -----------------------------------------------------------------


def save_pdf_atomic(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` all at once, or not at all.

    Raises SaveError with a plain message (missing folder, read-only folder,
    disk full, ...); no partial or temp file is left behind.
    """
    path = Path(path)
    folder = path.parent
    try:
        is_file = folder.exists() and not folder.is_dir()
        is_missing = not folder.is_dir()
    except OSError as exc:  # e.g. a folder we may not look into
        raise _save_error(path, exc) from None
    if is_file:
        message = f"cannot save {path}: {folder} is a file, not a folder"
        raise SaveError(message, SaveProblem.NO_FOLDER, path)
    if is_missing:
        message = f"cannot save {path}: the folder {folder} does not exist"
        raise SaveError(message, SaveProblem.NO_FOLDER, path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _save_error(path, exc) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _save_error(path, exc) from None


_SAVE_REASONS: dict[int, tuple[SaveProblem, str]] = {
    errno.ENOSPC: (SaveProblem.DISK_FULL, "the disk is full"),
    errno.EDQUOT: (SaveProblem.DISK_FULL, "the disk quota is used up"),
    errno.EROFS: (SaveProblem.READ_ONLY, "the folder is read-only"),
    errno.EACCES: (SaveProblem.READ_ONLY, "permission denied (the folder may be read-only)"),
    errno.EPERM: (SaveProblem.READ_ONLY, "permission denied (the folder may be read-only)"),
    errno.ENOENT: (SaveProblem.NO_FOLDER, "the folder does not exist"),
    errno.ENOTDIR: (SaveProblem.NO_FOLDER, "part of the path is not a folder"),
    errno.EISDIR: (SaveProblem.NAME_TAKEN, "a folder with that name is in the way"),
}


def _save_error(path: Path, exc: OSError) -> SaveError:
    problem, reason = _SAVE_REASONS.get(
        exc.errno or 0, (SaveProblem.OTHER, exc.strerror or str(exc))
    )
    return SaveError(f"cannot save {path}: {reason}", problem, path)


# -- printing ---------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"printing is not set up: the CUPS command {name!r} is not installed"
        raise PrintError(message, PrintProblem.NOT_SET_UP)
    return found


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            args, input=data, capture_output=True, timeout=LP_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        message = f"the printing system did not answer within {LP_TIMEOUT_S} s"
        raise PrintError(message, PrintProblem.NO_ANSWER) from None
    except OSError as exc:
        message = f"cannot run {args[0]}: {exc.strerror or exc}"
        raise PrintError(message, PrintProblem.NOT_SET_UP) from None


def _first_line(raw: bytes) -> str:
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


def list_printers() -> list[str]:
    """Names of the CUPS printers (queues) on this machine, sorted."""
    _no_windows()
    result = _run([_tool("lpstat"), "-e"])
    if result.returncode != 0:
        return []
    return sorted({line.split()[0] for line in result.stdout.decode().splitlines() if line.strip()})


def default_printer() -> str | None:
    """The CUPS default printer, or None when none is set."""
    _no_windows()
    result = _run([_tool("lpstat"), "-d"])
    return parse_default(result.stdout.decode("utf-8", "replace"))


def parse_default(output: str) -> str | None:
    """The name in ``lpstat -d`` output ("system default destination: NAME")."""
    match = re.search(r"default destination:\s*(\S+)", output)
    return match.group(1) if match else None


def parse_job_id(output: str) -> str | None:
    """The job id in ``lp`` output ("request id is NAME-12 (1 file(s))")."""
    match = re.search(r"request id is (\S+)", output)
    return match.group(1) if match else None


def printer_state(name: str) -> str:
    """ "idle", "printing", "disabled" (stopped), or "unknown" (no such printer)."""
    result = _run([_tool("lpstat"), "-p", name])
    text = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0 or not text.startswith(f"printer {name} "):
        return "unknown"
    first = text.splitlines()[0]
    if " disabled" in first:
        return "disabled"
    return "printing" if " now printing" in first else "idle"


def print_pdf(
    data: bytes,
    printer: str | None = None,
    copies: int = 1,
    title: str = "Handout",
) -> PrintJob:
    """Send the PDF to ``printer`` (None: the default printer) through CUPS.

    Raises PrintError with a plain message when CUPS is not installed, no
    printer is configured, the printer is unknown or stopped, or the job is
    refused.
    """
    _no_windows()
    if copies < 1:
        raise PrintError("the number of copies must be 1 or more", PrintProblem.BAD_COPIES)
    lp = _tool("lp")
    name = printer or default_printer()
    if not name:
        raise PrintError(NO_PRINTER_MESSAGE, PrintProblem.NO_PRINTER)
    state = printer_state(name)
    if state == "unknown":
        raise PrintError(f"there is no printer called {name!r}", PrintProblem.UNKNOWN_PRINTER, name)
    if state == "disabled":
        message = f"the printer {name!r} is stopped; ask staff to restart it"
        raise PrintError(message, PrintProblem.STOPPED, name)
    result = _run([lp, "-d", name, "-n", str(copies), "-t", title, "-"], data)
    if result.returncode != 0:
        reason = _first_line(result.stderr) or f"lp exited with code {result.returncode}"
        message = f"the printer {name!r} refused the job: {reason}"
        raise PrintError(message, PrintProblem.REFUSED, name)
    job_id = parse_job_id(result.stdout.decode("utf-8", "replace")) or ""
    return PrintJob(printer=name, job_id=job_id, copies=copies)


def _no_windows() -> None:
    if sys.platform == "win32":
        raise PrintError(
            "printing on Windows uses the Qt path: QtPdf renders the PDF onto a QPrinter",
            PrintProblem.NOT_SET_UP,
        )
