"""The UI string keys the content check requires are the ones the code asks for.

``kiosk/content/ui_keys.py`` lists every key the screens show, with the
``{placeholders}`` each may hold; the content check refuses a ``ui.yaml``
without one (issue 16 item 4). These tests keep that list from drifting
from the code: a static read of every ``strings(...)`` call and key-shaped
text under ``kiosk/``, and a run over every screen that records each key asked.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from brief_rules import SECTION_IDS

import kiosk
from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.ui_keys import PLURAL_SUFFIX, REQUIRED_UI_KEYS
from kiosk.handout.paper import Paper
from kiosk.printing import PrintProblem, SaveProblem
from kiosk.session import Session, TextSize
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.explainer import NEXT_STEPS
from kiosk.ui.self_test import visit_all
from kiosk.ui.strings import Strings

KIOSK_DIR = Path(kiosk.__file__).parent
ROOT = KIOSK_DIR.parent
# The error screen draws only the few strings of assets/fallback_strings.yaml
# (the content itself failed to load), never ui.yaml.
FALLBACK_ONLY = {"kiosk/ui/screens/error.py"}
GROUPS = {key.split(".")[0] for key in REQUIRED_UI_KEYS}
KEY_SHAPED = re.compile(r"^(" + "|".join(sorted(GROUPS)) + r")\.[a-z0-9_.]+$")

# Each computed key (file, the call's first argument) and the keys it can be.
COMPUTED: dict[tuple[str, str], set[str]] = {
    ("kiosk/ui/screens/checklist.py", "f'checklist.intro_{key}'"): {
        f"checklist.intro_{key}" for key in ("adults", "no_diagnosis", "time")
    },
    ("kiosk/ui/screens/handout.py", "key"): {
        *(f"handout_screen.print_problems.{code}" for code in PrintProblem),
        *(f"handout_screen.save_problems.{code}" for code in SaveProblem),
    },
    ("kiosk/ui/screens/handout.py", "f'{group}.{GENERIC_PROBLEM}'"): {
        "handout_screen.print_problems.other",
        "handout_screen.save_problems.other",
    },
    ("kiosk/ui/screens/handout.py", "f'handout_screen.{state}'"): {
        "handout_screen.waiting",
        "handout_screen.printing",
    },
    ("kiosk/ui/screens/staff.py", "f'staff.{key}'"): {
        f"staff.{key}"
        for key in (
            "printer",
            "paper",
            "language",
            "level",
            "idle",
            "quick_print",
            "clinic_name",
            "clinic_phone",
            "emergency_number",
            "printer_label",
        )
    },
    ("kiosk/ui/screens/staff.py", "f'staff.paper_{p.value}'"): {f"staff.paper_{p}" for p in Paper},
    ("kiosk/ui/screens/staff.py", "f'level.{lv.value}'"): {f"level.{lv}" for lv in ReadingLevel},
    ("kiosk/ui/widgets/level_switch.py", "f'level.{lv.value}'"): {
        f"level.{lv}" for lv in ReadingLevel
    },
    ("kiosk/ui/screens/start.py", "f'start.{action}'"): {
        f"start.{action}" for action in ("learn", "checklist", "handout")
    },
    ("kiosk/ui/widgets/top_bar.py", "f'display.size_{session.text_size.value}'"): {
        f"display.size_{size}" for size in TextSize
    },
    ("kiosk/ui/widgets/top_bar.py", "f'display.contrast_{state}'"): {
        "display.contrast_on",
        "display.contrast_off",
    },
    ("kiosk/ui/widgets/top_bar.py", "f'display.contrast_{state}_accessible'"): {
        "display.contrast_on_accessible",
        "display.contrast_off_accessible",
    },
    # Each explainer page's one-line caption, by section id.
    ("kiosk/ui/screens/explainer.py", "f'caption.{section.id}'"): {
        f"caption.{section}" for section in SECTION_IDS
    },
    ("kiosk/ui/screens/explainer.py", "key"): set(NEXT_STEPS.values()),
    # Keys held in constants and handed around: the key-shaped text test below.
    ("kiosk/ui/screens/staff_pin.py", "self._message_key"): set(),
    ("kiosk/ui/screens/teach_back.py", "key"): set(),
}


def sources() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(KIOSK_DIR.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name not in FALLBACK_ONLY and name != "kiosk/content/ui_keys.py":
            yield name, ast.parse(path.read_text(encoding="utf-8"))


def strings_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "strings":
                yield node


def constants(node: ast.AST) -> list[str] | None:
    """The keys a call's first argument can be when written out, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = constants(node.body), constants(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_a_strings_call_names_is_required() -> None:
    missing, computed = [], set()
    for name, tree in sources():
        for call in strings_calls(tree):
            keys = constants(call.args[0])
            if keys is None:
                computed.add((name, ast.unparse(call.args[0])))
                continue
            missing += [
                f"{name}:{call.lineno}: {key}" for key in keys if key not in REQUIRED_UI_KEYS
            ]
    assert missing == [], "add these to kiosk/content/ui_keys.py"
    unknown = computed - set(COMPUTED)
    assert unknown == set(), "a computed key: list what it can be in COMPUTED and ui_keys.py"
    assert set(COMPUTED) - computed == set(), "COMPUTED names a call that is gone"


@pytest.mark.parametrize("site", list(COMPUTED), ids=lambda site: f"{site[0]}:{site[1]}")
def test_every_computed_key_is_required(site: tuple[str, str]) -> None:
    assert COMPUTED[site] - set(REQUIRED_UI_KEYS) == set()


def test_key_shaped_text_in_the_screens_is_required() -> None:
    """Keys handed around before they are looked up (the PIN screen's messages)."""
    prefixes = {key.rsplit(".", 1)[0] for key in REQUIRED_UI_KEYS}
    found = []
    for name, tree in sources():
        if not name.startswith("kiosk/ui/"):
            continue
        in_fstrings = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in in_fstrings
                and KEY_SHAPED.match(node.value)
                and node.value not in prefixes
                and node.value not in REQUIRED_UI_KEYS
            ):
                found.append(f"{name}:{node.lineno}: {node.value}")
    assert found == []


def test_the_placeholders_listed_are_the_ones_each_call_fills() -> None:
    """A listed placeholder the call does not pass would show as ``{name}``."""
    wrong = []
    for name, tree in sources():
        for call in strings_calls(tree):
            keys = constants(call.args[0]) or []
            if not call.keywords or any(k.arg is None for k in call.keywords):
                continue  # returned as written (filled later), or values not known here
            passed = {k.arg for k in call.keywords}
            for key in keys:
                extra = set(REQUIRED_UI_KEYS.get(key, ())) - passed
                if extra:
                    wrong.append(f"{name}:{call.lineno}: {key} lists {sorted(extra)}")
    assert wrong == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_shipped_strings_hold_only_the_listed_placeholders(
    content: ContentPack, language: str
) -> None:
    ui = content.language(language).ui
    for key, allowed in REQUIRED_UI_KEYS.items():
        assert key in ui, key
        for variant in (key, key + PLURAL_SUFFIX):
            if variant in ui:
                assert fields(ui[variant]) <= set(allowed), variant


class Recording(Strings):
    def __init__(self, table: dict[str, str], asked: set[str]) -> None:
        super().__init__(table)
        self.asked = asked

    def __call__(self, key: str, **values: object) -> str:
        self.asked.add(key)
        return super().__call__(key, **values)


def test_every_key_asked_on_every_screen_is_required(qtbot: object, content: ContentPack) -> None:
    """Run over every screen at every level in both languages, recording each key."""
    asked: set[str] = set()
    ctx = ScreenContext(content=content, session=Session())
    for code, pack in content.languages.items():
        ctx._strings[code] = Recording(dict(pack.ui), asked)
    window = MainWindow(ctx)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(1280, 800)
    window.show()
    for code in content.languages:
        ctx.session.language = code
        window.refresh_current()
        for _ in visit_all(window):
            pass
    assert len(asked) > 60, "the run reached the screens"
    not_listed = {
        key
        for key in asked
        if key not in REQUIRED_UI_KEYS and key.removesuffix(PLURAL_SUFFIX) not in REQUIRED_UI_KEYS
    }
    assert not_listed == set()
