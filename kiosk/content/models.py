"""Frozen models of the content: what the screens and the handout show.

Nothing here imports Qt; everything is built once by the loader and never
changed afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ReadingLevel(StrEnum):
    """The three reading levels; ids are fixed by the content brief."""

    BASIC = "basic"
    STANDARD = "standard"
    DETAILED = "detailed"


class Tier(StrEnum):
    """How urgently to seek care; ids are fixed by the content brief."""

    EMERGENCY = "emergency"
    SOON = "soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"

    @property
    def urgency(self) -> int:
        """Higher is more urgent: self_care 0 ... emergency 3."""
        return _URGENCY[self]


_URGENCY = {Tier.SELF_CARE: 0, Tier.ROUTINE: 1, Tier.SOON: 2, Tier.EMERGENCY: 3}


class Answer(StrEnum):
    """A checklist answer."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Source:
    """A cited source, shown on screen and printed on the handout."""

    id: str
    title: str
    publisher: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """One paragraph or one bullet of body text."""

    text: str
    bullet: bool = False


def split_blocks(text: str) -> tuple[Block, ...]:
    """Split level text into blocks.

    Paragraphs are separated by blank lines; a line starting with ``- `` is a
    bullet. Lines inside a paragraph are joined with spaces.
    """
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Block(" ".join(lines)))
            lines.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            flush()
            blocks.append(Block(line[2:].strip(), bullet=True))
        elif blocks and blocks[-1].bullet and not lines and raw[:1].isspace():
            # An indented continuation line belongs to the bullet above.
            last = blocks.pop()
            blocks.append(Block(f"{last.text} {line}", bullet=True))
        else:
            lines.append(line)
    flush()
    return tuple(blocks)


@dataclass(frozen=True)
class Section:
    """One page of the explainer, written at every reading level."""

    id: str
    title: str
    sources: tuple[str, ...]
    levels: Mapping[ReadingLevel, str]

    def text(self, level: ReadingLevel) -> str:
        """The raw body text at ``level``."""
        return self.levels[level]

    def blocks(self, level: ReadingLevel) -> tuple[Block, ...]:
        """The body at ``level`` as paragraphs and bullets."""
        return split_blocks(self.levels[level])


@dataclass(frozen=True)
class Topic:
    """A topic pack in one language: the explainer's sections."""

    id: str
    language: str
    title: str
    subtitle: str
    version: str
    reviewed: dt.date
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        """The section with ``section_id``; KeyError if there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def body_text(self, level: ReadingLevel) -> list[str]:
        """Every paragraph and bullet at ``level``, in order, without headings."""
        return [block.text for section in self.sections for block in section.blocks(level)]


@dataclass(frozen=True)
class Question:
    """One red-flag checklist question."""

    id: str
    tier: Tier
    text: Mapping[ReadingLevel, str]
    hint: Mapping[ReadingLevel, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TierText:
    """What a result screen (and the handout) says for one tier."""

    tier: Tier
    title: str
    message: str
    action: str
    come_back: str = ""


@dataclass(frozen=True)
class Checklist:
    """The red-flag checklist in one language."""

    questions: tuple[Question, ...]
    results: Mapping[Tier, TierText]

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``; KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class LanguagePack:
    """Everything shown in one language."""

    language: str
    name: str
    topic: Topic
    checklist: Checklist
    ui: Mapping[str, str]


@dataclass(frozen=True)
class ContentPack:
    """All content: sources shared by every language, one pack per language."""

    sources: Mapping[str, Source]
    languages: Mapping[str, LanguagePack]

    def language(self, code: str) -> LanguagePack:
        """The pack for ``code``; KeyError if that language is not shipped."""
        return self.languages[code]
