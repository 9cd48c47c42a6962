"""Stand-ins for the printer and the save dialog while the soak runs.

Never a real printer: ``kiosk.printing.print_pdf`` is replaced by a fake that
only counts jobs, and every file dialog answers with a path in a temporary
folder (or "cancelled"), so no modal dialog can stop the soak.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog


@dataclass
class FakeDevices:
    """What the fakes saw."""

    folder: Path
    printed: int = 0
    saved_dialogs: int = 0
    printer_faked: bool = False


@contextmanager
def fake_devices(folder: Path) -> Iterator[FakeDevices]:
    """Patch printing and file dialogs for the duration of the block."""
    seen = FakeDevices(folder=folder)
    undo: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, value: Any) -> None:
        undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    try:
        printing = importlib.import_module("kiosk.printing")
    except ImportError:
        printing = None
    if printing is not None and hasattr(printing, "print_pdf"):
        job_type = getattr(printing, "PrintJob", None)

        def fake_print_pdf(
            data: bytes,
            printer: str | None = None,
            copies: int = 1,
            title: str = "",
            **_options: Any,  # two_sided, timeout_s
        ) -> Any:
            assert data.startswith(b"%PDF"), "the soak was asked to print something not a PDF"
            seen.printed += 1
            name = printer or "bench-fake-printer"
            if job_type is None:
                return name
            # No job id: the service does not follow it in a (real) CUPS queue.
            return job_type(printer=name, job_id="", copies=copies)

        patch(printing, "print_pdf", fake_print_pdf)
        seen.printer_faked = True

    def fake_save_name(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        seen.saved_dialogs += 1
        return str(folder / "bench-handout.pdf"), ""

    def cancelled(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return "", ""

    patch(QFileDialog, "getSaveFileName", staticmethod(fake_save_name))
    patch(QFileDialog, "getOpenFileName", staticmethod(cancelled))
    try:
        yield seen
    finally:
        for owner, name, value in reversed(undo):
            setattr(owner, name, value)
