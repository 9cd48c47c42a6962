"""The placeholders content text may hold: ``{emergency_number}`` and
``{clinic_phone}`` (only in a result's ``how``).

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


CLINIC_PHONE_PLACEHOLDER = "{clinic_phone}"


def fill_clinic_phone(text: str, phone: str) -> str:
    """``text`` with the clinic's phone number in place of ``{clinic_phone}``."""
    return text.replace(CLINIC_PHONE_PLACEHOLDER, phone)
