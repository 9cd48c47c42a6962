"""The shipped English content: structure, safety messages and reading levels."""

from __future__ import annotations

import re

import pytest
from brief_rules import BRIEF_RULES, SECTION_IDS

from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Tier, Topic
from kiosk.content.readability import measure

QUESTION_TIERS = list(BRIEF_RULES)

LEVELS = list(ReadingLevel)


def _topic(content: ContentPack) -> Topic:
    return content.language("en").topic


def _plain(text: str) -> str:
    """Lower case with runs of white space collapsed, for phrase searches."""
    return re.sub(r"\s+", " ", text).lower()


def _level_text(topic: Topic, level: ReadingLevel) -> str:
    return _plain(" ".join(topic.body_text(level)))


def _section_text(topic: Topic, section_id: str, level: ReadingLevel) -> str:
    return _plain(" ".join(block.text for block in topic.section(section_id).blocks(level)))


def test_real_content_loads_with_header(content: ContentPack) -> None:
    topic = _topic(content)
    assert topic.id == "twitching"
    assert topic.version == "1.0.0"
    assert topic.reviewed.isoformat() == "2026-11-25"


def test_sections_in_order(content: ContentPack) -> None:
    assert [s.id for s in _topic(content).sections] == list(SECTION_IDS)


def test_every_section_cites_known_sources(content: ContentPack) -> None:
    for section in _topic(content).sections:
        assert section.sources, section.id
        for level in LEVELS:
            assert section.sources_at(level), (section.id, level)
            for source_id in section.sources_at(level):
                assert source_id in content.sources, (section.id, source_id)


@pytest.mark.parametrize(
    ("section_id", "source_id", "levels"),
    [
        ("how_common", "BFS-2017", [ReadingLevel.DETAILED]),
        ("nerves", "LGI1", [ReadingLevel.DETAILED]),
        ("long_lasting", "BFS-REVIEW", [ReadingLevel.DETAILED]),
    ],
)
def test_a_source_is_cited_only_at_the_levels_that_use_its_fact(
    content: ContentPack, section_id: str, source_id: str, levels: list[ReadingLevel]
) -> None:
    for language in content.languages.values():
        section = language.topic.section(section_id)
        assert [lv for lv in LEVELS if source_id in section.sources_at(lv)] == levels


def test_sources_have_readable_names(content: ContentPack) -> None:
    for source in content.sources.values():
        # Shown on screen as "NHS", "MedlinePlus", never a bare code like "MLP-LI".
        assert source.publisher and source.title and source.title != source.id
    for new in ("MSD-HYPOCAL", "MLP-AW", "MLP-LI", "NHS-GBS", "MLP-ES"):
        assert new in content.sources


def test_basic_level_is_easy_to_read(content: ContentPack) -> None:
    score = measure(_topic(content), ReadingLevel.BASIC)
    assert score.grade is not None and score.grade <= 6.0
    assert score.ease is not None and score.ease >= 70.0


def test_standard_level_grade(content: ContentPack) -> None:
    score = measure(_topic(content), ReadingLevel.STANDARD)
    assert score.grade is not None and score.grade <= 8.5


def test_detailed_level_says_more_than_basic(content: ContentPack) -> None:
    topic = _topic(content)
    assert measure(topic, ReadingLevel.DETAILED).words > measure(topic, ReadingLevel.BASIC).words


@pytest.mark.parametrize(
    "term",
    [
        "fasciculation",
        "benign fasciculation syndrome",
        "emg",
        "electrolytes",
        "motor neuron disease",
        "als",
        "lgi1",
        "isaacs",
    ],
)
def test_detailed_defines_the_medical_terms(content: ContentPack, term: str) -> None:
    text = _level_text(_topic(content), ReadingLevel.DETAILED)
    assert re.search(rf"\b{re.escape(term)}s?\b", text)


@pytest.mark.parametrize("level", [ReadingLevel.BASIC, ReadingLevel.STANDARD])
@pytest.mark.parametrize(
    "word", ["cyclobenzaprine", "benzodiazepine", "multiple sclerosis", "lgi1", "caspr2", "isaacs"]
)
def test_basic_and_standard_avoid_words(
    content: ContentPack, level: ReadingLevel, word: str
) -> None:
    assert word not in _level_text(_topic(content), level)


@pytest.mark.parametrize("level", [ReadingLevel.BASIC, ReadingLevel.STANDARD])
def test_basic_and_standard_give_no_number_for_how_common(
    content: ContentPack, level: ReadingLevel
) -> None:
    assert "7 in 10" not in _level_text(_topic(content), level)


def test_detailed_gives_the_survey_figure_only_as_one_old_survey(content: ContentPack) -> None:
    text = _section_text(_topic(content), "how_common", ReadingLevel.DETAILED)
    assert "7 in 10" in text and "one old survey" in text


@pytest.mark.parametrize("level", LEVELS)
def test_corrected_facts(content: ContentPack, level: ReadingLevel) -> None:
    topic = _topic(content)
    text = _level_text(topic, level)
    assert "overactive thyroid" not in text
    assert "thyroid gland that works too hard" not in text
    assert "antacid" not in text
    minerals = _section_text(topic, "minerals", level)
    assert re.search(r"(for a long time|months or years|months to years)", minerals)
    medicines = _section_text(topic, "medicines", level)
    assert "lithium" in medicines and "today" in medicines
    assert "every day" in medicines
    see_doctor = _section_text(topic, "see_doctor", level)
    assert "weak or stiff" not in see_doctor.split("1 to 3 days")[0], (
        "weakness is soon, not routine"
    )
    assert "lithium" in see_doctor


def test_bfs_goes_on_but_never_turned_into_mnd(content: ContentPack) -> None:
    text = _section_text(_topic(content), "long_lasting", ReadingLevel.DETAILED)
    assert "9 in 10" in text
    assert "nobody developed motor neuron disease" in text


@pytest.mark.parametrize("level", LEVELS)
def test_eyelid_says_upper_eyelid_droops(content: ContentPack, level: ReadingLevel) -> None:
    assert "upper" in _section_text(_topic(content), "eyelid", level)
    question = content.language("en").checklist.question("eyelid_signs")
    assert "Your upper eyelid droops." in question.parts_at(level)


@pytest.mark.parametrize("level", LEVELS)
def test_no_level_mentions_multiple_sclerosis(content: ContentPack, level: ReadingLevel) -> None:
    text = _level_text(_topic(content), level)
    assert "multiple sclerosis" not in text
    assert not re.search(r"\bms\b", text)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("section_id", ["medicines", "self_care"])
def test_medicine_rule_at_every_level(
    content: ContentPack, level: ReadingLevel, section_id: str
) -> None:
    text = _section_text(_topic(content), section_id, level)
    assert "do not stop a prescribed medicine on your own" in text
    assert "doctor or pharmacist" in text


@pytest.mark.parametrize("level", LEVELS)
def test_get_help_now_names_the_emergencies(content: ContentPack, level: ReadingLevel) -> None:
    text = _section_text(_topic(content), "get_help_now", level)
    needles = (
        "breath",
        "droop",
        "stroke",
        "seizure",
        "front-desk staff",
        "call {emergency_number}",
    )
    for needle in needles:
        assert needle in text, needle


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_only_placeholder_in_the_explainer_is_the_emergency_number(
    content: ContentPack, language: str
) -> None:
    # Screens fill in {emergency_number} only; any other {name} would show raw.
    topic = content.language(language).topic
    for level in LEVELS:
        found = set(re.findall(r"\{[^}]*\}", " ".join(topic.body_text(level))))
        assert found == {"{emergency_number}"}, (level, found)


@pytest.mark.parametrize("level", LEVELS)
def test_see_doctor_gives_both_timings(content: ContentPack, level: ReadingLevel) -> None:
    text = _section_text(_topic(content), "see_doctor", level)
    assert "more than 2 weeks" in text
    assert "1 to 3 days" in text


def test_checklist_questions_and_tiers_in_order(content: ContentPack) -> None:
    questions = content.language("en").checklist.questions
    assert [(q.id, q.tier) for q in questions] == QUESTION_TIERS


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_stem_is_a_short_positive_question(content: ContentPack, language: str) -> None:
    for question in content.language(language).checklist.questions:
        for level in LEVELS:
            stem = question.text[level]
            assert stem.endswith("?"), (question.id, level)
            assert len(stem.split()) <= 20, (question.id, level)
            # Positive: "Is it hard to swallow?", never "Can you not swallow?"
            assert not re.search(r"\b(not|cannot|can't|unable|no puede)\b", stem), stem


def test_persistent_question_says_more_than_two_weeks(content: ContentPack) -> None:
    question = content.language("en").checklist.question("persistent_or_spread")
    for level in LEVELS:
        assert "more than 2 weeks" in question.full_text(level)


@pytest.mark.parametrize(
    ("question_id", "time_frame"),
    [
        ("breathing", "right now"),
        ("stroke_signs", "7 days"),
        ("seizure_confusion", "today or yesterday"),
        ("med_change", "2 weeks"),
        ("drug_reaction", "right now"),
        ("fluids_kept_down", "today"),
        ("weakness", "weeks or months"),
        ("fluid_loss", "past week"),
        ("weakness_fast", "hours or a few days"),
    ],
)
def test_time_bound_questions_give_the_brief_time_frame(
    content: ContentPack, question_id: str, time_frame: str
) -> None:
    question = content.language("en").checklist.question(question_id)
    for level in LEVELS:
        assert time_frame in question.full_text(level).lower(), level


def test_tetany_asks_for_both_parts(content: ContentPack) -> None:
    question = content.language("en").checklist.question("tetany")
    for level in LEVELS:
        assert "both" in question.text[level]
        assert len(question.parts_at(level)) == 2


def test_drug_reaction_says_a_mild_fever_alone_is_no(content: ContentPack) -> None:
    question = content.language("en").checklist.question("drug_reaction")
    for level in LEVELS:
        assert "mild fever on its own is a no" in question.hint[level].lower()


def test_no_question_says_drooping_face_for_the_eyelid(content: ContentPack) -> None:
    question = content.language("en").checklist.question("eyelid_signs")
    for level in LEVELS:
        text = question.full_text(level).lower()
        assert "face droop" not in text and "drooping face" not in text


def test_all_five_results(content: ContentPack) -> None:
    results = content.language("en").checklist.results
    assert set(results) == set(Tier)
    assert results[Tier.SELF_CARE].come_back


@pytest.mark.parametrize("language", ["en", "es"])
def test_results_are_honest(content: ContentPack, language: str) -> None:
    results = content.language(language).checklist.results
    based_on = {"en": "based on your answers", "es": "según sus respuestas"}[language]
    for tier, text in results.items():
        words = " ".join((text.title, text.message, text.action, text.how, text.come_back))
        lowered = words.lower()
        for banned in (
            "not an emergency",
            "no need to rush",
            "no es una emergencia",
            "no hay prisa",
        ):
            assert banned not in lowered, (tier, banned)
        assert based_on in text.message.lower(), tier


def test_routine_and_soon_say_how_to_book_and_tell_today(content: ContentPack) -> None:
    results = content.language("en").checklist.results
    for tier in (Tier.ROUTINE, Tier.SOON):
        text = results[tier]
        assert "If you see a doctor or nurse today, tell them" in text.message
        assert "appointment" in text.action.lower() and "front desk" in text.how.lower()
        assert "{clinic_phone}" in text.how
        assert text.how_text("555 0100").endswith("call the clinic at 555 0100.")
        assert "{clinic_phone}" not in text.how_text("")
        assert text.how_text("") == text.how_no_phone


def test_emergency_result_uses_the_number_placeholder(content: ContentPack) -> None:
    emergency = content.language("en").checklist.results[Tier.EMERGENCY]
    assert "{emergency_number}" in emergency.message
    assert "front-desk staff" in emergency.action.lower()
    assert emergency.message_asked.startswith("You asked for help now.")


def test_today_result(content: ContentPack) -> None:
    today = content.language("en").checklist.results[Tier.TODAY]
    assert today.title == "Be seen today"
    assert "front-desk staff before you leave" in today.action


def test_self_care_result_says_when_to_come_back(content: ContentPack) -> None:
    come_back = content.language("en").checklist.results[Tier.SELF_CARE].come_back
    assert "more than 2 weeks" in come_back
    assert "1 to 3 days" in come_back and "weak" in come_back


@pytest.mark.parametrize("language", ["en", "es"])
def test_one_get_help_now_list_everywhere(content: ContentPack, language: str) -> None:
    pack = content.language(language)
    for level in LEVELS:
        signs = pack.checklist.get_help_now(level)
        assert [s.id for s in signs] == [
            "breathing",
            "stroke",
            "seizure",
            "weakness_fast",
            "tetany",
            "drug_reaction",
        ]
        assert [s.picture for s in signs] == [s.id for s in signs]
        bullets = [b.text for b in pack.topic.section("get_help_now").blocks(level) if b.bullet]
        assert bullets == [s.text for s in signs]


@pytest.mark.parametrize("level", LEVELS)
def test_drug_reaction_signs_are_worded_the_same_everywhere(
    content: ContentPack, level: ReadingLevel
) -> None:
    pack = content.language("en")
    phrases = ("very restless", "see or hear things that are not there", "high fever")
    places = [
        pack.checklist.question("drug_reaction").full_text(level),
        next(s.text for s in pack.checklist.get_help_now(level) if s.id == "drug_reaction"),
        _section_text(pack.topic, "medicines", level),
    ]
    for place in places:
        for phrase in phrases:
            assert phrase in place.lower(), (phrase, place[:60])
