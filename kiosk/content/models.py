"""Frozen models of the content: what the screens and the handout show.

Nothing here imports Qt; everything is built once by the loader and never
changed afterwards.
"""

# No ``from __future__ import annotations`` here: the content copy
# (kiosk.content.cache) reads these annotations at every start, and real
# types cost nothing to read where strings must each be compiled (about
# half a millisecond).
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# Re-exported: their home is kiosk.content.ids.
from kiosk.content.ids import Answer as Answer
from kiosk.content.ids import ReadingLevel as ReadingLevel
from kiosk.content.ids import Tier as Tier
from kiosk.content.placeholders import CLINIC_PHONE_PLACEHOLDER, fill_clinic_phone

if TYPE_CHECKING:
    from kiosk.handout.text import HandoutText


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
    # Sources per level when a fact (and so its source) is used at some levels
    # only; a level not listed cites ``sources``, which is every id the section cites.
    level_sources: Mapping[ReadingLevel, tuple[str, ...]] = field(default_factory=dict)

    def sources_at(self, level: ReadingLevel) -> tuple[str, ...]:
        """The sources whose facts the body at ``level`` uses (print only these)."""
        return tuple(self.level_sources.get(level, self.sources))

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
    """One red-flag checklist question (one §4 sign).

    ``text`` is the stem at each level (one short question); ``parts`` the
    bulleted list the stem leads into (empty when the stem says it all);
    ``hint`` an optional "what this means" line. ``tier`` is the tier a
    ``yes`` gives, taken from ``kiosk.triage.SIGN_TIERS``, never from the
    content.
    """

    id: str
    tier: Tier
    text: Mapping[ReadingLevel, str]
    hint: Mapping[ReadingLevel, str] = field(default_factory=dict)
    parts: Mapping[ReadingLevel, tuple[str, ...]] = field(default_factory=dict)

    def parts_at(self, level: ReadingLevel) -> tuple[str, ...]:
        """The bulleted parts at ``level`` (empty if the question has none)."""
        return tuple(self.parts.get(level, ()))

    def full_text(self, level: ReadingLevel) -> str:
        """The stem and its parts as plain text, one part a line ("- ...")."""
        lines = [self.text[level], *(f"- {part}" for part in self.parts_at(level))]
        return "\n".join(lines)


@dataclass(frozen=True)
class SafetySign:
    """One bullet of the get-help-now list, with a stable picture id."""

    id: str
    picture: str
    text: str


@dataclass(frozen=True)
class GetHelpNow:
    """The one get-help-now list: the explainer, the results' safety net and
    the handout all show it.

    Per reading level: a lead-in ("Get help now if you have any of these:"),
    the signs as bullets, and a closing line saying where to get help (with
    ``{emergency_number}``).
    """

    lead_in: Mapping[ReadingLevel, str]
    signs: Mapping[ReadingLevel, tuple[SafetySign, ...]]
    closing: Mapping[ReadingLevel, str]

    def text(self, level: ReadingLevel) -> str:
        """The list as explainer body text: lead-in, ``- `` bullets, closing."""
        bullets = "\n".join(f"- {sign.text}" for sign in self.signs.get(level, ()))
        return f"{self.lead_in[level]}\n\n{bullets}\n\n{self.closing[level]}"


@dataclass(frozen=True)
class TierText:
    """What a result screen (and the handout) says for one tier.

    ``how`` says how to do the action (may hold ``{clinic_phone}``);
    ``how_no_phone`` is used instead when the clinic has set no phone.
    ``message_asked`` (emergency only) replaces ``message`` when the visitor
    tapped "Get help now" rather than answering into the emergency.
    ``come_back`` (self-care) says when to come back; every result below
    emergency also ends with the get-help-now list (:meth:`Checklist.get_help_now`).
    """

    tier: Tier
    title: str
    message: str
    action: str
    come_back: str = ""
    how: str = ""
    how_no_phone: str = ""
    message_asked: str = ""

    def how_text(self, clinic_phone: str = "") -> str:
        """``how`` with the clinic phone filled in, or ``how_no_phone`` without one."""
        phone = clinic_phone.strip()
        if phone and self.how:
            return fill_clinic_phone(self.how, phone)
        return self.how_no_phone or ("" if CLINIC_PHONE_PLACEHOLDER in self.how else self.how)


@dataclass(frozen=True)
class Checklist:
    """The red-flag checklist in one language."""

    questions: tuple[Question, ...]
    results: Mapping[Tier, TierText]
    help_now: GetHelpNow | None = None

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``; KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def get_help_now(self, level: ReadingLevel) -> tuple[SafetySign, ...]:
        """The get-help-now signs at ``level`` (the one canonical list)."""
        if self.help_now is None:
            return ()
        return tuple(self.help_now.signs.get(level, ()))


@dataclass(frozen=True)
class TeachBackChoice:
    """One picture tile of a teach-back question.

    ``right`` marks the one right answer of an ordinary question. On the
    result question (``TeachBackQuestion.for_result``) every choice names a
    ``tier`` instead: the right one is the visitor's own result, and each
    choice carries the ``explain`` shown when the visitor picked another.
    """

    id: str
    picture: str
    caption: Mapping[ReadingLevel, str]
    right: bool = False
    tier: Tier | None = None
    explain: Mapping[ReadingLevel, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TeachBackQuestion:
    """One "Check your understanding" question: about an action, answered by a picture.

    ``right_line`` is the one line said after a right answer; ``explain`` the
    one or two sentences (from the explainer) shown with the right answer
    after a wrong one. ``for_result`` questions are asked only after a
    checklist result below emergency.
    """

    id: str
    sources: tuple[str, ...]
    prompt: Mapping[ReadingLevel, str]
    right_line: Mapping[ReadingLevel, str]
    explain: Mapping[ReadingLevel, str]
    choices: tuple[TeachBackChoice, ...]
    for_result: bool = False

    def choice(self, choice_id: str) -> TeachBackChoice:
        """The choice with ``choice_id``; KeyError if there is none."""
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


@dataclass(frozen=True)
class TeachBack:
    """The teach-back step in one language: its questions and the end summary.

    ``summary`` is the end screen's three bullets at each level.
    """

    questions: tuple[TeachBackQuestion, ...]
    summary: Mapping[ReadingLevel, tuple[str, ...]]

    def question(self, question_id: str) -> TeachBackQuestion:
        """The question with ``question_id``; KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class LanguagePack:
    """Everything shown in one language (``teach_back`` None: not offered)."""

    language: str
    name: str
    topic: Topic
    checklist: Checklist
    ui: Mapping[str, str]
    teach_back: TeachBack | None = None
    # The handout's own wording (handout.yaml), checked by the loader; None
    # only in a pack made by hand (the builder then reads handout.yaml).
    handout: "HandoutText | None" = None


@dataclass(frozen=True)
class ContentPack:
    """All content: sources shared by every language, one pack per language."""

    sources: Mapping[str, Source]
    languages: Mapping[str, LanguagePack]

    def language(self, code: str) -> LanguagePack:
        """The pack for ``code``; KeyError if that language is not shipped."""
        return self.languages[code]
