"""Staff mode through real widgets: corner gesture, PIN pad, staff screen."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator

import pypdf
import pytest
from app_helpers import running_window, tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

import kiosk.printing
from kiosk import printing
from kiosk.app import run_app
from kiosk.content import ContentPack, ReadingLevel
from kiosk.counters import Counters
from kiosk.session import Session
from kiosk.settings import Paper, Settings, load_settings, settings_path
from kiosk.staff_pin import hash_pin
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.staff_mode import CORNER_PX

PIN = "4821"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def window(qtbot: QtBot, content: ContentPack, pin_hash: str) -> MainWindow:
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.staff.configure(Settings(pin_hash=pin_hash), None, Counters())
    return win


def corner_taps(qtbot: QtBot, window: MainWindow, count: int = 5) -> None:
    """Real taps in the corner, delivered to the window as a finger's are."""
    handle = window.windowHandle()
    assert handle is not None
    # Qt remembers pressed buttons across windows: one left down by an earlier
    # test (a press and hold) would turn these presses into moves.
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton)
    for n in range(count):
        QTest.mouseClick(
            handle,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(window.width() - CORNER_PX // 2, 20),
            400 if n == 0 else -1,  # not the second tap of a double tap (tap guard)
        )
        QTest.qWait(5)


def type_pin(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    pad = window.staff.pin_screen.pad
    for digit in pin:
        tap(qtbot, pad.keys[digit])
    tap(qtbot, pad.keys["ok"])


def open_staff(qtbot: QtBot, window: MainWindow) -> None:
    corner_taps(qtbot, window)
    type_pin(qtbot, window, PIN)
    assert window.navigator.current_id is ScreenId.STAFF


def test_five_corner_taps_open_the_pin_pad(qtbot: QtBot, window: MainWindow) -> None:
    corner_taps(qtbot, window, 4)
    assert window.navigator.current_id is ScreenId.START
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(  # elsewhere
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 400)
    )
    corner_taps(qtbot, window, 4)
    assert window.navigator.current_id is ScreenId.START
    corner_taps(qtbot, window, 1)
    assert window.navigator.current_id is ScreenId.STAFF_PIN
    assert not window.top_bar.isVisible()
    screen = window.staff.pin_screen
    assert screen.message.text() == "Type the staff PIN, then OK."
    for key in [*"0123456789", "clear", "ok"]:
        button = screen.pad.keys[key]
        assert button.height() >= 64 and button.width() >= 64, key


def test_slow_taps_do_not_open(window: MainWindow) -> None:
    now = [0.0]
    window.staff.corner.clock = lambda: now[0]
    for _ in range(5):
        window.staff.corner.tap_at(QPoint(window.width() - 10, 10))
        now[0] += 1.0  # five taps over 4 s
    assert window.navigator.current_id is ScreenId.START


def test_wrong_pin_then_lock(qtbot: QtBot, window: MainWindow) -> None:
    corner_taps(qtbot, window)
    screen = window.staff.pin_screen
    for left in (4, 3, 2, 1):
        type_pin(qtbot, window, "0000")
        tries = "1 try" if left == 1 else f"{left} tries"
        assert screen.message.text() == f"Wrong PIN, {tries} left."
    type_pin(qtbot, window, "0000")
    assert "locked" in screen.message.text()
    assert "5:00" in screen.message.text()
    assert not screen.pad.keys["1"].isEnabled()
    assert screen.timer.isActive()  # the countdown ticks
    # Even the right PIN is refused while locked.
    screen.pin = PIN
    screen.submit()
    assert window.navigator.current_id is ScreenId.STAFF_PIN
    tap(qtbot, screen.cancel)
    assert window.navigator.current_id is ScreenId.START


def test_no_pin_set_keeps_staff_mode_closed(qtbot: QtBot, window: MainWindow) -> None:
    window.staff.configure(Settings(), None)
    corner_taps(qtbot, window)
    screen = window.staff.pin_screen
    assert window.navigator.current_id is ScreenId.STAFF_PIN
    assert "kiosk settings set-pin" in screen.message.text()
    assert not screen.pad.keys["ok"].isEnabled()
    tap(qtbot, screen.cancel)
    assert window.navigator.current_id is ScreenId.START


def test_right_pin_opens_staff_screen_and_leaving_resets(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    open_staff(qtbot, window)
    staff = window.staff.screen
    assert staff.title.text() == "Staff settings"
    assert not staff.banner.isVisible()
    tap(qtbot, staff.leave)
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.is_pristine()
    assert window.top_bar.isVisible()


def test_save_settings_from_the_staff_screen(qtbot: QtBot, window: MainWindow) -> None:
    open_staff(qtbot, window)
    staff = window.staff.screen
    tap(qtbot, staff.paper.buttons["a4"])
    tap(qtbot, staff.level.buttons["standard"])
    tap(qtbot, staff.idle.plus)  # 90 -> 105
    # Clinic name typed on the on-screen keyboard.
    staff.fields["clinic_name"].setFocus()
    for key in "OAK ST":
        tap(qtbot, staff.keyboard.keys[key])
    tap(qtbot, staff.keyboard.keys["\b"])
    staff.fields["emergency_number"].setFocus()
    staff.fields["emergency_number"].clear()
    for key in "112":
        tap(qtbot, staff.keyboard.keys[key])
    with qtbot.waitSignal(window.staff.settings_saved, timeout=2000) as saved:
        tap(qtbot, staff.save)
    assert staff.status.text() == "Saved. The new settings are in use."
    stored = load_settings().settings
    assert saved.args == [stored]
    assert stored.paper is Paper.A4
    assert stored.default_level is ReadingLevel.STANDARD
    assert stored.idle_seconds == 105
    assert stored.clinic_name == "OAK S"
    assert stored.emergency_number == "112"
    assert stored.pin_hash == window.staff.settings.pin_hash  # PIN kept
    # Applied at once: the next visitor starts at the new default level.
    assert window.ctx.emergency_number == "112"
    tap(qtbot, staff.leave)
    assert window.ctx.session.level is ReadingLevel.STANDARD


def test_invalid_value_is_shown_and_nothing_saved(qtbot: QtBot, window: MainWindow) -> None:
    open_staff(qtbot, window)
    staff = window.staff.screen
    staff.fields["emergency_number"].setFocus()
    staff.fields["emergency_number"].clear()
    tap(qtbot, staff.keyboard.keys["A"])
    tap(qtbot, staff.save)
    assert staff.status.text().startswith("Not saved: emergency_number must be")
    assert not settings_path().exists()


def test_save_failure_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    from kiosk.settings import SettingsError

    def fail(settings: Settings) -> None:
        raise SettingsError("could not save settings to /nowhere: Permission denied")

    window.staff.save = fail
    open_staff(qtbot, window)
    tap(qtbot, window.staff.screen.save)
    assert "Permission denied" in window.staff.screen.status.text()


def test_printers_listed_or_none_found(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk.printing, "list_printers", lambda: ["Front desk", "Back office"])
    open_staff(qtbot, window)
    staff = window.staff.screen
    items = [staff.printer.itemData(i) for i in range(staff.printer.count())]
    assert items == ["", "Front desk", "Back office"]
    assert not staff.no_printers.isVisible()
    tap(qtbot, staff.leave)

    def broken() -> list[str]:
        raise OSError("lpstat not found")

    monkeypatch.setattr(kiosk.printing, "list_printers", broken)
    open_staff(qtbot, window)
    assert staff.no_printers.isVisible()
    assert staff.no_printers.text().startswith("No printers found")


def test_quick_print_signal_and_counts(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs: list[tuple[bytes, str | None, int]] = []

    def fake_print(
        data: bytes, printer: str | None, copies: int = 1, title: str = "", **_options: object
    ) -> object:
        jobs.append((data, printer, copies))
        # No job id: not followed in a queue (tests/test_print_worker.py does that).
        return printing.PrintJob(printer="front-desk", job_id="", copies=copies)

    monkeypatch.setattr(printing, "print_pdf", fake_print)
    counters = window.staff.counters
    assert counters is not None
    counters.session_started()
    counters.handout_printed(2)
    open_staff(qtbot, window)
    staff = window.staff.screen
    assert "Sessions: 1" in staff.counts_text.text()
    assert "Handouts printed: 2" in staff.counts_text.text()
    tap(qtbot, staff.print_level.buttons["detailed"])
    tap(qtbot, staff.print_language.buttons["es"])
    for _ in range(12):  # stops at 10
        if staff.copies.plus.isEnabled():
            tap(qtbot, staff.copies.plus)
    counted: list[int] = []
    window.handout_printed.connect(counted.append)
    with qtbot.waitSignal(window.staff.quick_print_requested, timeout=1000) as printed:
        tap(qtbot, staff.print_button)
    assert printed.args == [ReadingLevel.DETAILED, "es", 10]
    assert staff.print_status.text() == "Sending to the printer..."
    qtbot.waitUntil(lambda: not window.handout.service.busy)
    # The handout really went to the printer: Spanish, detailed, 10 copies.
    [(data, _printer, copies)] = jobs
    assert copies == 10
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "músculos" in text
    assert staff.print_status.text() == "Sent 10 copies to front-desk."
    assert counted == [10]  # kiosk.ui.usage counts this signal


def test_quick_print_failure_is_shown(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(data: bytes, printer: str | None, copies: int = 1, title: str = "") -> object:
        raise printing.PrintError("the printer is stopped")

    monkeypatch.setattr(printing, "print_pdf", refused)
    open_staff(qtbot, window)
    tap(qtbot, window.staff.screen.print_button)
    qtbot.waitUntil(lambda: not window.handout.service.busy)
    assert window.staff.screen.print_status.text() == (
        "Could not print: Something went wrong with the printer."
    )


def test_exit_kiosk_button(qtbot: QtBot, window: MainWindow) -> None:
    open_staff(qtbot, window)
    with qtbot.waitSignal(window.staff.exit_requested, timeout=1000):
        tap(qtbot, window.staff.screen.exit)


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    hook = sys.excepthook
    yield
    sys.excepthook = hook


@pytest.mark.usefixtures("restore_hooks")
def test_damaged_settings_file_through_the_app(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    when_app_ready: Callable[[Callable[[], None]], None],
) -> None:
    """A corrupt file: the app starts with defaults, staff see a warning, a log line."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"paper": "a4", "idle_seconds": ', encoding="utf-8")
    seen: dict[str, object] = {}

    def inspect() -> None:
        window = running_window()
        seen["settings"] = window.staff.settings
        window.staff.open_staff_screen()  # the PIN pad is closed: no PIN in defaults
        staff = window.staff.screen
        seen["banner"] = staff.banner.isVisible()
        seen["warning"] = staff.warning.text()
        seen["fullscreen"] = window.isFullScreen()
        tap(qtbot, staff.exit)

    when_app_ready(inspect)
    assert run_app(fullscreen=None) == 0
    assert seen["settings"] == Settings()
    assert seen["banner"] is True
    assert "was damaged" in str(seen["warning"])
    assert seen["fullscreen"] is False
    assert any("was damaged" in r.getMessage() for r in caplog.records)
    # The damaged file is kept aside for staff to look at (issue 16), never lost.
    [aside] = path.parent.glob("settings.json.damaged-*")
    assert aside.read_text(encoding="utf-8").startswith('{"paper"')
    assert aside.name in str(seen["warning"])
