"""The heap stays compact (kiosk.memory): big blocks are given back when freed,
and the pictures a visit painted do not outlive it in Qt's pixmap cache."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]

# After one 2 MB block is freed, glibc serves the next 1 MB block from the
# heap (it raised its threshold), unless the kiosk fixed the threshold.
PROBE = textwrap.dedent(
    """
    import ctypes, sys
    from kiosk import memory

    class Info(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost")]

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    libc.mallinfo2.restype = Info
    if sys.argv[1] == "compact":
        assert memory.keep_heap_compact()
    libc.free(libc.malloc(2 * 1024 * 1024))
    before = libc.mallinfo2().hblkhd
    block = libc.malloc(1024 * 1024)
    print("mapped" if libc.mallinfo2().hblkhd - before >= 1024 * 1024 else "heap")
    libc.free(block)
    """
)


def _run_probe(script: str, mode: str, timeout: float = 60) -> str:
    """The last line ``script`` prints, run with ``mode`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", script, mode],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _where_a_big_block_goes(mode: str) -> str:
    return _run_probe(PROBE, mode)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_big_blocks_keep_their_own_mapping_after_one_is_freed() -> None:
    assert _where_a_big_block_goes("default") == "heap"  # what the soak saw grow
    assert _where_a_big_block_goes("compact") == "mapped"


# A label paints 30 pictures of 256 x 256 (256 KB each), one after the
# other, each dropped by the label and by Python after its paint, as the
# kiosk's bounded picture cache drops one. Prints the MB still in use.
PAINTED = textwrap.dedent(
    """
    import ctypes, gc, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QColor, QPixmap
    from PySide6.QtWidgets import QApplication, QLabel
    from kiosk import memory

    class Info(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost")]

    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = Info

    def in_use_mb():
        info = libc.mallinfo2()
        return (info.uordblks + info.hblkhd) / 2**20

    app = QApplication(["probe"])
    label = QLabel()
    label.resize(300, 300)
    label.show()
    app.processEvents()
    gc.collect()
    before = in_use_mb()
    for n in range(30):
        picture = QPixmap(256, 256)
        picture.fill(QColor(n, 0, 0))
        label.setPixmap(picture)
        label.repaint()
        del picture
    label.clear()
    label.repaint()
    if sys.argv[1] == "tidy":
        memory.tidy()
    gc.collect()
    print(round(in_use_mb() - before, 1))
    """
)


def _painted_mb_left(mode: str) -> float:
    return float(_run_probe(PAINTED, mode, timeout=120))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallinfo2")
def test_pictures_a_label_painted_leave_memory_at_the_tidy() -> None:
    """What the soak's last growth was: each picture painted by a label stayed
    in Qt's pixmap cache after the label and the kiosk had let go of it."""
    assert _painted_mb_left("keep") > 5  # 30 x 0.25 MB kept by QPixmapCache
    assert _painted_mb_left("tidy") < 1


def test_a_reset_empties_the_pixmap_cache(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPixmap, QPixmapCache

    picture = QPixmap(8, 8)
    picture.fill(QColor("red"))
    key = QPixmapCache.insert(picture)
    assert QPixmapCache.find(key) is not None
    window.reset_session()
    qtbot.waitUntil(lambda: QPixmapCache.find(key) is None, timeout=2000)
