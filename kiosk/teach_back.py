"""The "Check your understanding" step as plain state and rules (no Qt).

Questions come in the content's order; the result question only after a
checklist result below emergency. A right answer moves on at once (the next
screen says so in one line); a wrong one shows the right answer with its
picture and one or two sentences from the explainer, then asks the same
question again with the tiles in a new order. After a second wrong answer
to the same question the visitor moves on instead of being asked a third
time: the point has been shown twice, and a kiosk must never feel like a
test one can fail. The end shows the three summary points.

The run holds ids only, never text, so a language switch keeps the place;
it lives in ``Session.teach_back`` and is never written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.models import TeachBack, TeachBackChoice, TeachBackQuestion, Tier
from kiosk.outcome import Outcome

# Wrong answers to one question before the visitor is moved on.
MAX_WRONG = 2


class Step(StrEnum):
    """What the teach-back screen shows."""

    ASK = "ask"  # a question and its tiles
    SHOW_RIGHT = "show_right"  # after a wrong answer: the right one, explained
    SUMMARY = "summary"  # the three points, and the handout


@dataclass
class TeachBackRun:
    """One visitor's way through the questions.

    ``result_tier`` is the checklist result the result question asks about
    (None: that question is not asked). ``wrong`` counts the wrong answers
    to the question on show (it also picks the tiles' order); ``chosen`` is
    the tile last tapped; ``confirmed`` the question just answered right,
    whose one line the next screen shows.
    """

    question_ids: tuple[str, ...]
    result_tier: Tier | None = None
    index: int = 0
    step: Step = Step.ASK
    wrong: int = 0
    chosen: str | None = None
    confirmed: str | None = None

    @property
    def question_id(self) -> str:
        """The id of the question on show (the last one on the summary)."""
        return self.question_ids[min(self.index, len(self.question_ids) - 1)]


@dataclass(frozen=True)
class Reply:
    """What one tap on a tile did: right or not, and whether it was the first answer."""

    question_id: str
    right: bool
    first_answer: bool


def result_tier(outcome: Outcome | None) -> Tier | None:
    """The result the result question asks about, or None when it must not be asked.

    Only a result the visitor answered their way to, below emergency (the
    emergency takeover never offers the step).
    """
    if outcome is None or outcome.is_emergency or outcome.asked_for_help:
        return None
    return outcome.tier


def start_run(teach_back: TeachBack, outcome: Outcome | None) -> TeachBackRun:
    """A new run: every question for everyone, and the result question after a result."""
    tier = result_tier(outcome)
    ids = tuple(q.id for q in teach_back.questions if not q.for_result or tier is not None)
    return TeachBackRun(question_ids=ids, result_tier=tier)


def current_question(run: TeachBackRun, teach_back: TeachBack) -> TeachBackQuestion:
    """The question on show, in the language of ``teach_back``."""
    return teach_back.question(run.question_id)


def right_choice(question: TeachBackQuestion, tier: Tier | None) -> TeachBackChoice:
    """The one right tile: the ``right`` one, or on the result question the result's."""
    for choice in question.choices:
        if (choice.tier is tier) if question.for_result else choice.right:
            return choice
    raise ValueError(f"question {question.id!r} has no right answer for {tier}")


def choice_order(question: TeachBackQuestion, wrong: int) -> tuple[TeachBackChoice, ...]:
    """The tiles in the order shown after ``wrong`` wrong answers.

    A rotation of the content's order by ``wrong`` places: deterministic (the
    tests know it), and each new try puts every tile, the right one too, in
    a new place.
    """
    choices = question.choices
    shift = wrong % len(choices)
    return choices[shift:] + choices[:shift]


def answer(run: TeachBackRun, teach_back: TeachBack, choice_id: str) -> Reply:
    """Take the tapped tile ``choice_id`` (only while asking); move the run on.

    Raises ValueError when no question is being asked or the tile is not one
    of the question's.
    """
    if run.step is not Step.ASK:
        raise ValueError(f"no question is being asked (step {run.step.value})")
    question = current_question(run, teach_back)
    try:
        question.choice(choice_id)
    except KeyError:
        raise ValueError(f"{choice_id!r} is not a choice of {question.id!r}") from None
    right = right_choice(question, run.result_tier).id == choice_id
    reply = Reply(question.id, right, first_answer=run.wrong == 0)
    run.chosen = choice_id
    if right:
        run.confirmed = question.id
        _next_question(run)
    else:
        run.confirmed = None
        run.wrong += 1
        run.step = Step.SHOW_RIGHT
    return reply


def go_on(run: TeachBackRun) -> None:
    """From the right answer shown: ask again, or after ``MAX_WRONG`` go to the next question."""
    if run.step is not Step.SHOW_RIGHT:
        return
    if run.wrong >= MAX_WRONG:
        _next_question(run)
    else:
        run.step = Step.ASK


def asks_again(run: TeachBackRun) -> bool:
    """True when going on from the right answer asks the same question again."""
    return run.step is Step.SHOW_RIGHT and run.wrong < MAX_WRONG


def _next_question(run: TeachBackRun) -> None:
    run.wrong = 0
    run.chosen = None
    if run.index + 1 >= len(run.question_ids):
        run.step = Step.SUMMARY
    else:
        run.index += 1
        run.step = Step.ASK
