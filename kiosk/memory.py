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
from collections.abc import Callable


def tidy() -> None:
    """Collect garbage, then return free heap pages to the OS where possible."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
