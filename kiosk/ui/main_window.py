"""The main window: top bar over the screen stack, and the wiring between them.

Screens emit signals; this window turns them into navigation. Services that
talk to printers or files are handed in from ``kiosk.app``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content.ids import ReadingLevel
from kiosk.ui.context import ScreenContext
from kiosk.ui.navigator import Navigator, ScreenId, lay_out_now
from kiosk.ui.page_styles import PageStyles
from kiosk.ui.screens.start import ACTIONS as START_ACTIONS
from kiosk.ui.screens.start import StartScreen
from kiosk.ui.theme import screen_scale, stylesheet
from kiosk.ui.widgets.buttons import point_at_buttons
from kiosk.ui.widgets.properties import set_enum
from kiosk.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from kiosk.ui.checklist_flow import ChecklistFlow
    from kiosk.ui.handout_flow import HandoutFlow
    from kiosk.ui.screens.explainer import ExplainerScreen
    from kiosk.ui.screens.topics import TopicsScreen
    from kiosk.ui.speech import ReadAloud
    from kiosk.ui.staff_mode import StaffMode
    from kiosk.ui.tap_guard import TapGuard
    from kiosk.ui.teach_back_flow import TeachBackFlow

log = logging.getLogger(__name__)


class MainWindow(QWidget):
    """Top bar, screen stack, and the visitor's session."""

    # Built by finish_building (just after the first paint).
    explainer: ExplainerScreen
    topics: TopicsScreen
    checklist: ChecklistFlow
    handout: HandoutFlow
    staff: StaffMode
    teach_back: TeachBackFlow

    tap_guard: TapGuard | None = None

    session_reset = Signal()
    handout_printed = Signal(int)  # copies; counted by kiosk.ui.usage

    def __init__(
        self,
        ctx: ScreenContext,
        parent: QWidget | None = None,
        deferred: bool = False,
        opens_at: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(ctx.start_text.title)
        # Enum properties by name before the first paint (kiosk.ui.widgets.properties).
        set_enum(self, "contextMenuPolicy", "NoContextMenu")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The type scale for the window's size (resizeEvent); ``opens_at``, the
        # size the window will open at, styles it once instead of twice.
        self.scale = screen_scale(*opens_at) if opens_at else 1.0
        self.styles = PageStyles(self)
        # The sheet before the pages: each is polished once, with it.
        self.apply_theme()
        self.top_bar = TopBar()
        self.styles.add(self.top_bar, fixed=True)  # its controls are all built here
        self.navigator = Navigator(self.styles)
        # A new screen starts with focus on the stack itself (outside the Tab
        # chain), so no button wears a focus ring a touch user did not ask for;
        # the first Tab press goes to the first control.
        set_enum(self.navigator, "focusPolicy", "ClickFocus")
        layout.addWidget(self.top_bar)
        layout.addWidget(self.navigator, 1)

        self.start = StartScreen(ctx)
        if deferred:
            # Every action from the first frame, so nothing moves once the
            # rest is built; a tap before that builds it first (_start_action).
            for action in START_ACTIONS:
                self.start.enable(action)
        self.navigator.add(ScreenId.START, self.start, scroll_later=True)
        self.start_actions: dict[str, ScreenId] = {}
        self.start.action_chosen.connect(self._start_action)
        self.top_bar.home_requested.connect(self.go_home)
        self.top_bar.level_chosen.connect(self.set_level)
        self.top_bar.text_size_requested.connect(self.next_text_size)
        self.top_bar.contrast_requested.connect(self.toggle_contrast)
        self.top_bar.language_requested.connect(self.next_language)
        self.navigator.screen_changed.connect(self._screen_changed)
        self._speech: ReadAloud | None = None  # made with the rest (``speech``)
        self.built = False
        self.refresh_all()
        self.show_screen(ScreenId.START)
        if not deferred:
            self.finish_building()

    def finish_building(self) -> None:
        """Build every screen but the start screen (once).

        ``kiosk.app`` calls this just after the start screen is first
        painted, so a patient sees the kiosk sooner; tests and the self-test
        build everything at once.
        """
        if self.built:
            return
        self.built = True
        from kiosk.memory import keep_heap_compact  # not needed for the first paint

        keep_heap_compact()  # before the visits' pictures and pages (kiosk.memory)
        self.navigator.lay_out_first = True
        # Imported here: these screens are not needed for the first paint.
        from kiosk.ui.checklist_flow import ChecklistFlow
        from kiosk.ui.handout_flow import HandoutFlow
        from kiosk.ui.handout_service import HandoutService
        from kiosk.ui.screens.explainer import ExplainerScreen
        from kiosk.ui.screens.topics import TopicsScreen
        from kiosk.ui.staff_mode import StaffMode

        # 1. The explainer: its map of picture tiles, then its pages.
        self.topics = TopicsScreen(self.ctx)
        self.navigator.add(ScreenId.TOPICS, self.topics)
        self.topics.topic_chosen.connect(self.open_page)
        self.explainer = ExplainerScreen(self.ctx)
        self.navigator.add(ScreenId.EXPLAINER, self.explainer)
        self.explainer.finished.connect(self.go_home)
        self.explainer.topics_requested.connect(lambda: self.show_screen(ScreenId.TOPICS))
        self.explainer.next_step_chosen.connect(self._next_step)
        self.register_action("learn", ScreenId.TOPICS)
        # 2. Read aloud: the engine loads off the GUI thread; the speaker
        # button shows only once one answers.
        self.session_reset.connect(self._stop_speaking)
        self.speech.availability_changed.connect(self.top_bar.show_speak)
        self.speech.load()
        self.top_bar.speak_requested.connect(self.read_aloud)
        self.speech.speaking_changed.connect(self.top_bar.set_speaking)
        # 3. The checklist; its outcome lives in the session.
        self.checklist = ChecklistFlow(self)
        self.explainer.help_requested.connect(self.checklist.get_help_now)
        self.topics.help_requested.connect(self.checklist.get_help_now)
        self.explainer.offer_step("checklist")
        # 4. The handout, reading that outcome from the session.
        service = HandoutService(self.ctx, lambda: self.staff.settings, self)
        self.handout = HandoutFlow(self.ctx, service, self.navigator, self.show_screen)
        self.register_action("handout", ScreenId.HANDOUT)
        self.checklist.result.handout_requested.connect(
            lambda: self.handout.open_from(ScreenId.RESULT)
        )
        self.checklist.result.enable_handout()
        self.explainer.offer_step("handout")
        service.printed.connect(self.handout_printed)
        self.session_reset.connect(self.handout.forget)
        # 4b. "Check your understanding", offered by the explainer and the results.
        from kiosk.ui.teach_back_flow import TeachBackFlow

        self.teach_back = TeachBackFlow(self)
        # 5. Staff mode: corner gesture, PIN pad, staff screen, quick print.
        self.staff = StaffMode(self)
        self.staff.quick_print_requested.connect(self._quick_print)
        # 6. The second tap of a double tap never lands on a screen it did not see.
        from kiosk.ui.tap_guard import TapGuard

        self.tap_guard = TapGuard(self)
        point_at_buttons(self)
        self.top_bar.paint_bar_colour()
        self.scale_pictures()
        from kiosk.ui.widgets.lines import enable as keep_lines_short

        keep_lines_short(self)  # and the parked parts: they join a screen when shown
        for lot in self.parking_lots():
            keep_lines_short(lot)
        self.navigator.put_in_scroll_area(ScreenId.START)  # not before the first paint
        self.refresh_current()

    def _quick_print(self, level: ReadingLevel, language: str, copies: int) -> None:
        self.handout.quick_print(level, language, copies, self.staff.screen.show_print_status)

    # Navigation -----------------------------------------------------------

    def show_screen(self, screen_id: ScreenId) -> None:
        """Show a screen, with the top bar set for it.

        Focus goes to the stack itself (outside the Tab chain), every time,
        the next question on the same screen too: otherwise the button just
        tapped wears the focus ring (an answer would look chosen already).
        """
        self.navigator.show_screen(screen_id)
        self.navigator.setFocus()
        self._show_home_if_allowed()  # also when the outcome changed on the same screen
        if self.tap_guard is not None:
            self.tap_guard.arm()

    def go_home(self) -> None:
        """Back to the start screen: answers and result go, display choices stay.

        Never from an emergency result: Home is hidden then (only staff clear it).
        """
        if self.holds_idle_reset():
            return
        self.ctx.session.clear_checklist()
        if self.built:
            self.checklist.forget()
        self.show_screen(ScreenId.START)

    def open_page(self, index: int) -> None:
        """An explainer page, chosen on the topics screen."""
        self.ctx.session.section_index = index
        self.show_screen(ScreenId.EXPLAINER)

    def _next_step(self, action: str) -> None:
        """A next step at the end of an explainer page."""
        if action == "handout":
            self.handout.open_from(ScreenId.EXPLAINER)
        else:
            self.show_screen(self.start_actions[action])

    def register_action(self, action: str, screen_id: ScreenId) -> None:
        """Offer ``action`` on the start screen, leading to ``screen_id``."""
        self.start_actions[action] = screen_id
        self.start.enable(action)

    def holds_idle_reset(self) -> bool:
        """True while the visitor's outcome is an emergency that staff have not cleared."""
        return self.built and self.checklist.holds_idle_reset()

    def _start_action(self, action: str) -> None:
        self.finish_building()  # a tap faster than the deferred build
        if action == "learn":
            self.ctx.session.section_index = 0
        if action == "handout":
            self.handout.open_from(ScreenId.START)
            return
        self.show_screen(self.start_actions[action])

    def read_aloud(self) -> None:
        """Read the screen on show in the visitor's language (a second tap stops)."""
        if self.speech.speaking:
            self.speech.stop()
            return
        screen = self.navigator.current_screen()
        if screen is not None:
            self.speech.speak(screen.speech_text(), self.ctx.session.language)

    @property
    def speech(self) -> ReadAloud:
        """Read aloud; made on first use, after the first paint (its module
        and its thread's event loop are not needed for the start screen)."""
        if self._speech is None:
            from kiosk.ui.speech import ReadAloud

            self._speech = ReadAloud(self)
        return self._speech

    @speech.setter
    def speech(self, speech: ReadAloud) -> None:
        self._speech = speech

    def _stop_speaking(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def end_speech(self) -> None:
        """End the speech thread, if one was started, and wait for it (at exit)."""
        if self._speech is not None:
            self._speech.shutdown()

    def _screen_changed(self, screen_id: ScreenId) -> None:
        self._stop_speaking()
        self.top_bar.close_display()  # the choices made, the room goes back to the screen
        self._show_home_if_allowed()

    def _show_home_if_allowed(self) -> None:
        """Home everywhere but the start screen, and never during an emergency."""
        at_start = self.navigator.current_id in (None, ScreenId.START)
        self.top_bar.home.setVisible(not at_start and not self.holds_idle_reset())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.navigator.set_portrait(self.height() > self.width())
        scale = screen_scale(self.width(), self.height())
        if scale != self.scale:  # the type scale follows the screen (kiosk.ui.theme)
            self.scale = scale
            self.apply_theme()
            self.scale_pictures()

    def scale_pictures(self) -> None:
        """Pictures grow with the type scale (none are built before the first paint)."""
        if not self.built:
            return
        from kiosk.ui.widgets.picture import PictureLabel

        pictures = set(self.findChildren(PictureLabel))
        for lot in self.parking_lots():
            pictures.update(lot.findChildren(PictureLabel))
        for picture in pictures:
            picture.set_scale(self.scale)

    def parking_lots(self) -> list[QWidget]:
        """Where screens keep the parts not on show (outside the window)."""
        return [self.checklist.question.parked, self.checklist.result.parked]

    # Visitor choices -------------------------------------------------------

    def set_level(self, level: ReadingLevel) -> None:
        """Change the reading level and redraw in place (keeps the page)."""
        self.ctx.session.level = level
        self.refresh_current()

    def next_text_size(self) -> None:
        """Cycle normal -> large -> extra large."""
        self.ctx.session.text_size = self.ctx.session.text_size.next()
        self.apply_theme()
        self.refresh_current()

    def toggle_contrast(self) -> None:
        """Switch between the normal and the high-contrast theme."""
        self.ctx.session.high_contrast = not self.ctx.session.high_contrast
        self.apply_theme()
        self.refresh_current()

    def next_language(self) -> None:
        """Switch to the next shipped language, keeping the place."""
        self.ctx.session.language = self._next_language_code() or self.ctx.session.language
        self._stop_speaking()
        from kiosk.ui.qt_translations import use_qt_translation

        use_qt_translation(self.ctx.session.language)  # Qt's own words too
        self.refresh_current()

    def _next_language_code(self) -> str | None:
        codes = list(self.ctx.language_codes)
        if len(codes) < 2:
            return None
        return codes[(codes.index(self.ctx.session.language) + 1) % len(codes)]

    # Drawing ----------------------------------------------------------------

    def apply_theme(self) -> None:
        """Apply the session's text size and theme: at once to what is on show,
        to the other screens before they are shown (``kiosk.ui.page_styles``)."""
        session = self.ctx.session
        self.styles.set_sheet(stylesheet(session.text_size, session.high_contrast, self.scale))

    def refresh_current(self) -> None:
        """Redraw the top bar and the screen on show."""
        code = self._next_language_code()
        name = self.ctx.language_name(code) if code else None
        self.top_bar.refresh(self.ctx.strings, self.ctx.session, name)
        self._show_home_if_allowed()
        self.setWindowTitle(self.ctx.start_text.title)
        screen = self.navigator.current_screen()
        if screen is not None:
            screen.refresh()
        if self.built:
            lay_out_now()

    def refresh_all(self) -> None:
        """Theme and texts from scratch (start-up and after a reset)."""
        self.apply_theme()
        self.refresh_current()

    def reset_session(self) -> None:
        """Wipe the visitor's session and return to the start screen."""
        self.ctx.session.reset()
        self.top_bar.close_display()
        if self.built:
            from kiosk.ui.qt_translations import use_qt_translation

            use_qt_translation(self.ctx.session.language)
        self.refresh_all()
        self.show_screen(ScreenId.START)
        self.session_reset.emit()
        # Once the start screen is drawn: give back what the visit freed.
        from kiosk.memory import tidy as tidy_memory

        QTimer.singleShot(0, tidy_memory)
