"""Entry script of the frozen build: the same ``main()`` as ``python -m kiosk``."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
