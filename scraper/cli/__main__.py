"""``python -m scraper.cli``: the ``scraper`` command."""

import sys

from scraper.cli import main

sys.exit(main())
