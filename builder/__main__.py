"""`python -m builder ...` runs the `portal` command."""

import sys

from .cli import main

sys.exit(main())
