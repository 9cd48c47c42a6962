"""Screen change and reading-level switch, tap to painted, in one warm process."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from bench.qt_helpers import PaintProbe, application, settle, tap_until_painted
from bench.stats import summary
from kiosk.content.models import ReadingLevel
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import stylesheet

WARM_UP = 5


def measure_screen_change(window: MainWindow, runs: int = 50) -> dict[str, float]:
    """Tap to new screen painted: Start -> topics -> explainer, then Next through every page.

    After the last page Next leads back to the start screen, which counts as
    a screen change too.
    """
    probe = PaintProbe()
    samples: list[float] = []
    try:
        window.reset_session()
        settle()
        while len(samples) < runs + WARM_UP:
            nav = window.navigator
            target: Screen
            if nav.current_id is ScreenId.START:
                button, target = window.start.buttons["learn"], window.topics
            elif nav.current_id is ScreenId.TOPICS:
                button, target = window.topics.read_all, window.explainer
            else:
                last = (
                    window.explainer.ctx.session.section_index
                    >= len(window.ctx.pack.topic.sections) - 1
                )
                button = window.explainer.next
                target = window.start if last else window.explainer
            samples.append(tap_until_painted(probe, button, target))
            settle()
    finally:
        probe.remove()
    return summary(samples[WARM_UP:])


def measure_level_switch(window: MainWindow, runs: int = 50) -> dict[str, float]:
    """On an explainer page, tap the next reading level until the page has repainted."""
    probe = PaintProbe()
    samples: list[float] = []
    levels = list(ReadingLevel)
    try:
        window.reset_session()
        window.ctx.session.section_index = 1
        window.show_screen(ScreenId.EXPLAINER)
        settle()
        for i in range(runs + WARM_UP):
            level = levels[(levels.index(window.ctx.session.level) + 1) % len(levels)]
            button = window.top_bar.levels.buttons[level]
            samples.append(tap_until_painted(probe, button, window.explainer))
            settle()
            assert window.ctx.session.level is level, f"level switch {i} did not happen"
    finally:
        probe.remove()
    return summary(samples[WARM_UP:])


# The screens a display tap is timed on: where visitors read and answer.
DISPLAY_SCREENS = (ScreenId.START, ScreenId.EXPLAINER, ScreenId.QUESTION, ScreenId.RESULT)


def _display_buttons(window: MainWindow) -> dict[str, QPushButton]:
    bar = window.top_bar
    return {"text_size": bar.text_size, "contrast": bar.contrast, "language": bar.language}


def measure_display_taps(
    window: MainWindow, runs: int = 12, baseline: bool = True
) -> dict[str, dict[str, float]]:
    """Text size, contrast and language taps, tap to painted, on each of
    ``DISPLAY_SCREENS`` (``runs`` taps of each kind per screen).

    Also ``*_whole_app``: the same change made the way the kiosk made it up
    to issue 14 (the application's whole style sheet replaced, then the
    screen redrawn), timed the same way in the same run, as the baseline.
    """
    probe = PaintProbe()
    taps: dict[str, list[float]] = {name: [] for name in _display_buttons(window)}
    whole_app: list[float] = []
    try:
        for screen_id in DISPLAY_SCREENS:
            window.reset_session()
            if screen_id is ScreenId.RESULT:
                window.checklist.finish()  # no answers: the self-care card
            elif screen_id is ScreenId.QUESTION:
                window.checklist.start()
            else:
                window.show_screen(screen_id)
            settle()
            page = window.navigator.currentWidget()
            for name, button in _display_buttons(window).items():
                for i in range(runs + 1):
                    sample = tap_until_painted(probe, button, page)
                    if i:  # the first tap of a kind warms up
                        taps[name].append(sample)
                    settle()
            if baseline:
                whole_app.extend(_whole_app_restyles(window, probe, page, runs))
        window.reset_session()
        settle()
    finally:
        probe.remove()
    out = {f"{name}_ms": summary(samples) for name, samples in taps.items()}
    if baseline:
        out["whole_app_restyle_ms"] = summary(whole_app)
    return out


def measure_display_taps_waiting_room(window: MainWindow, runs: int = 12) -> dict[str, Any]:
    """The same taps with the waiting room's watchers on the window, as a
    clinic's kiosk runs: the idle reset (on the window's input) and the
    lockdown (an application-wide filter for quit keys and context menus)."""
    from kiosk.settings import Settings
    from kiosk.ui.idle import IdleReset
    from kiosk.ui.lockdown import Lockdown

    lockdown = Lockdown(window)
    lockdown.settle()  # what its first-paint hook does
    idle = IdleReset(window, Settings())
    try:
        taps = measure_display_taps(window, runs, baseline=False)
    finally:
        idle.stop()
        idle.overlay.deleteLater()
        lockdown.release()
        settle()
    return taps


def _whole_app_restyles(
    window: MainWindow, probe: PaintProbe, page: QWidget, runs: int
) -> list[float]:
    """The pre-issue-14 way: ``QApplication.setStyleSheet``, redraw, paint."""
    app = application()
    session = window.ctx.session
    samples: list[float] = []
    try:
        for i in range(runs + 1):
            probe.target, probe.painted = page, False
            started = time.perf_counter()
            session.text_size = session.text_size.next()
            app.setStyleSheet(stylesheet(session.text_size, session.high_contrast))
            window.refresh_current()
            page.update()
            while not probe.painted:
                app.processEvents()
            if i:
                samples.append((time.perf_counter() - started) * 1000.0)
            settle()
    finally:
        app.setStyleSheet("")
        window.apply_theme()
        settle()
    return samples


def measure_teach_back(window: MainWindow, runs: int = 50) -> dict[str, float]:
    """ "Check your understanding": tap to painted, for the offer and every tile tap.

    From the explainer's last page: the offer, then the right tile of each
    question (the next question, or the summary), then "Done" back to the
    start; each tap is one sample.
    """
    from kiosk.teach_back import Step, right_choice

    probe = PaintProbe()
    samples: list[float] = []
    screen = window.teach_back.screen
    content = window.ctx.pack.teach_back
    assert content is not None
    try:
        window.reset_session()
        settle()
        while len(samples) < runs + WARM_UP:
            run = window.ctx.session.teach_back
            if window.navigator.current_id is not ScreenId.TEACH_BACK or run is None:
                window.ctx.session.section_index = len(window.ctx.pack.topic.sections) - 1
                window.show_screen(ScreenId.EXPLAINER)
                settle()
                samples.append(tap_until_painted(probe, window.explainer.teach_back, screen))
            elif run.step is Step.SUMMARY:
                tap_until_painted(probe, screen.done, window.start)
            else:
                question = content.question(run.question_id)
                right = right_choice(question, run.result_tier).id
                tile = next(t for t in screen.tiles if t.isVisible() and t.choice_id == right)
                samples.append(tap_until_painted(probe, tile, screen))  # type: ignore[arg-type]
            settle()
    finally:
        probe.remove()
    return summary(samples[WARM_UP:])
