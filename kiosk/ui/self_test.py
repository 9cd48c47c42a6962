"""``kiosk --self-test``: visit every screen at every level offscreen."""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.content.models import ReadingLevel
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId

STAFF_SCREENS = (ScreenId.STAFF_PIN, ScreenId.STAFF)


def visit_all(
    window: MainWindow, reset: bool = True, every_page: bool = True
) -> Iterator[tuple[str, ReadingLevel]]:
    """Show every screen (and every explainer page) at every level.

    Yields a name for each view as it is shown, so callers can grab it;
    resets the session at the end unless ``reset`` is False. With
    ``every_page`` False the explainer shows only its first and last pages.
    """
    session = window.ctx.session
    # Leaving staff mode resets the visitor's session, so staff screens come last.
    visitor = [s for s in window.navigator.screens if s not in STAFF_SCREENS]
    for level in ReadingLevel:
        window.set_level(level)
        for screen_id in visitor:
            if screen_id is ScreenId.EXPLAINER:
                sections = list(enumerate(window.ctx.pack.topic.sections))
                if not every_page:
                    sections = [sections[0], sections[-1]]
                for index, section in sections:
                    session.section_index = index
                    window.show_screen(screen_id)
                    yield f"explainer-{index + 1:02d}-{section.id}", level
                session.section_index = 0
            else:
                window.show_screen(screen_id)
                yield screen_id.value, level
    for screen_id in STAFF_SCREENS:
        if screen_id in window.navigator.screens:
            window.show_screen(screen_id)
            yield screen_id.value, session.level
    if reset:
        window.reset_session()


def run_self_test(window: MainWindow) -> int:
    """Build and grab every view; print one line; 0 when all went well."""
    window.resize(1280, 800)
    window.show()
    views = 0
    for code in window.ctx.content.languages:
        window.ctx.session.language = code
        window.refresh_current()
        for name, level in visit_all(window):
            if window.grab().isNull():
                print(f"self-test FAILED: {name} at {level} in {code} could not be drawn")
                return 1
            views += 1
    topic = window.ctx.pack.topic
    languages = ", ".join(window.ctx.content.languages)
    print(
        f"self-test ok: {views} views of {len(window.navigator.screens)} screens at "
        f"{len(ReadingLevel)} levels in {languages} drawn; content {topic.version}"
    )
    return 0
