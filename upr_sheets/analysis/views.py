"""Pure tables for the pages: issues, quarantined rows, recommendations as display text (no Streamlit, no I/O).

Tables a page shows as they are (st.table) get headers in the current interface language. Tables a page
keeps working with (search results, recommendation tables) keep the English labels below as column names,
and the page translates them where it shows them (its column_config): sheet text is never translated.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from upr_sheets.core import i18n
from upr_sheets.core.contract import TABS, canonical
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from . import issue_text, quality

REC_COLUMNS = {"id": N_("ID"), "cycle": N_("Cycle"), "text": N_("Recommendation"), "response": N_("Response"),
               "status": N_("Status"), "government_status": N_("Government status"),
               "states": N_("Recommending States"), "themes": N_("Themes"), "ministries": N_("Ministries"),
               "working_group": N_("Working group")}
DETAIL_FIELDS = {"themes": N_("Themes"), "ministries": N_("Ministries"), "working_group": N_("Working group"),
                 "priority": N_("Priority"), "action_category": N_("Action category"), "sdgs": N_("SDGs"),
                 "last_assessed": N_("Last assessed")}
# The McMahon / UPR Info action categories (the sheet holds their number), named where they are shown.
ACTION_CATEGORIES = {"1": N_("minimal action"), "2": N_("continuing action"), "3": N_("considering action"),
                     "4": N_("general action"), "5": N_("specific action")}
VOCABULARY_KEYS = frozenset({"response", "status", "government_status", "priority"})  # translated where shown
SEVERITIES = {"error": N_("Error"), "warning": N_("Warning")}
_SEVERITY_ORDER = {"error": 0, "warning": 1}
MAX_TABLE_ROWS = 200  # issues shown as a wrapped table per tab; more go to a scrollable grid
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=@/])")  # Markdown, Streamlit directives, LaTeX
_AUTOLINK = re.compile(r"(?i)(www|\\:|\\@)")  # GFM autolinks www., scheme:// and e-mail addresses
_ZWSP = "\u200b"


def plain_md(text: object) -> str:
    """Text escaped so Markdown shows it literally (no links, emphasis, HTML, icons or LaTeX)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return _AUTOLINK.sub(lambda m: _ZWSP + m.group(0), escaped).replace("\n", "  \n")


def text_of(value: object) -> str:
    """A cell value as display text: tuples joined with `; `, blanks and NaN/NaT as ``."""
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def issues_by_tab(dataset: Dataset) -> list[tuple[str, pd.DataFrame]]:
    """(tab, its issues sorted by severity, code and row) for every tab with issues, in sheet order."""
    table = quality.issues_table(dataset)
    if table.empty:
        return []
    rows = pd.Series([i.row for i in dataset.issues], index=table.index)
    table = table.assign(_sev=table["severity"].map(_SEVERITY_ORDER).fillna(2), _row=rows)
    out = []
    for sheet in dict.fromkeys(table["sheet"]):
        part = table.loc[table["sheet"] == sheet].sort_values(["_sev", "code", "_row"], kind="stable")
        out.append((sheet, part.drop(columns=["sheet", "_sev", "_row"]).reset_index(drop=True)))
    return out


def severity_text(severity: object) -> str:
    """`error` / `warning` in the interface language."""
    return _(SEVERITIES[severity]) if severity in SEVERITIES else str(severity).capitalize()


def md_with_code(text: str) -> str:
    """A message for Markdown: its `backticked` parts (values as typed) as code spans, the rest escaped.

    Inside a code span nothing is interpreted, so sheet text stays inert; text with an odd number of backticks
    is escaped whole."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return plain_md(text)
    return "".join(plain_md(part) if n % 2 == 0 else (f"`{part}`" if part.strip() else plain_md(f"`{part}`"))
                   for n, part in enumerate(parts))


def quoted(text: str) -> str:
    """A message for a plain-text grid: `backticks` become quotation marks."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return text
    return "".join(part if n % 2 == 0 else f"“{part}”" for n, part in enumerate(parts))


def localized_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues with their message (issue_text.localized) and severity in the interface language."""
    messages = [issue_text.localized(code, sev, " ".join(str(m).split()))
                for code, sev, m in zip(issues["code"], issues["severity"], issues["message"], strict=True)]
    return issues.assign(message=messages, severity=[severity_text(s) for s in issues["severity"]])


def issue_grid(issues: pd.DataFrame) -> pd.DataFrame:
    """One tab's issues for a scrollable grid (st.dataframe): localized, backticks as quotation marks."""
    shown = localized_issues(issues)
    return shown.assign(message=[quoted(m) for m in shown["message"]])


def issue_summary(dataset: Dataset) -> pd.DataFrame:
    """quality.issue_groups with the severity in the interface language."""
    groups = quality.issue_groups(dataset)
    return groups.assign(severity=[severity_text(s) for s in groups["severity"]])


def readable_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """One tab's issues for a wrapped Markdown table (st.table): every cell escaped, cells linked to the sheet,
    the message in the interface language with values as typed in code spans, the code last and small."""
    cells = [plain_md(cell or _("(whole tab)")) for cell in issues["cell"]]
    links = issues["link"] if "link" in issues else [None] * len(issues)
    shown = localized_issues(issues)
    return pd.DataFrame({
        _("Cell"): [f"[{cell}]({link})" if isinstance(link, str) and link else cell
                    for cell, link in zip(cells, links)],
        _("Severity"): list(shown["severity"]),
        _("What to fix"): [md_with_code(m) for m in shown["message"]],
        _("Code"): [f"`{code}`" if code and "`" not in code else plain_md(code) for code in issues["code"]],
    })


def quarantine_tables(dataset: Dataset, settings: Settings) -> list[tuple[str, pd.DataFrame]]:
    """(tab, its quarantined rows as typed) per tab; private tabs and private columns are left out."""
    private_tabs = {canonical(t) for t in settings.privacy.private_tabs}
    private = {canonical(c) for c in settings.privacy.private_columns}
    out = []
    for tab in TABS:
        frame = dataset.quarantine.get(tab.key)
        if frame is None or frame.empty or tab.private or canonical(tab.title) in private_tabs:
            continue
        hidden = {canonical(name) for col in tab.columns if canonical(col.header) in private
                  for name in (col.header, *col.aliases)}
        keep = [c for c in frame.columns if canonical(str(c)) not in hidden]
        title = dataset.tabs[tab.key].title if tab.key in dataset.tabs else ""
        out.append((title or tab.title, frame[keep].rename(columns={"row": _("Row"), "codes": _("Issue codes")})))
    return out


def _vocabulary(values: list[str]) -> list[str]:
    """Words of a fixed vocabulary (responses, statuses, priorities) in the interface language, once per value."""
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return values
    shown = {value: _(value) for value in set(values)}
    return [shown[value] for value in values]


def display_frame(frame: pd.DataFrame, vocabulary: tuple[str, ...] = (), dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """`frame` with its `vocabulary` columns (statuses, responses, types …) in the interface language and its `dates`
    as dates, for st.dataframe: a grid would show fixed words in English otherwise. A grid shows a date as
    2026-10-25, readable in every language, and sorts it as a date (localized text would sort "1 Jan" before
    "3 Dec"). Blanks stay blank; other columns are left as they are."""
    out = frame.copy()
    for column in vocabulary:
        if column in out:
            out[column] = _vocabulary([text_of(v) for v in out[column]])
    for column in dates:
        if column in out:
            out[column] = pd.Series([_date(v) for v in out[column]], index=out.index, dtype=object)
    return out


def _date(value: object) -> date | None:
    """A cell as a date (a grid's date column), None when blank or not a date."""
    if not text_of(value):
        return None
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def translated_text(recs: pd.DataFrame) -> list[str]:
    """Each recommendation's text in the interface language where the sheet has it (the optional
    `Recommendation (km)` / `(fr)` columns), else as typed."""
    original = [text_of(v) for v in recs["text"]] if "text" in recs else [""] * len(recs)
    column = f"text_{i18n.current()}"
    if column not in recs:
        return original
    return [text_of(t) or o for t, o in zip(recs[column], original, strict=True)]


def text_and_original(fields: Mapping) -> tuple[str, str | None]:
    """(the text in the interface language, the original when that is a translation, else None) of one
    recommendation's fields."""
    original = text_of(fields.get("text"))
    translation = text_of(fields.get(f"text_{i18n.current()}"))
    return (translation, original) if translation and translation != original else (original, None)


def recommendation_table(recs: pd.DataFrame, columns: Mapping[str, str] = REC_COLUMNS) -> pd.DataFrame:
    """Recommendations as display text, one column per key of `columns` named by its label; the cycle stays a number.

    Response, status and priority words are shown in the interface language, and so is the text where the sheet
    has a translation of it; other sheet text stays as typed."""
    def values(key: str) -> list[str]:
        if key == "text":
            return translated_text(recs)
        return [text_of(v) for v in recs[key]] if key in recs else [""] * len(recs)

    shown = pd.DataFrame({label: (_vocabulary if key in VOCABULARY_KEYS else list)(values(key))
                          for key, label in columns.items()})
    if "cycle" in columns:
        shown[columns["cycle"]] = pd.array(recs["cycle"], dtype="Int64") if len(recs) else pd.array([], dtype="Int64")
    return shown


_COLOUR = re.compile(r"^#[0-9A-Fa-f]{3,8}$")


def rec_key(cycle: object, rec_id: object) -> str:
    """A recommendation's address in a link (`?rec=2-118.17`): its cycle and ID."""
    return f"{text_of(cycle)}-{text_of(rec_id)}"


def parse_rec_key(value: object) -> tuple[int, str] | None:
    """(cycle, ID) from `rec_key`'s text, or None when it is not one."""
    cycle, _sep, rec_id = str(value or "").partition("-")
    return (int(cycle), rec_id) if cycle.isdigit() and rec_id else None


def rows_html(recs: pd.DataFrame, settings: Settings, href: str | None = None) -> str:
    """Recommendations as readable rows for a phone: ID (a link to its detail when `href` is given, a URL ending in
    `?rec=`), the status with its colour, the text wrapped (in the interface language where the sheet has it),
    the recommending States. Every value is HTML-escaped: sheet text never becomes markup."""
    colours = settings.status_colours
    items = []
    for (_n, row), text in zip(recs.iterrows(), translated_text(recs), strict=True):
        status = text_of(row.get("status"))
        colour = colours.get(status, "#B0B0B0")
        colour = colour if _COLOUR.match(colour) else "#B0B0B0"
        rec_id = html.escape(text_of(row.get("id")))
        ident = (f'<a href="{html.escape(href + rec_key(row.get("cycle"), row.get("id")))}" target="_self">{rec_id}</a>'
                 if href is not None else rec_id)
        states = html.escape(text_of(row.get("states")))
        items.append(
            f'<li class="upr-row" style="border-left-color:{colour}"><div class="upr-head"><b>{ident}</b>'
            f'<span class="upr-status"><span class="upr-dot" style="background:{colour}"></span>'
            f"{html.escape(_(status) if status else '–')}</span></div>"
            f'<div class="upr-text">{html.escape(text)}</div>'
            + (f'<div class="upr-states">{states}</div>' if states else "") + "</li>")
    return '<ul class="upr-rows">' + "".join(items) + "</ul>"


def detail_choices(found: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(cycle, ID, text) of each row of a search_recommendations result, for a picker."""
    return list(zip(found["Cycle"].astype(int), found["ID"], found["Recommendation"], strict=True))


def search(dataset: Dataset, query: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(search_recommendations' display table, the same recommendations as the dataset holds them), in one order."""
    recs = dataset.recommendations
    shown = recommendation_table(recs)
    words = query.casefold().split()
    if not words:
        return shown.reset_index(drop=True), recs
    english = [[text_of(v) for v in recs[key]] if key in recs else [""] * len(recs)
               for key in ("text", "response", "status", "government_status")]
    haystack = shown.astype(str).agg(" ".join, axis=1)
    haystack = (haystack + " " + pd.Series([" ".join(parts) for parts in zip(*english, strict=True)],
                                           index=shown.index, dtype=str)).str.casefold()
    mask = pd.Series(True, index=shown.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    exact = shown["ID"].str.casefold().eq(query.strip().casefold()).to_numpy()
    keep = np.flatnonzero(mask.to_numpy() | exact)
    keep = keep[np.argsort(~exact[keep], kind="stable")]  # exact ID matches first, then in sheet order
    return shown.iloc[keep].reset_index(drop=True), recs.iloc[keep]


def search_rows(dataset: Dataset, query: str = "") -> pd.DataFrame:
    """The recommendations `search` finds, as the dataset holds them (all of them, as they are, without a query)."""
    return search(dataset, query)[1] if query.split() else dataset.recommendations


def search_recommendations(dataset: Dataset, query: str = "") -> pd.DataFrame:
    """Recommendations that hold every word of the query (any case) in any text a reader sees in the table, as
    display text: ID, text (and its original when a translation is shown), response, statuses (in the interface
    language and in English), States, themes, ministries, working group. Rows whose ID is the query come first."""
    return search(dataset, query)[0]


def action_category(value: object) -> str:
    """`4 · general action` (named in the interface language) for an action category, else the value as text."""
    text = text_of(value)
    return f"{text} · {_(ACTION_CATEGORIES[text])}" if text in ACTION_CATEGORIES else text


def field_text(key: str, value: object) -> str:
    """A recommendation's field as display text in the interface language: fixed words translated, dates localized,
    the action category named; sheet text as typed."""
    if key in VOCABULARY_KEYS:
        return _(text_of(value)) if text_of(value) else ""
    if key == "action_category":
        return action_category(value)
    if isinstance(value, date | pd.Timestamp) and not pd.isna(value):
        return i18n.day(value)
    return text_of(value)


def detail_table(fields: dict) -> list[dict[str, str]]:
    """[{Field, Value}] of a recommendation's filled-in secondary fields (named in the current language), escaped
    for st.table (Markdown)."""
    rows = [(_(label), field_text(key, fields.get(key))) for key, label in DETAIL_FIELDS.items()]
    return [{"Field": label, "Value": plain_md(value)} for label, value in rows if value]
