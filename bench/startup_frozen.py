"""Start-up of the frozen build against the same kiosk run from source.

    .venv/bin/python -m bench.startup_frozen [--runs 10] [--mode first-paint|self-test]

``first-paint`` (default) starts ``twitch-kiosk --windowed`` and
``python -m kiosk --windowed`` with ``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` and
times, in this process, from spawn to the ``first-paint`` line; ``self-test``
times ``--self-test`` from spawn to exit. The two are run alternately after
one untimed warm-up each. Prints median/min/max and frozen/source ratio of
the medians; exits 1 when the ratio is above ``--max-ratio`` (default 1.2).
Offscreen Qt, private HOME and XDG folders.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.startup import child_env
from bench.stats import summary

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "twitch-kiosk" / "twitch-kiosk"


class StartError(RuntimeError):
    """A child did not report its first paint or failed its self-test."""


def time_once(command: list[str], mode: str, env: dict[str, str], timeout: float = 60.0) -> float:
    """Milliseconds from spawning ``command`` to its first paint (or its exit)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        cwd=tempfile.gettempdir(),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    seen = ""
    try:
        for line in proc.stdout:
            if mode == "first-paint" and line.startswith("first-paint"):
                seen = line
                break
            if mode == "self-test" and line.startswith("self-test"):
                seen = line
        elapsed = (time.perf_counter() - start) * 1000.0
        proc.stdout.read()
        code = proc.wait(timeout=timeout)
        if mode == "self-test":
            elapsed = (time.perf_counter() - start) * 1000.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if mode == "first-paint" and not seen:
        raise StartError(f"{command[0]}: no first-paint line (exit {proc.returncode})")
    if mode == "self-test" and (code != 0 or not seen.startswith("self-test ok")):
        raise StartError(f"{command[0]}: self-test failed (exit {code})")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table; 1 when frozen is slower than allowed."""
    parser = argparse.ArgumentParser(prog="python -m bench.startup_frozen")
    parser.add_argument("--runs", type=int, default=10, help="timed starts of each (default 10)")
    parser.add_argument("--mode", choices=["first-paint", "self-test"], default="first-paint")
    parser.add_argument("--frozen", type=Path, default=FROZEN, help="the frozen executable")
    parser.add_argument("--max-ratio", type=float, default=1.2)
    args = parser.parse_args(argv)
    if not args.frozen.exists():
        print(f"startup_frozen: no frozen build at {args.frozen} (run ci/build-frozen.sh)")
        return 2

    flag = "--windowed" if args.mode == "first-paint" else "--self-test"
    commands = {
        "frozen": [str(args.frozen), flag],
        "source": [sys.executable, "-m", "kiosk", flag],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="kiosk-frozen-bench-") as tmp:
        env = child_env(Path(tmp))
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        try:
            for command in commands.values():  # warm the disk cache, untimed
                time_once(command, args.mode, env)
            for _ in range(args.runs):
                for name, command in commands.items():
                    times[name].append(time_once(command, args.mode, env))
        except StartError as exc:
            print(f"startup_frozen: {exc}")
            return 2

    stats = {name: summary(values) for name, values in times.items()}
    print(f"start-up to {args.mode}, {args.runs} runs each, alternating (ms)")
    print(f"{'':8}{'median':>9}{'min':>9}{'max':>9}")
    for name, row in stats.items():
        print(f"{name:8}{row['median']:>9.0f}{row['min']:>9.0f}{row['max']:>9.0f}")
    ratio = stats["frozen"]["median"] / stats["source"]["median"]
    verdict = "ok" if ratio <= args.max_ratio else "TOO SLOW"
    print(f"frozen/source median ratio: {ratio:.2f} (target <= {args.max_ratio:g}) {verdict}")
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
