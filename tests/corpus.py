"""A deterministic corpus of malformed workbooks: seeded mutations of one small clean workbook.

Every mutation records what it broke: the cell it wrote (found again after rows and columns moved),
the issue code and severity `check` must report there, and so whether the row is quarantined. A case
is one mutated workbook written as an .xlsx file or a folder of CSV files in some encoding.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from builders import default_settings
from openpyxl import Workbook

from upr_sheets.checks.cells import column_letter, to_text
from upr_sheets.core.contract import TABS_BY_KEY, canonical

Row = dict[str, Any]  # column id → cell; {} or whitespace only = a blank row
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "mac_roman")
MEGABYTE_TEXT = ("Rapport « complet » sur la détention – Türkiye, Côte d'Ivoire. " * 16_500)[:1_000_000]
EXCEL_MAX_TEXT = MEGABYTE_TEXT[:32_767]  # Excel's (and openpyxl's) limit for one cell
SHEETS_MAX_TEXT = MEGABYTE_TEXT[:50_000]  # Google Sheets' limit, the default of reading.max_cell_characters
THEMES = ["Torture", "Droits des femmes", "Land and housing", "Freedom of expression"]
MINISTRIES = ["Ministère de la Justice", "Ministry of Interior", "Ministry of Health"]
STATES = ["France", "Kenya", "Côte d'Ivoire", "Türkiye", "Peru"]
LABELS = ["Not implemented", "Partially implemented", "Fully implemented"]
UNKNOWN_COLUMNS = ["Coalition comment", "Colour code", "Extra (2024)", "Follow-up meeting", "Rapporteur"]
TAB_TITLES = {"recommendations": ["RECOMMENDATIONS", "recommendations", "Recs"],
              "assessments": ["Assessment History", "ASSESSMENTS"], "lists": ["Lookups", "vocabularies"],
              "indicators": ["indicators"], "measurements": ["MEASUREMENTS"], "members": ["members"]}


class Skip(Exception):
    """The mutation cannot apply to this workbook (no free row or column left)."""


@dataclass
class Table:
    """One tab: column ids in order, the header cell of each, and the rows."""

    key: str
    title: str
    columns: list[str]
    headers: dict[str, Any]
    rows: list[Row]

    def row_number(self, row: Row) -> int:
        """Sheet row number of a row (header = 1)."""
        return next(i for i, r in enumerate(self.rows) if r is row) + 2

    def letter(self, column: str) -> str:
        """Column letter of a column id."""
        return column_letter(self.columns.index(column))

    def filled(self) -> list[Row]:
        """Rows that are not blank."""
        return [r for r in self.rows if any(to_text(r.get(c)) for c in self.columns)]


@dataclass
class Defect:
    """One injected problem and where `check` must report it."""

    tab: str
    row: Row | None  # None: the header row (column set) or the whole tab (column None)
    column: str | None
    code: str
    severity: str
    value: str | None = None  # the value as typed, when the report must show it


@dataclass
class Case:
    """One malformed workbook and what `check` must say about it."""

    name: str
    kinds: tuple[str, ...]
    tables: dict[str, Table]
    defects: list[Defect]
    fmt: str  # "xlsx" | "csv"
    encodings: dict[str, str] = field(default_factory=dict)  # csv: tab key → encoding
    fatal: bool = False  # the sheet cannot be loaded: exit 2
    broken_file: str | None = None  # "garbage" | "truncated" | "no-csv": not a workbook at all
    stray_byte: str | None = None  # csv: tab key whose UTF-8 file gets one cp1252 byte
    extra_warnings_ok: bool = False  # decoding noise may add warnings (errors stay exact)

    def expected_issues(self) -> set[tuple[str, str, str, str]]:
        """(sheet, cell, code, severity) of every injected defect."""
        return {self._where(d) for d in self.defects}

    def expected_values(self) -> dict[tuple[str, str, str], str]:
        """(sheet, cell, code) → the value the report must show."""
        return {self._where(d)[:3]: d.value for d in self.defects if d.value is not None}

    def _where(self, d: Defect) -> tuple[str, str, str, str]:
        table = self.tables[d.tab]
        if d.column is None:
            cell = ""
        elif d.row is None:
            cell = f"{table.letter(d.column)}1"
        else:
            cell = f"{table.letter(d.column)}{table.row_number(d.row)}"
        return table.title, cell, d.code, d.severity

    def expected_tabs(self) -> dict[str, dict[str, int]]:
        """Tab title → rows, valid and quarantined rows, as the JSON report states them."""
        out = {}
        for key, table in self.tables.items():
            rows = table.filled()
            errors = [d for d in self.defects if d.tab == key and d.severity == "error"]
            if any(d.row is None for d in errors):
                bad = len(rows)
            else:
                bad = len({id(d.row) for d in errors if any(d.row is r for r in rows)})
            out[table.title] = {"rows": len(rows), "valid": len(rows) - bad, "quarantined": bad}
        return out

    def expected_exit(self) -> int:
        """2 when nothing can be loaded, 1 when rows are quarantined, else 0."""
        if self.fatal:
            return 2
        return 1 if any(t["quarantined"] for t in self.expected_tabs().values()) else 0


# -- the clean base workbook -------------------------------------------------------------------------

def _table(key: str, columns: list[str], rows: list[list[Any]]) -> Table:
    return Table(key, TABS_BY_KEY[key].title, list(columns), {c: c for c in columns},
                 [dict(zip(columns, r, strict=True)) for r in rows])


def base_tables() -> tuple[dict[str, Table], dict[str, list[int]]]:
    """The clean workbook (no issue at all) and, per tab, the rows mutations may change."""
    rec_ids = [(2, f"118.{k}") for k in range(1, 25)] + [(1, "118.1")] + [(1, f"89.{k}") for k in range(2, 7)]
    recs = []
    for k, (cycle, rid) in enumerate(rec_ids, start=1):
        label = LABELS[k % 3]
        recs.append([rid, cycle, f"Ratify « OP-CAT » and protect rights – n° {k}",
                     "; ".join(STATES[k % 5:k % 5 + 2]),
                     ["Accepted", "Noted", "Partially accepted"][k % 3], THEMES[k % 4], MINISTRIES[k % 3],
                     ["Short-term", "Medium-term", "Long-term"][k % 3], label, LABELS[(k + 1) % 3], k % 5 + 1,
                     datetime(2024, k % 12 + 1, k % 28 + 1), f"Note {k}"])
    rec_cols = ["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Themes", "Ministries",
                "Priority", "Status", "Government Status", "Action Category", "Last Assessed", "Internal Notes"]
    assess = []
    for k in range(1, 9):
        label = LABELS[k % 3]
        for year in (2023, 2024):
            assess.append([datetime(year, k, 1), 2, f"118.{k}", label, LABELS[(k + year) % 3], "Report", "A. Person"])
    ass_cols = ["Date", "Cycle", "Recommendation ID", "Status", "Government Status", "Evidence", "Assessed By"]
    ind_cols = ["Indicator ID", "Cycle", "Recommendation IDs", "Indicator", "Type", "Unit", "Baseline",
                "Baseline Date", "Target", "Direction"]
    indicators = [[f"IND-{j}", 2, f"118.{j}", f"Indicator {j}", "Quantitative" if j < 6 else "Qualitative", "cases",
                   10 * j if j < 6 else None, datetime(2020, 1, 1), 50 * j if j < 6 else None, "Increase"]
                  for j in range(1, 7)]
    meas_cols = ["Date", "Indicator ID", "Value", "Note"]
    measurements = [[datetime(2021 + m, 6, 30), f"IND-{j}", 10 * j + m, "official"]
                    for j in (1, 2, 3) for m in (0, 1, 2)]
    lists = [[THEMES[i] if i < len(THEMES) else None, MINISTRIES[i] if i < len(MINISTRIES) else None]
             for i in range(4)]
    members = [[f"member{i}@example.org", f"Member {i}", "Coalition", ["admin", "editor", "member"][i % 3]]
               for i in range(4)]
    tables = {
        "recommendations": _table("recommendations", rec_cols, recs),
        "assessments": _table("assessments", ass_cols, assess),
        "indicators": _table("indicators", ind_cols, indicators),
        "measurements": _table("measurements", meas_cols, measurements),
        "lists": _table("lists", ["Themes", "Ministries"], lists),
        "members": _table("members", ["Email", "Name", "Organization", "Role"], members),
    }
    free = {"recommendations": list(range(8, 30)), "assessments": list(range(16)), "indicators": [3, 4, 5],
            "measurements": list(range(9)), "members": list(range(4))}
    return tables, free


# -- mutations -----------------------------------------------------------------------------------------

class Ctx:
    """A workbook being mutated: claimed rows and columns keep mutations from masking each other."""

    def __init__(self, tables: dict[str, Table], free: dict[str, list[int]], rnd: random.Random, fmt: str):
        self.tables = tables
        self.rnd = rnd
        self.fmt = fmt
        self.free = {key: [tables[key].rows[i] for i in rows] for key, rows in free.items()}
        self.claimed: set[int] = set()
        self.cells_used: set[tuple[str, str]] = set()  # columns holding cell defects
        self.structured: set[tuple[str, str]] = set()  # columns a header mutation has touched
        self.gone: set[tuple[str, str]] = set()  # columns deleted or without a header
        self.defects: list[Defect] = []
        self.fatal = False
        self.broken_file: str | None = None
        self.stray_byte: str | None = None
        self.extra_warnings_ok = False

    def row(self, tab: str, where: Callable[[Row], bool] = lambda r: True) -> Row:
        """A free, unclaimed row of the tab (claimed now)."""
        rows = [r for r in self.free[tab] if id(r) not in self.claimed and where(r)]
        if not rows:
            raise Skip
        row = self.rnd.choice(rows)
        self.claimed.add(id(row))
        return row

    def column_for_cells(self, tab: str, columns: Sequence[str]) -> str:
        """A column cell mutations may use (not deleted, not header-less)."""
        usable = [c for c in columns if (tab, c) not in self.gone]
        if not usable:
            raise Skip
        column = self.rnd.choice(usable)
        self.cells_used.add((tab, column))
        return column

    def column_for_structure(self, tab: str, columns: Sequence[str], *, cells_ok: bool) -> str:
        """A column no header mutation has touched (and, unless cells_ok, without cell defects)."""
        usable = [c for c in columns if (tab, c) not in self.structured
                  and (cells_ok or (tab, c) not in self.cells_used)]
        if not usable:
            raise Skip
        column = self.rnd.choice(usable)
        self.structured.add((tab, column))
        return column

    def defect(self, tab: str, row: Row | None, column: str | None, code: str, severity: str,
               value: str | None = None) -> None:
        """Record what `check` must report."""
        self.defects.append(Defect(tab, row, column, code, severity, value))


Mutation = Callable[[Ctx], None]


@dataclass(frozen=True)
class Kind:
    """A named mutation, the formats it applies to, and whether it makes the workbook unloadable."""

    name: str
    apply: Mutation
    formats: tuple[str, ...] = ("xlsx", "csv")
    fatal: bool = False


def cell(tab: str, columns: Sequence[str], values: Sequence[Any] | Callable[[Ctx, Row, str], Any], code: str | None,
         severity: str = "error", where: Callable[[Row], bool] = lambda r: True) -> Mutation:
    """Write one bad (or merely unusual) value in a free row; code None means no issue is expected."""
    def apply(ctx: Ctx) -> None:
        column = ctx.column_for_cells(tab, columns)
        row = ctx.row(tab, where)
        value = values(ctx, row, column) if callable(values) else ctx.rnd.choice(list(values))
        row[column] = value
        if code:
            ctx.defect(tab, row, column, code, severity, to_text(value))
    return apply


def _huge(ctx: Ctx, row: Row, column: str) -> str:
    return SHEETS_MAX_TEXT if ctx.fmt == "csv" else EXCEL_MAX_TEXT


def _typo_status(ctx: Ctx, row: Row, column: str) -> str:
    return ctx.rnd.choice(["Partialy implemented", "Not implemnted", "Fully implemented!!", "Partiellement réalisé",
                           "Finished?", "3"])


def _status_variant(ctx: Ctx, row: Row, column: str) -> str:
    label = to_text(row[column])
    aliases = {level.label: level.aliases for level in default_settings().status}
    choices = [f"  {label.upper()} ", label.lower(), *aliases.get(label, [])]
    return ctx.rnd.choice(choices)


def _cycle_variant(ctx: Ctx, row: Row, column: str) -> str:
    cycle = int(row["Cycle"])
    return ctx.rnd.choice({1: ["1st", "Cycle 1", "I", "first", " 1 "],
                           2: ["2nd", "Cycle 2", "II", "second", "UPR cycle 2", " 2 "]}[cycle])


def _spaced_id(ctx: Ctx, row: Row, column: str) -> str:
    return f"  {row['ID']} "


def _id_as_number(ctx: Ctx, row: Row, column: str) -> float:
    return float(row["ID"])


def _no_trailing_zero(row: Row) -> bool:
    return not str(row["ID"]).endswith("0") and str(float(row["ID"])) == row["ID"]


def duplicate_id(tab: str, column: str, key: tuple[str, ...]) -> Mutation:
    """Copy the key of an earlier row into a free later row: `duplicate-id` at the later one."""
    def apply(ctx: Ctx) -> None:
        table = ctx.tables[tab]
        if (tab, column) in ctx.gone or any((tab, k) in ctx.gone for k in key):
            raise Skip
        later = ctx.row(tab, lambda r: table.row_number(r) > 2)
        earlier = [r for r in table.rows[: table.row_number(later) - 2] if id(r) not in ctx.claimed
                   and all(to_text(r.get(k)) for k in key)]
        if not earlier:
            ctx.claimed.discard(id(later))
            raise Skip
        first = ctx.rnd.choice(earlier)
        ctx.claimed.add(id(first))
        for k in key:
            later[k] = first[k]
            ctx.cells_used.add((tab, k))
        ctx.defect(tab, later, column, "duplicate-id", "error", to_text(first[column]))
    return apply


def ambiguous_reference(ctx: Ctx) -> None:
    """An assessment of `118.1` (in cycles 1 and 2) without a Cycle."""
    for column in ("Cycle", "Recommendation ID"):
        if ("assessments", column) in ctx.gone:
            raise Skip
    row = ctx.row("assessments")
    row["Recommendation ID"], row["Cycle"] = "118.1", None
    ctx.cells_used.update({("assessments", "Cycle"), ("assessments", "Recommendation ID")})
    ctx.defect("assessments", row, "Recommendation ID", "ambiguous-recommendation", "error", "118.1")


def _contract_columns(tab: str, table: Table) -> list[str]:
    """Columns of the table that the contract knows (not inserted unknown or copied ones)."""
    known = {c.header for c in TABS_BY_KEY[tab].columns}
    return [c for c in table.columns if c in known]


def rename_header(tab: str) -> Mutation:
    """A header in other case or spacing, or one of its documented aliases: nothing to report."""
    def apply(ctx: Ctx) -> None:
        table = ctx.tables[tab]
        column = ctx.column_for_structure(tab, [c for c in _contract_columns(tab, table)
                                                if (tab, c) not in ctx.gone], cells_ok=True)
        contract = next(c for c in TABS_BY_KEY[tab].columns if c.header == column)
        taken = {canonical(h) for c, h in table.headers.items() if c != column and h}
        variants = [f"  {column.upper()} ", column.lower(), column.replace(" ", "  "),
                    *[a for a in contract.aliases if canonical(a) not in taken]]
        table.headers[column] = ctx.rnd.choice(variants)
    return apply


def duplicate_header(tab: str) -> Mutation:
    """A second column with the same header after the first: `duplicate-header` at the second."""
    def apply(ctx: Ctx) -> None:
        table = ctx.tables[tab]
        column = ctx.column_for_structure(tab, [c for c in _contract_columns(tab, table)
                                                if (tab, c) not in ctx.gone], cells_ok=True)
        copy_id = f"{column} (copy {len(table.columns)})"
        at = ctx.rnd.randint(table.columns.index(column) + 1, len(table.columns))
        table.columns.insert(at, copy_id)
        header = ctx.rnd.choice([column, column.upper(), f" {column}"])
        table.headers[copy_id] = header
        for n, row in enumerate(table.rows):
            if any(to_text(v) for v in row.values()):
                row[copy_id] = f"other {n}"
        ctx.structured.add((tab, copy_id))
        ctx.defect(tab, None, copy_id, "duplicate-header", "warning", to_text(header))
    return apply


def blank_header(tab: str, optional: Sequence[str]) -> Mutation:
    """An optional column's header erased while it holds values: `missing-header` at the header cell."""
    def apply(ctx: Ctx) -> None:
        column = ctx.column_for_structure(tab, [c for c in optional if (tab, c) not in ctx.gone], cells_ok=False)
        ctx.tables[tab].headers[column] = ctx.rnd.choice([None, "   "])
        ctx.gone.add((tab, column))
        ctx.defect(tab, None, column, "missing-header", "warning", "")
    return apply


def delete_column(tab: str, columns: Sequence[str], code: str | None) -> Mutation:
    """A whole column deleted: nothing to report for an optional one, `missing-column` for a required one."""
    def apply(ctx: Ctx) -> None:
        column = ctx.column_for_structure(tab, [c for c in columns if (tab, c) not in ctx.gone], cells_ok=False)
        ctx.tables[tab].columns.remove(column)
        ctx.gone.add((tab, column))
        if code:
            ctx.defect(tab, None, None, code, "error", "")
    return apply


def unknown_column(ctx: Ctx) -> None:
    """A column the contract does not know, inserted anywhere: ignored, nothing to report."""
    tab = ctx.rnd.choice(["recommendations", "assessments", "indicators", "measurements", "members"])
    table = ctx.tables[tab]
    header = ctx.rnd.choice(UNKNOWN_COLUMNS)
    if any(canonical(h) == canonical(header) for h in table.headers.values() if h):
        raise Skip
    column_id = f"+{header}"
    table.columns.insert(ctx.rnd.randint(0, len(table.columns)), column_id)
    table.headers[column_id] = header
    for n, row in enumerate(table.rows):
        if any(to_text(v) for v in row.values()):
            row[column_id] = ctx.rnd.choice([f"x{n}", n, "#REF!", "Partialy implemented", None])


def blank_rows(ctx: Ctx) -> None:
    """Empty and whitespace-only rows inserted between records: skipped, nothing to report."""
    tab = ctx.rnd.choice(["recommendations", "assessments", "indicators", "measurements", "members"])
    if (tab, "#rows") in ctx.structured:
        raise Skip
    ctx.structured.add((tab, "#rows"))
    table = ctx.tables[tab]
    for _ in range(ctx.rnd.randint(1, 15)):
        blank: Row = ctx.rnd.choice([{}, {table.columns[0]: "   "}, {table.columns[-1]: " \t "}])
        table.rows.insert(ctx.rnd.randint(0, len(table.rows)), blank)


def trailing_blank_rows(ctx: Ctx) -> None:
    """Hundreds of space-only rows after the data (a 'formatted' range): nothing to report."""
    tab = ctx.rnd.choice(["recommendations", "assessments", "measurements"])
    if (tab, "#tail") in ctx.structured:
        raise Skip
    ctx.structured.add((tab, "#tail"))
    table = ctx.tables[tab]
    table.rows.extend({table.columns[ctx.rnd.randrange(len(table.columns))]: " "}
                      for _ in range(ctx.rnd.randint(200, 2000)))


def tab_title(ctx: Ctx) -> None:
    """A tab title in other case or an alias: nothing to report."""
    tab = ctx.rnd.choice(sorted(TAB_TITLES))
    if (tab, "#title") in ctx.structured:
        raise Skip
    ctx.structured.add((tab, "#title"))
    ctx.tables[tab].title = ctx.rnd.choice(TAB_TITLES[tab])


def stray_byte(ctx: Ctx) -> None:
    """A UTF-8 CSV with one cp1252 byte: read as cp1252, so lookups may warn, but no error and no row lost."""
    row = ctx.row("recommendations")
    ctx.cells_used.add(("recommendations", "Recommendation"))
    row["Recommendation"] = f"{row['Recommendation']} STRAYBYTE"
    ctx.stray_byte = "recommendations"
    ctx.extra_warnings_ok = True


def fatal(apply: Mutation) -> Mutation:
    """A mutation after which the workbook cannot be loaded at all."""
    def wrapped(ctx: Ctx) -> None:
        apply(ctx)
        ctx.fatal = True
    return wrapped


def _drop_required(ctx: Ctx) -> None:
    ctx.tables["recommendations"].columns.remove(ctx.rnd.choice(["ID", "Cycle", "Recommendation", "Response"]))


def _misspell_required(ctx: Ctx) -> None:
    column, typo = ctx.rnd.choice([("ID", "IDs?"), ("Cycle", "Cylce"), ("Recommendation", "Recomendation"),
                                   ("Response", "Reponse")])
    ctx.tables["recommendations"].headers[column] = typo


def _delete_header_row(ctx: Ctx) -> None:
    table = ctx.tables["recommendations"]
    table.headers = {c: v for c, v in table.rows.pop(0).items()}


def _erase_header_row(ctx: Ctx) -> None:
    table = ctx.tables["recommendations"]
    table.headers = {c: None for c in table.columns}


def _rename_tab(ctx: Ctx) -> None:
    ctx.tables["recommendations"].title = ctx.rnd.choice(["Recomendations", "Recommendations (old)", "Sheet1"])


def _delete_tab(ctx: Ctx) -> None:
    del ctx.tables["recommendations"]


def _broken(kind: str) -> Mutation:
    def apply(ctx: Ctx) -> None:
        ctx.broken_file = kind
    return apply


REQUIRED_RECS = ["ID", "Cycle", "Recommendation", "Response"]
OPTIONAL_RECS = ["Recommending States", "Themes", "Ministries", "Priority", "Status", "Government Status",
                 "Action Category", "Last Assessed", "Internal Notes"]
TYPOS_RESPONSE = ["Acepted", "Supportd", "Noted?", "Partially acepted", "yes", True]
FORMULA_ERRORS = ["#REF!", "#N/A", "#VALUE!", "#NAME?", "#DIV/0!"]


def _quantitative(row: Row) -> bool:
    return row.get("Type") == "Quantitative"


def _unique_reference(row: Row) -> bool:
    return row.get("Recommendation ID") != "118.1"


KINDS: list[Kind] = [
    # Recommendations: wrong types, formula errors, empty required cells, vocabularies
    Kind("rec-bad-cycle", cell("recommendations", ["Cycle"], ["abc", "Cycle X", "10", "0", "2.5", "2024"],
                               "bad-cycle")),
    Kind("rec-date-in-cycle", cell("recommendations", ["Cycle"], [datetime(2024, 1, 2)], "bad-cycle")),
    Kind("rec-text-in-date", cell("recommendations", ["Last Assessed"],
                                  ["next week", "31/02/2024", "2024-13-01", "soon", "Q3 2024"], "bad-date", "warning")),
    Kind("rec-formula-required", cell("recommendations", REQUIRED_RECS, FORMULA_ERRORS, "formula-error")),
    Kind("rec-formula-optional", cell("recommendations", OPTIONAL_RECS, FORMULA_ERRORS, "formula-error", "warning")),
    Kind("rec-empty-required", cell("recommendations", REQUIRED_RECS, [None, "   "], "missing-value")),
    Kind("rec-status-typo", cell("recommendations", ["Status"], _typo_status, "unknown-status")),
    Kind("rec-government-status-typo", cell("recommendations", ["Government Status"], _typo_status, "unknown-status",
                                            "warning")),
    Kind("rec-response-typo", cell("recommendations", ["Response"], TYPOS_RESPONSE, "unknown-response")),
    Kind("rec-priority-typo", cell("recommendations", ["Priority"], ["ASAP", "urgent"], "unknown-priority", "warning")),
    Kind("rec-action-category-typo", cell("recommendations", ["Action Category"], ["7", "huge action", 0],
                                          "unknown-action-category", "warning")),
    Kind("rec-unknown-theme", cell("recommendations", ["Themes"], ["Torturre", "Climate"], "unknown-theme", "warning")),
    Kind("rec-unknown-ministry", cell("recommendations", ["Ministries"],
                                      ["Ministry of Magic", "Ministere de la Justice"],
                                      "unknown-ministry", "warning")),
    Kind("rec-id-as-number", cell("recommendations", ["ID"], _id_as_number, "id-stored-as-number", "warning",
                                  _no_trailing_zero), formats=("xlsx",)),
    Kind("rec-duplicate-id", duplicate_id("recommendations", "ID", ("ID", "Cycle"))),
    Kind("rec-huge-text", cell("recommendations", ["Recommendation", "Internal Notes"], _huge, None)),
    Kind("rec-huge-status", cell("recommendations", ["Status"], _huge, "unknown-status")),
    Kind("rec-spaces-and-case", cell("recommendations", ["Response"], ["  accepted ", "ACCEPTED", "noted",
                                                                       " Partially Accepted"], None)),
    Kind("rec-status-alias", cell("recommendations", ["Status", "Government Status"],
                                  _status_variant, None)),
    Kind("rec-response-alias", cell("recommendations", ["Response"], ["supported", "Supported in part", "rejected",
                                                                      "not supported", "partially supported"], None)),
    Kind("rec-cycle-alias", cell("recommendations", ["Cycle"], _cycle_variant, None)),
    Kind("rec-id-spaces", cell("recommendations", ["ID"], _spaced_id, None)),
    Kind("rec-multi-forms", cell("recommendations", ["Recommending States", "Themes"],
                                 ["- Torture\n- Land and housing", "Torture;Droits des femmes;", "torture"], None)),
    Kind("rec-date-forms", cell("recommendations", ["Last Assessed"],
                                ["31/05/2024", "31 May 2024", "May 31, 2024", "2024/05/31", "31.05.2024"], None)),
    Kind("rec-priority-alias", cell("recommendations", ["Priority"], ["short term", "LONG", " medium "], None)),
    # Assessments
    Kind("assess-text-in-date", cell("assessments", ["Date"], ["soon", "2024-02-30", "13/13/2024"], "bad-date")),
    Kind("assess-unknown-recommendation", cell("assessments", ["Recommendation ID"], ["999.9", "118.99"],
                                               "unknown-recommendation")),
    Kind("assess-ambiguous-recommendation", ambiguous_reference),
    Kind("assess-status-typo", cell("assessments", ["Status"], _typo_status, "unknown-status")),
    Kind("assess-empty-required", cell("assessments", ["Status", "Date", "Recommendation ID"], [None],
                                       "missing-value")),
    Kind("assess-formula-required", cell("assessments", ["Status", "Date"], FORMULA_ERRORS, "formula-error")),
    Kind("assess-government-status-typo", cell("assessments", ["Government Status"], _typo_status, "unknown-status",
                                               "warning")),
    Kind("assess-letters-in-cycle", cell("assessments", ["Cycle"], ["two", "C2"], "bad-cycle", "warning",
                                         _unique_reference)),
    Kind("assess-no-cycle", cell("assessments", ["Cycle"], [None], None, where=_unique_reference)),
    Kind("assess-status-alias", cell("assessments", ["Status"], _status_variant, None)),
    # Indicators
    Kind("ind-unknown-recommendation", cell("indicators", ["Recommendation IDs"], ["999.1", "118.99"],
                                            "unknown-recommendation")),
    Kind("ind-type-typo", cell("indicators", ["Type"], ["Quantitive", "numbers"], "unknown-type", "warning")),
    Kind("ind-direction-typo", cell("indicators", ["Direction"], ["sideways", "more"], "unknown-direction", "warning")),
    Kind("ind-text-baseline", cell("indicators", ["Baseline", "Target"], ["lots", "about ten"], "bad-number", "warning",
                                   _quantitative)),
    Kind("ind-text-in-date", cell("indicators", ["Baseline Date"], ["someday"], "bad-date", "warning")),
    Kind("ind-empty-name", cell("indicators", ["Indicator"], [None, "  "], "missing-value")),
    Kind("ind-formula-name", cell("indicators", ["Indicator"], FORMULA_ERRORS, "formula-error")),
    Kind("ind-duplicate-id", duplicate_id("indicators", "Indicator ID", ("Indicator ID",))),
    # Measurements
    Kind("meas-text-value", cell("measurements", ["Value"], ["many", "about 40", "n/a"], "bad-number")),
    Kind("meas-unknown-indicator", cell("measurements", ["Indicator ID"], ["IND-99", "IND 1x"], "unknown-indicator")),
    Kind("meas-text-in-date", cell("measurements", ["Date"], ["2024-02-30", "last June"], "bad-date")),
    Kind("meas-formula-value", cell("measurements", ["Value"], FORMULA_ERRORS, "formula-error")),
    Kind("meas-number-forms", cell("measurements", ["Value"], ["1,234", "12%", " 40 ", "40.0"], None)),
    # Members
    Kind("member-bad-email", cell("members", ["Email"], ["not-an-email", "member at example.org"], "bad-email")),
    Kind("member-role-typo", cell("members", ["Role"], ["boss", "editer"], "unknown-role", "warning")),
    Kind("member-role-alias", cell("members", ["Role"], ["Administrator", "EDITOR", " member "], None)),
    # Headers and columns
    *[Kind(f"header-variant-{tab}", rename_header(tab)) for tab in ("recommendations", "assessments", "indicators",
                                                                     "measurements")],
    *[Kind(f"duplicate-header-{tab}", duplicate_header(tab)) for tab in ("recommendations", "assessments",
                                                                          "measurements")],
    Kind("missing-header-recommendations", blank_header("recommendations", OPTIONAL_RECS)),
    Kind("missing-header-assessments", blank_header("assessments", ["Government Status", "Evidence", "Assessed By"])),
    Kind("delete-optional-column", delete_column("recommendations", OPTIONAL_RECS, None)),
    Kind("delete-required-column-assessments", delete_column("assessments", ["Date", "Recommendation ID", "Status"],
                                                             "missing-column")),
    Kind("delete-required-column-measurements", delete_column("measurements", ["Date", "Value"], "missing-column")),
    Kind("delete-required-column-members", delete_column("members", ["Email"], "missing-column")),
    Kind("unknown-column", unknown_column),
    Kind("blank-rows", blank_rows),
    Kind("trailing-blank-rows", trailing_blank_rows),
    Kind("tab-title-variant", tab_title),
    Kind("stray-cp1252-byte", stray_byte, formats=("csv",)),
    # Unloadable: exit 2
    Kind("fatal-deleted-required-column", fatal(_drop_required), fatal=True),
    Kind("fatal-misspelt-required-header", fatal(_misspell_required), fatal=True),
    Kind("fatal-deleted-header-row", fatal(_delete_header_row), fatal=True),
    Kind("fatal-erased-header-row", fatal(_erase_header_row), fatal=True),
    Kind("fatal-renamed-recommendations-tab", fatal(_rename_tab), fatal=True),
    Kind("fatal-deleted-recommendations-tab", fatal(_delete_tab), fatal=True),
    Kind("fatal-garbage-file", fatal(_broken("garbage")), formats=("xlsx",), fatal=True),
    Kind("fatal-truncated-file", fatal(_broken("truncated")), formats=("xlsx",), fatal=True),
    Kind("fatal-folder-without-csv", fatal(_broken("no-csv")), formats=("csv",), fatal=True),
]
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


def _build(name: str, kinds: Sequence[Kind], rnd: random.Random, fmt: str, encoding: str) -> Case | None:
    tables, free = base_tables()
    ctx = Ctx(tables, free, rnd, fmt)
    applied = []
    for kind in kinds:
        try:
            kind.apply(ctx)
        except Skip:
            continue
        applied.append(kind.name)
    if not applied and kinds:
        return None
    encodings = {}
    if fmt == "csv":
        for key in ctx.tables:
            encodings[key] = rnd.choice(ENCODINGS) if encoding == "mixed" else encoding
        if ctx.stray_byte:
            encodings[ctx.stray_byte] = "utf-8"
    label = f"{fmt}-{encoding}" if fmt == "csv" else fmt
    return Case(f"{name}-{'+'.join(applied) or 'clean'}-{label}", tuple(applied), ctx.tables, ctx.defects, fmt,
                encodings, ctx.fatal, ctx.broken_file, ctx.stray_byte, ctx.extra_warnings_ok)


def generate(seed: int = 20_261_123, combinations: int = 120) -> list[Case]:
    """The corpus: the clean base, every kind alone in each format, then random combinations of kinds."""
    rnd = random.Random(seed)
    cases: list[Case] = []
    n = 0

    def add(kinds: Sequence[Kind], fmt: str, encoding: str = "utf-8") -> None:
        nonlocal n
        case = _build(f"{n:03d}", kinds, random.Random(rnd.random()), fmt, encoding)
        if case is not None:
            cases.append(case)
            n += 1

    for fmt, encoding in [("xlsx", ""), *[("csv", e) for e in (*ENCODINGS, "mixed")]]:
        add([], fmt, encoding or "utf-8")
    for kind in KINDS:
        for fmt in kind.formats:
            add([kind], fmt, rnd.choice([*ENCODINGS, "mixed"]) if fmt == "csv" else "")
    usable = [k for k in KINDS if not k.fatal]
    for _ in range(combinations):
        fmt = rnd.choice(["xlsx", "csv"])
        pool = [k for k in usable if fmt in k.formats]
        add(rnd.sample(pool, rnd.randint(2, 6)), fmt, rnd.choice([*ENCODINGS, "mixed"]) if fmt == "csv" else "")
    return cases


# -- writing -------------------------------------------------------------------------------------------

def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _grid(table: Table) -> list[list[Any]]:
    return [[table.headers.get(c) for c in table.columns], *[[r.get(c) for c in table.columns] for r in table.rows]]


def write_case(case: Case, folder: Path) -> Path:
    """Write the case under `folder`; the path to give `check`."""
    folder.mkdir(parents=True, exist_ok=True)
    if case.fmt == "xlsx":
        path = folder / "book.xlsx"
        if case.broken_file == "garbage":
            path.write_bytes(b"PK\x03\x04 this is not really a workbook" * 10)
            return path
        book = Workbook()
        book.remove(book.active)
        for table in case.tables.values():
            sheet = book.create_sheet(table.title)
            for r, values in enumerate(_grid(table), start=1):
                for c, value in enumerate(values, start=1):
                    if value is not None:
                        sheet.cell(row=r, column=c, value=value)
        book.save(path)
        if case.broken_file == "truncated":
            path.write_bytes(path.read_bytes()[:700])
        return path
    path = folder / "csv"
    path.mkdir(exist_ok=True)
    if case.broken_file == "no-csv":
        (path / "README.txt").write_text("the CSV files were not exported", encoding="utf-8")
        return path
    for key, table in case.tables.items():
        encoding = case.encodings.get(key, "utf-8")
        mac = encoding == "mac_roman"
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r" if mac else "\r\n")
        for values in _grid(table):
            texts = [_csv_text(v) for v in values]
            writer.writerow([t.replace("\n", "\r") for t in texts] if mac else texts)
        data = out.getvalue().encode(encoding)
        if case.stray_byte == key:
            data = data.replace(b"STRAYBYTE", b"\x96")  # an en dash typed in an old cp1252 editor
        (path / f"{table.title}.csv").write_bytes(data)
    return path
