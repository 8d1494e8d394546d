"""Entry of the windowed desktop app in the frozen build (`evidence-kit-app`): the same as
`evidence-kit` with no arguments, without a console window on Windows."""

import sys

from evidence_kit.gui.app import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
