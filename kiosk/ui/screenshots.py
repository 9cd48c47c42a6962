"""Render every screen at every level to PNG (for the README and reviews).

    python -m kiosk.ui.screenshots [--out docs/screenshots] [--size 1280x800]
        [--lang en] [--text-size normal] [--high-contrast]

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

        for name, level in visit_all(window):
            prepare()
            app.processEvents()
            if name == "handout":
                _wait(app, 0.7)  # the PDF preview renders its pages a moment later
            path = args.out / f"{name}-{level.value}-{suffix}.png"
            window.grab().save(str(path))
            written += 1
        written += _results(window, args.out, suffix, prepare)
        window.close()
    print(f"wrote {written} screenshots to {args.out}")
    return 0


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
    from PySide6.QtWidgets import QApplication

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
        QApplication.processEvents()
        window.grab().save(str(out / f"result-{tier}-{suffix}.png"))
    window.ctx.session.clear_checklist()
    return len(TIER_EXAMPLES)


if __name__ == "__main__":
    sys.exit(main())
