"""Feeds the anonymous daily counters from what happens on screen.

Only totals: a session starts with the first choice on the start screen after
a reset; reading levels and languages shown; result tiers reached; handouts
printed; per "Check your understanding" question, visitors who answered it
and how many were right first time. Never answers or anything a visitor
typed or chose in the checklist, nor which tile anyone tapped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.content.models import ReadingLevel, Tier
from kiosk.counters import Counters

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class UsageRecorder(QObject):
    """Connects ``window``'s signals to ``counters``."""

    def __init__(self, window: MainWindow, counters: Counters) -> None:
        super().__init__(window)
        self.window = window
        self.counters = counters
        self.armed = True
        window.start.action_chosen.connect(self._action)
        window.top_bar.level_chosen.connect(self._level)
        window.top_bar.language_requested.connect(self._language)
        window.session_reset.connect(self._reset)
        window.checklist.outcome_reached.connect(self.record_tier)
        window.handout_printed.connect(self._printed)
        window.handout.service.saved.connect(self.counters.handout_saved)
        window.teach_back.question_answered.connect(self.counters.teach_back_answered)

    def _action(self, _action: str) -> None:
        if not self.armed:
            return
        self.armed = False
        session = self.window.ctx.session
        self.counters.session_started()
        self.counters.language_used(session.language)
        self.counters.level_viewed(session.level)

    def _level(self, level: ReadingLevel) -> None:
        self.counters.level_viewed(level)

    def _language(self) -> None:
        self.counters.language_used(self.window.ctx.session.language)

    def _reset(self) -> None:
        self.armed = True

    def record_tier(self, tier: Tier) -> None:
        """Count one checklist that ended with ``tier``."""
        self.counters.tier_reached(tier)

    def _printed(self, copies: int) -> None:
        self.counters.handout_printed(copies)
