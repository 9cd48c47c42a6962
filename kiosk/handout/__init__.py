"""The printed handout: topic + reading level + language (+ result) -> PDF bytes.

Qt-free. ``build_handout`` is the entry point; printing and saving the bytes
live in ``kiosk.printing``.

The names below are loaded on first use (PEP 562): the builder imports
reportlab, which must not slow the kiosk's start-up (docs/performance.md).
``kiosk.handout.paper`` holds ``Paper`` without reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.handout.builder import (
        PAGE_LIMITS,
        HandoutOptions,
        build_handout,
        page_limit,
    )
    from kiosk.handout.paper import Paper
    from kiosk.handout.text import HandoutText, HandoutTextError, load_handout_text

_WHERE = {
    "PAGE_LIMITS": "builder",
    "HandoutOptions": "builder",
    "Paper": "paper",
    "build_handout": "builder",
    "page_limit": "builder",
    "HandoutText": "text",
    "HandoutTextError": "text",
    "load_handout_text": "text",
}

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


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.handout' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kiosk.handout.{module}"), name)
