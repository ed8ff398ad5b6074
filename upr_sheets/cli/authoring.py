"""Commands that make files for the people who keep the sheet: `template`, `import-report`, `demo`, `translations`.

Each imports what it needs when run, so the other commands start without loading it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from upr_sheets.core.settings import Settings

from .common import EXIT_FAILED, EXIT_OK

TEMPLATE_NAME = "upr-monitor.xlsx"  # `template` with no file name writes this


def add_template(sub) -> None:
    """The `template` command's arguments."""
    t = sub.add_parser("template", help="write a blank workbook with every tab, header and dropdown")
    t.add_argument("out", type=Path, nargs="?", default=Path(TEMPLATE_NAME),
                   help=f"the workbook to write (default: {TEMPLATE_NAME} in the current folder)")


def add_import_report(sub) -> None:
    """The `import-report` command's arguments."""
    i = sub.add_parser("import-report", help="turn a UN Working Group report (.txt) into Recommendations rows")
    i.add_argument("report", type=Path)
    i.add_argument("--cycle", type=int, required=True)
    where = i.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="a new .xlsx or .csv file")
    where.add_argument("--into", metavar="SOURCE", help="append to the Recommendations tab of a Google Sheet or an "
                                                        ".xlsx workbook, keyed by (Cycle, ID); rows already there "
                                                        "are never changed")
    i.add_argument("--force", action="store_true", help="with --out: replace an existing file")
    i.add_argument("--no-suggest", action="store_true", help="leave Themes, Ministries and Action Category empty")


def add_demo(sub) -> None:
    """The `demo` command's arguments."""
    d = sub.add_parser("demo", help="regenerate the demo workbook")
    d.add_argument("out", type=Path, nargs="?")


def add_translations(sub) -> None:
    """The `translations` command's arguments."""
    tr = sub.add_parser("translations", help="extract the interface text into upr_sheets/core/locale/messages.pot and "
                                             "update the km and fr catalogues (translations kept, new ones empty)")
    tr.add_argument("--check", action="store_true",
                    help="change nothing: list the messages missing or untranslated in a catalogue; exit 1 if any")


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    """Write the blank starter workbook: `setup-sheet` on a new .xlsx file."""
    from upr_sheets.authoring.setup_xlsx import setup_xlsx

    if args.out.exists():
        print(f"{args.out} already exists; `setup-sheet {args.out}` adds what it lacks without changing its data.")
        return EXIT_FAILED
    setup_xlsx(args.out, settings)
    print(f"Wrote {args.out}. To use a Google Sheet instead, run `setup-sheet SHEET_URL` (see the README).")
    return EXIT_OK


def cmd_import_report(args: argparse.Namespace, settings: Settings) -> int:
    """Parse a Working Group report's recommendations into rows: a new file, or appended to a sheet."""
    from upr_sheets.authoring.importer import parse_report, write_rows

    text = args.report.read_text(encoding="utf-8", errors="replace")
    rows, doubts = parse_report(text, args.cycle)
    if not rows:
        print(f"{args.report} does not look like a UN Working Group report: no paragraph introducing "
              "recommendations (\"… enjoy the support of …\", \"… will be examined …\", \"… noted …\") followed "
              "by numbered items was found. Nothing was written.", file=sys.stderr)
        return EXIT_FAILED
    for doubt in doubts:
        print(f"Check: {doubt}")
    suggested = 0 if args.no_suggest else _suggest(rows, settings)
    by_response: dict[str, int] = {}
    for row in rows:
        by_response[row["Response"]] = by_response.get(row["Response"], 0) + 1
    detail = ", ".join(f"{k}: {v}" for k, v in by_response.items())
    if args.into:
        code = _import_into(args.into, rows, detail, settings)
    elif args.out.exists() and not args.force:
        print(f"{args.out} already exists; add --force to replace it, or use --into {args.out} to add the "
              "recommendations it lacks.", file=sys.stderr)
        return EXIT_FAILED
    else:
        write_rows(rows, args.out)
        print(f"Wrote {len(rows)} recommendations to {args.out} ({detail}).")
        code = EXIT_OK
    if code == EXIT_OK and by_response.get("Pending"):
        print(f"{by_response['Pending']} are Pending: the State answers them later, in an addendum to the report "
              "(A/HRC/…/Add.1). When it is published, record each final response (Accepted or Noted) in the "
              "Response column; until then the figures show them as Pending.")
    if code == EXIT_OK and suggested:
        print(f"Suggested the coding of {suggested} (Coded By says `suggested`): review it on the Data quality page.")
    return code


def _suggest(rows: list[dict], settings: Settings) -> int:
    """Fill the rows' empty coding cells with suggestions (upr_sheets.authoring.suggest_rows)."""
    from upr_sheets.authoring.suggest_rows import fill_empty

    return fill_empty(rows, settings)


def _import_into(source: str, rows: list[dict], detail: str, settings: Settings) -> int:
    from upr_sheets.authoring.report_import import import_into

    report = import_into(source, rows, settings)
    for issue in report.refused:
        print(f"{issue.where} [{issue.code}] {issue.severity}: {issue.message}")
    if report.refused:
        print("Nothing was written: the rows above would be quarantined by `check`.", file=sys.stderr)
        return EXIT_FAILED
    for line in report.differing:
        print(f"Differs (left as it is): {line}")
    print(f"Report: {len(rows)} recommendations ({detail}). Added {report.added}; {report.already} were already "
          f"in the sheet" + (f"; {len(report.differing)} of them differ from the report (listed above)"
                             if report.differing else "") + (f". Written at {report.where}" if report.where else "")
          + ".")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Regenerate the bundled demo workbook."""
    from upr_sheets.authoring.demo import build_demo_workbook
    from upr_sheets.core.settings import DEMO_WORKBOOK

    out = args.out or DEMO_WORKBOOK
    build_demo_workbook(out)
    print(f"Wrote {out}")
    return EXIT_OK


def cmd_translations(args: argparse.Namespace, settings: Settings) -> int:
    """Bring the translation catalogues in line with the code, or (--check) list what is left to translate."""
    from upr_sheets.authoring import catalogues

    if not args.check:
        for path in catalogues.update():
            print(f"Updated {path.relative_to(catalogues.ROOT) if path.is_relative_to(catalogues.ROOT) else path}")
    found = catalogues.check()
    if args.check:
        print("\n".join(found.lines()))
        return EXIT_OK if found.ok else 1  # 1: messages left to translate
    total = len(catalogues.messages(catalogues.extract()))
    for lang in catalogues.TARGETS:
        print(f"{lang}: {total - len(found.problems(lang))} of {total} messages translated")
    return EXIT_OK


COMMANDS = {"template": (add_template, cmd_template), "import-report": (add_import_report, cmd_import_report),
            "demo": (add_demo, cmd_demo), "translations": (add_translations, cmd_translations)}
