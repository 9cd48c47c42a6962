"""The part of the style sheet that a page of fixed widgets can use.

Qt parses each page's copy of the sheet and tries its rules on each of the
page's widgets. The top bar and the start screen are built before the first
paint and never gain or lose a widget, so each carries only the rules that
can style one of its widgets (10 and 23 of the sheet's 61 rules): about 4 M
instructions (0.5 ms) fewer before the first paint, choosing them included,
and a lighter restyle of both at each text-size or contrast tap.

A rule is kept unless its subject (the selector's last part, the widget it
styles) names a class, an object name or a role that no widget of the page
has. Everything else is kept: states (``:checked``), sub-controls
(``::handle``), other properties, and the ancestors of a descendant
selector, which may be outside the page. So a rule is dropped only when it
can style none of the page's widgets, and every widget looks as it would
with the whole sheet (``tests/test_sheet_subset.py`` compares the pixels).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from PySide6.QtCore import QMetaObject
from PySide6.QtWidgets import QWidget


class Vocabulary(NamedTuple):
    """What a page's widgets can be matched by: class names (with every base
    class), object names and ``role`` properties."""

    classes: frozenset[str]
    names: frozenset[str]
    roles: frozenset[str]


def vocabulary(page: QWidget) -> Vocabulary:
    """The class names, object names and roles of ``page`` and its widgets."""
    classes: set[str] = set()
    names: set[str] = set()
    roles: set[str] = set()
    chains: dict[str, tuple[str, ...]] = {}  # a class's name -> its and its bases' names
    for widget in (page, *page.findChildren(QWidget)):
        meta = widget.metaObject()
        chain = chains.get(meta.className())
        if chain is None:
            chain = chains[meta.className()] = _class_chain(meta)
        classes.update(chain)
        names.add(widget.objectName())
        role = widget.property("role")
        if isinstance(role, str):
            roles.add(role)
    return Vocabulary(frozenset(classes), frozenset(names), frozenset(roles))


def _class_chain(meta: QMetaObject) -> tuple[str, ...]:
    names = []
    base: QMetaObject | None = meta
    while base is not None:
        names.append(base.className())
        base = base.superClass()
    return tuple(names)


@functools.lru_cache(maxsize=16)
def sheet_for(qss: str, words: Vocabulary) -> str:
    """The rules of ``qss`` that can style a widget described by ``words``."""
    return "\n".join(rule for selectors, rule in _rules(qss) if _any_may_match(selectors, words))


@functools.lru_cache(maxsize=8)
def _rules(qss: str) -> tuple[tuple[str, str], ...]:
    """Each rule of ``qss`` as (its selectors, its whole text); comments dropped."""
    text = _without_comments(qss)
    rules = []
    for chunk in text.split("}"):
        selectors, brace, _ = chunk.partition("{")
        if brace:
            rules.append((selectors.strip(), chunk.strip() + "\n}"))
    return tuple(rules)


def _without_comments(qss: str) -> str:
    parts = []
    rest = qss
    while "/*" in rest:
        before, _, after = rest.partition("/*")
        parts.append(before)
        rest = after.partition("*/")[2]
    parts.append(rest)
    return "".join(parts)


def _any_may_match(selectors: str, words: Vocabulary) -> bool:
    return any(_subject_may_match(selector, words) for selector in selectors.split(","))


def _subject_may_match(selector: str, words: Vocabulary) -> bool:
    """False only if the selector's subject needs a class, name or role ``words`` lack."""
    quoted = selector.split('"')[1::2] + selector.split("'")[1::2]
    if any(char in value for value in quoted for char in " ,:>[]"):
        return True  # a value this reading would cut in two: kept
    parts = selector.replace(">", " ").split()
    if not parts:
        return True
    subject = parts[-1]
    end = subject.rfind("]")
    state = subject.find(":", end + 1)
    if state >= 0:
        subject = subject[:state]  # states and sub-controls: kept
    attributes = subject.split("[")
    head = attributes[0]
    kind, _, name = head.partition("#")
    if kind not in ("", "*") and kind not in words.classes:
        return False
    if name and name not in words.names:
        return False
    for attribute in attributes[1:]:
        key, equals, value = attribute.rstrip("]").partition("=")
        if key.strip() == "role" and equals and value.strip().strip("\"'") not in words.roles:
            return False
    return True
