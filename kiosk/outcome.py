"""The visitor's checklist outcome (kept in the session)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.ids import Tier


@dataclass(frozen=True)
class Outcome:
    """The visitor's checklist outcome, computed once when the result is reached.

    ``tier`` is what the rule gave (or ``emergency`` after "Get help now");
    ``triggered_by`` the signs that gave it; ``asked_for_help`` is True when
    the visitor tapped "Get help now" rather than answered their way there,
    so nothing says "your answers mean..." when they gave none.
    """

    tier: Tier
    triggered_by: tuple[str, ...] = ()
    asked_for_help: bool = False

    @property
    def is_emergency(self) -> bool:
        """True for the emergency result, however it was reached."""
        return self.tier is Tier.EMERGENCY
