"""One in-process measurement in a fresh interpreter: ``python -m bench.worker PHASE``.

PHASE is ``ui`` (screen change and level switch), ``handout``, ``print``
(taps while the printer hangs) or ``soak``.
Prints one JSON object as its last stdout line; ``bench.run`` reads it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any


def run_phase(phase: str, runs: int, sessions: int, seed: int) -> dict[str, Any]:
    """Run ``phase`` and return its figures."""
    from kiosk.content import load_content

    content = load_content()
    if phase == "handout":
        from bench.handout_timing import measure_handout

        return measure_handout(content, runs)
    from bench.qt_helpers import make_window

    window = make_window(content)
    if phase == "ui":
        from bench.ui_timing import (
            measure_display_taps,
            measure_display_taps_waiting_room,
            measure_level_switch,
            measure_screen_change,
            measure_teach_back,
        )

        return {
            "screen_change_ms": measure_screen_change(window, runs),
            "level_switch_ms": measure_level_switch(window, runs),
            "display": measure_display_taps(window, max(3, runs // 4)),
            "display_waiting_room": measure_display_taps_waiting_room(window, max(3, runs // 4)),
            "teach_back_ms": measure_teach_back(window, runs),
        }
    if phase == "print":
        from bench.print_timing import measure_print_hang

        return measure_print_hang(content, window)
    if phase == "soak":
        from bench.soak import run_soak

        def progress(n: int, seconds: float) -> None:
            print(f"  soak: {n} sessions, {seconds:.0f} s", file=sys.stderr, flush=True)

        return run_soak(window, sessions=sessions, seed=seed, progress=progress).as_dict()
    raise ValueError(f"unknown phase {phase!r}")


def main(argv: list[str] | None = None) -> int:
    """Entry point; the figures go to stdout as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("phase", choices=["ui", "handout", "print", "soak"])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        figures = run_phase(args.phase, args.runs, args.sessions, args.seed)
    except Exception as exc:  # reported to the parent as data, not a traceback
        import traceback

        traceback.print_exc(file=sys.stderr)
        figures = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(figures), flush=True)
    return 0 if "error" not in figures else 1


if __name__ == "__main__":
    sys.exit(main())
