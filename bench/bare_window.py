"""The bare baseline: one PySide6 window with one label, nothing else.

Reports its first paint exactly as the kiosk does under
``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` (same event filter), so
``python -m bench`` can compare the two in the same run.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel

from kiosk.ui.first_paint import install


def main() -> int:
    """Open the window, print ``first-paint ...`` on its first paint, exit."""
    app = QApplication(sys.argv[:1])
    window = QLabel("Why do muscles twitch?")
    install(window)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
