"""The triage rule against CONTENT_BRIEF §4: its example cases and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_rules import BRIEF_RULES
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import Answer, Question, ReadingLevel, Tier, load_content
from kiosk.triage import (
    TriageError,
    TriageResult,
    answer_tier,
    is_emergency_stop,
    next_question_index,
    ordered,
    parse_answers,
    triage,
)

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "checklist_rules"

# CONTENT_BRIEF §4, questions table: id -> the tier a "yes" gives.
RULES = BRIEF_RULES
IDS = tuple(qid for qid, _ in RULES)
RULE_TIER = dict(RULES)
EMERGENCY_IDS = tuple(qid for qid, tier in RULES if tier is Tier.EMERGENCY)
NON_EMERGENCY_IDS = tuple(qid for qid, tier in RULES if tier is not Tier.EMERGENCY)


def make_question(qid: str, tier: Tier) -> Question:
    return Question(qid, tier, {level: f"{qid}?" for level in ReadingLevel})


QUESTIONS = tuple(make_question(qid, tier) for qid, tier in RULES)
Q = {q.id: q for q in QUESTIONS}

# CONTENT_BRIEF §4, example cases: (story, non-"no" answers, tier, triggered_by).
YES, UNSURE, NO = Answer.YES, Answer.UNSURE, Answer.NO
EXAMPLES = [
    ("eyelid twitch 3 days, exam week, 4 coffees", {}, Tier.SELF_CARE, ()),
    ("calf twitch 10 days, nothing else", {}, Tier.SELF_CARE, ()),
    ("thigh twitch exactly 14 days, nothing else", {}, Tier.SELF_CARE, ()),
    (
        "thumb twitch 3 weeks",
        {"persistent_or_spread": YES},
        Tier.ROUTINE,
        ("persistent_or_spread",),
    ),
    ("new salbutamol inhaler, shaky fingers", {"medicine": YES}, Tier.ROUTINE, ("medicine",)),
    (
        "hand twitching 2 months, dropping keys",
        {"weakness": YES, "persistent_or_spread": YES},
        Tier.SOON,
        ("weakness",),
    ),
    (
        "long-term water pill, 3 days vomiting",
        {"fluid_loss": YES, "medicine": YES},
        Tier.SOON,
        ("fluid_loss",),
    ),
    ("sudden face droop 40 minutes ago", {"stroke_signs": YES}, Tier.EMERGENCY, ("stroke_signs",)),
    ("after thyroid surgery, lips tingling", {"tetany": YES}, Tier.EMERGENCY, ("tetany",)),
    ("unsure about trouble breathing", {"breathing": UNSURE}, Tier.EMERGENCY, ("breathing",)),
]


def all_no_but(answers: dict[str, Answer]) -> dict[str, Answer]:
    """Every question answered, "no" unless ``answers`` says otherwise."""
    return {qid: answers.get(qid, NO) for qid in IDS}


# An oracle written straight from the brief's wording, independent of answer_tier.
def expected_answer_tier(qid: str, answer: Answer) -> Tier:
    rule = RULE_TIER[qid]
    if answer == "no":
        return Tier.SELF_CARE
    if answer == "yes":
        return rule
    return Tier.EMERGENCY if rule == "emergency" else Tier.ROUTINE


URGENCY_ORDER = [Tier.SELF_CARE, Tier.ROUTINE, Tier.SOON, Tier.EMERGENCY]


def rank(tier: Tier) -> int:
    return URGENCY_ORDER.index(tier)


# --- the brief's example cases --------------------------------------------------------


@pytest.mark.parametrize(
    ("story", "answers", "tier", "triggered_by"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_brief_example(
    story: str, answers: dict[str, Answer], tier: Tier, triggered_by: tuple[str, ...]
) -> None:
    # Unlisted answers are "no": both leaving them out and saying "no" must agree.
    sparse = triage(QUESTIONS, answers)
    full = triage(QUESTIONS, all_no_but(answers))
    assert sparse.tier is tier
    assert sparse.triggered_by == triggered_by
    assert full == sparse


def test_real_content_follows_the_brief() -> None:
    """The shipped English checklist has the brief's ten questions and tiers."""
    questions = load_content().language("en").checklist.questions
    assert {q.id: q.tier for q in questions} == RULE_TIER
    assert tuple(ordered(questions)) == tuple(questions), "emergency questions must come first"
    for story, answers, tier, triggered_by in EXAMPLES:
        result = triage(questions, answers)
        assert (result.tier, set(result.triggered_by)) == (tier, set(triggered_by)), story


def test_fixture_content_matches_the_brief_table() -> None:
    questions = load_content(FIXTURE_CONTENT).language("en").checklist.questions
    assert tuple((q.id, q.tier) for q in questions) == RULES


# --- single answers ---------------------------------------------------------------------


@pytest.mark.parametrize(("qid", "rule"), RULES)
def test_one_yes_gives_the_question_tier(qid: str, rule: Tier) -> None:
    result = triage(QUESTIONS, {qid: YES})
    assert result.tier is rule
    assert result.triggered_by == (qid,)


@pytest.mark.parametrize(("qid", "rule"), RULES)
def test_one_unsure(qid: str, rule: Tier) -> None:
    expected = Tier.EMERGENCY if rule is Tier.EMERGENCY else Tier.ROUTINE
    result = triage(QUESTIONS, {qid: UNSURE})
    assert result.tier is expected
    assert result.triggered_by == (qid,)


def test_unsure_on_soon_and_yes_on_routine_both_trigger_routine() -> None:
    result = triage(QUESTIONS, {"medicine": YES, "weakness": UNSURE})
    assert result.tier is Tier.ROUTINE
    assert result.triggered_by == ("weakness", "medicine")  # question order, not answer order


def test_triggered_by_lists_every_question_at_the_final_tier_in_question_order() -> None:
    result = triage(QUESTIONS, {"fluid_loss": YES, "medicine": YES, "weakness": YES})
    assert result.tier is Tier.SOON
    assert result.triggered_by == ("weakness", "fluid_loss")


def test_empty_answers_and_no_questions_give_self_care() -> None:
    assert triage(QUESTIONS, {}) == TriageResult(
        Tier.SELF_CARE, (), tuple((qid, NO) for qid in IDS)
    )
    assert triage((), {}).tier is Tier.SELF_CARE


def test_result_records_every_answer_in_question_order() -> None:
    result = triage(QUESTIONS, {"medicine": UNSURE, "breathing": NO})
    assert [qid for qid, _ in result.answers] == list(IDS)
    assert dict(result.answers) == all_no_but({"medicine": UNSURE})


def test_result_is_frozen() -> None:
    result = triage(QUESTIONS, {})
    with pytest.raises(AttributeError):
        result.tier = Tier.EMERGENCY  # type: ignore[misc]


def test_plain_string_answers_are_accepted() -> None:
    assert triage(QUESTIONS, {"tetany": "unsure"}).tier is Tier.EMERGENCY  # type: ignore[dict-item]


def test_rule_is_not_hard_coded_to_the_ten_questions() -> None:
    custom = (make_question("a", Tier.ROUTINE), make_question("b", Tier.SOON))
    assert triage(custom, {"a": YES}).tier is Tier.ROUTINE
    assert triage(custom, {"b": UNSURE}).tier is Tier.ROUTINE
    assert triage(custom, {"a": YES, "b": YES}).triggered_by == ("b",)
    with pytest.raises(TriageError):
        triage(custom, {"breathing": YES})


def test_answer_tier_table() -> None:
    assert answer_tier(Tier.EMERGENCY, UNSURE) is Tier.EMERGENCY
    assert answer_tier(Tier.SOON, UNSURE) is Tier.ROUTINE
    assert answer_tier(Tier.ROUTINE, UNSURE) is Tier.ROUTINE
    assert answer_tier(Tier.SOON, YES) is Tier.SOON
    assert answer_tier(Tier.EMERGENCY, NO) is Tier.SELF_CARE


# --- errors -----------------------------------------------------------------------------


def test_unknown_id_names_the_valid_ids() -> None:
    with pytest.raises(TriageError) as caught:
        triage(QUESTIONS, {"breathing": NO, "chest_pain": YES})
    message = str(caught.value)
    assert "'chest_pain'" in message
    for qid in IDS:
        assert qid in message
    assert isinstance(caught.value, ValueError)


def test_bad_answer_value_in_triage_is_refused() -> None:
    with pytest.raises(TriageError, match="yes, no, unsure"):
        triage(QUESTIONS, {"breathing": "maybe"})  # type: ignore[dict-item]


def test_duplicate_question_ids_are_refused() -> None:
    with pytest.raises(TriageError, match="duplicate"):
        triage((*QUESTIONS, make_question("medicine", Tier.SOON)), {})


# --- parse_answers ----------------------------------------------------------------------


def test_parse_answers_accepts_any_case_and_spaces() -> None:
    parsed = parse_answers({"breathing": " Unsure ", "medicine": "YES", "tetany": "no"}, QUESTIONS)
    assert parsed == {"breathing": UNSURE, "medicine": YES, "tetany": NO}
    assert all(isinstance(value, Answer) for value in parsed.values())


def test_parse_answers_unknown_id_lists_valid_ids_and_values() -> None:
    with pytest.raises(TriageError) as caught:
        parse_answers({"Breathing": "yes"}, QUESTIONS)
    message = str(caught.value)
    assert "'Breathing'" in message
    assert ", ".join(IDS) in message
    assert "yes, no, unsure" in message
    assert "\n" not in message


@pytest.mark.parametrize("value", ["maybe", "", "y", True, None, 1, ["yes"]])
def test_parse_answers_bad_value_lists_valid_values(value: object) -> None:
    with pytest.raises(TriageError) as caught:
        parse_answers({"weakness": value}, QUESTIONS)
    message = str(caught.value)
    assert "'weakness'" in message
    assert "yes, no, unsure" in message
    assert "\n" not in message


def test_parse_answers_of_nothing_is_empty() -> None:
    assert parse_answers({}, QUESTIONS) == {}


# --- helpers for the checklist screens ----------------------------------------------------


def test_is_emergency_stop() -> None:
    for qid in EMERGENCY_IDS:
        assert is_emergency_stop(Q[qid], YES)
        assert is_emergency_stop(Q[qid], UNSURE)
        assert not is_emergency_stop(Q[qid], NO)
    for qid in NON_EMERGENCY_IDS:
        for answer in Answer:
            assert not is_emergency_stop(Q[qid], answer)


def test_ordered_puts_emergency_questions_first_and_is_stable() -> None:
    mixed = (Q["medicine"], Q["breathing"], Q["weakness"], Q["tetany"], Q["fluid_loss"])
    assert [q.id for q in ordered(mixed)] == [
        "breathing",
        "tetany",
        "medicine",
        "weakness",
        "fluid_loss",
    ]
    assert ordered(QUESTIONS) == QUESTIONS


def test_next_question_index_walks_the_checklist_and_stops_on_emergency() -> None:
    assert next_question_index(QUESTIONS, {}) == 0
    assert next_question_index(QUESTIONS, {"breathing": NO}) == 1
    assert next_question_index(QUESTIONS, {"breathing": NO, "stroke_signs": UNSURE}) is None
    assert next_question_index(QUESTIONS, {"breathing": YES}) is None
    assert next_question_index(QUESTIONS, {qid: NO for qid in IDS[:5]}) == 5
    assert next_question_index(QUESTIONS, {"weakness": UNSURE, "breathing": NO}) == 1
    assert next_question_index(QUESTIONS, all_no_but({"medicine": YES})) is None
    assert next_question_index((), {}) is None


# --- properties -------------------------------------------------------------------------

answer_maps = st.dictionaries(st.sampled_from(IDS), st.sampled_from(list(Answer)))


@given(answer_maps)
def test_result_matches_the_brief_oracle(answers: dict[str, Answer]) -> None:
    result = triage(QUESTIONS, answers)
    given_tiers = {qid: expected_answer_tier(qid, a) for qid, a in all_no_but(answers).items()}
    expected = max(given_tiers.values(), key=rank)
    assert result.tier is expected


@given(answer_maps, st.sampled_from(IDS))
def test_adding_a_yes_never_lowers_the_tier(answers: dict[str, Answer], qid: str) -> None:
    before = triage(QUESTIONS, answers).tier
    after = triage(QUESTIONS, {**answers, qid: YES}).tier
    assert rank(after) >= rank(before)


@given(answer_maps, st.sampled_from(IDS))
def test_no_to_unsure_never_lowers_the_tier(answers: dict[str, Answer], qid: str) -> None:
    before = triage(QUESTIONS, {**answers, qid: NO}).tier
    after = triage(QUESTIONS, {**answers, qid: UNSURE}).tier
    assert rank(after) >= rank(before)


@given(answer_maps, st.sampled_from(EMERGENCY_IDS), st.sampled_from([YES, UNSURE]))
def test_any_emergency_yes_or_unsure_gives_emergency(
    answers: dict[str, Answer], qid: str, answer: Answer
) -> None:
    result = triage(QUESTIONS, {**answers, qid: answer})
    assert result.tier is Tier.EMERGENCY
    assert qid in result.triggered_by


@given(
    st.lists(st.sampled_from(list(Answer)), min_size=10, max_size=10).flatmap(
        lambda values: st.permutations(list(zip(IDS, values, strict=True)))
    )
)
def test_answer_order_never_matters(pairs: list[tuple[str, Answer]]) -> None:
    in_question_order = dict(sorted(pairs, key=lambda pair: IDS.index(pair[0])))
    assert triage(QUESTIONS, dict(pairs)) == triage(QUESTIONS, in_question_order)


@given(st.sets(st.sampled_from(IDS)))
def test_all_no_gives_self_care(ids: set[str]) -> None:
    result = triage(QUESTIONS, {qid: NO for qid in ids})
    assert result.tier is Tier.SELF_CARE
    assert result.triggered_by == ()


@given(
    st.dictionaries(
        st.sampled_from(NON_EMERGENCY_IDS), st.sampled_from([NO, UNSURE]), min_size=1
    ).filter(lambda answers: UNSURE in answers.values()),
    st.dictionaries(st.sampled_from(NON_EMERGENCY_IDS), st.sampled_from(list(Answer))),
)
def test_unsure_on_soon_or_routine_gives_routine_at_least_never_emergency(
    unsure: dict[str, Answer], others: dict[str, Answer]
) -> None:
    only_unsure = triage(QUESTIONS, unsure)
    assert only_unsure.tier is Tier.ROUTINE
    mixed = triage(QUESTIONS, {**others, **unsure})
    assert rank(mixed.tier) >= rank(Tier.ROUTINE)
    assert mixed.tier is not Tier.EMERGENCY


@given(answer_maps)
def test_triggered_by_is_exactly_the_questions_at_the_final_tier(
    answers: dict[str, Answer],
) -> None:
    result = triage(QUESTIONS, answers)
    if result.tier is Tier.SELF_CARE:
        assert result.triggered_by == ()
        return
    expected = tuple(
        qid for qid in IDS if expected_answer_tier(qid, answers.get(qid, NO)) is result.tier
    )
    assert result.triggered_by == expected


@given(
    st.lists(st.sampled_from(list(Tier)), max_size=8).flatmap(
        lambda tiers: st.tuples(
            st.just(tuple(make_question(f"q{i}", t) for i, t in enumerate(tiers))),
            st.lists(st.sampled_from(list(Answer)), min_size=len(tiers), max_size=len(tiers)),
        )
    )
)
def test_any_question_set_gives_the_most_urgent_answer_tier(
    case: tuple[tuple[Question, ...], list[Answer]],
) -> None:
    questions, values = case
    answers = {q.id: a for q, a in zip(questions, values, strict=True)}
    result = triage(questions, answers)
    tiers = [answer_tier(q.tier, a) for q, a in zip(questions, values, strict=True)]
    assert result.tier is max(tiers, key=rank, default=Tier.SELF_CARE)
    emergency_stop = any(is_emergency_stop(q, a) for q, a in zip(questions, values, strict=True))
    assert emergency_stop == (result.tier is Tier.EMERGENCY)
