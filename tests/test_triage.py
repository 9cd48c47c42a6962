"""The triage rule against CONTENT_BRIEF §4 v2: its example cases and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_rules import BRIEF_GATES, BRIEF_RULES, BRIEF_TIER_ORDER
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import Answer, Question, ReadingLevel, Tier, load_content
from kiosk.triage import (
    ASKING_GROUPS,
    GATES,
    SIGN_IDS,
    SIGN_TIERS,
    TriageError,
    TriageResult,
    answer_tier,
    asked_signs,
    is_asked,
    is_emergency_stop,
    next_group,
    next_question_index,
    ordered,
    parse_answers,
    triage,
    visible_groups,
)

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "checklist_rules"

RULES = BRIEF_RULES
IDS = tuple(sid for sid, _ in RULES)
RULE_TIER = dict(RULES)
EMERGENCY_IDS = tuple(sid for sid, tier in RULES if tier is Tier.EMERGENCY)
TODAY_IDS = tuple(sid for sid, tier in RULES if tier is Tier.TODAY)
LOWER_IDS = tuple(sid for sid, tier in RULES if tier in (Tier.SOON, Tier.ROUTINE))
NON_EMERGENCY_IDS = tuple(sid for sid, tier in RULES if tier is not Tier.EMERGENCY)

YES, UNSURE, NO = Answer.YES, Answer.UNSURE, Answer.NO


def make_question(sid: str) -> Question:
    return Question(sid, RULE_TIER[sid], {level: f"{sid}?" for level in ReadingLevel})


QUESTIONS = tuple(make_question(sid) for sid in IDS)
Q = {q.id: q for q in QUESTIONS}

# CONTENT_BRIEF §4 v2, example cases: (story, non-"no" answers, tier). Every row.
EXAMPLES: list[tuple[str, dict[str, Answer], Tier]] = [
    ("student, lower eyelid twitch 3 days, exam week, 4 coffees", {}, Tier.SELF_CARE),
    ("calf twitch 10 days, nothing else", {}, Tier.SELF_CARE),
    ("thigh twitch for exactly 14 days, nothing else", {}, Tier.SELF_CARE),
    ("stroke 4 years ago, no new symptoms; thumb twitch 1 week", {}, Tier.SELF_CARE),
    ("thumb twitch 3 weeks", {"persistent_or_spread": YES}, Tier.ROUTINE),
    (
        "new salbutamol inhaler last week, shaky fingers, no fever or agitation",
        {"med_change": YES, "medicine": YES},
        Tier.ROUTINE,
    ),
    (
        "hand twitching 2 months, keeps dropping keys",
        {"weakness": YES, "persistent_or_spread": YES},
        Tier.SOON,
    ),
    (
        "long-term water pill, 3 days vomiting, calf twitches, keeps drinks down",
        {"fluid_loss": YES, "medicine": YES},
        Tier.SOON,
    ),
    ("on lithium for years, new twitching in both arms", {"lithium": YES}, Tier.TODAY),
    ("throwing up every drink since this morning", {"fluids_kept_down": YES}, Tier.TODAY),
    ("feet weak since two days ago, now knees give way", {"weakness_fast": YES}, Tier.EMERGENCY),
    ("sudden face droop 40 minutes ago", {"stroke_signs": YES}, Tier.EMERGENCY),
    (
        "3 days after thyroid surgery, lips tingling, hands cramping",
        {"tetany": YES},
        Tier.EMERGENCY,
    ),
    ("unsure about trouble breathing", {"breathing": UNSURE}, Tier.EMERGENCY),
    ("unsure whether she can keep fluids down", {"fluids_kept_down": UNSURE}, Tier.TODAY),
]


def all_no_but(answers: dict[str, Answer]) -> dict[str, Answer]:
    """Every sign answered, "no" unless ``answers`` says otherwise."""
    return {sid: answers.get(sid, NO) for sid in IDS}


# An oracle written straight from the brief's wording, independent of answer_tier.
def expected_answer_tier(sid: str, answer: Answer) -> Tier:
    rule = RULE_TIER[sid]
    if answer == "no":
        return Tier.SELF_CARE
    if answer == "yes":
        return rule
    return rule if rule in ("emergency", "today") else Tier.ROUTINE


def rank(tier: Tier) -> int:
    return len(BRIEF_TIER_ORDER) - BRIEF_TIER_ORDER.index(tier)


# --- the table in code is the brief's -------------------------------------------------


def test_sign_table_is_the_brief_table_in_asking_order() -> None:
    assert tuple(SIGN_TIERS.items()) == RULES
    assert SIGN_IDS == IDS
    assert dict(GATES) == BRIEF_GATES


def test_tier_urgency_order() -> None:
    assert sorted(Tier, key=lambda t: -t.urgency) == list(BRIEF_TIER_ORDER)
    assert [t.value for t in BRIEF_TIER_ORDER] == [
        "emergency",
        "today",
        "soon",
        "routine",
        "self_care",
    ]


def test_sign_table_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        SIGN_TIERS["breathing"] = Tier.ROUTINE  # type: ignore[index]


# --- the brief's example cases --------------------------------------------------------


@pytest.mark.parametrize(("story", "answers", "tier"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_brief_example(story: str, answers: dict[str, Answer], tier: Tier) -> None:
    # Unlisted answers are "no": leaving them out and saying "no" must agree.
    sparse = triage(answers)
    full = triage(all_no_but(answers))
    assert sparse.tier is tier
    assert full == sparse
    expected_triggers = tuple(
        sid for sid in IDS if expected_answer_tier(sid, answers.get(sid, NO)) is tier
    )
    assert sparse.triggered_by == (() if tier is Tier.SELF_CARE else expected_triggers)


def test_examples_cover_every_row_of_the_brief() -> None:
    assert len(EXAMPLES) == 15
    assert {tier for _, _, tier in EXAMPLES} == set(Tier)


def test_legacy_two_argument_form_still_works() -> None:
    """``triage(questions, answers)`` (the UI's and the handout command's call) agrees."""
    for _, answers, tier in EXAMPLES:
        assert triage(QUESTIONS, answers) == triage(answers)
        assert triage(QUESTIONS, answers).tier is tier


def test_real_content_has_every_sign_in_asking_order() -> None:
    for code in ("en", "es"):
        questions = load_content().language(code).checklist.questions
        assert [(q.id, q.tier) for q in questions] == list(RULES), code
        assert ordered(questions) == questions


def test_fixture_content_matches_the_brief_table() -> None:
    questions = load_content(FIXTURE_CONTENT).language("en").checklist.questions
    assert tuple((q.id, q.tier) for q in questions) == RULES


# --- single answers ---------------------------------------------------------------------


@pytest.mark.parametrize(("sid", "rule"), RULES)
def test_one_yes_gives_the_sign_tier(sid: str, rule: Tier) -> None:
    result = triage({sid: YES})
    assert result.tier is rule
    assert result.triggered_by == (sid,)


@pytest.mark.parametrize(("sid", "rule"), RULES)
def test_one_unsure(sid: str, rule: Tier) -> None:
    expected = rule if rule in (Tier.EMERGENCY, Tier.TODAY) else Tier.ROUTINE
    result = triage({sid: UNSURE})
    assert result.tier is expected
    assert result.triggered_by == (sid,)


def test_med_change_yes_gives_routine() -> None:
    assert triage({"med_change": YES}).tier is Tier.ROUTINE
    assert triage({"med_change": UNSURE}).tier is Tier.ROUTINE


def test_rule_1_reads_drug_reaction_even_without_med_change() -> None:
    assert triage({"drug_reaction": YES}).tier is Tier.EMERGENCY
    assert triage({"med_change": NO, "drug_reaction": YES}).tier is Tier.EMERGENCY
    assert triage({"drug_reaction": UNSURE}).tier is Tier.EMERGENCY


def test_today_beats_soon_and_routine_and_loses_to_emergency() -> None:
    result = triage({"lithium": YES, "weakness": YES, "medicine": YES})
    assert (result.tier, result.triggered_by) == (Tier.TODAY, ("lithium",))
    both = triage({"lithium": UNSURE, "fluids_kept_down": YES})
    assert both.triggered_by == ("fluids_kept_down", "lithium")
    assert triage({"lithium": YES, "tetany": UNSURE}).tier is Tier.EMERGENCY


def test_unsure_on_soon_and_yes_on_routine_both_trigger_routine() -> None:
    result = triage({"medicine": YES, "weakness": UNSURE})
    assert result.tier is Tier.ROUTINE
    assert result.triggered_by == ("weakness", "medicine")  # asking order, not answer order


def test_empty_answers_give_self_care_with_every_sign_no() -> None:
    assert triage({}) == TriageResult(Tier.SELF_CARE, (), tuple((sid, NO) for sid in IDS))


def test_result_is_frozen() -> None:
    result = triage({})
    with pytest.raises(AttributeError):
        result.tier = Tier.EMERGENCY  # type: ignore[misc]


def test_plain_string_answers_are_accepted() -> None:
    assert triage({"tetany": "unsure"}).tier is Tier.EMERGENCY


def test_answer_tier_table() -> None:
    assert answer_tier(Tier.EMERGENCY, UNSURE) is Tier.EMERGENCY
    assert answer_tier(Tier.TODAY, UNSURE) is Tier.TODAY
    assert answer_tier(Tier.SOON, UNSURE) is Tier.ROUTINE
    assert answer_tier(Tier.ROUTINE, UNSURE) is Tier.ROUTINE
    assert answer_tier(Tier.SOON, YES) is Tier.SOON
    assert answer_tier(Tier.TODAY, NO) is Tier.SELF_CARE


# --- errors -----------------------------------------------------------------------------


def test_unknown_id_names_the_valid_ids() -> None:
    with pytest.raises(TriageError) as caught:
        triage({"breathing": NO, "chest_pain": YES})
    message = str(caught.value)
    assert "'chest_pain'" in message
    assert ", ".join(IDS) in message
    assert isinstance(caught.value, ValueError)


def test_bad_answer_value_in_triage_is_refused() -> None:
    with pytest.raises(TriageError, match="yes, no, unsure"):
        triage({"breathing": "maybe"})


def test_parse_answers_accepts_any_case_and_spaces() -> None:
    parsed = parse_answers({"breathing": " Unsure ", "lithium": "YES", "tetany": "no"})
    assert parsed == {"breathing": UNSURE, "lithium": YES, "tetany": NO}
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
        parse_answers({"weakness": value})
    message = str(caught.value)
    assert "'weakness'" in message
    assert "yes, no, unsure" in message
    assert "\n" not in message


# --- helpers for the checklist screens ----------------------------------------------------


def test_is_emergency_stop_takes_an_id_or_a_question() -> None:
    for sid in EMERGENCY_IDS:
        for sign in (sid, Q[sid]):
            assert is_emergency_stop(sign, YES)
            assert is_emergency_stop(sign, UNSURE)
            assert not is_emergency_stop(sign, NO)
    for sid in NON_EMERGENCY_IDS:
        for answer in Answer:
            assert not is_emergency_stop(sid, answer)
    with pytest.raises(TriageError):
        is_emergency_stop("chest_pain", YES)


def test_asking_groups_are_every_sign_once_in_order_and_one_tier_each() -> None:
    assert ASKING_GROUPS == (
        ("breathing", "stroke_signs"),
        ("seizure_confusion", "tetany", "weakness_fast"),
        ("med_change",),
        ("drug_reaction",),
        ("fluids_kept_down", "lithium"),
        ("weakness", "eyelid_signs", "fluid_loss"),
        ("persistent_or_spread", "medicine"),
    )
    assert tuple(sid for group in ASKING_GROUPS for sid in group) == IDS
    for group in ASKING_GROUPS:
        assert len({RULE_TIER[sid] for sid in group}) == 1, group


def test_gate_opens_drug_reaction_on_yes_or_unsure_only() -> None:
    assert not is_asked("drug_reaction", {})
    assert not is_asked("drug_reaction", {"med_change": NO})
    assert is_asked("drug_reaction", {"med_change": YES})
    assert is_asked("drug_reaction", {"med_change": UNSURE})
    assert is_asked("breathing", {})
    assert "drug_reaction" not in asked_signs({"med_change": NO})
    assert asked_signs({"med_change": YES}) == IDS


def test_visible_groups_skip_the_gated_group() -> None:
    assert ("drug_reaction",) not in visible_groups({"med_change": NO})
    assert ("drug_reaction",) not in visible_groups({})
    assert visible_groups({"med_change": UNSURE}) == ASKING_GROUPS


def _walk(first_answers: dict[int, dict[str, Answer]]) -> tuple[list[int], dict[str, Answer]]:
    """Answer each group the checklist shows (no to everything unless told), like the UI."""
    answers: dict[str, Answer] = {}
    shown: list[int] = []
    while (index := next_group(answers)) is not None:
        assert index not in shown, "a group was shown twice"
        shown.append(index)
        for sid in ASKING_GROUPS[index]:
            answers[sid] = first_answers.get(index, {}).get(sid, NO)
    return shown, answers


def test_no_red_flags_reaches_the_result_in_six_screens() -> None:
    shown, answers = _walk({})
    assert shown == [0, 1, 2, 4, 5, 6]
    assert len(shown) <= 8  # rule 7: at most 8 taps after the intro
    assert "drug_reaction" not in answers
    assert triage(answers).tier is Tier.SELF_CARE


def test_med_change_yes_shows_drug_reaction_next() -> None:
    shown, answers = _walk({2: {"med_change": YES}})
    assert shown == [0, 1, 2, 3, 4, 5, 6]
    assert triage(answers).tier is Tier.ROUTINE


def test_emergency_answer_ends_the_checklist() -> None:
    shown, answers = _walk({1: {"tetany": UNSURE}})
    assert shown == [0, 1]
    assert triage(answers).tier is Tier.EMERGENCY
    assert next_group({"med_change": YES, "drug_reaction": YES}) is None
    assert next_group({"drug_reaction": UNSURE}) is None


def test_next_group_waits_for_a_group_answered_in_part() -> None:
    assert next_group({"breathing": NO}) == 0
    assert next_group({"breathing": NO, "stroke_signs": NO}) == 1


def test_next_question_index_one_a_screen_honours_gate_and_stop() -> None:
    assert next_question_index(QUESTIONS, {}) == 0
    assert next_question_index(QUESTIONS, {"breathing": NO}) == 1
    assert next_question_index(QUESTIONS, {"breathing": NO, "stroke_signs": UNSURE}) is None
    five_no = {sid: NO for sid in IDS[:6]}  # up to med_change = no
    assert next_question_index(QUESTIONS, five_no) == IDS.index("fluids_kept_down")
    opened = {**five_no, "med_change": YES}
    assert next_question_index(QUESTIONS, opened) == IDS.index("drug_reaction")
    assert next_question_index(QUESTIONS, all_no_but({"medicine": YES})) is None
    assert next_question_index((), {}) is None


def test_ordered_puts_signs_in_asking_order() -> None:
    mixed = (Q["medicine"], Q["breathing"], Q["lithium"], Q["tetany"], Q["med_change"])
    assert [q.id for q in ordered(mixed)] == [
        "breathing",
        "tetany",
        "med_change",
        "lithium",
        "medicine",
    ]
    assert ordered(QUESTIONS) == QUESTIONS


# --- properties -------------------------------------------------------------------------

answer_maps = st.dictionaries(st.sampled_from(IDS), st.sampled_from(list(Answer)))


@given(answer_maps)
def test_result_matches_the_brief_oracle(answers: dict[str, Answer]) -> None:
    result = triage(answers)
    given_tiers = {sid: expected_answer_tier(sid, a) for sid, a in all_no_but(answers).items()}
    assert result.tier is max(given_tiers.values(), key=rank)


@given(answer_maps, st.sampled_from(IDS))
def test_adding_a_yes_never_lowers_the_tier(answers: dict[str, Answer], sid: str) -> None:
    before = triage(answers).tier
    after = triage({**answers, sid: YES}).tier
    assert rank(after) >= rank(before)


@given(answer_maps, st.sampled_from(IDS))
def test_no_to_unsure_never_lowers_the_tier(answers: dict[str, Answer], sid: str) -> None:
    before = triage({**answers, sid: NO}).tier
    after = triage({**answers, sid: UNSURE}).tier
    assert rank(after) >= rank(before)


@given(answer_maps, st.sampled_from(EMERGENCY_IDS + TODAY_IDS))
def test_unsure_on_emergency_or_today_is_the_same_as_yes(
    answers: dict[str, Answer], sid: str
) -> None:
    unsure, yes = triage({**answers, sid: UNSURE}), triage({**answers, sid: YES})
    assert (unsure.tier, unsure.triggered_by) == (yes.tier, yes.triggered_by)


@given(answer_maps, st.sampled_from(EMERGENCY_IDS), st.sampled_from([YES, UNSURE]))
def test_any_emergency_yes_or_unsure_gives_emergency(
    answers: dict[str, Answer], sid: str, answer: Answer
) -> None:
    result = triage({**answers, sid: answer})
    assert result.tier is Tier.EMERGENCY
    assert sid in result.triggered_by
    assert next_group({**answers, sid: answer}) is None


@given(
    st.dictionaries(st.sampled_from(LOWER_IDS + TODAY_IDS), st.sampled_from(list(Answer))),
    st.sampled_from(TODAY_IDS),
    st.sampled_from([YES, UNSURE]),
)
def test_any_today_yes_or_unsure_gives_today_without_emergency(
    answers: dict[str, Answer], sid: str, answer: Answer
) -> None:
    result = triage({**answers, sid: answer})
    assert result.tier is Tier.TODAY
    assert sid in result.triggered_by


@given(
    st.lists(st.sampled_from(list(Answer)), min_size=len(IDS), max_size=len(IDS)).flatmap(
        lambda values: st.permutations(list(zip(IDS, values, strict=True)))
    )
)
def test_answer_order_never_matters(pairs: list[tuple[str, Answer]]) -> None:
    in_asking_order = dict(sorted(pairs, key=lambda pair: IDS.index(pair[0])))
    assert triage(dict(pairs)) == triage(in_asking_order)


@given(st.sets(st.sampled_from(IDS)))
def test_all_no_gives_self_care(ids: set[str]) -> None:
    result = triage({sid: NO for sid in ids})
    assert result.tier is Tier.SELF_CARE
    assert result.triggered_by == ()


@given(
    st.dictionaries(st.sampled_from(LOWER_IDS), st.sampled_from([NO, UNSURE]), min_size=1).filter(
        lambda answers: UNSURE in answers.values()
    ),
    st.dictionaries(st.sampled_from(LOWER_IDS), st.sampled_from(list(Answer))),
)
def test_unsure_on_soon_or_routine_gives_routine_at_least_never_more_than_soon(
    unsure: dict[str, Answer], others: dict[str, Answer]
) -> None:
    assert triage(unsure).tier is Tier.ROUTINE
    mixed = triage({**others, **unsure})
    assert rank(Tier.ROUTINE) <= rank(mixed.tier) <= rank(Tier.SOON)


@given(answer_maps)
def test_triggered_by_is_exactly_the_signs_at_the_final_tier(answers: dict[str, Answer]) -> None:
    result = triage(answers)
    if result.tier is Tier.SELF_CARE:
        assert result.triggered_by == ()
        return
    expected = tuple(
        sid for sid in IDS if expected_answer_tier(sid, answers.get(sid, NO)) is result.tier
    )
    assert result.triggered_by == expected


@given(answer_maps)
def test_emergency_stop_exactly_when_the_tier_is_emergency(answers: dict[str, Answer]) -> None:
    stop = any(is_emergency_stop(sid, a) for sid, a in answers.items())
    assert stop == (triage(answers).tier is Tier.EMERGENCY)
    assert (next_group(answers) is None) or not stop


@given(st.dictionaries(st.sampled_from(IDS), st.sampled_from(list(Answer))))
def test_walking_the_groups_never_asks_drug_reaction_behind_a_closed_gate(
    seed: dict[str, Answer],
) -> None:
    answers: dict[str, Answer] = {}
    while (index := next_group(answers)) is not None:
        for sid in ASKING_GROUPS[index]:
            if sid == "drug_reaction":
                assert answers.get("med_change") in (YES, UNSURE)
            answers[sid] = seed.get(sid, NO)
    assert len({i for i, g in enumerate(ASKING_GROUPS) if any(s in answers for s in g)}) <= 8
