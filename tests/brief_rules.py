"""CONTENT_BRIEF §4's questions table, written out by hand for the tests.

Kept apart from the content files on purpose: the tests compare the shipped
content and the triage rule against the brief, not against themselves.
"""

from kiosk.content import Tier

# Question id -> the tier a "yes" gives, in the brief's order.
BRIEF_RULES: tuple[tuple[str, Tier], ...] = (
    ("breathing", Tier.EMERGENCY),
    ("stroke_signs", Tier.EMERGENCY),
    ("seizure_confusion", Tier.EMERGENCY),
    ("tetany", Tier.EMERGENCY),
    ("drug_reaction", Tier.EMERGENCY),
    ("weakness", Tier.SOON),
    ("eyelid_signs", Tier.SOON),
    ("fluid_loss", Tier.SOON),
    ("persistent_or_spread", Tier.ROUTINE),
    ("medicine", Tier.ROUTINE),
)
