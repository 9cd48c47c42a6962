"""Nothing is clipped or pushed off screen, at every text size, theme and screen size.

Walks every screen the self-test visits, at every level, in every language
(explainer pages scroll, so only the first and last are walked), and checks
each visible button and label: inside the window, and big enough for its text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session, TextSize
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.self_test import visit_all
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX, line_width_px


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


# Issue 14: the five screens the kiosk meets, from a laptop to a 4K wall screen
# and a portrait floor kiosk.
SIZES = [(1366, 768), (1280, 800), (1920, 1080), (3840, 2160), (1080, 1920)]
MIN_GAP_PX = 8
MAX_LINE_CHARS = 80  # "about 75": a little slack for the estimate per character
# What a visitor needs to answer and move on: in the lower two thirds of a
# portrait screen (object names; the cards' answers are matched by prefix).
REACH = (
    "question_advance",
    "question_back",
    "question_help",
    "explainer_next",
    "explainer_back",
    "explainer_topics",
    "explainer_help",
    "topics_read_all",
    "topics_help",
    "answer_",
)


def visible_buttons(window: MainWindow) -> list[tuple[str, QRect]]:
    """Every button on show, with its rectangle in window coordinates (the part
    of a scrolled area that is in view only)."""
    out: list[tuple[str, QRect]] = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.visibleRegion().isEmpty():
            continue
        shown = button.visibleRegion().boundingRect()
        out.append((button.objectName(), shown.translated(button.mapTo(window, QPoint(0, 0)))))
    return out


def spacing_problems(window: MainWindow) -> list[str]:
    """Touch targets under 64 px, or closer than 8 px to another one."""
    problems: list[str] = []
    buttons = visible_buttons(window)
    for name, rect in buttons:
        full = rect.height() >= MIN_TOUCH_PX - 1 or rect.top() <= 0
        if rect.width() < MIN_TOUCH_PX or not full:
            # A button cut by its scroll area's edge is only partly in view.
            widget = window.findChild(QAbstractButton, name)
            if widget is not None and widget.height() >= MIN_TOUCH_PX <= widget.width():
                continue
            problems.append(f"{name} is {rect.width()}x{rect.height()} px")
    for i, (name, rect) in enumerate(buttons):
        for other, other_rect in buttons[i + 1 :]:
            grown = rect.adjusted(-MIN_GAP_PX + 1, -MIN_GAP_PX + 1, MIN_GAP_PX - 1, MIN_GAP_PX - 1)
            if grown.intersects(other_rect):
                problems.append(f"{name} {rect} and {other} {other_rect} are under 8 px apart")
    return problems


def line_problems(window: MainWindow) -> list[str]:
    """Wrapped text whose lines run longer than about 75 characters."""
    problems: list[str] = []
    for text in window.findChildren(QLabel):
        if not text.isVisibleTo(window) or not text.wordWrap():
            continue
        plain = QTextDocumentFragment.fromHtml(text.text()).toPlainText()
        longest = max((len(line) for line in plain.splitlines()), default=0)
        if longest <= MAX_LINE_CHARS:
            continue
        per_char = line_width_px(text, 100) / 100
        chars = text.contentsRect().width() / per_char  # the width the text wraps in
        if chars > MAX_LINE_CHARS:
            problems.append(f"{text.objectName()} lines of about {chars:.0f} characters")
    return problems


def reach_problems(window: MainWindow) -> list[str]:
    """On a portrait screen: controls to answer and move on in the top third."""
    if window.height() <= window.width():
        return []
    third = window.height() // 3
    return [
        f"{name} at y={rect.top()} is above the lower two thirds (y>={third})"
        for name, rect in visible_buttons(window)
        if name.startswith(REACH) and rect.top() < third
    ]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("text_size", list(TextSize))
def test_no_screen_clips(
    qtbot: QtBot,
    content: ContentPack,
    size: tuple[int, int],
    text_size: TextSize,
    high_contrast: bool,
) -> None:
    """Every screen, level and language: nothing cut off, targets of 64 px with
    8 px gaps, lines of about 75 characters, and on a portrait screen the
    answers, Next, Back and Get help now in the lower two thirds."""
    failures: list[str] = []
    for lang in content.languages:
        window = MainWindow(ScreenContext(content=content, session=Session(default_language=lang)))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.ctx.session.text_size = text_size
        window.ctx.session.high_contrast = high_contrast
        window.apply_theme()
        window.refresh_current()
        for view, level in visit_all(window, reset=False, every_page=False):
            for _ in range(3):  # nested word-wrapped layouts settle in a few passes
                QApplication.processEvents()
            found = clipped_widgets(window, size) + line_problems(window)
            if not view.startswith("staff"):
                found += spacing_problems(window) + reach_problems(window)
            failures += [f"{lang} {view} {level}: {p}" for p in found]
        window.close()
    assert not failures, "\n".join(failures[:40])
