"""Workbooks written the way other tools write them, and hostile ones, with their XML written by hand.

openpyxl always writes one dialect (inline strings, a correct `<dimension>`, a styles part). Files from Excel,
LibreOffice, Google Sheets' "Download as .xlsx", Apache POI's streaming writer or the OpenXML SDK differ:
shared strings, a stale or missing `<dimension>`, no styles part, namespace prefixes, upper-case date formats.
`write_workbook` writes those variants from plain rows; `FormulaError` marks a cell holding a formula error.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
EPOCH = datetime(1899, 12, 30)
# Each tool's way of writing the root element and a row (LibreOffice spells every row attribute out).
FLAVOURS = {
    "excel": ('<worksheet xmlns="{main}" xmlns:r="{rel}">', '<row r="{r}" spans="1:{n}">'),
    "libreoffice": ('<worksheet xmlns="{main}" xmlns:r="{rel}" xmlns:mc="http://schemas.openxmlformats.org/'
                    'markup-compatibility/2006"><sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/>'
                    '</sheetPr>', '<row r="{r}" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
                    'outlineLevel="0" collapsed="false">'),
    "google": ('<worksheet xmlns="{main}" xmlns:r="{rel}"><sheetPr><outlinePr summaryBelow="0" summaryRight="0"/>'
               '</sheetPr>', '<row r="{r}">'),
    "poi-streaming": ('<worksheet xmlns="{main}" xmlns:r="{rel}">', '<row r="{r}">'),
    "prefixed": ('<x:worksheet xmlns:x="{main}" xmlns:r="{rel}">', '<x:row r="{r}">'),
}
DATE_FORMATS = {"excel": "yyyy\\-mm\\-dd", "libreoffice": "YYYY\\-MM\\-DD", "google": "yyyy-mm-dd",
                "poi-streaming": "dd/mm/yyyy", "prefixed": "d mmm yyyy"}


@dataclass(frozen=True)
class FormulaError:
    """A cell whose formula evaluates to an error, e.g. `#REF!`."""

    text: str


def column(index: int) -> str:
    """Column letters of a 0-based index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, shared: dict[str, int] | None, styles: bool, p: str) -> str:
    if value is None:
        return ""
    if isinstance(value, FormulaError):
        return f'<{p}c r="{ref}" t="e"><{p}f>1/0</{p}f><{p}v>{value.text}</{p}v></{p}c>'
    if isinstance(value, bool):
        return f'<{p}c r="{ref}" t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, date):
        if not styles:  # no styles part to say "this number is a date": an ISO date cell
            return f'<{p}c r="{ref}" t="d"><{p}v>{value.isoformat()}</{p}v></{p}c>'
        serial = (datetime(value.year, value.month, value.day) - EPOCH).days
        return f'<{p}c r="{ref}" s="1"><{p}v>{serial}</{p}v></{p}c>'
    if isinstance(value, int | float):
        return f'<{p}c r="{ref}"><{p}v>{value!r}</{p}v></{p}c>'
    if shared is None:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t{space}>{escape(value)}</{p}t></{p}is></{p}c>'
    index = shared.setdefault(value, len(shared))
    return f'<{p}c r="{ref}" t="s"><{p}v>{index}</{p}v></{p}c>'


def sheet_xml(rows: list[list[Any]], *, flavour: str = "excel", dimension: str | None = "auto",
              shared: dict[str, int] | None = None, styles: bool = True) -> str:
    """One worksheet part; `dimension` "auto" (the true extent), a stale ref such as "A1", or None (left out)."""
    root, row_tag = FLAVOURS[flavour]
    p = "x:" if flavour == "prefixed" else ""
    width = max((len(r) for r in rows), default=1)
    if dimension == "auto":
        dimension = f"A1:{column(width - 1)}{max(len(rows), 1)}"
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', root.format(main=MAIN, rel=REL)]
    if dimension:
        out.append(f'<{p}dimension ref="{dimension}"/>')
    out.append(f"<{p}sheetData>")
    for r, row in enumerate(rows, start=1):
        if all(v is None for v in row):
            continue
        out.append(row_tag.format(r=r, n=len(row)))
        out.extend(_cell(f"{column(c)}{r}", v, shared, styles, p) for c, v in enumerate(row))
        out.append(f"</{p}row>")
    out.append(f"</{p}sheetData></{p}worksheet>")
    return "".join(out)


def _styles(flavour: str) -> str:
    code = quoteattr(DATE_FORMATS[flavour])
    return (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="1">'
            f'<numFmt numFmtId="164" formatCode={code}/></numFmts><fonts count="1"><font><sz val="10"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>")


def _shared_xml(shared: dict[str, int]) -> str:
    items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">{items}</sst>')


def package(path: Path, sheets: dict[str, str], *, shared: str | None = None, styles: str | None = None,
            extra: dict[str, bytes] | None = None, workbook_prefix: str = "") -> Path:
    """Zip worksheet parts (title → XML) into a workbook with its relationships and content types."""
    overrides = [("/xl/workbook.xml", f"{OFFICE}.sheet.main+xml")]
    rels = [f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)]
    entries = {}
    for i, xml in enumerate(sheets.values(), start=1):
        entries[f"xl/worksheets/sheet{i}.xml"] = xml
        overrides.append((f"/xl/worksheets/sheet{i}.xml", f"{OFFICE}.worksheet+xml"))
    if shared is not None:
        entries["xl/sharedStrings.xml"] = shared
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
        overrides.append(("/xl/sharedStrings.xml", f"{OFFICE}.sharedStrings+xml"))
    if styles is not None:
        entries["xl/styles.xml"] = styles
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>')
        overrides.append(("/xl/styles.xml", f"{OFFICE}.styles+xml"))
    p = workbook_prefix
    listed = "".join(f'<{p}sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(sheets, 1))
    ns = f"xmlns:{p[:-1]}" if p else "xmlns"
    entries["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {ns}="{MAIN}" '
                                  f'xmlns:r="{REL}"><{p}sheets>{listed}</{p}sheets></{p}workbook>')
    entries["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'
    entries["_rels/.rels"] = (f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                              'Target="xl/workbook.xml"/></Relationships>')
    types = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    entries["[Content_Types].xml"] = (
        f'<Types xmlns="{CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{types}</Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        first = ("[Content_Types].xml", "_rels/.rels")
        for name in (*first, *sorted(set(entries) - set(first))):
            book.writestr(name, entries[name])
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return path


def write_workbook(path: Path, tabs: dict[str, list[list[Any]]], *, flavour: str = "excel",
                   strings: str = "shared", dimension: str | None = "auto", styles: bool = True) -> Path:
    """A workbook as `flavour` writes it: shared or inline strings, a true, stale or missing dimension."""
    shared: dict[str, int] | None = {} if strings == "shared" else None
    sheets = {title: sheet_xml(rows, flavour=flavour, dimension=dimension, shared=shared, styles=styles)
              for title, rows in tabs.items()}
    return package(path, sheets, shared=_shared_xml(shared) if shared is not None else None,
                   styles=_styles(flavour) if styles else None,
                   workbook_prefix="x:" if flavour == "prefixed" else "")
