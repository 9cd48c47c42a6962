"""Printing runs on a worker, follows the job, and says where it is (issues 12 and 16).

The real ``kiosk.printing`` code runs against fake ``lp``/``lpstat``/``cancel``
scripts on PATH (each call is logged to a file), and against the real
cups-pdf queue ``kiosk-test-pdf`` when CUPS runs (``bash ci/setup-cups.sh``).
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.printing import PrintError, PrintProblem
from kiosk.settings import Settings
from kiosk.ui.handout_service import HandoutService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId

# The job is listed as queued while the poll count is below WAIT_UNTIL; the
# printer says it is printing it from PRINT_FROM on; from poll HANG_FROM on
# the scheduler never answers (shell arithmetic).
QUEUE = """#!/bin/sh
dir=$(dirname "$0")
echo "lpstat $*" >> "$dir/calls"
case "$1" in
  -d) echo "system default destination: lobby" ;;
  -H) echo "/run/cups/cups.sock" ;;
  -p)
    n=$(cat "$dir/polls" 2>/dev/null || echo 0)
    if [ "$n" -ge {print_from} ]; then
      echo "printer lobby now printing lobby-5.  enabled since Mon 01 Jan 2024"
    else
      echo "printer lobby is idle.  enabled since Mon 01 Jan 2024"
    fi ;;
  -W)
    n=$(cat "$dir/polls" 2>/dev/null || echo 0)
    n=$((n + 1)); echo $n > "$dir/polls"
    if [ "$n" -ge {hang_from} ]; then sleep 60; fi
    if [ "$n" -lt {wait_until} ]; then echo "lobby-5   kiosk   1024   Mon 01 Jan 2024"; fi ;;
esac
"""
LP = """#!/bin/sh
dir=$(dirname "$0")
echo "lp $*" >> "$dir/calls"
cat > /dev/null
{lp_body}
"""
CANCEL = """#!/bin/sh
echo "cancel $*" >> "$(dirname "$0")/calls"
"""


def fake_cups(
    folder: Path,
    wait_until: int = 3,
    print_from: int = 2,
    lp_body: str = 'echo "request id is lobby-5 (1 file(s))"',
    hang_from: int = 1_000_000,
) -> Path:
    """The fake CUPS tools in ``folder``; returns the file their calls are logged in."""
    folder.mkdir()
    lpstat = QUEUE.replace("{wait_until}", str(wait_until)).replace("{print_from}", str(print_from))
    scripts = {
        "lpstat": lpstat.replace("{hang_from}", str(hang_from)),
        "lp": LP.replace("{lp_body}", lp_body),
        "cancel": CANCEL,
    }
    for name, body in scripts.items():
        script = folder / name
        script.write_text(body)
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder / "calls"


def calls(log: Path, tool: str) -> list[str]:
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if line.split()[0] == tool]


@pytest.fixture
def fake_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin")
    return folder


class Heard:
    """Everything the service said, in order, and on which thread."""

    def __init__(self, service: HandoutService) -> None:
        self.events: list[tuple[str, object]] = []
        self.threads: set[str] = set()
        service.print_state.connect(lambda s: self._add("state", s))
        service.print_done.connect(lambda p: self._add("done", p))
        service.print_failed.connect(lambda e: self._add("failed", e))

    def _add(self, kind: str, value: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.events.append((kind, value))

    def ended(self) -> bool:
        return any(kind in ("done", "failed") for kind, _ in self.events)


def service_of(window: MainWindow) -> HandoutService:
    return window.handout.service


def test_a_job_is_followed_waiting_then_printing_then_done(
    qtbot: QtBot, window: MainWindow, fake_path: Path
) -> None:
    log = fake_cups(fake_path, wait_until=3, print_from=2)
    service = service_of(window)
    heard = Heard(service)
    printed: list[int] = []
    service.printed.connect(printed.append)
    assert service.start_print(b"%PDF-1.4 handout")
    assert service.busy
    qtbot.waitUntil(heard.ended, timeout=10_000)
    assert heard.events == [("state", "waiting"), ("state", "printing"), ("done", "lobby")]
    assert heard.threads == {"MainThread"}, "signals reach the screen on the GUI thread"
    assert printed == [1] and not service.busy
    [lp] = calls(log, "lp")
    assert "-o sides=two-sided-long-edge" in lp, "two_sided is on by default"
    assert "cancel -a -x lobby" in calls(log, "cancel"), "the finished job is purged"


def test_one_sided_when_the_clinic_says_so(
    qtbot: QtBot, window: MainWindow, fake_path: Path
) -> None:
    log = fake_cups(fake_path, wait_until=1)
    window.staff.settings = Settings(two_sided=False)
    service = service_of(window)
    heard = Heard(service)
    service.start_print(b"%PDF-1.4")
    qtbot.waitUntil(heard.ended, timeout=10_000)
    assert heard.events == [("done", "lobby")], "gone from the queue at the first look"
    [lp] = calls(log, "lp")
    assert "-o sides=one-sided" in lp


def test_a_job_that_never_leaves_the_queue_fails_calmly_and_is_cancelled(
    qtbot: QtBot, window: MainWindow, fake_path: Path
) -> None:
    log = fake_cups(fake_path, wait_until=10_000, print_from=10_000)
    service = service_of(window)
    service.follow_timeout_s = 1.5
    heard = Heard(service)
    service.start_print(b"%PDF-1.4")
    qtbot.waitUntil(heard.ended, timeout=10_000)
    assert heard.events[0] == ("state", "waiting")
    assert ("state", "printing") not in heard.events, "a pending job is never 'printing'"
    kind, error = heard.events[-1]
    assert kind == "failed" and isinstance(error, PrintError)
    assert error.reason is PrintProblem.NO_ANSWER and error.printer == "lobby"
    assert "cancel -x lobby-5" in calls(log, "cancel"), "it must not print for nobody later"
    assert not service.busy


def test_a_job_that_cannot_be_followed_is_taken_as_sent(
    qtbot: QtBot, window: MainWindow, fake_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.ui.handout_service")
    fake_cups(fake_path, lp_body="echo 'queued'")  # no request id to follow
    service = service_of(window)
    heard = Heard(service)
    service.start_print(b"%PDF-1.4")
    qtbot.waitUntil(heard.ended, timeout=10_000)
    assert heard.events == [("done", "lobby")]
    assert any("cannot be followed" in r.getMessage() for r in caplog.records)


def tap(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_ten_fast_taps_on_print_send_one_job(
    qtbot: QtBot, window: MainWindow, fake_path: Path
) -> None:
    log = fake_cups(fake_path, wait_until=1, lp_body='sleep 1; echo "request id is lobby-5"')
    tap(qtbot, window.start.buttons["handout"])
    assert window.navigator.current_id is ScreenId.HANDOUT
    screen = window.handout.screen
    service = service_of(window)
    heard = Heard(service)
    for _ in range(10):
        tap(qtbot, screen.print_button)
        qtbot.wait(20)
    for _ in range(10):  # and the slot itself, as a stuck touch driver would call it
        screen.print_handout()
    qtbot.waitUntil(heard.ended, timeout=10_000)
    qtbot.wait(200)  # nothing else was started behind it
    assert len(calls(log, "lp")) == 1
    assert [kind for kind, _ in heard.events] == ["done"]
    assert not service.busy and screen.print_button.isEnabled()


@pytest.mark.parametrize("hangs", ["lp", "lpstat"])
def test_a_scheduler_that_never_answers_leaves_the_screen_answering(
    qtbot: QtBot, window: MainWindow, fake_path: Path, monkeypatch: pytest.MonkeyPatch, hangs: str
) -> None:
    """While the print hangs the window paints and answers taps; it says sending or waiting."""
    from PySide6.QtCore import QTimer

    from kiosk import printing
    from kiosk.content import ReadingLevel

    monkeypatch.setattr(printing, "LP_TIMEOUT_S", 3)  # 30 s in the kiosk: each call's limit
    lp_body = "sleep 60" if hangs == "lp" else 'echo "request id is lobby-5 (1 file(s))"'
    # The scheduler answers the first look at the queue (the job is queued, the
    # printer idle), then never again, as a stuck cupsd does.
    log = fake_cups(fake_path, wait_until=10**6, print_from=10**6, lp_body=lp_body, hang_from=2)
    tap(qtbot, window.start.buttons["handout"])
    screen = window.handout.screen
    service = service_of(window)
    heard = Heard(service)
    tap(qtbot, screen.print_button)
    assert service.busy and not screen.print_button.isEnabled()
    expected = "Sending to the printer…" if hangs == "lp" else "Waiting for the printer…"
    qtbot.waitUntil(lambda: screen.status.text() == expected, timeout=3000)
    qtbot.waitUntil(lambda: bool(calls(log, "lp")), timeout=3000)  # handed over
    qtbot.waitUntil(lambda: screen.status.text() == expected, timeout=3000)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.wait(600)  # the print is still pending all this time
    timer.stop()
    assert service.busy, "still pending"
    assert len(ticks) >= 15, f"the event loop ran {len(ticks)} times in 0.6 s"
    assert not window.grab().isNull()
    assert screen.status.text() == expected
    assert ("state", "printing") not in heard.events, "a pending job is never 'printing'"
    tap(qtbot, screen.back)  # a tap is answered at once
    assert window.navigator.current_id is ScreenId.START
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.STANDARD])
    assert window.ctx.session.level is ReadingLevel.STANDARD
    qtbot.waitUntil(heard.ended, timeout=15_000)  # the call's limit ends the wait calmly


def cups_pdf_queue() -> bool:
    if shutil.which("lpstat") is None:
        return False
    result = subprocess.run(
        ["lpstat", "-p", "kiosk-test-pdf"],
        capture_output=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    return result.returncode == 0 and b"disabled" not in result.stdout


@pytest.mark.parametrize("locale", ["C.UTF-8", "es_ES.UTF-8", "de_DE.UTF-8"])
def test_the_real_cups_pdf_queue(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    if not cups_pdf_queue():
        pytest.skip("no enabled CUPS queue kiosk-test-pdf (bash ci/setup-cups.sh makes it)")
    monkeypatch.setenv("LANG", locale)
    monkeypatch.setenv("LC_ALL", locale)
    window.staff.settings = Settings(printer="kiosk-test-pdf")
    service = service_of(window)
    heard = Heard(service)
    data = service.build(service.options(window.ctx.session.level, False, None))
    assert service.start_print(data)
    qtbot.waitUntil(heard.ended, timeout=60_000)
    assert heard.events[-1] == ("done", "kiosk-test-pdf"), heard.events
    states = [value for kind, value in heard.events if kind == "state"]
    assert set(states) <= {"waiting", "printing"}
