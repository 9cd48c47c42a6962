"""The red-flag checklist and its results, driven through the real widgets."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Answer, Tier
from kiosk.session import Session
from kiosk.triage import ordered
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.result import ResultScreen


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """conftest's window with a clinic emergency number that is not the default."""
    # Set after construction: the clinic settings may set it at start-up.
    window.ctx.emergency_number = "112"
    return window


def tap(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def asking_order(window: MainWindow) -> list[str]:
    return [q.id for q in ordered(window.ctx.pack.checklist.questions)]


def open_checklist(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    tap(qtbot, window.checklist.intro.start)
    assert window.navigator.current_id is ScreenId.QUESTION


def answer_all(qtbot: QtBot, window: MainWindow, answers: dict[str, Answer]) -> list[str]:
    """Tap through the questions; returns the ids of the questions shown."""
    shown: list[str] = []
    question = window.checklist.question
    while window.navigator.current_id is ScreenId.QUESTION:
        qid = question.question.id
        shown.append(qid)
        tap(qtbot, question.answer_buttons[answers.get(qid, Answer.NO)])
    return shown


def result_texts(window: MainWindow) -> str:
    result = window.checklist.result
    labels = [result.title, result.message, result.action, result.come_back, result.disclaimer]
    labels += [result.emergency_title, result.emergency_action, result.emergency_message]
    return " ".join(w.text() for w in labels if w.isVisible())


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        ({}, Tier.SELF_CARE),
        ({"persistent_or_spread": Answer.YES}, Tier.ROUTINE),
        ({"weakness": Answer.UNSURE}, Tier.ROUTINE),
        ({"weakness": Answer.YES}, Tier.SOON),
        ({"medicine": Answer.YES, "fluid_loss": Answer.YES}, Tier.SOON),
    ],
)
def test_tap_through_to_each_calm_tier(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Answer], tier: Tier
) -> None:
    open_checklist(qtbot, window)
    shown = answer_all(qtbot, window, answers)
    assert shown == asking_order(window)
    assert window.navigator.current_id is ScreenId.RESULT
    result = window.checklist.result
    text = window.ctx.pack.checklist.results[tier]
    assert result.tier is tier
    assert result.title.text() == text.title
    assert result.message.text() == text.message
    assert result.action.text() == text.action
    assert result.come_back.isVisible() and result.come_back.text() == text.come_back
    assert result.disclaimer.text() == "This checklist does not give a diagnosis."
    assert not result.emergency.isVisible()
    assert result.start_over.isVisible()
    assert window.ctx.session.answers == {qid: answers.get(qid, Answer.NO) for qid in shown}
    assert not window.holds_idle_reset()


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [("breathing", Answer.YES), ("stroke_signs", Answer.UNSURE), ("drug_reaction", Answer.YES)],
)
def test_an_emergency_answer_jumps_straight_to_the_emergency_result(
    qtbot: QtBot, window: MainWindow, question_id: str, answer: Answer
) -> None:
    open_checklist(qtbot, window)
    order = asking_order(window)
    shown = answer_all(qtbot, window, {question_id: answer})
    # No question after the emergency answer was shown.
    assert shown == order[: order.index(question_id) + 1]
    assert window.navigator.current_id is ScreenId.RESULT
    result = window.checklist.result
    assert result.tier is Tier.EMERGENCY
    assert result.emergency.isVisible() and not result.calm.isVisible()
    assert result.emergency.property("role") == "emergency"
    assert result.emergency_action.text() == "Show this screen at the front desk now."
    assert "call 112" in result.emergency_call.text()
    # Reached by answers: it says so (never "you asked", which the visitor did not).
    assert not window.ctx.session.outcome.asked_for_help
    assert result.emergency_message.text() != "You asked for help now."
    assert "{emergency_number}" not in result_texts(window)
    assert "does not give a diagnosis" in result.disclaimer.text()
    assert set(window.ctx.session.answers) == set(shown)


def test_emergency_questions_come_first(window: MainWindow) -> None:
    tiers = [window.ctx.pack.checklist.question(qid).tier for qid in asking_order(window)]
    emergency = [t is Tier.EMERGENCY for t in tiers]
    assert emergency == sorted(emergency, reverse=True)
    assert any(emergency)


def test_get_help_now_from_the_intro(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.help_now)
    result = window.checklist.result
    assert window.navigator.current_id is ScreenId.RESULT
    assert result.tier is Tier.EMERGENCY
    assert result.emergency.isVisible()
    assert "112" in result.emergency_call.text()
    assert result.emergency_message.text() == "You asked for help now."
    assert "Your answers" not in result_texts(window)
    assert window.ctx.session.answers == {}


def test_get_help_now_from_a_question_keeps_answers_but_shows_emergency(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_checklist(qtbot, window)
    for _ in range(6):
        tap(qtbot, window.checklist.question.answer_buttons[Answer.NO])
    tap(qtbot, window.checklist.question.help_now)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.checklist.result.tier is Tier.EMERGENCY
    assert "call 112" in window.checklist.result.emergency_call.text()
    assert window.checklist.result.emergency_message.text() == "You asked for help now."
    assert window.holds_idle_reset()


def test_default_emergency_number_is_911(qtbot: QtBot, content: ContentPack) -> None:
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.show()
    tap(qtbot, win.start.buttons["checklist"])
    tap(qtbot, win.checklist.intro.help_now)
    assert "call 911" in win.checklist.result.emergency_call.text()


def test_progress_text(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    total = len(asking_order(window))
    assert total == 10
    question = window.checklist.question
    for n in range(1, total + 1):
        assert question.progress.text() == f"Question {n} of {total}"
        tap(qtbot, question.answer_buttons[Answer.NO])
    assert window.navigator.current_id is ScreenId.RESULT


def test_back_and_a_changed_answer_change_the_result(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    question = window.checklist.question
    order = asking_order(window)
    # Answer up to the last question, go back two, change "weakness".
    for _ in range(len(order) - 1):
        tap(qtbot, question.answer_buttons[Answer.NO])
    assert question.question.id == order[-1]
    while question.question.id != "weakness":
        tap(qtbot, question.back)
    assert question.progress.text() == f"Question {order.index('weakness') + 1} of 10"
    # The earlier answer shows as chosen, and only that one.
    assert question.answer_buttons[Answer.NO].isChecked()
    assert not question.answer_buttons[Answer.YES].isChecked()
    tap(qtbot, question.answer_buttons[Answer.YES])
    # Back to the last question, which keeps its place in the order.
    assert question.question.id == order[order.index("weakness") + 1]
    shown = answer_all(qtbot, window, {})
    assert shown == order[order.index("weakness") + 1 :]
    assert window.checklist.result.tier is Tier.SOON
    assert window.ctx.session.answers["weakness"] is Answer.YES


def test_back_from_the_first_question_goes_to_the_intro(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    tap(qtbot, window.checklist.question.answer_buttons[Answer.NO])
    tap(qtbot, window.checklist.question.back)
    assert window.checklist.question.progress.text() == "Question 1 of 10"
    tap(qtbot, window.checklist.question.back)
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO


def test_start_over_leaves_no_answer_anywhere(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    open_checklist(qtbot, window)
    shown = answer_all(qtbot, window, {"weakness": Answer.YES, "medicine": Answer.UNSURE})
    assert window.checklist.result.tier is Tier.SOON
    tap(qtbot, window.checklist.result.start_over)

    session = window.ctx.session
    # "Start again" goes back to the checklist's intro, keeping the level.
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    assert session.answers == {}
    assert session.outcome is None
    assert session.question_index == 0
    assert session.level is ReadingLevel.DETAILED
    # No widget anywhere still shows an answer as chosen.
    checked = [b.objectName() for b in window.findChildren(QPushButton) if b.isChecked()]
    assert checked == [f"level_{ReadingLevel.DETAILED.value}"]
    soon = window.ctx.pack.checklist.results[Tier.SOON]
    assert window.checklist.result.title.text() != soon.title
    # Starting again begins at question 1 with nothing chosen.
    tap(qtbot, window.checklist.intro.start)
    question = window.checklist.question
    assert question.question.id == shown[0]
    assert not any(b.isChecked() for b in question.answer_buttons.values())


def test_staff_hold_releases_the_emergency_screen(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.holds_idle_reset()
    open_checklist(qtbot, window)
    answer_all(qtbot, window, {"breathing": Answer.YES})
    result = window.checklist.result
    assert window.holds_idle_reset()
    # Switching the level redraws the emergency result; the hold stays.
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.STANDARD])
    assert window.holds_idle_reset()
    # A patient's tap on the staff button does nothing.
    tap(qtbot, result.staff_clear)
    assert window.navigator.current_id is ScreenId.RESULT and window.holds_idle_reset()
    result.staff_clear.hold_ms = 200  # staff hold it (3 s in the kiosk)
    qtbot.mousePress(result.staff_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.START, timeout=3000)
    qtbot.mouseRelease(result.staff_clear, Qt.MouseButton.LeftButton)
    assert not window.holds_idle_reset()
    assert window.ctx.session.is_pristine()


def test_get_help_now_then_staff_clear_leaves_no_emergency_for_the_next_visitor(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.help_now)
    assert window.holds_idle_reset()
    window.checklist.result.staff_cleared.emit()
    assert not window.holds_idle_reset()
    # After the reset the result screen is no longer in "Get help now" mode.
    open_checklist(qtbot, window)
    answer_all(qtbot, window, {})
    assert window.checklist.result.tier is Tier.SELF_CARE


def test_level_switch_changes_the_question_in_place(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    open_checklist(qtbot, window)
    for _ in range(2):
        tap(qtbot, window.checklist.question.answer_buttons[Answer.NO])
    question = window.checklist.question
    model = content.language("en").checklist.question(asking_order(window)[2])
    assert question.text.text() == model.text[ReadingLevel.BASIC]
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    assert window.navigator.current_id is ScreenId.QUESTION
    assert question.text.text() == model.text[ReadingLevel.DETAILED]
    assert question.hint.text() == model.hint[ReadingLevel.DETAILED]
    assert question.text.text() != model.text[ReadingLevel.BASIC]
    assert question.progress.text() == "Question 3 of 10"


def test_every_checklist_button_is_big(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    heights = {b.objectName(): b.height() for b in window.checklist.intro.findChildren(QPushButton)}
    tap(qtbot, window.checklist.intro.start)
    question = window.checklist.question
    heights |= {b.objectName(): b.height() for b in question.findChildren(QPushButton)}
    buttons = list(question.answer_buttons.values())
    gaps = [b.geometry().top() - a.geometry().bottom() - 1 for a, b in itertools.pairwise(buttons)]
    assert min(gaps) >= 8
    assert all(b.width() > 0.8 * question.width() for b in buttons)
    answer_all(qtbot, window, {"weakness": Answer.YES})
    heights |= {
        b.objectName(): b.height()
        for b in window.checklist.result.findChildren(QPushButton)
        if b.isVisible()
    }
    tap(qtbot, window.checklist.result.help_now)
    heights |= {
        b.objectName(): b.height()
        for b in window.checklist.result.findChildren(QPushButton)
        if b.isVisible()
    }
    assert {"answer_yes", "checklist_start", "result_staff_clear", "question_back"} <= set(heights)
    small = {name: h for name, h in heights.items() if h < 64}
    assert small == {}


def test_handout_button_only_when_enabled(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    # A result screen on its own offers no handout until a handler is wired.
    ctx = ScreenContext(content=content, session=Session())
    bare = ResultScreen(ctx)
    qtbot.addWidget(bare)
    bare.show()
    assert not bare.handout.isVisible()
    bare.enable_handout()
    assert bare.handout.isVisible()

    open_checklist(qtbot, window)
    answer_all(qtbot, window, {"persistent_or_spread": Answer.YES})
    result = window.checklist.result
    result.enable_handout()  # idempotent; the handout service may have done it
    with qtbot.waitSignal(result.handout_requested):
        tap(qtbot, result.handout)
    # The outcome the handout reads is the session's, computed once.
    outcome = window.ctx.session.outcome
    assert outcome is not None and outcome.tier is Tier.ROUTINE
    assert outcome.triggered_by == ("persistent_or_spread",)


def test_screens_render_in_any_state(window: MainWindow) -> None:
    # As the self-test does: show QUESTION and RESULT with nothing answered.
    window.show_screen(ScreenId.QUESTION)
    assert window.checklist.question.progress.text() == "Question 1 of 10"
    window.show_screen(ScreenId.RESULT)
    assert window.checklist.result.tier is Tier.SELF_CARE
    assert window.checklist.result.title.text() == "Self-care"
    assert not window.grab().isNull()


@pytest.mark.parametrize("language", ["en", "es"])
def test_extra_large_text_shows_the_whole_question(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    """At the largest text the page scrolls as a whole: the question is never
    cut short in a small box of its own, and each new question starts at the top."""
    from PySide6.QtWidgets import QScrollArea

    window.ctx.session.language = language
    window.ctx.session.level = ReadingLevel.DETAILED
    for _ in range(2):
        tap(qtbot, window.top_bar.text_size)  # normal -> large -> extra large
    open_checklist(qtbot, window)
    screen = window.checklist.question
    assert screen.findChildren(QScrollArea) == []
    text = screen.text
    assert text.height() >= text.heightForWidth(text.width())  # every line shown
    page = window.navigator.currentWidget()
    assert isinstance(page, QScrollArea)
    bar = page.verticalScrollBar()
    assert bar.maximum() > 0  # the page is taller than the window and scrolls
    bar.setValue(bar.maximum())
    qtbot.waitUntil(
        lambda: (
            screen.answer_buttons[Answer.UNSURE].visibleRegion().boundingRect().height()
            >= screen.answer_buttons[Answer.UNSURE].height()
        )
    )
    tap(qtbot, screen.answer_buttons[Answer.NO])
    assert window.navigator.current_id is ScreenId.QUESTION
    assert bar.value() == 0


def test_the_next_question_has_no_answer_in_focus(qtbot: QtBot, window: MainWindow) -> None:
    """A tapped answer keeps the keyboard focus (and its ring) otherwise, so the
    next question would show that answer framed as if already chosen."""
    open_checklist(qtbot, window)
    screen = window.checklist.question
    first = screen.question.id
    tap(qtbot, screen.answer_buttons[Answer.NO])
    assert screen.question.id != first
    assert not any(button.hasFocus() for button in screen.answer_buttons.values())
    assert window.navigator.hasFocus()
