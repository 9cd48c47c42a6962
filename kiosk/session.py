"""What one patient has chosen in this visit, in memory only.

Nothing here is ever written to disk; ``reset`` wipes it for the next
patient. Qt-free, so the privacy rules can be tested without a screen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.content.ids import Answer, ReadingLevel

if TYPE_CHECKING:
    from kiosk.outcome import Outcome  # made only when a result is reached
    from kiosk.teach_back import TeachBackRun


class TextSize(StrEnum):
    """On-screen text sizes, one tap away on every screen."""

    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra_large"

    def next(self) -> TextSize:
        """The next size, wrapping round to normal."""
        sizes = list(TextSize)
        return sizes[(sizes.index(self) + 1) % len(sizes)]


class Session:
    """The current visitor's choices; reset between visitors.

    A plain class, not a dataclass: it is made before the first paint, where
    a dataclass's generated methods cost about half a millisecond to compile.
    ``__slots__`` keeps a misspelt field from becoming a new one.
    """

    __slots__ = (
        "answers",
        "default_language",
        "default_level",
        "high_contrast",
        "include_result",
        "language",
        "large_print",
        "level",
        "outcome",
        "question_index",
        "section_index",
        "teach_back",
        "teach_back_counted",
        "text_size",
    )

    def __init__(
        self, default_language: str = "en", default_level: ReadingLevel = ReadingLevel.BASIC
    ) -> None:
        self.default_language = default_language
        self.default_level = default_level
        self.language = default_language
        self.level = default_level
        self.text_size = TextSize.NORMAL
        self.high_contrast = False
        self.section_index = 0
        self.question_index = 0
        self.answers: dict[str, Answer] = {}
        self.outcome: Outcome | None = None
        self.include_result = False
        self.large_print = False  # the handout's large-print choice
        # "Check your understanding" (kiosk.teach_back): the run on show, and
        # the questions this visitor's first answers were already counted for
        # (the daily counts say how many visitors, not how many runs).
        self.teach_back: TeachBackRun | None = None
        self.teach_back_counted: set[str] = set()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Session({fields})"

    def reset(self) -> None:
        """Forget everything this visitor chose (idle reset, "I'm finished")."""
        self.language = self.default_language
        self.level = self.default_level
        self.text_size = TextSize.NORMAL
        self.high_contrast = False
        self.section_index = 0
        self.large_print = False
        self.teach_back_counted.clear()
        self.clear_checklist()

    def clear_checklist(self) -> None:
        """Forget the answers and the outcome; keep language, level and display.

        Home and "Start again" call this: the visitor's way of reading stays,
        nothing they answered does (a teach-back run included).
        """
        self.question_index = 0
        self.answers.clear()
        self.outcome = None
        self.include_result = False
        self.teach_back = None

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
            and self.outcome is None
            and not self.include_result
            and not self.large_print
            and self.teach_back is None
            and not self.teach_back_counted
        )
