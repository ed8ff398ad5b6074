"""The command line: check, summary, template, import-report, demo, share, publish, export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import SettingsError, UprSheetsError
from ..links import cmd_share, parse_expiry
from ..metrics import summary
from ..settings import Settings, load_settings, resolve_source
from ..sources import describe_source, read_source
from ..validate import validate

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
    _export_parser(sub, src_help)
    _report_parser(sub, src_help)
    _translations_parser(sub)
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
    from ..template import write_template

    write_template(args.out, settings)
    print(f"Wrote {args.out}: upload it to Google Drive and open it with Google Sheets to start.")
    return EXIT_OK


def cmd_import_report(args: argparse.Namespace, settings: Settings) -> int:
    """Parse a Working Group report's recommendations into rows."""
    from ..importer import parse_wg_report, write_rows

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
    from ..demo import build_demo_workbook
    from ..settings import DEMO_WORKBOOK

    out = args.out or DEMO_WORKBOOK
    build_demo_workbook(out)
    print(f"Wrote {out}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    """Write the static site of the viewer pages from the public data."""
    from ..publish import data_date, write_site
    from ..redact import Scope

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


def _language(value: str) -> str:
    from ..i18n import LANGUAGES, parse_language

    code = parse_language(value)
    if code is None:
        raise argparse.ArgumentTypeError(f"`{value}` is not an interface language; use one of {', '.join(LANGUAGES)}")
    return code


def _export_parser(sub, src_help: str) -> None:
    from ..exports import FILTER_KEYS, FORMATS

    ex = sub.add_parser("export", help="write the recommendations as CSV, XLSX or the OHCHR matrix (public by default)")
    ex.add_argument("source", nargs="?", help=src_help)
    ex.add_argument("--format", choices=FORMATS, required=True,
                    help="csv or xlsx: one row per recommendation; matrix-xlsx or matrix-docx: OHCHR's thematic list")
    ex.add_argument("--out", type=Path, required=True, help="the file to write")
    ex.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE",
                    help=f"as the dashboard's filters, repeatable, several values joined by ';'; "
                         f"KEY is one of {', '.join(FILTER_KEYS)}")
    ex.add_argument("--cycle", type=int, help="the matrix's cycle (default: the latest); for csv/xlsx, a filter")
    ex.add_argument("--internal", action="store_true",
                    help="the members' copy, with Lead Organization and Internal Notes (default: the public copy)")
    ex.add_argument("--lang", type=_language, default="en", help="language of headers and labels: en, km or fr")


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write what the filters select, public (redacted) unless --internal, in one format."""
    from .. import i18n
    from ..errors import OutputError
    from ..exports import export_file, parse_filters
    from ..filters import apply_filters, filter_options
    from ..redact import public_dataset

    _, full = _load(args.source, settings)
    base = full if args.internal else public_dataset(full, settings)
    specs = list(args.filter)
    if args.cycle is not None and not args.format.startswith("matrix"):
        specs.append(f"cycle={args.cycle}")
    with i18n.use(args.lang):
        try:
            filters = parse_filters(specs, filter_options(base, settings))
            written = export_file(apply_filters(base, filters), args.format, filters, args.cycle)
        except (ValueError, OutputError) as exc:
            print(f"Cannot export: {exc}", file=sys.stderr)
            return EXIT_FAILED
    args.out.write_bytes(written.data)
    if args.internal:
        print("Internal copy: it includes Lead Organization and Internal Notes. Share it only within the coalition.",
              file=sys.stderr)
    n = full.quarantined_rows
    left_out = f" {n} quarantined row{'s' if n != 1 else ''} left out (see `check`)." if n else ""
    matrix = f" (OHCHR matrix, cycle {written.cycle})" if written.cycle is not None else ""
    print(f"Wrote {written.recommendations} recommendations to {args.out}{matrix}.{left_out}")
    return EXIT_OK


REPORT_KINDS, REPORT_FORMATS = ("midterm", "ministry", "state"), ("docx", "pdf")  # = upr_sheets.reports'


def _report_parser(sub, src_help: str) -> None:
    r = sub.add_parser("report", help="write an advocacy report as DOCX or PDF: mid-term (shadow) report, "
                                      "briefing for a ministry, or pack for an embassy (public by default)")
    r.add_argument("source", nargs="?", help=src_help)
    r.add_argument("--kind", choices=REPORT_KINDS, required=True,
                   help="midterm: the whole cycle; ministry: one ministry's briefing; state: one recommending "
                        "State's recommendations, for its embassy")
    r.add_argument("--format", choices=REPORT_FORMATS, help="docx or pdf (default: the extension of --out)")
    r.add_argument("--ministry", help="the ministry of a --kind ministry report, as in the Ministries column")
    r.add_argument("--state", help="the recommending State of a --kind state report")
    r.add_argument("--cycle", type=int, help="the UPR cycle (default: the latest in the data)")
    r.add_argument("--lang", type=_language, default="en", help="language of the report's own text: en, km or fr")
    r.add_argument("--country", help="the State under review, for the title (e.g. Cambodia)")
    r.add_argument("--internal", action="store_true",
                   help="the members' copy, with private columns, marked 'Internal — do not share'")
    r.add_argument("--out", type=Path, required=True, help="the file to write")


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    """Build one report from the public data (or everything, --internal) and write it as DOCX or PDF."""
    from ..errors import OutputError
    from ..i18n import LANGUAGES
    from ..reports import build_report, render

    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in REPORT_FORMATS:
        print("Cannot build the report: say --format docx or --format pdf (or name --out *.docx / *.pdf).",
              file=sys.stderr)
        return EXIT_FAILED
    _, full = _load(args.source, settings)
    try:
        report = build_report(full, settings, args.kind, ministry=args.ministry, state=args.state, cycle=args.cycle,
                              lang=args.lang, internal=args.internal, country=args.country)
        data = render(report, fmt)
    except OutputError as exc:
        print(f"Cannot build the report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    args.out.write_bytes(data)
    if args.internal:
        print("Internal copy: it includes private columns. Share it only within the coalition.", file=sys.stderr)
    n = full.quarantined_rows
    left_out = f" {n} quarantined row{'s' if n != 1 else ''} left out (see `check`)." if n else ""
    copy = "internal copy" if args.internal else "public copy"
    print(f"Wrote {args.out} ({fmt.upper()}, {len(data) / 1024:,.0f} KB, {copy}, {LANGUAGES[report.lang]}): "
          f"{report.title} — {report.subtitle}.{left_out}")
    return EXIT_OK


def _translations_parser(sub) -> None:
    tr = sub.add_parser("translations", help="extract the interface text into upr_sheets/locale/messages.pot and "
                                             "update the km and fr catalogues (translations kept, new ones empty)")
    tr.add_argument("--check", action="store_true",
                    help="change nothing: list the messages missing or untranslated in a catalogue; exit 1 if any")


def cmd_translations(args: argparse.Namespace, settings: Settings) -> int:
    """Bring the translation catalogues in line with the code, or (--check) list what is left to translate."""
    from .. import catalogues

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


COMMANDS = {"check": cmd_check, "summary": cmd_summary, "template": cmd_template,
            "import-report": cmd_import_report, "demo": cmd_demo, "share": cmd_share,
            "publish": cmd_publish, "export": cmd_export}
COMMANDS["report"] = cmd_report
COMMANDS["translations"] = cmd_translations


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
