"""The checklist's result: one main message and one action per tier.

The tier comes from ``triage()`` of the session's answers, or is emergency
when the visitor tapped "Get help now". The emergency result is a large red
panel with "Staff have been told"; the others say when to come back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.models import Tier, TierText
from kiosk.content.placeholders import fill_emergency_number
from kiosk.triage import TriageResult, triage
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import asking_order, help_now_button, set_help_now_text
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.scrolling import scroll_area


class ResultScreen(Screen):
    """Shows the result for the session's answers.

    ``forced_emergency`` is set by the checklist flow when the visitor tapped
    "Get help now"; it is display state only and is cleared on every reset.
    """

    start_over_requested = Signal()
    staff_told = Signal()
    help_requested = Signal()
    handout_requested = Signal(object)  # TriageResult

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.forced_emergency = False
        self._handout_enabled = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 16)
        outer.setSpacing(12)

        top = QHBoxLayout()
        top.addStretch(1)
        self.help_now = help_now_button("result_help")
        top.addWidget(self.help_now)
        outer.addLayout(top)

        # The result scrolls if a large text size makes it long; the buttons
        # below always stay in view.
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(12)
        self.scroll_area = scroll_area(page, "result_scroll")
        outer.addWidget(self.scroll_area, 1)

        # The calm results: title, message, the one action, when to come back.
        self.calm = QWidget()
        self.calm.setObjectName("result_calm")
        calm = QVBoxLayout(self.calm)
        calm.setContentsMargins(0, 0, 0, 0)
        calm.setSpacing(12)
        self.title = label("hero", object_name="result_title")
        self.message = label("subtitle", object_name="result_message")
        self.action_box = QFrame()
        self.action_box.setObjectName("result_action_box")
        self.action_box.setProperty("role", "action")
        box = QVBoxLayout(self.action_box)
        box.setContentsMargins(24, 16, 24, 16)
        box.setSpacing(4)
        self.action_heading = label("small", object_name="result_action_heading")
        self.action = label("title", object_name="result_action")
        box.addWidget(self.action_heading)
        box.addWidget(self.action)
        self.come_back = label("body", object_name="result_come_back")
        for widget in (self.title, self.message, self.action_box, self.come_back):
            calm.addWidget(widget)
        body.addWidget(self.calm)

        # The emergency result: a red panel, white bold text.
        self.emergency = QFrame()
        self.emergency.setObjectName("result_emergency")
        self.emergency.setProperty("role", "emergency")
        panel = QVBoxLayout(self.emergency)
        panel.setContentsMargins(40, 32, 40, 32)
        panel.setSpacing(16)
        self.emergency_title = label("hero", object_name="result_emergency_title")
        self.emergency_action = label("hero", object_name="result_emergency_action")
        self.emergency_message = label("subtitle", object_name="result_emergency_message")
        self.staff_told_button = big_button(role="on_emergency", object_name="result_staff_told")
        self.staff_told_button.setMinimumHeight(88)
        for widget in (self.emergency_title, self.emergency_action, self.emergency_message):
            panel.addWidget(widget)
        panel.addStretch(1)
        panel.addWidget(self.staff_told_button)
        body.addWidget(self.emergency)
        body.addStretch(1)
        self.disclaimer = label("small", object_name="result_disclaimer")
        body.addWidget(self.disclaimer)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        self.handout = big_button(role="primary", object_name="result_handout")
        self.handout.hide()
        self.start_over = big_button(object_name="result_start_over")
        bottom.addWidget(self.handout)
        bottom.addWidget(self.start_over)
        outer.addLayout(bottom)

        self.help_now.clicked.connect(self.help_requested)
        self.start_over.clicked.connect(self.start_over_requested)
        self.staff_told_button.clicked.connect(self.staff_told)
        self.handout.clicked.connect(lambda: self.handout_requested.emit(self.result()))
        # Draw once now, so only one of the two panels counts towards the
        # window's minimum size.
        self.refresh()

    def enable_handout(self) -> None:
        """Offer "Get a handout"; call once a ``handout_requested`` handler is connected."""
        self._handout_enabled = True
        self.refresh()

    def result(self) -> TriageResult:
        """The triage result on show (emergency when "Get help now" was tapped)."""
        result = triage(asking_order(self.ctx), self.ctx.session.answers)
        if self.forced_emergency and result.tier is not Tier.EMERGENCY:
            return TriageResult(tier=Tier.EMERGENCY, triggered_by=(), answers=result.answers)
        return result

    @property
    def tier(self) -> Tier:
        """The tier on show."""
        return self.result().tier

    def tier_text(self) -> TierText:
        """The content's wording for the tier on show."""
        return self.ctx.pack.checklist.results[self.tier]

    def refresh(self) -> None:
        strings = self.ctx.strings
        text = self.tier_text()
        is_emergency = text.tier is Tier.EMERGENCY
        self.calm.setVisible(not is_emergency)
        self.emergency.setVisible(is_emergency)
        self.help_now.setVisible(not is_emergency)
        number = self.ctx.emergency_number
        if is_emergency:
            self.emergency_title.setText(text.title)
            self.emergency_action.setText(fill_emergency_number(text.action, number))
            self.emergency_message.setText(fill_emergency_number(text.message, number))
            set_button_text(
                self.staff_told_button,
                strings("result.staff_told"),
                strings("result.staff_told_accessible"),
            )
        else:
            self.title.setText(text.title)
            self.message.setText(fill_emergency_number(text.message, number))
            self.action_heading.setText(strings("result.action_heading"))
            self.action.setText(fill_emergency_number(text.action, number))
            come_back = fill_emergency_number(text.come_back, number)
            self.come_back.setText(come_back)
            self.come_back.setVisible(bool(come_back))
        self.disclaimer.setText(strings("result.no_diagnosis"))
        set_help_now_text(self.help_now, self.ctx)
        self.handout.setVisible(self._handout_enabled)
        set_button_text(self.handout, strings("result.handout"))
        set_button_text(
            self.start_over, strings("result.start_over"), strings("result.start_over_accessible")
        )
        self.scroll_area.verticalScrollBar().setValue(0)

    def speech_text(self) -> str:
        if self.tier is Tier.EMERGENCY:
            parts = [self.emergency_title.text(), self.emergency_action.text()]
            parts.append(self.emergency_message.text())
        else:
            parts = [self.title.text(), self.message.text(), self.action.text()]
            parts.append(self.come_back.text())
        return " ".join([*parts, self.disclaimer.text()])
