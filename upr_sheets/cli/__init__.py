"""The command line: check, summary, setup-sheet, template, import-report, demo, share, publish, export, report, …

`main` builds the parser from the command groups (`data`, `authoring`, `writes`, `share`, `outputs`), each of which
adds its commands' arguments and runs them; errors of loading, settings and files end here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from upr_sheets.core.errors import SettingsError, UprSheetsError
from upr_sheets.core.settings import load_settings

from . import authoring, data, outputs, share, suggest, writes
from .common import EXIT_FAILED, EXIT_OK, EXIT_QUARANTINED
from .outputs import REPORT_FORMATS, REPORT_KINDS

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_OK", "EXIT_QUARANTINED", "REPORT_FORMATS", "REPORT_KINDS", "main"]

ORDER = ("check", "summary", "setup-sheet", "template", "import-report", "suggest", "record", "calendar", "demo",
         "share", "publish", "export", "report", "translations")  # as `--help` lists them
_GROUPS = {name: entry for group in (data, authoring, writes, suggest, share, outputs)
           for name, entry in group.COMMANDS.items()}
COMMANDS = {name: _GROUPS[name][1] for name in ORDER}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m upr_sheets",
                                description="Load, check and summarise a UPR Monitor sheet.")
    p.add_argument("--settings", type=Path, help="settings file (default: config/settings.toml)")
    sub = p.add_subparsers(dest="command", required=True)
    for name in ORDER:
        _GROUPS[name][0](sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command; errors become one clear line on stderr and exit status 2."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.settings)
        return COMMANDS[args.command](args, settings)
    except SettingsError as exc:
        print(f"Settings error: {exc}", file=sys.stderr)
    except UprSheetsError as exc:
        print(f"Could not load the sheet: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"Could not read or write a file: {exc}", file=sys.stderr)
    return EXIT_FAILED
