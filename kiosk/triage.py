"""The red-flag checklist's triage rule: answers -> tier.

A pure function of the content's questions (each has an id and the tier a
``yes`` gives) and the patient's answers, following CONTENT_BRIEF §4:

1. Answers are ``yes``, ``no`` or ``unsure``. The result is the most urgent
   tier any answer gives; all ``no`` gives ``self_care``.
2. ``unsure`` on an emergency question counts as ``yes``; ``unsure`` on a
   ``soon`` or ``routine`` question gives ``routine``.
3. Emergency questions come first, and the first emergency answer ends the
   checklist at once (see :func:`ordered` and :func:`is_emergency_stop`).

Nothing here imports Qt; the questions are passed in, never hard-coded, so the
rule works for any language pack and for test fixtures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.content.models import Answer, Question, Tier

VALID_ANSWERS: tuple[str, ...] = tuple(answer.value for answer in Answer)


class TriageError(ValueError):
    """The answers do not fit the questions (unknown id or answer value)."""


@dataclass(frozen=True)
class TriageResult:
    """The outcome of the checklist.

    ``tier`` is the most urgent tier any answer gave (``self_care`` if none).
    ``triggered_by`` holds the ids of the questions whose answer gave exactly
    that tier, in question order; it is empty for ``self_care``, which is the
    absence of any red flag rather than something an answer gives.
    ``answers`` is every question's answer as ``(id, answer)`` pairs in
    question order, with unanswered questions filled in as ``no``, so the
    handout can show what the patient said.
    """

    tier: Tier
    triggered_by: tuple[str, ...]
    answers: tuple[tuple[str, Answer], ...] = ()


def answer_tier(question_tier: Tier, answer: Answer) -> Tier:
    """The tier one answer gives to a question whose ``yes`` gives ``question_tier``.

    CONTENT_BRIEF §4 rules 1-2: ``no`` gives ``self_care``; ``yes`` gives the
    question's tier; ``unsure`` counts as ``yes`` on an emergency question and
    gives ``routine`` otherwise (never more urgent than ``yes`` would).
    """
    answer = Answer(answer)
    question_tier = Tier(question_tier)
    if answer is Answer.NO:
        return Tier.SELF_CARE
    if answer is Answer.YES or question_tier is Tier.EMERGENCY:
        return question_tier
    return min(question_tier, Tier.ROUTINE, key=lambda tier: tier.urgency)


def triage(questions: Sequence[Question], answers: Mapping[str, Answer]) -> TriageResult:
    """Apply the CONTENT_BRIEF §4 rule to ``answers`` (question id -> answer).

    Questions missing from ``answers`` count as ``no``. An id that names no
    question, or a value that is not an :class:`Answer`, raises
    :class:`TriageError` naming the valid ids or values. The result does not
    depend on the order of ``answers``.
    """
    valid_ids = _question_ids(questions)
    unknown = [qid for qid in answers if qid not in valid_ids]
    if unknown:
        raise TriageError(_unknown_ids_message(unknown, valid_ids))
    given = {qid: _as_answer(qid, value) for qid, value in answers.items()}

    full = tuple((q.id, given.get(q.id, Answer.NO)) for q in questions)
    tiers = [
        (q.id, answer_tier(q.tier, answer)) for q, (_, answer) in zip(questions, full, strict=True)
    ]
    tier = max((t for _, t in tiers), key=lambda t: t.urgency, default=Tier.SELF_CARE)
    triggered = () if tier is Tier.SELF_CARE else tuple(qid for qid, t in tiers if t is tier)
    return TriageResult(tier=tier, triggered_by=triggered, answers=full)


def is_emergency_stop(question: Question, answer: Answer) -> bool:
    """True if this answer ends the checklist at once on the emergency screen.

    CONTENT_BRIEF §4 rule 3, with rule 2: ``yes`` or ``unsure`` on an
    emergency question.
    """
    return answer_tier(question.tier, answer) is Tier.EMERGENCY


def ordered(questions: Sequence[Question]) -> tuple[Question, ...]:
    """The questions in asking order: emergency questions first (§4 rule 3).

    The sort is stable: emergency questions keep their content order, and so
    do all the others after them.
    """
    emergency = [q for q in questions if q.tier == Tier.EMERGENCY]
    others = [q for q in questions if q.tier != Tier.EMERGENCY]
    return (*emergency, *others)


def next_question_index(questions: Sequence[Question], answers: Mapping[str, Answer]) -> int | None:
    """Where the checklist goes next: the index in ``questions`` of the first
    unanswered question, or ``None`` when the checklist is over.

    It is over when every question is answered or when any answer is an
    emergency stop (:func:`is_emergency_stop`). Pass the questions in asking
    order (:func:`ordered`).
    """
    for question in questions:
        answer = answers.get(question.id)
        if answer is not None and is_emergency_stop(question, answer):
            return None
    for index, question in enumerate(questions):
        if question.id not in answers:
            return index
    return None


def parse_answers(raw: Mapping[str, object], questions: Sequence[Question]) -> dict[str, Answer]:
    """Turn raw text answers (from the CLI or a JSON file) into :class:`Answer` values.

    Ids must name a question; values must be ``yes``, ``no`` or ``unsure``
    (case and surrounding spaces do not matter). Any problem raises
    :class:`TriageError` with a one-line message listing the valid ids and
    values.
    """
    valid_ids = _question_ids(questions)
    unknown = [str(qid) for qid in raw if qid not in valid_ids]
    if unknown:
        raise TriageError(_unknown_ids_message(unknown, valid_ids))
    parsed: dict[str, Answer] = {}
    for qid, value in raw.items():
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in VALID_ANSWERS:
            raise TriageError(
                f"answer {value!r} for {qid!r} is not valid "
                f"(valid answers: {', '.join(VALID_ANSWERS)})"
            )
        parsed[qid] = Answer(text)
    return parsed


def _question_ids(questions: Sequence[Question]) -> tuple[str, ...]:
    ids = tuple(q.id for q in questions)
    duplicates = sorted({qid for qid in ids if ids.count(qid) > 1})
    if duplicates:
        raise TriageError(f"duplicate question ids: {', '.join(duplicates)}")
    return ids


def _unknown_ids_message(unknown: Sequence[str], valid_ids: Sequence[str]) -> str:
    names = ", ".join(repr(qid) for qid in unknown)
    noun = "id" if len(unknown) == 1 else "ids"
    return (
        f"unknown question {noun} {names} (valid ids: {', '.join(valid_ids)}; "
        f"valid answers: {', '.join(VALID_ANSWERS)})"
    )


def _as_answer(qid: str, value: object) -> Answer:
    if isinstance(value, Answer):
        return value
    if isinstance(value, str) and value in VALID_ANSWERS:
        return Answer(value)
    raise TriageError(
        f"answer {value!r} for {qid!r} is not valid (valid answers: {', '.join(VALID_ANSWERS)})"
    )
