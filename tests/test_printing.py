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
import subprocess
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
    PrintJob,
    PrintProblem,
    PrintState,
    SaveError,
    SaveProblem,
    default_printer,
    follow_job,
    is_local_server,
    job_state,
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


def fake_cups(folder: Path, lpstat: str, lp: str, cancel: str = "exit 0") -> str:
    """Write fake lpstat, lp and cancel scripts; returns a PATH with them first."""
    folder.mkdir()
    for name, body in (("lpstat", lpstat), ("lp", lp), ("cancel", cancel)):
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


def test_two_sided_reaches_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "args"
    path = fake_cups(
        tmp_path / "bin",
        lpstat='echo "printer office is idle.  enabled since today"',
        lp=f'echo "$@" > {seen}; cat >/dev/null; echo "request id is office-8 (1 file(s))"',
    )
    monkeypatch.setenv("PATH", path)
    print_pdf(PDF, "office", two_sided=True)
    args = seen.read_text().split()
    assert args[args.index("-o") + 1] == "sides=two-sided-long-edge"
    print_pdf(PDF, "office", two_sided=False)
    args = seen.read_text().split()
    assert args[args.index("-o") + 1] == "sides=one-sided"
    print_pdf(PDF, "office")  # None: the printer's own default
    assert "-o" not in seen.read_text().split()


def test_every_cups_tool_runs_in_the_c_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = tmp_path / "env"
    record = f'echo "$0 LC_ALL=$LC_ALL LANG=$LANG LC_MESSAGES=$LC_MESSAGES" >> {env}'
    lpstat = f"""{record}
case "$1" in
  -d) echo "system default destination: office" ;;
  -H) echo /run/cups/cups.sock ;;
  -W) : ;;
  *) echo "printer office is idle.  enabled since today" ;;
esac"""
    path = fake_cups(
        tmp_path / "bin",
        lpstat=lpstat,
        lp=f'{record}; cat >/dev/null; echo "request id is office-9 (1 file(s))"',
        cancel=record,
    )
    monkeypatch.setenv("PATH", path)
    for name, value in (("LANG", "es_ES.UTF-8"), ("LC_ALL", "de_DE.UTF-8")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("LC_MESSAGES", "es_ES.UTF-8")
    job = print_pdf(PDF, None)  # default_printer, printer_state, lp
    list_printers()
    follow_job(PrintJob("office", "office-9", 1), timeout_s=1, poll_s=0.01)
    lines = env.read_text().splitlines()
    assert {line.split()[0].rsplit("/", 1)[1] for line in lines} == {"lpstat", "lp", "cancel"}
    assert all(line.split()[1:] == ["LC_ALL=C", "LANG=C", "LC_MESSAGES=C"] for line in lines)
    assert job.job_id == "office-9"


@pytest.mark.parametrize("tool", ["lp", "lpstat"])
def test_a_hung_cups_tool_is_killed_and_gives_a_typed_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    pids = tmp_path / "pids"
    # A shell that starts a child and waits: killing only the shell would leave the child.
    hang = f"sleep 30 & echo $! >> {pids}; wait"
    idle = 'echo "printer office is idle.  enabled since today"'
    path = fake_cups(
        tmp_path / "bin",
        lpstat=hang if tool == "lpstat" else idle,
        lp=hang if tool == "lp" else "cat >/dev/null; exit 0",
    )
    monkeypatch.setenv("PATH", path)
    started = time.monotonic()
    with pytest.raises(PrintError) as err:
        print_pdf(PDF, "office", timeout_s=0.5)
    assert time.monotonic() - started < 3
    assert err.value.reason is PrintProblem.NO_ANSWER
    assert str(err.value) == "the printing system did not answer within 0.5 s"
    time.sleep(0.2)
    for pid in pids.read_text().split():
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().split()[2] == "Z", "child left running"


def fake_queue(
    folder: Path, states: list[str], tmp_path: Path, host: str = "/run/cups/cups.sock"
) -> str:
    """Fake lpstat whose answer about job office-5 moves through ``states`` (one per -o call)."""
    step = tmp_path / "step"
    step.write_text("0")
    script = f"""case "$1" in
  -H) echo "{host}" ;;
  -W) n=$(cat {step}); echo $((n + 1)) > {step}
      case $(sed -n "$((n + 1))p" {tmp_path / "states"}) in
        waiting) echo "office-5 root 1024 Tue 01 Dec 2026" ;;
        printing) echo "office-5 root 1024 Tue 01 Dec 2026"; touch {tmp_path / "printing"} ;;
        *) : ;;
      esac ;;
  -p) if [ -e {tmp_path / "printing"} ]; then rm {tmp_path / "printing"}
        echo "printer office now printing office-5.  enabled since today"
      else echo "printer office is idle.  enabled since today"; fi ;;
esac"""
    (tmp_path / "states").write_text("\n".join(states) + "\n")
    return fake_cups(
        folder, lpstat=script, lp="exit 0", cancel=f'echo "$@" > {tmp_path / "cancel"}'
    )


def test_job_state_tells_waiting_from_printing_and_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_queue(tmp_path / "bin", ["waiting", "printing", "done"], tmp_path)
    monkeypatch.setenv("PATH", path)
    job = PrintJob("office", "office-5", 1)
    assert [job_state(job) for _ in range(3)] == [
        PrintState.WAITING,
        PrintState.PRINTING,
        PrintState.DONE,
    ]
    assert job_state(PrintJob("office", "", 1)) is PrintState.UNKNOWN


def test_follow_job_reports_each_state_then_purges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_queue(
        tmp_path / "bin", ["waiting", "waiting", "printing", "done", "done"], tmp_path
    )
    monkeypatch.setenv("PATH", path)
    seen: list[PrintState] = []
    outcome = follow_job(PrintJob("office", "office-5", 1), poll_s=0, on_change=seen.append)
    assert seen == [PrintState.WAITING, PrintState.PRINTING, PrintState.DONE]
    assert outcome.state is PrintState.DONE and outcome.purged
    assert (tmp_path / "cancel").read_text().split() == ["-a", "-x", "office"]


def test_follow_job_never_purges_a_print_server_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_queue(tmp_path / "bin", ["done", "done"], tmp_path, host="printhost.clinic:631")
    monkeypatch.setenv("PATH", path)
    outcome = follow_job(PrintJob("office", "office-5", 1), poll_s=0)
    assert outcome.state is PrintState.DONE and not outcome.purged
    assert not (tmp_path / "cancel").exists()


def test_follow_job_gives_up_at_its_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_queue(tmp_path / "bin", ["waiting"] * 50, tmp_path)
    monkeypatch.setenv("PATH", path)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    outcome = follow_job(
        PrintJob("office", "office-5", 1), timeout_s=10, poll_s=1, clock=lambda: now[0], sleep=sleep
    )
    assert outcome.state is PrintState.WAITING and not outcome.purged
    assert now[0] <= 10
    assert not (tmp_path / "cancel").exists()


def test_follow_job_survives_a_printing_system_that_stops_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fake_cups(tmp_path / "bin", lpstat="exec sleep 30", lp="exit 0"))
    started = time.monotonic()
    outcome = follow_job(PrintJob("office", "office-5", 1), timeout_s=0.5)
    assert outcome.state is PrintState.UNKNOWN and not outcome.purged
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("/run/cups/cups.sock", True),
        ("localhost:631", True),
        ("127.0.0.1:631", True),
        ("[::1]:631", True),
        ("printhost.clinic:631", False),
        ("10.0.0.5", False),
        ("", False),
    ],
)
def test_is_local_server(host: str, local: bool) -> None:
    assert is_local_server(host) is local


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


def marked_pdf(marker: str) -> bytes:
    """A one-page PDF whose page text and title hold ``marker``, uncompressed."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.setTitle(marker)
    page.drawString(72, 720, f"Your checklist result: {marker}")
    page.showPage()
    page.save()
    data = buffer.getvalue()
    assert marker.encode() in data
    return data


def remove_cups_pdf_output(marker: str) -> None:
    out = cups_pdf_out()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # cups-pdf may still be writing the "paper"
        found = sorted(out.glob(f"*{marker}*")) if out.is_dir() else []
        if found:
            time.sleep(0.3)
            for path in found:
                path.unlink(missing_ok=True)
            return
        time.sleep(0.2)


@pytest.mark.parametrize("lang", ["es_ES.UTF-8", "de_DE.UTF-8"])
def test_real_printing_path_in_other_locales(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    need_queue(QUEUE)
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(name, lang)
    translated = subprocess.run(
        ["lpstat", "-p", QUEUE], capture_output=True, text=True, check=False
    ).stdout
    assert not translated.startswith(f"printer {QUEUE} "), "CUPS answers in the locale here"
    assert QUEUE in list_printers()
    default_printer()  # parses, whatever the default is
    assert printer_state(QUEUE) in ("idle", "printing")
    assert printer_state(STOPPED_QUEUE) == "disabled"
    marker = f"kiosk-locale-{uuid.uuid4().hex[:10]}"
    job = print_pdf(marked_pdf(marker), QUEUE, title=marker, two_sided=True)
    assert job.job_id.startswith(f"{QUEUE}-")
    outcome = follow_job(job, timeout_s=30, poll_s=0.2)
    assert outcome.state is PrintState.DONE
    remove_cups_pdf_output(marker)


def spool_readable() -> bool:
    spool = Path("/var/spool/cups")
    return spool.is_dir() and os.access(spool, os.R_OK | os.X_OK)


def files_holding(folder: Path, marker: str) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        try:
            if path.is_file() and marker.encode() in path.read_bytes():
                found.append(path)
        except OSError:
            continue
    return found


def test_a_printed_handout_leaves_nothing_in_the_cups_spool() -> None:
    need_queue(QUEUE)
    if not spool_readable():
        pytest.skip("/var/spool/cups is not readable (run as root, as CI does)")
    marker = f"kiosk-spool-{uuid.uuid4().hex[:12]}"
    job = print_pdf(marked_pdf(marker), QUEUE, title=marker, two_sided=True)
    outcome = follow_job(job, timeout_s=30, poll_s=0.2)
    assert outcome.state is PrintState.DONE
    assert outcome.purged
    remove_cups_pdf_output(marker)
    deadline = time.monotonic() + 5
    while files_holding(Path("/var/spool/cups"), marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert files_holding(Path("/var/spool/cups"), marker) == [], (
        "CUPS kept the handout: ci/setup-cups.sh sets PreserveJobFiles No and PreserveJobHistory No"
    )


GET_JOB = """{
  NAME "get job"
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR name requesting-user-name $user
  STATUS successful-ok
  DISPLAY sides
}
"""


def test_a_queued_job_is_waiting_and_carries_two_sided(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The stopped queue accepts jobs but does not print them: a real pending job.
    need_queue(STOPPED_QUEUE)
    if shutil.which("ipptool") is None:
        pytest.skip("ipptool (cups-ipp-utils) is not installed")
    monkeypatch.setattr(printing, "printer_state", lambda name, timeout_s=None: "idle")
    marker = f"kiosk-wait-{uuid.uuid4().hex[:12]}"
    job = print_pdf(marked_pdf(marker), STOPPED_QUEUE, title=marker, two_sided=True)
    test_file = tmp_path / "get-job.test"
    test_file.write_text(GET_JOB, encoding="utf-8")
    try:
        assert job_state(job) is PrintState.WAITING
        attributes = subprocess.run(
            [
                "ipptool",
                "-d",
                f"job_id={job.job_id.rsplit('-', 1)[1]}",
                f"ipp://localhost/printers/{STOPPED_QUEUE}",
                str(test_file),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
            timeout=30,
            check=False,
        ).stdout
        assert "two-sided-long-edge" in attributes
    finally:
        subprocess.run(["cancel", "-x", job.job_id], capture_output=True, check=False)
    assert job_state(job) is PrintState.DONE
    if spool_readable():
        deadline = time.monotonic() + 5
        while files_holding(Path("/var/spool/cups"), marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert files_holding(Path("/var/spool/cups"), marker) == []
