"""Where the shipped data (``content/`` and ``assets/``) lives.

Three install kinds, tried in this order:

1. an installed wheel (``pip install``, pipx, a container): the wheel maps the
   repository's top-level ``content/`` and ``assets/`` into the package
   ``kiosk._data``, the folder beside this file;
2. a source checkout or an editable install: ``content/`` and ``assets/``
   beside the ``kiosk`` package folder, at the top of the repository;
3. the PyInstaller build: ``sys._MEIPASS/content`` and ``sys._MEIPASS/assets``
   (``build_installer.spec`` lays them beside the frozen ``kiosk`` package, so
   this is the same rule as 2 with ``sys._MEIPASS`` as the root).

Never from ``sys.executable`` or the working folder, so running from another
folder changes nothing. The content can be replaced by a signed content pack
(``kiosk content install``), read from the kiosk's data folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The folder holding the ``kiosk`` package: the repository in a checkout,
# site-packages in a wheel install, sys._MEIPASS in the frozen build.
ROOT = Path(__file__).resolve().parent.parent
# The ``kiosk`` package's own folder: a wheel puts ``_data`` in it.
PACKAGE_DIR = ROOT / "kiosk"


def _wheel_data() -> Path | None:
    """``kiosk/_data`` when it holds the data (a wheel install), else None.

    The package's folder beside this file, as :mod:`importlib.resources` would
    find it for a wheel (and only a real folder will do: the rest of the kiosk
    uses pathlib paths); looked up directly, since importing that costs about
    2 ms of every start.
    """
    path = PACKAGE_DIR / "_data"
    return path if (path / "content").is_dir() and (path / "assets").is_dir() else None


def data_root() -> Path:
    """The folder that holds ``content/`` and ``assets/`` for this install."""
    wheel = _wheel_data()
    if wheel is not None:
        return wheel
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None and (Path(frozen) / "content").is_dir():
        return Path(frozen)
    return ROOT


def _installed_pack() -> Path | None:
    """The current signed content pack installed with ``kiosk content install``, if any."""
    from kiosk.pack_pointer import active_content_dir

    return active_content_dir()


DATA_ROOT = data_root()
# The content shipped with this install; an installed content pack
# (kiosk/content_packs.py) takes its place until it is rolled back.
SHIPPED_CONTENT_DIR = DATA_ROOT / "content"
CONTENT_DIR = _installed_pack() or SHIPPED_CONTENT_DIR
ASSETS_DIR = DATA_ROOT / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
STYLES_DIR = ASSETS_DIR / "styles"


def asset(*parts: str) -> Path:
    """Path of a file under ``assets/``."""
    return ASSETS_DIR.joinpath(*parts)
