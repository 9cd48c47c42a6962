"""The content's fixed ids: reading levels, urgency tiers, checklist answers.

Apart from the models so that the settings and the visitor's session can use
them before the first paint without making the content's models (each
frozen dataclass is compiled at import, about half a millisecond apiece);
``kiosk.content.models`` re-exports them.
"""

from enum import StrEnum


class ReadingLevel(StrEnum):
    """The three reading levels; ids are fixed by the content brief."""

    BASIC = "basic"
    STANDARD = "standard"
    DETAILED = "detailed"


class Tier(StrEnum):
    """How urgently to seek care; ids are fixed by the content brief."""

    EMERGENCY = "emergency"
    TODAY = "today"
    SOON = "soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"

    @property
    def urgency(self) -> int:
        """Higher is more urgent: self_care 0, routine 1, soon 2, today 3, emergency 4."""
        return _URGENCY[self]


_URGENCY = {Tier.SELF_CARE: 0, Tier.ROUTINE: 1, Tier.SOON: 2, Tier.TODAY: 3, Tier.EMERGENCY: 4}


class Answer(StrEnum):
    """A checklist answer."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
