"""The illustration set: picture ids -> SVG files, recoloured on request (no Qt).

Pictograms come from the Health Icons set (MIT, ``assets/icons/``, listed in
its README); the few pictures no icon set has are drawn for the kiosk
(``assets/pictures/``). Every picture is drawn in one colour, ``currentColor``,
so ``svg_bytes`` can give it any ink: near-black for print, the theme's text
colour on screen, white in the high-contrast theme.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from kiosk.resources import ASSETS_DIR

ICONS_DIR = ASSETS_DIR / "icons"
PICTURES_DIR = ASSETS_DIR / "pictures"


class Picture(StrEnum):
    """Every picture the kiosk and the handout use; ids match content and checklist ids."""

    # checklist signs
    BREATHING = "breathing"
    STROKE_SIGNS = "stroke_signs"
    SEIZURE_CONFUSION = "seizure_confusion"
    TETANY = "tetany"
    WEAKNESS_FAST = "weakness_fast"
    MED_CHANGE = "med_change"
    DRUG_REACTION = "drug_reaction"
    FLUIDS_KEPT_DOWN = "fluids_kept_down"
    LITHIUM = "lithium"
    WEAKNESS = "weakness"
    EYELID_SIGNS = "eyelid_signs"
    FLUID_LOSS = "fluid_loss"
    PERSISTENT_OR_SPREAD = "persistent_or_spread"
    MEDICINE = "medicine"
    # result tiers
    TIER_EMERGENCY = "emergency"
    TIER_TODAY = "today"
    TIER_SOON = "soon"
    TIER_ROUTINE = "routine"
    TIER_SELF_CARE = "self_care"
    # explainer sections (self_care shares the tier's home picture)
    WHAT_IS = "what_is"
    HOW_COMMON = "how_common"
    TRIGGERS = "triggers"
    MINERALS = "minerals"
    MEDICINES = "medicines"
    NERVES = "nerves"
    LONG_LASTING = "long_lasting"
    EYELID = "eyelid"
    SEE_DOCTOR = "see_doctor"
    GET_HELP_NOW = "get_help_now"
    # self-care steps
    SLEEP = "sleep"
    RELAX = "relax"
    CAFFEINE = "caffeine"
    ALCOHOL = "alcohol"
    STRETCH = "stretch"
    MEALS_FLUIDS = "meals_fluids"
    MEDICINES_ASK = "medicines_ask"
    # controls and states
    SPEAKER = "speaker"
    PRINTER = "printer"
    SUCCESS = "success"
    FAILURE = "failure"
    # pictures of their own
    BODY_MAP = "body_map"
    TWITCH_CRAMP = "twitch_cramp"
    STROKE_PANEL = "stroke_panel"  # face, arm, speech, vision: wide, for a screen or a page


def _icon(name: str) -> Path:
    return ICONS_DIR / f"{name}.svg"


def _own(name: str) -> Path:
    return PICTURES_DIR / f"{name}.svg"


# Which file shows each picture. Several ids may share a file.
FILES = MappingProxyType(
    {
        Picture.BREATHING: _icon("lungs"),
        Picture.STROKE_SIGNS: _own("stroke_face"),
        Picture.SEIZURE_CONFUSION: _icon("confused"),
        Picture.TETANY: _own("hand_cramp"),
        Picture.WEAKNESS_FAST: _icon("leg"),
        Picture.MED_CHANGE: _icon("medicines"),
        Picture.DRUG_REACTION: _icon("sweating"),
        Picture.FLUIDS_KEPT_DOWN: _icon("vomiting"),
        Picture.LITHIUM: _icon("medicine_bottle"),
        Picture.WEAKNESS: _icon("cane"),
        Picture.EYELID_SIGNS: _icon("eye"),
        Picture.FLUID_LOSS: _icon("diarrhea"),
        Picture.PERSISTENT_OR_SPREAD: _own("calendar_weeks"),
        Picture.MEDICINE: _icon("pills_2"),
        Picture.TIER_EMERGENCY: _icon("alert_triangle"),
        Picture.TIER_TODAY: _own("clock"),
        Picture.TIER_SOON: _own("calendar_days"),
        Picture.TIER_ROUTINE: _own("calendar_weeks"),
        Picture.TIER_SELF_CARE: _icon("home"),
        Picture.WHAT_IS: _own("twitch_cramp"),
        Picture.HOW_COMMON: _own("body_map"),
        Picture.TRIGGERS: _icon("nervous"),
        Picture.MINERALS: _icon("blood_drop"),
        Picture.MEDICINES: _icon("medicines"),
        Picture.NERVES: _icon("nerve"),
        Picture.LONG_LASTING: _icon("calendar"),
        Picture.EYELID: _icon("eye"),
        Picture.SEE_DOCTOR: _icon("doctor"),
        Picture.GET_HELP_NOW: _icon("alert_triangle"),
        Picture.SLEEP: _icon("sleepy"),
        Picture.RELAX: _icon("exercise_yoga"),
        Picture.CAFFEINE: _own("coffee"),
        Picture.ALCOHOL: _icon("alcohol"),
        Picture.STRETCH: _own("stretch"),
        Picture.MEALS_FLUIDS: _icon("hot_meal"),
        Picture.MEDICINES_ASK: _icon("medical_advice"),
        Picture.SPEAKER: _own("speaker"),
        Picture.PRINTER: _own("printer"),
        Picture.SUCCESS: _icon("yes"),
        Picture.FAILURE: _icon("no"),
        Picture.BODY_MAP: _own("body_map"),
        Picture.TWITCH_CRAMP: _own("twitch_cramp"),
        Picture.STROKE_PANEL: _own("stroke_panel"),
    }
)


def svg_path(picture: Picture | str) -> Path:
    """The SVG file of ``picture``; ValueError for an unknown id."""
    return FILES[Picture(picture)]


@functools.cache
def _raw(picture: Picture) -> str:
    return FILES[picture].read_text(encoding="utf-8")


def svg_bytes(picture: Picture | str, colour: str) -> bytes:
    """The SVG of ``picture`` with every ``currentColor`` replaced by ``colour`` (e.g. "#111111").

    Every picture draws in ``currentColor`` only, so this recolours it fully
    (grayscale print, dark theme, high contrast).
    """
    if not colour or any(c in colour for c in "\"'<>&"):
        raise ValueError(f"not a colour: {colour!r}")
    return _raw(Picture(picture)).replace("currentColor", colour).encode("utf-8")
