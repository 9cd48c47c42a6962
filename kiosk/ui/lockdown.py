"""Full-screen lockdown for the waiting room.

Frameless and full screen; closing the window, Alt+F4, Escape (and the usual
quit shortcuts) are refused until staff choose "Exit kiosk"; context menus
are swallowed everywhere; the mouse cursor can be hidden for touch screens.

What the app cannot block (Ctrl+Alt+Del, the OS's own gestures, switching
users) is for the operating system's kiosk mode: see docs/waiting-room.md.

The lock is set before the window is first shown, without PySide's ``Qt``
enum namespace (20-30 ms to build, docs/performance.md): the frameless and
stay-on-top flags go to the native window by name. Just after the first
paint, the widget is told the same flags and the cursor is hidden.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeyEvent, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.deferred import after_first_paint
from kiosk.ui.input_watch import WindowsInput
from kiosk.ui.widgets.properties import set_enum

log = logging.getLogger(__name__)

# The native window's flags: a plain window, no frame, above other windows.
LOCKED_FLAGS = "Window|FramelessWindowHint|WindowStaysOnTopHint"


def is_quit_key(event: QKeyEvent) -> bool:
    """True for keys a visitor might use to close the kiosk: Escape, Close,
    Exit, Alt+F4, and Ctrl+W / Ctrl+Q (close or quit in many apps)."""
    from PySide6.QtCore import Qt  # a key arrives after the first paint

    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key in (Qt.Key.Key_Escape, Qt.Key.Key_Close, Qt.Key.Key_Exit):
        return True
    if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        return True
    return key in (Qt.Key.Key_W, Qt.Key.Key_Q) and bool(mods & Qt.KeyboardModifier.ControlModifier)


def _opens_a_menu(event: QEvent) -> bool:
    """A right button, the Menu key or a context-menu request: a context menu's start."""
    from PySide6.QtCore import Qt

    kind = event.type()
    if kind == QEvent.Type.ContextMenu:
        return True
    if kind in (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
    ):
        assert isinstance(event, QMouseEvent)
        return event.button() == Qt.MouseButton.RightButton
    if kind == QEvent.Type.KeyPress:
        assert isinstance(event, QKeyEvent)
        return event.key() == Qt.Key.Key_Menu
    return False


class Lockdown(QObject):
    """Locks one top-level window down; ``allow_exit`` lifts the close lock."""

    def __init__(self, window: QWidget, hide_cursor: bool = False) -> None:
        """Lock ``window`` (before it is shown); it settles after its first paint."""
        super().__init__(window)
        self.window = window
        self.exit_allowed = False
        self.cursor_hidden = False
        self.hide_cursor = hide_cursor
        self.settled = False
        self.released = False
        self._refused: QRect | None = None  # a geometry the window kept instead of the screen's
        self._windows: WindowsInput | None = None  # from the first paint on
        window.create()  # the native window now, so its flags can be set by name
        handle = window.windowHandle()
        if handle is not None:
            set_enum(handle, "flags", LOCKED_FLAGS)
        set_enum(window, "contextMenuPolicy", "NoContextMenu")
        window.installEventFilter(self)  # refuses Close from the start
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.setQuitOnLastWindowClosed(False)
        after_first_paint(window, self.settle)

    def settle(self) -> None:
        """After the first paint: keys and context menus are filtered where
        the window system delivers them (the window's QWindow, and any other
        window that takes the focus), the widget learns the native window's
        flags (a later re-creation keeps them), and the cursor is hidden if
        asked.

        Not an application-wide filter: PySide wraps every event such a
        filter sees in Python, every paint, layout and style event of every
        widget, about 1.5 ms of each text-size tap (docs/performance.md).
        Every key and mouse button reaches the QWindow first; a context menu
        is made from a right button or the Menu key there, so taking those
        keeps every context menu away.
        """
        if self.settled or self.released:
            return
        self.settled = True
        self._windows = WindowsInput(self.window, self)
        from PySide6.QtCore import Qt

        locked = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        self.window.overrideWindowFlags(self.window.windowFlags() | locked)
        if self.hide_cursor:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.cursor_hidden = True

    def fill_screen(self) -> None:
        """Cover the window's whole screen (again), if something moved or shrank it.

        A window manager keeps a full-screen window in place; without one
        (a bare X server) nothing does, so the lockdown does.
        """
        if self.released:
            return
        screen = self.window.screen()
        if screen is None:
            return
        here, wanted = self.window.geometry(), screen.geometry()
        # Once per geometry: a window that cannot take the screen's size (its
        # minimum is larger) would otherwise be asked again at every resize.
        if here == wanted or here == self._refused:
            return
        self.window.setGeometry(wanted)
        if self.window.geometry() != wanted:
            self._refused = self.window.geometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QWindow) and _opens_a_menu(event):
            event.accept()
            return True
        if watched is self.window and kind in (QEvent.Type.Resize, QEvent.Type.Move):
            if self.settled and not self.exit_allowed:
                QTimer.singleShot(0, self.fill_screen)
            return False
        if kind == QEvent.Type.Close and watched is self.window and not self.exit_allowed:
            assert isinstance(event, QCloseEvent)
            event.ignore()
            log.info("window close refused (kiosk lockdown)")
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if is_quit_key(event) and not self.exit_allowed:
                event.accept()
                return True
        if kind == QEvent.Type.ContextMenu:
            event.accept()
            return True
        return False

    def allow_exit(self) -> None:
        """Staff chose "Exit kiosk": let the window close from now on."""
        self.exit_allowed = True
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.setQuitOnLastWindowClosed(True)

    def release(self) -> None:
        """Undo everything (tests, or leaving kiosk mode)."""
        self.released = True
        self.allow_exit()
        if self._windows is not None:
            self._windows.stop()
        self.window.removeEventFilter(self)
        if self.cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self.cursor_hidden = False
