"""Start-up: process spawn to first paint, kiosk against the bare window.

Each child runs with ``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` (kiosk) or is the bare
script; both print ``first-paint ... vmhwm_kb=N`` from the same event filter
(``kiosk.ui.first_paint``) right after their first paint, then quit. The time
is taken in this (parent) process: from just before spawning to the moment
the line arrives. The two are run alternately so drift hits both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import summary

ROOT = Path(__file__).resolve().parent.parent
KIOSK_CMD = ["-m", "kiosk", "--windowed"]
# The waiting-room launch: full screen with the lockdown.
KIOSK_FULLSCREEN_CMD = ["-m", "kiosk", "--fullscreen"]
BARE_CMD = ["-m", "bench.bare_window"]


class StartupError(RuntimeError):
    """A child did not report its first paint."""


# The offscreen platform's screen is 800x800 unless told; a full-screen
# kiosk would then lay out at a width no kiosk display has. Every child
# (windowed, full screen, bare) gets one 1280x800 screen, the bare window's size.
SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96}


def child_env(home: Path) -> dict[str, str]:
    """Environment for a child: offscreen Qt on a 1280x800 screen, private config folders."""
    env = dict(os.environ)
    if env.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        config = home / "offscreen-screen.json"
        config.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["KIOSK_EXIT_AFTER_FIRST_PAINT"] = "1"
    # Let the untimed first start write .pyc files, as an installed kiosk has.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["HOME"] = str(home)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = home / var.lower()
        path.mkdir(exist_ok=True)
        env[var] = str(path)
    return env


def first_paint_once(
    args: list[str], env: dict[str, str], python: str = sys.executable, timeout: float = 60.0
) -> dict[str, float]:
    """Spawn ``python args``; wall ms to its ``first-paint`` line and its peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [python, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = ""
    try:
        for raw in proc.stdout:
            if raw.startswith("first-paint"):
                line = raw
                break
        wall_ms = (time.perf_counter() - start) * 1000.0
        proc.stdout.read()
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if not line:
        raise StartupError(f"{' '.join(args)} exited {proc.returncode} without a first paint")
    fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
    return {
        "wall_ms": wall_ms,
        "child_ms": float(fields.get("ms", -1)),
        "peak_mb": float(fields.get("vmhwm_kb", -1)) / 1024.0,
    }


def measure_startup(runs: int = 10, python: str = sys.executable) -> dict[str, object]:
    """``runs`` windowed, full-screen and bare starts, in turn; medians and ratios."""
    kiosk: list[dict[str, float]] = []
    full: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        env = child_env(Path(tmp))
        # One untimed start of each warms the disk cache (.pyc, fonts, Qt
        # plugins) and writes the kiosk's checked copy of the content.
        first_paint_once(KIOSK_CMD, env, python)
        first_paint_once(KIOSK_FULLSCREEN_CMD, env, python)
        first_paint_once(BARE_CMD, env, python)
        for _ in range(runs):
            kiosk.append(first_paint_once(KIOSK_CMD, env, python))
            full.append(first_paint_once(KIOSK_FULLSCREEN_CMD, env, python))
            bare.append(first_paint_once(BARE_CMD, env, python))
    k_ms = summary([r["wall_ms"] for r in kiosk])
    f_ms = summary([r["wall_ms"] for r in full])
    b_ms = summary([r["wall_ms"] for r in bare])
    k_mb = summary([r["peak_mb"] for r in kiosk])
    b_mb = summary([r["peak_mb"] for r in bare])
    return {
        "startup_ms": k_ms,
        "bare_startup_ms": b_ms,
        "startup_ratio": k_ms["median"] / b_ms["median"] if b_ms["median"] else 0.0,
        "fullscreen_startup_ms": f_ms,
        "fullscreen_startup_ratio": f_ms["median"] / b_ms["median"] if b_ms["median"] else 0.0,
        "peak_mb": k_mb,
        "bare_peak_mb": b_mb,
        "peak_ratio": k_mb["median"] / b_mb["median"] if b_mb["median"] else 0.0,
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
