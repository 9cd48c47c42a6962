"""Paragraph styles and colours of the handout: one family, dark on light.

Sizes follow the content brief (section 6): the Simple (basic) sheet has a
14 pt body, Standard and Detailed 12 pt, large print 18 pt (basic) or
16 pt; headings 18-20 pt; line spacing 1.35. Only the fine print (the list of
sources, the dates and the page footer) is smaller: 10-11 pt, or 14 pt in
large print.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from kiosk.content.models import ReadingLevel
from kiosk.handout.fonts import register_fonts

INK = colors.HexColor("#111111")
RULE = colors.HexColor("#444444")
TINT = colors.HexColor("#EEF2F6")  # light panel behind "Main points" and "My plan"
ALARM = colors.HexColor("#111111")  # the "Get help now" band: white on near-black
WHITE = colors.white
LEADING = 1.35  # line spacing, as a multiple of the type size ("about 1.4")


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points."""

    body: float
    fine: float
    subheading: float
    heading: float
    title: float


SIMPLE = Sizes(body=14, fine=11, subheading=16, heading=18, title=20)
NORMAL = Sizes(body=12, fine=10, subheading=14, heading=18, title=20)
LARGE = Sizes(body=16, fine=14, subheading=18, heading=20, title=24)
LARGE_SIMPLE = Sizes(body=18, fine=14, subheading=19, heading=20, title=24)


def sizes_for(level: ReadingLevel, large_print: bool) -> Sizes:
    """The type sizes of one sheet."""
    basic = level is ReadingLevel.BASIC
    if large_print:
        return LARGE_SIMPLE if basic else LARGE
    return SIMPLE if basic else NORMAL


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the builder uses."""

    sizes: Sizes
    title: ParagraphStyle
    purpose: ParagraphStyle
    heading: ParagraphStyle
    heading_first: ParagraphStyle  # a heading at the top of a column: no space above
    box_heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    lead_in: ParagraphStyle
    bullet: ParagraphStyle
    tick: ParagraphStyle
    alarm_heading: ParagraphStyle
    alarm_body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    caption: ParagraphStyle
    fine: ParagraphStyle


def make_styles(level: ReadingLevel, large_print: bool) -> Styles:
    """The styles for one sheet (made once per process: they are never changed).

    The builder keeps parsed paragraphs of these styles between sheets. All
    six sets are made on the first call, so the number of live objects stays
    the same from the first sheet on (bench/soak.py counts them).
    """
    return _all_styles()[level, large_print]


@functools.cache
def _all_styles() -> dict[tuple[ReadingLevel, bool], Styles]:
    return {(lv, large): _make_styles(lv, large) for lv in ReadingLevel for large in (False, True)}


def _make_styles(level: ReadingLevel, large_print: bool) -> Styles:
    regular, bold = register_fonts()
    size = sizes_for(level, large_print)

    def style(
        name: str, font: str, pt: float, lead: float = LEADING, **extra: object
    ) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": font,
            "fontSize": pt,
            "leading": round(pt * lead, 1),
            "textColor": INK,
            "alignment": TA_LEFT,
            "bulletFontName": regular,
            "bulletFontSize": pt,
            # A paragraph never leaves one line alone at a page's foot or head.
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        base.update(extra)
        return ParagraphStyle(name, **base)

    indent = size.body * 1.3
    gap = size.body * 0.35
    styles = Styles(
        sizes=size,
        title=style("title", bold, size.title, 1.15, spaceAfter=1),
        purpose=style("purpose", regular, size.body, spaceAfter=gap),
        heading=style(
            "heading",
            bold,
            size.heading,
            1.2,
            spaceBefore=gap * 2.5,
            spaceAfter=gap,
            keepWithNext=1,
        ),
        heading_first=style("heading_first", bold, size.heading, 1.2, spaceAfter=gap),
        box_heading=style(
            "box_heading", bold, size.heading, 1.2, spaceAfter=gap / 2, keepWithNext=1
        ),
        subheading=style(
            "subheading",
            bold,
            size.subheading,
            1.25,
            spaceBefore=gap * 1.5,
            spaceAfter=gap / 2,
            keepWithNext=1,
        ),
        body=style("body", regular, size.body, spaceAfter=gap),
        lead_in=style("lead_in", regular, size.body, spaceAfter=gap / 2, keepWithNext=1),
        bullet=style("bullet", regular, size.body, leftIndent=indent, bulletIndent=2, spaceAfter=1),
        tick=style("tick", regular, size.body, spaceAfter=0),
        alarm_heading=style("alarm_heading", bold, size.heading, 1.2, textColor=WHITE),
        alarm_body=style("alarm_body", bold, size.body, spaceAfter=0, bulletFontName=bold),
        cell=style("cell", regular, size.body),
        cell_bold=style("cell_bold", bold, size.body),
        caption=style("caption", regular, size.body),
        fine=style("fine", regular, size.fine, 1.3, spaceAfter=1),
    )
    for item in fields(styles):
        value = getattr(styles, item.name)
        if isinstance(value, ParagraphStyle):
            value.shared = True  # kiosk.handout.builder.Paragraph may keep parsed text
    return styles
