"""Full screen means the whole screen, on a real X server with no window manager.

A clinic's kiosk may run on a bare X server (or cage) where nothing grants
"full screen" to a window that asks for it. This starts Xvfb at 1920x1080,
runs the real kiosk with ``--fullscreen`` on Qt's xcb platform, and reads the
window's geometry back from the X server with ``xwininfo``, before and after
a tap (``xdotool``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TITLE = "Why do muscles twitch?"
SCREEN = (1920, 1080)

needs_x = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "xwininfo", "xdotool")),
    reason="needs Xvfb, xwininfo and xdotool (Debian: xvfb x11-utils xdotool)",
)


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb display with no window manager."""
    number = 90 + os.getpid() % 50
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["xwininfo", "-root"], env={**os.environ, "DISPLAY": name}, capture_output=True
            )
            if probe.returncode == 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail("Xvfb did not start")
        yield name
    finally:
        server.terminate()
        server.wait(timeout=10)


def window_geometry(display: str) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of the kiosk's top-level window, or None if not mapped yet."""
    info = subprocess.run(
        ["xwininfo", "-name", TITLE],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
    )
    if info.returncode != 0 or "IsViewable" not in info.stdout:
        return None
    values = {
        key: int(value)
        for key, value in re.findall(
            r"(Absolute upper-left X|Absolute upper-left Y|Width|Height):\s+(-?\d+)", info.stdout
        )
    }
    return (
        values["Absolute upper-left X"],
        values["Absolute upper-left Y"],
        values["Width"],
        values["Height"],
    )


@needs_x
def test_fullscreen_fills_the_screen_without_a_window_manager(
    display: str, isolated_dirs: Path
) -> None:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_TTS_ENGINE": "none",
    }
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--fullscreen"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        geometry = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and kiosk.poll() is None:
            geometry = window_geometry(display)
            if geometry is not None:
                break
            time.sleep(0.2)
        assert kiosk.poll() is None, kiosk.stderr.read().decode() if kiosk.stderr else ""
        assert geometry is not None, "the kiosk window never appeared"
        time.sleep(1.0)  # past the first paint and the lockdown settling
        assert window_geometry(display) == (0, 0, *SCREEN)
        # A tap on the start screen, then the window is still the whole screen.
        x11 = {**os.environ, "DISPLAY": display}
        subprocess.run(["xdotool", "mousemove", "960", "600", "click", "1"], env=x11, check=True)
        time.sleep(1.0)
        assert window_geometry(display) == (0, 0, *SCREEN)
    finally:
        kiosk.terminate()
        try:
            kiosk.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kiosk.kill()
