"""The few words the kiosk's first frame shows, in each language.

The start screen, the top bar and the window title need only these. The
content copy (``kiosk.content.cache``) keeps them apart from the rest, so
the kiosk paints its first frame before it reads all the content back into
its models, which it does right after (docs/performance.md).
"""

# No ``from __future__ import annotations``: the content copy reads these
# fields' types back with its one decoder (kiosk.content.cache) before the
# first paint, and real types need no compiling there.
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.models import ContentPack, LanguagePack


@dataclass(frozen=True)
class StartText:
    """One language's name, the topic's title and subtitle, and the screens' words."""

    name: str  # in the language itself ("Español")
    title: str
    subtitle: str
    ui: Mapping[str, str]

    @classmethod
    def of(cls, pack: "LanguagePack") -> "StartText":
        """The start text of a language pack."""
        return cls(pack.name, pack.topic.title, pack.topic.subtitle, pack.ui)


def start_texts(content: "ContentPack") -> dict[str, StartText]:
    """Every language's start text, in the content's order of languages."""
    return {code: StartText.of(pack) for code, pack in content.languages.items()}
