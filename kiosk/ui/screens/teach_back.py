"""The "Check your understanding" screen: big picture tiles, feedback, the summary.

Shows ``session.teach_back`` (``kiosk.teach_back``) in the visitor's language
and level, and emits what the visitor tapped; ``kiosk.ui.teach_back_flow``
moves the run on. Three steps share the screen: a question and its tiles,
the right answer shown after a wrong one, and the three main points with
the handout. "Get help now" and Back stay above the part that scrolls, the
step's buttons below it.

``offer_button`` and ``set_offer_text`` make the "Check your understanding"
button other screens (explainer, result) show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import ReadingLevel, TeachBack, TeachBackChoice, TeachBackQuestion
from kiosk.content.placeholders import fill_emergency_number
from kiosk.teach_back import (
    Step,
    TeachBackRun,
    asks_again,
    choice_order,
    current_question,
    right_choice,
)
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import help_now_button, set_help_now_text
from kiosk.ui.theme import ink
from kiosk.ui.widgets.buttons import MIN_TOUCH_PX, big_button, label, set_button_text
from kiosk.ui.widgets.picture import PictureLabel, has_picture, rendered
from kiosk.ui.widgets.properties import set_enum
from kiosk.ui.widgets.scrolling import scroll_area

MAX_TILES = 4
TILE_MIN_WIDTH = 260  # narrower than this, the tiles go two to a row
TILE_GAP = 16
# The summary's three points, each beside the picture of its message.
SUMMARY_PICTURES = ("get_help_now", "self_care", "see_doctor")
SUMMARY_POINTS = len(SUMMARY_PICTURES)


def offer_button(object_name: str) -> QPushButton:
    """The "Check your understanding" button the explainer and the results show."""
    return big_button(object_name=object_name)


def set_offer_text(button: QPushButton, ctx: ScreenContext) -> None:
    """Label the offer in the visitor's language."""
    set_button_text(
        button, ctx.strings("teach_back.offer"), ctx.strings("teach_back.offer_accessible")
    )


def teach_back_of(ctx: ScreenContext) -> TeachBack | None:
    """The teach-back content in the visitor's language (None: not offered)."""
    return ctx.pack.teach_back


class Pictogram(PictureLabel):
    """A pictogram whose picture and size change with what is on show."""

    def show_picture(self, picture_id: str, colour: str, size: int) -> None:
        """Draw ``picture_id`` in ``colour`` at ``size`` px (rendered once, then cached)."""
        if (picture_id, colour, size) == (self.picture_id, self._ink, self.size_px):
            return
        self.picture_id, self._ink, self.size_px = picture_id, colour, size
        self.setFixedSize(size, size)
        if has_picture(picture_id):
            self.setPixmap(rendered(picture_id, colour, size))
        else:
            self.clear()


class ChoiceTile(QPushButton):
    """A big tile: a picture above its caption; the whole tile is one button."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice_id = ""
        self.setObjectName(f"teach_back_tile_{index}")
        self.setProperty("role", "tile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        set_enum(self, "focusPolicy", "StrongFocus")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(12)
        self.picture = Pictogram("", object_name=f"teach_back_tile_picture_{index}")
        self.caption = label("tile_caption", object_name=f"teach_back_tile_caption_{index}")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self.picture, self.caption):
            # The tile takes the press wherever the finger lands on it.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.caption, 1)

    def show_choice(self, choice: TeachBackChoice, caption: str, colour: str, size: int) -> None:
        """Show ``choice`` with ``caption``; the tile's spoken name is its caption."""
        self.choice_id = choice.id
        self.picture.show_picture(choice.picture, colour, size)
        self.picture.set_description(caption)
        self.caption.setText(caption)

    def fit(self, width: int) -> None:
        """Be tall enough for the picture and the caption wrapped at ``width``."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        caption = max(self.caption.heightForWidth(inner), self.caption.sizeHint().height())
        height = margins.top() + self.picture.height() + 12 + caption + margins.bottom()
        self.setMinimumHeight(max(MIN_TOUCH_PX, height))


class TeachBackScreen(Screen):
    """Shows the teach-back run in ``session.teach_back``; emits the visitor's taps."""

    scrolls_itself = True
    choice_tapped = Signal(str)  # choice id
    go_on_requested = Signal()  # "Try again" / "Next question" / "See the main points"
    leave_requested = Signal()
    help_requested = Signal()
    handout_requested = Signal()
    done_requested = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tile_px = 128
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(24)
        self.leave = big_button(object_name="teach_back_leave")
        self.leave.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress = label("progress", object_name="teach_back_progress")
        self.help_now = help_now_button("teach_back_help")
        top.addWidget(self.leave)
        top.addWidget(self.progress, 1)
        top.addWidget(self.help_now)
        outer.addLayout(top)
        self.keep_in_reach(outer, top)  # low on a portrait screen

        page = QWidget()
        page.setObjectName("teach_back_page")
        self.page_layout = QVBoxLayout(page)
        self.page_layout.setContentsMargins(0, 0, 12, 0)
        self.page_layout.setSpacing(16)
        # On a portrait screen this stretch grows: the tiles sit low, in reach.
        self.page_layout.addStretch(0)
        # The one line after a right answer, above whatever comes next.
        self.confirm = QFrame()
        self.confirm.setObjectName("teach_back_confirm")
        self.confirm.setProperty("role", "action")
        confirm = QHBoxLayout(self.confirm)
        confirm.setContentsMargins(20, 12, 20, 12)
        confirm.setSpacing(16)
        self.confirm_picture = Pictogram("success", object_name="teach_back_confirm_picture")
        self.confirm_text = label("title", object_name="teach_back_confirm_text")
        confirm.addWidget(self.confirm_picture)
        confirm.addWidget(self.confirm_text, 1)
        self.page_layout.addWidget(self.confirm)
        # Asking: the question and its tiles.
        self.prompt = label("hero", object_name="teach_back_prompt")
        self.page_layout.addWidget(self.prompt)
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(TILE_GAP)
        # Every tile belongs to the page from the start (hidden until used), so
        # a question with more choices adds no widgets to the window later.
        self.tiles = [ChoiceTile(n) for n in range(MAX_TILES)]
        for tile in self.tiles:
            tile.setParent(page)
            tile.hide()
        for tile in self.tiles:
            tile.clicked.connect(lambda _=False, t=tile: self.choice_tapped.emit(t.choice_id))
        self.page_layout.addLayout(self.tile_grid)
        # After a wrong answer: the right one, with its picture, explained.
        self.not_quite = label("title", object_name="teach_back_not_quite")
        self.shown = QFrame()
        self.shown.setObjectName("teach_back_right_answer")
        self.shown.setProperty("role", "tile_shown")
        shown = QHBoxLayout(self.shown)
        shown.setContentsMargins(20, 16, 20, 16)
        shown.setSpacing(20)
        self.shown_picture = Pictogram("", object_name="teach_back_right_picture")
        self.shown_caption = label("tile_caption", object_name="teach_back_right_caption")
        shown.addWidget(self.shown_picture)
        shown.addWidget(self.shown_caption, 1)
        self.explain = label("subtitle", object_name="teach_back_explain")
        for widget in (self.not_quite, self.shown, self.explain):
            self.page_layout.addWidget(widget)
        # The end: the three main points.
        self.summary_title = label("hero", object_name="teach_back_summary_title")
        self.page_layout.addWidget(self.summary_title)
        self.points: list[tuple[Pictogram, QLabel]] = []
        self.point_rows: list[QWidget] = []
        for n, picture in enumerate(SUMMARY_PICTURES):
            row = QWidget()
            row.setObjectName(f"teach_back_point_row_{n}")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(20)
            symbol = Pictogram(picture, object_name=f"teach_back_point_picture_{n}")
            text = label("subtitle", object_name=f"teach_back_point_{n}")
            line.addWidget(symbol, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(text, 1)
            self.points.append((symbol, text))
            self.point_rows.append(row)
            self.page_layout.addWidget(row)
        self.page_layout.addStretch(1)
        self.scroll_area = scroll_area(page, "teach_back_scroll")
        outer.addWidget(self.scroll_area, 1)

        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        self.go_on = big_button(role="primary", object_name="teach_back_go_on")
        self.handout = big_button(role="primary", object_name="teach_back_handout")
        self.done = big_button(object_name="teach_back_done")
        for button in (self.go_on, self.handout, self.done):
            bottom.addWidget(button)
        outer.addLayout(bottom)

        self.leave.clicked.connect(self.leave_requested)
        self.help_now.clicked.connect(self.help_requested)
        self.go_on.clicked.connect(self.go_on_requested)
        self.handout.clicked.connect(self.handout_requested)
        self.done.clicked.connect(self.done_requested)

    # Drawing --------------------------------------------------------------

    @property
    def run(self) -> TeachBackRun | None:
        """The run on show (None: nothing to show)."""
        return self.ctx.session.teach_back

    @property
    def step(self) -> Step | None:
        """The step on show."""
        return self.run.step if self.run is not None else None

    def refresh(self) -> None:
        strings = self.ctx.strings
        run = self.run
        content = teach_back_of(self.ctx)
        colour = ink(self.ctx.session.high_contrast)
        set_help_now_text(self.help_now, self.ctx)
        set_button_text(
            self.leave, strings("teach_back.leave"), strings("teach_back.leave_accessible")
        )
        if run is None or content is None:
            self._show_step(None)
            return
        level = self.ctx.session.level
        question = current_question(run, content)
        asking = run.step is Step.ASK
        shown_number = min(run.index + 1, len(run.question_ids))
        self.progress.setText(
            strings("teach_back.progress", n=shown_number, total=len(run.question_ids))
        )
        if run.step is Step.SUMMARY:  # "Done" leaves from here; the row keeps its shape
            self.progress.clear()
        self.leave.setVisible(run.step is not Step.SUMMARY)
        confirmed = content.question(run.confirmed) if run.confirmed else None
        self.confirm.setVisible(confirmed is not None and run.step is not Step.SHOW_RIGHT)
        if confirmed is not None:
            self.confirm_text.setText(self._fill(confirmed.right_line[level]))
            self.confirm_picture.show_picture("success", colour, 56)
        self._show_step(run.step)
        if asking:
            self.prompt.setText(self._fill(question.prompt[level]))
            order = choice_order(question, run.wrong)
            for tile, choice in zip(self.tiles, order, strict=False):
                caption = self._fill(choice.caption[level])
                tile.show_choice(choice, caption, colour, self.tile_px)
                set_button_text(tile, "", strings("teach_back.tile_accessible", caption=caption))
            for n, tile in enumerate(self.tiles):
                tile.setVisible(n < len(order))
            self._place_tiles(len(order))
        elif run.step is Step.SHOW_RIGHT:
            right = right_choice(question, run.result_tier)
            self.not_quite.setText(strings("teach_back.not_quite"))
            self.shown_picture.show_picture(right.picture, colour, self.tile_px)
            self.shown_caption.setText(self._fill(right.caption[level]))
            self.shown_picture.set_description(self.shown_caption.text())
            self.explain.setText(self._fill(self._explain(question, right, level)))
            key = "teach_back.try_again" if asks_again(run) else self._after_last_key(run)
            set_button_text(self.go_on, strings(key))
        else:
            self.summary_title.setText(strings("teach_back.summary_title"))
            bullets = content.summary.get(level, ())
            for n, (symbol, text) in enumerate(self.points):
                point = bullets[n] if n < len(bullets) else ""
                text.setText(self._fill(point))
                self.point_rows[n].setVisible(bool(point))
                symbol.show_picture(SUMMARY_PICTURES[n], colour, max(64, self.tile_px // 2))
                symbol.set_description(point)
            set_button_text(self.handout, strings("teach_back.handout"))
            set_button_text(
                self.done, strings("teach_back.done"), strings("teach_back.done_accessible")
            )
        self._fit_tiles()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _after_last_key(self, run: TeachBackRun) -> str:
        last = run.index + 1 >= len(run.question_ids)
        return "teach_back.see_summary" if last else "teach_back.next_question"

    @staticmethod
    def _explain(question: TeachBackQuestion, right: TeachBackChoice, level: ReadingLevel) -> str:
        # The result question explains each result with its own words.
        texts = right.explain if question.for_result else question.explain
        return texts.get(level, "")

    def _fill(self, text: str) -> str:
        return fill_emergency_number(text, self.ctx.emergency_number)

    def _show_step(self, step: Step | None) -> None:
        asking, showing, summing = (step is s for s in (Step.ASK, Step.SHOW_RIGHT, Step.SUMMARY))
        self.prompt.setVisible(asking)
        for tile in self.tiles:
            if not asking:
                tile.setVisible(False)
        for widget in (self.not_quite, self.shown, self.explain, self.go_on):
            widget.setVisible(showing)
        self.summary_title.setVisible(summing)
        for row in self.point_rows:
            row.setVisible(summing)
        self.handout.setVisible(summing)
        self.done.setVisible(summing)
        if step is None:
            self.confirm.setVisible(False)
            self.progress.clear()
            self.leave.setVisible(True)

    # Layout ---------------------------------------------------------------

    def _tiles_width(self) -> int:
        # From the screen's own width: the scroll area's viewport is not laid
        # out yet when a hidden screen is refreshed before it is shown.
        layout = self.layout()
        side = 0
        if layout is not None:
            side = layout.contentsMargins().left() + layout.contentsMargins().right()
        scroll_bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        return self.width() - side - self.page_layout.contentsMargins().right() - scroll_bar

    def _columns(self, count: int) -> int:
        width = self._tiles_width()
        if count <= 1 or width <= 0:
            return max(count, 1)
        if (width - TILE_GAP * (count - 1)) / count >= TILE_MIN_WIDTH:
            return count
        return 2 if (width - TILE_GAP) / 2 >= TILE_MIN_WIDTH else 1

    def _place_tiles(self, count: int) -> None:
        columns = self._columns(count)
        for n, tile in enumerate(self.tiles):
            self.tile_grid.removeWidget(tile)
            if n < count:
                self.tile_grid.addWidget(tile, n // columns, n % columns)
        for column in range(MAX_TILES):
            self.tile_grid.setColumnStretch(column, 1 if column < columns else 0)

    def _fit_tiles(self) -> None:
        """Tall enough tiles for their captions; pictures sized to the screen."""
        visible = [tile for tile in self.tiles if not tile.isHidden()]
        if not visible:
            return
        columns = self._columns(len(visible))
        width = self._tiles_width()
        tile_width = max(1, (width - TILE_GAP * (columns - 1)) // columns)
        for tile in visible:
            tile.fit(tile_width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Pictures as big as the screen allows: large on a 4K panel, still
        # leaving room for the caption on a small laptop.
        height = self.height()
        size = max(96, min(256, height // 5))
        if size != self.tile_px:
            self.tile_px = size
            self.refresh()
            return
        if self.step is Step.ASK:
            self._place_tiles(sum(1 for t in self.tiles if not t.isHidden()))
        self._fit_tiles()

    def portrait_changed(self, portrait: bool) -> None:
        last = self.page_layout.count() - 1
        self.page_layout.setStretch(0, 1 if portrait else 0)
        self.page_layout.setStretch(last, 0 if portrait else 1)

    def speech_text(self) -> str:
        parts: list[str] = []
        if not self.confirm.isHidden():
            parts.append(self.confirm_text.text())
        step = self.step
        if step is Step.ASK:
            parts.append(self.prompt.text())
            parts += [tile.caption.text() for tile in self.tiles if not tile.isHidden()]
        elif step is Step.SHOW_RIGHT:
            parts += [self.not_quite.text(), self.shown_caption.text(), self.explain.text()]
            parts.append(self.go_on.text())
        elif step is Step.SUMMARY:
            parts.append(self.summary_title.text())
            parts += [text.text() for _, text in self.points if text.text()]
            parts.append(self.handout.text())
        return " ".join(part for part in parts if part)
