"""kiosk.printing: atomic saving, CUPS printing and the plain errors of both.

The real-printer test prints through a CUPS queue ``kiosk-test-pdf`` that
``ci/setup-cups.sh`` creates (cups-pdf writes the job to a folder). Without
that queue it skips locally, and fails when CI is set.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import shutil
import stat
import time
import uuid
from pathlib import Path

import pypdf
import pytest

from kiosk import printing
from kiosk.content import ContentPack, ReadingLevel
from kiosk.handout import HandoutOptions, build_handout
from kiosk.printing import (
    PrintError,
    PrintProblem,
    SaveError,
    SaveProblem,
    list_printers,
    parse_default,
    parse_job_id,
    print_pdf,
    printer_state,
    save_pdf_atomic,
)

QUEUE = "kiosk-test-pdf"
STOPPED_QUEUE = "kiosk-test-stopped"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
PDF = b"%PDF-1.4\n% tiny test file\n"


def _queue_exists(name: str) -> bool:
    return shutil.which("lpstat") is not None and printer_state(name) != "unknown"


def need_queue(name: str) -> None:
    """Skip without the CUPS test queue; in CI (CI set) fail instead."""
    if _queue_exists(name):
        return
    reason = f"no CUPS queue {name!r}: run ci/setup-cups.sh (as root) to create it"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def cups_pdf_out() -> Path:
    """Where cups-pdf writes jobs (the ``Out`` line of its config)."""
    folder = Path("/var/spool/cups-pdf/ANONYMOUS")
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "Out":
                folder = Path(parts[1])
    return folder


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- saving -------------------------------------------------------------------


def test_save_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    save_pdf_atomic(b"first", target)
    save_pdf_atomic(PDF, target)
    assert target.read_bytes() == PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"]


def test_save_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "handout.pdf"
    with pytest.raises(SaveError, match="does not exist") as err:
        save_pdf_atomic(PDF, target)
    assert err.value.reason is SaveProblem.NO_FOLDER and err.value.path == target


def test_save_under_a_file(tmp_path: Path) -> None:
    # chmod does not stop root, so a "folder" that is a file stands in.
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(SaveError, match="is a file, not a folder") as err:
        save_pdf_atomic(PDF, blocker / "handout.pdf")
    assert err.value.reason is SaveProblem.NO_FOLDER


def test_save_into_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(SaveError, match="read-only") as err:
        save_pdf_atomic(PDF, tmp_path / "handout.pdf")
    assert "\n" not in str(err.value)
    assert err.value.reason is SaveProblem.READ_ONLY
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="needs Linux /proc")
def test_save_into_proc_fails_plainly() -> None:
    with pytest.raises(SaveError, match="cannot save"):
        save_pdf_atomic(PDF, Path("/proc/handout.pdf"))


def test_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"the old handout")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SaveError, match="disk is full") as err:
        save_pdf_atomic(PDF, target)
    assert err.value.reason is SaveProblem.DISK_FULL
    assert target.read_bytes() == b"the old handout"  # the old file is untouched
    assert no_temp_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"]


def test_an_unexpected_os_error_keeps_its_text_for_the_log_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_disk(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_disk)
    target = tmp_path / "handout.pdf"
    with pytest.raises(SaveError) as err:
        save_pdf_atomic(PDF, target)
    assert str(err.value) == f"cannot save {target}: Input/output error"
    assert err.value.reason is SaveProblem.OTHER


def test_a_folder_that_cannot_be_looked_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_entry(self: Path, **kwargs: object) -> os.stat_result:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "stat", no_entry)
    with pytest.raises(SaveError, match="permission denied") as err:
        save_pdf_atomic(PDF, tmp_path / "locked" / "handout.pdf")
    assert err.value.reason is SaveProblem.READ_ONLY


# -- parsing CUPS output ------------------------------------------------------


def test_parse_job_id() -> None:
    assert parse_job_id("request id is kiosk-test-pdf-12 (1 file(s))\n") == "kiosk-test-pdf-12"
    assert parse_job_id("request id is front_desk-3 (0 file(s))") == "front_desk-3"
    assert parse_job_id("") is None


def test_parse_default() -> None:
    assert parse_default("system default destination: office\n") == "office"
    assert parse_default("no system default destination\n") is None


# -- printing errors (hermetic: fake lp/lpstat on PATH) -----------------------


def fake_cups(folder: Path, lpstat: str, lp: str) -> str:
    """Write fake lpstat and lp scripts; returns a PATH holding only them."""
    folder.mkdir()
    for name, body in (("lpstat", lpstat), ("lp", lp)):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin"  # fakes first, then cat etc.


def test_no_cups_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    with pytest.raises(PrintError, match="not installed") as err:
        print_pdf(PDF, "anything")
    assert err.value.reason is PrintProblem.NOT_SET_UP
    with pytest.raises(PrintError, match="not installed"):
        list_printers()


def test_no_printer_and_no_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = fake_cups(
        tmp_path / "bin",
        lpstat='echo "no system default destination"; exit 0',
        lp="exit 0",
    )
    monkeypatch.setenv("PATH", path)
    with pytest.raises(PrintError, match="no default printer") as err:
        print_pdf(PDF, None)
    assert err.value.reason is PrintProblem.NO_PRINTER and err.value.printer == ""


def test_job_refused_reports_lp_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = fake_cups(
        tmp_path / "bin",
        lpstat='echo "printer office is idle.  enabled since today"',
        lp='cat >/dev/null; echo "lp: Error - the job is too big" >&2; echo second >&2; exit 1',
    )
    monkeypatch.setenv("PATH", path)
    with pytest.raises(PrintError) as err:
        print_pdf(PDF, "office")
    assert str(err.value) == "the printer 'office' refused the job: lp: Error - the job is too big"
    assert err.value.reason is PrintProblem.REFUSED and err.value.printer == "office"


def test_stopped_and_unknown_printers_carry_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lpstat = """case "$2" in
  lobby) echo "printer lobby disabled since today -" ;;
  *) echo "lpstat: Invalid destination name in list \"$2\"." >&2; exit 1 ;;
esac"""
    monkeypatch.setenv("PATH", fake_cups(tmp_path / "bin", lpstat=lpstat, lp="exit 99"))
    with pytest.raises(PrintError) as err:
        print_pdf(PDF, "lobby")
    assert str(err.value) == "the printer 'lobby' is stopped; ask staff to restart it"
    assert err.value.reason is PrintProblem.STOPPED and err.value.printer == "lobby"
    with pytest.raises(PrintError) as err:
        print_pdf(PDF, "attic")
    assert str(err.value) == "there is no printer called 'attic'"
    assert err.value.reason is PrintProblem.UNKNOWN_PRINTER and err.value.printer == "attic"


def test_a_silent_printing_system_times_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_cups(
        tmp_path / "bin",
        lpstat='echo "printer office is idle.  enabled since today"',
        lp="exec sleep 5",
    )
    monkeypatch.setenv("PATH", path)
    monkeypatch.setattr(printing, "LP_TIMEOUT_S", 0.2)
    with pytest.raises(PrintError) as err:
        print_pdf(PDF, "office")
    assert str(err.value) == "the printing system did not answer within 0.2 s"
    assert err.value.reason is PrintProblem.NO_ANSWER


def test_lp_gets_the_pdf_on_stdin_with_copies_and_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen"
    path = fake_cups(
        tmp_path / "bin",
        lpstat='echo "printer office is idle.  enabled since today"',
        lp=f'echo "$@" > {seen}.args; cat > {seen}.pdf; echo "request id is office-7 (1 file(s))"',
    )
    monkeypatch.setenv("PATH", path)
    job = print_pdf(PDF, "office", copies=3, title="Twitch handout")
    assert job == printing.PrintJob(printer="office", job_id="office-7", copies=3)
    assert Path(f"{seen}.pdf").read_bytes() == PDF
    assert Path(f"{seen}.args").read_text().split() == [
        "-d", "office", "-n", "3", "-t", "Twitch", "handout", "-",
    ]  # fmt: skip


def test_zero_copies_is_refused() -> None:
    with pytest.raises(PrintError, match="copies") as err:
        print_pdf(PDF, "office", copies=0)
    assert err.value.reason is PrintProblem.BAD_COPIES


# -- a real CUPS queue ---------------------------------------------------------


def test_unknown_printer() -> None:
    if shutil.which("lpstat") is None:
        need_queue(QUEUE)  # CUPS is not here at all: skip (or fail in CI)
    with pytest.raises(PrintError, match="no printer called 'no-such-printer-here'"):
        print_pdf(PDF, "no-such-printer-here")


def test_stopped_printer() -> None:
    need_queue(STOPPED_QUEUE)
    assert printer_state(STOPPED_QUEUE) == "disabled"
    with pytest.raises(PrintError, match="is stopped") as err:
        print_pdf(PDF, STOPPED_QUEUE)
    assert err.value.reason is PrintProblem.STOPPED and err.value.printer == STOPPED_QUEUE


def test_list_printers_shows_the_test_queue() -> None:
    need_queue(QUEUE)
    assert QUEUE in list_printers()


def test_real_print_through_cups_pdf(content: ContentPack) -> None:
    need_queue(QUEUE)
    out = cups_pdf_out()
    options = HandoutOptions(level=ReadingLevel.BASIC, printed_on=dt.date(2026, 1, 2))
    data = build_handout(content.language("en"), content.sources, options)
    title = f"kiosk-test-{uuid.uuid4().hex[:10]}"
    job = print_pdf(data, QUEUE, title=title)
    assert job.printer == QUEUE and job.job_id.startswith(f"{QUEUE}-")

    deadline = time.monotonic() + 30
    found: Path | None = None
    while time.monotonic() < deadline:
        matches = sorted(out.glob(f"*{title}*.pdf")) if out.is_dir() else []
        if matches and matches[0].stat().st_size > 0:
            found = matches[0]
            time.sleep(0.3)  # let cups-pdf finish writing
            break
        time.sleep(0.2)
    assert found is not None, f"no PDF named like {title!r} appeared in {out} within 30 s"
    try:
        text = " ".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(found.read_bytes())).pages
        )
        assert "Get help now" in text
        assert "Main points" in text
    finally:
        found.unlink()
