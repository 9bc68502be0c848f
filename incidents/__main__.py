"""``python -m incidents``: see incidents.cli."""

import sys

from .cli import main

sys.exit(main())
