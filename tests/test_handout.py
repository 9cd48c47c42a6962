"""The handout PDF: what it says, how long it is, its fonts, sizes and metadata.

These read the built PDF back with pypdf, so they check what a patient gets,
not how the builder is written. They use the real shipped content.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.content.models import LanguagePack, Section, Topic
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout import (
    HandoutOptions,
    HandoutTextError,
    Paper,
    build_handout,
    load_handout_text,
    page_limit,
)
from kiosk.handout.styles import LARGE, NORMAL, SIMPLE

DAY = dt.date(2026, 3, 4)
BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip

# Sections whose heading each level always prints, on either paper (fixed by
# the level, never cut to fit: the sheet grows instead).
SECTIONS = {
    # Simple names the triggers in one line (test_simple_sheet_names_every_trigger).
    ReadingLevel.BASIC: ("eyelid", "self_care", "see_doctor", "get_help_now"),
    ReadingLevel.STANDARD: (
        "what_is", "how_common", "triggers", "minerals", "medicines", "nerves", "long_lasting",
        "eyelid", "self_care", "see_doctor", "get_help_now",
    ),
    ReadingLevel.DETAILED: (
        "what_is", "how_common", "triggers", "minerals", "medicines", "nerves", "long_lasting",
        "eyelid", "self_care", "see_doctor", "get_help_now",
    ),
}  # fmt: skip
ALL_SECTION_IDS = set(SECTIONS[ReadingLevel.DETAILED])


def build(content: ContentPack, lang: str = "en", **kw: object) -> bytes:
    kw.setdefault("printed_on", DAY)
    kw.setdefault("clinic_name", "Riverside Clinic")
    kw.setdefault("clinic_phone", "555-0100")
    return build_handout(content.language(lang), content.sources, HandoutOptions(**kw))  # type: ignore[arg-type]


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in reader(data).pages]


def text_of(data: bytes) -> str:
    return " ".join(page_texts(data))


def chunks(data: bytes) -> list[tuple[str, float]]:
    """Every shown piece of text with its size in points."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            found.append((text, size * scale))

    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    return found


LEVELS = list(ReadingLevel)
PAPERS = list(Paper)


@pytest.fixture(scope="module")
def en(content: ContentPack) -> LanguagePack:
    return content.language("en")


def test_real_content_has_every_section(en: LanguagePack) -> None:
    assert {s.id for s in en.topic.sections} >= ALL_SECTION_IDS


@pytest.mark.parametrize("level", LEVELS)
def test_every_planned_heading_and_safety_line_is_printed(
    content: ContentPack, en: LanguagePack, level: ReadingLevel
) -> None:
    text = text_of(build(content, level=level))
    words = load_handout_text("en")
    for section_id in SECTIONS[level]:
        assert flat(en.topic.section(section_id).title) in text, section_id
    # Safety messages at every level, in full: every "get help now" sign and
    # every "see a doctor" line (tests/test_handout_safety.py: every variant).
    for block in en.topic.section("get_help_now").blocks(level):
        if block.bullet or not block.text.endswith(":"):  # the box's heading replaces its lead-in
            assert flat(fill_emergency_number(block.text, "911")) in text, block.text
    for block in en.topic.section("see_doctor").blocks(level):
        assert flat(fill_emergency_number(block.text, "911")) in text, block.text
    for key in ("purpose", "main_points_heading", "not_a_diagnosis", "known_unknown"):
        assert flat(words[key]) in text, key
    for point in words.main_points[level]:
        assert flat(point) in text
    assert en.topic.title in text
    assert "Call".lower() in text.lower() and "555-0100" in text
    assert "Printed on March 4, 2026" in text
    # No clinical review has happened: the sheet says so rather than a date.
    assert "Pending clinical review" in text and "last reviewed" not in text
    assert "Sources:" in text and "MedlinePlus" in text
    if level is ReadingLevel.DETAILED:  # Simple and Standard name sources without addresses
        assert "medlineplus.gov" in text


# A word of each everyday trigger the Simple level shows on screen.
TRIGGER_WORDS = {
    "en": ("stress", "tired", "caffeine", "alcohol", "exercise", "smoking", "dry eyes"),
    "es": ("estrés", "cansancio", "cafeína", "alcohol", "ejercicio", "fumar", "ojos secos"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_simple_sheet_names_every_trigger(content: ContentPack, lang: str) -> None:
    """The Simple sheet has no room for the triggers list: its one line names every trigger."""
    pack = content.language(lang)
    on_screen = [b for b in pack.topic.section("triggers").blocks(ReadingLevel.BASIC) if b.bullet]
    words = TRIGGER_WORDS[lang]
    assert len(words) == len(on_screen)  # a new trigger on screen needs a word here
    for word, bullet in zip(words, on_screen, strict=True):
        assert word.split()[0] in bullet.text.lower(), (word, bullet.text)
    text = text_of(build(content, lang, level=ReadingLevel.BASIC)).lower()
    line = flat(load_handout_text(lang)["triggers_line"]).lower()
    assert line in text
    for word in words:
        assert word in line, word
    assert "sources:" in text or "fuentes:" in text


@pytest.mark.parametrize("level", [ReadingLevel.STANDARD, ReadingLevel.DETAILED])
def test_standard_and_detailed_carry_the_diary_and_questions(
    content: ContentPack, level: ReadingLevel
) -> None:
    text = text_of(build(content, level=level))
    words = load_handout_text("en")
    assert words["diary_heading"] in text
    for column in words.diary_columns:
        assert column in text
    assert words["questions_heading"] in text
    for question in words.questions[level]:
        assert flat(question) in text
    assert words["causes_heading"] in text


@pytest.mark.parametrize("level", LEVELS)
def test_self_care_steps_have_tick_boxes(content: ContentPack, level: ReadingLevel) -> None:
    data = build(content, level=level)
    steps = load_handout_text("en").self_care_steps
    streams = b"".join(page.get_contents().get_data() for page in reader(data).pages)  # type: ignore[union-attr]
    # Each box is a stroked rectangle ("x y w h re S"); tables draw lines, not these.
    assert len(re.findall(rb" re S", streams)) >= len(steps)
    text = text_of(data)
    for _, step in steps:
        assert flat(step) in text


def test_sources_cited_by_included_sections_are_listed(
    content: ContentPack, en: LanguagePack
) -> None:
    level = ReadingLevel.DETAILED
    text = text_of(build(content, level=level))
    # A long address or title may break at a line end, or at a page end (the footer between).
    footer = r"Printed on \w+ \d+, \d{4} (Pending clinical review|Content last reviewed: [^P]*)"
    joined = re.sub(r"\s+", "", re.sub(rf"{footer} Page \d+", "", text))
    cited = {sid for s in en.topic.sections for sid in s.sources_at(level)}
    for sid in cited:
        source = content.sources[sid]
        assert re.sub(r"\s+", "", source.title) in joined, sid
        if source.url:
            url = source.url.removeprefix("https://").removeprefix("www.").rstrip("/")
            assert url in joined, sid


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("level", LEVELS)
def test_page_counts(
    content: ContentPack, level: ReadingLevel, paper: Paper, large: bool, lang: str
) -> None:
    # Issue 15: Simple one sheet on both sides, Standard 4, Detailed 6; large
    # print twice. Nothing is cut to fit (tests/test_handout_safety.py).
    expected = {ReadingLevel.BASIC: 2, ReadingLevel.STANDARD: 4, ReadingLevel.DETAILED: 6}[level]
    assert page_limit(level, large) == expected * (2 if large else 1)
    for tier in (None, *Tier):
        for phone in ("", "555-0100"):
            data = build(
                content, lang, level=level, paper=paper, large_print=large, tier=tier,
                clinic_phone=phone,
            )  # fmt: skip
            pages = len(reader(data).pages)
            assert pages <= page_limit(level, large), (tier, phone, pages)
            if level is ReadingLevel.BASIC and not large:
                assert pages == 2  # one sheet, printed on both sides


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("level", LEVELS)
def test_get_help_now_box_never_splits(
    content: ContentPack, en: LanguagePack, level: ReadingLevel, large: bool
) -> None:
    blocks = en.topic.section("get_help_now").blocks(level)
    first, last = (flat(fill_emergency_number(b.text, "911")) for b in (blocks[0], blocks[-1]))
    for paper in PAPERS:
        pages = page_texts(build(content, level=level, paper=paper, large_print=large))
        holding = [i for i, page in enumerate(pages) if first in page or last in page]
        assert len(holding) == 1, (paper, holding)


@pytest.mark.parametrize("level", LEVELS)
def test_every_font_is_embedded_and_none_is_base14(
    content: ContentPack, level: ReadingLevel
) -> None:
    families: set[str] = set()
    for page in reader(build(content, level=level, tier=Tier.ROUTINE)).pages:
        fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert name not in BASE14, name
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name
            families.add(name.split("-")[0])
    assert families == {"AtkinsonHyperlegible"}  # one family (at most two allowed)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text.lower()))


def _sizes(data: bytes, fine_words: set[str]) -> tuple[float, float]:
    """(smallest size outside the fine print, smallest size overall).

    A line counts as fine print when every word of it comes from the
    sources, the dates or the footer.
    """
    body_min = overall = 99.0
    for text, size in chunks(data):
        overall = min(overall, size)
        # A source's address broken over two lines leaves pieces of words.
        if _words(text) <= fine_words or all(
            any(token.strip(".,;:") in blob for blob in _SOURCES_TEXT)
            for token in flat(text).split()
        ):
            continue
        body_min = min(body_min, size)
    return body_min, overall


_SOURCES_TEXT: list[str] = []


def _fine_words(content: ContentPack, en: LanguagePack) -> set[str]:
    words = load_handout_text("en")
    parts = [f"{s.title} {s.publisher} {s.url}" for s in content.sources.values()]
    _SOURCES_TEXT[:] = parts
    parts += [words.date(DAY), words.date(en.topic.reviewed), words["printed_on"]]
    parts += [
        words["review_pending"],
        words["page"],
        words["sources_heading"],
        " ".join(map(str, range(1, 13))),
    ]
    return _words(" ".join(parts))


@pytest.mark.parametrize("level", LEVELS)
def test_normal_print_body_is_at_least_12_pt(
    content: ContentPack, en: LanguagePack, level: ReadingLevel
) -> None:
    body_min, overall = _sizes(
        build(content, level=level, tier=Tier.SOON), _fine_words(content, en)
    )
    least = SIMPLE.body if level is ReadingLevel.BASIC else NORMAL.body
    assert body_min >= least >= 12
    assert overall >= NORMAL.fine == 10  # the sources and the footer


@pytest.mark.parametrize("level", LEVELS)
def test_large_print_body_is_at_least_16_pt(
    content: ContentPack, en: LanguagePack, level: ReadingLevel
) -> None:
    data = build(content, level=level, large_print=True, tier=Tier.SOON)
    body_min, overall = _sizes(data, _fine_words(content, en))
    assert body_min >= LARGE.body == 16
    assert overall >= LARGE.fine
    headings = [size for text, size in chunks(data) if flat(text) == "Main points"]
    assert headings and min(headings) >= 20


@pytest.mark.parametrize("level", LEVELS)
def test_type_sizes_follow_the_brief(
    content: ContentPack, en: LanguagePack, level: ReadingLevel
) -> None:
    sizes = dict((flat(t), s) for t, s in chunks(build(content, level=level)))
    assert 18 <= sizes["Main points"] <= 20
    assert 18 <= sizes[en.topic.section("self_care").title] <= 20
    assert sizes[en.topic.title] >= 20
    step = flat(load_handout_text("en").self_care_steps[0][1])
    body = next(size for text, size in sizes.items() if text and step.startswith(text))
    if level is ReadingLevel.BASIC:
        assert body == 14
    else:
        assert 12 <= body <= 13


def test_metadata_and_language(content: ContentPack, en: LanguagePack) -> None:
    pdf = reader(build(content, level=ReadingLevel.BASIC))
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == en.topic.title
    assert meta.author == "Riverside Clinic"
    assert meta.subject and "twitch" in meta.subject
    assert meta.creation_date is not None
    root: Any = pdf.trailer["/Root"]
    assert root["/Lang"] == "en"


def test_reproducible_output_is_byte_identical(content: ContentPack) -> None:
    first = build(content, level=ReadingLevel.DETAILED, reproducible=True, tier=Tier.SOON)
    again = build(content, level=ReadingLevel.DETAILED, reproducible=True, tier=Tier.SOON)
    assert first == again
    meta = reader(first).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.date() == DAY
    other_day = build(
        content,
        level=ReadingLevel.DETAILED,
        reproducible=True,
        tier=Tier.SOON,
        printed_on=dt.date(2026, 3, 5),
    )
    assert other_day != first


def test_result_is_printed_only_when_given(content: ContentPack, en: LanguagePack) -> None:
    words = load_handout_text("en")
    without = text_of(build(content, level=ReadingLevel.STANDARD))
    assert words["plan_result"] not in without
    for tier in Tier:
        result = en.checklist.results[tier]
        text = text_of(
            build(content, level=ReadingLevel.STANDARD, tier=tier, triggered_by=("weakness",))
        )
        assert f"{words['plan_result']}: {result.title}" in text
        assert flat(result.action) in text

    # The sheet never says which questions were answered yes.
    asked = en.checklist.question("breathing").text[ReadingLevel.STANDARD]
    text = text_of(
        build(
            content, level=ReadingLevel.STANDARD, tier=Tier.EMERGENCY, triggered_by=("breathing",)
        )
    )
    assert flat(asked) not in text


def test_emergency_number_is_filled_in(content: ContentPack, en: LanguagePack) -> None:
    text = text_of(
        build(content, level=ReadingLevel.BASIC, tier=Tier.EMERGENCY, emergency_number="999")
    )
    assert "{emergency_number}" not in text
    if "{emergency_number}" in en.checklist.results[Tier.EMERGENCY].message:
        assert "999" in text


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize(
    ("lang", "call"), [("en", "Anywhere else, call 112."), ("es", "llame al 112.")]
)
def test_get_help_now_box_gives_the_clinics_emergency_number(
    content: ContentPack, level: ReadingLevel, lang: str, call: str
) -> None:
    # No checklist result on this sheet: the number comes from the get-help-now box.
    text = text_of(build(content, lang, level=level, emergency_number="112"))
    assert call in text
    assert "{emergency_number}" not in text and "911" not in text


def test_plain_strings_are_accepted_for_enums() -> None:
    options = HandoutOptions(level="detailed", paper="a4", tier="soon")  # type: ignore[arg-type]
    assert options.level is ReadingLevel.DETAILED
    assert options.paper is Paper.A4
    assert options.tier is Tier.SOON
    with pytest.raises(ValueError):
        HandoutOptions(paper="legal")  # type: ignore[arg-type]


def test_missing_sections_are_skipped(content: ContentPack, en: LanguagePack) -> None:
    only = en.topic.section("what_is")
    topic = Topic(
        id="t", language="en", title="Only one", subtitle="", version="1",
        reviewed=dt.date(2026, 1, 1), sections=(only,),
    )  # fmt: skip
    pack = LanguagePack("en", "English", topic, en.checklist, en.ui)
    options = HandoutOptions(level=ReadingLevel.STANDARD, printed_on=DAY)
    text = text_of(build_handout(pack, content.sources, options))
    assert only.title in text and "Main points" in text
    assert en.topic.section("self_care").title not in text


def test_markup_characters_in_content_are_printed_as_text(
    content: ContentPack, en: LanguagePack
) -> None:
    odd = Section(
        "what_is", "Salt & <pepper>", ("MLP",), {lv: "Fish & chips <b>" for lv in ReadingLevel}
    )
    topic = Topic("t", "en", "T", "", "1", dt.date(2026, 1, 1), (odd,))
    pack = LanguagePack("en", "English", topic, en.checklist, en.ui)
    text = text_of(
        build_handout(pack, content.sources, HandoutOptions(level=ReadingLevel.DETAILED))
    )
    assert "Salt & <pepper>" in text and "Fish & chips <b>" in text


def test_handout_text_reports_missing_keys(tmp_path: Path) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "handout.yaml").write_text("purpose: hi\nmain_points: {basic: [a]}\n")
    with pytest.raises(HandoutTextError) as err:
        load_handout_text("xx", tmp_path)
    message = str(err.value)
    assert "handout.yaml" in message
    assert "subject: missing" in message
    assert "main_points.standard: missing" in message
    assert "diary_columns: missing" in message
    with pytest.raises(HandoutTextError, match="file is missing"):
        load_handout_text("zz", tmp_path)


# Words a reader may not know (CDC CCI item 7, PEMAT-P item 3): the Standard
# sheet says what the medicine is for or what happens instead. Detailed may
# use them (the brief lets it name defined medical terms).
_NOT_EVERYDAY = {
    "en": ("stimulant", "decongestant", "proton-pump", "withdrawal", "discharge"),
    "es": ("estimulante", "descongestionante", "bomba de protones", "abstinencia"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("level", [ReadingLevel.BASIC, ReadingLevel.STANDARD])
def test_simple_and_standard_sheets_use_everyday_words(
    content: ContentPack, lang: str, level: ReadingLevel
) -> None:
    printed = text_of(build(content, lang, level=level)).lower()
    # The sources keep their own titles ("Alcohol withdrawal", MedlinePlus).
    printed = printed.split(load_handout_text(lang)["sources_heading"].lower())[0]
    assert len(printed) > 2000
    for word in _NOT_EVERYDAY[lang]:
        assert word not in printed, (lang, level, word)


def test_spanish_numbness_sign_is_worded_as_in_the_checklist(content: ContentPack) -> None:
    """The Simple sheet's "when to see a doctor" bullet and the checklist's
    weakness sign (basic) name numbness in the same words."""
    pack = content.language("es")
    sign = next(q for q in pack.checklist.questions if q.id == "weakness")
    numb = [part for part in sign.parts[ReadingLevel.BASIC] if "duerme" in part.lower()]
    assert len(numb) == 1
    wording = numb[0].rstrip(".").lower()
    bullets = [
        block.text.lower()
        for block in pack.topic.section("see_doctor").blocks(ReadingLevel.BASIC)
        if block.bullet
    ]
    assert wording in bullets
    assert wording in flat(text_of(build(content, "es", level=ReadingLevel.BASIC))).lower()
