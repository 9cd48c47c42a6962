"""The illustration set: every id has a parseable one-colour SVG, the licence is vendored."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from brief_rules import BRIEF_RULES, SECTION_IDS

from kiosk.content import Tier
from kiosk.pictures import FILES, ICONS_DIR, Picture, svg_bytes, svg_path

REQUIRED = [
    *(sign for sign, _ in BRIEF_RULES),  # the checklist signs
    *(tier.value for tier in Tier),  # the results
    *SECTION_IDS,  # the explainer's pages
    "sleep",
    "relax",
    "caffeine",
    "alcohol",
    "stretch",
    "meals_fluids",
    "medicines_ask",
    "speaker",
    "printer",
    "success",
    "failure",
    "body_map",
    "twitch_cramp",
    "stroke_panel",
]


def test_every_required_id_exists() -> None:
    assert set(REQUIRED) <= {p.value for p in Picture}
    assert set(FILES) == set(Picture)


@pytest.mark.parametrize("picture", list(Picture), ids=str)
def test_every_picture_is_a_parseable_svg(picture: Picture) -> None:
    path = svg_path(picture)
    assert path.is_file(), path
    root = ET.fromstring(svg_bytes(picture, "#111111"))
    assert root.tag.endswith("svg")
    assert root.get("viewBox")


@pytest.mark.parametrize("picture", list(Picture), ids=str)
def test_pictures_draw_in_one_recolourable_colour(picture: Picture) -> None:
    raw = svg_path(picture).read_text(encoding="utf-8")
    assert "currentColor" in raw
    recoloured = svg_bytes(picture, "#ffffff").decode()
    assert "currentColor" not in recoloured and "#ffffff" in recoloured
    # No other colour is named, so one replacement recolours the whole picture.
    for other in ("#000", "black", "rgb("):
        assert other not in recoloured.lower()


def test_licence_and_list_of_vendored_icons() -> None:
    licence = (ICONS_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Resolve to Save Lives" in licence
    listing = (ICONS_DIR / "README.md").read_text(encoding="utf-8")
    for svg in ICONS_DIR.glob("*.svg"):
        assert svg.name in listing, svg.name


def test_bad_ids_and_colours_are_refused() -> None:
    with pytest.raises(ValueError):
        svg_path("no_such_picture")
    with pytest.raises(ValueError):
        svg_bytes(Picture.SPEAKER, '"><script>')


def test_pictures_module_is_qt_free() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kiosk.pictures; assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
