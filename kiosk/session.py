"""What one patient has chosen in this visit, in memory only.

Nothing here is ever written to disk; ``reset`` wipes it for the next
patient. Qt-free, so the privacy rules can be tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.content.models import Answer, ReadingLevel


class TextSize(StrEnum):
    """On-screen text sizes, one tap away on every screen."""

    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra_large"

    def next(self) -> TextSize:
        """The next size, wrapping round to normal."""
        sizes = list(TextSize)
        return sizes[(sizes.index(self) + 1) % len(sizes)]


@dataclass
class Session:
    """The current visitor's choices; reset between visitors."""

    default_language: str = "en"
    default_level: ReadingLevel = ReadingLevel.BASIC
    language: str = "en"
    level: ReadingLevel = ReadingLevel.BASIC
    text_size: TextSize = TextSize.NORMAL
    high_contrast: bool = False
    section_index: int = 0
    question_index: int = 0
    answers: dict[str, Answer] = field(default_factory=dict)
    include_result: bool = False

    def __post_init__(self) -> None:
        self.language = self.default_language
        self.level = self.default_level

    def reset(self) -> None:
        """Forget everything this visitor chose."""
        self.language = self.default_language
        self.level = self.default_level
        self.text_size = TextSize.NORMAL
        self.high_contrast = False
        self.section_index = 0
        self.question_index = 0
        self.answers.clear()
        self.include_result = False

    def is_pristine(self) -> bool:
        """True when nothing of a visitor remains."""
        return (
            self.language == self.default_language
            and self.level == self.default_level
            and self.text_size is TextSize.NORMAL
            and not self.high_contrast
            and self.section_index == 0
            and self.question_index == 0
            and not self.answers
            and not self.include_result
        )
