"""Build the printed handout: topic + level + language (+ result) -> PDF bytes.

Qt-free; reportlab Platypus lays out the page. The sheet follows the content
brief's section 6 (PEMAT / CDC Clear Communication Index): purpose at the top,
a "Main points" box, short sections under plain headings, a tick-box self-care
list, a "Get help now" box that never splits, a symptom diary, questions to
ask, and the sources with the date the content was last reviewed.

Length: basic fits one page, standard two, detailed three (Letter and A4);
large print may take twice as many (2, 4, 6 pages): the same sheet at 16 pt
rather than a shorter one. When a level's text is too long the builder
shortens it rather than overflowing, trying the steps of ``_LADDER`` in order
until the sheet fits (each step leaves out more, so it bisects):

1. keep fewer paragraphs or bullets of each explanatory section (never fewer
   than its first; a shortened list keeps its lead-in and first 3 items),
   and fewer diary rows (5 down to 3);
2. leave out the least needed sections: how_common and long_lasting, then
   eyelid and minerals;
3. leave out the questions to ask, then the diary;
4. last of all, a checklist result box stands in for the "Main points" box.

"When to see a doctor", "Get help now" and the self-care steps are never
shortened. With today's content, basic keeps its main points, the everyday
triggers, the self-care tick boxes, when to see a doctor and get help now,
the clinic's phone and the sources (step 3: no diary or questions on the
one-page sheet, and with a checklist result the result box replaces the
main points); standard keeps the diary and questions but may leave out
how_common, eyelid and minerals (with a checklist result, the questions go
too); detailed keeps every section, shortened.
The layout step that fitted is remembered per input, so a warm process
renders each sheet once.

Sizes: body 12 pt (16 pt large print), headings 16-18 pt; the sources and
the footer (dates, page number) are fine print at 10 pt (14 pt).

The checklist result is printed only when given, and only as its tier's
title, message and action: never the answers, because a sheet left on the
printer tray must not tell anyone what the patient said.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk import APP_NAME, __version__
from kiosk.content.models import Block, LanguagePack, ReadingLevel, Source, Tier
from kiosk.content.placeholders import fill_emergency_number
from kiosk.handout.paper import Paper
from kiosk.handout.styles import ALARM, INK, RULE, TINT, Styles, make_styles
from kiosk.handout.text import HandoutText, load_handout_text
from kiosk.handout.tickbox import TickItem

BULLET = "\u2022"


PAGE_SIZES: Mapping[Paper, tuple[float, float]] = {Paper.LETTER: LETTER, Paper.A4: A4}

# Most pages per level; large print may use twice as many.
PAGE_LIMITS: Mapping[ReadingLevel, int] = {
    ReadingLevel.BASIC: 1,
    ReadingLevel.STANDARD: 2,
    ReadingLevel.DETAILED: 3,
}
LARGE_PRINT_FACTOR = 2


def page_limit(level: ReadingLevel, large_print: bool) -> int:
    """The most pages a handout at ``level`` may take."""
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
class _Use:
    """One topic section on the sheet at one level.

    ``cap``: most blocks shown (None: all). ``floor``: fewest blocks left when
    the sheet is shortened to fit (0: the section may go; None: never shortened).
    """

    section: str
    cap: int | None = None
    floor: int | None = 1
    lead_in: bool = True  # False: drop a first paragraph like "These can help:"


_ALL_CAUSES = ("triggers", "minerals", "medicines", "nerves")
_INTRO: Mapping[ReadingLevel, tuple[_Use, ...]] = {
    ReadingLevel.BASIC: (_Use("what_is", 1, floor=0),),
    ReadingLevel.STANDARD: (_Use("what_is"), _Use("how_common")),
    ReadingLevel.DETAILED: (_Use("what_is"), _Use("how_common")),
}
# Basic keeps the everyday triggers only; salts, medicines and nerves are a
# doctor's to check, and "do not stop a medicine" is in the self-care steps.
_CAUSES: Mapping[ReadingLevel, tuple[_Use, ...]] = {
    ReadingLevel.BASIC: (_Use("triggers", 7, floor=3, lead_in=False),),
    ReadingLevel.STANDARD: tuple(_Use(s) for s in _ALL_CAUSES),
    ReadingLevel.DETAILED: tuple(_Use(s) for s in _ALL_CAUSES),
}
_EXTRAS: Mapping[ReadingLevel, tuple[_Use, ...]] = {
    ReadingLevel.BASIC: (),
    ReadingLevel.STANDARD: (_Use("eyelid"),),
    ReadingLevel.DETAILED: (_Use("eyelid"), _Use("long_lasting")),
}
_SELF_CARE = _Use("self_care", floor=None)
_SELF_CARE_BASIC = _Use("self_care", floor=None, lead_in=False)
_SEE_DOCTOR = _Use("see_doctor", floor=None)
_GET_HELP = _Use("get_help_now", floor=None)


@dataclass(frozen=True)
class _Fit:
    """How hard to shorten: blocks off each section, diary rows, questions shown."""

    trim: int
    diary_rows: int
    questions: bool = True
    main_points: bool = True  # False: a checklist result box stands in for them
    drop: tuple[str, ...] = ()  # sections left out altogether
    source_urls: bool = True  # False: sources by title and publisher only


# Each step leaves out more than the one before, so the first step that fits
# is found by bisection. Shorten the explanations and the diary first, then
# leave out the least needed sections; give up the questions and the diary
# only as a last resort.
# Last of all, a checklist result box stands in for the main points (basic).
_LIST_FLOOR = 3  # items a shortened list keeps
_SPARE = ("how_common", "long_lasting")  # the first sections to go, then these:
_SPARE_TOO = (*_SPARE, "eyelid", "minerals")
_LADDER = (
    _Fit(0, 5),
    _Fit(1, 5),
    _Fit(2, 4),
    _Fit(3, 3),
    _Fit(3, 3, drop=_SPARE),
    _Fit(5, 3, drop=_SPARE),
    _Fit(5, 3, drop=_SPARE_TOO),
    _Fit(8, 3, drop=_SPARE_TOO),
    _Fit(12, 3, drop=_SPARE_TOO),
    _Fit(12, 3, questions=False, drop=_SPARE_TOO),
    _Fit(12, 0, questions=False, drop=_SPARE_TOO),
    _Fit(12, 0, questions=False, drop=_SPARE_TOO, source_urls=False),
    _Fit(12, 0, questions=False, main_points=False, drop=_SPARE_TOO, source_urls=False),
)


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
    Sections missing from the content are skipped.
    """
    text = text or load_handout_text(pack.language)
    sheet = _Sheet(pack, sources, options, text)
    limit = page_limit(options.level, options.large_print)
    key = _layout_key(pack, options, text)
    if key in _FIT_CACHE:
        step = _FIT_CACHE[key]
        data, pages = sheet.render(_LADDER[step])
        if pages <= limit:
            return data
    # Bisect for the first step that fits (the last step is used regardless).
    low, high = 0, len(_LADDER) - 1
    found: dict[int, bytes] = {}
    while low < high:
        mid = (low + high) // 2
        data, pages = sheet.render(_LADDER[mid])
        if pages <= limit:
            found[mid] = data
            high = mid
        else:
            low = mid + 1
    _FIT_CACHE[key] = low
    data = found[low] if low in found else sheet.render(_LADDER[low])[0]
    return data


# Which ladder step fitted, by everything that changes the layout (not the
# date, which sits in the footer). A kiosk prints the same few sheets all day,
# so a warm process renders once instead of trying each step again.
_FIT_CACHE: dict[int, int] = {}


def _layout_key(pack: LanguagePack, options: HandoutOptions, text: HandoutText) -> int:
    level = options.level
    result = pack.checklist.results.get(options.tier) if options.tier else None
    return hash(
        (
            pack.language,
            pack.topic.title,
            tuple((s.id, s.title, s.levels.get(level, "")) for s in pack.topic.sections),
            result,
            level,
            options.paper,
            options.large_print,
            options.clinic_name,
            options.clinic_phone,
            options.emergency_number,
            tuple(sorted(text.strings.items())),
            text.main_points.get(level),
            text.questions.get(level),
            text.diary_columns,
        )
    )


class _Sheet:
    """Lays out one handout; ``render(fit)`` shortens it as ``fit`` says."""

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
        self.text = text
        self.st: Styles = make_styles(options.large_print)
        self.width, self.height = PAGE_SIZES[options.paper]
        self.margin = 12 * mm
        self.footer_y = 10 * mm  # most printers reach 5 mm from the edge
        self.frame_width = self.width - 2 * self.margin
        self.drop: tuple[str, ...] = ()
        # On every page's footer: when the content was reviewed and the sheet printed.
        self.date_lines = (
            text["printed_on"].format(date=text.date(options.printed_on)),
            text["last_reviewed"].format(date=text.date(pack.topic.reviewed)),
        )
        self.dates = "   ".join(self.date_lines)
        # Large print in a wordy language: the dates and "Page N" would run
        # into each other on one line, so the dates take two lines.
        fine = self.st.sizes.fine
        needed = stringWidth(self.dates, self.st.fine.fontName, fine) + stringWidth(
            text["page"].format(page=99), self.st.fine.fontName, fine
        )
        self.footer_lines = 1 if needed + 6 * mm <= self.frame_width else 2

    # -- the document ---------------------------------------------------------

    def render(self, fit: _Fit) -> tuple[bytes, int]:
        """The PDF and its page count."""
        out = io.BytesIO()
        regular = self.st.body.fontName
        doc = SimpleDocTemplate(
            out,
            pagesize=(self.width, self.height),
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin * 0.8,
            bottomMargin=self.footer_y + self.st.sizes.fine * (0.6 + 1.2 * self.footer_lines),
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
            self.story(fit),
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
        canvas.setFillColor(INK)
        y = self.footer_y
        if self.footer_lines == 1:
            canvas.drawString(self.margin, y, self.dates)
        else:
            leading = self.st.sizes.fine * 1.2
            canvas.drawString(self.margin, y + leading, self.date_lines[0])
            canvas.drawString(self.margin, y, self.date_lines[1])
        canvas.drawRightString(self.width - self.margin, y, self.text["page"].format(page=doc.page))
        canvas.restoreState()

    # -- the story ------------------------------------------------------------

    def story(self, fit: _Fit) -> list[Flowable]:
        """Every flowable of the sheet, top to bottom."""
        level, trim = self.opt.level, fit.trim
        self.drop = fit.drop
        self.cited: list[str] = []
        story: list[Flowable] = [
            Paragraph(self._esc(self.topic.title), self.st.title),
            Paragraph(self._esc(self.text["purpose"]), self.st.purpose),
        ]
        result = self._result()
        if fit.main_points or not result:
            story.append(self._main_points())
        story += result
        for use in _INTRO[level]:
            story += self._section(use, trim)
        causes: list[Flowable] = []
        single = len(_CAUSES[level]) == 1  # one cause section: its own title is the heading
        for use in _CAUSES[level]:
            causes += self._section(use, trim, sub=not single)
        if causes and not single:
            story.append(Paragraph(self._esc(self.text["causes_heading"]), self.st.heading))
        story += causes
        for use in _EXTRAS[level]:
            story += self._section(use, trim)
        self_care = _SELF_CARE_BASIC if level is ReadingLevel.BASIC else _SELF_CARE
        story += self._section(self_care, trim, ticks=True)
        story += self._section(_SEE_DOCTOR, trim)
        story += self._call_clinic()
        story += self._get_help_now()
        if fit.diary_rows:
            story += self._diary(fit.diary_rows)
        if fit.questions:
            story += self._questions()
        story += self._closing(fit.source_urls)
        return story

    def _main_points(self) -> Flowable:
        points = self.text.main_points[self.opt.level]
        body = [self._bullet(point) for point in points]
        return self._box(self.text["main_points_heading"], body, alarm=False)

    def _result(self) -> list[Flowable]:
        tier = self.opt.tier
        if tier is None or tier not in self.pack.checklist.results:
            return []
        result = self.pack.checklist.results[tier]
        basic = self.opt.level == ReadingLevel.BASIC  # basic: the short form
        body: list[Flowable] = []
        if not basic:
            body.append(Paragraph(self._esc(self.text["result_note"]), self.st.body))
        message = result.message
        if self.opt.asked_for_help:  # no answers gave it: never "your answers mean..."
            message = self.pack.ui.get("emergency.asked", message)
        body += [
            Paragraph(self._esc(message), self.st.body),
            Paragraph(f"<b>{self._esc(result.action)}</b>", self.st.body),
        ]
        if result.come_back and not basic:
            body.append(Paragraph(self._esc(result.come_back), self.st.body))
        heading = f"{self.text['result_heading']}: {result.title}"
        box = self._box(heading, body, alarm=tier is Tier.EMERGENCY)
        return [Spacer(1, 6), box]

    def _section(
        self, use: _Use, trim: int, sub: bool = False, ticks: bool = False
    ) -> list[Flowable]:
        if use.section in self.drop:
            return []
        try:
            section = self.topic.section(use.section)
        except KeyError:
            return []  # content in flux: a missing section is left out
        blocks = section.blocks(self.opt.level)
        if not use.lead_in and len(blocks) > 1 and not blocks[0].bullet and blocks[1].bullet:
            blocks = blocks[1:]
        blocks = _pick(blocks, use, trim)
        if not blocks:
            return []
        self.cited += section.sources
        style = self.st.subheading if sub else self.st.heading
        out: list[Flowable] = [Paragraph(self._esc(section.title), style)]
        if ticks:
            out.append(Paragraph(self._esc(self.text["self_care_hint"]), self.st.body))
            if not any(block.bullet for block in blocks):
                blocks = tuple(Block(block.text, bullet=True) for block in blocks)
        out += self._blocks(blocks, ticks=ticks)
        return out

    def _blocks(self, blocks: Sequence[Block], ticks: bool = False) -> list[Flowable]:
        """Paragraphs as they are; each run of bullets as a list (ticks: boxes)."""
        out: list[Flowable] = []
        run: list[str] = []
        for block in (*blocks, None):
            if block is not None and block.bullet:
                run.append(block.text)
                continue
            if run:
                out += self._list(run, ticks)
                run = []
            if block is not None:
                out.append(Paragraph(self._esc(block.text), self.st.body))
        return out

    def _list(self, items: Sequence[str], ticks: bool) -> list[Flowable]:
        """A list; short items go in two columns to save lines."""
        flow = [self._item(text, ticks) for text in items]
        half = self.frame_width / 2
        style = self.st.bullet
        room = half - style.leftIndent - style.fontSize

        def lines(text: str) -> int:
            width = stringWidth(self._fill(text), style.fontName, style.fontSize)
            return 1 + int(width * 1.1 // room)

        paired = sum(max(lines(t) for t in items[i : i + 2]) for i in range(0, len(items), 2))
        if len(items) < 3 or paired >= len(items) or max(map(lines, items)) > 2:
            return flow
        rows = [flow[i : i + 2] + [""] * (2 - len(flow[i : i + 2])) for i in range(0, len(flow), 2)]
        table = Table(rows, colWidths=[half, half], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), style.spaceAfter),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [table]

    def _item(self, text: str, tick: bool) -> Flowable:
        if tick:
            return TickItem(Paragraph(self._esc(text), self.st.tick))
        return self._bullet(text)

    def _call_clinic(self) -> list[Flowable]:
        phone, name = self.opt.clinic_phone.strip(), self.opt.clinic_name.strip()
        if not phone:
            return []
        if name:
            line = self.text["call_clinic"].format(clinic=name, phone=phone)
        else:
            line = self.text["call_clinic_no_name"].format(phone=phone)
        return [Paragraph(f"<b>{self._esc(line)}</b>", self.st.body)]

    def _get_help_now(self) -> list[Flowable]:
        try:
            section = self.topic.section(_GET_HELP.section)
        except KeyError:
            return []
        self.cited += section.sources
        body: list[Flowable] = []
        for block in section.blocks(self.opt.level):
            if block.bullet:
                bullet = Paragraph(self._esc(block.text), self.st.alarm_body, bulletText=BULLET)
                body.append(bullet)
            else:
                body.append(Paragraph(self._esc(block.text), self.st.cell_bold))
        return [Spacer(1, 4), self._box(section.title, body, alarm=True)]

    def _diary(self, count: int) -> list[Flowable]:
        st = self.st
        header = [Paragraph(self._esc(name), st.cell_bold) for name in self.text.diary_columns]
        rows: list[list[Any]] = [header] + [[""] * 4 for _ in range(count)]
        weights = (0.18, 0.27, 0.22, 0.33)
        table = Table(
            rows,
            colWidths=[self.frame_width * w for w in weights],
            rowHeights=[None] + [st.sizes.body * 2.1] * count,
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
        items = [self._bullet(q) for q in self.text.questions[self.opt.level]]
        return [Paragraph(self._esc(self.text["questions_heading"]), self.st.heading), *items]

    def _closing(self, urls: bool = True) -> list[Flowable]:
        st, opt = self.st, self.opt
        out: list[Flowable] = [Spacer(1, 3)]
        clinic = ", ".join(
            part for part in (opt.clinic_name.strip(), opt.clinic_phone.strip()) if part
        )
        if clinic and not opt.clinic_phone.strip():  # with a phone, "call ..." already says it
            out.append(
                Paragraph(
                    f"<b>{self._esc(self.text['clinic_heading'])}:</b> {self._esc(clinic)}", st.body
                )
            )
        out.append(Paragraph(f"<b>{self._esc(self.text['not_a_diagnosis'])}</b>", st.body))
        cited = [self.sources[i] for i in dict.fromkeys(self.cited) if i in self.sources]
        if cited:
            # One running paragraph in fine print: a list of lines wastes half of each.
            entries = " ".join(self._esc(_cite(source, urls)) for source in cited)
            heading = self._esc(self.text["sources_heading"])
            out.append(Paragraph(f"<b>{heading}</b> {entries}", st.fine))
        return out

    # -- pieces ---------------------------------------------------------------

    def _box(self, heading: str, body: Sequence[Flowable], alarm: bool) -> Flowable:
        """A boxed panel; ``alarm`` gives a dark heading band and a thick border."""
        title_style = self.st.alarm_heading if alarm else self.st.box_heading
        table = Table([[Paragraph(self._esc(heading), title_style)], [list(body)]])
        pad = self.st.sizes.body * 0.5
        commands: list[tuple[Any, ...]] = [
            # Every table names the font: reportlab's default cell font is Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), self.st.body.fontName),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
        if alarm:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), ALARM),
                ("BOX", (0, 0), (-1, -1), 3, ALARM),
            ]
        else:
            commands += [("BACKGROUND", (0, 0), (-1, -1), TINT), ("BOX", (0, 0), (-1, -1), 1, RULE)]
        table._argW = [self.frame_width]  # full width
        table.setStyle(TableStyle(commands))
        return KeepTogether([table])

    def _block(self, block: Block) -> Flowable:
        if block.bullet:
            return self._bullet(block.text)
        return Paragraph(self._esc(block.text), self.st.body)

    def _bullet(self, text: str) -> Flowable:
        return Paragraph(self._esc(text), self.st.bullet, bulletText=BULLET)

    def _fill(self, text: str) -> str:
        return fill_emergency_number(text, self.opt.emergency_number)

    def _esc(self, text: str) -> str:
        return escape(self._fill(text))


def _pick(blocks: tuple[Block, ...], use: _Use, trim: int) -> tuple[Block, ...]:
    """The first blocks of a section within the level's cap, less ``trim``."""
    keep = len(blocks) if use.cap is None else min(use.cap, len(blocks))
    if use.floor is not None and trim:
        keep = max(min(use.floor, keep), keep - trim)
    if keep >= len(blocks):
        return blocks
    # A list cut short keeps its lead-in ("These can help:") and at least its
    # first few items, so a single item never reads as the whole list.
    start = keep
    while start > 0 and blocks[start - 1].bullet:
        start -= 1
    if start > 0 and _is_lead_in(blocks[start - 1]):
        run_end = start
        while run_end < len(blocks) and blocks[run_end].bullet:
            run_end += 1
        keep = max(keep, min(run_end, start + _LIST_FLOOR))
    return blocks[:keep]


def _is_lead_in(block: Block) -> bool:
    return not block.bullet and block.text.rstrip().endswith(":")


def _cite(source: Source, urls: bool = True) -> str:
    """``Title. Publisher. address.`` with the address shortened for print."""
    parts = [source.title.rstrip("."), source.publisher.rstrip(".")]
    url = source.url.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    url = url if urls else ""
    if url:
        parts.append(url.rstrip("/"))
    return ". ".join(parts) + "."
