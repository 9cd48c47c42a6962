"""Shown instead of the kiosk when the content cannot be loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.strings import Strings
from kiosk.ui.widgets.buttons import label


class ErrorScreen(QWidget):
    """A plain message for patients, with the details in small print for staff."""

    def __init__(self, strings: Strings, details: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorScreen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 64, 64, 64)
        layout.setSpacing(24)
        layout.addStretch(1)
        for role, text in (
            ("hero", strings("error.title")),
            ("subtitle", strings("error.body")),
            ("subtitle", strings("error.body_es")),
        ):
            widget = label(role)
            widget.setText(text)
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.details = label("small", object_name="error_details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setText("\n".join([strings("error.details"), *details[:12]]))
        layout.addWidget(self.details)
