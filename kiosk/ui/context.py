"""What every screen needs to draw itself: content, the session, strings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.content.cache import ContentCopy
from kiosk.content.start_text import StartText
from kiosk.session import Session
from kiosk.ui.strings import Strings

if TYPE_CHECKING:
    from kiosk.content.models import ContentPack, LanguagePack

FALLBACK_LANGUAGE = "en"


class ScreenContext:
    """Shared, read-mostly state handed to each screen's ``refresh``.

    ``content`` may be a :class:`ContentCopy` whose models are read on first
    use: the start screen and the top bar draw from its start texts
    (``start_text``, ``strings``, ``language_codes``), so the kiosk's first
    frame is painted before the content is read back (docs/performance.md).
    """

    def __init__(
        self,
        content: ContentPack | ContentCopy,
        session: Session,
        emergency_number: str = "911",
        waiting_room: bool = False,
        printer_label: str = "",
        clinic_phone: str = "",
    ) -> None:
        self.copy = content if isinstance(content, ContentCopy) else ContentCopy.ready(content)
        self.session = session
        self.emergency_number = emergency_number
        # Started in waiting-room (full-screen) mode: no dialogs, ever, whatever
        # a window manager later does to the window.
        self.waiting_room = waiting_room
        # The staff's name for the printer ("the printer at the front desk");
        # empty: the visitor is told to collect it from the front desk.
        self.printer_label = printer_label
        # The clinic's phone, for "how to book" on the results ("" when not set).
        self.clinic_phone = clinic_phone
        self._strings: dict[str, Strings] = {}

    @property
    def content(self) -> ContentPack:
        """All the content (read back from the copy on first use)."""
        return self.copy.pack

    @property
    def pack(self) -> LanguagePack:
        """The content in the visitor's current language."""
        return self.content.language(self.session.language)

    @property
    def start_text(self) -> StartText:
        """The start screen's words in the visitor's current language."""
        return self.copy.start[self.session.language]

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The languages offered, in the content's order."""
        return tuple(self.copy.start)

    def language_name(self, code: str) -> str:
        """A language's name in that language ("Español")."""
        return self.copy.start[code].name

    @property
    def strings(self) -> Strings:
        """UI strings in the visitor's current language."""
        code = self.session.language
        if code not in self._strings:
            # A key missing at run time shows the English text, never the key.
            english = self.copy.start.get(FALLBACK_LANGUAGE)
            fallback = english.ui if english is not None and code != FALLBACK_LANGUAGE else None
            self._strings[code] = Strings(self.copy.start[code].ui, fallback)
        return self._strings[code]
