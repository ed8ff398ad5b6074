"""Turn the recommendations of a UN Working Group report (plain text) into Recommendations rows.

A report lists its recommendations under numbered paragraphs whose opening sentence gives the
response ("… enjoy the support of X", "… will be examined by X", "… were noted"). Two layouts occur:
sub-numbered items (`118.17 Establish … (Belgium);`) and, in older reports, items numbered 1, 2, 3 …
inside one paragraph, where a cluster of related recommendations shares one official number.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from upr_sheets.core.contract import RECOMMENDATIONS

ID, CYCLE, TEXT, STATES, RESPONSE = (RECOMMENDATIONS.column(key).header
                                     for key in ("id", "cycle", "text", "states", "response"))
HEADERS: tuple[str, ...] = (ID, CYCLE, TEXT, STATES, RESPONSE)

_SUB_MARKER = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?(?:\s+(.*))?$")
_PARA_MARKER = re.compile(r"^(\d{1,3})\.(?:(\s+)(.*))?$")
_NOISE = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:page\s+)?\d{1,3}$",  # page number
    r"^(?:\d{1,3}\s+)?GE\.\d{2}-\d{3,6}\b.*$",  # UN job number footer
    r"^\*\d{5,}\*$",  # bar-code text
    r"^(?:A|E|CRC|CCPR|CERD|CEDAW)/[A-Z0-9./]+(?:\s+page\s+\d+)?$",  # document symbol header
    r"^\d{1,2}\s+(?:A|E|CRC|CCPR|CERD|CEDAW)/\S+.*$",  # footnote citing a document
    r"^\d{1,2}\s+(?:see|available|https?:|www\.)\S*.*$",  # other footnote
)]
_FOOTNOTE_REF = re.compile(r"(?<=[a-z)”’])\d{1,2}(?=[\s;,.:]|$)")
_END = re.compile(r"^(?:annex|appendix)\b", re.IGNORECASE)
_CUES: tuple[tuple[str, str], ...] = (
    (r"\b(?:did|do|does)\s+not\s+enjoy\b|\bnot\s+supported\b", "Noted"),
    (r"\bwill\s+be\s+examined\b|\bwill\s+examine\b|\bwill\s+be\s+considered\b|\bwill\s+provide\s+responses\b",
     "Pending"),
    (r"\benjoys?\s+the\s+support\b|\bare\s+supported\b|\bhave\s+been\s+accepted\b|\baccepted\s+by\b", "Accepted"),
    (r"\bnoted\b|\btake\s+note\b|\btook\s+note\b", "Noted"),
)


@dataclass
class _List:
    para: int
    response: str
    sub_numbered: bool
    last: int = 0
    items: list[tuple[str, list[str]]] = field(default_factory=list)
    merged: dict[str, int] = field(default_factory=dict)  # item id → numbered parts merged into it (clusters)


def response_of(heading: str) -> str | None:
    """The response a recommendations paragraph's opening words give, or None when it gives none."""
    low = " ".join(heading.split()).casefold()
    if "recommendation" not in low:
        return None
    for pattern, response in _CUES:
        if re.search(pattern, low):
            return response
    return None


def _clean_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\f", "\n")
    return [line for line in text.split("\n")
            if line.strip() and not any(p.match(line.strip()) for p in _NOISE)]


def _join(parts: list[str]) -> str:
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and part[:1].islower() and not out.endswith(" -"):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return _FOOTNOTE_REF.sub("", " ".join(out.split()))


def _closing_group(text: str) -> tuple[int, int] | None:
    """Span of the balanced parenthesised group that ends `text`, if it ends with one."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return i, len(text)
    return None


def _is_state_group(inner: str) -> bool:
    return any(ch.islower() for ch in inner) and not re.match(r"^\d|^(?:see|e\.g\.|i\.e\.)", inner)


def _split_states(inner: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in inner:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch in ",;" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [" ".join(p.split()) for p in parts if p.strip()]


def split_states(item: str) -> tuple[str, list[str]]:
    """(recommendation text, recommending States) of one item; inner clusters keep their own States in the text."""
    body = item.strip().rstrip(";,. ").rstrip()
    if body.endswith(" and") or body.endswith(" or"):
        body = body.rsplit(" ", 1)[0]
    states: list[str] = []
    for segment in re.split(r"(?<=\))\s*;\s*", body):
        segment = segment.strip().rstrip(",.")
        span = _closing_group(segment)
        if span and _is_state_group(inner := segment[span[0] + 1:span[1] - 1]):
            states += [s for s in _split_states(inner) if s not in states]
    span = _closing_group(body)
    text = body
    if span and _is_state_group(body[span[0] + 1:span[1] - 1]):
        text = body[:span[0]].rstrip().rstrip(",;").rstrip()
    return text, states


def _rows(block: _List, cycle: int) -> list[dict]:
    rows = []
    for rec_id, parts in block.items:
        text, states = split_states(_join(parts))
        if text:
            rows.append({ID: rec_id, CYCLE: cycle, TEXT: text, STATES: "; ".join(states), RESPONSE: block.response})
    return rows


def _misprint(printed: str, expected: int) -> bool:
    """True when a printed item number is the expected one with a digit dropped (`118.09` for 118.109)."""
    want = str(expected)
    return len(printed) == len(want) - 1 and any(want[:i] + want[i + 1:] == printed for i in range(len(want)))


def _ends(block: _List, line: str) -> bool:
    """True when a line closes the list: the report's next paragraph, or an annex."""
    para = _PARA_MARKER.match(line)
    sub = _SUB_MARKER.match(line)
    nxt = (int(para[1]) if para else int(sub[1]) if sub else 0)
    return bool(_END.match(line)) or block.para < nxt <= block.para + 3


def _add(block: _List, raw: str, line: str) -> bool:
    """Start an item of the list with this line when it carries the next number; False otherwise."""
    if block.sub_numbered:
        sub = _SUB_MARKER.match(line)
        if not sub or int(sub[1]) != block.para:
            return False
        number = int(sub[2])
        if not block.last < number <= block.last + 3:
            if not _misprint(sub[2], block.last + 1):
                return False
            number = block.last + 1
        block.last = number
        block.items.append((f"{block.para}.{number}", [sub[3] or ""]))
        return True
    para = _PARA_MARKER.match(line)
    if not para or int(para[1]) != block.last + 1:
        return False
    block.last += 1
    rest = para[3] or ""
    # A cluster's later parts start in lower case, or (as PDF-to-text renders them) carry a bare
    # number without the trailing space a new item's number has.
    continuation = rest[:1].islower() or (not rest and not para[2] and not raw.endswith(" "))
    if continuation and block.items:
        block.items[-1][1].append(rest)
        block.merged[block.items[-1][0]] = block.merged.get(block.items[-1][0], 1) + 1
    else:
        block.items.append((f"{block.para}.{len(block.items) + 1}", [rest]))
    return True


def _opens(heading: tuple[int, list[str]] | None, line: str) -> _List | None:
    """The list a heading paragraph opens when this line is its first item."""
    if heading is None:
        return None
    number, words = heading
    sub = _SUB_MARKER.match(line)
    para = _PARA_MARKER.match(line)
    starts_sub = sub is not None and int(sub[1]) == number and int(sub[2]) == 1
    starts_local = sub is None and para is not None and int(para[1]) == 1
    response = response_of(" ".join(words)) if starts_sub or starts_local else None
    if not response:
        return None
    first = (sub[3] if starts_sub else para[3]) or ""  # type: ignore[index]
    return _List(number, response, starts_sub, last=1, items=[(f"{number}.1", [first])])


def parse_wg_report(text: str, cycle: int) -> list[dict]:
    """Recommendations of a Working Group report as rows {ID, Cycle, Recommendation, Recommending States, Response}."""
    return parse_report(text, cycle)[0]


def _doubts(block: _List) -> list[str]:
    """Where the parse of a list is uncertain, for a person to check against the report."""
    if block.sub_numbered:
        return []
    first, last = block.items[0][0], block.items[-1][0]
    notes = [f"{first}–{last}: the report numbers these items 1, 2, 3 … inside paragraph {block.para}; the IDs "
             "were made by counting them, so check them against the official list before relying on them."]
    for rec_id, parts in block.merged.items():
        notes.append(f"{rec_id}: {parts} numbered items of the report were read as one clustered recommendation; "
                     "split the row by hand if the official list counts them separately.")
    for rec_id, parts in block.items:
        inner = _inner_recommendations(_join(parts))
        if inner > 1 and rec_id not in block.merged:
            notes.append(f"{rec_id}: one numbered item holds {inner} recommendations, each with its own State in "
                         "brackets; it is kept as one row, as the report numbers it.")
    return notes


def _inner_recommendations(item: str) -> int:
    """How many `… (State);` recommendations one item strings together."""
    segments = re.split(r"(?<=\))\s*;\s*", item.strip().rstrip(";,. "))
    return sum(1 for seg in segments if (span := _closing_group(seg.strip().rstrip(",.")))
               and _is_state_group(seg.strip().rstrip(",.")[span[0] + 1:span[1] - 1]))


def parse_report(text: str, cycle: int) -> tuple[list[dict], list[str]]:
    """The rows of `parse_wg_report` and the places where the parse is uncertain (cycle-1 clusters)."""
    rows: list[dict] = []
    doubts: list[str] = []
    block: _List | None = None
    heading: tuple[int, list[str]] | None = None
    for raw in _clean_lines(text):
        line = raw.strip()
        if block is not None:
            if _add(block, raw, line):
                continue
            if not _ends(block, line):
                if block.items:
                    block.items[-1][1].append(line)
                continue
            rows += _rows(block, cycle)
            doubts += _doubts(block)
            block = None
        if (opened := _opens(heading, line)) is not None:
            block, heading = opened, None
            continue
        para = _PARA_MARKER.match(line)
        if para:
            heading = (int(para[1]), [para[3] or ""])
        elif _SUB_MARKER.match(line):
            heading = None
        elif heading is not None:
            heading[1].append(line)
    if block is not None:
        rows += _rows(block, cycle)
        doubts += _doubts(block)
    return rows, doubts


def write_rows(rows: list[dict], out: Path) -> None:
    """Write rows to .xlsx (a Recommendations tab, IDs as text) or .csv, by the file's suffix."""
    out = Path(out)
    headers = list(HEADERS) + [k for row in rows for k in row if k not in HEADERS]
    headers = list(dict.fromkeys(headers))
    suffix = out.suffix.lower()
    if suffix == ".csv":
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=headers)
            writer.writeheader()
            writer.writerows(rows)
        return
    if suffix != ".xlsx":
        raise OSError(f"{out.name}: write to a .xlsx or .csv file")
    book = Workbook()
    sheet = book.active
    sheet.title = RECOMMENDATIONS.title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    id_col = headers.index(ID) + 1
    for r, row in enumerate(rows, start=2):
        for c, key in enumerate(headers, start=1):
            cell = sheet.cell(row=r, column=c, value=row.get(key))
            if c == id_col:
                cell.number_format = "@"
                cell.value = str(row.get(key, ""))
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (10, 8, 90, 28, 12)):
        sheet.column_dimensions[letter].width = width
    book.save(out)
