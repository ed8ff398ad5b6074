"""Checks across rows and tabs: duplicates, references between tabs, status disagreements."""

from __future__ import annotations

import numpy as np
import pandas as pd

from upr_sheets.core.settings import Settings

from . import cells as C
from .codes import IssueCode, did_you_mean
from .normalize import TabFrame

_CYCLE_SLOTS = 16  # cycles are 1–9: (id, cycle) pairs packed as id × 16 + cycle


def flag_duplicates(tf: TabFrame, frame: pd.DataFrame, keys: list[str], at: str, code: IssueCode, noun: str,
                    scope: str) -> None:
    """Every repeat of a key after its first row is an error at column `at` naming the first row."""
    usable = (frame[at] != "").to_numpy(dtype=bool)
    packed = np.zeros(len(frame), dtype=np.int64)  # the key's values as one integer (equal keys, equal integers)
    for key in keys:
        codes, uniques = pd.factorize(frame[key].to_numpy(dtype=object), use_na_sentinel=True)
        usable = usable & (codes >= 0)
        packed = packed * (len(uniques) + 1) + codes + 1
    at_rows = np.flatnonzero(usable)
    dup = pd.Series(packed[at_rows]).duplicated(keep=False).to_numpy()
    if not dup.any():
        return
    first_row: dict[int, int] = {}
    for row, key in zip(frame.index[at_rows[dup]].tolist(), packed[at_rows[dup]].tolist(), strict=True):
        if key not in first_row:
            first_row[key] = row
            continue
        value = str(frame.at[row, at])
        where = scope.format(*(frame.at[row, k] for k in keys)) if scope else ""
        tf.cell_issue(row, at, value, code, noun=noun, first_row=first_row[key], where=where)


def _cycles_of(recs: pd.DataFrame, rid: str) -> list[int]:
    """The cycles in which recommendation `rid` exists."""
    return sorted({int(c) for c in recs.loc[recs["id"] == rid, "cycle"].dropna()})


def _id_codes(recs: pd.DataFrame, ids: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """One integer per distinct id, shared by the Recommendations tab's ids and the referring `ids`:
    (codes of the tab's rows, codes of `ids`, how many distinct ids)."""
    codes, uniques = pd.factorize(np.concatenate([recs["id"].to_numpy(dtype=object), ids.to_numpy(dtype=object)]),
                                  use_na_sentinel=False)
    return codes[:len(recs)], codes[len(recs):], len(uniques)


def resolve_cycles(ids: pd.Series, cycles: pd.Series, recs: pd.DataFrame,
                   codes: tuple[np.ndarray, np.ndarray, int] | None = None) -> tuple[pd.Series, pd.Series]:
    """Vectorised reference check: (resolved cycle, problem code or None) for each (id, cycle) pair.

    `codes`: `_id_codes(recs, ids)`, when the caller has them already.
    """
    usable = (recs["cycle"].notna() & (recs["id"] != "")).to_numpy()
    key_cycles = recs["cycle"].to_numpy(dtype=object)[usable].astype(np.int64)
    rec_codes, id_codes, n_ids = codes if codes is not None else _id_codes(recs, ids)
    key_codes = rec_codes[usable]
    pairs = np.unique(key_codes * _CYCLE_SLOTS + key_cycles)  # distinct (id, cycle) of the Recommendations tab
    n_cycles = np.bincount(pairs // _CYCLE_SLOTS, minlength=n_ids)[id_codes]
    first = np.full(n_ids, np.nan)
    first[key_codes[::-1]] = key_cycles[::-1]  # the first row's cycle is written last
    given = pd.to_numeric(cycles, errors="coerce").to_numpy(dtype=float)
    has_cycle = ~np.isnan(given)
    in_range = has_cycle & (given >= 0) & (given < _CYCLE_SLOTS)
    pair = id_codes * _CYCLE_SLOTS + np.where(in_range, given, 0).astype(np.int64)
    exists = in_range & np.isin(pair, pairs)
    only = np.where(n_cycles == 1, first[id_codes], np.nan)
    resolved = pd.Series(np.where(has_cycle, np.where(exists, given, np.nan), only), index=ids.index)
    problem = np.select(
        [ids.eq("").to_numpy(), has_cycle & ~exists, ~has_cycle & (n_cycles > 1), ~has_cycle & (n_cycles == 0)],
        [None, IssueCode.UNKNOWN_RECOMMENDATION, IssueCode.AMBIGUOUS_RECOMMENDATION, IssueCode.UNKNOWN_RECOMMENDATION],
        default=None)
    return resolved, pd.Series(problem, index=ids.index, dtype=object)


def check_assessments(tf: TabFrame, frame: pd.DataFrame, recs_tf: TabFrame, recs: pd.DataFrame,
                      settings: Settings) -> None:
    """Status columns, references to Recommendations, and newest assessment vs the Status column."""
    vocab = settings.status_vocabulary
    frame["status"] = tf.choice("status", vocab, IssueCode.UNKNOWN_STATUS, strict=True)
    frame["government_status"] = tf.choice("government_status", vocab, IssueCode.UNKNOWN_STATUS, strict=False)
    codes = _id_codes(recs, frame["rec_id"])
    resolved, problems = resolve_cycles(frame["rec_id"], frame["cycle"], recs, codes)
    for row in problems.index[problems.notna().to_numpy()]:
        rid, cycle, problem = frame.at[row, "rec_id"], frame.at[row, "cycle"], IssueCode(problems[row])
        if problem is IssueCode.UNKNOWN_RECOMMENDATION:
            where = f" in cycle {int(cycle)}" if cycle is not None and not pd.isna(cycle) else ""
            tf.cell_issue(row, "rec_id", rid, problem, variant="assessment", in_cycle=where)
        else:
            tf.cell_issue(row, "rec_id", rid, problem, variant="assessment",
                          cycles=", ".join(map(str, _cycles_of(recs, rid))))
    frame["cycle"] = resolved
    _status_disagreements(tf, frame, recs_tf, recs, codes[0], codes[1])


def _status_disagreements(tf: TabFrame, frame: pd.DataFrame, recs_tf: TabFrame, recs: pd.DataFrame,
                          rec_codes: np.ndarray, id_codes: np.ndarray) -> None:
    """Warn where the newest assessment of a recommendation disagrees with its Status cell.

    The newest assessment is the one with the latest date (then the lowest in the tab) of each
    (recommendation, cycle); the Status cell is that of the first row of the recommendation in the
    cycle. `rec_codes`/`id_codes`: `_id_codes(recs, frame["rec_id"])`.
    """
    if not recs_tf.has("status"):
        return
    usable = (~frame.index.isin(tf.bad_rows) & frame["date"].notna() & frame["status"].notna()
              & frame["cycle"].notna()).to_numpy()
    at = np.flatnonzero(usable)
    if not len(at):
        return
    day_codes, days = pd.factorize(frame["date"].to_numpy(dtype=object)[at])
    day_rank = np.empty(len(days), dtype=np.intp)
    day_rank[np.argsort(np.asarray(days, dtype=object), kind="stable")] = np.arange(len(days))
    keys = id_codes[at] * _CYCLE_SLOTS + frame["cycle"].to_numpy(dtype=float)[at].astype(np.int64)
    latest_last = np.lexsort((frame.index.to_numpy()[at], day_rank[day_codes]))[::-1]
    newest_keys, newest = np.unique(keys[latest_last], return_index=True)  # the first seen from the end
    newest = at[latest_last[newest]]
    typed = recs_tf.text("status")
    current = (recs["cycle"].notna() & (typed != "") & ~recs.index.isin(recs_tf.bad_rows)).to_numpy()
    at_rec = np.flatnonzero(current)
    rec_keys = rec_codes[at_rec] * _CYCLE_SLOTS + recs["cycle"].to_numpy(dtype=object)[at_rec].astype(np.int64)
    current_keys, first = np.unique(rec_keys, return_index=True)
    _, a_pick, r_pick = np.intersect1d(newest_keys, current_keys, assume_unique=True, return_indices=True)
    a_pos, r_pos = newest[a_pick], at_rec[first[r_pick]]
    newest_status = frame["status"].to_numpy(dtype=object)[a_pos]
    current_status = recs["status"].to_numpy(dtype=object)[r_pos]
    differ = np.flatnonzero(newest_status != current_status)
    differ = differ[np.argsort(r_pos[differ], kind="stable")]  # in the order of the Recommendations tab
    a_pos, r_pos = a_pos[differ], r_pos[differ]
    letter = tf.letters.get("status", "")
    where = [f"{tf.title}!{letter}{row}" for row in frame.index.to_numpy()[a_pos].tolist()]
    recs_tf.cell_issues("status", IssueCode.STATUS_DISAGREES, recs.index.to_numpy()[r_pos].tolist(),
                        typed.to_numpy(dtype=object)[r_pos].tolist(),
                        each={"current": current_status[differ].tolist(), "newest": newest_status[differ].tolist(),
                              "date": frame["date"].to_numpy(dtype=object)[a_pos].tolist(), "where": where})


def check_indicators(tf: TabFrame, frame: pd.DataFrame, recs: pd.DataFrame) -> None:
    """Unique indicator ids, existing recommendation ids, numeric baseline/target for quantitative ones."""
    flag_duplicates(tf, frame, ["indicator_id"], "indicator_id", IssueCode.DUPLICATE_ID, "Indicator ID", "")
    exploded = frame["rec_ids"].explode().dropna()
    if not exploded.empty:
        _, problems = resolve_cycles(exploded.astype(object), frame.loc[exploded.index, "cycle"], recs)
        for (row, rid), problem in zip(exploded.items(), problems):
            if problem is None:
                continue
            cycle = frame.at[row, "cycle"]
            tf.cell_issue(row, "rec_ids", "; ".join(frame.at[row, "rec_ids"]), IssueCode(problem), variant="indicator",
                          rid=rid, for_cycle=" for this cycle" if cycle is not None and not pd.isna(cycle) else "")
    quantitative = frame["type"].fillna("").ne("Qualitative")
    for key in ("baseline", "target"):
        numbers = {t: C.parse_number(t) if t else None for t in frame[key].unique()}
        values = frame[key].map(numbers.__getitem__)
        frame[f"{key}_value"] = values
        for row in frame.index[quantitative & (frame[key] != "") & values.isna()]:
            tf.cell_issue(row, key, frame.at[row, key], IssueCode.BAD_NUMBER, variant="indicator")


def check_measurements(tf: TabFrame, frame: pd.DataFrame, ind_tf: TabFrame | None,
                       indicators: pd.DataFrame | None) -> None:
    """Each measurement names an existing indicator; quantitative indicators need numeric values."""
    known: dict[str, str] = {}
    if indicators is not None:
        known = dict(zip(indicators["indicator_id"], indicators["type"].fillna("Quantitative")))
    numbers = {v: C.parse_number(v) if v else None for v in frame["value"].unique()}
    frame["numeric_value"] = pd.to_numeric(frame["value"].map(numbers), errors="coerce")
    kinds = frame["indicator_id"].map(known)
    unknown = frame["indicator_id"].ne("") & kinds.isna()
    not_number = kinds.eq("Quantitative") & frame["value"].ne("") & frame["numeric_value"].isna()
    for row in frame.index[unknown.to_numpy()]:
        iid = frame.at[row, "indicator_id"]
        hint = C.suggest(iid, list(known))
        tf.cell_issue(row, "indicator_id", iid, IssueCode.UNKNOWN_INDICATOR, did=did_you_mean(hint))
    for row in frame.index[not_number.to_numpy()]:
        value, iid = frame.at[row, "value"], frame.at[row, "indicator_id"]
        tf.cell_issue(row, "value", value, IssueCode.BAD_NUMBER, variant="measurement", indicator=iid)
