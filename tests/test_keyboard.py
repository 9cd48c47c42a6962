"""Keyboard-only use: Tab reaches every control in reading order; Enter and Space activate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


@pytest.fixture
def window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """conftest's window, active and exposed, so it takes key presses."""
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def tab_cycle(qtbot: QtBot, window: MainWindow, presses: int = 40) -> list[QWidget]:
    """The widgets focus visits when Tab is pressed repeatedly."""
    seen: list[QWidget] = []
    for _ in range(presses):
        focus = QApplication.focusWidget() or window
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not None and now not in seen:
            seen.append(now)
    return seen


def visible_buttons(window: MainWindow) -> list[QAbstractButton]:
    return [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisibleTo(window) and b.isEnabled() and b.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def test_tab_reaches_every_button_on_start_and_explainer(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(2):
        reached = tab_cycle(qtbot, window)
        missing = [b.objectName() for b in visible_buttons(window) if b not in reached]
        assert not missing, f"Tab never reaches {missing} on {window.navigator.current_id}"
        window.show_screen(ScreenId.EXPLAINER)
        window.explainer.go_next()


def test_tab_order_follows_reading_order_in_the_top_bar(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen(ScreenId.EXPLAINER)
    window.explainer.go_next()  # so Back is enabled too
    reached = [w for w in tab_cycle(qtbot, window) if w.parentWidget() is not None]
    bar = [w for w in reached if window.top_bar.isAncestorOf(w)]
    # The cycle may start anywhere: rotate it to begin at Home.
    start = bar.index(window.top_bar.home)
    bar = bar[start:] + bar[:start]
    xs = [w.mapTo(window, w.rect().topLeft()).x() for w in bar]
    assert xs == sorted(xs), [w.objectName() for w in bar]
    assert reached.index(window.explainer.back) < reached.index(window.explainer.next)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_or_space_activates_the_focused_button(
    qtbot: QtBot, window: MainWindow, key: Qt.Key
) -> None:
    learn = window.start.buttons["learn"]
    learn.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(learn, key)
    if key == Qt.Key.Key_Space:
        qtbot.keyRelease(learn, key)
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.TOPICS, timeout=1000)
