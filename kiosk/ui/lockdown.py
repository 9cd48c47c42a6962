"""Full-screen lockdown for the waiting room.

Frameless and full screen; closing the window, Alt+F4, Escape (and the usual
quit shortcuts) are refused until staff choose "Exit kiosk"; context menus
are swallowed everywhere; the mouse cursor can be hidden for touch screens.

What the app cannot block (Ctrl+Alt+Del, the OS's own gestures, switching
users) is for the operating system's kiosk mode: see docs/waiting-room.md.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

_QUIT_KEYS = frozenset({Qt.Key.Key_Escape, Qt.Key.Key_Close, Qt.Key.Key_Exit})
# Ctrl+W / Ctrl+Q close or quit in many apps; Alt+F4 closes windows.
_CTRL_KEYS = frozenset({Qt.Key.Key_W, Qt.Key.Key_Q})


def is_quit_key(event: QKeyEvent) -> bool:
    """True for keys a visitor might use to close the kiosk."""
    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key in _QUIT_KEYS:
        return True
    if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        return True
    return key in _CTRL_KEYS and bool(mods & Qt.KeyboardModifier.ControlModifier)


class Lockdown(QObject):
    """Locks one top-level window down; ``allow_exit`` lifts the close lock."""

    def __init__(self, window: QWidget, hide_cursor: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.exit_allowed = False
        self.cursor_hidden = False
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.setQuitOnLastWindowClosed(False)
        if hide_cursor:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.cursor_hidden = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
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
        self.allow_exit()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.removeEventFilter(self)
        if self.cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self.cursor_hidden = False


def lock_down(window: QWidget, hide_cursor: bool = False) -> Lockdown:
    """Lock ``window`` down and show it full screen."""
    lockdown = Lockdown(window, hide_cursor)
    window.showFullScreen()
    return lockdown
