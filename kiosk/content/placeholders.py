"""The one placeholder content text may hold: ``{emergency_number}``.

Content (the explainer's "Get help now" section, the checklist's results)
says ``{emergency_number}`` where the clinic's configured number (911, 999,
112, ...) belongs; every place that shows or prints the text fills it in.
"""

from __future__ import annotations

EMERGENCY_PLACEHOLDER = "{emergency_number}"


def fill_emergency_number(text: str, number: str) -> str:
    """``text`` with the clinic's emergency number in place of the placeholder.

    A plain replace, not ``str.format``: content may hold other braces, and a
    stray ``{`` must never stop a screen or a handout from showing.
    """
    return text.replace(EMERGENCY_PLACEHOLDER, number)
