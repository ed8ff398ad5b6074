"""The command line: check, summary, template, import-report, demo, share, publish."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import SettingsError, UprSheetsError
from .links import cmd_share, parse_expiry
from .metrics import summary
from .settings import Settings, load_settings, resolve_source
from .sources import describe_source, read_source
from .validate import validate

EXIT_OK, EXIT_QUARANTINED, EXIT_FAILED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m upr_sheets",
                                description="Load, check and summarise a UPR Monitor sheet.")
    p.add_argument("--settings", type=Path, help="settings file (default: config/settings.toml)")
    sub = p.add_subparsers(dest="command", required=True)
    src_help = ("'demo', an .xlsx path, a folder of CSV files, or a Google Sheet URL / gsheet:KEY "
                "(default: $UPR_MONITOR_SOURCE, else the settings)")
    c = sub.add_parser("check", help="validate the sheet; exit 0 clean, 1 rows quarantined, 2 not loaded")
    c.add_argument("source", nargs="?", help=src_help)
    c.add_argument("--json", action="store_true", help="machine-readable report")
    s = sub.add_parser("summary", help="headline figures (counts, responses, statuses, triggered action)")
    s.add_argument("source", nargs="?", help=src_help)
    s.add_argument("--cycle", type=int, help="only this UPR cycle")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    t = sub.add_parser("template", help="write a blank workbook with every tab, header and dropdown")
    t.add_argument("out", type=Path)
    i = sub.add_parser("import-report", help="turn a UN Working Group report (.txt) into Recommendations rows")
    i.add_argument("report", type=Path)
    i.add_argument("--cycle", type=int, required=True)
    i.add_argument("--out", type=Path, required=True, help=".xlsx or .csv")
    d = sub.add_parser("demo", help="regenerate the demo workbook")
    d.add_argument("out", type=Path, nargs="?")
    sh = sub.add_parser("share", help="read-only links for outsiders: create, list, revoke").add_subparsers(
        dest="share_command", required=True)
    sc = sh.add_parser("create", help="sign a new read-only link and print it")
    sc.add_argument("--audience", required=True, help='who the link is for, e.g. "EU Delegation"')
    sc.add_argument("--expires", type=parse_expiry, help="last day the link works, YYYY-MM-DD (default: never)")
    sc.add_argument("--scope", help='rows it shows, e.g. "working-group=Land Rights" or "cycle=2;theme=Health"')
    sc.add_argument("--base-url", help="the dashboard's address (default: access.link_base_url in the settings)")
    sh.add_parser("list", help="every link created here, with its status").add_argument(
        "--json", action="store_true", help="machine-readable output")
    sh.add_parser("revoke", help="stop a link from opening").add_argument("link_id")
    pb = sub.add_parser("publish", help="write the read-only pages as a static site (public data only)")
    pb.add_argument("source", nargs="?", help=src_help)
    pb.add_argument("out_dir", type=Path, help="folder for index.html, one page per view and plotly.min.js")
    pb.add_argument("--scope", help='rows it shows, e.g. "cycle=2" or "working-group=Land Rights;theme=Health"')
    pb.add_argument("--title", default="UPR Monitor", help="the site's title")
    return p


def _load(source: str | None, settings: Settings):
    name = resolve_source(source, settings)
    return name, validate(read_source(name, settings), settings)


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Validate and report every issue; exit status says whether rows were quarantined."""
    source, dataset = _load(args.source, settings)
    code = EXIT_QUARANTINED if dataset.quarantined_rows else EXIT_OK
    if args.json:
        report = {"source": describe_source(source),
                  "tabs": {r.title: {"rows": r.rows, "valid": r.valid, "quarantined": r.quarantined}
                           for r in dataset.tabs.values() if r.present},
                  "issues": [i.as_dict() for i in dataset.issues]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return code
    for issue in dataset.issues:
        print(f"{issue.where} [{issue.code}] {issue.severity}: {issue.message}")
    tabs = ", ".join(f"{r.title} {r.valid}/{r.rows}" for r in dataset.tabs.values() if r.present)
    print(f"{describe_source(source)}: {len(dataset.errors)} errors, {len(dataset.warnings)} warnings, "
          f"{dataset.quarantined_rows} rows quarantined. Valid rows: {tabs}.")
    return code


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    """Print headline figures."""
    _, dataset = _load(args.source, settings)
    figures = summary(dataset, settings, cycle=args.cycle)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Recommendations: {figures['recommendations']}")
    for title in ("by_cycle", "by_response", "by_status"):
        print(f"{title.replace('_', ' ').capitalize()}: " +
              ", ".join(f"{k}: {v}" for k, v in figures[title].items()))
    ta = figures["triggered_action"]
    fmt = lambda v: "n/a" if v is None else f"{v}%"  # noqa: E731
    print(f"Triggered action: {fmt(ta['all'])} of all, {fmt(ta['accepted'])} of accepted, "
          f"{fmt(ta['noted'])} of noted")
    return EXIT_OK


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    """Write the blank starter workbook."""
    from .template import write_template

    write_template(args.out, settings)
    print(f"Wrote {args.out}: upload it to Google Drive and open it with Google Sheets to start.")
    return EXIT_OK


def cmd_import_report(args: argparse.Namespace, settings: Settings) -> int:
    """Parse a Working Group report's recommendations into rows."""
    from .importer import parse_wg_report, write_rows

    text = args.report.read_text(encoding="utf-8", errors="replace")
    rows = parse_wg_report(text, args.cycle)
    write_rows(rows, args.out)
    by_response: dict[str, int] = {}
    for row in rows:
        by_response[row["Response"]] = by_response.get(row["Response"], 0) + 1
    detail = ", ".join(f"{k}: {v}" for k, v in by_response.items())
    print(f"Wrote {len(rows)} recommendations to {args.out} ({detail}).")
    return EXIT_OK if rows else EXIT_QUARANTINED


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Regenerate the bundled demo workbook."""
    from .demo import build_demo_workbook
    from .settings import DEMO_WORKBOOK

    out = args.out or DEMO_WORKBOOK
    build_demo_workbook(out)
    print(f"Wrote {out}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    """Write the static site of the viewer pages from the public data."""
    from .publish import data_date, write_site
    from .redact import Scope

    try:
        scope = Scope.parse(args.scope)
    except ValueError as exc:
        print(f"Cannot publish: {exc}", file=sys.stderr)
        return EXIT_FAILED
    _, dataset = _load(args.source, settings)
    paths = write_site(dataset, settings, args.out_dir, scope, args.title)
    n = dataset.quarantined_rows
    left_out = f" {n} quarantined row{'s' if n != 1 else ''} left out (see `check`)." if n else ""
    print(f"Wrote {len(paths)} files to {args.out_dir}: open index.html, or copy the folder to any web host. "
          f"Data as of {data_date(dataset)}; scope: {scope.label() or 'all public data'}.{left_out}")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "summary": cmd_summary, "template": cmd_template,
            "import-report": cmd_import_report, "demo": cmd_demo, "share": cmd_share,
            "publish": cmd_publish}


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
