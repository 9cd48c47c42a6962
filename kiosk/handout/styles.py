"""Paragraph styles and colours of the handout: one family, dark on light.

Sizes follow the content brief (section 6): body 12 pt and headings 16-18 pt;
large print has a 16 pt body. Only the fine print (the list of sources, the
dates and the page footer) is smaller: 10 pt, or 14 pt in large print.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from kiosk.handout.fonts import register_fonts

INK = colors.HexColor("#111111")
RULE = colors.HexColor("#444444")
TINT = colors.HexColor("#EEF2F6")  # light panel behind "Main points"
ALARM = colors.HexColor("#111111")  # the "Get help now" band: white on near-black
WHITE = colors.white


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points."""

    body: float
    fine: float
    subheading: float
    heading: float
    title: float


NORMAL = Sizes(body=12, fine=10, subheading=13, heading=16, title=18)
LARGE = Sizes(body=16, fine=14, subheading=17, heading=20, title=24)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the builder uses."""

    sizes: Sizes
    title: ParagraphStyle
    purpose: ParagraphStyle
    heading: ParagraphStyle
    box_heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    tick: ParagraphStyle
    alarm_heading: ParagraphStyle
    alarm_body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    fine: ParagraphStyle


def make_styles(large_print: bool) -> Styles:
    """The styles for normal or large print."""
    regular, bold = register_fonts()
    size = LARGE if large_print else NORMAL
    lead = 1.18

    def style(name: str, font: str, pt: float, **extra: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": font,
            "fontSize": pt,
            "leading": round(pt * lead, 1),
            "textColor": INK,
            "alignment": TA_LEFT,
            "bulletFontName": regular,
            "bulletFontSize": pt,
        }
        base.update(extra)
        return ParagraphStyle(name, **base)

    indent = size.body * 1.5
    return Styles(
        sizes=size,
        title=style("title", bold, size.title, spaceAfter=2),
        purpose=style("purpose", regular, size.body, spaceAfter=6),
        heading=style("heading", bold, size.heading, spaceBefore=5, spaceAfter=2, keepWithNext=1),
        box_heading=style("box_heading", bold, size.heading, spaceAfter=2),
        subheading=style("subheading", bold, size.subheading, spaceBefore=3, keepWithNext=1),
        body=style("body", regular, size.body, spaceAfter=2),
        bullet=style("bullet", regular, size.body, leftIndent=indent, bulletIndent=2, spaceAfter=1),
        tick=style("tick", regular, size.body, leftIndent=indent, bulletIndent=0, spaceAfter=2),
        alarm_heading=style("alarm_heading", bold, size.heading, textColor=WHITE),
        alarm_body=style(
            "alarm_body", bold, size.body, leftIndent=indent, bulletIndent=2, bulletFontName=bold
        ),
        cell=style("cell", regular, size.body),
        cell_bold=style("cell_bold", bold, size.body),
        fine=style("fine", regular, size.fine, spaceAfter=1),
    )
