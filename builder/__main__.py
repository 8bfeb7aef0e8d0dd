"""`python -m builder ...` runs the `portal` command."""

import sys

from builder.cli import main

sys.exit(main())
