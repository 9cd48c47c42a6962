"""A ready-made copy of the checked content, so the kiosk starts without YAML.

Parsing and checking the YAML (and importing PyYAML) was about a tenth of the
kiosk's start-up (docs/performance.md). Like Python's own ``.pyc`` files, this
keeps a pickled copy of the checked :class:`ContentPack` in the user cache
folder, keyed on the size and modification time of every file in the content
folder and of the loader's code. Any change to them, or a copy that is
missing, unreadable or damaged, means the YAML is loaded and checked as usual
(broken content still raises :class:`ContentError`) and a new copy written.

The copy holds the published content only, never anything a visitor did. It
is read only from the user's own cache folder, which only that user can write.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from pathlib import Path

from kiosk import __version__
from kiosk.content.models import ContentPack
from kiosk.folders import cache_dir as user_cache_dir
from kiosk.resources import CONTENT_DIR

log = logging.getLogger(__name__)

CACHE_FILE = "content.pickle"
# Bump when the pickled layout changes in a way file times cannot show.
FORMAT = 1
# The code that turns YAML into models: a change to it also makes the copy stale.
_CODE = tuple(Path(__file__).with_name(name) for name in ("models.py", "loader.py", "errors.py"))

Fingerprint = tuple[object, ...]


def fingerprint(root: Path) -> Fingerprint:
    """What the copy must match: every content file's path, size and mtime, and the code's.

    Raises OSError if the folder cannot be listed.
    """
    files: list[tuple[str, int, int]] = []
    for folder, subfolders, names in os.walk(root, onerror=_raise):
        subfolders.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            stat = os.stat(path)
            files.append((os.path.relpath(path, root), stat.st_size, stat.st_mtime_ns))
    code = tuple(_stamp(path) for path in _CODE)
    return (FORMAT, __version__, str(root.resolve()), code, tuple(files))


def load_content_cached(content_dir: Path | None, cache_dir: Path | None = None) -> ContentPack:
    """The content under ``content_dir``, from the copy in ``cache_dir`` (default: the
    user cache folder) when it is current.

    Raises ContentError when the content itself is broken, like ``load_content``.
    """
    root = Path(content_dir) if content_dir is not None else CONTENT_DIR
    try:
        key = fingerprint(root)
    except OSError:
        return _load_yaml(root)  # the loader says what is wrong with the folder
    path = (user_cache_dir() if cache_dir is None else cache_dir) / CACHE_FILE
    pack = _read(path, key)
    if pack is None:
        pack = _load_yaml(root)
        _write(path, key, pack)
    return pack


def _load_yaml(root: Path) -> ContentPack:
    from kiosk.content.loader import load_content  # PyYAML only when needed

    return load_content(root)


def _read(path: Path, key: Fingerprint) -> ContentPack | None:
    try:
        with path.open("rb") as file:
            stored = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as exc:
        log.info("content cache %s not used: %s", path, exc)
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        pack = stored[1]
        if isinstance(pack, ContentPack):
            return pack
    return None


def _write(path: Path, key: Fingerprint, pack: ContentPack) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as file:
            pickle.dump((key, pack), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except (OSError, pickle.PicklingError) as exc:
        log.info("content cache %s not written: %s", path, exc)
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:  # a frozen build keeps no .py files; its version says enough
        return (path.name, -1, -1)
    return (path.name, stat.st_size, stat.st_mtime_ns)


def _raise(error: OSError) -> None:
    raise error
