"""Validation and normalisation: a RawWorkbook → a typed Dataset plus every Issue found.

Never raises for bad data. Only what makes the whole sheet unusable (a required tab or column
missing) raises, as MissingTab / MissingColumn; everything else is an Issue at a cell.
"""

from __future__ import annotations

import pandas as pd

from upr_sheets.core.contract import LISTS, TABS, VOCABULARIES, Tab, canonical
from upr_sheets.core.errors import MissingColumn, MissingTab
from upr_sheets.core.model import Dataset, TabReport
from upr_sheets.core.perf import no_gc
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.settings import Settings

from . import cells as C
from .codes import UNKNOWN_CHOICE, IssueCode
from .crossref import check_assessments, check_indicators, check_measurements, flag_duplicates
from .normalize import TabFrame


def locate_tabs(raw: RawWorkbook, settings: Settings) -> dict[str, RawTable]:
    """Contract tab key → the source's table, matched by configured title or alias; required ones must exist."""
    by_name = {}
    for title, table in raw.tables.items():
        by_name.setdefault(canonical(title), table)
    found: dict[str, RawTable] = {}
    for tab in TABS:
        for name in (settings.tab_title(tab.key), tab.title, *tab.aliases):
            if canonical(name) in by_name:
                found[tab.key] = by_name[canonical(name)]
                break
        else:
            if tab.required:
                titles = list(raw.tables)
                hint = C.suggest(settings.tab_title(tab.key), titles)
                did = f" Did you mean `{hint}`? Rename it to `{settings.tab_title(tab.key)}`." if hint else ""
                raise MissingTab(
                    f"The sheet has no `{settings.tab_title(tab.key)}` tab, which is required.{did} "
                    f"Tabs found: {', '.join(titles) or 'none'}.")
    return found


def _frame(tab: Tab, table: RawTable | None) -> TabFrame | None:
    if table is None:
        return None
    tf = TabFrame(tab, table)
    if tf.missing:
        names = ", ".join(f"`{c.header}`" for c in tf.missing)
        found = ", ".join(f"`{h}`" for h in tf.headers.values()) or "none"
        if tab.required:
            raise MissingColumn(
                f"The `{table.title}` tab has no {names} column, which is required. Row 1 must hold the "
                f"headers; recognised headers found: {found}. Rename the column or add it.")
        tf.issue(1, "", ", ".join(c.header for c in tf.missing), "", IssueCode.MISSING_COLUMN, tab=table.title,
                 names=names, found=found)
        tf.bad_rows.update(tf.index)
    return tf


def _lists(tf: TabFrame | None) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for col in LISTS.columns:
        if tf is None or not tf.has(col.key):
            out[col.key] = ()
            continue
        values = [v for v in tf.text(col.key) if v]
        out[col.key] = tuple(dict.fromkeys(values))
    return out


def _recommendations(tf: TabFrame, lists: dict[str, tuple[str, ...]], settings: Settings) -> pd.DataFrame:
    status_vocab = settings.status_vocabulary
    default = settings.default_status
    data = {
        "id": tf.ident("id"),
        "cycle": tf.parsed("cycle", C.parse_cycle, IssueCode.BAD_CYCLE),
        "text": tf.text("text"),
        "text_km": tf.text("text_km"),
        "text_fr": tf.text("text_fr"),
        "states": tf.multi("states"),
        "response": tf.choice("response", VOCABULARIES["response"], IssueCode.UNKNOWN_RESPONSE, strict=True),
        "themes": tf.multi("themes", lists["themes"], IssueCode.UNKNOWN_THEME),
        "ministries": tf.multi("ministries", lists["ministries"], IssueCode.UNKNOWN_MINISTRY),
        "working_group": tf.multi("working_group", lists["working_groups"], IssueCode.UNKNOWN_WORKING_GROUP,
                                  joined=True),
        "lead_organization": tf.multi("lead_organization", lists["organizations"], IssueCode.UNKNOWN_ORGANIZATION,
                                      joined=True),
        "priority": tf.choice("priority", VOCABULARIES["priority"], IssueCode.UNKNOWN_PRIORITY, strict=False),
        "status": tf.choice("status", status_vocab, IssueCode.UNKNOWN_STATUS, strict=True).fillna(default),
        "government_status": tf.choice("government_status", status_vocab, IssueCode.UNKNOWN_STATUS,
                                       strict=False).fillna(default),
        "action_category": tf.choice("action_category", VOCABULARIES["action_category"],
                                     IssueCode.UNKNOWN_ACTION_CATEGORY, strict=False),
        "sdgs": tf.multi("sdgs"),
        "evidence": tf.text("evidence"),
        "last_assessed": tf.parsed("last_assessed", C.parse_date, IssueCode.BAD_DATE, raw=True),
        "internal_notes": tf.text("internal_notes"),
        "next_step": tf.text("next_step"),
        "owner": tf.text("owner"),
        "due_date": tf.parsed("due_date", C.parse_date, IssueCode.BAD_DATE, raw=True),
        "coded_by": tf.text("coded_by"),
    }
    frame = pd.DataFrame(data)
    flag_duplicates(tf, frame, ["cycle", "id"], "id", IssueCode.DUPLICATE_ID, "ID", " in cycle {0}")
    return frame


def _simple(tf: TabFrame, spec: dict[str, str]) -> pd.DataFrame:
    """Columns whose handling depends only on their kind (used by the small tabs)."""
    data = {}
    for key, how in spec.items():
        col = tf.tab.column(key)
        if how == "date":
            data[key] = tf.parsed(key, C.parse_date, IssueCode.BAD_DATE, raw=True)
        elif how == "cycle":
            data[key] = tf.parsed(key, C.parse_cycle, IssueCode.BAD_CYCLE)
        elif how == "id":
            data[key] = tf.ident(key)
        elif how == "bool":
            data[key] = tf.parsed(key, C.parse_bool, IssueCode.BAD_BOOLEAN).fillna(False).astype(bool)
        elif how == "multi":
            data[key] = tf.multi(key)
        elif how == "choice":
            vocabulary = col.choices or ""
            data[key] = tf.choice(key, VOCABULARIES[vocabulary], UNKNOWN_CHOICE[vocabulary], strict=col.required)
        else:
            data[key] = tf.text(key)
    return pd.DataFrame(data)


def _finish(tf: TabFrame | None, frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """Drop quarantined rows; typed columns; the sheet row number as column `row`."""
    if tf is None or frame is None:
        return pd.DataFrame({"row": pd.Series(dtype="int64"), **{c: pd.Series(dtype=object) for c in columns}})
    if tf.bad_rows:
        frame = frame.loc[~frame.index.isin(tf.bad_rows)]
    frame = frame.rename_axis("row").reset_index()
    for key in columns:
        if key not in frame:
            frame[key] = None
    for key in ("cycle", "action_category"):
        if key in frame:
            frame[key] = pd.array(pd.to_numeric(frame[key].replace("", None), errors="coerce"), dtype="Int64")
    for key in frame.columns:
        if key.endswith("date") or key in ("last_assessed", "review_date", "midterm_due", "next_review", "expires"):
            frame[key] = pd.to_datetime(frame[key], errors="coerce")
    return frame[["row", *columns]]


def validate(raw: RawWorkbook, settings: Settings) -> Dataset:
    """Check and normalise every tab; rows with errors are quarantined, never silently dropped."""
    with no_gc():
        return _validate(raw, settings)


def _validate(raw: RawWorkbook, settings: Settings) -> Dataset:
    tables = locate_tabs(raw, settings)
    frames = {tab.key: _frame(tab, tables.get(tab.key)) for tab in TABS}
    lists = _lists(frames["lists"])
    recs_tf = frames["recommendations"]
    assert recs_tf is not None
    recs = _recommendations(recs_tf, lists, settings)
    tables_out: dict[str, pd.DataFrame] = {}
    specs = {
        "cycles": {"cycle": "cycle", "review_date": "date", "adoption_date": "date", "midterm_due": "date",
                   "next_review": "date"},
        "members": {"email": "text", "name": "text", "organization": "text", "role": "choice",
                    "working_group": "text"},
        "share_links": {"link_id": "id", "audience": "text", "expires": "date", "revoked": "bool", "scope": "text"},
        "assessments": {"date": "date", "cycle": "cycle", "rec_id": "id", "evidence": "text",
                        "assessed_by": "text", "internal_notes": "text"},
        "indicators": {"indicator_id": "id", "cycle": "cycle", "rec_ids": "multi", "indicator": "text",
                       "type": "choice", "unit": "text", "baseline": "text", "baseline_date": "date",
                       "target": "text", "target_date": "date", "direction": "choice", "source": "text"},
        "measurements": {"date": "date", "indicator_id": "id", "value": "text", "note": "text", "source": "text",
                         "reported_by": "text"},
    }
    for key, spec in specs.items():
        tf = frames[key]
        tables_out[key] = _simple(tf, spec) if tf is not None else None
    if (tf := frames["cycles"]) is not None:
        flag_duplicates(tf, tables_out["cycles"], ["cycle"], "cycle", IssueCode.DUPLICATE_CYCLE, "Cycle", "")
    if (tf := frames["share_links"]) is not None:
        flag_duplicates(tf, tables_out["share_links"], ["link_id"], "link_id", IssueCode.DUPLICATE_ID, "Link ID",
                        "")
    if (tf := frames["members"]) is not None:
        for row, email in tables_out["members"]["email"].items():
            if email and "@" not in email:
                tf.cell_issue(row, "email", email, IssueCode.BAD_EMAIL)
    if (tf := frames["assessments"]) is not None:
        check_assessments(tf, tables_out["assessments"], recs_tf, recs, settings)
    if (tf := frames["indicators"]) is not None:
        check_indicators(tf, tables_out["indicators"], recs)
    if (tf := frames["measurements"]) is not None:
        check_measurements(tf, tables_out["measurements"], frames["indicators"], tables_out["indicators"])

    columns = {t.key: [c.key for c in t.columns] for t in TABS}
    columns["indicators"] += ["baseline_value", "target_value"]
    columns["measurements"] += ["numeric_value"]
    out = {"recommendations": _finish(recs_tf, recs, columns["recommendations"])}
    for key in specs:
        out[key] = _finish(frames[key], tables_out[key], columns[key])
    order = {tab.key: n for n, tab in enumerate(TABS)}
    issues = [i for key, tf in sorted(frames.items(), key=lambda kv: order[kv[0]]) if tf is not None
              for i in sorted(tf.issues, key=lambda i: (i.row, len(i.cell), i.cell))]
    reports = {tab.key: _report(frames[tab.key]) for tab in TABS}
    quarantine = {key: tf.quarantine() for key, tf in frames.items() if tf is not None and tf.bad_rows}
    return Dataset(lists=lists, issues=issues, tabs=reports, quarantine=quarantine, source=raw.source,
                   kind=raw.kind, url=raw.url, fetched_at=raw.fetched_at, requests=raw.requests,
                   sheet_ids={t.title: t.sheet_id for t in raw.tables.values() if t.sheet_id is not None},
                   **out)


def _report(tf: TabFrame | None) -> TabReport:
    if tf is None:
        return TabReport("", 0, 0, 0, present=False)
    bad = len(tf.bad_rows)
    return TabReport(tf.title, tf.total_rows, tf.total_rows - bad, bad)


