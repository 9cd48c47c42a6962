"""The core (content, triage, handout, settings) imports nothing from Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CORE_MODULES = [
    "kiosk.content",
    "kiosk.content.loader",
    "kiosk.content.readability",
    "kiosk.session",
    "kiosk.cli",
    "kiosk.triage",
    "kiosk.teach_back",
    "kiosk.review",
    "kiosk.handout",
    "kiosk.settings",
    "kiosk.printing",
]


def test_core_imports_with_pyside6_blocked() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, importlib.util, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked in the core: " + name)
                return None

        sys.meta_path.insert(0, Block())
        for name in {CORE_MODULES!r}:
            if importlib.util.find_spec(name) is None:
                continue  # not written yet
            importlib.import_module(name)
        from kiosk.content import load_content
        load_content()
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("core ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "core ok"


def test_blocker_really_blocks() -> None:
    """The same blocker makes a Qt import fail, so the test above can fail."""
    script = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "PySide6":
                    raise ImportError("blocked")
        sys.meta_path.insert(0, Block())
        import kiosk.ui.theme
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode != 0
    assert "blocked" in done.stderr
