"""The soak: many scripted visitors on one window, then memory and object counts.

Each session is random (seeded) over every path the window offers *now*:
reading levels, languages (when there are two or more), text size and
contrast, explainer pages, the checklist to each tier (when the checklist
screens are registered), and any other screen the start screen offers (for
example a handout) by tapping its buttons. Buttons that would print, quit or
power off are never tapped unless a fake printer is installed. Every session
ends with the idle reset (``window.reset_session()``, what the idle watcher
calls); after it the number of live Qt objects (every session) and of kiosk
objects (every tenth) must be back at the level seen after the warm-up.

The warm-up (the first ``WARM_UP_SESSIONS``) is a tour rather than chance:
the paths in turn, and every text size with and without high contrast, in
each language, so that the memory growth measured after it shows what
builds up over visits, not what the first visit to a rare path (a theme
seen once in 30 sessions) fills in once.
"""

from __future__ import annotations

import gc
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextObject
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from bench.fakes import fake_devices
from bench.qt_helpers import settle, tap
from bench.stats import proc_status_kb
from kiosk.content.models import Answer, ReadingLevel, Tier
from kiosk.triage import sign_tier
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.result import ResultScreen

# Never tapped by the generic driver (objectName or text, lower case).
DENY_WORDS = ("print", "quit", "exit", "shutdown", "shut_down", "power", "restart", "close")
WARM_UP_SESSIONS = 36  # every path at every text size, contrast and language
MAX_GENERIC_TAPS = 6
FULL_COUNT_EVERY = 10
THEME_CHANGE_P = 0.03


class SoakError(AssertionError):
    """An exception in the app during the soak, or objects that did not go away."""


@dataclass
class Counts:
    """What must come back to the same level after every reset."""

    qt_children: int
    all_widgets: int
    kiosk_objects: int

    def as_dict(self) -> dict[str, int]:
        """Plain dict for JSON."""
        return {
            "qt_children": self.qt_children,
            "all_widgets": self.all_widgets,
            "kiosk_objects": self.kiosk_objects,
        }


def qt_objects(window: MainWindow) -> list[QObject]:
    """The window's live Qt descendants, less the parts of rich-text documents.

    A rich-text label owns one QTextList per bullet list of the text it shows
    (QTextObject children of its QTextDocument); they follow the page on
    show, not the number of visitors, so they are left out of the count.
    """
    return [obj for obj in window.findChildren(QObject) if not isinstance(obj, QTextObject)]


def kiosk_object_count() -> int:
    """Objects tracked by the garbage collector whose class lives in ``kiosk``."""
    count = 0
    for obj in gc.get_objects():
        module = getattr(type(obj), "__module__", None)
        if isinstance(module, str) and module.startswith("kiosk"):
            count += 1
    return count


def count_objects(window: MainWindow, full: bool = True) -> Counts:
    """Live Qt objects of the window, all widgets, and (``full``) kiosk objects.

    ``full`` also runs a garbage collection first and walks the heap for
    kiosk objects (tens of ms); the Qt counts alone take about a millisecond.
    """
    if full:
        gc.collect()
    return Counts(
        qt_children=len(qt_objects(window)),
        all_widgets=len(QApplication.allWidgets()),
        kiosk_objects=kiosk_object_count() if full else -1,
    )


def type_counts(window: MainWindow) -> Counter[str]:
    """Live Qt children of the window by class name (to explain a drift)."""
    return Counter(type(obj).__name__ for obj in qt_objects(window))


def rss_mb() -> float:
    """This process's resident memory after a full collection, in MB."""
    gc.collect()
    return proc_status_kb("VmRSS") / 1024.0


@dataclass
class SoakResult:
    """What the soak found."""

    sessions: int = 0
    seconds: float = 0.0
    rss_after_warm_up_mb: float = 0.0
    rss_end_mb: float = 0.0
    paths: dict[str, int] = field(default_factory=dict)
    tiers: dict[str, int] = field(default_factory=dict)
    baseline: dict[str, int] = field(default_factory=dict)
    end: dict[str, int] = field(default_factory=dict)
    drift: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Growth since the warm-up, every 100 sessions: a step is a cache
    # filling once, a steady climb is a leak.
    rss_trace: list[float] = field(default_factory=list)
    printed: int = 0
    saved: int = 0

    @property
    def growth_mb(self) -> float:
        """Memory after all sessions minus memory after the warm-up."""
        return self.rss_end_mb - self.rss_after_warm_up_mb

    @property
    def objects_stable(self) -> bool:
        """True when every reset brought the object counts back to the baseline."""
        return not self.drift

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "sessions": self.sessions,
            "seconds": round(self.seconds, 1),
            "rss_after_warm_up_mb": round(self.rss_after_warm_up_mb, 2),
            "rss_end_mb": round(self.rss_end_mb, 2),
            "rss_trace_mb": self.rss_trace,
            "growth_mb": round(self.growth_mb, 2),
            "paths": self.paths,
            "tiers": self.tiers,
            "printed_to_fake": self.printed,
            "saved": self.saved,
            "baseline": self.baseline,
            "end": self.end,
            "objects_stable": self.objects_stable,
            "drift": self.drift[:10],
            "errors": self.errors[:5],
        }


class Visitor:
    """Drives one window through random sessions with real taps."""

    def __init__(self, window: MainWindow, rng: random.Random, allow_print: bool = False) -> None:
        self.window = window
        self.rng = rng
        self.allow_print = allow_print
        self.errors: list[str] = []
        self.tiers: dict[str, int] = {}

    # Looking up what exists -------------------------------------------------

    def screen(self, screen_id: ScreenId) -> QWidget | None:
        """The registered screen, if that screen exists yet."""
        return self.window.navigator.screens.get(screen_id)

    def start_button(self, action: str) -> QPushButton | None:
        """The start screen's button for ``action`` when it is offered."""
        button = self.window.start.buttons.get(action)
        return button if button is not None and not button.isHidden() else None

    def button(self, parent: QWidget | None, name: str) -> QPushButton | None:
        """A visible, enabled button called ``name`` inside ``parent``."""
        if parent is None:
            return None
        found = parent.findChild(QPushButton, name)
        if found is not None and found.isVisible() and found.isEnabled():
            return found
        return None

    def paths(self) -> list[str]:
        """The session paths the window offers now."""
        found = ["learn"]
        if self.start_button("checklist") and self.screen(ScreenId.QUESTION) is not None:
            found.append("checklist")
        for action in self.window.start.buttons:
            if action not in ("learn", "checklist") and self.start_button(action):
                found.append(action)
        return found

    # Taps ----------------------------------------------------------------------

    def tap(self, button: QPushButton | None) -> bool:
        """Tap ``button`` (if any), deliver events, fail on an app exception."""
        if button is None or not button.isVisible() or not button.isEnabled():
            return False
        tap(button)
        settle()
        if self.errors:
            raise SoakError("exception in the app during the soak:\n" + self.errors[0])
        return True

    def allowed(self, button: QPushButton) -> bool:
        """False for buttons the soak must not press (print, quit, ...)."""
        words = f"{button.objectName()} {button.text()}".lower()
        if "print" in words:
            return self.allow_print
        return not any(word in words for word in DENY_WORDS)

    def tap_random_in(self, parent: QWidget) -> bool:
        """Tap one random allowed visible button inside ``parent``."""
        buttons = [
            b
            for b in parent.findChildren(QPushButton)
            if b.isVisible() and b.isEnabled() and self.allowed(b)
        ]
        if not buttons:
            return False
        return self.tap(self.rng.choice(buttons))

    # Session parts -------------------------------------------------------------

    def tour_choices(self, step: int) -> None:
        """Warm-up session ``step``: a level, and a text size / contrast /
        language combination. The path is ``step % 3`` (``session``); the
        language, text size and contrast count on from there, so six steps
        take every path in both languages, and the 36 steps of
        ``WARM_UP_SESSIONS`` every path at every combination (before, each
        path always had the same one: the checklist was never toured in
        high contrast at normal text, nor the explainer in Spanish)."""
        bar = self.window.top_bar
        self.tap(bar.levels.buttons[list(ReadingLevel)[(step + step // 3) % len(ReadingLevel)]])
        if (step // 3) % 2:
            self.tap(bar.language if not bar.language.isHidden() else None)
        for _ in range((step // 6) % 3):  # normal, large, extra large
            self.tap(bar.text_size)
        if (step // 18) % 2:
            self.tap(bar.contrast)

    def display_choices(self) -> None:
        """Sometimes change level, language, text size or contrast."""
        bar = self.window.top_bar
        if self.rng.random() < 0.5:
            self.tap(bar.levels.buttons[self.rng.choice(list(ReadingLevel))])
        if self.rng.random() < 0.2:
            self.tap(bar.language if not bar.language.isHidden() else None)
        # Rare: a theme change re-polishes every widget (see docs/performance.md).
        if self.rng.random() < THEME_CHANGE_P:
            self.tap(bar.text_size)
        if self.rng.random() < THEME_CHANGE_P:
            self.tap(bar.contrast)

    def learn(self) -> None:
        """Page through some of the explainer, now and then going back."""
        self.tap(self.start_button("learn"))
        topics = self.window.topics
        if self.window.navigator.current_id is ScreenId.TOPICS:
            tiles = [topics.read_all, *topics.tiles]
            self.tap(self.rng.choice(tiles))
        explainer = self.window.explainer
        for _ in range(self.rng.randint(1, len(self.window.ctx.pack.topic.sections) + 1)):
            if self.window.navigator.current_id is not ScreenId.EXPLAINER:
                break
            if self.rng.random() < 0.15:
                self.tap(explainer.back if explainer.back.isEnabled() else None)
            elif self.rng.random() < 0.1:
                self.tap(self.window.top_bar.levels.buttons[self.rng.choice(list(ReadingLevel))])
            else:
                self.tap(explainer.next)

    def checklist(self, tour_step: int | None = None) -> None:
        """Answer the checklist aiming at a random tier (in the warm-up tour,
        each tier in turn), then act on the result."""
        self.tap(self.start_button("checklist"))
        intro = self.screen(ScreenId.CHECKLIST_INTRO)
        if self.rng.random() < 0.05:
            self.tap(self.button(intro, "checklist_help_now") or self.button(intro, "help_now"))
        else:
            self.tap(self.button(intro, "checklist_start"))
        tiers = list(Tier)
        target = self.rng.choice(tiers) if tour_step is None else tiers[tour_step % len(tiers)]
        question_screen = self.screen(ScreenId.QUESTION)
        for _ in range(100):
            if self.window.navigator.current_id is not ScreenId.QUESTION:
                break
            if self.rng.random() < 0.05:
                self.tap(self.button(question_screen, "question_back"))
                continue
            for sign_id in getattr(question_screen, "signs", ()):
                tier = sign_tier(sign_id)
                if tier is target and self.rng.random() < 0.5:
                    answer = self.rng.choice([Answer.YES, Answer.YES, Answer.UNSURE])
                elif tier is target or tier in (Tier.EMERGENCY, Tier.TODAY):
                    continue  # "unsure" there counts as "yes": leave it at "No"
                elif self.rng.random() < 0.2:
                    answer = Answer.UNSURE
                else:
                    continue
                self.tap(self.button(question_screen, f"answer_{sign_id}_{answer.value}"))
                if self.window.navigator.current_id is not ScreenId.QUESTION:
                    break
            if self.window.navigator.current_id is not ScreenId.QUESTION:
                break
            if not self.tap(self.button(question_screen, "question_advance")):
                break
        if self.window.navigator.current_id is ScreenId.RESULT:
            result = self.screen(ScreenId.RESULT)
            shown = getattr(result, "tier", None)
            if isinstance(shown, Tier):
                self.tiers[shown.value] = self.tiers.get(shown.value, 0) + 1
            self.after_result(result)

    def after_result(self, result: QWidget | None) -> None:
        """Handout, start over, staff told, or just walk away (idle reset)."""
        choice = self.rng.random()
        if choice < 0.3 and self.tap(self.button(result, "result_handout")):
            self.wander()
        elif choice < 0.5:
            self.tap(self.button(result, "result_start_over"))
        elif choice < 0.7:
            self.tap(self.button(result, "result_finished"))
        elif choice < 0.8 and isinstance(result, ResultScreen):
            result.staff_cleared.emit()  # staff's 3-second hold on the emergency screen

    def wander(self) -> None:
        """On a screen the soak has no script for: a few random allowed taps."""
        for _ in range(self.rng.randint(1, MAX_GENERIC_TAPS)):
            current = self.window.navigator.current_screen()
            if current is None or self.window.navigator.current_id is ScreenId.START:
                break
            if not self.tap_random_in(current):
                break

    def session(self, tour_step: int | None = None) -> str:
        """One visitor, from the start screen to the idle reset; returns its path.

        With ``tour_step`` (the warm-up), the path and display choices are
        taken in turn instead of by chance.
        """
        paths = self.paths()
        if tour_step is None:
            path = self.rng.choice(paths)
            self.display_choices()
        else:
            path = paths[tour_step % len(paths)]
            self.tour_choices(tour_step)
        if path == "learn":
            self.learn()
        elif path == "checklist":
            self.checklist(None if tour_step is None else tour_step // 3)
        else:
            self.tap(self.start_button(path))
            self.wander()
        if self.rng.random() < 0.2:
            self.tap(self.window.top_bar.home if self.window.top_bar.home.isVisible() else None)
        self.window.reset_session()  # what the idle watcher calls
        settle()
        if self.errors:
            raise SoakError("exception in the app during the soak:\n" + self.errors[0])
        return path


def run_soak(
    window: MainWindow,
    sessions: int = 1000,
    seed: int = 8,
    warm_up: int = WARM_UP_SESSIONS,
    progress: Callable[[int, float], None] | None = None,
) -> SoakResult:
    """Run ``sessions`` random sessions; raises SoakError on an app exception."""
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        with fake_devices(Path(folder)) as devices:
            result = _soak(window, sessions, seed, warm_up, devices.printer_faked, progress)
        result.printed = devices.printed
        result.saved = devices.saved_dialogs
    return result


def _soak(
    window: MainWindow,
    sessions: int,
    seed: int,
    warm_up: int,
    allow_print: bool,
    progress: Callable[[int, float], None] | None,
) -> SoakResult:
    visitor = Visitor(window, random.Random(seed), allow_print)
    result = SoakResult()
    previous_hook = sys.excepthook

    def record(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        visitor.errors.append("".join(traceback.format_exception(kind, exc, tb)))

    sys.excepthook = record
    start = time.perf_counter()
    try:
        window.reset_session()
        settle()
        warm_up = min(warm_up, sessions)
        baseline: Counts | None = None
        baseline_types: Counter[str] = Counter()
        for n in range(1, sessions + 1):
            path = visitor.session(n - 1 if n <= warm_up else None)
            result.paths[path] = result.paths.get(path, 0) + 1
            if n == warm_up:
                result.rss_after_warm_up_mb = rss_mb()
                baseline = count_objects(window)
                result.baseline = baseline.as_dict()
                baseline_types = type_counts(window)
            elif baseline is not None:
                # Qt counts after every reset; the heap walk every FULL_COUNT_EVERY.
                full = n % FULL_COUNT_EVERY == 0 or n == sessions
                now = count_objects(window, full)
                expected = baseline if full else replace(baseline, kiosk_objects=-1)
                if now != expected:
                    diff = type_counts(window)
                    diff.subtract(baseline_types)
                    changed = {k: v for k, v in diff.items() if v}
                    result.drift.append({"session": n, **now.as_dict(), "by_class": changed})
            if n % 100 == 0 and n > warm_up:
                result.rss_trace.append(round(rss_mb() - result.rss_after_warm_up_mb, 2))
            if progress is not None and n % 100 == 0:
                progress(n, time.perf_counter() - start)
        result.rss_end_mb = rss_mb()
        result.end = count_objects(window).as_dict()
        result.sessions = sessions
    finally:
        sys.excepthook = previous_hook
        result.seconds = time.perf_counter() - start
        result.tiers = dict(visitor.tiers)
        result.errors = list(visitor.errors)
    return result
