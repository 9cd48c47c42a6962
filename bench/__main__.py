"""``python -m bench``: run every measurement, print the table, write JSON."""

import sys

from bench.run import main

sys.exit(main())
