"""The kiosk paints its start screen first and builds the other screens just after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.deferred import after_first_paint
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


def deferred_window(qtbot: QtBot, content: ContentPack) -> MainWindow:
    win = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    return win


def test_only_start_screen_before_first_paint(qtbot: QtBot, content: ContentPack) -> None:
    win = deferred_window(qtbot, content)
    assert list(win.navigator.screens) == [ScreenId.START]
    assert not win.built and not win.holds_idle_reset()
    after_first_paint(win, win.finish_building)
    win.show()
    qtbot.waitUntil(lambda: win.built, timeout=3000)
    assert ScreenId.QUESTION in win.navigator.screens
    assert win.start.buttons["checklist"].isVisible()
    assert win.start.buttons["handout"].isVisible()


def test_a_tap_before_the_build_still_works(qtbot: QtBot, content: ContentPack) -> None:
    win = deferred_window(qtbot, content)
    win.show()
    qtbot.mouseClick(win.start.buttons["learn"], Qt.MouseButton.LeftButton)
    assert win.built
    assert win.navigator.current_id is ScreenId.TOPICS


def test_every_button_points_once_built(qtbot: QtBot, content: ContentPack) -> None:
    """The pointing-hand cursor is set after the first paint, on every button."""
    win = deferred_window(qtbot, content)
    shapes = {b.cursor().shape() for b in win.findChildren(QPushButton)}
    assert shapes == {Qt.CursorShape.ArrowCursor}  # not yet: it needs Qt's enums
    win.finish_building()
    buttons = win.findChildren(QPushButton)
    assert len(buttons) > 30
    assert {b.cursor().shape() for b in buttons} == {Qt.CursorShape.PointingHandCursor}
