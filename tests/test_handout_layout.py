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
from reportlab.lib.units import mm

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout import HandoutOptions, Paper, build_handout, builder, load_handout_text
from kiosk.handout.builder import BULLET
from kiosk.handout.drawings import PictureFlowable
from kiosk.pictures import Picture

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


def test_a_sheet_built_warm_is_the_same_bytes_as_one_built_cold(content: ContentPack) -> None:
    """Paragraphs keep their parsed text, line breaks and split pieces between
    sheets (``builder._PARSED``): a sheet built after others (twice, so kept
    pieces are laid out again) is byte for byte the sheet built from nothing.
    Were a kept piece to carry layout state into the next sheet, the balanced
    columns would fail and the sheet would come out in one column: other bytes."""
    variants = [
        (level, lang, paper, large)
        for level in ReadingLevel
        for lang in LANGS
        for paper in Paper
        for large in (False, True)
        if not (large and paper is Paper.A4)
    ]
    cold: dict[tuple[object, ...], bytes] = {}
    for level, lang, paper, large in variants:
        builder._PARSED.clear()
        cold[level, lang, paper, large] = build(
            content, lang, level=level, paper=paper, large_print=large, reproducible=True
        )
    for _ in range(2):
        for level, lang, paper, large in variants:
            warm = build(
                content, lang, level=level, paper=paper, large_print=large, reproducible=True
            )
            assert warm == cold[level, lang, paper, large], (level, lang, paper, large)


def _flowables(flow: object) -> list[object]:
    """Every flowable inside ``flow`` (lists, kept groups, table cells)."""
    found: list[object] = []
    stack = [flow]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        found.append(item)
        stack.extend(getattr(item, "_content", None) or [])
        stack.extend(getattr(item, "_cellvalues", None) or [])
    return found


def _sheet(content: ContentPack, lang: str, level: ReadingLevel, large: bool = False) -> object:
    pack = content.language(lang)
    options = HandoutOptions(level=level, large_print=large, printed_on=DAY)
    return builder._Sheet(pack, content.sources, options, pack.handout or load_handout_text(lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(ReadingLevel))
def test_main_points_have_a_pictograph_beside_them(
    content: ContentPack, lang: str, level: ReadingLevel
) -> None:
    """CDC CCI item 4: a visual for the main message in the main points box
    (normal print; large print leaves it out to keep page 1 for the safety part)."""
    box = _sheet(content, lang, level)._main_points()  # type: ignore[attr-defined]
    pictures = [f for f in _flowables(box) if isinstance(f, PictureFlowable)]
    assert [p.picture for p in pictures] == [builder.MAIN_POINTS_PICTURE]
    assert pictures[0].height >= 11 * mm
    large = _sheet(content, lang, level, large=True)._main_points()  # type: ignore[attr-defined]
    assert not [f for f in _flowables(large) if isinstance(f, PictureFlowable)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [ReadingLevel.STANDARD, ReadingLevel.DETAILED])
def test_the_explanations_pictures_are_large_enough_to_read(
    content: ContentPack, lang: str, level: ReadingLevel
) -> None:
    """PEMAT-P item 18: the twitch-and-cramp picture across most of a column
    (v2 had it 36 mm wide), the body map 30 mm high (v2: 20 mm)."""
    story = _sheet(content, lang, level).story()  # type: ignore[attr-defined]
    pictures = {f.picture: f for f in _flowables(story) if isinstance(f, PictureFlowable)}
    assert pictures[Picture.TWITCH_CRAMP].width >= 70 * mm
    assert pictures[Picture.BODY_MAP].height >= 29 * mm


@pytest.mark.parametrize("lang", LANGS)
def test_the_simple_body_map_is_larger_than_v2(content: ContentPack, lang: str) -> None:
    story = _sheet(content, lang, ReadingLevel.BASIC).story()  # type: ignore[attr-defined]
    maps = [f for f in _flowables(story) if getattr(f, "picture", None) == Picture.BODY_MAP]
    assert maps and min(f.height for f in maps) >= 27 * mm  # v2: 22 mm


def test_kept_split_pieces_come_back_without_layout_marks() -> None:
    """reportlab marks a flowable it moved to the next frame (``_postponed``) and
    fails the build if the same one must move again: a kept piece of an earlier
    sheet must not carry the mark into the next one."""
    style = builder.make_styles(ReadingLevel.STANDARD, False).body
    text = " ".join(["A long paragraph that is split across two columns."] * 12)
    first = builder.Paragraph(text, style)
    first.wrap(200, 1000)
    pieces = first.split(200, style.leading * 4)
    assert len(pieces) == 2
    for piece in pieces:
        piece._postponed = 1
    again = builder.Paragraph(text, style)  # the next sheet's paragraph: the same text
    kept = again.split(200, style.leading * 4)
    assert [id(p) for p in kept] == [id(p) for p in pieces]  # kept, not split again
    assert not any(hasattr(piece, "_postponed") for piece in kept)
