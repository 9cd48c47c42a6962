"""The top bar and the start screen carry only the style rules their widgets
can use (kiosk.ui.sheet_subset), and look exactly as with the whole sheet."""

from __future__ import annotations

import pytest
from app_helpers import tap
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session, TextSize
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.sheet_subset import Vocabulary, sheet_for, vocabulary

WORDS = Vocabulary(
    classes=frozenset({"QWidget", "QLabel", "QFrame", "QPushButton", "QAbstractButton"}),
    names=frozenset({"TopBar", "start_title"}),
    roles=frozenset({"primary", "title"}),
)


def selectors(qss: str) -> list[str]:
    return [
        rule.split("{")[0].strip() for rule in sheet_for(qss, WORDS).split("\n}") if "{" in rule
    ]


def test_a_rule_is_dropped_only_when_its_subject_is_missing() -> None:
    qss = """
    /* a comment with { braces } is no rule */
    QWidget { color: red; }
    QScrollBar:vertical { width: 24px; }
    QLabel[role="title"] { font-size: 32px; }
    QLabel[role="question"] { font-size: 28px; }
    QWidget#TopBar, QWidget#BottomBar { background: grey; }
    QWidget#IdleOverlay { background: black; }
    QPushButton[role="primary"]:pressed { background: blue; }
    QFrame[role="tier_card"] QLabel { color: white; }
    QFrame[role="tier_card"] { border: 1px; }
    QLabel[status="success"] { color: green; }
    QScrollArea > QWidget > QWidget { background: white; }
    QLabel[role="a b"] { color: red; }
    QLabel[role="x:y"] { color: red; }
    QLabel[role='title']:hover { color: red; }
    #start_title { color: red; }
    #IdleOverlay { color: red; }
    """
    assert selectors(qss) == [
        "QWidget",
        'QLabel[role="title"]',
        "QWidget#TopBar, QWidget#BottomBar",  # one of its selectors can match
        'QPushButton[role="primary"]:pressed',  # states are kept
        'QFrame[role="tier_card"] QLabel',  # the ancestor may be outside the page
        'QLabel[status="success"]',  # properties other than role are kept
        "QScrollArea > QWidget > QWidget",
        'QLabel[role="a b"]',  # values this reading cannot split safely: kept
        'QLabel[role="x:y"]',
        "QLabel[role='title']:hover",
        "#start_title",
    ]


def test_the_vocabulary_counts_every_base_class_name_and_role(qtbot: QtBot) -> None:
    from kiosk.ui.widgets.buttons import big_button

    page = QWidget()
    qtbot.addWidget(page)
    big_button(role="primary", parent=page, object_name="go")
    words = vocabulary(page)
    assert {"QPushButton", "QAbstractButton", "QWidget", "QObject"} <= words.classes
    assert "go" in words.names and words.roles == frozenset({"primary"})


def fixed_pages(window: MainWindow) -> list[QWidget]:
    return [window.top_bar, window.navigator.page(ScreenId.START)]


def picture(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("text_size", list(TextSize))
@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)])
def test_the_fixed_pages_look_as_with_the_whole_sheet(
    qtbot: QtBot,
    window: MainWindow,
    high_contrast: bool,
    text_size: TextSize,
    size: tuple[int, int],
) -> None:
    window.resize(*size)
    window.ctx.session.text_size = text_size
    window.ctx.session.high_contrast = high_contrast
    window.refresh_all()
    window.show_screen(ScreenId.START)
    pages = fixed_pages(window)
    for page in pages:
        assert page.styleSheet() != window.styles.qss  # the page's own part
        assert len(page.styleSheet()) < len(window.styles.qss)
    shown = [picture(page) for page in pages]
    for page in pages:
        page.setStyleSheet(window.styles.qss)  # the whole sheet
    assert [picture(page) for page in pages] == shown


def test_the_fixed_pages_never_gain_a_widget_the_rules_were_chosen_without(
    qtbot: QtBot, content: ContentPack
) -> None:
    """Built as the kiosk builds it (the start screen first), then through two
    visitors, every text size, contrast, language, the folded Display button
    and a portrait screen: no widget joins either page whose class, name or
    role its rules were chosen without."""
    window = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.finish_building()
    bar = window.top_bar
    for _visitor in range(2):
        for size in ((1280, 800), (1080, 1920), (1366, 768)):
            window.resize(*size)
            QApplication.processEvents()
            for _ in TextSize:
                tap(qtbot, bar.text_size)
                QApplication.processEvents()
            tap(qtbot, bar.contrast)
            tap(qtbot, bar.language)
            tap(qtbot, window.start.buttons["learn"])
            tap(qtbot, bar.home)
            QApplication.processEvents()
        window.reset_session()
    for page in fixed_pages(window):
        assert vocabulary(page) == window.styles.chosen_with(page), page.objectName()
        assert page.styleSheet() == sheet_for(window.styles.qss, vocabulary(page))


def test_a_text_size_tap_gives_the_fixed_pages_their_part_of_the_new_sheet(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = {id(page): page.styleSheet() for page in fixed_pages(window)}
    tap(qtbot, window.top_bar.text_size)
    for page in fixed_pages(window):
        assert page.styleSheet() != before[id(page)]
        assert page.styleSheet() == window.styles.sheet_for(page)
