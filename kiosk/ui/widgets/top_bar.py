"""The bar on top of every screen: home, reading level and display choices."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QWidget

from kiosk.session import Session, TextSize
from kiosk.ui.strings import Strings
from kiosk.ui.widgets.buttons import big_button, set_button_text
from kiosk.ui.widgets.level_switch import LevelSwitch

# The width kept free at the right end for staff mode's corner zone
# (kiosk.ui.staff_mode.CORNER_PX, which imports Qt's namespace, so the
# number is repeated here; tests/test_visitor_safety.py checks they agree).
STAFF_CORNER_PX = 80


class TopBar(QWidget):
    """Emits what the visitor asked for; the main window carries it out."""

    home_requested = Signal()
    level_chosen = Signal(object)  # ReadingLevel
    text_size_requested = Signal()
    contrast_requested = Signal()
    language_requested = Signal()
    speak_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAutoFillBackground(True)
        self.grid = QGridLayout(self)
        # No right margin: the staff corner (below) reaches the window's edge.
        self.grid.setContentsMargins(16, 8, 0, 8)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(8)
        self.home = big_button(object_name="top_home")
        self.levels = LevelSwitch()
        self.text_size = big_button(object_name="top_text_size")
        self.contrast = big_button(object_name="top_contrast")
        self.language = big_button(object_name="top_language")
        self.speak = big_button(object_name="top_speak")
        self.speak.hide()  # shown only when a speech engine works
        for button in (self.home, self.text_size, self.contrast, self.language, self.speak):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The display choices sit together; beside the levels, or below them.
        self.display = QWidget()
        row = QHBoxLayout(self.display)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for button in (self.text_size, self.contrast, self.language, self.speak):
            row.addWidget(button)
        # The staff's hidden five-tap corner (kiosk.ui.staff_mode) is kept
        # clear of every control: a patient's taps there do nothing at all,
        # and staff taps never land on a button (they once flipped the language).
        self.staff_corner = QWidget()
        self.staff_corner.setObjectName("top_staff_corner")
        self.staff_corner.setFixedWidth(STAFF_CORNER_PX)
        self.staff_corner.setMinimumHeight(STAFF_CORNER_PX - 16)
        self._two_rows: bool | None = None
        self._large_text = False
        self._arrange(two_rows=False)
        self.home.clicked.connect(self.home_requested)
        self.levels.level_chosen.connect(self.level_chosen)
        self.text_size.clicked.connect(self.text_size_requested)
        self.contrast.clicked.connect(self.contrast_requested)
        self.language.clicked.connect(self.language_requested)
        self.speak.clicked.connect(self.speak_requested)

    def _arrange(self, two_rows: bool) -> None:
        """One row at normal text size; two rows when larger text needs room."""
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        for widget in (self.home, self.levels, self.display, self.staff_corner):
            self.grid.removeWidget(widget)
        self.grid.addWidget(self.home, 0, 0)
        self.grid.addWidget(self.levels, 0, 1)
        if two_rows:
            self.grid.addWidget(self.display, 1, 0, 1, 3)
        else:
            self.grid.addWidget(self.display, 0, 2)
        self.grid.addWidget(self.staff_corner, 0, 3, 2 if two_rows else 1, 1)
        self.grid.setColumnStretch(1, 3)

    def _one_row_width(self) -> int:
        """How wide the bar must be to hold everything on one row."""
        margins = self.grid.contentsMargins()
        # Home counts even when hidden: it shows on every screen but the first,
        # and the bar must not change shape (or widen the window) when it does.
        parts = [self.home, self.levels, self.display]
        widths = sum(w.sizeHint().width() for w in parts) + STAFF_CORNER_PX
        return widths + self.grid.horizontalSpacing() * len(parts) + margins.left()

    def fit(self) -> None:
        """Two rows at a large text size or on a narrow (portrait) screen."""
        narrow = self.width() > 0 and self._one_row_width() > self.width()
        self._arrange(two_rows=self._large_text or narrow)

    def show_speak(self, available: bool) -> None:
        """Show Read aloud once a speech engine answers (and re-fit the bar)."""
        self.speak.setVisible(available)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def refresh(self, strings: Strings, session: Session, next_language_name: str | None) -> None:
        """Redraw labels for the session's language and choices."""
        self._large_text = session.text_size is not TextSize.NORMAL
        set_button_text(self.home, strings("nav.home"), strings("nav.home_accessible"))
        self.levels.refresh(strings, session.level)
        set_button_text(
            self.text_size,
            strings("display.text_size"),
            strings(
                "display.text_size_accessible",
                size=strings(f"display.size_{session.text_size.value}"),
            ),
        )
        set_button_text(
            self.contrast,
            strings("display.contrast"),
            strings("display.contrast_accessible"),
        )
        set_button_text(self.speak, strings("display.speak"), strings("display.speak_accessible"))
        self.language.setVisible(next_language_name is not None)
        if next_language_name is not None:
            set_button_text(
                self.language,
                next_language_name,
                strings("display.language_accessible", name=next_language_name),
            )
        self.fit()  # new labels may no longer fit on one row
