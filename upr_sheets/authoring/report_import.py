"""`import-report --into`: append a Working Group report's recommendations to a sheet, keyed by (Cycle, ID).

New recommendations are appended (one values.append for a Google Sheet); rows already there are never
changed — those whose text, States or Response differ from the report are listed for a person to decide.
A rerun adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from upr_sheets.checks.cells import parse_cycle, to_text
from upr_sheets.core.contract import RECOMMENDATIONS
from upr_sheets.core.model import Issue
from upr_sheets.core.settings import Settings
from upr_sheets.sources import read_source

from .additions import append_rows, check_additions, place
from .importer import HEADERS

# importer row header → Recommendations column key
KEYS = dict(zip(HEADERS, ("id", "cycle", "text", "states", "response"), strict=True))
# the coding a suggestion filled in (authoring.suggest_rows): written only where the sheet has a Coded By column
CODING = {c.header: c.key for c in RECOMMENDATIONS.columns if c.key in ("themes", "ministries", "action_category",
                                                                        "coded_by")}


@dataclass
class ImportReport:
    """What an import into a sheet did."""

    added: int = 0
    already: int = 0
    differing: list[str] = field(default_factory=list)  # "118.17 (cycle 2): the text differs …"
    refused: list[Issue] = field(default_factory=list)  # rows `check` would quarantine: not written
    where: str = ""


def _cell(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _norm(value: Any) -> str:
    return " ".join(to_text(value).split()).casefold()


def import_into(source: str, rows: list[dict], settings: Settings) -> ImportReport:
    """Append the report rows missing from the source's Recommendations tab (a Google Sheet or an .xlsx)."""
    raw = read_source(source, settings)
    placement = place(raw, RECOMMENDATIONS, settings)
    id_at, cycle_at = placement.columns.get("id"), placement.columns.get("cycle")
    existing: dict[tuple[int | None, str], list[Any]] = {}
    for row in placement.rows[1:]:
        rec_id = to_text(_cell(row, id_at)).strip()
        if rec_id:
            existing.setdefault((parse_cycle(to_text(_cell(row, cycle_at))), rec_id), row)
    report = ImportReport()
    new_rows = []
    for item in rows:
        key = (int(item[HEADERS[1]]), str(item[HEADERS[0]]))
        if key not in existing:
            coding = CODING if "coded_by" in placement.columns else {}
            new_rows.append(placement.row({(KEYS | coding)[h]: v for h, v in item.items() if h in KEYS or h in coding}))
            existing[key] = new_rows[-1]
            continue
        report.already += 1
        there = existing[key]
        differs = [h for h in HEADERS[2:] if KEYS[h] in placement.columns
                   and _norm(_cell(there, placement.columns[KEYS[h]])) != _norm(item[h])]
        if differs:
            report.differing.append(f"{key[1]} (cycle {key[0]}): {', '.join(differs)} differ from the report")
    if not new_rows:
        return report
    report.refused = [i for i in check_additions(raw, settings, placement, new_rows) if i.severity == "error"]
    if report.refused:
        return report
    report.where = append_rows(source, settings, placement, new_rows)
    report.added = len(new_rows)
    return report
