"""Hand memory freed during a visit back to the operating system.

A kiosk runs for weeks. On Linux, glibc keeps the memory a visit freed (the
PDF preview, the screens' layouts at a new text size) for reuse instead of
returning it, so the process looked ~3-4 MB bigger after a few hundred
visitors than after ten, though nothing was still in use (docs/performance.md).
After each reset the kiosk collects its garbage and asks glibc to return
what is free. Elsewhere only the garbage is collected.
"""

from __future__ import annotations

import functools
import gc
import sys
from typing import Any

# Blocks this large or larger get mappings of their own, given back when freed.
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


def keep_heap_compact() -> bool:
    """Serve every block of ``MMAP_THRESHOLD`` or more from its own mapping.

    glibc raises that threshold each time such a block is freed (up to
    32 MB), so after a few visits the screens' pictures and the PDF pages
    came from the heap and left holes there that no trim gives back: 240
    checklist visitors grew the process by 5.5 MB with under 1 MB of it in
    use. A fixed threshold stops the raising (1.7 MB for the same visitors).
    True where it was set (Linux with glibc).
    """
    libc = _glibc()
    return libc is not None and bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def tidy() -> None:
    """Collect garbage, then return free heap pages to the OS where possible."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _glibc() -> Any:
    """The C library, where it is glibc (it has malloc_trim and mallopt); else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt  # noqa: B018 (musl has no malloc_trim)
    except (OSError, AttributeError):
        return None
    return libc
