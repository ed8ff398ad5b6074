"""Checks across rows and tabs: duplicates, references between tabs, status disagreements."""

from __future__ import annotations

import pandas as pd

from . import cells as C
from .normalize import TabFrame
from .settings import Settings


def flag_duplicates(tf: TabFrame, frame: pd.DataFrame, keys: list[str], at: str, code: str, noun: str,
                    scope: str) -> None:
    """Every repeat of a key after its first row is an error at column `at` naming the first row."""
    usable = frame[keys].notna().all(axis=1) & (frame[at] != "")
    sub = frame.loc[usable, keys]
    if sub.empty:
        return
    dup = sub.duplicated(keep=False)
    if not dup.any():
        return
    first_row: dict[tuple, int] = {}
    for row, key in zip(sub.index[dup], map(tuple, sub[dup].itertuples(index=False, name=None))):
        if key not in first_row:
            first_row[key] = row
            continue
        value = str(frame.at[row, at])
        letter = tf.letters.get(at, "")
        where = scope.format(*key) if scope else ""
        tf.cell_issue(row, at, value, code, "error",
                      f"{noun} `{value}` already appears in row {first_row[key]} ({letter}{first_row[key]})"
                      f"{where}; each must be unique. Correct one of the two.")


def _rec_index(recs: pd.DataFrame) -> tuple[set[tuple[int, str]], dict[str, list[int]]]:
    """(cycle, id) pairs present in the Recommendations tab, and id → cycles."""
    usable = recs["cycle"].notna() & (recs["id"] != "")
    pairs = set(zip(recs.loc[usable, "cycle"].astype(int), recs.loc[usable, "id"]))
    by_id: dict[str, list[int]] = {}
    for cycle, rid in sorted(pairs):
        by_id.setdefault(rid, []).append(cycle)
    return pairs, by_id


def _resolve(rid: str, cycle: object, pairs: set, by_id: dict) -> tuple[int | None, str | None]:
    """The recommendation's cycle, or an issue code when the reference does not resolve."""
    if cycle is not None and not pd.isna(cycle):
        return (int(cycle), None) if (int(cycle), rid) in pairs else (None, "unknown-recommendation")
    cycles = by_id.get(rid, [])
    if len(cycles) == 1:
        return cycles[0], None
    return None, ("ambiguous-recommendation" if cycles else "unknown-recommendation")


def check_assessments(tf: TabFrame, frame: pd.DataFrame, recs_tf: TabFrame, recs: pd.DataFrame,
                      settings: Settings) -> None:
    """Status columns, references to Recommendations, and newest assessment vs the Status column."""
    vocab = settings.status_vocabulary
    frame["status"] = tf.choice("status", vocab, "status", strict=True)
    frame["government_status"] = tf.choice("government_status", vocab, "status", strict=False)
    pairs, by_id = _rec_index(recs)
    resolved = []
    for row, rid, cycle in zip(frame.index, frame["rec_id"], frame["cycle"]):
        if not rid:
            resolved.append(cycle)
            continue
        found, problem = _resolve(rid, cycle, pairs, by_id)
        resolved.append(found)
        if problem == "unknown-recommendation":
            where = f" in cycle {int(cycle)}" if cycle is not None and not pd.isna(cycle) else ""
            tf.cell_issue(row, "rec_id", rid, problem, "error",
                          f"No recommendation `{rid}`{where} in the Recommendations tab. Check the number "
                          "(as printed in the UN report) and the Cycle.")
        elif problem:
            tf.cell_issue(row, "rec_id", rid, problem, "error",
                          f"Recommendation `{rid}` exists in cycles {', '.join(map(str, by_id[rid]))}; "
                          "fill in the Cycle column to say which one is meant.")
    frame["cycle"] = resolved
    _status_disagreements(tf, frame, recs_tf, recs)


def _status_disagreements(tf: TabFrame, frame: pd.DataFrame, recs_tf: TabFrame, recs: pd.DataFrame) -> None:
    """Warn where the newest assessment of a recommendation disagrees with its Status cell."""
    if not recs_tf.has("status"):
        return
    usable = frame.loc[~frame.index.isin(tf.bad_rows) & frame["date"].notna() & frame["status"].notna()]
    if usable.empty:
        return
    ordered = usable.assign(_row=usable.index).sort_values(["date", "_row"])
    newest = ordered.groupby(["cycle", "rec_id"], sort=False).tail(1)
    typed = recs_tf.text("status")
    rec_rows = {(int(c), i): row for row, c, i in zip(recs.index, recs["cycle"], recs["id"])
                if c is not None and not pd.isna(c) and row not in recs_tf.bad_rows}
    for cycle, rid, status, date, arow in zip(newest["cycle"], newest["rec_id"], newest["status"],
                                              newest["date"], newest["_row"]):
        rrow = rec_rows.get((int(cycle), rid))
        if rrow is None or not typed[rrow]:
            continue
        current = recs.at[rrow, "status"]
        if current != status:
            where = f"{tf.title}!{tf.letters.get('status', '')}{arow}"
            recs_tf.cell_issue(rrow, "status", typed[rrow], "status-disagrees", "warning",
                               f"Status says `{current}` but the newest assessment ({where}, {date}) says "
                               f"`{status}`. Update whichever is out of date.")


def check_indicators(tf: TabFrame, frame: pd.DataFrame, recs: pd.DataFrame) -> None:
    """Unique indicator ids, existing recommendation ids, numeric baseline/target for quantitative ones."""
    flag_duplicates(tf, frame, ["indicator_id"], "indicator_id", "duplicate-id", "Indicator ID", "")
    pairs, by_id = _rec_index(recs)
    for row, ids, cycle in zip(frame.index, frame["rec_ids"], frame["cycle"]):
        for rid in ids:
            found, problem = _resolve(rid, cycle, pairs, by_id)
            if problem:
                tf.cell_issue(row, "rec_ids", "; ".join(ids), problem, "error",
                              f"Recommendation `{rid}` is not in the Recommendations tab"
                              + (" for this cycle" if cycle is not None and not pd.isna(cycle) else "")
                              + (" (it exists in several cycles: fill in Cycle)" if problem.startswith("amb") else "")
                              + ". Check the number or remove it from the list.")
    quantitative = frame["type"].fillna("").ne("Qualitative")
    for key in ("baseline", "target"):
        values = frame[key].map(lambda t: C.parse_number(t) if t else None)
        frame[f"{key}_value"] = values
        for row in frame.index[quantitative & (frame[key] != "") & values.isna()]:
            tf.cell_issue(row, key, frame.at[row, key], "bad-number", "warning",
                          f"`{frame.at[row, key]}` is not a number, so progress to target cannot be computed. "
                          "Type a plain number (put the unit in the Unit column) or set Type to Qualitative.")


def check_measurements(tf: TabFrame, frame: pd.DataFrame, ind_tf: TabFrame | None,
                       indicators: pd.DataFrame | None) -> None:
    """Each measurement names an existing indicator; quantitative indicators need numeric values."""
    known: dict[str, str] = {}
    if indicators is not None:
        known = dict(zip(indicators["indicator_id"], indicators["type"].fillna("Quantitative")))
    numeric = frame["value"].map(lambda t: C.parse_number(t) if t else None)
    frame["numeric_value"] = numeric
    for row, iid, value, number in zip(frame.index, frame["indicator_id"], frame["value"], numeric):
        if not iid:
            continue
        if iid not in known:
            hint = C.suggest(iid, list(known))
            tf.cell_issue(row, "indicator_id", iid, "unknown-indicator", "error",
                          f"No indicator `{iid}` in the Indicators tab."
                          + (f" Did you mean `{hint}`?" if hint else "") + " Check the id or add the indicator.")
        elif known[iid] == "Quantitative" and value and pd.isna(number):
            tf.cell_issue(row, "value", value, "bad-number", "error",
                          f"`{value}` is not a number, but indicator `{iid}` is quantitative. Type a plain "
                          "number (the unit belongs in the Indicators tab), or put words in the Note column.")
