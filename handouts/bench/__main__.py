"""Allow ``python -m handouts.bench``."""

import sys

from handouts.bench import main

sys.exit(main())
