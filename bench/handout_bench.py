"""Time the handout builder in a warm process, against a bare baseline.

    .venv/bin/python bench/handout_bench.py [-n 30] [--json out.json] [--profile LEVEL]

For each reading level (and large print), builds the handout N times after
one warm-up build and prints median, min and max in ms. The baseline is a
one-paragraph reportlab document in the same embedded font: the floor any
PDF costs here. Target: median <= 50 ms per level.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from kiosk.content import ReadingLevel, load_content
from kiosk.handout import HandoutOptions, build_handout
from kiosk.handout.fonts import register_fonts

TARGET_MS = 50.0


def baseline() -> bytes:
    """One paragraph in the handout's font: the fixed cost of any PDF."""
    regular, _ = register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, initialFontName=regular)
    style = ParagraphStyle("body", fontName=regular, fontSize=12)
    doc.build([Paragraph("A twitch is a small patch of muscle that tightens on its own.", style)])
    return out.getvalue()


def timed(fn: Callable[[], bytes], runs: int) -> dict[str, float]:
    fn()  # warm: fonts registered, content parsed, layout step cached
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {
        "median_ms": round(statistics.median(times), 2),
        "min_ms": round(min(times), 2),
        "max_ms": round(max(times), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=30)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--profile", choices=[lv.value for lv in ReadingLevel])
    args = parser.parse_args()

    content = load_content()
    pack = content.language("en")

    def builder(level: ReadingLevel, large: bool) -> Callable[[], bytes]:
        options = HandoutOptions(
            level=level,
            large_print=large,
            clinic_name="Riverside Clinic",
            clinic_phone="555-0100",
            printed_on=dt.date(2026, 1, 1),
        )
        return lambda: build_handout(pack, content.sources, options)

    if args.profile:
        run = builder(ReadingLevel(args.profile), False)
        run()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            run()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return 0

    results: dict[str, dict[str, float]] = {"baseline": timed(baseline, args.runs)}
    for level in ReadingLevel:
        results[level.value] = timed(builder(level, False), args.runs)
        results[f"{level.value}-large"] = timed(builder(level, True), args.runs)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpus = os.cpu_count() or 1
    print(f"load average {load:.1f} on {cpus} CPUs (a busy machine inflates every figure)")
    print(f"{'case':<18}{'median':>9}{'min':>9}{'max':>9}   (ms, {args.runs} runs)")
    for name, figures in results.items():
        mark = ""
        if name != "baseline":
            mark = "ok" if figures["median_ms"] <= TARGET_MS else f"over {TARGET_MS:.0f} ms"
        print(
            f"{name:<18}{figures['median_ms']:>9.1f}{figures['min_ms']:>9.1f}"
            f"{figures['max_ms']:>9.1f}   {mark}"
        )
    if args.json:
        payload = {
            "runs": args.runs,
            "target_ms": TARGET_MS,
            "load_average": load,
            "cpus": cpus,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
