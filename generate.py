"""Build the patient handouts and class decks: see README.md."""

import sys

from handouts.cli import main

if __name__ == "__main__":
    sys.exit(main())
