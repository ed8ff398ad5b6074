"""Commands that write what outsiders and members read: `publish` (static site), `export` (CSV, XLSX, the OHCHR
matrix) and `report` (DOCX or PDF). Public copies unless `--internal` is given (export, report).

Each imports its writer when run, so the other commands start without loading it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from upr_sheets.analysis.provenance import provenance
from upr_sheets.core.settings import Settings
from upr_sheets.outputs.exports import FORMATS

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_QUARANTINED,
    add_source,
    chosen_cycle,
    cycle_arg,
    language,
    left_out,
    load,
)
from .filter_args import FILTER_KEYS, parse_filters

REPORT_KINDS, REPORT_FORMATS = ("midterm", "ministry", "state"), ("docx", "pdf")  # = upr_sheets.outputs.reports'


def add_publish(sub) -> None:
    """The `publish` command's arguments."""
    pb = sub.add_parser("publish", help="write the read-only pages as a static site (public data only)")
    add_source(pb)
    pb.add_argument("out_dir", type=Path, help="folder for index.html, one page per view and plotly.min.js")
    pb.add_argument("--scope", help='rows it shows, e.g. "cycle=2" or "working-group=Land Rights;theme=Health"')
    pb.add_argument("--title", default="", help="the site's title (default: the [coalition] name and country "
                    "of the settings, else UPR Monitor)")
    pb.add_argument("--cycle", type=cycle_arg, help="the UPR cycle it shows when --scope names none (default: the "
                                                    "current one); `all` pools every cycle")


def add_export(sub) -> None:
    """The `export` command's arguments."""
    ex = sub.add_parser("export", help="write the recommendations as CSV, XLSX or the OHCHR matrix (public by default)")
    add_source(ex)
    ex.add_argument("--format", choices=FORMATS, required=True,
                    help="csv or xlsx: one row per recommendation; matrix-xlsx or matrix-docx: OHCHR's thematic list")
    ex.add_argument("--out", type=Path, required=True, help="the file to write")
    ex.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE",
                    help=f"as the dashboard's filters, repeatable, several values joined by ';'; "
                         f"KEY is one of {', '.join(FILTER_KEYS)}")
    ex.add_argument("--cycle", type=cycle_arg, help="the UPR cycle (default: the current one, unless --filter names "
                                                    "cycles); `all` pools every cycle in csv/xlsx")
    ex.add_argument("--internal", action="store_true",
                    help="the members' copy, with Lead Organization and Internal Notes (default: the public copy)")
    ex.add_argument("--lang", type=language, default="en", help="language of headers and labels: en, km or fr")


def add_report(sub) -> None:
    """The `report` command's arguments."""
    r = sub.add_parser("report", help="write an advocacy report as DOCX or PDF: mid-term (shadow) report, "
                                      "briefing for a ministry, or pack for an embassy (public by default)")
    add_source(r)
    r.add_argument("--kind", choices=REPORT_KINDS, required=True,
                   help="midterm: the whole cycle; ministry: one ministry's briefing; state: one recommending "
                        "State's recommendations, for its embassy")
    r.add_argument("--format", choices=REPORT_FORMATS, help="docx or pdf (default: the extension of --out)")
    r.add_argument("--ministry", help="the ministry of a --kind ministry report, as in the Ministries column")
    r.add_argument("--state", help="the recommending State of a --kind state report")
    r.add_argument("--cycle", type=int, help="the UPR cycle (default: the current one, as in the settings, else the "
                                             "latest in the data)")
    r.add_argument("--strict", action="store_true",
                   help="refuse to build while rows of the sheet are quarantined (see `check`)")
    r.add_argument("--lang", type=language, default="en", help="language of the report's own text: en, km or fr")
    r.add_argument("--country", help="the State under review, for the title (e.g. Cambodia)")
    r.add_argument("--internal", action="store_true",
                   help="the members' copy, with private columns, marked 'Internal — do not share'")
    r.add_argument("--out", type=Path, required=True, help="the file to write")


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    """Write the static site of the viewer pages from the public data."""
    from upr_sheets.access.redact import Scope
    from upr_sheets.outputs.publish import data_date, write_site

    try:
        scope = Scope.parse(args.scope)
    except ValueError as exc:
        print(f"Cannot publish: {exc}", file=sys.stderr)
        return EXIT_FAILED
    name, dataset = load(args.source, settings)
    cycle = chosen_cycle(args.cycle, dataset, settings)
    if cycle is not None and not scope.cycles:
        scope = replace(scope, cycles=(cycle,))
    paths = write_site(dataset, settings, args.out_dir, scope, args.title, provenance(dataset, name))
    print(f"Wrote {len(paths)} files to {args.out_dir}: open index.html, or copy the folder to any web host. "
          f"Data as of {data_date(dataset)}; scope: {scope.label() or 'all public data'}.{left_out(dataset)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write what the filters select, public (redacted) unless --internal, in one format."""
    from upr_sheets.access.redact import public_dataset
    from upr_sheets.analysis.filters import apply_filters, filter_options
    from upr_sheets.core import i18n
    from upr_sheets.core.errors import OutputError
    from upr_sheets.outputs.exports import export_file

    name, full = load(args.source, settings)
    base = full if args.internal else public_dataset(full, settings)
    specs = list(args.filter)
    cycle = chosen_cycle(args.cycle, full, settings)
    named = any(spec.partition("=")[0].strip().casefold() == "cycle" for spec in specs)
    if cycle is not None and not args.format.startswith("matrix") and not named:
        specs.append(f"cycle={cycle}")
    with i18n.use(args.lang):
        try:
            filters = parse_filters(specs, filter_options(base, settings))
            written = export_file(apply_filters(base, filters), args.format, filters, cycle,
                                  notes=provenance(full, name))
        except (ValueError, OutputError) as exc:
            print(f"Cannot export: {exc}", file=sys.stderr)
            return EXIT_FAILED
    args.out.write_bytes(written.data)
    if args.internal:
        print("Internal copy: it includes Lead Organization and Internal Notes. Share it only within the coalition.",
              file=sys.stderr)
    matrix = f" (OHCHR matrix, cycle {written.cycle})" if written.cycle is not None else ""
    print(f"Wrote {written.recommendations} recommendations to {args.out}{matrix}.{left_out(full)}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    """Build one report from the public data (or everything, --internal) and write it as DOCX or PDF."""
    from upr_sheets.core.errors import OutputError
    from upr_sheets.core.i18n import LANGUAGES
    from upr_sheets.outputs.reports import build_report, render

    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in REPORT_FORMATS:
        print("Cannot build the report: say --format docx or --format pdf (or name --out *.docx / *.pdf).",
              file=sys.stderr)
        return EXIT_FAILED
    name, full = load(args.source, settings)
    if args.strict and full.quarantined_rows:
        print(f"Cannot build the report with --strict:{left_out(full)} Fix them, or leave out --strict to build it "
              "with the rows left out (the report then says so on its first page).", file=sys.stderr)
        return EXIT_QUARANTINED
    try:
        report = build_report(full, settings, args.kind, ministry=args.ministry, state=args.state, cycle=args.cycle,
                              lang=args.lang, internal=args.internal, country=args.country,
                              notes=provenance(full, name))
        data = render(report, fmt)
    except OutputError as exc:
        print(f"Cannot build the report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    args.out.write_bytes(data)
    if args.internal:
        print("Internal copy: it includes private columns. Share it only within the coalition.", file=sys.stderr)
    copy = "internal copy" if args.internal else "public copy"
    print(f"Wrote {args.out} ({fmt.upper()}, {len(data) / 1024:,.0f} KB, {copy}, {LANGUAGES[report.lang]}): "
          f"{report.title} — {report.subtitle}.{left_out(full)}")
    return EXIT_OK


COMMANDS = {"publish": (add_publish, cmd_publish), "export": (add_export, cmd_export),
            "report": (add_report, cmd_report)}
