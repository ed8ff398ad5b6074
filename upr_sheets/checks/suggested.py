"""Suggested coding still to review: the Recommendations tab's "Coded By" mark.

When `import-report` fills an empty Action Category, Themes or Ministries cell with a suggestion, it
writes in the row's Coded By cell what it suggested, e.g.

    suggested | Action Category: 5 | Themes: Women's rights; Children's rights | Ministries: Ministry of Health

A suggested cell is still to review while it holds the value the mark records. A member's edit clears it:
change the cell (it then differs from the mark), or, to keep the suggestion, replace the Coded By cell
with your name. A person's coding is never marked: only cells the import filled are.
"""

from __future__ import annotations

import pandas as pd

from upr_sheets.core.contract import RECOMMENDATIONS

SUGGESTED = "suggested"
CODED_KEYS = ("action_category", "themes", "ministries")  # the columns a suggestion may fill, in mark order
HEADERS = {key: RECOMMENDATIONS.column(key).header for key in CODED_KEYS}
_KEYS = {header.casefold(): key for key, header in HEADERS.items()}
_SEP = " | "


def _values(text: str) -> tuple[str, ...]:
    return tuple(sorted({v.strip().casefold() for v in str(text).split(";") if v.strip()}))


def mark(filled: dict[str, str]) -> str:
    """The Coded By cell for the cells a suggestion filled (contract key → the text written), or ""."""
    parts = [f"{HEADERS[key]}: {filled[key]}" for key in CODED_KEYS if filled.get(key)]
    return _SEP.join([SUGGESTED, *parts]) if parts else ""


def parse_mark(cell: object) -> dict[str, str]:
    """Contract key → the value the suggestion wrote, from a Coded By cell; {} when it is no suggestion mark."""
    text = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else str(cell).strip()
    parts = text.split("|")
    if parts[0].strip().casefold() != SUGGESTED:
        return {}
    out = {}
    for part in parts[1:]:
        header, sep, value = part.partition(":")
        key = _KEYS.get(header.strip().casefold())
        if sep and key:
            out[key] = value.strip()
    return out


def _cell_text(value: object) -> str:
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def still_suggested(row: pd.Series | dict) -> dict[str, str]:
    """Contract key → value of each cell of a recommendation that still holds the value suggested for it."""
    marked = parse_mark(row.get("coded_by"))
    return {key: value for key, value in marked.items() if _values(_cell_text(row.get(key))) == _values(value)}


def to_review(recommendations: pd.DataFrame) -> pd.DataFrame:
    """[row, cycle, id, column, value]: every suggested cell not yet reviewed, in sheet order."""
    out = []
    if "coded_by" in recommendations:
        flagged = recommendations.loc[recommendations["coded_by"].fillna("").astype(str).str.strip()
                                      .str.casefold().str.startswith(SUGGESTED)]
        for _, rec in flagged.iterrows():
            for key, value in still_suggested(rec).items():
                out.append({"row": int(rec["row"]), "cycle": rec["cycle"], "id": rec["id"], "column": HEADERS[key],
                            "value": value})
    return pd.DataFrame(out, columns=["row", "cycle", "id", "column", "value"])
