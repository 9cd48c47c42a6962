"""The one place that talks to printers and the file system.

Saving: ``save_pdf_atomic`` writes a temp file beside the target, fsyncs it
and renames it into place, so a reader never sees half a PDF.

Printing on Linux and macOS goes through CUPS: ``lp`` reads the PDF on
standard input, so the text stays vector and nothing touches the disk.
Printers are listed with ``lpstat``. Every CUPS tool runs with ``LC_ALL=C``
(CUPS translates its answers, and the parsing here reads English), in its
own process group, with a time limit; a tool that does not answer in time is
killed and gives ``PrintProblem.NO_ANSWER``. Nothing here touches Qt or
shared state, so a worker thread can call any of it.

After a job is sent, :func:`job_state` tells "waiting" (queued: the printer is
busy, stopped or holding it) from "printing" and "done"; :func:`follow_job`
polls until done or a time limit. On the kiosk's own CUPS
(``ci/setup-cups.sh`` and the Linux installer set ``PreserveJobFiles No``
and ``PreserveJobHistory No``) a finished job leaves nothing behind, and
:func:`purge_queue` also purges the queue's job list (``cancel -a -x``;
CUPS refuses ``cancel -x JOB`` once a job is completed). A shared print
server the kiosk does not run keeps what its own settings say.

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
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

LP_TIMEOUT_S = 30
#: How long :func:`follow_job` waits for a job to finish by default.
FOLLOW_TIMEOUT_S = 120.0
TWO_SIDED = "sides=two-sided-long-edge"
ONE_SIDED = "sides=one-sided"
# CUPS answers in the user's language unless told otherwise; these pin it to
# the untranslated English that the parsing below reads.
_C_LOCALE = {"LC_ALL": "C", "LANG": "C", "LC_MESSAGES": "C", "LANGUAGE": ""}
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
    job_id: str  # e.g. "kiosk-test-pdf-12"; "" if lp did not say
    copies: int


class PrintState(StrEnum):
    """Where a sent job is (stable codes; UI strings are keyed by them)."""

    WAITING = "waiting"  # queued: the printer is busy with another job, stopped or holding it
    PRINTING = "printing"  # the printer is working on it now
    DONE = "done"  # no longer in the queue (with no job history CUPS cannot say more)
    UNKNOWN = "unknown"  # lp gave no job id to follow


@dataclass(frozen=True)
class PrintOutcome:
    """What :func:`follow_job` saw: the last state, and whether the queue was purged."""

    job: PrintJob
    state: PrintState
    purged: bool = False


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


def _run(
    args: list[str], data: bytes | None = None, timeout_s: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a CUPS tool in the C locale with a time limit; PrintError if it cannot.

    The tool gets its own process group, so on timeout the whole group (a
    shell script and its children too) is killed and nothing is left behind.
    """
    limit = LP_TIMEOUT_S if timeout_s is None else timeout_s
    env = {**os.environ, **_C_LOCALE}
    try:
        process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=sys.platform != "win32",
        )
    except OSError as exc:
        message = f"cannot run {args[0]}: {exc.strerror or exc}"
        raise PrintError(message, PrintProblem.NOT_SET_UP) from None
    try:
        stdout, stderr = process.communicate(data, timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(process)
        message = f"the printing system did not answer within {limit:g} s"
        raise PrintError(message, PrintProblem.NO_ANSWER) from None
    except BaseException:
        _kill(process)
        raise
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if sys.platform != "win32":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    # Pipes may stay open in an orphan that escaped the group: do not wait on them.
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=1)


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
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    return sorted({line.split()[0] for line in lines if line.strip()})


def default_printer(timeout_s: float | None = None) -> str | None:
    """The CUPS default printer, or None when none is set."""
    _no_windows()
    result = _run([_tool("lpstat"), "-d"], timeout_s=timeout_s)
    return parse_default(result.stdout.decode("utf-8", "replace"))


def parse_default(output: str) -> str | None:
    """The name in ``lpstat -d`` output ("system default destination: NAME")."""
    match = re.search(r"default destination:\s*(\S+)", output)
    return match.group(1) if match else None


def parse_job_id(output: str) -> str | None:
    """The job id in ``lp`` output ("request id is NAME-12 (1 file(s))")."""
    match = re.search(r"request id is (\S+)", output)
    return match.group(1) if match else None


def printer_state(name: str, timeout_s: float | None = None) -> str:
    """ "idle", "printing", "disabled" (stopped), or "unknown" (no such printer)."""
    result = _run([_tool("lpstat"), "-p", name], timeout_s=timeout_s)
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
    two_sided: bool | None = None,
    timeout_s: float | None = None,
) -> PrintJob:
    """Send the PDF to ``printer`` (None: the default printer) through CUPS.

    ``two_sided`` True asks for both sides of the paper (long edge), False
    for one side, None leaves it to the printer's default (pass the
    ``two_sided`` setting). A printer that cannot print two-sided prints one
    side. Each CUPS tool has ``timeout_s`` (default ``LP_TIMEOUT_S``) to answer.

    Raises PrintError with a plain message when CUPS is not installed or
    does not answer, no printer is configured, the printer is unknown or
    stopped, or the job is refused.
    """
    _no_windows()
    if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
        raise PrintError("the number of copies must be 1 or more", PrintProblem.BAD_COPIES)
    lp = _tool("lp")
    name = printer or default_printer(timeout_s)
    if not name:
        raise PrintError(NO_PRINTER_MESSAGE, PrintProblem.NO_PRINTER)
    state = printer_state(name, timeout_s)
    if state == "unknown":
        raise PrintError(f"there is no printer called {name!r}", PrintProblem.UNKNOWN_PRINTER, name)
    if state == "disabled":
        message = f"the printer {name!r} is stopped; ask staff to restart it"
        raise PrintError(message, PrintProblem.STOPPED, name)
    args = [lp, "-d", name, "-n", str(copies), "-t", title]
    if two_sided is not None:
        args += ["-o", TWO_SIDED if two_sided else ONE_SIDED]
    args.append("-")
    result = _run(args, data, timeout_s)
    if result.returncode != 0:
        reason = _first_line(result.stderr) or f"lp exited with code {result.returncode}"
        message = f"the printer {name!r} refused the job: {reason}"
        raise PrintError(message, PrintProblem.REFUSED, name)
    job_id = parse_job_id(result.stdout.decode("utf-8", "replace")) or ""
    return PrintJob(printer=name, job_id=job_id, copies=copies)


def job_state(job: PrintJob, timeout_s: float | None = None) -> PrintState:
    """Where ``job`` is now: waiting, printing or done. Raises PrintError (no answer)."""
    _no_windows()
    if not job.job_id:
        return PrintState.UNKNOWN
    lpstat = _tool("lpstat")
    queued = _run([lpstat, "-W", "not-completed", "-o", job.printer], timeout_s=timeout_s)
    if queued.returncode != 0:
        reason = _first_line(queued.stderr) or f"lpstat exited with code {queued.returncode}"
        message = f"cannot follow the job on {job.printer!r}: {reason}"
        raise PrintError(message, PrintProblem.OTHER, job.printer)
    lines = queued.stdout.decode("utf-8", "replace").splitlines()
    if not any(line.split()[:1] == [job.job_id] for line in lines):
        return PrintState.DONE
    status = _run([lpstat, "-p", job.printer], timeout_s=timeout_s)
    first = _first_line(status.stdout)
    if re.search(rf"\bnow printing {re.escape(job.job_id)}\b", first):
        return PrintState.PRINTING
    return PrintState.WAITING


def follow_job(
    job: PrintJob,
    timeout_s: float = FOLLOW_TIMEOUT_S,
    poll_s: float = 0.5,
    on_change: Callable[[PrintState], None] | None = None,
    purge: bool = True,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> PrintOutcome:
    """Poll ``job`` until it is done or ``timeout_s`` has passed; never raises PrintError.

    ``on_change`` hears each new state (e.g. to show "waiting for the
    printer", then "printing"). When the job is done and ``purge`` is set,
    the queue's finished jobs are purged on the kiosk's own CUPS
    (:func:`purge_queue`). A printing system that stops answering ends the
    wait with the last state seen.
    """
    deadline = clock() + timeout_s
    last: PrintState | None = None
    state = PrintState.UNKNOWN
    while True:
        remaining = deadline - clock()
        try:
            state = job_state(job, timeout_s=max(0.1, min(LP_TIMEOUT_S, remaining)))
        except PrintError:
            state = last or PrintState.UNKNOWN
            break
        if state is not last:
            last = state
            if on_change is not None:
                on_change(state)
        if state in (PrintState.DONE, PrintState.UNKNOWN) or clock() + poll_s > deadline:
            break
        sleep(poll_s)
    purged = purge and state is PrintState.DONE and purge_queue(job.printer)
    return PrintOutcome(job=job, state=state, purged=purged)


def purge_queue(queue: str, timeout_s: float | None = None) -> bool:
    """Purge the finished jobs of ``queue`` on the kiosk's own CUPS; True if done.

    Does nothing (False) when CUPS is a server elsewhere (``lpstat -H`` is
    not this machine): the kiosk does not own that server's queues. Does
    nothing when a job is still queued, because ``cancel -a -x`` would
    cancel it too. Never raises.
    """
    try:
        _no_windows()
        lpstat = _tool("lpstat")
        if not is_local_server(_first_line(_run([lpstat, "-H"], timeout_s=timeout_s).stdout)):
            return False
        queued = _run([lpstat, "-W", "not-completed", "-o", queue], timeout_s=timeout_s)
        if queued.returncode != 0 or queued.stdout.strip():
            return False
        result = _run([_tool("cancel"), "-a", "-x", queue], timeout_s=timeout_s)
    except PrintError:
        return False
    return result.returncode == 0


def is_local_server(host: str) -> bool:
    """True for ``lpstat -H`` output naming this machine's scheduler (a socket or localhost)."""
    host = host.strip()
    if host.startswith("/"):
        return True
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    return name.strip("[]").lower() in {"localhost", "127.0.0.1", "::1"}


def _no_windows() -> None:
    if sys.platform == "win32":
        raise PrintError(
            "printing on Windows uses the Qt path: QtPdf renders the PDF onto a QPrinter",
            PrintProblem.NOT_SET_UP,
        )


def cancel_job(job: PrintJob, timeout_s: float | None = None) -> bool:
    """Cancel ``job`` and drop its files (``cancel -x JOB``); True if CUPS did.

    For a job that waited too long: a handout must not print later for a
    visitor who has gone, nor wait in the spool. Never raises.
    """
    if not job.job_id:
        return False
    try:
        _no_windows()
        result = _run([_tool("cancel"), "-x", job.job_id], timeout_s=timeout_s)
    except PrintError:
        return False
    return result.returncode == 0
