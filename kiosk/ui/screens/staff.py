"""The staff screen: clinic settings, quick print, today's counts, exit.

Only reachable through the PIN pad. The screen shows and collects values;
``kiosk.ui.staff_mode.StaffMode`` validates, saves and applies them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import ReadingLevel
from kiosk.counters import DayCounts
from kiosk.settings import Paper, Settings
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX, big_button, label, set_button_text
from kiosk.ui.widgets.keypad import TextKeyboard
from kiosk.ui.widgets.scrolling import scroll_area

IDLE_STEP = 15
IDLE_MIN = 30
IDLE_MAX = 900
MAX_COPIES = 10


class Segments(QWidget):
    """A row of exclusive segment buttons, one per value."""

    changed = Signal(str)

    def __init__(self, name: str, values: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for value in values:
            button = big_button(role="segment", object_name=f"{name}_{value}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, v=value: self.changed.emit(v))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[value] = button

    @property
    def value(self) -> str:
        """The checked value ("" if none)."""
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: str) -> None:
        """Check ``value``'s segment."""
        if value in self.buttons:
            self.buttons[value].setChecked(True)

    def set_labels(self, labels: Mapping[str, str]) -> None:
        """Button texts by value."""
        for value, text in labels.items():
            if value in self.buttons:
                set_button_text(self.buttons[value], text)


class Stepper(QWidget):
    """[-] value [+] for a whole number; ``text_for`` formats the value."""

    def __init__(self, name: str, low: int, high: int, step: int) -> None:
        super().__init__()
        self.low, self.high, self.step = low, high, step
        self.value = low
        self.unit = "{n}"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.minus = big_button("−", object_name=f"{name}_minus")
        self.plus = big_button("+", object_name=f"{name}_plus")
        for button in (self.minus, self.plus):
            button.setMinimumWidth(MIN_TOUCH_PX + 16)  # wider with larger type
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.shown = label("subtitle", object_name=f"{name}_value")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setMinimumWidth(120)
        layout.addWidget(self.minus)
        layout.addWidget(self.shown, 1)
        layout.addWidget(self.plus)
        self.minus.clicked.connect(lambda: self.set_value(self._snap(-1)))
        self.plus.clicked.connect(lambda: self.set_value(self._snap(+1)))

    def _snap(self, direction: int) -> int:
        # A value set elsewhere (e.g. 100 from the command line) snaps to the grid.
        if direction < 0:
            target = (self.value - 1) // self.step * self.step
            return max(target, min(self.low, self.value))
        target = (self.value // self.step + 1) * self.step
        return min(target, max(self.high, self.value))

    def set_value(self, value: int) -> None:
        """Show ``value``."""
        self.value = value
        self.shown.setText(self.unit.format(n=value))
        self.minus.setEnabled(self._snap(-1) != value)
        self.plus.setEnabled(self._snap(+1) != value)


def _line_edit(name: str, max_len: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_len)
    edit.setMinimumHeight(MIN_TOUCH_PX)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return edit


class StaffScreen(Screen):
    """Settings form and staff tools; emits what staff asked for."""

    scrolls_itself = True  # the form scrolls; Save and Exit stay in view
    save_requested = Signal()
    leave_requested = Signal()
    exit_requested = Signal()
    quick_print_requested = Signal(object, str, int)  # ReadingLevel, language, copies

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.settings = Settings()
        self.warning_text: str | None = None
        self.counts_problem: str | None = None
        self.printers: list[str] = []
        self.counts: DayCounts | None = None
        languages = list(ctx.content.languages)
        levels = [lv.value for lv in ReadingLevel]

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 12)
        outer.setSpacing(8)
        self.title = label("title", object_name="staff_title")
        outer.addWidget(self.title)
        self.banner = QFrame()
        self.banner.setProperty("role", "emergency")
        self.banner.setObjectName("staff_warning_banner")
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 8, 16, 8)
        self.warning = label("body", object_name="staff_warning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        banner_layout.addWidget(self.warning)
        outer.addWidget(self.banner)
        # Clinical review (docs/content-review.md): a draft, changed or overdue pack.
        self.review_banner = QFrame()
        self.review_banner.setProperty("role", "callout")
        self.review_banner.setObjectName("staff_review_banner")
        review_layout = QVBoxLayout(self.review_banner)
        review_layout.setContentsMargins(16, 8, 16, 8)
        self.review_warning = label("body", object_name="staff_review_warning")
        self.review_warning.setTextFormat(Qt.TextFormat.PlainText)
        review_layout.addWidget(self.review_warning)
        outer.addWidget(self.review_banner)

        page = QWidget()
        columns = QHBoxLayout(page)
        columns.setContentsMargins(0, 0, 12, 0)
        columns.setSpacing(32)
        left = QGridLayout()
        left.setVerticalSpacing(10)
        left.setHorizontalSpacing(12)
        right = QVBoxLayout()
        right.setSpacing(10)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.captions: dict[str, QLabel] = {}

        def row(key: str, widget: QWidget | None = None) -> None:
            caption = label("body", object_name=f"staff_caption_{key}")
            self.captions[key] = caption
            at = left.rowCount()
            left.addWidget(caption, at, 0, 1, 2)
            if widget is not None:
                left.addWidget(widget, at + 1, 0, 1, 2)

        self.printer = QComboBox()
        self.printer.setObjectName("staff_printer")
        self.printer.setMinimumHeight(MIN_TOUCH_PX)
        self.printer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.no_printers = label("small", object_name="staff_no_printers")
        row("printer", self.printer)
        left.addWidget(self.no_printers, left.rowCount(), 0, 1, 2)
        self.paper = Segments("staff_paper", [p.value for p in Paper])
        row("paper", self.paper)
        self.language = Segments("staff_language", languages)
        row("language", self.language)
        self.level = Segments("staff_level", levels)
        row("level", self.level)
        self.idle = Stepper("staff_idle", IDLE_MIN, IDLE_MAX, IDLE_STEP)
        row("idle", self.idle)
        # Quick print: any level and language, 1 to 10 copies.
        row("quick_print")
        self.print_level = Segments("staff_print_level", levels)
        self.print_language = Segments("staff_print_language", languages)
        self.copies = Stepper("staff_copies", 1, MAX_COPIES, 1)
        self.print_button = big_button(role="primary", object_name="staff_print")
        self.print_button.clicked.connect(self._quick_print)
        self.print_status = label("small", object_name="staff_print_status")
        for widget in (self.print_level, self.print_language):
            left.addWidget(widget, left.rowCount(), 0, 1, 2)
        at = left.rowCount()
        left.addWidget(self.copies, at, 0)
        left.addWidget(self.print_button, at, 1)
        left.addWidget(self.print_status, at + 1, 0, 1, 2)
        left.setRowStretch(left.rowCount(), 1)

        # Text fields with an on-screen keyboard (touch screens have no keys).
        self.fields: dict[str, QLineEdit] = {
            "clinic_name": _line_edit("staff_clinic_name", 80),
            "clinic_phone": _line_edit("staff_clinic_phone", 40),
            "emergency_number": _line_edit("staff_emergency_number", 6),
            "printer_label": _line_edit("staff_printer_label", 60),
        }
        for key, edit in self.fields.items():
            caption = label("body", object_name=f"staff_caption_{key}")
            self.captions[key] = caption
            right.addWidget(caption)
            right.addWidget(edit)
            edit.installEventFilter(self)
        self.keyboard = TextKeyboard()
        self.keyboard.target = self.fields["clinic_name"]
        right.addWidget(self.keyboard)
        self.counts_title = label("body", object_name="staff_counts_title")
        self.counts_text = label("small", object_name="staff_counts")
        right.addWidget(self.counts_title)
        right.addWidget(self.counts_text)
        self.review_title = label("body", object_name="staff_review_title")
        self.review_text = label("small", object_name="staff_review")
        self.review_text.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.review_title)
        right.addWidget(self.review_text)
        right.addStretch(1)

        self.scroll_area = scroll_area(page, "staff_scroll")
        outer.addWidget(self.scroll_area, 1)

        self.status = label("body", object_name="staff_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.save = big_button(role="primary", object_name="staff_save")
        self.leave = big_button(object_name="staff_leave")
        self.exit = big_button(role="danger", object_name="staff_exit")
        self.save.clicked.connect(self.save_requested)
        self.leave.clicked.connect(self.leave_requested)
        self.exit.clicked.connect(self.exit_requested)
        buttons.addWidget(self.save, 2)
        buttons.addWidget(self.leave, 1)
        buttons.addWidget(self.exit, 1)
        outer.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keyboard.target = watched
        return False

    # Filling and reading the form -----------------------------------------

    def load(
        self,
        settings: Settings,
        warning: str | None,
        printers: list[str] | None,
        counts: DayCounts | None,
        counts_problem: str | None = None,
    ) -> None:
        """Show these settings (``printers`` None: the list could not be read).

        ``warning`` is the settings file's damage, ``counts_problem`` the
        counters file's (``Counters.problem``); both show in the banner.
        """
        self.settings = settings
        self.warning_text = warning
        self.counts_problem = counts_problem
        self.printers = list(printers or [])
        if settings.printer and settings.printer not in self.printers:
            self.printers.append(settings.printer)
        self.counts = counts
        self.paper.set_value(settings.paper.value)
        self.language.set_value(settings.default_language)
        self.level.set_value(settings.default_level.value)
        self.print_level.set_value(settings.default_level.value)
        self.print_language.set_value(settings.default_language)
        self.idle.set_value(settings.idle_seconds)
        self.copies.set_value(1)
        for key, edit in self.fields.items():
            edit.setText(getattr(settings, key))
        self.status.clear()
        self.print_status.clear()
        self._fill_printers(settings.printer)
        self.refresh()

    def _fill_printers(self, chosen: str) -> None:
        self.printer.clear()
        self.printer.addItem(self.ctx.strings("staff.printer_default"), "")
        for name in self.printers:
            self.printer.addItem(name, name)
        index = self.printer.findData(chosen)
        self.printer.setCurrentIndex(max(index, 0))

    def form_values(self) -> dict[str, str]:
        """Every edited setting as text, for ``kiosk.settings.with_value``."""
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        values.update(
            printer=str(self.printer.currentData() or ""),
            paper=self.paper.value,
            default_language=self.language.value,
            default_level=self.level.value,
            idle_seconds=str(self.idle.value),
        )
        return values

    def show_status(self, text: str) -> None:
        """A plain line under the form (saved, or what was wrong)."""
        self.status.setText(text)

    def show_print_status(self, text: str) -> None:
        """A plain line under the quick-print controls."""
        self.print_status.setText(text)

    def _quick_print(self) -> None:
        level = ReadingLevel(self.print_level.value or ReadingLevel.BASIC.value)
        language = self.print_language.value or self.settings.default_language
        self.show_print_status(self.ctx.strings("staff.print_sent", copies=self.copies.value))
        self.quick_print_requested.emit(level, language, self.copies.value)

    # Drawing -------------------------------------------------------------

    def refresh(self) -> None:
        strings = self.ctx.strings
        self.title.setText(strings("staff.title"))
        self.banner.setVisible(bool(self.warning_text or self.counts_problem))
        lines = []
        if self.warning_text:
            lines.append(strings("staff.damaged", details=self.warning_text))
        if self.counts_problem:
            lines.append(strings("staff.counts_damaged", details=self.counts_problem))
        self.warning.setText("\n".join(lines))
        for key, caption in self.captions.items():
            caption.setText(strings(f"staff.{key}"))
        # The visible captions double as what a screen reader says for each field.
        self.printer.setAccessibleName(strings("staff.printer"))
        for key, edit in self.fields.items():
            edit.setAccessibleName(strings(f"staff.{key}"))
        self.no_printers.setText(strings("staff.no_printers"))
        self.no_printers.setVisible(not self.printers)
        if self.printer.count():
            self.printer.setItemText(0, strings("staff.printer_default"))
        self.paper.set_labels({p.value: strings(f"staff.paper_{p.value}") for p in Paper})
        names = {code: pack.name for code, pack in self.ctx.content.languages.items()}
        self.language.set_labels(names)
        self.print_language.set_labels(names)
        level_names = {lv.value: strings(f"level.{lv.value}") for lv in ReadingLevel}
        self.level.set_labels(level_names)
        self.print_level.set_labels(level_names)
        self.idle.unit = strings("staff.seconds")
        self.idle.set_value(self.idle.value)
        self.copies.unit = strings("staff.copies")
        self.copies.set_value(self.copies.value)
        set_button_text(self.print_button, strings("staff.print"))
        self.keyboard.set_space_label(strings("staff.space"))
        self.counts_title.setText(strings("staff.counts_title"))
        self.counts_text.setText(self._counts_text())
        self._show_review()
        set_button_text(self.save, strings("staff.save"))
        set_button_text(self.leave, strings("staff.leave"))
        set_button_text(self.exit, strings("staff.exit"))

    def _show_review(self) -> None:
        """Each pack's review line, and the banner when one is not approved or is overdue."""
        from kiosk.review import ReviewState, active_status

        strings = self.ctx.strings
        locale = QLocale(self.ctx.session.language)
        shape = strings("review.date_format")

        def day(value: dt.date) -> str:  # in the visitor's language
            return locale.toString(QDate(value.year, value.month, value.day), shape)

        lines, warnings = [], []
        for code, pack in self.ctx.content.languages.items():
            status = active_status(code)
            approval = status.approval
            name = pack.name
            if status.state.approved and approval is not None:
                lines.append(
                    strings(
                        "review.reviewed",
                        language=name,
                        role=approval.role,
                        reviewer=approval.reviewer,
                        date=day(approval.approved_on),
                        due=day(approval.next_review_due),
                    )
                )
            else:
                lines.append(strings("review.pending", language=name))
            if status.state is ReviewState.OVERDUE and approval is not None:
                due = day(approval.next_review_due)
                warnings.append(strings("review.banner_overdue", language=name, due=due))
            elif status.state is ReviewState.CHANGED and approval is not None:
                files = ", ".join(status.changed_files) or status.problem
                warnings.append(
                    strings(
                        "review.banner_changed",
                        language=name,
                        date=day(approval.approved_on),
                        files=files,
                    )
                )
            elif status.state is ReviewState.INVALID:
                warnings.append(strings("review.banner_invalid", language=name))
            elif status.state is ReviewState.DRAFT:
                warnings.append(strings("review.banner_draft", language=name))
        if warnings:
            warnings.append(strings("review.banner_how"))
        self.review_banner.setVisible(bool(warnings))
        self.review_warning.setText("\n".join(warnings))
        self.review_title.setText(strings("review.title"))
        self.review_text.setText("\n".join(lines))

    def _counts_text(self) -> str:
        strings = self.ctx.strings
        counts = self.counts
        if counts is None:
            return strings("staff.counts_none")

        def tally(values: Mapping[str, int]) -> str:
            shown = ", ".join(f"{k} {n}" for k, n in sorted(values.items()))
            return shown or "0"

        return "\n".join(
            [
                strings("staff.counts_sessions", n=counts.sessions),
                strings("staff.counts_levels", values=tally(counts.levels)),
                strings("staff.counts_tiers", values=tally(counts.tiers)),
                strings("staff.counts_printed", n=counts.handouts_printed),
                strings("staff.counts_saved", n=counts.handouts_saved),
                *self._teach_back_lines(counts),
            ]
        )

    def _teach_back_lines(self, counts: DayCounts) -> list[str]:
        """Per teach-back question: visitors and right first time (issue 18)."""
        strings = self.ctx.strings
        if not counts.teach_back:
            return [strings("teach_back.staff_none")]
        content = self.ctx.pack.teach_back
        lines = [strings("teach_back.staff_title")]
        for question_id, numbers in sorted(counts.teach_back.items()):
            name = question_id
            if content is not None and question_id in {q.id for q in content.questions}:
                name = content.question(question_id).prompt[ReadingLevel.STANDARD]
            right = numbers.get("right_first_time", 0)
            n = numbers.get("visitors", 0)
            lines.append(strings("teach_back.staff_line", question=name, n=n, right=right))
        return lines

    def speech_text(self) -> str:
        return self.title.text()
