"""Imported rows arrive coded: empty Action Category, Themes and Ministries cells get the suggestion, marked.

Only empty cells are filled, so a person's coding is never overwritten; the row's Coded By cell then says
`suggested` and records what was filled (upr_sheets.checks.suggested), so the Data quality page lists the
cells still to review and a member's edit clears the mark. A row whose Coded By cell names a person is
left as it is.
"""

from __future__ import annotations

from upr_sheets.checks.suggested import CODED_KEYS, HEADERS, mark, parse_mark, still_suggested
from upr_sheets.core.contract import RECOMMENDATIONS
from upr_sheets.core.settings import Settings

from .suggest import Suggester, Suggestion

TEXT = RECOMMENDATIONS.column("text").header
CODED_BY = RECOMMENDATIONS.column("coded_by").header


def _blank(value: object) -> bool:
    return value is None or not str(value).strip()


def _values(suggestion: Suggestion) -> dict[str, str]:
    """Contract key → the text a suggestion writes in that cell ("" when it has nothing to say)."""
    return {"action_category": str(suggestion.action_category), "themes": "; ".join(suggestion.themes),
            "ministries": "; ".join(suggestion.ministries)}


def fill_empty(rows: list[dict], settings: Settings | None, suggester: Suggester | None = None) -> int:
    """Fill the empty coding cells of rows keyed by header, in place; how many rows got a suggestion."""
    suggester = suggester or Suggester(settings)
    filled_rows = 0
    columns = [c.header for c in RECOMMENDATIONS.columns if c.key in (*CODED_KEYS, "coded_by")]
    for row in rows:
        for header in columns:  # the same columns, in the contract's order, in every row
            row.setdefault(header, None)
        coded_by = row.get(CODED_BY)
        earlier = parse_mark(coded_by)
        if not _blank(coded_by) and not earlier:
            continue  # a person coded this row
        if _blank(row.get(TEXT)):
            continue
        values = _values(suggester.suggest(str(row[TEXT])))
        filled = {key: value for key, value in values.items() if value and _blank(row.get(HEADERS[key]))}
        if not filled:
            continue
        for key, value in filled.items():
            row[HEADERS[key]] = int(value) if key == "action_category" else value
        row[CODED_BY] = mark({key: filled.get(key) or earlier.get(key, "") for key in CODED_KEYS})
        filled_rows += 1
    return filled_rows


def detail_suggestion(rec: dict, settings: Settings) -> dict:
    """What a recommendation's detail shows: the suggestion for its text, why, and the cells still to review."""
    found = Suggester(settings).suggest(str(rec.get("text") or ""))
    return {"action_category": found.action_category, "themes": found.themes, "ministries": found.ministries,
            "issues": found.issues, "why": found.why, "to_review": [HEADERS[k] for k in still_suggested(rec)]}
