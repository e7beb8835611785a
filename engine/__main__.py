"""``python -m engine`` is the ``kalbajar`` command."""

import sys

from engine.cli import main

sys.exit(main())
