"""Qt-free content: YAML topic packs loaded into frozen models."""

from kiosk.content.loader import ContentError, load_content
from kiosk.content.models import (
    Answer,
    Block,
    Checklist,
    ContentPack,
    LanguagePack,
    Question,
    ReadingLevel,
    Section,
    Source,
    Tier,
    TierText,
    Topic,
)

__all__ = [
    "Answer",
    "Block",
    "Checklist",
    "ContentError",
    "ContentPack",
    "LanguagePack",
    "Question",
    "ReadingLevel",
    "Section",
    "Source",
    "Tier",
    "TierText",
    "Topic",
    "load_content",
]
