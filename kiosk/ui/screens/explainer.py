"""The explainer: one section per page, Back and Next, at any level.

Content may say ``{emergency_number}`` (the "Get help now" section does); the
clinic's configured number is filled in on screen and in the spoken text.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.content.models import Block, Section
from kiosk.content.placeholders import fill_emergency_number
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import help_now_button, set_help_now_text
from kiosk.ui.screens.teach_back import offer_button, set_offer_text
from kiosk.ui.theme import ink
from kiosk.ui.widgets.buttons import (
    big_button,
    label,
    set_button_text,
)
from kiosk.ui.widgets.picture import PictureLabel
from kiosk.ui.widgets.scrolling import scroll_area


def blocks_html(blocks: tuple[Block, ...]) -> str:
    """Paragraphs and bullets as simple rich text with comfortable spacing."""
    parts: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            items = "".join(f"<li style='margin-bottom:8px'>{b}</li>" for b in bullets)
            parts.append(f"<ul style='margin-left:0px'>{items}</ul>")
            bullets.clear()

    for block in blocks:
        text = html.escape(block.text)
        if block.bullet:
            bullets.append(text)
        else:
            flush()
            parts.append(f"<p style='line-height:140%'>{text}</p>")
    flush()
    return "".join(parts)


GET_HELP_NOW = "get_help_now"  # the section shown as a callout

# The picture at the top of each page: the section's own, or a drawing that
# shows more than an icon can (CONTENT_BRIEF: twitch against cramp, where
# twitches happen, the signs of a stroke).
FIGURES = {
    "what_is": "twitch_cramp",
    "how_common": "body_map",
    "get_help_now": "stroke_panel",
}
FIGURE_PX = 112
# Where each page ends: what a visitor can do next (action -> string key).
NEXT_STEPS = {"checklist": "explainer.step_checklist", "handout": "explainer.step_handout"}


def figure_of(section_id: str) -> str:
    """The picture a page shows."""
    return FIGURES.get(section_id, section_id)


class ExplainerScreen(Screen):
    """Shows ``session.section_index``; emits ``finished`` after the last page."""

    scrolls_itself = True  # its text scrolls; Get help now and the buttons never do
    finished = Signal()
    help_requested = Signal()
    topics_requested = Signal()
    next_step_chosen = Signal(str)  # a key of NEXT_STEPS
    teach_back_requested = Signal()  # "Check your understanding" (kiosk.ui.teach_back_flow)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 16)
        outer.setSpacing(12)
        # "Get help now" on every page, as on every checklist screen.
        top = QHBoxLayout()
        top.setSpacing(24)
        self.progress = label("progress", object_name="explainer_progress")
        self.help_now = help_now_button("explainer_help")
        top.addWidget(self.progress, 1)
        top.addWidget(self.help_now)
        outer.addLayout(top)
        self.keep_in_reach(outer, top)
        self.heading = label("title", object_name="explainer_heading")
        # One picture, redrawn per page (a picture per page, kept hidden, made
        # every text-size or contrast change restyle eleven of them).
        first = ctx.pack.topic.sections[0].id
        self.picture = PictureLabel.figure(figure_of(first), FIGURE_PX, "explainer_picture")
        self.caption = label("caption", object_name="explainer_caption")
        figure_row = QHBoxLayout()
        figure_row.setSpacing(20)
        figure_row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        figure_row.addWidget(self.caption, 1)
        figure_row.addStretch(0)

        self.body = label("body", object_name="explainer_body")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sources = label("small", object_name="explainer_sources")
        page = QWidget()
        page_layout = QVBoxLayout(page)
        self.page_layout = page_layout
        self.page_margin = 16  # room between the text and the scroll bar
        page_layout.setContentsMargins(0, 0, self.page_margin, 0)
        # The heading and the picture scroll with the text: on a short screen
        # with large text, only "Get help now" above and the buttons below stay.
        page_layout.addWidget(self.heading)
        page_layout.addLayout(figure_row)
        page_layout.addWidget(self.body)
        page_layout.addSpacing(12)
        # Every page ends with what to do next.
        self.next_steps_heading = label("subtitle", object_name="explainer_next_steps")
        page_layout.addWidget(self.next_steps_heading)
        self.steps_row = QHBoxLayout()
        self.steps_row.setSpacing(16)
        self.steps: dict[str, QPushButton] = {}
        for action in NEXT_STEPS:
            button = big_button(object_name=f"explainer_step_{action}")
            button.clicked.connect(lambda _=False, a=action: self.next_step_chosen.emit(a))
            button.hide()  # until the main window offers that action
            self.steps_row.addWidget(button)
            self.steps[action] = button
        # "Check your understanding" (issue 18), once its flow is wired.
        self._teach_back_offered = False
        self.teach_back = offer_button("explainer_teach_back")
        self.teach_back.clicked.connect(self.teach_back_requested)
        self.steps_row.addWidget(self.teach_back)
        page_layout.addLayout(self.steps_row)
        page_layout.addSpacing(12)
        page_layout.addWidget(self.sources)
        page_layout.addStretch(1)
        self.page = page
        self.scroll_area = scroll_area(page, "explainer_scroll")  # holds buttons: touch drag only
        outer.addWidget(self.scroll_area, 1)
        self.help_now.clicked.connect(self.help_requested)

        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.topics = big_button(object_name="explainer_topics")
        self.back = big_button(object_name="explainer_back")
        self.next = big_button(role="primary", object_name="explainer_next")
        self.topics.clicked.connect(self.topics_requested)
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        nav.addWidget(self.topics)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        outer.addLayout(nav)

    def offer_step(self, action: str) -> None:
        """Show the next-step button for ``action`` (its feature is wired)."""
        self.steps[action].show()

    def offer_teach_back(self, offered: bool) -> None:
        """Show "Check your understanding" among each page's next steps (issue 18)."""
        self._teach_back_offered = offered
        self.refresh()

    @property
    def section(self) -> Section:
        """The section on show."""
        sections = self.ctx.pack.topic.sections
        index = min(max(self.ctx.session.section_index, 0), len(sections) - 1)
        return sections[index]

    def blocks(self) -> tuple[Block, ...]:
        """The section's text at the visitor's level, with the emergency number filled in."""
        number = self.ctx.emergency_number
        return tuple(
            dataclasses.replace(block, text=fill_emergency_number(block.text, number))
            for block in self.section.blocks(self.ctx.session.level)
        )

    def go_back(self) -> None:
        """Previous page; from the first, back to the topics (never a dead button)."""
        if self.ctx.session.section_index > 0:
            self.ctx.session.section_index -= 1
            self.refresh()
        else:
            self.topics_requested.emit()

    def go_next(self) -> None:
        """Next page, or ``finished`` after the last one."""
        last = len(self.ctx.pack.topic.sections) - 1
        if self.ctx.session.section_index >= last:
            self.finished.emit()
            return
        self.ctx.session.section_index += 1
        self.refresh()

    def refresh(self) -> None:
        strings = self.ctx.strings
        sections = self.ctx.pack.topic.sections
        index = sections.index(self.section)
        section = self.section
        self.progress.setText(strings("explainer.progress", n=index + 1, total=len(sections)))
        self.heading.setText(section.title)
        caption = strings(f"caption.{section.id}")
        self.picture.set_picture(figure_of(section.id))
        self.picture.set_ink(ink(self.ctx.session.high_contrast))
        self.picture.set_description(caption)
        self.caption.setText(caption)
        self.next_steps_heading.setText(strings("explainer.next_steps"))
        for action, key in NEXT_STEPS.items():
            set_button_text(self.steps[action], strings(key))
        set_button_text(
            self.topics, strings("explainer.topics"), strings("explainer.topics_accessible")
        )
        self.body.setText(blocks_html(self.blocks()))
        # The get-help-now page is a callout, unlike every other page.
        callout = "callout" if section.id == GET_HELP_NOW else ""
        if self.page.property("role") != callout:
            self.page.setProperty("role", callout)
            # Descendant rules ("callout QLabel") follow the page's role only
            # when every text in it is polished again.
            for widget in (self.page, *self.page.findChildren(QWidget)):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.help_now.setVisible(section.id != GET_HELP_NOW)
        set_help_now_text(self.help_now, self.ctx)
        self.sources.setText(
            strings("explainer.sources", ids=", ".join(self.source_names(section)))
        )
        set_button_text(self.back, strings("nav.back"), strings("explainer.back_accessible"))
        last = index == len(sections) - 1
        set_button_text(self.next, strings("explainer.done" if last else "nav.next"))
        self.teach_back.setVisible(self._teach_back_offered)  # every page ends with it
        set_offer_text(self.teach_back, self.ctx)
        self._fit_body()
        self.scroll_area.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_body()

    def _fit_body(self) -> None:
        # A word-wrapped label inside a scroll area is given the height of
        # its *old* text until layouts settle; with large text that cut off
        # the last lines. Ask for the height the text needs at this width.
        # QLabel.heightForWidth never answers less than the minimum height,
        # so clear that first: otherwise one tall page (or a narrow first
        # layout) leaves every later page too tall, scrolling for nothing.
        # (Lines of about 75 characters: kiosk.ui.widgets.lines, as on every screen.)
        viewport = self.scroll_area.viewport().width()
        callout = self.page.property("role") == "callout"
        inset = 20 if callout else 0  # the text sits inside the red edge
        edge = 8 if callout else 0
        right = self.page_margin + inset
        self.page_layout.setContentsMargins(inset, edge, right, edge)
        width = viewport - inset - right
        # The next steps sit side by side when they fit, else one above the other.
        shown = [b for b in (*self.steps.values(), self.teach_back) if not b.isHidden()]
        needed = sum(b.sizeHint().width() for b in shown) + 16 * max(0, len(shown) - 1)
        across = needed <= viewport - inset - self.page_margin
        self.steps_row.setDirection(
            QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        )
        for text in (self.body, self.sources):
            text.setMinimumHeight(0)
            text.setMinimumHeight(max(0, text.heightForWidth(width)) if width > 0 else 0)

    def source_names(self, section: Section) -> list[str]:
        """Readable names of the sources this page uses at this level ("NHS", "MedlinePlus")."""
        names: list[str] = []
        for source_id in section.sources_at(self.ctx.session.level):
            source = self.ctx.content.sources.get(source_id)
            name = source.publisher.split(",")[0].strip() if source else source_id
            if name not in names:
                names.append(name)
        return names

    def speech_text(self) -> str:
        return " ".join([self.section.title, self.caption.text(), *(b.text for b in self.blocks())])
