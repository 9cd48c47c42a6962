"""Damaged files never switch off a protection nor lose counts (issue 16 items 1-2).

Each test damages one file, runs the real app (``run_app``), and checks that
the crash guard is in place, the kiosk still resets after the idle time, and
the staff screen shows the problem.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import running_window, tap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import run_app
from kiosk.content.cache import CACHE_FILE
from kiosk.content.models import Answer
from kiosk.counters import counters_path
from kiosk.folders import cache_dir
from kiosk.settings import Settings, settings_path
from kiosk.system_settings import system_settings_path
from kiosk.ui.crash_guard import CrashGuard
from kiosk.ui.idle import IdleReset
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId

pytestmark = pytest.mark.usefixtures("restore_hooks")  # run_app installs its crash guard

EARLIER_DAY = "2026-11-20"
GOOD_COUNTS = {
    "format": 1,
    "days": {EARLIER_DAY: {"sessions": 7, "levels": {"basic": 7}, "tiers": {"routine": 3}}},
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def nested(depth: int = 5000) -> str:
    return "[" * depth + "]" * depth


# Each damage: (what it writes, words the staff banner must show; None: no banner).
def settings_nested() -> None:
    write(settings_path(), '{"paper": ' + nested() + "}")


def settings_long_number() -> None:
    write(settings_path(), '{"paper": "a4", "idle_seconds": 1' + "0" * 5000 + "}")


def system_settings_nested() -> None:
    write(system_settings_path(), '{"paper": ' + nested() + "}")


def counters_nested() -> None:
    write(counters_path(), '{"format": 1, "days": ' + nested() + "}")


def counters_extra_key() -> None:
    write(counters_path(), json.dumps({**GOOD_COUNTS, "note": "from an older version"}))


def cache_tampered() -> None:
    # A sealed-looking copy whose seal is wrong, and one that is not JSON at all.
    write(cache_dir() / CACHE_FILE, '{"format": 1, "key": "x", "mac": "00", "body": {}}')


DAMAGES: dict[str, tuple[Callable[[], None], str | None]] = {
    "settings nested": (settings_nested, "The settings file was damaged"),
    "settings 5,001 digits": (settings_long_number, "idle_seconds"),
    "system settings nested": (system_settings_nested, "System settings file"),
    "counters nested": (counters_nested, "Usage counts: The usage counts file could not be read"),
    "counters extra key": (counters_extra_key, None),
    "content cache tampered": (cache_tampered, None),
}


@pytest.mark.parametrize("fullscreen", [False, True], ids=["windowed", "full screen"])
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_file_switches_off_no_protection(
    qtbot: QtBot,
    damage: str,
    fullscreen: bool,
    caplog: pytest.LogCaptureFixture,
    when_app_ready: Callable[[Callable[[], None]], None],
) -> None:
    make, banner_words = DAMAGES[damage]
    make()
    seen: dict[str, object] = {}

    def script() -> None:
        window = running_window()
        try:
            seen["guarded"] = isinstance(getattr(sys.excepthook, "__self__", None), CrashGuard)
            seen["locked"] = bool(window.findChildren(Lockdown))
            [idle] = window.findChildren(IdleReset)
            idle.set_tick_ms(5)  # 90 s of quiet and a 30 s warning in well under a second
            tap(qtbot, window.start.buttons["checklist"])
            tap(qtbot, window.checklist.intro.start)
            screen = window.checklist.question
            tap(qtbot, screen.advance)
            tap(qtbot, screen.advance)
            tap(qtbot, screen.card("med_change").buttons[Answer.UNSURE])  # an answer on show
            seen["visiting"] = not window.ctx.session.is_pristine()
            qtbot.waitUntil(
                lambda: (
                    window.navigator.current_id is ScreenId.START
                    and window.ctx.session.is_pristine()
                ),
                timeout=5000,
            )
            seen["reset"] = True
            window.staff.open_staff_screen()  # no PIN in the defaults: opened directly
            staff = window.staff.screen
            seen["banner"] = staff.banner.isVisible()
            seen["warning"] = staff.warning.text()
        finally:
            window.staff.exit_requested.emit()

    when_app_ready(script)
    assert run_app(fullscreen=fullscreen) == 0
    assert seen["guarded"] is True, "the crash guard is installed"
    assert seen["locked"] is fullscreen, "the lockdown is on in waiting-room mode"
    assert seen["visiting"] is True
    assert seen.get("reset") is True, "the idle reset brought the start screen back"
    if damage == "content cache tampered":
        assert any("content cache" in r.getMessage() for r in caplog.records), "logged"
    if banner_words is None:
        assert seen["banner"] is False, seen["warning"]
    else:
        assert seen["banner"] is True
        assert banner_words in str(seen["warning"]), seen["warning"]


def one_visit(qtbot: QtBot, when_app_ready: Callable[[Callable[[], None]], None]) -> None:
    """Run the app for one visitor who starts the checklist, then staff's Exit."""

    def script() -> None:
        window = running_window()
        tap(qtbot, window.start.buttons["checklist"])
        window.staff.exit_requested.emit()

    when_app_ready(script)
    assert run_app(fullscreen=False) == 0


def test_damaged_counters_are_kept_aside_and_counting_goes_on(
    qtbot: QtBot, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    counters_nested()
    path = counters_path()
    one_visit(qtbot, when_app_ready)
    [aside] = path.parent.glob("counters.json.damaged-*")
    assert aside.read_text(encoding="utf-8").startswith('{"format": 1, "days": [[[')
    days = json.loads(path.read_text(encoding="utf-8"))["days"]
    assert sum(day["sessions"] for day in days.values()) == 1


def test_an_extra_key_keeps_every_earlier_day(
    qtbot: QtBot, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    counters_extra_key()
    one_visit(qtbot, when_app_ready)
    days = json.loads(counters_path().read_text(encoding="utf-8"))["days"]
    assert days[EARLIER_DAY]["sessions"] == 7
    assert days[EARLIER_DAY]["tiers"] == {"routine": 3}
    assert sum(day["sessions"] for day in days.values()) == 8
    assert list(counters_path().parent.glob("counters.json.damaged-*")) == []


def test_counts_survive_a_normal_quit(
    qtbot: QtBot, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    """Not staff's Exit: the app is quit (a shutdown); the minute has not passed."""
    path = counters_path()

    def script() -> None:
        window = running_window()
        tap(qtbot, window.start.buttons["checklist"])
        assert not path.exists(), "counts are not written at every event"
        QApplication.quit()

    when_app_ready(script)
    assert run_app(fullscreen=False) == 0
    days = json.loads(path.read_text(encoding="utf-8"))["days"]
    assert sum(day["sessions"] for day in days.values()) == 1


def test_counts_are_written_after_an_unexpected_error(
    qtbot: QtBot, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    """The crash guard writes the counts before it resets: the process may be dying."""
    path = counters_path()
    seen: dict[str, object] = {}

    def script() -> None:
        window = running_window()
        try:
            tap(qtbot, window.start.buttons["checklist"])
            seen["before"] = path.exists()
            error = RuntimeError("a bug in a slot")
            sys.excepthook(RuntimeError, error, None)  # what PySide calls for it
            seen["after"] = path.exists()
            seen["start"] = window.navigator.current_id is ScreenId.START
        finally:
            window.staff.exit_requested.emit()

    when_app_ready(script)
    assert run_app(fullscreen=False) == 0
    assert seen == {"before": False, "after": True, "start": True}


def test_the_counts_timer_runs_once_a_minute(qtbot: QtBot, window: MainWindow) -> None:
    from kiosk.counters import Counters
    from kiosk.settings import LoadedSettings
    from kiosk.ui.waiting_room import flush_in_background, install_waiting_room

    counters = Counters()
    room = install_waiting_room(window, LoadedSettings(Settings()), False, counters=counters)
    try:
        assert room.flush_timer.isActive() and room.flush_timer.interval() == 60_000
        assert flush_in_background(counters) is None, "nothing pending, nothing written"
        counters.session_started()
        worker = flush_in_background(counters)
        assert worker is not None
        worker.join(5)
        assert counters_path().exists() and not counters.pending
    finally:
        room.close()
        room.idle.stop()
        room.crash_guard.uninstall()


@pytest.mark.parametrize("fullscreen", [True, False])
def test_dialogs_follow_the_start_mode_not_the_window(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    when_app_ready: Callable[[Callable[[], None]], None],
    fullscreen: bool,
) -> None:
    """A window manager that takes full screen away (or gives it) changes nothing."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append("dialog")
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    seen: dict[str, object] = {}

    def script() -> None:
        window = running_window()
        try:
            if fullscreen:
                window.showNormal()  # what a window manager (or none) did on Linux
            else:
                window.showFullScreen()
            qtbot.wait(50)
            tap(qtbot, window.start.buttons["handout"])
            screen = window.handout.screen
            seen["save offered"] = screen.save_button.isVisible()
            screen.save_handout()  # even if called
        finally:
            window.staff.exit_requested.emit()

    when_app_ready(script)
    assert run_app(fullscreen=fullscreen) == 0
    if fullscreen:
        assert seen == {"save offered": False} and asked == [], "no dialog in waiting-room mode"
    else:
        assert seen == {"save offered": True} and asked == ["dialog"], "windowed: Save works"


def test_a_double_tap_on_start_over_starts_over_once(qtbot: QtBot, window: MainWindow) -> None:
    """The second tap of a double tap on Start again lands on nothing it did not see."""
    from test_visitor_safety import answer_everything, double_tap, open_first_question

    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"weakness": Answer.YES})
    assert window.navigator.current_id is ScreenId.RESULT
    guard = window.tap_guard
    assert guard is not None
    before = guard.swallowed
    double_tap(window, window.checklist.result.start_over)
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    assert guard.swallowed > before, "the second press was dropped"
    assert window.ctx.session.answers == {} and window.ctx.session.outcome is None


def test_after_rapid_taps_the_preview_is_the_sheet_that_prints(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Level and large-print taps in quick succession, then Print: the same sheet."""
    from PySide6.QtCore import Qt
    from PySide6.QtPdf import QPdfDocument
    from test_handout_ui import FakePrinter, open_handout, wait_ready

    from kiosk import printing
    from kiosk.content import ReadingLevel
    from kiosk.ui.widgets.pdf_preview import PdfPreview

    printer = FakePrinter()
    monkeypatch.setattr(printing, "print_pdf", printer)
    screen = open_handout(qtbot, window)
    levels = window.top_bar.levels.buttons
    for button in (
        levels[ReadingLevel.DETAILED],
        levels[ReadingLevel.BASIC],
        screen.large_print,
        levels[ReadingLevel.DETAILED],
        screen.large_print,
        levels[ReadingLevel.STANDARD],
        levels[ReadingLevel.DETAILED],
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.wait(15)
    tap(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: not screen.service.busy)
    [printed] = printer.jobs
    shown = wait_ready(qtbot, screen)
    again = PdfPreview()  # the printed bytes, read the way the preview reads them
    document = again.show_pdf(printed)
    qtbot.waitUntil(lambda: document.status() is QPdfDocument.Status.Ready)

    def pages(doc: QPdfDocument) -> list[str]:
        return [doc.getAllText(page).text() for page in range(doc.pageCount())]

    assert screen.options().level is ReadingLevel.DETAILED and not screen.options().large_print
    assert printed == screen.data
    assert pages(shown) == pages(document), "the preview shows the sheet that printed"
    again.deleteLater()


def test_a_handout_that_cannot_be_built_gives_staff_the_reason(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The visitor sees one calm line; the log (kiosk.log) says what broke."""

    def broken(*args: object, **kwargs: object) -> bytes:
        raise KeyError("handout.yaml: main_points_heading")

    monkeypatch.setattr(window.handout.service, "build", broken)
    with caplog.at_level("ERROR", logger="kiosk.ui.screens.handout"):
        tap(qtbot, window.start.buttons["handout"])
    screen = window.handout.screen
    assert window.navigator.current_id is ScreenId.HANDOUT
    assert screen.status.property("status") == "failure"
    assert "main_points" not in screen.status.text()
    [record] = [r for r in caplog.records if "could not be built" in r.getMessage()]
    assert record.exc_info is not None and "main_points_heading" in str(record.exc_info[1])
