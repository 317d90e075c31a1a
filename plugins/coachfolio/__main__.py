"""Allow `python -m coachfolio`."""

import sys

from coachfolio.cli import main

sys.exit(main())
