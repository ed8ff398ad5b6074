"""Command line: `python -m upr_sheets COMMAND …` (see `--help`)."""

from __future__ import annotations

import sys

from upr_sheets.cli import main

if __name__ == "__main__":
    sys.exit(main())
