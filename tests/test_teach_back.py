"""The teach-back rules (kiosk.teach_back), Qt-free, on the shipped content."""

from __future__ import annotations

import pytest

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.models import TeachBack
from kiosk.outcome import Outcome
from kiosk.session import Session
from kiosk.teach_back import (
    MAX_WRONG,
    Step,
    answer,
    asks_again,
    choice_order,
    current_question,
    go_on,
    right_choice,
    start_run,
)


@pytest.fixture
def teach_back(content: ContentPack) -> TeachBack:
    shipped = content.language("en").teach_back
    assert shipped is not None
    return shipped


def right_id(run: object, teach_back: TeachBack) -> str:
    question = current_question(run, teach_back)  # type: ignore[arg-type]
    return right_choice(question, run.result_tier).id  # type: ignore[attr-defined]


def wrong_id(run: object, teach_back: TeachBack) -> str:
    question = current_question(run, teach_back)  # type: ignore[arg-type]
    right = right_id(run, teach_back)
    return next(c.id for c in question.choices if c.id != right)


def test_three_or_four_questions_about_actions_with_one_right_tile_each(
    content: ContentPack,
) -> None:
    for code, pack in content.languages.items():
        teach_back = pack.teach_back
        assert teach_back is not None, code
        assert 3 <= len(teach_back.questions) <= 4
        for question in teach_back.questions:
            for level in ReadingLevel:
                assert question.prompt[level].endswith("?"), (code, question.id)
                assert all(c.caption[level] for c in question.choices)
            if not question.for_result:
                assert sum(c.right for c in question.choices) == 1
        for level in ReadingLevel:
            assert len(teach_back.summary[level]) == 3


def test_the_result_question_comes_only_after_a_checklist_result(teach_back: TeachBack) -> None:
    everyone = [q.id for q in teach_back.questions if not q.for_result]
    assert start_run(teach_back, None).question_ids == tuple(everyone)
    after = start_run(teach_back, Outcome(Tier.SOON, ("weakness",)))
    assert after.question_ids == (*everyone, "your_result")
    assert after.result_tier is Tier.SOON
    # Never about an emergency, nor after "Get help now" (no answers gave it).
    for outcome in (Outcome(Tier.EMERGENCY, ("breathing",)), Outcome(Tier.EMERGENCY, (), True)):
        run = start_run(teach_back, outcome)
        assert run.question_ids == tuple(everyone) and run.result_tier is None


def test_all_right_goes_straight_through_to_the_summary(teach_back: TeachBack) -> None:
    run = start_run(teach_back, Outcome(Tier.ROUTINE, ("persistent_or_spread",)))
    replies = []
    while run.step is Step.ASK:
        replies.append(answer(run, teach_back, right_id(run, teach_back)))
    assert run.step is Step.SUMMARY
    assert [r.question_id for r in replies] == list(run.question_ids)
    assert all(r.right and r.first_answer for r in replies)
    assert run.confirmed == "your_result"


def test_the_result_question_is_right_only_with_the_visitors_result(
    teach_back: TeachBack,
) -> None:
    for tier in (Tier.TODAY, Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE):
        run = start_run(teach_back, Outcome(tier))
        run.index = run.question_ids.index("your_result")
        question = current_question(run, teach_back)
        assert right_choice(question, tier).tier is tier
        other = next(c.id for c in question.choices if c.tier is not tier)
        assert not answer(run, teach_back, other).right
        assert run.step is Step.SHOW_RIGHT


def test_a_wrong_answer_shows_the_right_one_then_asks_again_in_a_new_order(
    teach_back: TeachBack,
) -> None:
    run = start_run(teach_back, None)
    question = current_question(run, teach_back)
    before = [c.id for c in choice_order(question, run.wrong)]
    reply = answer(run, teach_back, wrong_id(run, teach_back))
    assert not reply.right and reply.first_answer
    assert run.step is Step.SHOW_RIGHT and run.confirmed is None
    assert asks_again(run)
    go_on(run)
    assert run.step is Step.ASK and run.index == 0
    after = [c.id for c in choice_order(question, run.wrong)]
    assert sorted(after) == sorted(before) and after != before
    right = right_id(run, teach_back)
    assert after.index(right) != before.index(right)  # the right tile moved
    again = answer(run, teach_back, right)
    assert again.right and not again.first_answer  # right, but not first time
    assert run.index == 1 and run.confirmed == question.id and run.wrong == 0


def test_after_two_wrong_answers_the_visitor_moves_on(teach_back: TeachBack) -> None:
    run = start_run(teach_back, None)
    for n in range(MAX_WRONG):
        answer(run, teach_back, wrong_id(run, teach_back))
        assert asks_again(run) is (n + 1 < MAX_WRONG)
        go_on(run)
    assert run.index == 1 and run.step is Step.ASK and run.wrong == 0


def test_answers_outside_a_question_are_refused(teach_back: TeachBack) -> None:
    run = start_run(teach_back, None)
    with pytest.raises(ValueError, match="not a choice"):
        answer(run, teach_back, "no_such_tile")
    answer(run, teach_back, wrong_id(run, teach_back))
    with pytest.raises(ValueError, match="no question"):
        answer(run, teach_back, right_id(run, teach_back))


def test_the_run_lives_in_the_session_and_every_reset_wipes_it(teach_back: TeachBack) -> None:
    session = Session()
    session.teach_back = start_run(teach_back, None)
    session.teach_back_counted.add("help_now")
    assert not session.is_pristine()
    session.clear_checklist()  # Home, "Start again"
    assert session.teach_back is None
    session.reset()  # idle reset, "I'm finished"
    assert session.is_pristine() and not session.teach_back_counted
