"""Every control on every screen is big enough to touch and has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.self_test import visit_all
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX

CONTROLS = (QAbstractButton, QComboBox, QLineEdit)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, else the label text."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().strip()
    return name


def problems(window: MainWindow) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, QAbstractSlider):
            continue  # scroll bars belong to Qt's scroll areas
        if not isinstance(widget, CONTROLS) or widget.parent() is None:
            continue
        if type(widget).__name__.startswith("QScroll") or widget.objectName().startswith("qt_"):
            continue
        label = widget.objectName() or type(widget).__name__
        if widget.height() < MIN_TOUCH_PX:
            found.append(f"{label} is {widget.height()} px high")
        if not spoken_name(widget):
            found.append(f"{label} has no accessible name")
    return found


def test_every_control_on_every_screen(qtbot: QtBot, content: ContentPack) -> None:
    failures: list[str] = []
    for lang in content.languages:
        window = MainWindow(ScreenContext(content=content, session=Session(default_language=lang)))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        for view, level in visit_all(window, every_page=False):
            QApplication.processEvents()
            failures += [f"{lang} {view} {level}: {p}" for p in problems(window)]
    assert not sorted(set(failures)), "\n".join(sorted(set(failures))[:40])


def test_the_walk_sees_controls(qtbot: QtBot, window: MainWindow) -> None:
    """The check is not vacuous: it finds the start screen's buttons."""
    seen = [w for w in window.findChildren(QAbstractButton) if w.isVisibleTo(window)]
    assert len(seen) >= 5
    window.start.buttons["learn"].setAccessibleName("")
    window.start.buttons["learn"].setText("")
    assert any("start_learn has no accessible name" in p for p in problems(window))
