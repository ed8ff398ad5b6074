"""Commands that change a sheet: `setup-sheet` (and, in their own modules' words, `record`).

Each only adds to the sheet; a Google Sheet needs the service account as Editor.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from upr_sheets.core.settings import Settings
from upr_sheets.core.sheet_urls import gsheet_key

from .common import EXIT_FAILED, EXIT_OK

WRITABLE_HELP = "a Google Sheet URL / gsheet:KEY (shared with the service account as Editor) or an .xlsx path"


def add_setup_sheet(sub) -> None:
    """The `setup-sheet` command's arguments."""
    s = sub.add_parser("setup-sheet", help="add the missing tabs, columns, dropdowns and formats to a sheet "
                                                  "(adds only)")
    s.add_argument("source", help=WRITABLE_HELP + " (a new .xlsx path creates the starter workbook)")
    s.add_argument("--dry-run", action="store_true", help="print what would change; change nothing")


def writable_target(source: str) -> tuple[str | None, Path | None]:
    """(Google Sheet key, None) or (None, .xlsx path); (None, None) when the source cannot be written."""
    key = gsheet_key(source)
    if key:
        return key, None
    path = Path(source).expanduser()
    return (None, path) if path.suffix.lower() == ".xlsx" else (None, None)


def cmd_setup_sheet(args: argparse.Namespace, settings: Settings) -> int:
    """Prepare a Google Sheet or an .xlsx workbook for the dashboard, adding only."""
    key, path = writable_target(args.source)
    if key:
        from upr_sheets.authoring.setup_gsheet import setup_gsheet
        from upr_sheets.sources.gwrite import open_writer

        report = setup_gsheet(open_writer(key, settings), settings, dry_run=args.dry_run)
    elif path is not None:
        from upr_sheets.authoring.setup_xlsx import setup_xlsx

        report = setup_xlsx(path, settings, dry_run=args.dry_run)
    else:
        print(f"setup-sheet prepares a Google Sheet or an .xlsx workbook; {args.source!r} is neither.")
        return EXIT_FAILED
    print("\n".join(report.lines()))
    return EXIT_OK


COMMANDS = {"setup-sheet": (add_setup_sheet, cmd_setup_sheet)}
