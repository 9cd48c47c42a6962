"""Build the printed handout: topic + level + language (+ result) -> PDF bytes.

Qt-free; reportlab Platypus lays out the page. The sheet follows the content
brief's section 6 (PEMAT-P, CDC Clear Communication Index). Top to bottom:

1. the title and what the sheet is for;
2. "Main points" (at most three) and one line on what is known and not known;
3. "Get help now": the one canonical list (``checklist.get_help_now``, the
   same as the screens), each sign with its pictograph, and its closing line;
4. "When to see a doctor": every sign of the content's see_doctor section and
   every eyelid warning, each list kept with its lead-in line;
5. "My plan": the checklist result when one was chosen (looked up by tier id,
   so any number of tiers works), the next step, and the clinic's phone, or a
   line to write it on;
6. then the explanations (Standard, Detailed), self-care steps with a tick
   box and a picture each, the symptom diary, questions to ask, and the
   sources. The Simple sheet is one sheet on both sides: page 2 holds the
   self-care steps (opened by one line naming every everyday trigger), the
   diary, the eyelid warnings beside the questions and body map, and what is
   known and not known. Standard and Detailed set what follows "My plan" in
   two balanced columns across the page (one column in large print).

**Nothing is ever left out to fit a page.** What a level prints is fixed by
the level alone (``_LEVELS``); when the text is longer than the page budget
the sheet simply takes more pages. The budget (``PAGE_LIMITS``: 2 / 4 / 6,
large print twice as many) is checked by tests, never met by cutting.

Type: Simple 14 pt body, Standard and Detailed 12 pt, large print 18/16 pt,
line spacing 1.35, headings 18-20 pt (``styles.py``); the one-column text is
at most about 80 characters wide, the two columns about 45. Headings and
lead-in lines stay with what follows; no paragraph leaves a single line at a
page end; large-print lists are one column.

The checklist result is printed only when given, and only as its tier's
title, message and action: never the answers, because a sheet left on the
printer tray must not tell anyone what the patient said.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import io
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BalancedColumns,
    Flowable,
    Indenter,
    KeepTogether,
    LayoutError,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph

from kiosk import APP_NAME, __version__
from kiosk.content.models import (
    Block,
    LanguagePack,
    ReadingLevel,
    SafetySign,
    Section,
    Source,
    Tier,
)
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout.drawings import picture_flowable
from kiosk.handout.paper import Paper
from kiosk.handout.styles import ALARM, RULE, TINT, Styles, make_styles
from kiosk.handout.text import HandoutText, load_handout_text
from kiosk.handout.tickbox import TickBox

BULLET = "\u2022"


# Parsed paragraphs of the shared styles (styles.make_styles), by text: the
# same content makes the same sheet for every visitor, and parsing the markup
# is a good part of a build. Kept to the most recently used _PARSED_MAX: every
# level, language, paper, print size and result adds its own texts, and the
# soak saw an unbounded copy grow by 1,000 entries (6 MB) over 180 visitors.
_PARSED: OrderedDict[tuple[str, int, str | None], dict[str, Any]] = OrderedDict()
_PARSED_MAX = 600


def forget_texts() -> None:
    """Drop the parsed paragraphs kept between sheets.

    The kiosk calls this at each reset: a visit's sheets hold its own texts
    (the result, the plan), which have no business in memory once the
    visitor has gone, and a cache that lives across visitors churned (its
    texts vary with every result, level and print size) and grew the
    process over a thousand visits. The next visit's first sheet is parsed
    afresh; its preview, print and save reuse it.
    """
    _PARSED.clear()


class Paragraph(_Paragraph):
    """A paragraph that parses its text once, and breaks its lines once per width.

    Balanced columns try many column heights, and wrap every paragraph again
    for each; the lines at one width never change, so they are kept (shared
    by every copy of the same text and style: line breaking only reads them).
    """

    def __init__(self, text: Any, style: Any = None, bulletText: Any = None, **kw: Any) -> None:
        key = None
        if not kw and isinstance(text, str) and getattr(style, "shared", False):
            key = (text, id(style), bulletText)
            parsed = _PARSED.get(key)
            if parsed is not None and parsed["style"] is style:
                _PARSED.move_to_end(key)
                self.__dict__.update(parsed)
                return
        super().__init__(text, style, bulletText=bulletText, **kw)
        if key is not None:
            self.__dict__["_lines_at"] = {}
            self.__dict__["_split_at"] = {}
            _PARSED[key] = dict(self.__dict__)
            while len(_PARSED) > _PARSED_MAX:
                _PARSED.popitem(last=False)

    def breakLines(self, width: Any) -> Any:
        key = tuple(width) if isinstance(width, list) else width
        cache = self.__dict__.setdefault("_lines_at", {})
        if key not in cache:
            cache[key] = super().breakLines(width)
        return cache[key]

    def split(self, availWidth: float, availHeight: float) -> Any:
        # The split depends only on the width and how many lines fit: balanced
        # columns ask again and again with heights a fraction of a line apart.
        # The pieces are kept with the paragraph's parsed text (``_PARSED``),
        # so the next sheet with the same text need not break them into lines
        # again: that was half of a Detailed build (the sources paragraph,
        # split at every column height tried). Builds run one at a time (the
        # kiosk builds on its UI thread); laying out a piece leaves only
        # ``_postponed`` on it (reportlab's mark of a flowable already moved
        # to the next frame once), cleared here for the next layout.
        lines = int(availHeight / self.style.leading + 1e-6)
        cache = self.__dict__.setdefault("_split_at", {})
        key = (availWidth, lines)
        pieces = cache.get(key)
        if pieces is None:
            pieces = cache[key] = super().split(availWidth, availHeight)
        for piece in pieces:
            if piece is not self:
                piece.__dict__.pop("_postponed", None)
        return pieces

    def deepcopy(self) -> Paragraph:
        """What balanced columns copy before trying a split: splitting never
        changes a paragraph (it makes two new ones), so a shallow copy will do."""
        return copy.copy(self)


class _Row(Table):
    """A table of one row (cells side by side, or a kept group): it never splits,
    so balanced columns need not deep-copy it before trying."""

    def deepcopy(self) -> _Row:
        return self

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Its size depends on the width alone; balanced columns ask many times.
        if getattr(self, "_wrapped_at", None) != availWidth:
            self._wrapped = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._wrapped


PAGE_SIZES: Mapping[Paper, tuple[float, float]] = {Paper.LETTER: LETTER, Paper.A4: A4}

# Most pages per level (issue 15): Simple one sheet printed on both sides,
# Standard 4, Detailed 6; large print may use twice as many. Met by the
# layout and the handout's own short wording, never by leaving anything out
# (tests/test_handout.py checks every variant against these).
PAGE_LIMITS: Mapping[ReadingLevel, int] = {
    ReadingLevel.BASIC: 2,
    ReadingLevel.STANDARD: 4,
    ReadingLevel.DETAILED: 6,
}
LARGE_PRINT_FACTOR = 2

# The sections whose bullets are safety signs: every one is printed at every
# level, in full (tests/test_handout_safety.py).
SAFETY_SECTIONS = ("get_help_now", "see_doctor", "eyelid")

MEASURE_CHARS = 80  # widest text column, in average characters ("about 75")
MIN_MARGIN = 15 * mm
COLUMN_GAP = 8 * mm  # between the two columns of the Standard and Detailed explanations
COLUMN_MARGIN = 13 * mm  # left and right of the two columns
DIARY_ROWS = 4
# The main points' pictograph: a tick in a circle, "most twitches are harmless".
MAIN_POINTS_PICTURE = "success"
# A section's picture in a Standard or Detailed column: a wide one (the twitch
# and the cramp) this wide, a tall one (the body map) this high. Larger makes
# the Spanish Standard sheet on Letter take a fifth page (tests/test_handout.py).
COLUMN_PICTURE_WIDTH = 72 * mm
COLUMN_PICTURE_HEIGHT = 30 * mm
# The body map's height beside its caption on page 2 of Simple, mm (30 takes
# the Spanish Letter sheet to 3 pages).
SIMPLE_BODY_MAP_MM = 28
_FRAME_PAD = 6  # reportlab's default frame padding, points


def page_limit(level: ReadingLevel, large_print: bool) -> int:
    """The most pages a handout at ``level`` takes with today's content."""
    return PAGE_LIMITS[level] * (LARGE_PRINT_FACTOR if large_print else 1)


@dataclass(frozen=True)
class HandoutOptions:
    """What to print and how.

    ``tier`` is the checklist result (None: no checklist was done);
    ``asked_for_help`` is True when that result came from the "Get help now"
    button, not from answers (the sheet then says "You asked for help now");
    ``triggered_by`` is accepted for callers that have it but is never
    printed. ``reproducible`` gives byte-identical output for the same input
    (fixed IDs, creation date = ``printed_on``).
    """

    level: ReadingLevel = ReadingLevel.BASIC
    paper: Paper = Paper.LETTER
    large_print: bool = False
    tier: Tier | None = None
    asked_for_help: bool = False
    triggered_by: tuple[str, ...] = ()
    clinic_name: str = ""
    clinic_phone: str = ""
    emergency_number: str = "911"
    printed_on: dt.date = field(default_factory=dt.date.today)
    reproducible: bool = False

    def __post_init__(self) -> None:
        # Accept plain strings ("basic", "a4") from callers and make them enums.
        object.__setattr__(self, "level", ReadingLevel(self.level))
        object.__setattr__(self, "paper", Paper(self.paper))
        if self.tier is not None:
            object.__setattr__(self, "tier", Tier(self.tier))


@dataclass(frozen=True)
class _Level:
    """What one reading level prints besides the safety part (fixed, never cut)."""

    intro: tuple[str, ...]
    causes: tuple[str, ...]
    extras: tuple[str, ...]
    page_break: bool  # the Simple sheet: safety and plan on page 1, the rest on page 2


_ALL_CAUSES = ("triggers", "minerals", "medicines", "nerves")
_LEVELS: Mapping[ReadingLevel, _Level] = {
    # Simple: one sheet. The everyday triggers (all of them) are the one line
    # opening "What you can do" (handout.yaml ``triggers_line``); salts,
    # medicines and nerves are a doctor's to check.
    ReadingLevel.BASIC: _Level((), (), (), page_break=True),
    ReadingLevel.STANDARD: _Level(
        ("what_is", "how_common"), _ALL_CAUSES, ("long_lasting", "eyelid"), False
    ),
    ReadingLevel.DETAILED: _Level(
        ("what_is", "how_common"), _ALL_CAUSES, ("long_lasting", "eyelid"), False
    ),
}


# A picture beside a section's text on the Standard and Detailed sheets (the
# Simple sheet has them on page 2): picture id, caption key in handout.yaml.
# The share of the Simple sheet's width "My plan" may take beside "When to see a doctor".
_PLAN_SHARES = (0.38, 0.36, 0.34, 0.42, 0.30, 0.46, 0.5)

# Picture ids the checklist spells differently from the illustration set.
_PICTURE_ALIASES: Mapping[str, str] = {"stroke": "stroke_signs", "seizure": "seizure_confusion"}

_SECTION_PICTURES: Mapping[str, tuple[str, str]] = {
    "what_is": ("twitch_cramp", "twitch_cramp_caption"),
    "how_common": ("body_map", "body_map_caption"),
}


def build_handout(
    pack: LanguagePack,
    sources: Mapping[str, Source],
    options: HandoutOptions,
    text: HandoutText | None = None,
) -> bytes:
    """The handout for ``pack`` as PDF bytes.

    ``sources`` are the content's sources by id (``ContentPack.sources``);
    ``text`` is the handout's fixed wording, loaded from
    ``content/<language>/handout.yaml`` when not given.
    Sections missing from the content are skipped; nothing present is ever
    left out to save space.
    """
    return render_handout(pack, sources, options, text)[0]


def render_handout(
    pack: LanguagePack,
    sources: Mapping[str, Source],
    options: HandoutOptions,
    text: HandoutText | None = None,
) -> tuple[bytes, int]:
    """The handout as PDF bytes and its page count."""
    text = text or pack.handout or load_handout_text(pack.language)
    return _Sheet(pack, sources, options, text).render()


def safety_lines(pack: LanguagePack, level: ReadingLevel, emergency_number: str) -> list[str]:
    """Every safety sign the sheet at ``level`` must print in full, as printed.

    The get-help-now signs come from the one canonical list
    (``checklist.get_help_now``), the rest from the content's sections.
    """
    lines = [
        fill_emergency_number(sign.text, emergency_number)
        for sign in pack.checklist.get_help_now(level)
    ]
    for section_id in SAFETY_SECTIONS:
        if section_id == "get_help_now":
            continue
        try:
            section = pack.topic.section(section_id)
        except KeyError:
            continue
        lines += [
            fill_emergency_number(block.text, emergency_number)
            for block in section.blocks(level)
            if block.bullet
        ]
    return lines


@functools.cache
def _char_width(language: str, font: str, sample: str) -> float:
    """Average character width (at 1 pt) of the language's body text."""
    return stringWidth(sample, font, 1) / max(1, len(sample))


class _Sheet:
    """Lays out one handout."""

    def __init__(
        self,
        pack: LanguagePack,
        sources: Mapping[str, Source],
        options: HandoutOptions,
        text: HandoutText,
    ) -> None:
        self.pack = pack
        self.topic = pack.topic
        self.sources = sources
        self.opt = options
        self.level = options.level
        self.text = text
        self.st: Styles = make_styles(options.level, options.large_print)
        self.width, self.height = PAGE_SIZES[options.paper]
        # The text column: at most about MEASURE_CHARS characters a line.
        sample = " ".join(self.topic.body_text(ReadingLevel.BASIC)[:20]) or "x"
        char = _char_width(pack.language, self.st.body.fontName, sample) * self.st.sizes.body
        self.frame_width = min(self.width - 2 * MIN_MARGIN, MEASURE_CHARS * char)
        self.margin = (self.width - self.frame_width) / 2
        # Standard and Detailed in normal print set their explanations in two
        # columns across the page (each about 45 characters), the rest in the
        # one centred column: the same words on fewer pages, lines still short.
        self.indent = 0.0
        self.column_width = self.frame_width
        wide = self.width - 2 * COLUMN_MARGIN
        if not _LEVELS[self.level].page_break and not options.large_print:
            self.indent = (wide - self.frame_width) / 2
            self.margin = COLUMN_MARGIN
            self.column_width = (wide - 2 * _FRAME_PAD - COLUMN_GAP) / 2
        self.top_margin = 8 * mm
        self.footer_y = 7 * mm  # most printers reach 5 mm from the edge
        self.cited: list[str] = []
        # On every page's footer: the day printed, and the review status.
        self.date_lines = (
            text["printed_on"].format(date=text.date(options.printed_on)),
            self._review_line(),
        )
        self.dates = "   ".join(self.date_lines)
        # Large print in a wordy language: the dates and "Page N" would run
        # into each other on one line, so the dates take two lines.
        fine = self.st.sizes.fine
        needed = stringWidth(self.dates, self.st.fine.fontName, fine) + stringWidth(
            text["page"].format(page=99), self.st.fine.fontName, fine
        )
        self.footer_lines = 1 if needed + 6 * mm <= self.frame_width else 2

    def _review_line(self) -> str:
        # The content's "reviewed" date is when it was last edited, not a
        # clinical review; only an approval record earns a date (kiosk/review).
        from kiosk.review import review_line

        return review_line(self.pack, self.text.date, self.text["review_pending"])

    # -- the document ---------------------------------------------------------

    def render(self) -> tuple[bytes, int]:
        """The PDF and its page count.

        Should the two balanced columns fail to lay out some content, the
        sheet is built again in one column: longer, never broken.
        """
        if not self.indent:
            return self._render()
        try:
            return self._render()
        except (ValueError, LayoutError):
            self.indent = 0.0
            self.margin = (self.width - self.frame_width) / 2
            self.column_width = self.frame_width
            self.cited = []
            return self._render()

    def _render(self) -> tuple[bytes, int]:
        out = io.BytesIO()
        regular = self.st.body.fontName
        doc = SimpleDocTemplate(
            out,
            pagesize=(self.width, self.height),
            leftMargin=self.margin,
            rightMargin=self.margin,
            # The frame pads its content by 6 pt on every side: count it in the margins.
            topMargin=self.top_margin - _FRAME_PAD,
            bottomMargin=self.footer_y
            + self.st.sizes.fine * (0.8 + 1.3 * self.footer_lines)
            - _FRAME_PAD,
            title=self.topic.title,
            author=self.opt.clinic_name or self.text["author"],
            subject=self.text["subject"],
            creator=f"{APP_NAME} {__version__}",
            lang=self.pack.language,
            invariant=1 if self.opt.reproducible else 0,
            initialFontName=regular,
            initialFontSize=self.st.sizes.body,
            displayDocTitle=1,
        )
        doc.build(
            self.story(),
            onFirstPage=self._footer,
            onLaterPages=self._footer,
            canvasmaker=self._canvas,
        )
        return out.getvalue(), int(doc.page)

    def _canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        canvas = Canvas(*args, **kwargs)
        if self.opt.reproducible:
            # invariant=1 fixes the IDs and dates the file 2000-01-01; date it
            # the day it says it was printed instead (still reproducible).
            day = self.opt.printed_on
            stamp = canvas._doc._timeStamp
            stamp.YMDhms = (day.year, day.month, day.day, 0, 0, 0)
            stamp.t = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
            stamp.lt = (*stamp.YMDhms, 0, 1, 0)
        return canvas

    def _footer(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(self.st.fine.fontName, self.st.sizes.fine)
        canvas.setFillColor(self.st.fine.textColor)
        y = self.footer_y
        if self.footer_lines == 1:
            canvas.drawString(self.margin + self.indent, y, self.dates)
        else:
            leading = self.st.sizes.fine * 1.2
            canvas.drawString(self.margin + self.indent, y + leading, self.date_lines[0])
            canvas.drawString(self.margin + self.indent, y, self.date_lines[1])
        right = self.width - self.margin - self.indent
        canvas.drawRightString(right, y, self.text["page"].format(page=doc.page))
        canvas.restoreState()

    # -- the story ------------------------------------------------------------

    def story(self) -> list[Flowable]:
        """Every flowable of the sheet, top to bottom."""
        plan = _LEVELS[self.level]
        story: list[Flowable] = [
            Paragraph(self._esc(self.topic.title), self.st.title),
            Paragraph(self._esc(self.text["purpose"]), self.st.purpose),
        ]
        story.append(self._main_points())
        story += self._get_help_now()
        if plan.page_break and not self.opt.large_print:
            # The Simple sheet: "When to see a doctor" beside "My plan" keeps both on page 1.
            story.append(self._see_doctor_and_plan())
        else:
            story += self._see_doctor()
            story += self._plan()
        if plan.page_break:
            # Page 2 of the Simple sheet: what to do (tick boxes, diary, questions),
            # then the eyelid warnings with the body map, then why twitches happen.
            if not self.opt.large_print:  # large print runs on; it may take two sheets
                story.append(PageBreak())
            story += self._self_care()
            story += self._diary(3)
            story += self._eyelid_and_questions()
            story += self._closing()
            return story
        # Why twitches happen, then what you can do (two columns when the sheet has them).
        story += self._in_columns(lambda: [*self._explanations(), *self._self_care()])
        story += self._diary(DIARY_ROWS if self.level is ReadingLevel.DETAILED else 3)
        # The questions, "not a diagnosis" and the sources: short lines, two columns.
        story += self._in_columns(lambda: [*self._questions(), *self._closing()])
        if self.indent:
            story = [Indenter(self.indent, self.indent), *story]
        return story

    def _explanations(self) -> list[Flowable]:
        """What a twitch is, how common, the causes, and the level's extra sections."""
        plan = _LEVELS[self.level]
        out: list[Flowable] = []
        for section_id in plan.intro:
            out += self._section(section_id)
        out += self._causes(plan.causes)
        for section_id in plan.extras:
            out += self._section(section_id)
        return out

    def _in_columns(self, build: Callable[[], list[Flowable]]) -> list[Flowable]:
        """``build()``'s flowables in two columns across the page (if the sheet has them)."""
        if not self.indent:
            return build()
        saved = self.frame_width
        self.frame_width = self.column_width - 1  # every width inside is a column's (less a hair)
        try:
            width = self.frame_width
            flow = _column_keeps(build(), width, self.height / 3, self.st.body.fontName)
        finally:
            self.frame_width = saved
        if not flow:
            return []
        # Room for at least the first group, else the columns start on the next page.
        first = flow[0].wrap(self.column_width, self.height)[1] + flow[0].getSpaceAfter()
        columns = BalancedColumns(
            flow,
            nCols=2,
            needed=max(self.st.sizes.body * 6, first + 2),
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            innerPadding=COLUMN_GAP,
        )
        return [Indenter(-self.indent, -self.indent), columns, Indenter(self.indent, self.indent)]

    def _see_doctor_and_plan(self) -> Flowable:
        """ "When to see a doctor" and "My plan" side by side, split where they are lowest.

        Both columns' heights depend on the language and the result, so a few
        splits are tried and the one with the shorter of the taller columns kept.
        """
        gutter = 5 * mm
        best: tuple[float, Flowable] | None = None
        for share in _PLAN_SHARES:
            right = self.frame_width * share
            left = self.frame_width - right - gutter
            table = self._columns(
                [self._see_doctor(stacked=True), self._plan(right)],
                gutter=gutter,
                widths=[left, right],
            )
            height = table.wrap(self.frame_width, self.height)[1]
            if best is None or height < best[0] - 0.5:
                best = (height, table)
        assert best is not None
        return best[1]

    def _main_points(self) -> Flowable:
        points = self.text.main_points[self.level]
        body: list[Flowable] = [self._bullet(point) for point in points]
        # A pictograph for the main message, "most twitches are harmless"
        # (CDC CCI item 4): beside the points, on the right. Not in large
        # print, where the narrower points would take the get-help-now box's
        # room on page 1.
        drawing = None if self.opt.large_print else self._picture(MAIN_POINTS_PICTURE, 12 * mm)
        if drawing is not None:
            inner = self.frame_width - 2 * self._pad()
            side = drawing.wrap(inner, self.height)[0]
            gutter = 3 * mm
            body = [self._columns([body, [drawing]], gutter, [inner - side - gutter, side])]
        if not _LEVELS[self.level].page_break:  # Simple: it opens page 2 (_known_unknown)
            body.append(Spacer(1, self.st.sizes.body * 0.3))
            body.append(Paragraph(self._esc(self.text["known_unknown"]), self.st.body))
        return self._box(self.text["main_points_heading"], body, alarm=False)

    def _get_help_now(self) -> list[Flowable]:
        """The one canonical get-help-now list (as on the screens), each sign with its picture."""
        signs = self.pack.checklist.get_help_now(self.level)
        help_now = self.pack.checklist.help_now
        try:
            section = self.topic.section("get_help_now")
        except KeyError:
            section = None
        if not signs or help_now is None:
            return []
        if section is not None:
            self._cite(section)
        title = section.title if section is not None else help_now.lead_in.get(self.level, "")
        rows = [
            [self._sign_picture(sign), Paragraph(self._esc(sign.text), self.st.alarm_body)]
            for sign in signs
        ]
        # One table per sign: the box can break between signs if it must.
        body: list[Flowable] = [
            self._picture_list([row], icon=self._help_icon(), gap=self.st.sizes.body * 0.1)
            for row in rows
        ]
        closing = help_now.closing.get(self.level, "")
        if closing:
            body.append(Paragraph(self._esc(closing), self.st.cell_bold))
        return [Spacer(1, 2), self._box(title, body, alarm=True)]

    def _sign_picture(self, sign: SafetySign) -> Flowable | None:
        # The sign's own picture; an id the illustration set spells differently
        # (``stroke`` for ``stroke_signs``) is looked up by the sign's id, then
        # the section's own symbol: never a picture that belongs to another sign.
        for picture in (sign.picture, _PICTURE_ALIASES.get(sign.picture, ""), sign.id):
            drawing = self._picture(picture, self._help_icon()) if picture else None
            if drawing is not None:
                return drawing
        return self._picture("get_help_now", self._help_icon())

    def _help_icon(self) -> float:
        return (10 if self.opt.large_print else 8) * mm

    def _see_doctor(self, stacked: bool = False) -> list[Flowable]:
        """The see_doctor section, then the eyelid warnings (``stacked``: for a table cell).

        On the Simple sheet the section stands beside "My plan" on page 1 and
        the eyelid warnings follow on page 2 (``_eyelid_box``).
        """
        try:
            section = self.topic.section("see_doctor")
        except KeyError:
            section = None
        basic = _LEVELS[self.level].page_break
        warnings = [] if basic else self._eyelid_warnings()
        if section is None:
            if not warnings:
                return []
            heading = Paragraph(self._esc(self.text["eyelid_warning"]), self.st.heading)
            return _with_heading(heading, self._group(None, warnings))
        self._cite(section)
        heading = Paragraph(self._esc(section.title), self.st.heading)
        groups = _split_groups(section.blocks(self.level))
        if stacked:  # in a table cell: plain flowables, no page-level grouping
            heading.style = self.st.heading_first
            return [heading, *(f for group in groups for f in self._blocks(group, columns=False))]
        # Each lead-in stays with its list; the section may break between lists.
        body = [f for group in groups for f in self._blocks(group)]
        if warnings:
            body += self._group(self.text["eyelid_warning"], warnings)
        return _with_heading(heading, body)

    def _eyelid_and_questions(self) -> list[Flowable]:
        """Page 2 of the Simple sheet: the eyelid warnings, the questions and the body map.

        Side by side in normal print (split where the taller column is lowest),
        one after the other in large print.
        """
        st = self.st
        eyelid: list[Flowable] = []
        warnings = self._eyelid_warnings()
        if warnings:
            # Under the section's own heading, its own lead-in ("See a doctor if:").
            title, lead = self.text["eyelid_warning"], self.text["eyelid_warning"]
            try:
                section = self.topic.section("eyelid")
            except KeyError:
                pass
            else:
                title = section.title
                blocks = section.blocks(self.level)
                first = next(i for i, block in enumerate(blocks) if block.bullet)
                if first and _is_lead_in(blocks[first - 1]):
                    lead = blocks[first - 1].text
            eyelid = [
                Paragraph(self._esc(title), st.heading),
                *self._group(lead, warnings, columns=False),
            ]
        questions = [
            Paragraph(self._esc(self.text["questions_heading"]), st.heading),
            *(self._bullet(q) for q in self.text.questions[self.level]),
        ]
        # Large print: the clinic's name under the questions (normal print: in _closing).
        clinic = self._clinic_line() if self.opt.large_print else []

        def picture(width: float) -> list[Flowable]:
            """The body map with its caption beside it, ``width`` wide in all."""
            body_map = self._picture(
                "body_map", (36 if self.opt.large_print else SIMPLE_BODY_MAP_MM) * mm
            )
            if body_map is None:
                return []
            caption = Paragraph(self._esc(self.text["body_map_caption"]), st.caption)
            side = body_map.wrap(width, self.height)[0]
            gutter = 4 * mm
            cells = [[body_map], [caption]]
            return [Spacer(1, 4), self._columns(cells, gutter, [side, width - side - gutter])]

        if self.opt.large_print:
            out = _with_heading(eyelid[0], [KeepTogether(eyelid[1:])]) if eyelid else []
            out.append(KeepTogether([*questions, *clinic]))
            out.append(KeepTogether(picture(self.frame_width)))
            return out
        for cell in (eyelid, questions):
            if cell:
                cell[0] = Paragraph(self._esc(cell[0].text), st.heading_first)
        gutter = 6 * mm
        best: tuple[float, Flowable] | None = None
        # The body map (and the clinic's name, if any) under either list.
        for map_left, clinic_left in ((False, False), (True, False), (False, True)):
            for share in (0.5, 0.46, 0.42, 0.55, 0.6):
                left = (self.frame_width - gutter) * share
                right = self.frame_width - gutter - left
                cells = [
                    [
                        *eyelid,
                        *(clinic if clinic_left else []),
                        *(picture(left) if map_left else []),
                    ],
                    [
                        *questions,
                        *([] if clinic_left else clinic),
                        *([] if map_left else picture(right)),
                    ],
                ]
                table = self._columns(cells, gutter=gutter, widths=[left, right])
                height = table.wrap(self.frame_width, self.height)[1]
                if best is None or height < best[0] - 0.5:
                    best = (height, table)
        assert best is not None
        return [Spacer(1, st.sizes.body * 0.3), best[1]]

    def _columns(
        self,
        cells: list[list[Flowable]],
        gutter: float = 6 * mm,
        widths: Sequence[float] | None = None,
    ) -> Flowable:
        """Two (or more) cells side by side, top-aligned, with a gutter."""
        if widths is None:
            width = (self.frame_width - gutter * (len(cells) - 1)) / len(cells)
            widths = [width] * len(cells)
        # Each cell but the last carries the gutter as its right padding.
        widths = [w + gutter for w in widths[:-1]] + [widths[-1]]
        table = _Row([cells], colWidths=widths, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), gutter),
                    ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    def _eyelid_warnings(self) -> list[str]:
        try:
            section = self.topic.section("eyelid")
        except KeyError:
            return []
        self._cite(section)
        return [block.text for block in section.blocks(self.level) if block.bullet]

    def _cite(self, section: Section) -> None:
        """Cite the sources whose facts the section uses at this level (only those)."""
        self.cited += section.sources_at(self.level)

    def _plan(self, width: float | None = None) -> list[Flowable]:
        """The "My plan" box: the result (if any), the next step, the phone, the appointment."""
        st, text = self.st, self.text
        body: list[Flowable] = []
        tier = self.opt.tier
        result = self.pack.checklist.results.get(tier) if tier is not None else None
        phone, name = self.opt.clinic_phone.strip(), self.opt.clinic_name.strip()
        how = ""
        if result is not None:
            body.append(
                Paragraph(
                    f"<b>{self._esc(text['plan_result'])}: {self._esc(result.title)}</b>", st.body
                )
            )
            if self.opt.asked_for_help:  # no answers gave it: never "your answers mean..."
                asked = fill_emergency_number(
                    result.message_asked or text["asked_for_help"], self.opt.emergency_number
                )
                body.append(Paragraph(self._esc(asked), st.body))
            elif self.level is not ReadingLevel.BASIC:  # Simple: title and action only
                body.append(Paragraph(self._esc(result.message), st.body))
            step = result.action
            how = result.how_text(phone)
        else:
            step = text["plan_next_step"]
        body.append(
            Paragraph(
                f"<b>{self._esc(text['plan_next_step_heading'])}:</b> {self._esc(step)}", st.body
            )
        )
        if how:  # how to do it, with the clinic's phone when set
            body.append(Paragraph(f"<b>{self._esc(how)}</b>", st.body))
        if result is not None and result.come_back and self.level is not ReadingLevel.BASIC:
            body.append(Paragraph(self._esc(result.come_back), st.body))
        labels: list[str] = []
        if phone and phone not in how:  # else the "how" line already gives it
            if name:
                line = text["call_clinic"].format(clinic=name, phone=phone)
            else:
                line = text["call_clinic_no_name"].format(phone=phone)
            body.append(Paragraph(f"<b>{self._esc(line)}</b>", st.body))
        elif not phone:
            labels.append(text["plan_write_phone"])
        if tier not in (Tier.EMERGENCY, Tier.TODAY) or result is None:
            # Help now or today is not an appointment to write down.
            labels.append(text["plan_appointment"])
        inner = (width or self.frame_width) - 2 * self._pad()
        if width:
            body += [self._write_line(label, inner) for label in labels]
        elif len(labels) == 2 and not self.opt.large_print:
            half = (inner - 6 * mm) / 2  # the two lines to write on share a row
            cells = [[self._write_line(label, half)] for label in labels]
            body.append(self._columns(cells, widths=[half, half]))
        else:
            body += [self._write_line(label) for label in labels]
        alarm = tier is Tier.EMERGENCY and result is not None
        box = self._box(text["plan_heading"], body, alarm=alarm, width=width)
        return [box] if width else [Spacer(1, 4), box]

    def _write_line(self, label: str, width: float | None = None) -> Flowable:
        """A label and a ruled line to write on: beside it, or below it in a narrow ``width``."""
        label_width = stringWidth(self._fill(label), self.st.body.fontName, self.st.sizes.body) + 8
        if width and label_width > width * 0.55:
            table = Table(
                [[Paragraph(self._esc(label), self.st.body)], [""]],
                colWidths=[width],
                rowHeights=[None, self.st.sizes.body * 1.1],
                hAlign="LEFT",
            )
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
                        ("LINEBELOW", (0, 1), (0, 1), 0.8, RULE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            return table
        inner = width or self.frame_width - 2 * self._pad()
        label_width = min(inner * 0.7, label_width)
        table = Table(
            [[Paragraph(self._esc(label), self.st.body), ""]],
            colWidths=[label_width, inner - label_width],
            rowHeights=[self.st.sizes.body * (1.7 if width else 2.0)],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
                    ("LINEBELOW", (1, 0), (1, 0), 0.8, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return table

    def _causes(self, section_ids: Sequence[str]) -> list[Flowable]:
        single = len(section_ids) == 1  # one cause section: its own title is the heading
        out: list[Flowable] = []
        for section_id in section_ids:
            out += self._section(section_id, sub=not single)
        if out and not single:
            heading = Paragraph(self._esc(self.text["causes_heading"]), self.st.heading)
            return _with_heading(heading, out)
        return out

    def _section(self, section_id: str, sub: bool = False) -> list[Flowable]:
        try:
            section = self.topic.section(section_id)
        except KeyError:
            return []  # content in flux: a missing section is left out
        blocks = section.blocks(self.level)
        if section_id == "eyelid":
            # Its warnings are printed under "When to see a doctor".
            blocks = _without_lists(blocks)
        if not blocks:
            return []
        self._cite(section)
        style = self.st.subheading if sub else self.st.heading
        heading = Paragraph(self._esc(section.title), style)
        body = self._blocks(blocks)
        picture = _SECTION_PICTURES.get(section_id)
        if picture is not None and not self.opt.large_print and self.frame_width < 120 * mm:
            # A column: the picture large enough to read at arm's length
            # (PEMAT-P 18). A wide one goes across the column under the
            # heading, its caption below (kept with the heading, it never
            # leaves a gap at a column's foot); a tall one follows the text,
            # its caption beside it.
            placed = self._column_picture(*picture)
            if placed and isinstance(placed[0], KeepTogether):
                body = [*placed, *body]
            elif placed:
                body = [*body, Spacer(1, 4), *placed]
            return _with_heading(heading, body)
        if picture is not None and not self.opt.large_print:
            # The picture and its caption beside the section's text.
            side = 44 * mm
            drawing = self._picture(picture[0], 30 * mm, side)
            if drawing is not None:
                caption = Paragraph(self._esc(self.text[picture[1]]), self.st.caption)
                text_width = self.frame_width - side - 6 * mm
                cells = [self._blocks(blocks, columns=False), [drawing, caption]]
                return [KeepTogether([heading, self._columns(cells, widths=[text_width, side])])]
        return _with_heading(heading, body)

    def _column_picture(self, picture_id: str, caption_key: str) -> list[Flowable]:
        """A section's picture and its caption for a text column (Standard, Detailed)."""
        width = min(self.frame_width, COLUMN_PICTURE_WIDTH)
        drawing = self._picture(picture_id, width / 2, width)
        if drawing is None:
            return []
        caption = Paragraph(self._esc(self.text[caption_key]), self.st.caption)
        side, tall = drawing.wrap(self.frame_width, self.height)
        if side > tall * 1.3:  # wide: the caption below, the two kept together
            return [KeepTogether([drawing, Spacer(1, 3), caption, Spacer(1, 6)])]
        drawing = self._picture(picture_id, COLUMN_PICTURE_HEIGHT) or drawing
        side = drawing.wrap(self.frame_width, self.height)[0]
        gutter = 4 * mm
        cells = [[drawing], [caption]]
        return [self._columns(cells, gutter, [side, self.frame_width - side - gutter])]

    def _self_care(self) -> list[Flowable]:
        try:
            section = self.topic.section("self_care")
        except KeyError:
            return []
        self._cite(section)
        # The section's opening paragraphs; its steps come from handout.yaml,
        # which says how to do each one.
        intro: list[Flowable] = []
        for block in section.blocks(self.level):
            if block.bullet:
                break
            if not _is_lead_in(block):
                intro.append(Paragraph(self._esc(block.text), self.st.body))
        hint_text = self.text["self_care_hint"]
        if _LEVELS[self.level].page_break:
            # The Simple sheet names every everyday trigger in one line, then the steps.
            with contextlib.suppress(KeyError):
                self._cite(self.topic.section("triggers"))
            hint_text = f"{self.text['triggers_line']} {hint_text}"
        steps = self.text.self_care_steps
        icon = self._help_icon()
        pictures = [self._picture(picture, icon) for picture, _ in steps]
        rows = [
            [TickBox(self.st.tick), picture, Paragraph(self._esc(step), self.st.tick)]
            for picture, (_, step) in zip(pictures, steps, strict=True)
        ]
        hint = Paragraph(self._esc(hint_text), self.st.lead_in)
        heading = Paragraph(self._esc(section.title), self.st.heading)
        # One table per step, so the list may continue on the next page; the
        # first two steps stay with the hint and the last two with each other,
        # so no tick box is ever alone at the foot or head of a page.
        tables = [self._picture_list([row], tick=True, icon=icon) for row in rows]
        if len(tables) < 4:
            return _with_heading(heading, [*intro, KeepTogether([hint, *tables])])
        body = [*intro, KeepTogether([hint, *tables[:2]]), *tables[2:-2]]
        return _with_heading(heading, [*body, KeepTogether(tables[-2:])])

    def _diary(self, count: int) -> list[Flowable]:
        st = self.st
        header = [Paragraph(self._esc(name), st.cell_bold) for name in self.text.diary_columns]
        rows: list[list[Any]] = [header] + [[""] * 4 for _ in range(count)]
        # Each column as wide as its name on one line when the names fit, the
        # room left over shared out; else the fixed shares.
        pad = 12  # a cell's left and right padding
        names = [
            stringWidth(self._fill(name), st.cell_bold.fontName, st.sizes.body) + pad
            for name in self.text.diary_columns
        ]
        if sum(names) <= self.frame_width:
            spare = (self.frame_width - sum(names)) / len(names)
            widths = [width + spare for width in names]
        else:
            widths = [self.frame_width * w for w in (0.18, 0.27, 0.22, 0.33)]
        table = Table(
            rows,
            colWidths=widths,
            rowHeights=[None] + [max(7.5 * mm, st.sizes.body * 1.5)] * count,
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
                    ("FONTSIZE", (0, 0), (-1, -1), st.sizes.body),
                    ("GRID", (0, 0), (-1, -1), 0.8, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), TINT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [
            KeepTogether(
                [
                    Paragraph(self._esc(self.text["diary_heading"]), st.heading),
                    Paragraph(self._esc(self.text["diary_intro"]), st.body),
                    table,
                ]
            )
        ]

    def _questions(self) -> list[Flowable]:
        items = [self._bullet(q) for q in self.text.questions[self.level]]
        heading = Paragraph(self._esc(self.text["questions_heading"]), self.st.heading)
        return [KeepTogether([heading, *items])]

    def _clinic_line(self) -> list[Flowable]:
        """ "Your clinic: <name>" when the settings name the clinic but give no phone.

        With a phone, "My plan" already names the clinic with it.
        """
        markup = self._clinic_markup()
        return [Paragraph(markup, self.st.body)] if markup else []

    def _clinic_markup(self) -> str:
        name = self.opt.clinic_name.strip()
        if not name or self.opt.clinic_phone.strip():
            return ""
        return f"<b>{self._esc(self.text['clinic_heading'])}:</b> {self._esc(name)}"

    def _closing(self) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [] if _LEVELS[self.level].page_break else [Spacer(1, 4)]
        if not _LEVELS[self.level].page_break:  # Simple: beside the questions
            out += self._clinic_line()
        closing = f"<b>{self._esc(self.text['not_a_diagnosis'])}</b>"
        if _LEVELS[self.level].page_break:  # Simple: what is known and not known closes page 2
            closing = f"{self._esc(self.text['known_unknown'])} {closing}"
            if not self.opt.large_print and self._clinic_markup():
                closing = f"{closing} {self._clinic_markup()}"
        out.append(Paragraph(closing, st.body))
        cited = [self.sources[i] for i in dict.fromkeys(self.cited) if i in self.sources]
        if cited:
            # One running paragraph in fine print: a list of lines wastes half of each.
            # Simple names who published its sources, Standard adds the titles,
            # Detailed the addresses too.
            if self.level is ReadingLevel.BASIC:  # "MedlinePlus", not its publisher's name too
                names = dict.fromkeys(_publisher(source) for source in cited)
                entries = self._esc("; ".join(names) + ".")
            elif self.level is ReadingLevel.STANDARD:  # "NHS: title; title."
                titles: dict[str, list[str]] = {}
                for source in cited:
                    titles.setdefault(_publisher(source), []).append(_short_title(source))
                entries = self._esc(
                    " ".join(f"{name}: {'; '.join(found)}." for name, found in titles.items())
                )
            else:
                urls = self.level is ReadingLevel.DETAILED
                entries = " ".join(self._esc(_cite(source, urls)) for source in cited)
            heading = self._esc(self.text["sources_heading"])
            style = st.fine
            measure = (
                MEASURE_CHARS
                * _char_width(self.pack.language, style.fontName, entries[:400] or "x")
                * style.fontSize
            )
            if measure < self.frame_width:  # large fine print: lines of about 75 characters too
                style = _indented(style, round(self.frame_width - measure, 3))
            out.append(Paragraph(f"<b>{heading}</b> {entries}", style))
        return out

    # -- pieces ---------------------------------------------------------------

    def _blocks(self, blocks: Sequence[Block], columns: bool = True) -> list[Flowable]:
        """Paragraphs as they are; each run of bullets as a list kept with its lead-in."""
        out: list[Flowable] = []
        run: list[str] = []
        lead: str | None = None
        for block in (*blocks, None):
            if block is not None and block.bullet:
                run.append(block.text)
                continue
            if run:
                out += self._group(lead, run, columns)
                run, lead = [], None
            elif lead is not None:
                out.append(Paragraph(self._esc(lead), self.st.body))
                lead = None
            if block is not None:
                lead = block.text
        if lead is not None:
            out.append(Paragraph(self._esc(lead), self.st.body))
        return out

    def _group(
        self, lead: str | None, items: Sequence[str], columns: bool = True
    ) -> list[Flowable]:
        """A lead-in line and its list, on one page (the sheet grows instead)."""
        parts: list[Flowable] = []
        if lead is not None:
            parts.append(Paragraph(self._esc(lead), self.st.lead_in))
        flow = self._list(items, columns)
        if not columns:
            return parts + flow  # in a table cell, which cannot split anyway
        if len(flow) >= 4:
            # A long list may break between bullets: its lead-in stays with the
            # first and the last two stay together, so no bullet is alone at a
            # page's head and no lead-in at its foot.
            return [KeepTogether(parts + flow[:1]), *flow[1:-2], KeepTogether(flow[-2:])]
        # Else it moves to the next page whole, with its lead-in.
        return [KeepTogether(parts + flow)]

    def _list(self, items: Sequence[str], columns: bool = True) -> list[Flowable]:
        """A list; short items go in two columns to save lines (never in large print)."""
        flow = [self._bullet(text) for text in items]
        if not columns or self.opt.large_print or len(items) < 4:
            return flow
        half = self.frame_width / 2
        style = self.st.bullet
        room = half - style.leftIndent - style.fontSize

        def fits_one_line(text: str) -> bool:
            return stringWidth(self._fill(text), style.fontName, style.fontSize) * 1.05 < room

        if not all(fits_one_line(t) for t in items):
            return flow
        # Column-wise (down the first column, then the second) reads naturally.
        rows_n = (len(flow) + 1) // 2
        left, right = flow[:rows_n], flow[rows_n:]
        rows = [[left[i], right[i] if i < len(right) else ""] for i in range(rows_n)]
        table = Table(rows, colWidths=[half, half], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), style.spaceAfter),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [table]

    def _picture_list(
        self,
        rows: list[list[Any]],
        tick: bool = False,
        icon: float | None = None,
        gap: float | None = None,
    ) -> Flowable:
        """Rows of [(tick box,) picture, text]; pictures may be None (no column then)."""
        if all(row[-2] is None for row in rows):
            rows = [[*row[:-2], row[-1]] for row in rows]
            columns: list[float] = []
        else:
            rows = [[*row[:-2], row[-2] or "", row[-1]] for row in rows]
            columns = [(icon or self._icon_size()) + 3 * mm]
        if tick:
            columns.insert(0, self.st.sizes.body * 1.5)
        inner = self.frame_width - 2 * self._pad()
        columns.append(inner - sum(columns))
        table = (_Row if len(rows) == 1 else Table)(rows, colWidths=columns, hAlign="LEFT")
        gap = self.st.sizes.body * 0.2 if gap is None else gap
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), gap / 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), gap / 2),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return table

    def _picture(
        self, picture_id: str, height: float | None = None, width: float | None = None
    ) -> Flowable | None:
        return picture_flowable(picture_id, height or self._icon_size(), width)

    def _icon_size(self) -> float:
        return (14 if self.opt.large_print else 11) * mm

    def _pad(self) -> float:
        return self.st.sizes.body * 0.45

    def _box(
        self, heading: str, body: Sequence[Flowable], alarm: bool, width: float | None = None
    ) -> Flowable:
        """A boxed panel; ``alarm`` gives a dark heading band and a thick border.

        One table row per flowable, with the heading repeated: a box taller
        than a page continues on the next one rather than failing the build.
        """
        title_style = self.st.alarm_heading if alarm else self.st.box_heading
        rows: list[list[Any]] = [[Paragraph(self._esc(heading), title_style)]]
        rows += [[flowable] for flowable in body] or [[""]]
        table = Table(rows, colWidths=[width or self.frame_width], repeatRows=1)
        pad = self._pad()
        commands: list[tuple[Any, ...]] = [
            # Every table names the font: reportlab's default cell font is Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (0, 1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (0, 0), pad * 0.4),
            ("BOTTOMPADDING", (0, -1), (0, -1), pad),
        ]
        if alarm:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), ALARM),
                ("BOX", (0, 0), (-1, -1), 3, ALARM),
            ]
        else:
            commands += [("BACKGROUND", (0, 0), (-1, -1), TINT), ("BOX", (0, 0), (-1, -1), 1, RULE)]
        table.setStyle(TableStyle(commands))
        # A fixed width means the box sits in a table cell, where it cannot split anyway.
        return table if width else KeepTogether([table])

    def _bullet(self, text: str) -> Flowable:
        return Paragraph(self._esc(text), self.st.bullet, bulletText=BULLET)

    def _fill(self, text: str) -> str:
        return fill_emergency_number(text, self.opt.emergency_number)

    def _esc(self, text: str) -> str:
        return escape(self._fill(text))


@functools.lru_cache(maxsize=64)
def _indented(parent: ParagraphStyle, right_indent: float) -> ParagraphStyle:
    """``parent`` with a right indent: one style object per indent, so the
    sources paragraph in it is parsed and broken into lines once (``Paragraph``)."""
    style = ParagraphStyle(f"{parent.name}_measure", parent=parent)
    style.rightIndent = right_indent
    style.shared = True
    return style


def _column_keeps(
    flow: Iterable[Flowable], width: float, limit: float, font: str
) -> list[Flowable]:
    """The flowables for balanced columns, which cannot take a KeepTogether.

    Each kept group (a heading with what follows, a lead-in with its list)
    becomes one cell that cannot split, so it moves whole to the next column;
    a group taller than ``limit`` is opened up instead.
    """
    out: list[Flowable] = []
    for flowable in flow:
        if not isinstance(flowable, KeepTogether):
            out.append(flowable)
            continue
        content = _column_keeps(flowable._content, width, limit, font)
        cell = _Row([[content]], colWidths=[width], hAlign="LEFT")
        cell.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        if cell.wrap(width, 0xFFFFFF)[1] <= limit:
            # The group's first space above stays outside the cell, where columns see it.
            cell.spaceBefore = content[0].getSpaceBefore() if content else 0
            out.append(cell)
        else:
            out += content
    return out


def _split_groups(blocks: Sequence[Block]) -> list[list[Block]]:
    """The blocks cut before each lead-in line that opens a list."""
    groups: list[list[Block]] = [[]]
    for i, block in enumerate(blocks):
        opens = _is_lead_in(block) and i + 1 < len(blocks) and blocks[i + 1].bullet
        if opens and groups[-1]:
            groups.append([])
        groups[-1].append(block)
    return groups


def _with_heading(heading: Flowable, body: list[Flowable]) -> list[Flowable]:
    """The heading kept on one page with what follows it (never stranded at a page end)."""
    if not body:
        return [heading]
    first = body[0]
    inner = list(first._content) if isinstance(first, KeepTogether) else [first]
    return [KeepTogether([heading, *inner]), *body[1:]]


def _without_lists(blocks: Iterable[Block]) -> tuple[Block, ...]:
    """The blocks less every list and the lead-in line that opens it."""
    kept: list[Block] = []
    for block in blocks:
        if block.bullet:
            if kept and _is_lead_in(kept[-1]):
                kept.pop()
            continue
        kept.append(block)
    return tuple(kept)


def _is_lead_in(block: Block) -> bool:
    return not block.bullet and block.text.rstrip().endswith(":")


def _publisher(source: Source) -> str:
    """The publisher's short name: "MedlinePlus", not "MedlinePlus, US National Library..."."""
    return source.publisher.split(",")[0].rstrip(".")


def _short_title(source: Source) -> str:
    """The title without its bracketed notes ("Hypocalcemia", not "... (Consumer Version)")."""
    return re.sub(r"\s*\([^)]*\)", "", source.title).strip().rstrip(".") or source.title


def _cite(source: Source, urls: bool = True) -> str:
    """``Title. Publisher. address.`` with the address shortened for print."""
    parts = [source.title.rstrip("."), source.publisher.rstrip(".")]
    url = source.url.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    if url and urls:
        parts.append(url.rstrip("/"))
    return ". ".join(parts) + "."
