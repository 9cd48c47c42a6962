"""Handout build per reading level in a warm process (no Qt)."""

from __future__ import annotations

import importlib.util
import time
from typing import Any

from bench.stats import summary
from kiosk.content import ContentPack
from kiosk.content.models import ReadingLevel

WARM_UP = 2


def handout_available() -> bool:
    """True when ``kiosk.handout.build_handout`` exists."""
    if importlib.util.find_spec("kiosk.handout") is None:
        return False
    import kiosk.handout

    return hasattr(kiosk.handout, "build_handout")


def measure_handout(content: ContentPack, runs: int = 10) -> dict[str, Any]:
    """Median build time per level (ms), English, Letter, no large print."""
    if not handout_available():
        return {"available": False}
    from kiosk.handout import HandoutOptions, build_handout, load_handout_text

    pack = content.language("en")
    text = load_handout_text(pack.language)
    per_level: dict[str, dict[str, float]] = {}
    for level in ReadingLevel:
        options = HandoutOptions(level=level, reproducible=True)
        samples: list[float] = []
        for i in range(runs + WARM_UP):
            start = time.perf_counter()
            data = build_handout(pack, content.sources, options, text)
            elapsed = (time.perf_counter() - start) * 1000.0
            assert data.startswith(b"%PDF"), "the handout is not a PDF"
            if i >= WARM_UP:
                samples.append(elapsed)
        per_level[level.value] = summary(samples)
    worst = max(per_level.values(), key=lambda s: s["median"])
    return {"available": True, "per_level": per_level, "worst": worst}
