"""Qt-free content: YAML topic packs loaded into frozen models.

``load_content`` (the YAML loader) is imported on first use, so a program
that reads the content from ``kiosk.content.cache`` never imports PyYAML;
so are the models, which the kiosk's first paint does without.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.content.errors import ContentError
from kiosk.content.ids import Answer, ReadingLevel, Tier

if TYPE_CHECKING:
    from kiosk.content.loader import load_content
    from kiosk.content.models import (
        Block,
        Checklist,
        ContentPack,
        GetHelpNow,
        LanguagePack,
        Question,
        SafetySign,
        Section,
        Source,
        TierText,
        Topic,
    )

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
    if name in __all__:  # a model (the ids and ContentError are defined above)
        # The models are imported on first use too: the kiosk's first paint
        # needs only the ids and the start screen's words (start_text).
        from kiosk.content import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
