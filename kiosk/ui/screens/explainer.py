"""The explainer: one section per page, Back and Next, at any level.

Content may say ``{emergency_number}`` (the "Get help now" section does); the
clinic's configured number is filled in on screen and in the spoken text.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.models import Block, Section
from kiosk.content.placeholders import fill_emergency_number
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
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


class ExplainerScreen(Screen):
    """Shows ``session.section_index``; emits ``finished`` after the last page."""

    finished = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 16)
        outer.setSpacing(12)
        self.progress = label("progress", object_name="explainer_progress")
        self.heading = label("title", object_name="explainer_heading")
        outer.addWidget(self.progress)
        outer.addWidget(self.heading)

        self.body = label("body", object_name="explainer_body")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sources = label("small", object_name="explainer_sources")
        page = QWidget()
        page_layout = QVBoxLayout(page)
        self.page_margin = 16  # room between the text and the scroll bar
        page_layout.setContentsMargins(0, 0, self.page_margin, 0)
        page_layout.addWidget(self.body)
        page_layout.addSpacing(12)
        page_layout.addWidget(self.sources)
        page_layout.addStretch(1)
        self.scroll_area = scroll_area(page, "explainer_scroll", drag=True)
        outer.addWidget(self.scroll_area, 1)

        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.back = big_button(object_name="explainer_back")
        self.next = big_button(role="primary", object_name="explainer_next")
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        outer.addLayout(nav)

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
        """Previous page (stays on the first)."""
        if self.ctx.session.section_index > 0:
            self.ctx.session.section_index -= 1
            self.refresh()

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
        self.body.setText(blocks_html(self.blocks()))
        self.sources.setText(strings("explainer.sources", ids=", ".join(section.sources)))
        set_button_text(self.back, strings("nav.back"), strings("explainer.back_accessible"))
        self.back.setEnabled(index > 0)
        last = index == len(sections) - 1
        set_button_text(self.next, strings("explainer.done" if last else "nav.next"))
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
        width = self.scroll_area.viewport().width() - self.page_margin
        for text in (self.body, self.sources):
            text.setMinimumHeight(0)
            text.setMinimumHeight(max(0, text.heightForWidth(width)) if width > 0 else 0)

    def speech_text(self) -> str:
        return " ".join([self.section.title, *(b.text for b in self.blocks())])
