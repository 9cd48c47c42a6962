"""The heap stays compact (kiosk.memory): big blocks are given back when freed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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


def _where_a_big_block_goes(mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_big_blocks_keep_their_own_mapping_after_one_is_freed() -> None:
    assert _where_a_big_block_goes("default") == "heap"  # what the soak saw grow
    assert _where_a_big_block_goes("compact") == "mapped"
