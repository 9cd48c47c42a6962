"""What every screen needs to draw itself: content, the session, strings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.content.models import ContentPack, LanguagePack
from kiosk.session import Session
from kiosk.ui.strings import Strings

FALLBACK_LANGUAGE = "en"


@dataclass
class ScreenContext:
    """Shared, read-mostly state handed to each screen's ``refresh``."""

    content: ContentPack
    session: Session
    emergency_number: str = "911"
    # Started in waiting-room (full-screen) mode: no dialogs, ever, whatever
    # a window manager later does to the window.
    waiting_room: bool = False
    # The staff's name for the printer ("the printer at the front desk");
    # empty: the visitor is told to collect it from the front desk.
    printer_label: str = ""
    # The clinic's phone, for "how to book" on the results ("" when not set).
    clinic_phone: str = ""
    _strings: dict[str, Strings] = field(default_factory=dict)

    @property
    def pack(self) -> LanguagePack:
        """The content in the visitor's current language."""
        return self.content.language(self.session.language)

    @property
    def strings(self) -> Strings:
        """UI strings in the visitor's current language."""
        code = self.session.language
        if code not in self._strings:
            # A key missing at run time shows the English text, never the key.
            english = self.content.languages.get(FALLBACK_LANGUAGE)
            fallback = english.ui if english is not None and code != FALLBACK_LANGUAGE else None
            self._strings[code] = Strings(self.content.language(code).ui, fallback)
        return self._strings[code]
