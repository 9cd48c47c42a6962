"""The start screen and explainer, driven through the real widgets."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack, ReadingLevel
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_start_screen_shows_question_and_learn(window: MainWindow) -> None:
    assert window.navigator.current_id is ScreenId.START
    assert window.start.title.text() == "Why do muscles twitch?"
    assert window.start.buttons["learn"].isVisible()
    assert not window.top_bar.home.isVisible()


@pytest.mark.parametrize("level", list(ReadingLevel))
def test_tap_through_every_section(
    qtbot: QtBot, window: MainWindow, content: ContentPack, level: ReadingLevel
) -> None:
    tap(qtbot, window.top_bar.levels.buttons[level])
    tap(qtbot, window.start.buttons["learn"])
    sections = content.language("en").topic.sections
    for index, section in enumerate(sections):
        assert window.navigator.current_id is ScreenId.EXPLAINER
        assert window.explainer.heading.text() == section.title
        assert window.explainer.progress.text() == f"Page {index + 1} of {len(sections)}"
        shown = window.explainer.body.text()
        for block in section.blocks(level):
            assert html.escape(block.text) in shown
        assert window.explainer.back.isEnabled() is (index > 0)
        tap(qtbot, window.explainer.next)
    assert window.navigator.current_id is ScreenId.START


def test_level_switch_keeps_the_page(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    topic = content.language("en").topic
    tap(qtbot, window.start.buttons["learn"])
    for _ in range(3):
        tap(qtbot, window.explainer.next)
    section = topic.sections[3]
    basic = window.explainer.body.text()
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    assert window.explainer.heading.text() == section.title
    assert window.explainer.body.text() != basic
    assert window.top_bar.levels.buttons[ReadingLevel.DETAILED].isChecked()
    assert not window.top_bar.levels.buttons[ReadingLevel.BASIC].isChecked()
    tap(qtbot, window.explainer.back)
    assert window.explainer.heading.text() == topic.sections[2].title


def test_home_returns_to_start_and_learn_starts_at_page_one(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.top_bar.home)
    assert window.navigator.current_id is ScreenId.START
    tap(qtbot, window.start.buttons["learn"])
    assert window.explainer.heading.text() == content.language("en").topic.sections[0].title


def test_touch_targets_and_body_text_size(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    qtbot.wait(10)
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        assert button.height() >= 64, button.objectName()
    body_px = window.explainer.body.font().pixelSize()
    assert body_px >= 20


def test_text_size_and_contrast_change_the_look(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    before = window.explainer.body.font().pixelSize()
    tap(qtbot, window.top_bar.text_size)
    assert window.explainer.body.font().pixelSize() > before
    normal_bg = window.grab().toImage().pixelColor(5, 400)
    tap(qtbot, window.top_bar.contrast)
    assert window.grab().toImage().pixelColor(5, 400) != normal_bg


def test_reset_session_forgets_everything(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.STANDARD])
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.top_bar.text_size)
    window.reset_session()
    assert window.ctx.session.is_pristine()
    assert window.navigator.current_id is ScreenId.START
    assert window.top_bar.levels.buttons[ReadingLevel.BASIC].isChecked()
