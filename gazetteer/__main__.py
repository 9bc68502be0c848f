"""``python -m gazetteer``: see gazetteer.cli."""

import sys

from .cli import main

sys.exit(main())
