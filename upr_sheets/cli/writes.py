"""Commands that change a sheet (`setup-sheet`, `record`) and follow it up (`calendar`).

Each only adds to the sheet; a Google Sheet needs the service account as Editor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from upr_sheets.core.settings import Settings
from upr_sheets.core.sheet_urls import gsheet_key

from .common import EXIT_FAILED, EXIT_OK, add_source, load

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


def add_record(sub) -> None:
    """The `record` command's arguments: `record assessment …`, `record measurement …`, `record retry`."""
    r = sub.add_parser("record", help="append one assessment or measurement to the sheet, checked first; exit 0 "
                                      "written, 1 already written, 2 refused or not reachable (kept to retry)")
    kinds = r.add_subparsers(dest="kind", required=True)
    a = kinds.add_parser("assessment", help="record the coalition's assessment of a recommendation")
    a.add_argument("source", help=WRITABLE_HELP)
    a.add_argument("--id", required=True, help="the recommendation's ID as printed, e.g. 118.17")
    a.add_argument("--cycle", required=True)
    a.add_argument("--status", required=True)
    a.add_argument("--government-status")
    a.add_argument("--evidence", help="text or a link")
    a.add_argument("--note", help="internal note (never shown to outsiders)")
    m = kinds.add_parser("measurement", help="record a value of an indicator")
    m.add_argument("source", help=WRITABLE_HELP)
    m.add_argument("--indicator", required=True, help="the Indicator ID")
    m.add_argument("--value", required=True)
    m.add_argument("--data-source", help="where the value comes from (the Source column)")
    m.add_argument("--note")
    for parser in (a, m):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--by", default="", help="who records it: an e-mail of the Members tab")
        parser.add_argument("--submission-id", help="reuse an id to retry safely (default: a new one)")
    t = kinds.add_parser("retry", help="write the entries waiting in the local outbox")
    t.add_argument("source", nargs="?", help="only this source's entries")


def cmd_record(args: argparse.Namespace, settings: Settings) -> int:
    """Record one entry (or retry the waiting ones); the exit status says what happened."""
    from upr_sheets.authoring.outbox import Outbox, outbox_dir
    from upr_sheets.authoring.record import EXIT_CODES, new_entry, retry_waiting, submit

    outbox = Outbox(outbox_dir(settings))
    if args.kind == "retry":
        outcomes = retry_waiting(settings, outbox, args.source)
        for outcome in outcomes:
            print(f"{outcome.entry.label()}: {outcome.message}")
        print(f"{len(outcomes)} waiting entr{'y' if len(outcomes) == 1 else 'ies'} tried.")
        return max((EXIT_CODES[o.status] for o in outcomes if o.status != "already"), default=EXIT_OK)
    key, path = writable_target(args.source)
    if not key and path is None:
        print(f"record writes to a Google Sheet or an .xlsx workbook; {args.source!r} is neither.", file=sys.stderr)
        return EXIT_FAILED
    if args.kind == "assessment":
        values = {"date": args.date, "cycle": args.cycle, "rec_id": args.id, "status": args.status,
                  "government_status": args.government_status, "evidence": args.evidence,
                  "internal_notes": args.note}
    else:
        values = {"date": args.date, "indicator_id": args.indicator, "value": args.value,
                  "source": args.data_source, "note": args.note}
    entry = new_entry(args.kind, args.source, values, args.by, settings, args.submission_id)
    outcome = submit(entry, settings, outbox)
    print(f"{outcome.message} Submission id: {entry.submission_id}." + (f" {outcome.link}" if outcome.link else ""),
          file=sys.stdout if outcome.status in ("written", "already") else sys.stderr)
    return EXIT_CODES[outcome.status]


def add_calendar(sub) -> None:
    """The `calendar` command's arguments."""
    c = sub.add_parser("calendar", help="write the follow-up due dates and UPR milestones as an .ics calendar")
    add_source(c)
    c.add_argument("--out", type=Path, required=True, help="FILE.ics")
    c.add_argument("--internal", action="store_true", help="include next steps and owners (internal use only)")


def cmd_calendar(args: argparse.Namespace, settings: Settings) -> int:
    """Export due dates and milestones for any calendar application."""
    from upr_sheets.outputs.calendar import calendar_ics

    _, dataset = load(args.source, settings)
    text = calendar_ics(dataset, internal=args.internal)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"Wrote {text.count('BEGIN:VEVENT')} events to {args.out}; import it into your calendar application.")
    return EXIT_OK


COMMANDS = {"setup-sheet": (add_setup_sheet, cmd_setup_sheet), "record": (add_record, cmd_record),
            "calendar": (add_calendar, cmd_calendar)}
