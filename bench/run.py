"""``python -m bench`` (or ``python bench/run.py``): measure issue 8's targets.

Start-up and peak memory are measured against ``bench/bare_window.py`` in the
same run (alternating); the in-process measurements (screen change, level
switch, handout, soak) each run in a fresh interpreter (``bench.worker``).
Prints a Markdown table and writes JSON (default ``bench/results.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import machine, rows, table
from bench.startup import ROOT, StartupError, measure_startup

DEFAULT_JSON = ROOT / "bench" / "results.json"


def worker(phase: str, *extra: str) -> dict[str, Any]:
    """Run one ``bench.worker`` phase in a fresh interpreter; its JSON figures."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.worker", phase, *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=None if phase == "soak" else subprocess.DEVNULL,
        text=True,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": f"bench.worker {phase} exited {proc.returncode} with no figures"}
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="PATH")
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=10,
        help="each of kiosk (windowed and full screen) and bare",
    )
    parser.add_argument("--ui-runs", type=int, default=50)
    parser.add_argument("--handout-runs", type=int, default=10, help="per reading level")
    parser.add_argument("--sessions", type=int, default=1000, help="soak sessions")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--only",
        choices=["startup", "ui", "handout", "print", "soak"],
        action="append",
        help="run only these parts (repeatable)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; 0 when every target passed, 1 on a miss or error."""
    args = parse_args(argv)
    parts = args.only or ["startup", "ui", "handout", "print", "soak"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "qpa_platform": os.environ["QT_QPA_PLATFORM"]}
    if "startup" in parts:
        print(
            f"start-up: {args.startup_runs} runs each of windowed, full screen, bare, in turn...",
            flush=True,
        )
        try:
            results["startup"] = measure_startup(args.startup_runs)
        except StartupError as exc:
            results["startup"] = {"error": str(exc)}
    if "ui" in parts:
        print(f"screen change and level switch: {args.ui_runs} taps each...", flush=True)
        results["ui"] = worker("ui", "--runs", str(args.ui_runs))
    if "handout" in parts:
        print(f"handout: {args.handout_runs} builds per level...", flush=True)
        results["handout"] = worker("handout", "--runs", str(args.handout_runs))
    if "print" in parts:
        print("taps while the printer hangs for 30 s...", flush=True)
        results["print"] = worker("print")
    if "soak" in parts:
        print(f"soak: {args.sessions} sessions (seed {args.seed})...", flush=True)
        results["soak"] = worker("soak", "--sessions", str(args.sessions), "--seed", str(args.seed))
    results["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - began, 1)
    all_rows = rows(results)
    results["table"] = [r.as_dict() for r in all_rows]
    errors = {k: v["error"] for k, v in results.items() if isinstance(v, dict) and "error" in v}
    print()
    print(table(all_rows))
    print()
    for part, error in errors.items():
        print(f"{part}: ERROR {error}")
    m = results["machine"]
    print(
        f"{m['nproc']} x {m['cpu']}, {m['ram_gb']} GB, Python {m['python']}, "
        f"PySide6/Qt {m['pyside6_qt']}, QPA {results['qpa_platform']}, "
        f"load {m['loadavg_at_start'][0]} -> {m['loadavg_at_end'][0]}, "
        f"{results['seconds']} s"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    missed = [r for r in all_rows if r.verdict == "MISS"]
    return 1 if missed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
