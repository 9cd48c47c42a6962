"""Widget code holds no user-visible text: every string comes from ui.yaml."""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk.ui

UI_DIR = Path(kiosk.ui.__file__).parent
# Calls whose string arguments end up on screen or in a screen reader.
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "addItem",
    "addItems",
    "insertItem",
    "setItemText",
    "setTabText",
    "showMessage",
    "setHtml",
    "setPlainText",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "big_button",
    "set_button_text",
}
# Screen-only symbols that carry no language.
ALLOWED = {"", "•", "×", "←", "→", "+", "−", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}


def visible_literals(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in TEXT_CALLS:
            continue
        args = list(node.args) + [k.value for k in node.keywords if k.arg in (None, "text")]
        for arg in args:
            for sub in shown_strings(arg):
                text = sub.value.strip()
                if text not in ALLOWED and any(c.isalpha() for c in text):
                    found.append((sub.lineno, sub.value))
    return found


def shown_strings(node: ast.AST) -> list[ast.Constant]:
    """String constants that reach the screen as they are.

    A nested call such as ``strings("nav.next")`` turns its argument into
    something else (a looked-up text), so its strings are not shown.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Call):
        return []
    return [c for child in ast.iter_child_nodes(node) for c in shown_strings(child)]


def test_scanner_finds_a_literal() -> None:
    """The scanner is not blind: it catches the usual ways text is set."""
    sample = ast.parse(
        "label.setText('Hello there')\n"
        "b = big_button(text='Next')\n"
        "set_button_text(b, f'Page {n}')\n"
        "w.setAccessibleName('Close')\n"
        "label.setText(strings('nav.next'))\n"
    )
    assert [text for _, text in visible_literals(sample)] == [
        "Hello there",
        "Next",
        "Page ",
        "Close",
    ]


def test_no_visible_literal_in_widget_code() -> None:
    offenders = []
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [
            f"{path.relative_to(UI_DIR)}:{line}: {text!r}" for line, text in visible_literals(tree)
        ]
    assert not offenders, "user-visible text must come from ui.yaml:\n" + "\n".join(offenders)
