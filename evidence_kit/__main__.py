"""`python -m evidence_kit` and the frozen app's entry point."""

import sys

from evidence_kit.cli import main

sys.exit(main())
