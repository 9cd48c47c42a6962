"""No warning is ever dropped: every variant of the sheet prints every safety sign in full.

Renders every level x language x paper x normal/large print, with and without
a checklist result, reads the text back with pypdf and finds each sign of the
content's safety lists (get help now, when to see a doctor, the eyelid
warnings) bullet by bullet. Also: both languages print the same sections.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout import HandoutOptions, Paper, build_handout
from kiosk.handout.builder import SAFETY_SECTIONS, safety_lines

DAY = dt.date(2026, 3, 4)
LANGS = ("en", "es")


def normalise(text: str) -> str:
    """One space between words; a word broken at a line end is joined again."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = text.replace("\u00ad", "")  # soft hyphens
    return re.sub(r"\s+", " ", text).strip()


def sheet_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return normalise(" ".join(page.extract_text() for page in pages))


@pytest.mark.parametrize("tier", [None, Tier.EMERGENCY, Tier.TODAY, Tier.SELF_CARE], ids=str)
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_every_safety_sign_is_printed_in_full(
    content: ContentPack,
    level: ReadingLevel,
    lang: str,
    paper: Paper,
    large: bool,
    tier: Tier | None,
) -> None:
    pack = content.language(lang)
    options = HandoutOptions(
        level=level, paper=paper, large_print=large, tier=tier, printed_on=DAY,
        emergency_number="112",
    )  # fmt: skip
    text = sheet_text(build_handout(pack, content.sources, options))
    signs = safety_lines(pack, level, "112")
    assert len(signs) >= 10  # get help now, see a doctor and eyelid lists all found
    missing = [sign for sign in signs if normalise(sign) not in text]
    assert not missing, missing


@pytest.mark.parametrize("level", list(ReadingLevel))
def test_safety_lists_come_from_every_safety_section(
    content: ContentPack, level: ReadingLevel
) -> None:
    pack = content.language("en")
    signs = safety_lines(pack, level, "911")
    canonical = [fill_emergency_number(s.text, "911") for s in pack.checklist.get_help_now(level)]
    assert canonical and all(sign in signs for sign in canonical)
    for section_id in SAFETY_SECTIONS:
        blocks = pack.topic.section(section_id).blocks(level)
        bullets = [fill_emergency_number(b.text, "911") for b in blocks if b.bullet]
        assert bullets and all(b in signs for b in bullets), section_id


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_both_languages_print_the_same_sections(
    content: ContentPack, level: ReadingLevel, large: bool
) -> None:
    printed: dict[str, list[str]] = {}
    for lang in LANGS:
        pack = content.language(lang)
        options = HandoutOptions(level=level, large_print=large, printed_on=DAY)
        text = sheet_text(build_handout(pack, content.sources, options))
        printed[lang] = [s.id for s in pack.topic.sections if normalise(s.title) in text]
    assert printed["en"] == printed["es"]
    assert {"get_help_now", "see_doctor", "self_care"} <= set(printed["en"])


def test_a_longer_text_makes_a_longer_sheet_not_a_shorter_list(content: ContentPack) -> None:
    """Forty more get-help-now signs in the canonical list: every one printed, over more pages."""
    from dataclasses import replace

    from kiosk.content.models import SafetySign

    pack = content.language("en")
    level = ReadingLevel.BASIC
    help_now = pack.checklist.help_now
    assert help_now is not None
    extra = tuple(
        SafetySign(f"extra{i}", "get_help_now", f"Extra warning number {i} that must be printed.")
        for i in range(40)
    )
    signs = {**help_now.signs, level: help_now.signs[level] + extra}
    checklist = replace(pack.checklist, help_now=replace(help_now, signs=signs))
    big = replace(pack, checklist=checklist)
    data = build_handout(big, content.sources, HandoutOptions(level=level, printed_on=DAY))
    text = sheet_text(data)
    for i in range(40):
        assert f"Extra warning number {i} that must be printed." in text
    normal = build_handout(pack, content.sources, HandoutOptions(level=level, printed_on=DAY))
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) > len(
        pypdf.PdfReader(io.BytesIO(normal)).pages
    )
