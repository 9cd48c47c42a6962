"""Waiting-room mode through real widgets: idle reset, emergency hold, lockdown."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QWheelEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ReadingLevel
from kiosk.settings import LoadedSettings, Settings
from kiosk.ui.idle import IdleReset
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.waiting_room import install_waiting_room

TICK_MS = 40  # one "second" in these tests (a margin for busy CI machines)
FAST = Settings(idle_seconds=5, idle_warning_seconds=5, emergency_hold_seconds=15)


@pytest.fixture
def idle(window: MainWindow) -> Iterator[IdleReset]:
    reset = IdleReset(window, FAST, tick_ms=TICK_MS)
    yield reset
    reset.stop()


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visit(qtbot: QtBot, window: MainWindow) -> None:
    """A visitor reads two pages at the detailed level."""
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])


# Idle reset -------------------------------------------------------------


def test_idle_warns_then_resets_everything(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    visit(qtbot, window)
    tap(qtbot, window.top_bar.text_size)
    tap(qtbot, window.top_bar.contrast)
    assert not window.ctx.session.is_pristine()
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)
    assert idle.overlay.title.text() == "Are you still there?"
    assert "seconds" in idle.overlay.message.text()
    assert window.navigator.current_id is ScreenId.EXPLAINER  # not yet
    with qtbot.waitSignal(window.session_reset, timeout=5000):
        pass
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.is_pristine()
    assert not idle.overlay.isVisible()


def test_still_here_button_keeps_the_session(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    visit(qtbot, window)
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)
    assert idle.overlay.button.height() >= 64
    tap(qtbot, idle.overlay.button)
    assert not idle.overlay.isVisible()
    assert not idle.warning_active()
    assert window.navigator.current_id is ScreenId.EXPLAINER
    assert window.ctx.session.level is ReadingLevel.DETAILED
    # The wait starts again: a warning comes back later, not at once.
    qtbot.wait(3 * TICK_MS)
    assert not idle.overlay.isVisible()
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)


# Input arrives as the window system delivers it: on the window's QWindow
# (the idle watcher watches there, not every event of every widget).


def _handle(window: MainWindow) -> QWindow:
    handle = window.windowHandle()
    assert handle is not None
    return handle


def _at(window: MainWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def _key(qtbot: QtBot, window: MainWindow) -> None:
    QTest.keyClick(_handle(window), Qt.Key.Key_A)


def _click(qtbot: QtBot, window: MainWindow) -> None:
    point = _at(window, window.explainer.body)
    QTest.mouseClick(
        _handle(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


_STEPS = itertools.count()


def _move(qtbot: QtBot, window: MainWindow) -> None:
    # Never where the pointer already is (a move to the same place is no move).
    point = _at(window, window.explainer.body) + QPoint(1 + next(_STEPS) % 40, 1)
    QTest.mouseMove(_handle(window), point)


def _wheel(qtbot: QtBot, window: MainWindow) -> None:
    point = QPointF(_at(window, window.explainer.body))
    event = QWheelEvent(
        point,
        QPointF(window.mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(_handle(window), event)


@pytest.mark.parametrize("poke", [_key, _click, _move, _wheel], ids=lambda f: f.__name__[1:])
def test_every_kind_of_input_counts_as_activity(
    qtbot: QtBot, window: MainWindow, idle: IdleReset, poke: object
) -> None:
    visit(qtbot, window)
    assert callable(poke)
    # Idle after 5 ticks; poke every 2 ticks for 20 ticks: never idle.
    for _ in range(10):
        qtbot.wait(2 * TICK_MS)
        poke(qtbot, window)
        assert not idle.overlay.isVisible()
    assert window.navigator.current_id is ScreenId.EXPLAINER
    # Without pokes it does go idle (so the check above could fail).
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)


def test_input_in_another_window_counts_as_activity(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    """A dialog (the laptop's Save dialog) is a window of its own: typing in
    it keeps the visit alive."""
    visit(qtbot, window)
    dialog = QWidget()
    qtbot.addWidget(dialog)
    dialog.resize(300, 200)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle(), timeout=3000)
    handle = dialog.windowHandle()
    assert handle is not None
    for _ in range(10):
        qtbot.wait(2 * TICK_MS)
        QTest.keyClick(handle, Qt.Key.Key_A)
        assert not idle.overlay.isVisible()
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)  # and silence still counts


def test_activity_cancels_a_running_warning(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    visit(qtbot, window)
    qtbot.waitUntil(idle.overlay.isVisible, timeout=5000)
    QTest.keyClick(_handle(window), Qt.Key.Key_Shift)
    assert not idle.overlay.isVisible()
    assert window.navigator.current_id is ScreenId.EXPLAINER


def test_untouched_start_screen_shows_no_warning(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    qtbot.wait(15 * TICK_MS)
    assert not idle.overlay.isVisible()
    assert window.navigator.current_id is ScreenId.START


def test_emergency_result_is_held_longer(qtbot: QtBot, window: MainWindow, idle: IdleReset) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.help_now)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.holds_idle_reset()
    # Ordinary idle (5) + warning (5) have passed: still on the emergency result.
    qtbot.wait(12 * TICK_MS)
    assert window.navigator.current_id is ScreenId.RESULT
    assert not idle.overlay.isVisible()
    # After the hold (40 ticks without input) it resets.
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.START, timeout=5000)
    assert window.ctx.session.is_pristine()


def test_idle_on_the_staff_screen_leaves_staff_mode(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    window.staff.open_staff_screen()
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.START, timeout=3000)
    assert window.top_bar.isVisible()


# Lockdown ---------------------------------------------------------------


MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


class KeyProbe(QObject):
    """Records key presses and context menus that reach a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[QEvent.Type, int]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() not in MODIFIER_KEYS:  # type: ignore[attr-defined]
            self.seen.append((event.type(), event.key()))  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.ContextMenu:
            self.seen.append((event.type(), 0))
        return False


@pytest.fixture
def lockdown(qtbot: QtBot, window: MainWindow) -> Iterator[Lockdown]:
    locked = Lockdown(window, hide_cursor=True)
    window.showFullScreen()
    qtbot.waitUntil(lambda: locked.settled)  # just after the first paint
    yield locked
    locked.release()


def test_lockdown_flags_are_on_the_native_window_before_it_shows(
    qtbot: QtBot, window: MainWindow
) -> None:
    locked = Lockdown(window, hide_cursor=True)
    try:
        handle = window.windowHandle()
        assert handle is not None
        flags = Qt.WindowType(int(handle.flags()))
        assert flags & Qt.WindowType.FramelessWindowHint
        assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert not locked.settled and QGuiApplication.overrideCursor() is None
        window.showFullScreen()
        qtbot.waitUntil(lambda: locked.settled)
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert Qt.WindowType(int(handle.flags())) & Qt.WindowType.FramelessWindowHint
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() is Qt.CursorShape.BlankCursor
    finally:
        locked.release()
    assert QGuiApplication.overrideCursor() is None


def test_lockdown_refuses_close(qtbot: QtBot, window: MainWindow, lockdown: Lockdown) -> None:
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    assert not window.close()
    assert window.isVisible()
    lockdown.allow_exit()  # staff chose "Exit kiosk"
    assert window.close()
    assert not window.isVisible()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_lockdown_swallows_quit_keys(
    qtbot: QtBot,
    window: MainWindow,
    lockdown: Lockdown,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
) -> None:
    probe = KeyProbe()
    window.installEventFilter(probe)
    window.setFocus()
    QTest.keyClick(_handle(window), key, modifier)  # as the keyboard sends it
    assert probe.seen == []
    assert window.isVisible()
    QTest.keyClick(_handle(window), Qt.Key.Key_A)  # ordinary keys still arrive
    assert probe.seen == [(QEvent.Type.KeyPress, Qt.Key.Key_A)]
    lockdown.release()
    QTest.keyClick(_handle(window), key, modifier)
    assert probe.seen[-1] == (QEvent.Type.KeyPress, key)


def test_lockdown_no_context_menu_and_hidden_cursor(window: MainWindow, lockdown: Lockdown) -> None:
    assert window.contextMenuPolicy() is Qt.ContextMenuPolicy.NoContextMenu
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() is Qt.CursorShape.BlankCursor
    probe = KeyProbe()
    target = window.start.buttons["learn"]
    target.installEventFilter(probe)
    right, none = Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier
    # A right click and the Menu key, on the window as the system delivers them.
    QTest.mouseClick(_handle(window), right, none, _at(window, target))
    target.setFocus()
    QTest.keyClick(_handle(window), Qt.Key.Key_Menu)
    assert probe.seen == []
    assert not window.start.buttons["learn"].isDown()
    lockdown.release()
    assert QGuiApplication.overrideCursor() is None
    # Without the lockdown the same right click asks for a context menu.
    QTest.mouseClick(_handle(window), right, none, _at(window, target))
    assert (QEvent.Type.ContextMenu, 0) in probe.seen


def test_lockdown_keeps_cursor_when_not_asked(qtbot: QtBot, window: MainWindow) -> None:
    locked = Lockdown(window, hide_cursor=False)
    try:
        assert QGuiApplication.overrideCursor() is None
    finally:
        locked.release()


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    hook = sys.excepthook
    yield
    sys.excepthook = hook


@pytest.mark.usefixtures("restore_hooks")
def test_windowed_mode_has_no_lockdown_but_idle_reset(qtbot: QtBot, window: MainWindow) -> None:
    room = install_waiting_room(window, LoadedSettings(FAST), fullscreen=False, tick_ms=TICK_MS)
    try:
        assert room.lockdown is None
        assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
        visit(qtbot, window)
        with qtbot.waitSignal(window.session_reset, timeout=3000):
            pass
        assert window.ctx.session.is_pristine()
        assert window.close()
    finally:
        room.idle.stop()
        room.crash_guard.uninstall()


@pytest.mark.usefixtures("restore_hooks")
def test_fullscreen_mode_installs_lockdown(qtbot: QtBot, window: MainWindow) -> None:
    room = install_waiting_room(
        window, LoadedSettings(Settings(hide_cursor=True)), fullscreen=True, tick_ms=TICK_MS
    )
    try:
        assert room.lockdown is not None
        assert not window.close()
    finally:
        room.idle.stop()
        room.crash_guard.uninstall()
        if room.lockdown is not None:
            room.lockdown.release()
