"""The printed handout: topic + reading level + language (+ result) -> PDF bytes.

Qt-free. ``build_handout`` is the entry point; printing and saving the bytes
live in ``kiosk.printing``.
"""

from kiosk.handout.builder import (
    PAGE_LIMITS,
    HandoutOptions,
    Paper,
    build_handout,
    page_limit,
)
from kiosk.handout.text import HandoutText, HandoutTextError, load_handout_text

__all__ = [
    "PAGE_LIMITS",
    "HandoutOptions",
    "HandoutText",
    "HandoutTextError",
    "Paper",
    "build_handout",
    "load_handout_text",
    "page_limit",
]
