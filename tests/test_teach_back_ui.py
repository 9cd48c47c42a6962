""" "Check your understanding" through the real main window, with real taps.

Taps are delivered where the window system delivers them (the QWindow), as
in test_visitor_safety, so the tap guard and whatever is drawn under the
finger take part.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_visitor_safety import answer_everything, double_tap, open_first_question, tap

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.models import Answer, TeachBack
from kiosk.counters import Counters
from kiosk.settings import Settings
from kiosk.teach_back import Step, right_choice
from kiosk.ui.idle import IdleReset
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.teach_back import ChoiceTile, TeachBackScreen
from kiosk.ui.usage import UsageRecorder


class Taps:
    """Counts the visitor's taps."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot, self.window, self.count = qtbot, window, 0

    def __call__(self, widget: QWidget) -> None:
        tap(self.qtbot, self.window, widget)
        self.count += 1


def screen_of(window: MainWindow) -> TeachBackScreen:
    return window.teach_back.screen


def content_of(window: MainWindow) -> TeachBack:
    teach_back = window.ctx.pack.teach_back
    assert teach_back is not None
    return teach_back


def tile_for(window: MainWindow, choice_id: str) -> ChoiceTile:
    tiles = [t for t in screen_of(window).tiles if t.isVisible() and t.choice_id == choice_id]
    assert len(tiles) == 1, choice_id
    return tiles[0]


def right_tile(window: MainWindow) -> ChoiceTile:
    run = window.ctx.session.teach_back
    assert run is not None and run.step is Step.ASK
    question = content_of(window).question(run.question_id)
    return tile_for(window, right_choice(question, run.result_tier).id)


def wrong_tile(window: MainWindow) -> ChoiceTile:
    right = right_tile(window)
    return next(t for t in screen_of(window).tiles if t.isVisible() and t is not right)


def shown_order(window: MainWindow) -> list[str]:
    return [t.choice_id for t in screen_of(window).tiles if t.isVisible()]


def to_explainer_end(qtbot: QtBot, window: MainWindow) -> None:
    """Learn, then the last topic's tile (the explainer's last page)."""
    tap(qtbot, window, window.start.buttons["learn"])
    tap(qtbot, window, window.topics.tiles[-1])
    assert window.navigator.current_id is ScreenId.EXPLAINER
    assert window.explainer.teach_back.isVisible()


def to_result(qtbot: QtBot, window: MainWindow, answers: dict[str, Answer]) -> None:
    open_first_question(qtbot, window)
    answer_everything(qtbot, window, answers)
    assert window.navigator.current_id is ScreenId.RESULT


@pytest.fixture
def counters(tmp_path: Path, window: MainWindow) -> Counters:
    counts = Counters(tmp_path / "counters.json")
    UsageRecorder(window, counts)
    return counts


# Offered where it matters, never in the way ----------------------------------------


def test_offered_at_the_end_of_every_explainer_page(qtbot: QtBot, window: MainWindow) -> None:
    # Every page ends with its next steps, "Check your understanding" among them.
    tap(qtbot, window, window.start.buttons["learn"])
    tap(qtbot, window, window.topics.read_all)
    assert window.ctx.session.section_index == 0
    assert window.explainer.teach_back.isVisible()
    tap(qtbot, window, window.top_bar.home)
    to_explainer_end(qtbot, window)
    assert window.ctx.session.section_index == len(window.ctx.pack.topic.sections) - 1
    assert window.explainer.teach_back.accessibleName()


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        ({"lithium": Answer.YES}, Tier.TODAY),
        ({"weakness": Answer.YES}, Tier.SOON),
        ({"persistent_or_spread": Answer.YES}, Tier.ROUTINE),
        ({}, Tier.SELF_CARE),
    ],
)
def test_offered_on_every_result_below_emergency(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Answer], tier: Tier
) -> None:
    to_result(qtbot, window, answers)
    assert window.checklist.result.tier is tier
    assert window.checklist.result.teach_back.isVisible()


def test_never_on_the_emergency_takeover(qtbot: QtBot, window: MainWindow) -> None:
    open_first_question(qtbot, window)
    tap(qtbot, window, window.checklist.question.card("breathing").buttons[Answer.YES])
    assert window.checklist.result.tier is Tier.EMERGENCY
    assert not window.checklist.result.teach_back.isVisible()
    window.teach_back.start(ScreenId.RESULT)  # even asked for directly
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.ctx.session.teach_back is None


def test_get_help_now_stays_on_screen_and_leads_to_the_emergency_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    assert window.navigator.current_id is ScreenId.TEACH_BACK, window.navigator.current_id
    screen = screen_of(window)
    assert screen.help_now.isVisible()  # on a question
    tap(qtbot, window, wrong_tile(window))
    assert screen.help_now.isVisible() and screen.step is Step.SHOW_RIGHT  # on the feedback
    tap(qtbot, window, screen.help_now)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.checklist.result.tier is Tier.EMERGENCY
    assert window.ctx.session.teach_back is None


# All right, quickly ----------------------------------------------------------------


def test_all_right_after_a_result_takes_at_most_six_taps_to_the_handout(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_result(qtbot, window, {"persistent_or_spread": Answer.YES})
    taps = Taps(qtbot, window)
    taps(window.checklist.result.teach_back)
    screen = screen_of(window)
    assert window.navigator.current_id is ScreenId.TEACH_BACK
    run = window.ctx.session.teach_back
    assert run is not None and len(run.question_ids) == 4
    assert run.question_ids[-1] == "your_result"  # after a checklist result only
    prompts = []
    while screen.step is Step.ASK:
        prompts.append(screen.prompt.text())
        taps(right_tile(window))
        assert screen.step is not Step.SHOW_RIGHT
        assert screen.confirm.isVisible()  # "Yes. ..." in one line, no extra tap
    assert prompts[-1] == "What does your result say to do?"
    assert screen.step is Step.SUMMARY
    points = [text.text() for _, text in screen.points]
    assert points == list(content_of(window).summary[ReadingLevel.BASIC])
    assert not any(word in " ".join(points).lower() for word in ("score", "fail", "wrong"))
    taps(screen.handout)
    assert window.navigator.current_id is ScreenId.HANDOUT
    assert taps.count <= 6
    assert window.ctx.session.include_result  # the result is offered on the handout
    tap(qtbot, window, window.handout.screen.back)
    assert window.navigator.current_id is ScreenId.TEACH_BACK
    tap(qtbot, window, screen.done)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.ctx.session.teach_back is None


def test_from_the_explainer_there_is_no_result_question(qtbot: QtBot, window: MainWindow) -> None:
    to_explainer_end(qtbot, window)
    taps = Taps(qtbot, window)
    taps(window.explainer.teach_back)
    run = window.ctx.session.teach_back
    assert run is not None and "your_result" not in run.question_ids
    while screen_of(window).step is Step.ASK:
        taps(right_tile(window))
    assert screen_of(window).step is Step.SUMMARY and taps.count == 4
    tap(qtbot, window, screen_of(window).done)
    assert window.navigator.current_id is ScreenId.START


# Feedback, not a score ----------------------------------------------------------------


def test_one_wrong_then_right(qtbot: QtBot, window: MainWindow, counters: Counters) -> None:
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    screen = screen_of(window)
    first = window.ctx.session.teach_back
    assert first is not None
    question = content_of(window).question(first.question_id)
    right = right_choice(question, None)
    before = shown_order(window)
    tap(qtbot, window, wrong_tile(window))
    # The right answer, with its picture, and the explainer's sentences.
    assert screen.step is Step.SHOW_RIGHT
    assert screen.not_quite.text() == "Not quite. This is the right answer:"
    assert screen.shown_caption.text() == right.caption[ReadingLevel.BASIC]
    assert screen.shown_picture.picture_id == right.picture
    assert screen.explain.text() == question.explain[ReadingLevel.BASIC]
    assert not screen.confirm.isVisible()
    assert screen.go_on.text() == "Try again"
    spoken = screen.speech_text()
    assert right.caption[ReadingLevel.BASIC] in spoken and screen.explain.text() in spoken
    tap(qtbot, window, screen.go_on)
    # Asked again, the tiles in a new order, the right one elsewhere.
    assert screen.step is Step.ASK and screen.prompt.text() == question.prompt[ReadingLevel.BASIC]
    after = shown_order(window)
    assert sorted(after) == sorted(before) and after.index(right.id) != before.index(right.id)
    tap(qtbot, window, right_tile(window))
    assert screen.confirm.isVisible()
    assert screen.confirm_text.text() == question.right_line[ReadingLevel.BASIC]
    assert window.ctx.session.teach_back is not None
    assert window.ctx.session.teach_back.index == 1
    # Counted once, as not right first time.
    assert counters.today().teach_back == {question.id: {"visitors": 1, "right_first_time": 0}}


def test_read_aloud_says_the_question_and_every_caption(qtbot: QtBot, window: MainWindow) -> None:
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    screen = screen_of(window)
    spoken = screen.speech_text()
    assert spoken.startswith(screen.prompt.text())
    for tile in screen.tiles:
        if tile.isVisible():
            assert tile.caption.text() in spoken
            assert tile.accessibleName() == f"Answer: {tile.caption.text()}"
    window.top_bar.speak_requested.emit()  # no crash with the mock engine


# The session owns it ----------------------------------------------------------------


def test_idle_reset_in_the_middle_wipes_it(qtbot: QtBot, window: MainWindow) -> None:
    idle = IdleReset(window, Settings(), tick_ms=20)
    to_result(qtbot, window, {"weakness": Answer.YES})
    tap(qtbot, window, window.checklist.result.teach_back)
    tap(qtbot, window, right_tile(window))
    tap(qtbot, window, wrong_tile(window))
    assert screen_of(window).step is Step.SHOW_RIGHT
    with qtbot.waitSignal(idle.reset_done, timeout=10000):
        pass
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.teach_back is None
    assert window.ctx.session.is_pristine()
    screen = screen_of(window)
    assert not screen.confirm_text.isVisibleTo(screen) and not screen.shown.isVisibleTo(screen)
    # The next visitor starts afresh, without the old result's question.
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    run = window.ctx.session.teach_back
    assert run is not None and run.index == 0 and "your_result" not in run.question_ids


def test_a_language_switch_in_the_middle_keeps_the_place(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    tap(qtbot, window, right_tile(window))  # question 1 right
    tap(qtbot, window, wrong_tile(window))  # question 2 wrong: the right answer shown
    order = window.ctx.session.teach_back
    assert order is not None and order.index == 1 and order.step is Step.SHOW_RIGHT
    tap(qtbot, window, window.top_bar.language)
    assert window.ctx.session.language == "es"
    run = window.ctx.session.teach_back
    assert run is not None and (run.index, run.step, run.wrong) == (1, Step.SHOW_RIGHT, 1)
    spanish = content.language("es").teach_back
    assert spanish is not None
    question = spanish.question(run.question_id)
    screen = screen_of(window)
    assert screen.explain.text() == question.explain[ReadingLevel.BASIC]
    assert screen.go_on.text() == "Intente otra vez"
    tap(qtbot, window, screen.go_on)
    assert screen.prompt.text() == question.prompt[ReadingLevel.BASIC]
    captions = {t.caption.text() for t in screen.tiles if t.isVisible()}
    assert captions == {c.caption[ReadingLevel.BASIC] for c in question.choices}
    tap(qtbot, window, right_tile(window))
    assert run.index == 2
    assert screen.confirm_text.text() == question.right_line[ReadingLevel.BASIC]


def test_a_double_tap_on_a_tile_answers_once(
    qtbot: QtBot, window: MainWindow, counters: Counters
) -> None:
    to_explainer_end(qtbot, window)
    tap(qtbot, window, window.explainer.teach_back)
    first = right_tile(window)
    double_tap(window, first)
    run = window.ctx.session.teach_back
    assert run is not None
    # The second tap landed on the next question's tile: it was swallowed.
    assert (run.index, run.step, run.wrong) == (1, Step.ASK, 0)
    assert run.confirmed == run.question_ids[0]
    assert window.tap_guard is not None and window.tap_guard.swallowed >= 1
    assert counters.today().teach_back == {
        run.question_ids[0]: {"visitors": 1, "right_first_time": 1}
    }


# Private -------------------------------------------------------------------------------


def test_the_counts_file_holds_only_aggregate_numbers(
    qtbot: QtBot, window: MainWindow, counters: Counters
) -> None:
    for _visitor in range(2):
        to_explainer_end(qtbot, window)
        tap(qtbot, window, window.explainer.teach_back)
        tap(qtbot, window, wrong_tile(window))  # help_now: wrong first
        tap(qtbot, window, screen_of(window).go_on)
        while screen_of(window).step is Step.ASK:
            tap(qtbot, window, right_tile(window))
        # Taking it again in the same visit counts nobody twice.
        tap(qtbot, window, screen_of(window).done)
        to_explainer_end(qtbot, window)
        tap(qtbot, window, window.explainer.teach_back)
        tap(qtbot, window, right_tile(window))
        window.reset_session()  # the next visitor
    assert counters.flush(final=True)
    text = counters.path.read_text(encoding="utf-8")
    (day,) = json.loads(text)["days"].values()
    assert day["teach_back"] == {
        "help_now": {"visitors": 2, "right_first_time": 0},
        "home_care": {"visitors": 2, "right_first_time": 2},
        "see_doctor": {"visitors": 2, "right_first_time": 2},
    }
    # No tile, caption, time or order of anyone's answers.
    teach_back = content_of(window)
    for question in teach_back.questions:
        for choice in question.choices:
            assert f'"{choice.id}"' not in text, choice.id
    assert "T" not in "".join(json.loads(text)["days"])


def test_the_staff_screen_shows_the_counts_per_question(
    qtbot: QtBot, window: MainWindow, counters: Counters
) -> None:
    counters.teach_back_answered("help_now", False)
    counters.teach_back_answered("help_now", True)
    staff = window.staff.screen
    staff.load(Settings(), None, [], counters.today())
    QApplication.processEvents()
    text = staff.counts_text.text()
    assert "Which of these means you should get help now?: 2 answered, 1 right" in text
    counters_none = Counters(counters.path.with_name("other.json"))
    staff.load(Settings(), None, [], counters_none.today())
    assert "nobody yet today" in staff.counts_text.text()
