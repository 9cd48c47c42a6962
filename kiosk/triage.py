"""The red-flag checklist's triage rule: answers -> tier (CONTENT_BRIEF §4 v2).

The sign -> tier table lives here, in code (:data:`SIGN_TIERS`), not in the
content: the YAML carries the wording only, and the loader refuses a checklist
that lacks a sign, has one the table does not know, or asks them out of order.

1. Answers are ``yes``, ``no`` or ``unsure``. The result is the most urgent
   tier any answer gives; all ``no`` gives ``self_care``. The rule reads every
   answer it is given: ``drug_reaction = yes`` gives emergency even where
   ``med_change`` was not given (the gate decides only what the kiosk asks).
2. ``unsure`` counts as ``yes`` on an ``emergency`` or ``today`` sign;
   ``unsure`` on a ``soon`` or ``routine`` sign gives ``routine``.
3. Emergency signs come first (``med_change`` and its ``drug_reaction`` among
   them); the first emergency answer ends the checklist at once.
7. Signs of one tier may share a screen (:data:`ASKING_GROUPS`).

Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, overload

from kiosk.content.models import Answer, Question, Tier

VALID_ANSWERS: tuple[str, ...] = tuple(answer.value for answer in Answer)

# CONTENT_BRIEF §4 v2, signs table: sign id -> the tier a "yes" gives, in
# rule 3's asking order (emergency signs, with med_change's gate, first).
SIGN_TIERS: Mapping[str, Tier] = MappingProxyType(
    {
        "breathing": Tier.EMERGENCY,
        "stroke_signs": Tier.EMERGENCY,
        "seizure_confusion": Tier.EMERGENCY,
        "tetany": Tier.EMERGENCY,
        "weakness_fast": Tier.EMERGENCY,
        "med_change": Tier.ROUTINE,
        "drug_reaction": Tier.EMERGENCY,
        "fluids_kept_down": Tier.TODAY,
        "lithium": Tier.TODAY,
        "weakness": Tier.SOON,
        "eyelid_signs": Tier.SOON,
        "fluid_loss": Tier.SOON,
        "persistent_or_spread": Tier.ROUTINE,
        "medicine": Tier.ROUTINE,
    }
)
SIGN_IDS: tuple[str, ...] = tuple(SIGN_TIERS)

# A gated sign is asked only when its gate sign was answered yes or unsure.
GATES: Mapping[str, str] = MappingProxyType({"drug_reaction": "med_change"})

# The screens the checklist shows, in order: each group's signs share one
# screen ("Do you have any of these?"), all of one tier (§4 rule 7). With no
# red flags that is 6 taps (drug_reaction's screen is skipped), within 8.
ASKING_GROUPS: tuple[tuple[str, ...], ...] = (
    ("breathing", "stroke_signs"),
    ("seizure_confusion", "tetany", "weakness_fast"),
    ("med_change",),
    ("drug_reaction",),
    ("fluids_kept_down", "lithium"),
    ("weakness", "eyelid_signs", "fluid_loss"),
    ("persistent_or_spread", "medicine"),
)

# Tiers at which "unsure" counts as "yes" (§4 rule 2).
_UNSURE_IS_YES = frozenset({Tier.EMERGENCY, Tier.TODAY})


class TriageError(ValueError):
    """The answers do not fit the signs (unknown id or answer value)."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class TriageResult:
    """The outcome of the checklist.

    ``tier`` is the most urgent tier any answer gave (``self_care`` if none).
    ``triggered_by`` holds the ids of the signs whose answer gave exactly that
    tier, in asking order; it is empty for ``self_care``, which is the absence
    of any red flag rather than something an answer gives. ``answers`` is
    every sign's answer as ``(id, answer)`` pairs in asking order, with signs
    not answered filled in as ``no``, so the handout can show what was said.
    """

    tier: Tier
    triggered_by: tuple[str, ...]
    answers: tuple[tuple[str, Answer], ...] = ()


def sign_tier(sign_id: str) -> Tier:
    """The tier a ``yes`` to ``sign_id`` gives; TriageError for an unknown id."""
    try:
        return SIGN_TIERS[sign_id]
    except KeyError:
        raise TriageError(_unknown_ids_message([sign_id])) from None


def answer_tier(question_tier: Tier, answer: Answer) -> Tier:
    """The tier one answer gives to a sign whose ``yes`` gives ``question_tier``.

    §4 rules 1-2: ``no`` gives ``self_care``; ``yes`` gives the sign's tier;
    ``unsure`` counts as ``yes`` on an emergency or today sign and gives
    ``routine`` otherwise (never more urgent than ``yes`` would).
    """
    answer = Answer(answer)
    question_tier = Tier(question_tier)
    if answer is Answer.NO:
        return Tier.SELF_CARE
    if answer is Answer.YES or question_tier in _UNSURE_IS_YES:
        return question_tier
    return min(question_tier, Tier.ROUTINE, key=lambda tier: tier.urgency)


@overload
def triage(answers: Mapping[str, Answer | str], /) -> TriageResult: ...
@overload
def triage(
    questions: Sequence[Question], answers: Mapping[str, Answer | str], /
) -> TriageResult: ...
def triage(
    first: Mapping[str, Answer | str] | Sequence[Question],
    second: Mapping[str, Answer | str] | None = None,
    /,
) -> TriageResult:
    """Apply the §4 v2 rule to ``answers`` (sign id -> answer).

    Signs missing from ``answers`` count as ``no``; every answer given is
    read, asked or not (rule 1). An id that is not a §4 sign, or a value that
    is not an :class:`Answer`, raises :class:`TriageError` naming the valid
    ids or values. The result does not depend on the order of ``answers``.

    The older form ``triage(questions, answers)`` still works; the questions
    are ignored, because the tiers come from :data:`SIGN_TIERS`.
    """
    answers = second if second is not None else first
    if not isinstance(answers, Mapping):
        raise TypeError("triage() takes the answers as a mapping of sign id -> answer")
    unknown = [str(sid) for sid in answers if sid not in SIGN_TIERS]
    if unknown:
        raise TriageError(_unknown_ids_message(unknown))
    given = {sid: _as_answer(sid, value) for sid, value in answers.items()}
    full = tuple((sid, given.get(sid, Answer.NO)) for sid in SIGN_IDS)
    tiers = [(sid, answer_tier(SIGN_TIERS[sid], answer)) for sid, answer in full]
    tier = max((t for _, t in tiers), key=lambda t: t.urgency, default=Tier.SELF_CARE)
    triggered = () if tier is Tier.SELF_CARE else tuple(sid for sid, t in tiers if t is tier)
    return TriageResult(tier=tier, triggered_by=triggered, answers=full)


def is_emergency_stop(sign: str | _HasId, answer: Answer | str) -> bool:
    """True if this answer ends the checklist at once on the emergency screen.

    §4 rule 3 with rule 2: ``yes`` or ``unsure`` on an emergency sign.
    ``sign`` is a sign id (or, as before, a :class:`Question`).
    """
    sign_id = sign if isinstance(sign, str) else sign.id
    return answer_tier(sign_tier(sign_id), Answer(answer)) is Tier.EMERGENCY


def is_asked(sign_id: str, answers: Mapping[str, Answer | str]) -> bool:
    """True if the kiosk asks ``sign_id`` given ``answers`` so far (the gate).

    A gated sign (:data:`GATES`) is asked only once its gate sign is ``yes``
    or ``unsure``; every other sign is always asked.
    """
    gate = GATES.get(sign_id)
    if gate is None:
        return True
    value = answers.get(gate)
    return value is not None and Answer(value) is not Answer.NO


def has_emergency_stop(answers: Mapping[str, Answer | str]) -> bool:
    """True once any answer gives emergency (the checklist is over)."""
    return any(
        sid in SIGN_TIERS and is_emergency_stop(sid, value) for sid, value in answers.items()
    )


def visible_groups(answers: Mapping[str, Answer | str]) -> tuple[tuple[str, ...], ...]:
    """The :data:`ASKING_GROUPS` the kiosk shows given ``answers``, in order.

    A group is left out when none of its signs is asked (the gate). The
    list is for a visitor who goes on to the end; :func:`next_group` says
    where to go now, and stops at an emergency answer.
    """
    return tuple(group for group in ASKING_GROUPS if any(is_asked(sid, answers) for sid in group))


def next_group(answers: Mapping[str, Answer | str]) -> int | None:
    """The index in :data:`ASKING_GROUPS` of the next screen, or ``None`` when
    the checklist is over.

    It is over once any answer is an emergency stop, or when every asked
    sign is answered. A group with some sign asked and not yet answered is
    next; a gated group whose gate is ``no`` is skipped.
    """
    if has_emergency_stop(answers):
        return None
    for index, group in enumerate(ASKING_GROUPS):
        if any(is_asked(sid, answers) and sid not in answers for sid in group):
            return index
    return None


def asked_signs(answers: Mapping[str, Answer | str]) -> tuple[str, ...]:
    """Every sign the kiosk asks given ``answers``, in asking order."""
    return tuple(sid for sid in SIGN_IDS if is_asked(sid, answers))


def ordered(questions: Sequence[Question]) -> tuple[Question, ...]:
    """The questions in rule 3's asking order (:data:`SIGN_IDS`).

    Questions whose id is not a §4 sign (test fixtures only; the loader
    refuses them) keep their order after the rest.
    """
    known = sorted((q for q in questions if q.id in SIGN_TIERS), key=lambda q: _POSITION[q.id])
    return (*known, *(q for q in questions if q.id not in SIGN_TIERS))


def next_question_index(
    questions: Sequence[Question], answers: Mapping[str, Answer | str]
) -> int | None:
    """One question a screen: the index in ``questions`` of the next question
    to ask, or ``None`` when the checklist is over.

    It is over when any answer is an emergency stop or every asked question
    is answered; a gated question (``drug_reaction``) whose gate is not yet
    ``yes``/``unsure`` is skipped. Pass the questions in asking order.
    """
    if has_emergency_stop(answers):
        return None
    for index, question in enumerate(questions):
        if question.id not in answers and is_asked(question.id, answers):
            return index
    return None


def parse_answers(
    raw: Mapping[str, object], questions: Sequence[Question] | None = None
) -> dict[str, Answer]:
    """Turn raw text answers (from the CLI or a JSON file) into :class:`Answer` values.

    Ids must be §4 sign ids; values must be ``yes``, ``no`` or ``unsure``
    (case and surrounding spaces do not matter). Any problem raises
    :class:`TriageError` with a one-line message listing the valid ids and
    values. ``questions`` is accepted for older callers and ignored.
    """
    unknown = [str(sid) for sid in raw if sid not in SIGN_TIERS]
    if unknown:
        raise TriageError(_unknown_ids_message(unknown))
    parsed: dict[str, Answer] = {}
    for sid, value in raw.items():
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in VALID_ANSWERS:
            raise TriageError(
                f"answer {value!r} for {sid!r} is not valid "
                f"(valid answers: {', '.join(VALID_ANSWERS)})"
            )
        parsed[sid] = Answer(text)
    return parsed


_POSITION = {sid: index for index, sid in enumerate(SIGN_IDS)}


def _unknown_ids_message(unknown: Sequence[str]) -> str:
    names = ", ".join(repr(sid) for sid in unknown)
    noun = "id" if len(unknown) == 1 else "ids"
    return (
        f"unknown sign {noun} {names} (valid ids: {', '.join(SIGN_IDS)}; "
        f"valid answers: {', '.join(VALID_ANSWERS)})"
    )


def _as_answer(sid: str, value: object) -> Answer:
    if isinstance(value, Answer):
        return value
    if isinstance(value, str) and value in VALID_ANSWERS:
        return Answer(value)
    raise TriageError(
        f"answer {value!r} for {sid!r} is not valid (valid answers: {', '.join(VALID_ANSWERS)})"
    )
