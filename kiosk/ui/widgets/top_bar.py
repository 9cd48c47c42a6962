"""The bar on top of every screen: home, reading level and display choices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

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
        # The bar never widens the window: it folds to fit (``fit``) instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        self._speaking = False
        self.contrast.setCheckable(True)  # on or off, and it looks it
        self.contrast.setProperty("role", "toggle")
        # At a large text size (or on a narrow screen) the display choices
        # fold behind one "Display" button instead of wrapping the bar.
        # Parented now, though not always in the grid: the bar carries only
        # the style rules its widgets can use (kiosk.ui.sheet_subset).
        self.menu = big_button(object_name="top_display", parent=self)
        self.menu.setCheckable(True)
        self.menu.setProperty("role", "toggle")
        self.menu.hide()
        self.menu.toggled.connect(self._menu_toggled)
        buttons = (self.home, self.text_size, self.contrast, self.language, self.speak, self.menu)
        for button in buttons:
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The display choices sit together; beside the levels, or below them.
        self.display = QWidget()
        self.display.setObjectName("top_display_choices")
        self.display_grid = QGridLayout(self.display)
        self.display_grid.setContentsMargins(0, 0, 0, 0)
        self.display_grid.setSpacing(8)
        self._display_columns = 0
        self._arrange_display(4)
        # The staff's hidden five-tap corner (kiosk.ui.staff_mode) is kept
        # clear of every control: a patient's taps there do nothing at all,
        # and staff taps never land on a button (they once flipped the language).
        self.staff_corner = QWidget()
        self.staff_corner.setObjectName("top_staff_corner")
        self.staff_corner.setFixedWidth(STAFF_CORNER_PX)
        self.staff_corner.setMinimumHeight(STAFF_CORNER_PX - 16)
        self._two_rows: bool | None = None
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self.fit)
        self._levels_below = False
        self._large_text = False
        self._strings: Strings | None = None
        self._high_contrast = False
        self._arrange(two_rows=False)
        self.home.clicked.connect(self.home_requested)
        self.levels.level_chosen.connect(self.level_chosen)
        self.text_size.clicked.connect(self.text_size_requested)
        self.contrast.clicked.connect(self.contrast_requested)
        self.language.clicked.connect(self.language_requested)
        self.speak.clicked.connect(self.speak_requested)

    def paint_bar_colour(self) -> None:
        """Paint the sheet's bar colour from now on (a QWidget subclass paints
        no style-sheet background of its own: the bar showed Qt's grey, in
        high contrast too, behind black buttons).

        Called just after the first paint: the attribute is a ``Qt`` enum,
        and PySide builds that whole namespace (12-20 ms) on first use.
        """
        from PySide6.QtCore import Qt

        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.update()

    def _arrange(self, two_rows: bool, levels_below: bool = False) -> None:
        """One row at normal text size; folded behind "Display" when larger
        text or a narrow screen needs room (the choices open on a second row).
        Where even Home, the levels and Display do not fit on one row, the
        levels get a row of their own."""
        if (two_rows, levels_below) == (self._two_rows, self._levels_below):
            return
        if two_rows and self._two_rows is False:
            # Folding under a visitor's finger (a longer label, larger text):
            # the choices stay open, the button just tapped still in sight.
            self.menu.setChecked(True)
        self._two_rows, self._levels_below = two_rows, levels_below
        for widget in (self.home, self.levels, self.display, self.menu, self.staff_corner):
            self.grid.removeWidget(widget)
        self.grid.addWidget(self.home, 0, 0)
        rows = 1
        if two_rows and levels_below:
            self.grid.addWidget(self.menu, 0, 1)
            self.grid.addWidget(self.levels, 1, 0, 1, 3)
            self.grid.addWidget(self.display, 2, 0, 1, 3)
            rows = 3
        elif two_rows:
            self.grid.addWidget(self.levels, 0, 1)
            self.grid.addWidget(self.menu, 0, 2)
            self.grid.addWidget(self.display, 1, 0, 1, 3)
            rows = 2
        else:
            self.grid.addWidget(self.levels, 0, 1)
            self.grid.addWidget(self.display, 0, 2)
        self.grid.addWidget(self.staff_corner, 0, 3, rows, 1)
        self.grid.setColumnStretch(1, 3)
        _set_shown(self.menu, two_rows)
        _set_shown(self.display, not two_rows or self.menu.isChecked())

    def _arrange_display(self, columns: int) -> None:
        """The display choices in ``columns`` columns (two when one row is too narrow)."""
        if columns == self._display_columns:
            return
        self._display_columns = columns
        buttons = (self.text_size, self.contrast, self.language, self.speak)
        for button in buttons:
            self.display_grid.removeWidget(button)
        for index, button in enumerate(buttons):
            self.display_grid.addWidget(button, index // columns, index % columns)

    def _menu_toggled(self, open_: bool) -> None:
        if self._two_rows:
            self.display.setVisible(open_)

    def close_display(self) -> None:
        """Fold the display choices away again (a new visitor)."""
        self.menu.setChecked(False)

    def set_speaking(self, speaking: bool) -> None:
        """Read aloud becomes Stop while the kiosk speaks."""
        self._speaking = speaking
        if self._strings is not None:
            self._label_speak(self._strings)

    def _draw_speaker(self) -> None:
        """The speaker symbol on Read aloud, in the button's colour (drawn
        only once speech works: QtSvg is not loaded before the first paint)."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QIcon

        from kiosk.ui.theme import HIGH_CONTRAST, NORMAL
        from kiosk.ui.widgets.picture import rendered

        colour = (HIGH_CONTRAST if self._high_contrast else NORMAL)["primary"]
        size = max(24, self.speak.fontMetrics().height())
        self.speak.setIcon(QIcon(rendered("speaker", colour, size)))
        self.speak.setIconSize(QSize(size, size))

    def _label_speak(self, strings: Strings) -> None:
        if self._speaking:
            set_button_text(self.speak, strings("display.stop"), strings("display.stop_accessible"))
        else:
            set_button_text(
                self.speak, strings("display.speak"), strings("display.speak_accessible")
            )

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
        folded = self._large_text or narrow
        margins = self.grid.contentsMargins()
        parts = [self.home, self.levels, self.menu]
        folded_row = sum(w.sizeHint().width() for w in parts) + STAFF_CORNER_PX
        folded_row += self.grid.horizontalSpacing() * len(parts) + margins.left()
        self._arrange(folded, levels_below=folded and 0 < self.width() < folded_row)
        # Folded, the choices have the bar's width less the staff corner.
        shown = [
            b
            for b in (self.text_size, self.contrast, self.language, self.speak)
            if not b.isHidden()
        ]
        needed = sum(b.sizeHint().width() for b in shown) + 8 * max(0, len(shown) - 1)
        room = self.width() - STAFF_CORNER_PX - margins.left()
        self._arrange_display(2 if folded and self.width() > 0 and needed > room else 4)

    def show_speak(self, available: bool) -> None:
        """Show Read aloud once a speech engine answers (and re-fit the bar)."""
        self.speak.setVisible(available)
        if available:
            self._draw_speaker()
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new style sheet (kiosk.ui.page_styles) changes every button's size:
        fit again once the buttons have it."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_later.start()  # once, however many changes a restyle sends

    def refresh(self, strings: Strings, session: Session, next_language_name: str | None) -> None:
        """Redraw labels for the session's language and choices."""
        self._strings = strings
        large = session.text_size is not TextSize.NORMAL
        if large and not self._large_text:
            self.menu.setChecked(True)  # the button just tapped stays in sight
        self._large_text = large
        set_button_text(self.home, strings("nav.home"), strings("nav.home_accessible"))
        self.levels.refresh(strings, session.level)
        size = strings(f"display.size_{session.text_size.value}")
        set_button_text(
            self.text_size,
            strings("display.text_size_now", size=size),
            strings("display.text_size_accessible", size=size),
        )
        state = "on" if session.high_contrast else "off"
        set_button_text(
            self.contrast,
            strings(f"display.contrast_{state}"),
            strings(f"display.contrast_{state}_accessible"),
        )
        self.contrast.setChecked(session.high_contrast)
        self._high_contrast = session.high_contrast
        if self.speak.isVisibleTo(self):
            self._draw_speaker()
        set_button_text(self.menu, strings("display.menu"), strings("display.menu_accessible"))
        self._label_speak(strings)
        self.language.setVisible(next_language_name is not None)
        if next_language_name is not None:
            set_button_text(
                self.language,
                next_language_name,
                strings("display.language_accessible", name=next_language_name),
            )
        self.fit()  # new labels may no longer fit on one row


def _set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget``, only if that changes anything: a needless
    ``setVisible(True)`` polishes the whole bar, which before the first
    paint is done again once the style sheet arrives (about 4 ms)."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)
