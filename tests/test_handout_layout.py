"""The handout's layout: what Simple page 1 and 2 carry, line length, lists, page ends.

Read back from the PDF with pypdf, so these check the printed page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pypdf
import pytest

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout import HandoutOptions, Paper, build_handout, load_handout_text
from kiosk.handout.builder import BULLET

DAY = dt.date(2026, 3, 4)
LANGS = ("en", "es")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Chunk:
    text: str
    size: float
    x: float
    y: float


def pages_of(data: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(data)).pages)


def chunks(page: pypdf.PageObject) -> list[Chunk]:
    found: list[Chunk] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Chunk(text, size * scale, x, y))

    page.extract_text(visitor_text=visit)
    return found


def build(content: ContentPack, lang: str = "en", **kw: object) -> bytes:
    kw.setdefault("printed_on", DAY)
    options = HandoutOptions(**kw)  # type: ignore[arg-type]
    return build_handout(content.language(lang), content.sources, options)


@pytest.mark.parametrize("phone", ["", "555-0100"], ids=["no-phone", "phone"])
@pytest.mark.parametrize("tier", [None, *Tier], ids=str)
@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("lang", LANGS)
def test_simple_page_one_carries_safety_and_plan_and_page_two_the_tools(
    content: ContentPack,
    lang: str,
    paper: Paper,
    tier: Tier | None,
    phone: str,
) -> None:
    pack = content.language(lang)
    words = load_handout_text(lang)
    data = build(
        content, lang, level=ReadingLevel.BASIC, paper=paper, tier=tier,
        clinic_name="Riverside Clinic" if phone else "", clinic_phone=phone,
    )  # fmt: skip
    pages = pages_of(data)
    assert len(pages) == 2  # one sheet, printed on both sides
    one, two = (flat(page.extract_text()) for page in pages)
    level = ReadingLevel.BASIC
    for point in words.main_points[level]:
        assert flat(point) in one
    # The one canonical get-help-now list, its closing line, and when to see a doctor.
    assert flat(pack.topic.section("get_help_now").title) in one
    help_now = pack.checklist.help_now
    assert help_now is not None
    for sign in pack.checklist.get_help_now(level):
        assert flat(fill_emergency_number(sign.text, "911")) in one, sign.id
    assert flat(fill_emergency_number(help_now.closing[level], "911")) in one
    section = pack.topic.section("see_doctor")
    assert flat(section.title) in one
    for block in section.blocks(level):
        if block.bullet:
            assert flat(fill_emergency_number(block.text, "911")) in one, block.text
    assert words["plan_heading"] in one
    if tier is not None:
        assert flat(pack.checklist.results[tier].title) in one
        assert flat(pack.checklist.results[tier].action) in one
        how = pack.checklist.results[tier].how_text(phone)
        if how:
            assert flat(how) in one
    else:
        assert flat(words["plan_next_step"]) in one
    if phone:
        assert phone in one
    else:
        assert words["plan_write_phone"] in one
    for key in ("diary_heading", "questions_heading"):
        assert words[key] in two, key
    assert flat(pack.topic.section("self_care").title) in two
    for _, step in words.self_care_steps:
        assert flat(step) in two
    for question in words.questions[level]:
        assert flat(question) in two
    # The rest of the sheet is on page 2 too: every everyday trigger, the eyelid
    # warnings, the body map's caption, and what is known and not known.
    for key in ("triggers_line", "body_map_caption", "known_unknown", "not_a_diagnosis"):
        assert flat(words[key]) in two, key
    for block in pack.topic.section("eyelid").blocks(level):
        if block.bullet:
            assert flat(block.text) in two, block.text


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_lines_are_at_most_about_80_characters(
    content: ContentPack, level: ReadingLevel, lang: str, large: bool
) -> None:
    for page in pages_of(build(content, lang, level=level, large_print=large)):
        for chunk in chunks(page):
            if chunk.size >= 12:  # body text; the fine print (sources, footer) may run longer
                assert len(chunk.text.strip()) <= 82, chunk.text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_large_print_lists_are_one_column(
    content: ContentPack, level: ReadingLevel, lang: str
) -> None:
    seen = 0
    for page in pages_of(build(content, lang, level=level, large_print=True)):
        width = float(page.mediabox.width)
        bullets = [c for c in chunks(page) if c.text.strip() == BULLET]
        seen += len(bullets)
        assert all(c.x < width * 0.3 for c in bullets), [c.x for c in bullets]
    assert seen >= 8


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_no_heading_or_lead_in_is_stranded_at_a_page_end(
    content: ContentPack, level: ReadingLevel, lang: str, large: bool, paper: Paper
) -> None:
    pack = content.language(lang)
    words = load_handout_text(lang)
    headings = {flat(s.title) for s in pack.topic.sections}
    headings |= {flat(words[key]) for key in ("causes_heading", "diary_heading")}
    headings |= {flat(words["questions_heading"]), flat(words["main_points_heading"])}
    data = build(content, lang, level=level, large_print=large, paper=paper)
    for number, page in enumerate(pages_of(data)[:-1], start=1):
        # The footer is drawn before the page's content, so the last line
        # extracted is the last line of content on the page.
        last = flat(page.extract_text().strip().splitlines()[-1])
        assert last not in headings, f"heading at the end of page {number}: {last!r}"
        writing = {flat(words["plan_write_phone"]), flat(words["plan_appointment"])}
        if last not in writing:  # a label over a line to write on ends "My plan"
            assert not last.endswith(":"), f"lead-in at the end of page {number}: {last!r}"


def test_type_has_about_1_4_line_spacing(content: ContentPack) -> None:
    from kiosk.handout.styles import LEADING, make_styles

    assert 1.3 <= LEADING <= 1.5
    for level in ReadingLevel:
        for large in (False, True):
            st = make_styles(level, large)
            assert st.body.leading / st.body.fontSize == pytest.approx(LEADING, abs=0.02)
            assert 18 <= st.heading.fontSize <= 20
            assert st.body.fontSize >= (16 if large else 12)


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [ReadingLevel.STANDARD, ReadingLevel.DETAILED])
def test_standard_and_detailed_explanations_are_in_two_columns(
    content: ContentPack, level: ReadingLevel, lang: str, paper: Paper
) -> None:
    """Body text starts in the right half of page 2: the explanations run in two columns."""
    pages = pages_of(build(content, lang, level=level, paper=paper))
    width = float(pages[1].mediabox.width)
    body = [c for c in chunks(pages[1]) if c.size >= 12 and len(c.text.strip()) > 20]
    assert any(c.x > width * 0.5 for c in body)
    assert all(len(c.text.strip()) <= 60 for c in body if c.x > width * 0.5)


def test_columns_that_cannot_be_laid_out_give_a_one_column_sheet(
    content: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If reportlab's balanced columns fail on some content, the sheet is built in one column."""
    from kiosk.handout import builder

    class Broken(builder.BalancedColumns):  # type: ignore[misc]
        def wrap(self, aW: float, aH: float) -> tuple[float, float]:
            raise ValueError("cannot make initial split")

    monkeypatch.setattr(builder, "BalancedColumns", Broken)
    pages = pages_of(build(content, level=ReadingLevel.STANDARD))
    text = " ".join(flat(page.extract_text()) for page in pages)
    width = float(pages[0].mediabox.width)
    for page in pages:
        assert all(c.x < width * 0.5 for c in chunks(page) if c.text.strip() == BULLET)
    assert flat(load_handout_text("en")["questions_heading"]) in text


def test_kept_parsed_text_gives_the_same_sheet_every_time(content: ContentPack) -> None:
    """The builder keeps parsed paragraphs between sheets: a sheet is the same bytes
    first, after other sheets, and after its large-print twin."""
    kw: dict[str, object] = {"level": ReadingLevel.STANDARD, "reproducible": True}
    first = build(content, "en", **kw)
    for level in ReadingLevel:
        for lang in LANGS:
            build(content, lang, level=level, large_print=True, reproducible=True)
            build(content, lang, level=level, paper=Paper.A4, reproducible=True)
    assert build(content, "en", **kw) == first
