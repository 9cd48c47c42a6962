"""Which installed content pack is current: read at every start, so it imports little.

``packs/current`` (and ``packs/previous``) hold the name of a folder beside
them; :mod:`kiosk.content_packs` writes them, :mod:`kiosk.resources` reads
``current``. Qt-free, standard library only.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

PACKS_DIR_ENV = "KIOSK_PACKS_DIR"
CURRENT = "current"
PREVIOUS = "previous"


def packs_dir() -> Path:
    """Where installed packs live: ``$KIOSK_PACKS_DIR`` or ``packs/`` in the data folder."""
    override = os.environ.get(PACKS_DIR_ENV, "").strip()
    if override:
        return Path(override)
    from kiosk.folders import data_dir

    return data_dir() / "packs"


def read_pointer(path: Path) -> str | None:
    """The folder name a pointer file holds, or None if missing or not a plain name."""
    try:
        name = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    # A pointer names a folder beside it, nothing else.
    return name if name and PurePosixPath(name).name == name and name[0] != "." else None


def active_content_dir(root: Path | None = None) -> Path | None:
    """The content folder of the current installed pack, or None (use the shipped one)."""
    root = packs_dir() if root is None else root
    name = read_pointer(root / CURRENT)
    if name is None:
        return None
    folder = root / name / "content"
    return folder if (folder / "languages.yaml").is_file() else None
