"""Qt-free content: YAML topic packs loaded into frozen models.

``load_content`` (the YAML loader) is imported on first use, so a program
that reads the content from ``kiosk.content.cache`` never imports PyYAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.content.errors import ContentError
from kiosk.content.models import (
    Answer,
    Block,
    Checklist,
    ContentPack,
    GetHelpNow,
    LanguagePack,
    Question,
    ReadingLevel,
    SafetySign,
    Section,
    Source,
    Tier,
    TierText,
    Topic,
)

if TYPE_CHECKING:
    from kiosk.content.loader import load_content

__all__ = [
    "Answer",
    "Block",
    "Checklist",
    "ContentError",
    "ContentPack",
    "GetHelpNow",
    "LanguagePack",
    "Question",
    "ReadingLevel",
    "SafetySign",
    "Section",
    "Source",
    "Tier",
    "TierText",
    "Topic",
    "load_content",
]


def __getattr__(name: str) -> Any:
    if name == "load_content":
        from kiosk.content.loader import load_content

        return load_content
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
