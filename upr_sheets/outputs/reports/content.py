"""What every kind of report shares: choosing the data, the cycle and a name, and turning rows into tables.

Pure: a Dataset in, display text out. Interface text goes through `_()` (English msgids) and numbers
and dates through `i18n`, so callers run these inside `i18n.use(lang)`. Sheet text stays as typed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
import pandas as pd

from upr_sheets.access.redact import public_dataset
from upr_sheets.analysis import metrics, quality
from upr_sheets.analysis.filters import Filters, apply_filters, current_cycle
from upr_sheets.analysis.frames import distinct
from upr_sheets.analysis.views import text_of
from upr_sheets.core import i18n
from upr_sheets.core.contract import VOCABULARIES, canonical
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .model import Table

# Recommendation column → (header msgid, relative width in tables)
COLUMNS: dict[str, tuple[str, float]] = {
    "id": (N_("ID"), 1.2), "text": (N_("Recommendation"), 5.0), "states": (N_("Recommending States"), 1.8),
    "response": (N_("Response"), 1.2), "status": (N_("Coalition's assessment"), 1.3),
    "government_status": (N_("Government says"), 1.3), "last_assessed": (N_("Last assessed"), 1.3),
    "evidence": (N_("Evidence"), 2.6), "themes": (N_("Themes"), 1.8), "ministries": (N_("Ministries"), 2.0),
    "priority": (N_("Priority"), 1.2), "lead_organization": (N_("Lead organisation"), 1.6),
    "internal_notes": (N_("Internal notes"), 2.4), "working_group": (N_("Working group"), 1.6),
    "assessed_by": (N_("Assessed by"), 1.4),
}
TRANSLATED = frozenset({"response", "status", "government_status", "priority"})  # vocabulary labels, not typed text
ID_SHARE = 0.09  # of a table's width for the ID column
WORDS = frozenset({"response", "status", "government_status", "priority"})  # wrap between words, never inside one
WHOLE = frozenset({"id", "last_assessed"})  # never wrap: `118.126`, `3 Dec 2024`
NEEDED = {"priority": None, "status": None, "government_status": None, "states": (), "ministries": (),
          "themes": ()}  # columns the reports reason with → the blank value of a row without it
URGENT = VOCABULARIES["priority"].labels[0]  # `Short-term`: the priority the coalition acts on first


@dataclass(frozen=True)
class Inputs:
    """What a report is built from: the chosen cycle's data (public unless internal) and the context."""

    settings: Settings
    full: Dataset  # every cycle (recurring recommendations compare with the previous one)
    data: Dataset  # the chosen cycle only
    cycle: int | None
    today: date
    internal: bool
    country: str
    absent: frozenset[str] = frozenset()  # columns the data lacks (e.g. made private), added back blank

    @property
    def recs(self) -> pd.DataFrame:
        """The chosen cycle's recommendations."""
        return self.data.recommendations

    @property
    def private(self) -> list[str]:
        """Private recommendation columns shown in an internal copy (none in a public one)."""
        if not self.internal:
            return []
        hidden = quality.private_keys(self.settings.privacy)
        return [c for c in COLUMNS if c in hidden and c in self.recs.columns]


def source_data(dataset: Dataset, settings: Settings, internal: bool) -> Dataset:
    """The data a report may use: the redacted public dataset, or everything for an internal copy."""
    if not internal:
        return dataset if dataset.public else public_dataset(dataset, settings)
    if dataset.public:
        raise OutputError("An internal copy needs the full data; this session only has the public data.")
    return dataset


def cycles_in(dataset: Dataset) -> list[int]:
    """The cycles that have recommendations, ascending."""
    return cycles_in_recs(dataset.recommendations)


def cycles_in_recs(recs: pd.DataFrame) -> list[int]:
    """The cycles of these recommendations, ascending."""
    return sorted(int(c) for c in recs["cycle"].dropna().unique())


def inputs(dataset: Dataset, settings: Settings, cycle: int | None, today: date | datetime | str | None,
           internal: bool, country: str | None) -> Inputs:
    """Inputs for one report: the chosen cycle (default: the current one, filters.current_cycle) cut out of the data."""
    data = source_data(dataset, settings, internal)
    found = cycles_in(data)
    if not found:
        raise OutputError("The sheet has no usable recommendations yet, so there is nothing to report.")
    if cycle is None:
        cycle = current_cycle(data, settings)
    elif cycle not in found:
        raise OutputError(f"Cycle {cycle} has no recommendations in the data. Cycles with recommendations: "
                          f"{', '.join(map(str, found))}.")
    when = pd.Timestamp(today).date() if today is not None else date.today()
    recs = data.recommendations
    absent = frozenset(c for c in NEEDED if c not in recs.columns)
    if absent:  # a column the settings made private: the reports work without it and never show it
        data = replace(data, recommendations=recs.assign(**{c: [NEEDED[c]] * len(recs) for c in absent}))
    return Inputs(settings, data, apply_filters(data, Filters(cycles=(cycle,))), cycle, when, internal,
                  " ".join((country or settings.coalition.country or "").split()), absent)


def resolve(name: str | None, choices: Sequence[str], noun: str, plural: str, option: str) -> str:
    """The choice `name` means (exact, then ignoring case and spacing); else OutputError with a did-you-mean."""
    listed = "; ".join(choices) if choices else "none"
    if not name or not name.strip():
        raise OutputError(f"Name the {noun} with {option}. The {plural} in the data: {listed}.")
    key = canonical(name)
    folded = {canonical(c): c for c in choices}
    if key in folded:
        return folded[key]
    hint = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    inside = [c for k, c in folded.items() if key in k]
    guess = folded[hint[0]] if hint else (inside[0] if len(inside) == 1 else None)
    did = f" Did you mean `{guess}`?" if guess else ""
    raise OutputError(f"`{name}` is not a {noun} in the data.{did} The {plural} in the data: {listed}.")


def values_of(recs: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of a multi-valued column, A–Z."""
    return sorted(distinct(recs[column]) if column in recs else set(), key=lambda v: (str(v).casefold(), str(v)))


def rows_with(recs: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """The recommendations whose `column` holds `value`."""
    return recs.loc[[value in (cell if isinstance(cell, tuple) else ()) for cell in recs[column]]]


def label(value: object) -> str:
    """A vocabulary label (status, response, priority) in the report's language; other text as typed."""
    text = text_of(value)
    return _(text) if text else text


def cell(recs: pd.DataFrame, column: str, last: pd.Series | None = None) -> list[str]:
    """One column of recommendations as display text."""
    if column == "last_assessed":
        values = last if last is not None else recs[column]
        return [i18n.day(None if pd.isna(v) else pd.Timestamp(v), missing=_("Never")) for v in values]
    if column in TRANSLATED:
        return [label(v) for v in recs[column]]
    return [text_of(v) for v in recs[column]]


def rec_table(inp: Inputs, key: str, recs: pd.DataFrame, columns: Sequence[str], *, caption: str = "",
              empty: str = "", last: pd.Series | None = None, extra: Sequence[str] = ()) -> Table:
    """A table of recommendations with the given columns (those absent from the data are left out)."""
    keys = [c for c in (*columns, *extra) if c not in inp.absent
            and (c in recs.columns or (c == "last_assessed" and last is not None))]
    body = [cell(recs, c, last) for c in keys]
    widths = [COLUMNS[c][1] for c in keys]
    if "id" in keys:  # at least ID_SHARE of the width, so that `118.126` stays on one line however many columns
        others = sum(widths) - widths[keys.index("id")]
        widths[keys.index("id")] = max(widths[keys.index("id")], ID_SHARE * others / (1 - ID_SHARE))
    return Table(key, tuple(_(COLUMNS[c][0]) for c in keys), tuple(zip(*body)) if len(recs) else (),
                 tuple(widths), caption=caption, empty=empty,
                 words=tuple(n for n, c in enumerate(keys) if c in WORDS),
                 whole=tuple(n for n, c in enumerate(keys) if c in WHOLE))


def last_assessed(inp: Inputs, recs: pd.DataFrame) -> pd.Series:
    """The newest assessment date of each of `recs` (rows of the chosen cycle), aligned with them."""
    newest = metrics.last_assessed(inp.data)
    newest.index = inp.recs.index
    return newest.loc[recs.index]


def stale(inp: Inputs) -> np.ndarray:
    """Mask over the chosen cycle's recommendations: no assessment in the settings' stale period."""
    return metrics.stale_mask(inp.data, inp.today, inp.settings.dashboard.stale_after_months)


def cycle_label(inp: Inputs) -> str:
    """`Cambodia · UPR cycle 2`, or the cycle alone when no country is given."""
    cycle = _("UPR cycle {n}").format(n=i18n.number(inp.cycle))
    return f"{inp.country} · {cycle}" if inp.country else cycle


def count(n: int) -> str:
    """A count in the current locale."""
    return i18n.number(int(n))


def share(part: int, whole: int) -> str:
    """`48%` of a whole, or `–` when there is nothing to divide by."""
    return i18n.percent(metrics.pct(int(part), int(whole)))


def slug(text: str) -> str:
    """A file-name-safe ASCII form of a name (a short hash when nothing ASCII is left, e.g. Khmer)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    found = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:40].strip("-")
    return found or hashlib.sha1(text.encode()).hexdigest()[:8]


def file_stem(kind: str, inp: Inputs, name: str | None, lang: str) -> str:
    """`upr-ministry-ministry-of-justice-cycle-2-km-internal`."""
    parts = ["upr", kind, *([slug(name)] if name else []), f"cycle-{inp.cycle}"]
    parts += [lang] if lang != i18n.SOURCE_LANGUAGE else []
    parts += ["internal"] if inp.internal else []
    return "-".join(parts)
