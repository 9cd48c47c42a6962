"""The start screen and explainer, driven through the real widgets."""

from __future__ import annotations

import dataclasses
import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Section
from kiosk.content.placeholders import fill_emergency_number
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.explainer import ExplainerScreen


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
    tap(qtbot, window.topics.read_all)
    sections = content.language("en").topic.sections
    for index, section in enumerate(sections):
        assert window.navigator.current_id is ScreenId.EXPLAINER
        assert window.explainer.heading.text() == section.title
        assert window.explainer.progress.text() == f"Page {index + 1} of {len(sections)}"
        shown = window.explainer.body.text()
        for block in section.blocks(level):
            assert html.escape(fill_emergency_number(block.text, "911")) in shown
        assert "{" not in shown
        assert window.explainer.back.isEnabled()  # no dead control, page 1 included
        # "Get help now" on every page but the one that is the callout itself.
        assert window.explainer.help_now.isVisible() is (section.id != "get_help_now")
        names = window.explainer.sources.text()
        assert not any(code in names.split(": ")[-1].split(", ") for code in ("MLP", "NHS-GBS"))
        tap(qtbot, window.explainer.next)
    assert window.navigator.current_id is ScreenId.START


def test_back_on_the_first_page_goes_to_the_topics(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.back)
    assert window.navigator.current_id is ScreenId.TOPICS


def test_get_help_now_from_the_explainer_is_the_emergency_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.explainer.help_now)
    assert window.navigator.current_id is ScreenId.RESULT
    outcome = window.ctx.session.outcome
    assert outcome is not None and outcome.is_emergency and outcome.asked_for_help
    assert not window.top_bar.home.isVisible()


def test_the_get_help_now_page_is_a_callout_with_the_checklist_list(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    sections = content.language("en").topic.sections
    while window.explainer.section.id != "get_help_now":
        tap(qtbot, window.explainer.next)
    assert window.explainer.page.property("role") == "callout"
    shown = window.explainer.body.text()
    for sign in content.language("en").checklist.get_help_now(ReadingLevel.BASIC):
        assert html.escape(fill_emergency_number(sign.text, "911")) in shown
    others = [s for s in sections if s.id != "get_help_now"]
    assert others and window.explainer.section.id == "get_help_now"


def test_level_switch_keeps_the_page(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    topic = content.language("en").topic
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
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
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.top_bar.home)
    assert window.navigator.current_id is ScreenId.START
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    assert window.explainer.heading.text() == content.language("en").topic.sections[0].title


def test_touch_targets_and_body_text_size(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    qtbot.wait(10)
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        assert button.height() >= 64, button.objectName()
    body_px = window.explainer.body.font().pixelSize()
    assert body_px >= 20


def test_text_size_and_contrast_change_the_look(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    before = window.explainer.body.font().pixelSize()
    tap(qtbot, window.top_bar.text_size)
    assert window.explainer.body.font().pixelSize() > before
    normal_bg = window.grab().toImage().pixelColor(5, 400)
    tap(qtbot, window.top_bar.contrast)
    assert window.grab().toImage().pixelColor(5, 400) != normal_bg


def test_reset_session_forgets_everything(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.STANDARD])
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.next)
    tap(qtbot, window.top_bar.text_size)
    window.reset_session()
    assert window.ctx.session.is_pristine()
    assert window.navigator.current_id is ScreenId.START
    assert window.top_bar.levels.buttons[ReadingLevel.BASIC].isChecked()


@pytest.mark.parametrize("level", list(ReadingLevel))
@pytest.mark.parametrize(
    ("language", "call"),
    [("en", "Anywhere else, call 112."), ("es", "llame al 112.")],
)
def test_get_help_now_gives_the_clinics_emergency_number(
    qtbot: QtBot,
    window: MainWindow,
    content: ContentPack,
    level: ReadingLevel,
    language: str,
    call: str,
) -> None:
    window.ctx.emergency_number = "112"  # as staff settings set it
    if language == "es":
        tap(qtbot, window.top_bar.language)
    tap(qtbot, window.top_bar.levels.buttons[level])
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    section = content.language(language).topic.section("get_help_now")
    while window.explainer.heading.text() != section.title:
        tap(qtbot, window.explainer.next)
    shown = window.explainer.body.text()
    assert call in shown
    assert "{emergency_number}" not in shown and "911" not in shown
    spoken = window.explainer.speech_text()
    assert call in spoken and "{emergency_number}" not in spoken


def test_braces_in_content_are_shown_as_written(qtbot: QtBot, content: ContentPack) -> None:
    en = content.language("en")
    odd = Section(
        "what_is",
        "Braces",
        ("MLP",),
        {lv: "Call {emergency_number} {0} {name} {{ } {\n\n- a {bullet" for lv in ReadingLevel},
    )
    topic = dataclasses.replace(en.topic, sections=(odd, *en.topic.sections[1:]))
    pack = dataclasses.replace(content, languages={"en": dataclasses.replace(en, topic=topic)})
    screen = ExplainerScreen(ScreenContext(pack, Session(), emergency_number="999"))
    qtbot.addWidget(screen)
    screen.refresh()
    assert "Call 999 {0} {name} {{ } {" in screen.body.text()
    assert "a {bullet" in screen.body.text()
    # The page's picture caption is read with it, after the title.
    caption = screen.caption.text()
    assert caption
    assert screen.speech_text() == f"Braces {caption} Call 999 {{0}} {{name}} {{{{ }} {{ a {{bullet"


def test_a_short_page_after_a_long_one_does_not_scroll(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    # The body once kept the height of the tallest page seen, so the last
    # page scrolled with empty space and pushed its sources out of view.
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    sections = content.language("en").topic.sections
    for _ in sections[1:]:
        tap(qtbot, window.explainer.next)
    assert window.explainer.section.id == "get_help_now"
    explainer = window.explainer
    bar = explainer.scroll_area.verticalScrollBar()
    qtbot.wait(50)  # let the layout settle
    # The body is as tall as its own text, not the tallest page's; the page
    # scrolls only as far as its own content reaches.
    assert explainer.body.height() == explainer.body.heightForWidth(explainer.body.width())
    assert bar.maximum() <= max(0, explainer.page.sizeHint().height() - bar.pageStep())
