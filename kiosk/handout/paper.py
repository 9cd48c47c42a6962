"""Paper sizes the kiosk prints on (no reportlab, so the CLI and UI import it cheaply)."""

from __future__ import annotations

from enum import StrEnum


class Paper(StrEnum):
    """Paper sizes the kiosk prints on."""

    LETTER = "letter"
    A4 = "a4"
