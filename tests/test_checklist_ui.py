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
from kiosk.triage import SIGN_IDS, ordered, visible_groups
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


def groups_shown(window: MainWindow) -> list[tuple[str, ...]]:
    return list(visible_groups(window.ctx.session.answers))


def open_checklist(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    tap(qtbot, window.checklist.intro.start)
    assert window.navigator.current_id is ScreenId.QUESTION


def answer_all(qtbot: QtBot, window: MainWindow, answers: dict[str, Answer]) -> list[str]:
    """Tap through the sign screens: Yes / Not sure on the cards asked for,
    then "No, none of these" (or "Next"). Returns the ids of the signs shown."""
    shown: list[str] = []
    screen = window.checklist.question
    taps = 0
    while window.navigator.current_id is ScreenId.QUESTION:
        for sign_id in screen.signs:
            shown.append(sign_id)
            answer = answers.get(sign_id, Answer.NO)
            if answer is not Answer.NO:
                tap(qtbot, screen.card(sign_id).buttons[answer])
                taps += 1
                if window.navigator.current_id is not ScreenId.QUESTION:
                    return shown  # an emergency answer ends it at once
        tap(qtbot, screen.advance)
        taps += 1
        assert taps < 40
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
        ({"lithium": Answer.YES}, Tier.TODAY),
        ({"fluids_kept_down": Answer.UNSURE}, Tier.TODAY),
        ({"med_change": Answer.YES}, Tier.ROUTINE),
    ],
)
def test_tap_through_to_each_calm_tier(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Answer], tier: Tier
) -> None:
    window.ctx.clinic_phone = "555-0100"
    open_checklist(qtbot, window)
    shown = answer_all(qtbot, window, answers)
    gated = answers.get("med_change", Answer.NO) is Answer.NO
    expected = [sid for sid in SIGN_IDS if not (gated and sid == "drug_reaction")]
    assert shown == expected
    assert window.navigator.current_id is ScreenId.RESULT
    result = window.checklist.result
    text = window.ctx.pack.checklist.results[tier]
    assert result.tier is tier
    assert result.title.text() == text.title
    assert result.message.text() == text.message
    assert result.action.text() == text.action
    assert result.how.text() == text.how_text("555-0100")
    # Every calm result ends with the get-help-now list, bullet by bullet.
    signs = window.ctx.pack.checklist.get_help_now(ReadingLevel.BASIC)
    bullets = [b.text() for b in result.safety_bullets if b.isVisible()]
    assert result.safety_heading.isVisible()
    assert bullets == [f"\u2022 {sign.text}" for sign in signs]
    assert "not an emergency" not in result_texts(window).lower()
    assert "no need to rush" not in result_texts(window).lower()
    assert result.disclaimer.text() == "This checklist does not give a diagnosis."
    assert not result.emergency.isVisible()
    assert result.start_over.isVisible()
    assert window.ctx.session.answers == {sid: answers.get(sid, Answer.NO) for sid in shown}
    assert not window.holds_idle_reset()


def test_no_red_flags_takes_six_taps_after_the_intro(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    taps = 0
    while window.navigator.current_id is ScreenId.QUESTION:
        assert window.checklist.question.advance.text() == "No, none of these"
        tap(qtbot, window.checklist.question.advance)
        taps += 1
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.checklist.result.tier is Tier.SELF_CARE
    assert taps == 6 <= 8  # CONTENT_BRIEF §4 rule 7


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("breathing", Answer.YES),
        ("stroke_signs", Answer.UNSURE),
        ("weakness_fast", Answer.YES),
        ("drug_reaction", Answer.YES),
    ],
)
def test_an_emergency_answer_jumps_straight_to_the_emergency_result(
    qtbot: QtBot, window: MainWindow, question_id: str, answer: Answer
) -> None:
    open_checklist(qtbot, window)
    order = asking_order(window)
    answers = {question_id: answer}
    if question_id == "drug_reaction":
        answers["med_change"] = Answer.YES  # the gate opens drug_reaction
    shown = answer_all(qtbot, window, answers)
    # Nothing after the emergency answer's screen was shown.
    assert shown[-1] == question_id or question_id in shown
    assert set(shown) <= set(order[: order.index(question_id) + 3])
    assert window.navigator.current_id is ScreenId.RESULT
    result = window.checklist.result
    assert result.tier is Tier.EMERGENCY
    assert result.emergency.isVisible() and not result.calm.isVisible()
    assert result.emergency.property("role") == "emergency"
    assert result.emergency_action.text() == "Show this screen at the front desk now."
    assert "call 112" in result.speech_text()
    # Reached by answers: it says so (never "you asked", which the visitor did not).
    assert window.ctx.session.outcome is not None
    assert not window.ctx.session.outcome.asked_for_help
    assert not result.emergency_message.text().startswith("You asked")
    assert "{emergency_number}" not in result_texts(window)
    assert "does not give a diagnosis" in result.disclaimer.text()


def test_drug_reaction_is_asked_only_after_a_medicine_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_checklist(qtbot, window)
    no_change = answer_all(qtbot, window, {})
    assert "drug_reaction" not in no_change
    tap(qtbot, window.checklist.result.start_over)
    tap(qtbot, window.checklist.intro.start)
    unsure = answer_all(qtbot, window, {"med_change": Answer.UNSURE})
    assert unsure.index("drug_reaction") == unsure.index("med_change") + 1


def test_emergency_questions_come_first(window: MainWindow) -> None:
    tiers = [window.ctx.pack.checklist.question(qid).tier for qid in asking_order(window)]
    assert tiers[:5] == [Tier.EMERGENCY] * 5
    assert asking_order(window)[5:7] == ["med_change", "drug_reaction"]


def test_get_help_now_from_the_intro(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.help_now)
    result = window.checklist.result
    assert window.navigator.current_id is ScreenId.RESULT
    assert result.tier is Tier.EMERGENCY
    assert result.emergency.isVisible()
    assert "112" in result.speech_text()
    assert result.emergency_message.text().startswith("You asked for help now.")
    assert "Your answers" not in result_texts(window)
    assert window.ctx.session.answers == {}


def test_get_help_now_from_a_question_keeps_answers_but_shows_emergency(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_checklist(qtbot, window)
    for _ in range(4):
        tap(qtbot, window.checklist.question.advance)
    tap(qtbot, window.checklist.question.help_now)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.checklist.result.tier is Tier.EMERGENCY
    assert "call 112" in window.checklist.result.speech_text()
    assert window.checklist.result.emergency_message.text().startswith("You asked for help now.")
    assert window.holds_idle_reset()


def test_default_emergency_number_is_911(qtbot: QtBot, content: ContentPack) -> None:
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.show()
    tap(qtbot, win.start.buttons["checklist"])
    tap(qtbot, win.checklist.intro.help_now)
    assert "call 911" in win.checklist.result.speech_text()


def test_progress_text(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    question = window.checklist.question
    for n in range(1, 7):
        assert question.progress.text() == f"Step {n} of 6"
        tap(qtbot, question.advance)
    assert window.navigator.current_id is ScreenId.RESULT


def test_back_and_a_changed_answer_change_the_result(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    screen = window.checklist.question
    while "persistent_or_spread" not in screen.signs:
        tap(qtbot, screen.advance)
    while "weakness" not in screen.signs:
        tap(qtbot, screen.back)
    # The earlier answer shows: nothing chosen, so the button still says "No".
    card = screen.card("weakness")
    assert not any(b.isChecked() for b in card.buttons.values())
    tap(qtbot, card.buttons[Answer.YES])
    assert card.buttons[Answer.YES].isChecked()
    assert screen.advance.text() == "Next"
    tap(qtbot, card.buttons[Answer.YES])  # tapped again: taken back
    assert "weakness" not in window.ctx.session.answers
    assert screen.advance.text() == "No, none of these"
    tap(qtbot, card.buttons[Answer.YES])
    tap(qtbot, screen.advance)
    assert screen.signs == ("persistent_or_spread", "medicine")
    tap(qtbot, screen.advance)
    assert window.checklist.result.tier is Tier.SOON
    assert window.ctx.session.answers["weakness"] is Answer.YES


def test_back_from_the_first_question_goes_to_the_intro(qtbot: QtBot, window: MainWindow) -> None:
    open_checklist(qtbot, window)
    tap(qtbot, window.checklist.question.advance)
    tap(qtbot, window.checklist.question.back)
    assert window.checklist.question.progress.text() == "Step 1 of 6"
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
    # Starting again begins at the first screen with nothing chosen.
    tap(qtbot, window.checklist.intro.start)
    question = window.checklist.question
    assert question.question.id == shown[0]
    assert not any(b.isChecked() for b in question.findChildren(QPushButton) if b.isCheckable())


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
    tap(qtbot, window.checklist.question.advance)
    screen = window.checklist.question
    sign = screen.signs[0]
    model = content.language("en").checklist.question(sign)
    card = screen.card(sign)
    assert card.text.text() == model.text[ReadingLevel.BASIC]
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    assert window.navigator.current_id is ScreenId.QUESTION
    assert card.text.text() == model.text[ReadingLevel.DETAILED]
    for part in model.parts_at(ReadingLevel.DETAILED):
        assert part in card.parts.text()
    assert screen.progress.text() == "Step 2 of 6"


def test_every_checklist_button_is_big(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["checklist"])
    heights = {b.objectName(): b.height() for b in window.checklist.intro.findChildren(QPushButton)}
    tap(qtbot, window.checklist.intro.start)
    question = window.checklist.question
    heights |= {
        b.objectName(): b.height() for b in question.findChildren(QPushButton) if b.isVisible()
    }
    buttons = list(question.card("breathing").buttons.values())
    gaps = [b.geometry().left() - a.geometry().right() - 1 for a, b in itertools.pairwise(buttons)]
    assert min(gaps) >= 8
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
    assert {
        "answer_breathing_yes",
        "checklist_start",
        "result_staff_clear",
        "question_back",
    } <= set(heights)
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
    assert window.checklist.question.progress.text() == "Step 1 of 6"
    window.show_screen(ScreenId.RESULT)
    assert window.checklist.result.tier is Tier.SELF_CARE
    assert window.checklist.result.title.text() == "Self-care"
    assert not window.grab().isNull()


@pytest.mark.parametrize("language", ["en", "es"])
def test_extra_large_text_keeps_the_answer_button_in_view(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    """At the largest text the cards scroll in their own area; the button that
    moves on, Back and "Get help now" stay on screen, and each new screen
    starts at the top."""
    window.ctx.session.language = language
    window.ctx.session.level = ReadingLevel.DETAILED
    for _ in range(2):
        tap(qtbot, window.top_bar.text_size)  # normal -> large -> extra large
    open_checklist(qtbot, window)
    screen = window.checklist.question
    tap(qtbot, screen.advance)  # three signs on the second screen
    bar = screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the cards are taller than the room and scroll
    window_rect = window.rect()
    for fixed in (screen.advance, screen.back, screen.help_now):
        top_left = fixed.mapTo(window, fixed.rect().topLeft())
        assert window_rect.contains(top_left) and fixed.isVisible(), fixed.objectName()
    bar.setValue(bar.maximum())
    tap(qtbot, screen.advance)
    assert bar.value() == 0


def test_the_next_question_has_no_answer_in_focus(qtbot: QtBot, window: MainWindow) -> None:
    """A tapped button keeps the keyboard focus (and its ring) otherwise, so the
    next screen would show a control framed as if already chosen."""
    open_checklist(qtbot, window)
    screen = window.checklist.question
    first = screen.signs
    tap(qtbot, screen.advance)
    assert screen.signs != first
    assert not any(b.hasFocus() for b in screen.findChildren(QPushButton))
    assert window.navigator.hasFocus()
