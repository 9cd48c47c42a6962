"""Keep the kiosk running: log unexpected errors and go back to the start.

An exception raised in a Qt slot reaches ``sys.excepthook`` (PySide prints it
there by default, on a console nobody reads). The guard logs it, with the
traceback, to the log only, and calls ``recover`` (the main window's
``reset_session``), so the next visitor finds the start screen and never a
traceback. Qt's own warnings go to the same log.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from kiosk.folders import log_dir

log = logging.getLogger("kiosk.crash")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    """Installs the hooks; ``uninstall`` puts the previous ones back."""

    def __init__(self, recover: Callable[[], None]) -> None:
        self.recover = recover
        self.errors = 0
        self._recovering = False
        self._previous_hook: ExceptHook | None = None
        self._installed = False

    def install(self) -> CrashGuard:
        """Take over ``sys.excepthook`` and Qt's message handler."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle
        qInstallMessageHandler(qt_message_to_log)
        self._installed = True
        return self

    def uninstall(self) -> None:
        """Restore the previous hook and Qt's default message handler."""
        if not self._installed:
            return
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        qInstallMessageHandler(None)
        self._installed = False

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """Log one unexpected exception and bring the kiosk back to the start."""
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, error, trace)
            return
        self.errors += 1
        log.error("unexpected error; returning to the start screen", exc_info=(kind, error, trace))
        if self._recovering:
            # The recovery itself failed: stop here rather than loop.
            return
        self._recovering = True
        try:
            self.recover()
        except Exception:
            log.exception("could not return to the start screen after an error")
        finally:
            self._recovering = False


def qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Send a Qt message to the ``kiosk.qt`` logger instead of stderr."""
    logging.getLogger("kiosk.qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install_crash_guard(recover: Callable[[], None]) -> CrashGuard:
    """Install a guard that calls ``recover`` after any unexpected exception."""
    return CrashGuard(recover).install()


LOG_FILE = "kiosk.log"


def log_to_file(folder: Path | None = None) -> RotatingFileHandler | None:
    """Also log to ``kiosk.log`` in the user log folder (kept small, rotated).

    The log holds events and errors, never what a visitor answered. Returns
    the file's path, or None if the folder cannot be written (the kiosk runs
    on with the console log only).
    """
    folder = log_dir() if folder is None else folder
    path = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write the log file in %s: %s", folder, exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler


def stop_logging_to_file(handler: logging.Handler | None) -> None:
    """Detach and close a handler from :func:`log_to_file` (None is fine)."""
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
