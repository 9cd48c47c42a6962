"""Nothing is clipped or pushed off screen, at every text size and two screen sizes.

Walks every screen the self-test visits, at every level, in every language
(explainer pages scroll, so only the first and last are walked), and checks
each visible button and label: inside the window, and big enough for its text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session, TextSize
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.self_test import visit_all
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX


def inside_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped_widgets(window: MainWindow, screen: tuple[int, int]) -> list[str]:
    """Describe every visible control that is cut off or too small."""
    problems: list[str] = []
    frame = QRect(0, 0, *screen)
    hint = window.minimumSizeHint()
    if hint.width() > screen[0] or hint.height() > screen[1]:
        problems.append(f"the window needs {hint.width()}x{hint.height()}, the screen is {screen}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, QAbstractButton | QLabel):
            continue
        name = widget.objectName() or type(widget).__name__
        text = widget.text()
        if not text:
            continue
        if not inside_scroll_area(widget):
            rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not frame.contains(rect):
                problems.append(f"{name} is off screen: {rect} not in {frame}")
        if isinstance(widget, QAbstractButton):
            if widget.height() < MIN_TOUCH_PX:
                problems.append(f"{name} is {widget.height()} px high")
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1:
                problems.append(
                    f"{name} text {text!r} needs {hint.width()} px, has {widget.width()}"
                )
        elif isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                problems.append(f"{name} needs {needed} px high, has {widget.height()}")
    return problems


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("text_size", list(TextSize))
def test_no_screen_clips(
    qtbot: QtBot, content: ContentPack, size: tuple[int, int], text_size: TextSize
) -> None:
    failures: list[str] = []
    for lang in content.languages:
        window = MainWindow(ScreenContext(content=content, session=Session(default_language=lang)))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.ctx.session.text_size = text_size
        window.apply_theme()
        window.refresh_current()
        for view, level in visit_all(window, reset=False, every_page=False):
            for _ in range(3):  # nested word-wrapped layouts settle in a few passes
                QApplication.processEvents()
            failures += [f"{lang} {view} {level}: {p}" for p in clipped_widgets(window, size)]
        window.close()
    assert not failures, "\n".join(failures[:40])
