"""The handout screen: preview the printed sheet, then print it (or save it).

The sheet is the visitor's current level and language; they may add large
print and, once the session holds a checklist outcome, their result (tier
and action only). Printing and saving go through the HandoutService; this
screen only shows what happened. Printing runs off the GUI thread: the
screen says "Sending..." at once, keeps answering taps, and refuses a second
Print until the first has an outcome. Saving is offered only when the kiosk
was started as a normal window: a waiting-room kiosk never opens a dialog,
whatever state a window manager puts the window in.

A failure is shown as a calm sentence in the visitor's language, chosen by
the error's reason code (``problem_text``); the English message, which may
hold a printer's or the system's own words, goes only to the log.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.outcome import Outcome
from kiosk.printing import PrintError, SaveError
from kiosk.ui.context import ScreenContext
from kiosk.ui.handout_service import HandoutService
from kiosk.ui.screens.base import Screen
from kiosk.ui.strings import Strings
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from kiosk.handout import HandoutOptions


log = logging.getLogger(__name__)

PRINT_PROBLEMS = "handout_screen.print_problems"
SAVE_PROBLEMS = "handout_screen.save_problems"
GENERIC_PROBLEM = "other"


def forget_file_dialog_history() -> None:
    """Qt's file dialog remembers the last folder (``QtProject.conf``,
    ``lastVisited=.../Jane_Doe_visit``): the next visitor must not see it."""
    from PySide6.QtCore import QSettings

    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()


def problem_text(strings: Strings, error: PrintError | SaveError) -> str:
    """The visitor's-language sentence for ``error``, chosen by its reason code.

    A code without a string (a new code, or a gap in one language) gets the
    generic sentence: never the English message, never a raw key.
    """
    group = PRINT_PROBLEMS if isinstance(error, PrintError) else SAVE_PROBLEMS
    key = f"{group}.{error.reason}"
    return strings(key) if key in strings else strings(f"{group}.{GENERIC_PROBLEM}")


class HandoutScreen(Screen):
    """Preview, Print, Save PDF (windowed only), Back.

    The "include my result" toggle shows only while ``session.outcome`` holds
    a result of this visitor's.
    """

    back_requested = Signal()

    def __init__(
        self,
        ctx: ScreenContext,
        service: HandoutService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.service = service
        self.data: bytes | None = None
        self._waiting_for_print = False
        self._built_for: tuple[str, HandoutOptions] | None = None

        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        outer.setSpacing(24)

        controls = QWidget()
        controls.setObjectName("handout_controls")
        column = QVBoxLayout(controls)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        self.title = label("title", object_name="handout_title")
        self.intro = label("body", object_name="handout_intro")
        self.include_result = big_button(role="segment", object_name="handout_include_result")
        self.include_result.setCheckable(True)
        self.large_print = big_button(role="segment", object_name="handout_large_print")
        self.large_print.setCheckable(True)
        self.print_button = big_button(role="primary", object_name="handout_print")
        self.save_button = big_button(object_name="handout_save")
        self.status = label("subtitle", object_name="handout_status")
        self.back = big_button(object_name="handout_back")
        for widget in (self.title, self.intro, self.include_result, self.large_print):
            column.addWidget(widget)
        column.addSpacing(8)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.print_button, 3)
        actions.addWidget(self.save_button, 2)
        column.addLayout(actions)
        column.addWidget(self.status)
        column.addStretch(1)
        column.addWidget(self.back)
        # The navigator's page scrolls if large text makes these too tall.
        self.controls = controls
        outer.addWidget(self.controls, 2)

        self.preview = PdfPreview()
        self.preview.setObjectName("handout_preview")
        outer.addWidget(self.preview, 3)

        self.include_result.toggled.connect(self._include_toggled)
        self.large_print.toggled.connect(self._large_print_toggled)
        self.print_button.clicked.connect(self.print_handout)
        self.save_button.clicked.connect(self.save_handout)
        self.back.clicked.connect(self.back_requested)
        service.print_done.connect(self._print_done)
        service.print_failed.connect(self._print_failed)
        service.print_state.connect(self._print_state)
        self.status.hide()

    # State -----------------------------------------------------------------

    def is_fullscreen(self) -> bool:
        """True when the kiosk was started in waiting-room mode (no dialogs: no Save)."""
        return self.ctx.waiting_room

    def outcome(self) -> Outcome | None:
        """The visitor's checklist outcome, if this session has one."""
        return self.ctx.session.outcome

    def options(self) -> HandoutOptions:
        """What the sheet on show is built with."""
        outcome = self.outcome()
        include = outcome is not None and self.ctx.session.include_result
        tier = outcome.tier if include and outcome is not None else None
        asked = include and outcome is not None and outcome.asked_for_help
        return self.service.options(
            self.ctx.session.level, self.ctx.session.large_print, tier, asked
        )

    def clear(self) -> None:
        """Forget the sheet, the preview and the status (session reset)."""
        self.preview.clear()
        self.data = None
        self._waiting_for_print = False
        self._built_for = None
        self.clear_status()

    def clear_status(self) -> None:
        """No message on show."""
        self.status.clear()
        self.status.hide()

    def show_status(self, text: str, kind: str = "info") -> None:
        """Show ``text`` under the buttons; ``kind`` (info, success, failure) styles it."""
        self.status.setText(text)
        self.status.setProperty("status", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()
        from kiosk.ui.navigator import lay_out_now

        lay_out_now()  # the message is painted whole, at its own height

    # Drawing ----------------------------------------------------------------

    def refresh(self) -> None:
        strings = self.ctx.strings
        session = self.ctx.session
        has_result = self.outcome() is not None
        self.title.setText(strings("handout_screen.title"))
        self.intro.setText(strings("handout_screen.intro"))
        self.include_result.setVisible(has_result)
        self.include_result.blockSignals(True)
        self.include_result.setChecked(has_result and session.include_result)
        self.include_result.blockSignals(False)
        self.large_print.blockSignals(True)
        self.large_print.setChecked(session.large_print)
        self.large_print.blockSignals(False)
        # The toggles say their state in words to a screen reader, as their fill does on screen.
        state = {True: strings("handout_screen.on"), False: strings("handout_screen.off")}
        include = strings("handout_screen.include_result")
        set_button_text(self.include_result, include, f"{include}: {state[session.include_result]}")
        large = strings("handout_screen.large_print")
        set_button_text(self.large_print, large, f"{large}: {state[session.large_print]}")
        set_button_text(self.print_button, strings("handout_screen.print"))
        set_button_text(self.save_button, strings("handout_screen.save"))
        set_button_text(self.back, strings("handout_screen.back"))
        self.save_button.setVisible(not self.is_fullscreen())
        self.print_button.setEnabled(not self.service.busy)
        self.preview.setAccessibleName(strings("handout_screen.preview_accessible"))
        self._build()

    def _build(self) -> bool:
        """Build the sheet on show (once per choice); False if it cannot be built.

        A broken ``handout.yaml``, a bad placeholder or a missing font must
        not throw the visitor back to the start: they keep their place and
        their result, see one calm line, and the reason goes to the log.
        """
        wanted = (self.ctx.session.language, self.options())
        if wanted == self._built_for and self.data is not None:
            return True
        try:
            self.data = self.service.build(wanted[1])
        except Exception:  # any fault in the content or the builder
            log.exception("the handout could not be built")
            self.data = None
            self._built_for = None
            self.preview.clear()
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            self.show_status(self.ctx.strings("handout_screen.cannot_build"), "failure")
            return False
        self._built_for = wanted
        self.preview.show_pdf(self.data)
        self.print_button.setEnabled(not self.service.busy)
        self.save_button.setEnabled(True)
        self.clear_status()
        return True

    def _large_print_toggled(self, on: bool) -> None:
        self.ctx.session.large_print = on
        self.refresh()

    def _include_toggled(self, on: bool) -> None:
        self.ctx.session.include_result = on
        self.refresh()

    # Actions -----------------------------------------------------------------

    def print_handout(self) -> None:
        """Send the sheet on show to the printer; the outcome comes later."""
        if self.service.busy:
            return  # a second tap while the first job is on its way
        if not self._build() or self.data is None:
            return
        if not self.service.start_print(self.data):
            return
        self._waiting_for_print = True
        self.print_button.setEnabled(False)
        self.show_status(self.ctx.strings("handout_screen.sending"))

    def _print_state(self, state: str) -> None:
        """The job is queued ("waiting", the printer is busy or paused) or "printing"."""
        if self._waiting_for_print:
            self.show_status(self.ctx.strings(f"handout_screen.{state}"))

    def _print_done(self, _printer: str) -> None:
        self.print_button.setEnabled(True)
        if not self._waiting_for_print:  # staff quick print, or a visitor since reset
            return
        self._waiting_for_print = False
        strings = self.ctx.strings
        where = self.ctx.printer_label
        if where:
            self.show_status(strings("handout_screen.printed", printer=where), "success")
        else:
            self.show_status(strings("handout_screen.printed_desk"), "success")

    def _print_failed(self, error: PrintError) -> None:
        self.print_button.setEnabled(True)
        if not self._waiting_for_print:
            return
        self._waiting_for_print = False
        strings = self.ctx.strings
        reason = problem_text(strings, error)
        if self.is_fullscreen():
            self.show_status(strings("handout_screen.print_failed", reason=reason), "failure")
        else:  # a normal window: saving is the way out
            self.show_status(strings("handout_screen.print_failed_save", reason=reason), "failure")
            self.save_button.setFocus()

    def ask_save_path(self) -> Path | None:
        """Ask where to save (a file dialog; windowed mode only). None: cancelled."""
        strings = self.ctx.strings
        suggested = Path.home() / strings("handout_screen.file_name")
        name, _filter = QFileDialog.getSaveFileName(
            self,
            strings("handout_screen.save_dialog_title"),
            str(suggested),
            strings("handout_screen.save_dialog_filter"),
        )
        forget_file_dialog_history()
        return Path(name) if name else None

    def save_handout(self) -> None:
        """Save the sheet on show as a PDF where the visitor chooses."""
        if self.is_fullscreen():
            return
        strings = self.ctx.strings
        path = self.ask_save_path()
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if not self._build() or self.data is None:
            return
        try:
            self.service.save(self.data, path)
        except SaveError as exc:
            reason = problem_text(strings, exc)
            self.show_status(strings("handout_screen.save_failed", reason=reason), "failure")
            return
        self.show_status(strings("handout_screen.saved", path=path), "success")

    def speech_text(self) -> str:
        parts = [self.title.text(), self.intro.text()]
        if not self.status.isHidden():
            parts.append(self.status.text())
        return " ".join(parts)
