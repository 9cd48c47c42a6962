"""UI strings looked up by key from the content's ``ui.yaml``.

Widget code never holds user-visible text; it asks for a key. The content
check refuses a ``ui.yaml`` that lacks a key the screens use
(``kiosk/content/ui_keys.py``), so a gap should never get this far; if one
does, it is logged once and the English text is shown, or, without one, an
empty label: never the raw key, never a crash.

Plurals: when a count placeholder (``n``, ``tries``, ``seconds``, ``copies``)
is 1 and the table has the key with ``_one`` after it, that string is used
("1 try left", "Queda 1 intento"): English and Spanish both have one
singular form, for exactly 1.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from kiosk.resources import asset

log = logging.getLogger(__name__)

FALLBACK_FILE = asset("fallback_strings.yaml")
COUNTS = ("n", "tries", "seconds", "copies")  # placeholders that take a plural


class Strings:
    """Looks up UI text by dotted key and fills ``{placeholders}``."""

    def __init__(self, table: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> None:
        self._table = dict(table)
        self._fallback = dict(fallback or {})
        self._missing: set[str] = set()

    def __contains__(self, key: object) -> bool:
        """Whether this language has ``key`` itself (not through the fallback)."""
        return key in self._table

    def __call__(self, key: str, **values: object) -> str:
        one = any(values.get(name) == 1 for name in COUNTS)
        if one and f"{key}_one" in self._table:
            key = f"{key}_one"
        text = self._table.get(key)
        if text is None:
            if key not in self._missing:
                self._missing.add(key)
                log.warning("UI string %r is missing; %s shown", key, self._stand_in(key))
            text = self._fallback.get(f"{key}_one" if one else key) or self._fallback.get(key)
            if text is None:
                return ""
        if values:
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError):
                log.warning("UI string %r has a bad placeholder", key)
        return text

    def _stand_in(self, key: str) -> str:
        return "the English text" if key in self._fallback else "nothing"


def fallback_strings(path: Path = FALLBACK_FILE) -> Strings:
    """The few strings needed when the content itself cannot be loaded."""
    import yaml  # only on this rare path: the kiosk starts without PyYAML

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        data = None
    return Strings({str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {})
