"""Render every screen at every level to PNG (for the README and reviews).

    python -m kiosk.ui.screenshots [--out docs/screenshots] [--size 1280x800]
        [--lang en] [--text-size normal] [--high-contrast] [--only-teach-back]

Runs offscreen; the file names say screen, level, language and display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.resources import ROOT


def main(argv: Sequence[str] | None = None) -> int:
    """Write the PNGs; returns 0, or 1 if the content cannot be loaded."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.ui.screenshots")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--lang", action="append", help="language(s); default all")
    parser.add_argument("--text-size", default="normal", choices=["normal", "large", "extra_large"])
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--content", type=Path)
    parser.add_argument(
        "--only-teach-back", action="store_true", help='only the "Check your understanding" steps'
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from kiosk.content import ContentError, load_content
    from kiosk.session import Session, TextSize
    from kiosk.ui.context import ScreenContext
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.self_test import visit_all

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        content = load_content(args.content)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for lang in args.lang or list(content.languages):
        session = Session(default_language=lang)
        window = MainWindow(ScreenContext(content=content, session=session))
        window.resize(width, height)
        window.show()
        suffix = f"{lang}-{args.text_size}{'-hc' if args.high_contrast else ''}"

        def prepare(win: MainWindow = window, code: str = lang) -> None:
            """Put back the display and language (leaving staff mode resets them)."""
            session = win.ctx.session
            wanted = (TextSize(args.text_size), args.high_contrast, code)
            if (session.text_size, session.high_contrast, session.language) != wanted:
                session.text_size, session.high_contrast, session.language = wanted
                win.apply_theme()
                win.refresh_current()
                win.top_bar.close_display()  # folded, as a visitor leaves it

        views = [] if args.only_teach_back else visit_all(window)
        for name, level in views:
            prepare()
            _settle()
            if name == "handout":
                _wait(app, 0.7)  # the PDF preview renders its pages a moment later
            path = args.out / f"{name}-{level.value}-{suffix}.png"
            window.grab().save(str(path))
            written += 1
        if not args.only_teach_back:
            written += _results(window, args.out, suffix, prepare)
        written += _teach_back(window, args.out, suffix, prepare)
        window.close()
    print(f"wrote {written} screenshots to {args.out}")
    return 0


def _settle() -> None:
    """Let layouts finish before a picture is taken: a text that grew by a
    line is placed a pass or two after it was set (one pass left the result
    card's action cut in half in the picture)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(4):
        QApplication.processEvents()


def _wait(app: object, seconds: float) -> None:
    """Deliver events for ``seconds`` (QtTest is not in the frozen build)."""
    import time

    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


# One "yes" that gives each tier (CONTENT_BRIEF §4); none gives self_care.
TIER_EXAMPLES = {
    "emergency": {"breathing": "yes"},
    "today": {"lithium": "yes"},
    "soon": {"weakness": "yes"},
    "routine": {"persistent_or_spread": "yes"},
    "self_care": {},
}


def _results(window: object, out: Path, suffix: str, prepare: Callable[[], None]) -> int:
    """The result screen for every tier, at the basic level."""

    from kiosk.content.models import Answer
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.navigator import ScreenId

    assert isinstance(window, MainWindow)
    if ScreenId.RESULT not in window.navigator.screens:
        return 0
    for tier, answers in TIER_EXAMPLES.items():
        window.ctx.session.answers.clear()
        window.ctx.session.answers.update({k: Answer(v) for k, v in answers.items()})
        window.checklist.finish()  # the outcome, worked out as the checklist does
        prepare()
        _settle()
        window.grab().save(str(out / f"result-{tier}-{suffix}.png"))
    window.ctx.session.clear_checklist()
    return len(TIER_EXAMPLES)


def _teach_back(window: object, out: Path, suffix: str, prepare: Callable[[], None]) -> int:
    """Every step of "Check your understanding" (issue 18), at the basic level.

    The offer on the explainer's last page and on a result, each question,
    the right answer shown after a wrong tap, the question asked again, the
    result question and the summary; the first question at every level too.
    """
    from PySide6.QtWidgets import QApplication

    from kiosk.content.models import Answer, ReadingLevel
    from kiosk.teach_back import Step, right_choice
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.navigator import ScreenId

    assert isinstance(window, MainWindow)
    if not window.built or window.ctx.pack.teach_back is None:
        return 0
    flow, session = window.teach_back, window.ctx.session
    written = 0

    def grab(name: str) -> None:
        nonlocal written
        prepare()
        QApplication.processEvents()
        window.grab().save(str(out / f"teach_back-{name}-{suffix}.png"))
        written += 1

    def right_id() -> str:
        run, content = session.teach_back, window.ctx.pack.teach_back
        assert run is not None and content is not None
        return right_choice(content.question(run.question_id), run.result_tier).id

    def wrong_id() -> str:
        tiles = [t for t in flow.screen.tiles if t.isVisible() and t.choice_id != right_id()]
        return tiles[0].choice_id

    window.reset_session()
    for level in ReadingLevel:
        window.set_level(level)
        session.section_index = len(window.ctx.pack.topic.sections) - 1
        window.show_screen(ScreenId.EXPLAINER)
        if level is ReadingLevel.BASIC:
            grab("00-offer-explainer")
        flow.start(ScreenId.EXPLAINER)
        grab(f"01-question-1-{level.value}")
    window.set_level(ReadingLevel.BASIC)
    # After a result: four questions, one wrong tap on the first.
    session.answers.clear()
    session.answers.update({"persistent_or_spread": Answer.YES})
    window.checklist.finish()
    grab("02-offer-result")
    flow.start(ScreenId.RESULT)
    flow.choose(wrong_id())
    grab("03-right-answer-shown")
    flow.go_on()
    grab("04-asked-again")
    step = 5
    while session.teach_back is not None and session.teach_back.step is Step.ASK:
        flow.choose(right_id())
        run = session.teach_back
        name = "summary" if run.step is Step.SUMMARY else f"question-{run.index + 1}"
        grab(f"{step:02d}-{name}")
        step += 1
    window.reset_session()
    return written


if __name__ == "__main__":
    sys.exit(main())
