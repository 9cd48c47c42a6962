"""The shipped English content: structure, safety messages and reading levels."""

from __future__ import annotations

import re

import pytest
from brief_rules import BRIEF_RULES

from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Tier, Topic
from kiosk.content.readability import measure

SECTION_IDS = [
    "what_is",
    "how_common",
    "triggers",
    "minerals",
    "medicines",
    "nerves",
    "long_lasting",
    "eyelid",
    "self_care",
    "see_doctor",
    "get_help_now",
]

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
    assert [s.id for s in _topic(content).sections] == SECTION_IDS


def test_every_section_cites_known_sources(content: ContentPack) -> None:
    for section in _topic(content).sections:
        assert section.sources, section.id
        for source_id in section.sources:
            assert source_id in content.sources, (section.id, source_id)


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


def test_every_question_is_written_at_every_level(content: ContentPack) -> None:
    for question in content.language("en").checklist.questions:
        for level in LEVELS:
            assert question.text[level].endswith("?"), (question.id, level)


def test_persistent_question_says_more_than_two_weeks(content: ContentPack) -> None:
    question = content.language("en").checklist.question("persistent_or_spread")
    for level in LEVELS:
        assert "more than 2 weeks" in question.text[level]


@pytest.mark.parametrize("question_id", ["tetany", "drug_reaction"])
def test_two_part_questions_keep_their_and(content: ContentPack, question_id: str) -> None:
    question = content.language("en").checklist.question(question_id)
    for level in LEVELS:
        assert re.search(r"\b(and|together with)\b", question.text[level]), level


def test_all_four_results(content: ContentPack) -> None:
    results = content.language("en").checklist.results
    assert set(results) == set(Tier)
    for tier in (Tier.ROUTINE, Tier.SELF_CARE):
        assert results[tier].come_back, tier


def test_emergency_result_uses_the_number_placeholder(content: ContentPack) -> None:
    emergency = content.language("en").checklist.results[Tier.EMERGENCY]
    text = " ".join((emergency.title, emergency.message, emergency.action, emergency.come_back))
    assert "{emergency_number}" in text
    assert "front-desk staff" in emergency.action.lower()


def test_self_care_result_says_when_to_come_back(content: ContentPack) -> None:
    come_back = content.language("en").checklist.results[Tier.SELF_CARE].come_back
    assert "more than 2 weeks" in come_back
    assert "breathing" in come_back
