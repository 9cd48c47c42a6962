"""Screen change and reading-level switch, tap to painted, in one warm process."""

from __future__ import annotations

from bench.qt_helpers import PaintProbe, settle, tap_until_painted
from bench.stats import summary
from kiosk.content.models import ReadingLevel
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.base import Screen

WARM_UP = 5


def measure_screen_change(window: MainWindow, runs: int = 50) -> dict[str, float]:
    """Tap to new screen painted: Start -> explainer, then Next through every page.

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
                button, target = window.start.buttons["learn"], window.explainer
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
