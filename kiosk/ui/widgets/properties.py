"""Qt enum properties set by name.

PySide builds the ~150 enum classes of ``PySide6.QtCore.Qt`` all at once on
its first use: 20-30 ms of start-up (docs/performance.md). What is built
before the first paint (the start screen, the top bar, the lockdown) sets
its enum properties through Qt's property system by key name instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum(target: QObject, name: str, keys: str) -> None:
    """Set the enum or flags property ``name`` by key, e.g. ``("focusPolicy", "StrongFocus")``
    or ``("flags", "Window|FramelessWindowHint")``.

    Raises ValueError for an unknown property or key, so a typo fails loudly.
    """
    if not target.setProperty(name, keys):
        raise ValueError(f"{type(target).__name__}.{name} cannot be set to {keys!r}")
