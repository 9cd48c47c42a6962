"""CONTENT_BRIEF §4 v2's signs table and the explainer's sections, written out by hand.

Kept apart from kiosk/triage.py and the content files on purpose: the tests
compare the code's table, the shipped content and the triage rule against the
brief, not against themselves.
"""

from kiosk.content import Tier

# Sign id -> the tier a "yes" gives, in rule 3's asking order (the brief's order).
BRIEF_RULES: tuple[tuple[str, Tier], ...] = (
    ("breathing", Tier.EMERGENCY),
    ("stroke_signs", Tier.EMERGENCY),
    ("seizure_confusion", Tier.EMERGENCY),
    ("tetany", Tier.EMERGENCY),
    ("weakness_fast", Tier.EMERGENCY),
    ("med_change", Tier.ROUTINE),
    ("drug_reaction", Tier.EMERGENCY),
    ("fluids_kept_down", Tier.TODAY),
    ("lithium", Tier.TODAY),
    ("weakness", Tier.SOON),
    ("eyelid_signs", Tier.SOON),
    ("fluid_loss", Tier.SOON),
    ("persistent_or_spread", Tier.ROUTINE),
    ("medicine", Tier.ROUTINE),
)

# Asked only when the gate sign is "yes" or "unsure".
BRIEF_GATES: dict[str, str] = {"drug_reaction": "med_change"}

# Most urgent first.
BRIEF_TIER_ORDER: tuple[Tier, ...] = (
    Tier.EMERGENCY,
    Tier.TODAY,
    Tier.SOON,
    Tier.ROUTINE,
    Tier.SELF_CARE,
)

# The explainer's sections, in the brief's order.
SECTION_IDS: tuple[str, ...] = (
    "what_is",
    "how_common",
    "triggers",
    "minerals",
    "medicines",
    "nerves",
    "long_lasting",
    "eyelid",
    "self_care",
    "see_doctor",
    "get_help_now",
)
