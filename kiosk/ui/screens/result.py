"""The checklist's result, drawn from ``session.outcome`` (never computed here).

Below ``emergency`` the result is a card: title, the message, one action and
how to do it, then the get-help-now safety net; the visitor may get a
handout, start the checklist again or finish.

The emergency result is a full red takeover that a patient cannot dismiss:
it says to show the screen at the front desk, offers a handout and Read
aloud (top bar), and only staff clear it, with a 3-second press and hold (or
through staff mode). It clears by itself after the emergency hold time
without a touch (``kiosk.ui.idle``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Tier, TierText
from kiosk.content.placeholders import fill_emergency_number
from kiosk.outcome import Outcome
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import help_now_button, set_help_now_text
from kiosk.ui.screens.teach_back import offer_button, set_offer_text
from kiosk.ui.theme import ink
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.hold_button import HoldButton
from kiosk.ui.widgets.picture import PictureLabel
from kiosk.ui.widgets.scrolling import scroll_area

# Shown if the screen is ever drawn with no outcome (it never should be):
# the calm card of the least alarming tier, never an emergency by accident.
NO_OUTCOME = Outcome(Tier.SELF_CARE)
# Room for the get-help-now list (CONTENT_BRIEF §2 has seven signs).
SAFETY_BULLETS = 10


class ResultScreen(Screen):
    """Shows ``session.outcome``; emits what the visitor (or staff) chose."""

    scrolls_itself = True  # the card scrolls; the buttons below never do
    start_over_requested = Signal()
    finished_requested = Signal()
    staff_cleared = Signal()
    help_requested = Signal()
    handout_requested = Signal()
    teach_back_requested = Signal()  # "Check your understanding" (kiosk.ui.teach_back_flow)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._handout_enabled = False
        self._teach_back_offered = False
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self._fit_buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 16)
        outer.setSpacing(12)

        top = QHBoxLayout()
        top.addStretch(1)
        self.help_now = help_now_button("result_help")
        top.addWidget(self.help_now)
        outer.addLayout(top)
        self.keep_in_reach(outer, top)

        # The result scrolls if a large text size makes it long; the buttons
        # below always stay in view.
        page = QWidget()
        body = QVBoxLayout(page)
        self.body = body
        # The panel not on show (calm card or emergency takeover) waits outside
        # the screen, so a text-size or contrast change restyles only the one
        # on show (kiosk.ui.page_styles).
        self.parked = QWidget()
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(12)
        self.scroll_area = scroll_area(page, "result_scroll")
        outer.addWidget(self.scroll_area, 1)

        # The calm results: a card in the tier's colour.
        self.calm = QFrame(self.parked)
        self.calm.setObjectName("result_calm")
        self.calm.setProperty("role", "tier_card")
        calm = QVBoxLayout(self.calm)
        calm.setContentsMargins(24, 16, 24, 16)
        calm.setSpacing(12)
        self.title = label("hero", object_name="result_title")
        # One symbol, redrawn for the tier on show.
        self.symbol = PictureLabel(Tier.SELF_CARE.value, size=88, object_name="result_tier_symbol")
        heading = QHBoxLayout()
        heading.setSpacing(20)
        heading.addWidget(self.symbol)
        heading.addWidget(self.title, 1)
        self.message = label("subtitle", object_name="result_message")
        self.action_box = QFrame()
        self.action_box.setObjectName("result_action_box")
        self.action_box.setProperty("role", "action")
        box = QVBoxLayout(self.action_box)
        box.setContentsMargins(24, 16, 24, 16)
        box.setSpacing(4)
        self.action_heading = label("small", object_name="result_action_heading")
        self.action = label("title", object_name="result_action")
        self.how = label("body", object_name="result_how")
        box.addWidget(self.action_heading)
        box.addWidget(self.action)
        box.addWidget(self.how)
        self.come_back = label("body", object_name="result_come_back")
        # The safety net: a heading and the bullets, straight in the card (a
        # frame of its own round a long wrapped label lost its last line).
        self.safety_heading = label("safety_heading", object_name="result_safety_heading")
        calm.addLayout(heading)
        for widget in (self.message, self.action_box, self.come_back):
            calm.addWidget(widget)
        calm.addWidget(self.safety_heading)
        # One label per sign, so each bullet wraps on its own.
        self.safety_bullets = [
            label("body", object_name=f"result_safety_{n}") for n in range(SAFETY_BULLETS)
        ]
        for bullet in self.safety_bullets:
            calm.addWidget(bullet)

        # The emergency result: a red takeover, white bold text.
        self.emergency = QFrame(self.parked)
        self.emergency.setObjectName("result_emergency")
        self.emergency.setProperty("role", "emergency")
        panel = QVBoxLayout(self.emergency)
        panel.setContentsMargins(40, 32, 40, 32)
        panel.setSpacing(16)
        self.emergency_title = label("hero", object_name="result_emergency_title")
        self.emergency_symbol = PictureLabel("emergency", size=96, object_name="result_symbol")
        self.emergency_symbol.set_ink("#FFFFFF")
        title_row = QHBoxLayout()
        title_row.setSpacing(20)
        title_row.addWidget(self.emergency_symbol)
        title_row.addWidget(self.emergency_title, 1)
        panel.addLayout(title_row)
        self.emergency_action = label("hero", object_name="result_emergency_action")
        self.emergency_message = label("subtitle", object_name="result_emergency_message")
        self.emergency_call = label("subtitle", object_name="result_emergency_call")
        for widget in (self.emergency_action, self.emergency_message, self.emergency_call):
            panel.addWidget(widget)
        panel.addStretch(1)
        self.staff_clear = HoldButton()
        self.staff_clear.setObjectName("result_staff_clear")
        self.staff_clear.setProperty("role", "on_emergency_quiet")
        panel.addWidget(self.staff_clear)
        # A full takeover: the red panel takes all the room there is (_place).
        self._calm_stretch = QWidget()
        body.addWidget(self._calm_stretch, 1)
        self.disclaimer = label("small", object_name="result_disclaimer")
        body.addWidget(self.disclaimer)

        # The next step first, on a row of its own; the two ways to clear below.
        bottom = QGridLayout()
        bottom.setHorizontalSpacing(16)
        bottom.setVerticalSpacing(12)
        self.handout = big_button(role="primary", object_name="result_handout")
        self.handout.hide()
        self.start_over = big_button(object_name="result_start_over")
        self.finished = big_button(object_name="result_finished")
        # Issue 18 hook: "Check your understanding" beside the handout, below emergency.
        self.teach_back = offer_button("result_teach_back")
        self.teach_back.hide()
        self.teach_back.clicked.connect(self.teach_back_requested)
        first_row = QHBoxLayout()
        first_row.setSpacing(16)
        first_row.addWidget(self.handout)
        first_row.addWidget(self.teach_back)
        bottom.addLayout(first_row, 0, 0, 1, 2)
        self.bottom = bottom
        bottom.setColumnStretch(0, 1)
        bottom.setColumnStretch(1, 1)
        # Their width never holds the window wider: they stack instead (_fit_buttons).
        for button in (self.start_over, self.finished):
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._stacked: bool | None = None
        self._stack_buttons(False)
        outer.addLayout(bottom)

        self.help_now.clicked.connect(self.help_requested)
        self.start_over.clicked.connect(self.start_over_requested)
        self.finished.clicked.connect(self.finished_requested)
        self.staff_clear.held.connect(self.staff_cleared)
        self.handout.clicked.connect(self.handout_requested)
        # Draw once now, so only one of the two panels counts towards the
        # window's minimum size.
        self.refresh()

    def _stack_buttons(self, stacked: bool) -> None:
        """The two ways to clear side by side, or one above the other when
        their words do not fit side by side (a portrait screen, large text)."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for button in (self.start_over, self.finished):
            self.bottom.removeWidget(button)
        self.bottom.addWidget(self.start_over, 1, 0, 1, 1 if not stacked else 2)
        self.bottom.addWidget(
            self.finished,
            1 if not stacked else 2,
            1 if not stacked else 0,
            1,
            1 if not stacked else 2,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        room = self.width() - (margins.left() + margins.right() if margins else 0)
        # Side by side they share the row equally (two equal columns).
        widest = max(self.start_over.sizeHint().width(), self.finished.sizeHint().width())
        narrow = 2 * widest + self.bottom.horizontalSpacing() > room
        self._stack_buttons(narrow or self.portrait)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # once the buttons have it too
            self._fit_later.start()  # once, however many a restyle sends

    def portrait_changed(self, portrait: bool) -> None:
        self._fit_buttons()

    def offer_teach_back(self, offered: bool) -> None:
        """Offer "Check your understanding" on every result below emergency (issue 18)."""
        self._teach_back_offered = offered
        self.refresh()

    def enable_handout(self) -> None:
        """Offer "Get a handout"; call once a ``handout_requested`` handler is connected."""
        self._handout_enabled = True
        self.refresh()

    @property
    def outcome(self) -> Outcome:
        """The session's outcome on show."""
        return self.ctx.session.outcome or NO_OUTCOME

    @property
    def tier(self) -> Tier:
        """The tier on show."""
        return self.outcome.tier

    def tier_text(self) -> TierText:
        """The content's wording for the tier on show."""
        return self.ctx.pack.checklist.results[self.tier]

    def refresh(self) -> None:
        strings = self.ctx.strings
        outcome = self.outcome
        text = self.tier_text()
        is_emergency = outcome.is_emergency
        self._place(is_emergency)
        if self.calm.property("tier") != outcome.tier.value:
            self.calm.setProperty("tier", outcome.tier.value)  # its colour band
            self.calm.style().unpolish(self.calm)
            self.calm.style().polish(self.calm)
        if not is_emergency:
            self.symbol.set_picture(outcome.tier.value)
            self.symbol.set_ink(ink(self.ctx.session.high_contrast))
            self.symbol.set_description(text.title)
        self._calm_stretch.setVisible(not is_emergency)
        self.help_now.setVisible(not is_emergency)
        # No patient-facing way out of the emergency screen (staff hold it).
        self.start_over.setVisible(not is_emergency)
        self.finished.setVisible(not is_emergency)
        number = self.ctx.emergency_number
        if is_emergency:
            self.emergency_title.setText(text.title)
            self.emergency_action.setText(strings("emergency.show_front_desk"))
            message = text.message
            if outcome.asked_for_help:  # no answers gave it: never "based on your answers"
                message = text.message_asked or strings("emergency.asked")
            message = fill_emergency_number(message, number)
            self.emergency_message.setText(message)
            # The number once: the content's message usually says it already.
            call = strings("emergency.call_away", emergency_number=number)
            self.emergency_call.setText(call)
            self.emergency_call.setVisible(number not in message)
            self.emergency_symbol.set_description(text.title)
            set_button_text(
                self.staff_clear,
                strings("emergency.staff_hold"),
                strings("emergency.staff_hold_accessible"),
            )
        else:
            self.title.setText(text.title)
            self.message.setText(fill_emergency_number(text.message, number))
            self.action_heading.setText(strings("result.action_heading"))
            action = fill_emergency_number(text.action, number)
            how = fill_emergency_number(text.how_text(self.ctx.clinic_phone), number)
            self.action.setText(action)
            self.how.setText(how)
            self.how.setVisible(bool(how))
            come_back = fill_emergency_number(text.come_back, number)
            self.come_back.setText(come_back)
            self.come_back.setVisible(bool(come_back))
            # Every calm result ends with the same get-help-now list as the
            # explainer and the handout (CONTENT_BRIEF §4 rule 5).
            self.safety_heading.setText(strings("result.safety_net_heading"))
            signs = self.ctx.pack.checklist.get_help_now(self.ctx.session.level)
            self.safety_heading.setVisible(bool(signs))
            for n, bullet in enumerate(self.safety_bullets):
                sign = signs[n].text if n < len(signs) else ""
                bullet.setText(f"\u2022 {fill_emergency_number(sign, number)}" if sign else "")
                bullet.setVisible(bool(sign))
        self.disclaimer.setText(strings("result.no_diagnosis"))
        set_help_now_text(self.help_now, self.ctx)
        self.handout.setVisible(self._handout_enabled)
        # On the red panel the handout is a quiet white button, never a
        # bright primary one louder than the instruction itself.
        role = "on_emergency" if is_emergency else "primary"
        if self.handout.property("role") != role:
            self.handout.setProperty("role", role)
            self.handout.style().unpolish(self.handout)
            self.handout.style().polish(self.handout)
        set_button_text(self.handout, strings("result.handout"))
        self.teach_back.setVisible(self._teach_back_offered and not is_emergency)
        set_offer_text(self.teach_back, self.ctx)
        set_button_text(
            self.start_over, strings("result.start_over"), strings("result.start_over_accessible")
        )
        set_button_text(
            self.finished, strings("result.finished"), strings("result.finished_accessible")
        )
        self.scroll_area.verticalScrollBar().setValue(0)
        self._fit_buttons()

    def _place(self, emergency: bool) -> None:
        """The panel for the outcome on the screen (first in the page), the other parked."""
        shown, parked = (self.emergency, self.calm) if emergency else (self.calm, self.emergency)
        if parked.parentWidget() is not self.parked:
            self.body.removeWidget(parked)
            parked.setParent(self.parked)
        if shown.parentWidget() is self.parked:
            self.body.insertWidget(0, shown, 1 if emergency else 0)
            shown.show()

    def speech_text(self) -> str:
        if self.outcome.is_emergency:
            parts = [self.emergency_title.text(), self.emergency_action.text()]
            parts.append(self.emergency_message.text())
            if not self.emergency_call.isHidden():
                parts.append(self.emergency_call.text())
        else:
            parts = [self.title.text(), self.message.text(), self.action.text()]
            for widget in (self.how, self.come_back, self.safety_heading, *self.safety_bullets):
                if not widget.isHidden():
                    parts.append(widget.text().replace("\u2022 ", ""))
        return " ".join([*parts, self.disclaimer.text()])
