"""Commands about the data itself: `check` (validate and list every issue) and `summary` (headline figures)."""

from __future__ import annotations

import argparse
import json

from upr_sheets.analysis.metrics import summary
from upr_sheets.analysis.provenance import provenance
from upr_sheets.core.settings import Settings
from upr_sheets.sources.guard import shown

from .common import EXIT_OK, EXIT_QUARANTINED, add_source, chosen_cycle, cycle_arg, left_out, load


def add_check(sub) -> None:
    """The `check` command's arguments."""
    c = sub.add_parser("check", help="validate the sheet; exit 0 clean, 1 rows quarantined, 2 not loaded")
    add_source(c)
    c.add_argument("--json", action="store_true", help="machine-readable report")


def add_summary(sub) -> None:
    """The `summary` command's arguments."""
    s = sub.add_parser("summary", help="headline figures (counts, responses, statuses, triggered action)")
    add_source(s)
    s.add_argument("--cycle", type=cycle_arg, help="this UPR cycle, or `all` to pool them (default: the current one)")
    s.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Validate and report every issue; exit status says whether rows were quarantined."""
    _, dataset = load(args.source, settings)
    code = EXIT_QUARANTINED if dataset.quarantined_rows else EXIT_OK
    if args.json:
        report = {"source": dataset.source_label,
                  "tabs": {r.title: {"rows": r.rows, "valid": r.valid, "quarantined": r.quarantined}
                           for r in dataset.tabs.values() if r.present},
                  "issues": [i.as_dict() for i in dataset.issues]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return code
    for issue in dataset.issues:  # one line per issue, one summary line: names and values never break a line
        print(shown(f"{issue.where} [{issue.code}] {issue.severity}: {issue.message}"))
    tabs = ", ".join(f"{r.title} {r.valid}/{r.rows}" for r in dataset.tabs.values() if r.present)
    print(shown(f"{dataset.source_label}: {len(dataset.errors)} errors, {len(dataset.warnings)} warnings, "
                f"{dataset.quarantined_rows} rows quarantined. Valid rows: {tabs}."))
    return code


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    """Print headline figures."""
    _, dataset = load(args.source, settings)
    cycle = chosen_cycle(args.cycle, dataset, settings)
    figures = {"cycle": "all" if cycle is None else cycle, **summary(dataset, settings, cycle=cycle),
               "left_out": provenance(dataset).as_dict()}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Cycle: {figures['cycle']}" + (" (every cycle, pooled)" if cycle is None else " (--cycle all pools them)"))
    print(f"Recommendations: {figures['recommendations']}")
    for title in ("by_cycle", "by_response", "by_status"):
        print(f"{title.replace('_', ' ').capitalize()}: " +
              ", ".join(f"{k}: {v}" for k, v in figures[title].items()))
    ta = figures["triggered_action"]
    fmt = lambda v: "n/a" if v is None else f"{v:g}%"  # noqa: E731
    print(f"Triggered action: {fmt(ta['all'])} of all, {fmt(ta['accepted'])} of accepted, "
          f"{fmt(ta['noted'])} of noted")
    if dataset.quarantined_rows:
        print(left_out(dataset).strip())
    return EXIT_OK


COMMANDS = {"check": (add_check, cmd_check), "summary": (add_summary, cmd_summary)}
