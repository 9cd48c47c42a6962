"""Hand memory freed during a visit back to the operating system.

A kiosk runs for weeks. On Linux, glibc keeps the memory a visit freed (the
PDF preview, the screens' layouts at a new text size) for reuse instead of
returning it, so the process looked ~3-4 MB bigger after a few hundred
visitors than after ten, though nothing was still in use (docs/performance.md).
After each reset the kiosk empties Qt's pixmap cache (``forget_pixmaps``),
collects its garbage and asks glibc to return what is free. Off Linux the
trim is left out.
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


def forget_pixmaps() -> None:
    """Empty Qt's shared pixmap cache (``QPixmapCache``), if Qt's GUI is running.

    A QLabel in Qt 6 paints its pixmap through that cache, and the entry
    keeps the pixmap's pixels alive after the label and the kiosk's own
    picture cache (``kiosk.ui.widgets.picture.rendered``) have let go of it.
    Each picture drawn anew (a new size or ink, or one the bounded picture
    cache had dropped) so left a copy behind, up to the cache's 10 MB limit:
    the last of the soak's growth (docs/performance.md). What is on show is
    put back in it at its next paint.
    """
    gui = sys.modules.get("PySide6.QtGui")  # never the one to load Qt
    if gui is not None and gui.QGuiApplication.instance() is not None:
        gui.QPixmapCache.clear()


def tidy() -> None:
    """Empty the pixmap cache, collect garbage, then return free heap pages
    to the OS where possible."""
    forget_pixmaps()
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
