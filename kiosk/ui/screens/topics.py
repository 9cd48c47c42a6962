"""The explainer's map: one picture tile per page, instead of pages in a line.

A tap on a tile opens that page; "Read from the start" opens the first.
"Get help now" is on this screen as on every page.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import help_now_button, set_help_now_text
from kiosk.ui.theme import ink
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX, big_button, label, set_button_text
from kiosk.ui.widgets.picture import PictureLabel, has_picture
from kiosk.ui.widgets.scrolling import scroll_area

TILE_PICTURE_PX = 64
TILE_MIN_WIDTH_PX = 260  # a tile narrower than this wraps its title on three lines
TILE_GAP_PX = 16


class TopicTile(QPushButton):
    """A big button: the page's picture above its title."""

    def __init__(self, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_id = section_id
        self.setObjectName(f"tile_{section_id}")
        self.setProperty("role", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        column = QVBoxLayout(self)
        self.column = column
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(8)
        self.picture = PictureLabel(section_id, size=TILE_PICTURE_PX)
        self.title = label("tile_title", object_name=f"tile_title_{section_id}")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        for child in (self.picture, self.title):
            # The tile takes the tap, wherever on it the finger lands.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.title, 1)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # A push button sizes itself from its own text; a tile from what it holds.
    def sizeHint(self) -> QSize:
        return self.column.sizeHint().expandedTo(QSize(0, MIN_TOUCH_PX * 2))

    def minimumSizeHint(self) -> QSize:
        return self.column.minimumSize().expandedTo(QSize(0, MIN_TOUCH_PX * 2))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(MIN_TOUCH_PX * 2, self.column.heightForWidth(width))


class TopicsScreen(Screen):
    """Emits ``topic_chosen`` with a section index (0 for "Read from the start")."""

    topic_chosen = Signal(int)
    help_requested = Signal()

    scrolls_itself = True  # the tiles scroll; the row below them never does

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        self.outer = outer
        outer.setContentsMargins(48, 24, 48, 16)
        outer.setSpacing(16)
        page = QWidget()
        page.setObjectName("topics_page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        # On a portrait screen the stretch above the tiles grows, so they
        # sit low, within reach (``portrait_changed``).
        column.addStretch(0)
        self.heading = label("title", object_name="topics_heading")
        self.hint = label("subtitle", object_name="topics_hint")
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(TILE_GAP_PX)
        self.grid.setVerticalSpacing(TILE_GAP_PX)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.column = column
        self.tiles: list[TopicTile] = []
        for index, section in enumerate(ctx.pack.topic.sections):
            tile = TopicTile(section.id if has_picture(section.id) else "what_is")
            tile.setObjectName(f"tile_{section.id}")
            tile.clicked.connect(lambda _=False, i=index: self.topic_chosen.emit(i))
            self.tiles.append(tile)
        self._columns = 0
        self._arrange(3)
        self.scroll_area = scroll_area(page, "topics_scroll")
        outer.addWidget(self.scroll_area, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        self.read_all = big_button(role="primary", object_name="topics_read_all")
        self.read_all.clicked.connect(lambda: self.topic_chosen.emit(0))
        self.help_now = help_now_button("topics_help")
        self.help_now.clicked.connect(self.help_requested)
        bottom.addWidget(self.read_all, 1)
        bottom.addWidget(self.help_now)
        outer.addLayout(bottom)

    def portrait_changed(self, portrait: bool) -> None:
        self.column.setStretch(0, 1 if portrait else 0)
        self.column.setStretch(self.column.count() - 1, 0 if portrait else 1)

    def _arrange(self, columns: int) -> None:
        """Lay the tiles out in ``columns`` columns (fewer on a narrow screen)."""
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for column in range(len(self.tiles)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self.outer.contentsMargins()
        # The scroll bar's room is kept whether it shows or not.
        room = self.width() - margins.left() - margins.right() - 32
        self._arrange(max(2, min(4, (room + TILE_GAP_PX) // (TILE_MIN_WIDTH_PX + TILE_GAP_PX))))

    def refresh(self) -> None:
        strings = self.ctx.strings
        self.heading.setText(strings("explainer.topics_title"))
        self.hint.setText(strings("explainer.topics_hint"))
        colour = ink(self.ctx.session.high_contrast)
        for tile, section in zip(self.tiles, self.ctx.pack.topic.sections, strict=True):
            tile.title.setText(section.title)
            tile.setAccessibleName(strings("explainer.tile_accessible", title=section.title))
            tile.picture.set_ink(colour)
            tile.picture.set_description(section.title)
        set_button_text(
            self.read_all, strings("explainer.read_all"), strings("explainer.read_all_accessible")
        )
        set_help_now_text(self.help_now, self.ctx)

    def speech_text(self) -> str:
        titles = [tile.title.text() for tile in self.tiles]
        return " ".join([self.heading.text(), self.hint.text(), *titles])
