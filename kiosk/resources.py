"""Where the shipped data lives.

Found from this file's own location, never from ``sys.executable``, so a
source checkout and the PyInstaller build (which lays ``content/`` and
``assets/`` beside the ``kiosk`` package) find them the same way.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
ASSETS_DIR = ROOT / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
STYLES_DIR = ASSETS_DIR / "styles"


def asset(*parts: str) -> Path:
    """Path of a file under ``assets/``."""
    return ASSETS_DIR.joinpath(*parts)
