"""Composition root: build the application, load content, wire the screens.

Reads as a list of steps; the logic lives in the core and the screens.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.content import ContentError
    from kiosk.content.cache import ContentCopy
    from kiosk.settings import LoadedSettings, Settings
    from kiosk.ui.lockdown import Lockdown
    from kiosk.ui.waiting_room import WaitingRoom

log = logging.getLogger("kiosk")


def run_app(
    content_dir: Path | None = None, fullscreen: bool | None = None, self_test: bool = False
) -> int:
    """Run the kiosk (or its self-test); returns the exit code."""
    # Start-up makes many objects and frees few, so the garbage collector's
    # passes are wasted there: it is paused until the first paint.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run_app(content_dir, fullscreen, self_test, gc.enable if paused else _nothing)
    finally:
        if paused:
            gc.enable()


def _nothing() -> None:
    pass


def _run_app(
    content_dir: Path | None,
    fullscreen: bool | None,
    self_test: bool,
    resume_gc: Callable[[], None],
) -> int:
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.journal import configure_logging

    configure_logging()  # the journal with fields under systemd, else stderr

    # 1. The clinic settings and 2. the content: the Qt-free core, read
    # before Qt starts (the broken-content screen is shown once it has).
    # A damaged settings file gives defaults and a warning for the staff
    # screen, never a crash. --fullscreen/--windowed win.
    loaded = _load_settings()  # the user's file under IT's system file
    settings = loaded.settings
    fullscreen = settings.fullscreen if fullscreen is None else fullscreen
    # Broken content gets a plain screen (below), never a traceback. The
    # session and context are Qt-free, so imported before PySide, whose
    # import hook (Python code) then runs for every import statement.
    from kiosk.content import ContentError
    from kiosk.session import Session
    from kiosk.ui.context import ScreenContext

    problem: ContentError | None = None
    try:
        content = _load_content(content_dir, settings, bool(fullscreen), self_test)
    except ContentError as exc:
        problem = exc

    # The Qt application.
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)

    if problem is not None:
        print(f"kiosk: the content cannot be loaded:\n{problem}", file=sys.stderr)
        if self_test:
            return 1
        return _show_content_error(app, problem, settings, bool(fullscreen), resume_gc)

    from kiosk.ui.main_window import MainWindow

    # 3. The visitor's session and the screens.
    language = settings.default_language
    if language not in content.start:
        language = next(iter(content.start))
    session = Session(default_language=language, default_level=settings.default_level)
    ctx = ScreenContext(
        content=content,
        session=session,
        emergency_number=settings.emergency_number,
        # No dialogs in waiting-room mode, whatever a window manager later does.
        waiting_room=bool(fullscreen),
    )

    # 4. Self-test: every screen at every level, offscreen.
    if self_test:
        from kiosk.review import use_content_dir
        from kiosk.ui.self_test import run_self_test

        use_content_dir(content_dir)
        window = MainWindow(ctx)
        window.staff.configure(settings, loaded.warning)
        resume_gc()
        code = run_self_test(window)
        window.end_speech()  # the speech thread ends before the process does
        return code

    # Only the start screen is built before the first paint; the rest is
    # built right after it, while the patient reads the title. It is styled
    # for the size it opens at, not restyled when it gets there.
    window = MainWindow(
        ctx, deferred=True, opens_at=_planned_size(app.primaryScreen(), bool(fullscreen))
    )

    # 5. Waiting-room mode (crash guard, idle reset, counters, lockdown in
    # full screen), then show and run. KIOSK_EXIT_AFTER_FIRST_PAINT=1: print
    # the first paint and quit (`python -m bench`; docs/performance.md).
    from kiosk.ui import first_paint
    from kiosk.ui.deferred import after_first_paint

    lockdown = None
    if fullscreen:
        from kiosk.ui.lockdown import Lockdown

        lockdown = Lockdown(window, hide_cursor=settings.hide_cursor)
    room: WaitingRoom | None = None  # both made just after the first paint
    log_file: logging.Handler | None = None
    error_screen: QWidget | None = None  # if the content breaks after the first paint

    def finish() -> None:
        nonlocal room, log_file, error_screen
        resume_gc()
        from kiosk.ui.crash_guard import log_to_file

        # All the content, read back from the copy now that the start screen
        # is up (only the start texts were read before the first paint).
        try:
            pack = ctx.content
        except ContentError as exc:  # the YAML, needed after all, was broken meanwhile
            log_file = log_to_file()
            _log_start({})
            error_screen = _replace_with_error(window, exc, settings, bool(fullscreen), lockdown)
            return
        # The log file starts here, after the first paint (it costs an
        # import); anything logged before it went to the console only.
        log_file = log_to_file()
        from kiosk.review import approval_line, use_content_dir
        from kiosk.ui.waiting_room import install_waiting_room

        use_content_dir(content_dir)  # whose review records count

        versions = {code: lang.topic.version for code, lang in pack.languages.items()}
        _log_start(versions, approval_line(pack.languages))
        # The crash guard and the idle reset first, then the other screens,
        # then anything that reads a file that could be damaged (issue 16).
        room = install_waiting_room(
            window, loaded, fullscreen, lockdown=lockdown, build=window.finish_building
        )

    after_first_paint(window, finish)
    if first_paint.enabled():
        # Installed last so its filter sees the paint first (Qt calls the
        # newest filter first): the figure is the paint, not the build after.
        first_paint.install(window)
    _show(window, fullscreen)
    code = app.exec()
    window.end_speech()  # the speech thread ends before the process does
    if room is not None:
        room.close()  # the counts are written at exit
        room.crash_guard.uninstall()
        room.idle.stop()  # no timer of this window may fire in a later event loop
        if room.lockdown is not None:
            room.lockdown.release()
    if log_file is not None:
        from kiosk.ui.crash_guard import stop_logging_to_file

        stop_logging_to_file(log_file)
    if not first_paint.enabled():
        # In a process that runs another event loop later (the tests), none of
        # this window's timers may run there. (Not after a first-paint exit:
        # the half-built window is left to the process's end.)
        window.close()
        window.deleteLater()
        if error_screen is not None:
            # Deleted by Qt's next event loop, not whenever Python's collector
            # reaches the cycle that keeps it (``finish`` and the window). In
            # the tests, a locked error screen left to the collector was
            # followed by a crash in a later window's constructor.
            error_screen.deleteLater()
    return code


def _load_content(
    content_dir: Path | None, settings: Settings, fullscreen: bool, self_test: bool
) -> ContentCopy:
    """The content, checked; raises ContentError when it cannot be used.

    From a current copy only the start texts are read here; the rest is read
    on first use, just after the first paint. A full-screen kiosk set to
    require approved content refuses a draft.
    """
    from kiosk.content.cache import ContentCopy, open_content_cached

    if self_test:  # the self-test checks the YAML itself
        from kiosk.content import load_content

        content = ContentCopy.ready(load_content(content_dir))
    else:  # a checked copy when the YAML has not changed (docs/performance.md)
        content = open_content_cached(content_dir)
    # Clinical sign-off (docs/content-review.md): a full-screen kiosk may
    # refuse content nobody approved. Whose records count is set after the
    # first paint (``finish``), when nothing before it needs them.
    if settings.require_approved_content and fullscreen and not self_test:
        from kiosk.review import check_at_start

        check_at_start(content_dir, content.pack, require_approved=True, refuse=True)
    return content


def _show_content_error(
    app: QApplication,
    problem: ContentError,
    settings: Settings,
    fullscreen: bool,
    resume_gc: Callable[[], None],
) -> int:
    """The plain "content cannot be loaded" screen, locked in full screen."""
    from kiosk.ui import first_paint
    from kiosk.ui.crash_guard import log_to_file

    log_to_file()
    _log_start({})
    error = _error_screen(app, problem, settings, fullscreen)
    if first_paint.enabled():
        first_paint.install(error)
    _show(error, fullscreen)
    resume_gc()
    return app.exec()


def _error_screen(
    app: QApplication, problem: ContentError, settings: Settings, fullscreen: bool
) -> QWidget:
    from kiosk.session import TextSize
    from kiosk.ui.screens.error import ErrorScreen
    from kiosk.ui.strings import fallback_strings
    from kiosk.ui.theme import apply_theme

    log.error("the content cannot be loaded:\n%s", problem)
    apply_theme(app, TextSize.NORMAL, high_contrast=False)
    error = ErrorScreen(fallback_strings(), problem.problems)
    if fullscreen:
        # Locked like the kiosk: a patient cannot close it and reach the
        # desktop. Staff fix the content and restart the kiosk.
        from kiosk.ui.lockdown import Lockdown

        Lockdown(error, hide_cursor=settings.hide_cursor)
    return error


def _replace_with_error(
    window: QWidget,
    problem: ContentError,
    settings: Settings,
    fullscreen: bool,
    lockdown: Lockdown | None,
) -> QWidget:
    """After the first paint: the content's models could not be read after all.

    Only if the copy was refused and the YAML, read instead, is broken (it
    was edited in the moment since the start). The window gives way to the
    error screen, which is returned (the caller keeps it); the application
    quits when that is closed (in a window).
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    error = _error_screen(app, problem, settings, fullscreen)
    _show(error, fullscreen)
    if lockdown is not None:
        lockdown.release()
    window.hide()
    return error


def _load_settings() -> LoadedSettings:
    """The settings in force; defaults and a warning if anything at all goes wrong.

    ``load_effective_settings`` never raises by design; this is the last line
    of defence, so a file no reader foresaw cannot stop the kiosk starting
    (and with it the idle reset and the crash guard).
    """
    from kiosk.settings import LoadedSettings, Settings
    from kiosk.system_settings import load_effective_settings

    try:
        return load_effective_settings()
    except Exception as exc:
        log.exception("the settings could not be loaded; using defaults")
        return LoadedSettings(
            Settings(), f"The settings could not be loaded ({type(exc).__name__}); using defaults"
        )


def _log_start(versions: dict[str, str], approval: str | None = None) -> None:
    """The start line (kiosk.fleet.start_line), logged as soon as the log file opens.

    So it is the file's first line of each start; the console and the journal
    get it there too.
    """
    from kiosk.fleet import start_line

    log.info("%s", start_line(versions, approval))


def _planned_size(screen: QScreen | None, fullscreen: bool) -> tuple[int, int]:
    """The size the window opens at on ``screen``: the screen's in full
    screen; else 1280 x 800, or the screen's free area when that is smaller
    (a 1366 x 768 laptop), so Back, Next and the answers stay on screen."""
    if screen is None:
        return 1280, 800
    if fullscreen:
        return screen.geometry().width(), screen.geometry().height()
    free = screen.availableGeometry()
    return min(1280, free.width()), min(800, free.height())


def _show(widget: object, fullscreen: bool) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    screen = widget.screen()
    if fullscreen:
        # The screen's whole area first: with no window manager (a bare X
        # server, cage) showFullScreen alone is only a request nobody grants,
        # and the window stayed at its own size in a corner.
        if screen is not None:
            widget.setGeometry(screen.geometry())
        widget.showFullScreen()
    else:
        widget.resize(*_planned_size(screen, fullscreen=False))
        widget.show()
