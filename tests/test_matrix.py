"""The OHCHR thematic matrix: its rows and cells, and the real XLSX and Word files written from it."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from builders import REC_HEADER, dataset, rec
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from upr_sheets.access.redact import public_dataset
from upr_sheets.analysis.filters import Filters, apply_filters
from upr_sheets.checks.validate import validate
from upr_sheets.core import i18n
from upr_sheets.core.errors import OutputError
from upr_sheets.core.fonts import KHMER_FONT
from upr_sheets.core.settings import DEMO_WORKBOOK
from upr_sheets.outputs.matrix import HEADERS, build_matrix, cycles_in, matrix_docx, matrix_xlsx, natural_key, position
from upr_sheets.sources import read_source

OHCHR_HEADERS = ("Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation")
KHMER = "ធានាសិទ្ធិដីធ្លីរបស់ប្រជាពលរដ្ឋ"


@pytest.fixture(scope="module")
def demo(settings):
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    return public_dataset(validate(read_source("demo", settings), settings), settings)


@pytest.fixture(scope="module")
def matrix(demo):
    return build_matrix(demo, 2)


def small():
    """Four recommendations of cycle 2: two themes, one without theme, every response, assessed and not."""
    return dataset({
        "Recommendations": [REC_HEADER,
                            rec("118.10", "2", "Protect land rights", "France; Japan", "Partially accepted",
                                "Land; Justice", status="Partially implemented", notes="keep an eye"),
                            rec("118.2", "2", KHMER, "Chad", "Accepted", "Land", status="Fully implemented",
                                last_assessed="2024-05-31"),
                            rec("118.3", "2", "Abolish the death penalty", "", "Noted", ""),
                            rec("118.4", "2", "Ratify the Convention", "Chile", "Pending", "Justice"),
                            rec("82.1", "1", "An older one", "Peru", "Accepted", "Land")],
        "Assessments": [["Date", "Cycle", "Recommendation ID", "Status", "Evidence"],
                        ["2025-03-01", "2", "118.10", "Partially implemented", "Law drafted"]]})


def ids_of(rows) -> list[str]:
    return [r.cells[0].split(" ", 1)[0] for r in rows if r.theme is None]


def test_headers_are_ohchrs() -> None:
    assert HEADERS == OHCHR_HEADERS


def test_demo_cycle_two_lists_every_recommendation_once_under_theme_rows(demo, matrix) -> None:
    assert matrix.headers == OHCHR_HEADERS and matrix.cycle == 2 and matrix.recommendations == 205
    ids = ids_of(matrix.rows)
    recs = demo.recommendations.loc[demo.recommendations["cycle"] == 2]
    assert len(ids) == 205 and Counter(ids) == Counter(recs["id"])
    assert Counter(r.cells[1] for r in matrix.rows if r.theme is None) == {"Supported": 163, "Noted": 42}
    headings = [r.theme for r in matrix.rows if r.theme is not None]
    assert headings and all(h.startswith("Theme: ") for h in headings)
    names = [h.removeprefix("Theme: ") for h in headings]
    assert names == sorted(names, key=lambda t: (t.casefold(), t))
    first_theme = {r["id"]: r["themes"][0] for _, r in recs.iterrows()}
    current = None
    for row in matrix.rows:  # each recommendation sits under its first theme
        if row.theme is not None:
            current = row.theme.removeprefix("Theme: ")
        else:
            assert first_theme[row.cells[0].split(" ", 1)[0]] == current
    status = dict(zip(recs["id"], recs["status"]))
    for row in matrix.rows:  # the last column is filled from the coalition's status
        if row.theme is None:
            assert row.cells[3].startswith(status[row.cells[0].split(" ", 1)[0]])


def test_cells_read_as_ohchr_prints_them() -> None:
    m = build_matrix(small())
    assert m.cycle == 2  # the latest cycle by default
    rows = {r.cells[0].split(" ", 1)[0]: r.cells for r in m.rows if r.theme is None}
    assert rows["118.10"][:3] == ("118.10 Protect land rights (France, Japan)", "Supported/Noted", "Land\nJustice")
    assert rows["118.3"][0] == "118.3 Abolish the death penalty"  # no State, no parentheses
    assert rows["118.10"][3] == ("Partially implemented, as of 1\u00a0Mar\u00a02025\nLaw drafted\n"
                                 "Internal Notes: keep an eye")
    assert rows["118.2"][3] == "Fully implemented, as of 31\u00a0May\u00a02024"
    assert rows["118.3"][3] == "No information"
    assert [rows[i][1] for i in ("118.2", "118.3", "118.4")] == ["Supported", "Noted", "Pending"]
    assert [r.theme for r in m.rows if r.theme] == ["Theme: Justice", "Theme: Land", "Theme: (no theme)"]
    assert ids_of(m.rows) == ["118.4", "118.2", "118.10", "118.3"]  # 118.10 under Land, after 118.2


def test_the_public_copy_has_no_internal_line(settings) -> None:
    rows = [r.cells[3] for r in build_matrix(public_dataset(small(), settings)).rows if r.theme is None]
    assert not [c for c in rows if "Internal Notes" in c or "keep an eye" in c]


def test_cycles_filters_and_errors() -> None:
    data = small()
    assert cycles_in(data) == [1, 2] and build_matrix(data, 1).recommendations == 1
    with pytest.raises(OutputError, match="Cycle 3 has no recommendation"):
        build_matrix(data, 3)
    with pytest.raises(OutputError, match="no recommendation"):
        build_matrix(apply_filters(data, Filters(themes=("Nothing",))))
    filtered = build_matrix(apply_filters(data, Filters(themes=("Justice",))), filters=Filters(themes=("Justice",)))
    assert filtered.recommendations == 2 and "Filters applied: Themes: Justice" in filtered.subtitle


def test_natural_order_and_positions() -> None:
    assert sorted(["118.10", "118.2", "118.1", "9.3", "A.1"], key=natural_key) == ["9.3", "118.1", "118.2",
                                                                                   "118.10", "A.1"]
    assert (position("Accepted"), position("Noted"), position(None)) == ("Supported", "Noted", "")


def test_title_and_labels_follow_the_interface_language() -> None:
    """With the French catalogue shipped in upr_sheets/core/locale: French headers and theme rows, data as typed."""
    with i18n.use("fr"):
        m = build_matrix(small())
    assert m.headers[0] == "Recommandation" and m.rows[0].theme == "Thème\u00a0: Justice"
    positions = {r.cells[1] for r in m.rows if r.theme is None}
    assert positions and positions <= {"Acceptée", "Notée", "Acceptée/Notée", "En attente"}
    assert "118.2 " + KHMER + " (Chad)" in [r.cells[0] for r in m.rows if r.theme is None]


# ---- XLSX ----------------------------------------------------------------------------------------------

def test_xlsx_layout(matrix) -> None:
    book = load_workbook(io.BytesIO(matrix_xlsx(matrix)))
    assert book.sheetnames == ["Matrix", "About"]
    sheet = book["Matrix"]
    assert sheet["A1"].value == matrix.title and sheet["A1"].font.b
    assert sheet["A2"].value.startswith("Data as of ")
    assert tuple(c.value for c in sheet[3]) == OHCHR_HEADERS
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    merged = {str(r) for r in sheet.merged_cells.ranges}
    theme_rows = [r for r in range(4, sheet.max_row + 1)
                  if str(sheet.cell(row=r, column=1).value).startswith("Theme: ")]
    assert len(theme_rows) == sum(1 for r in matrix.rows if r.theme is not None)
    for r in theme_rows:
        assert f"A{r}:D{r}" in merged
        assert sheet.cell(row=r, column=1).fill.fgColor.rgb.endswith("D9D9D9") and sheet.cell(row=r, column=1).font.b
    recs = [r for r in range(4, sheet.max_row + 1) if r not in theme_rows]
    assert len(recs) == 205 and all(sheet.cell(row=r, column=4).value for r in recs)
    assert all(sheet.cell(row=r, column=1).alignment.wrap_text for r in recs)
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Copy"].startswith("Public copy")


# ---- DOCX ----------------------------------------------------------------------------------------------

def test_docx_layout(matrix) -> None:
    document = Document(io.BytesIO(matrix_docx(matrix)))
    section = document.sections[0]
    assert section.orientation == 1 and section.page_width > section.page_height  # WD_ORIENT.LANDSCAPE
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == ("UPR recommendations for cycle 2, with the coalition's assessment of implementation")
    assert document.paragraphs[0].style.name == "Heading 1" and paragraphs[1].startswith("Data as of ")
    table = document.tables[0]
    header = table.rows[0]
    assert tuple(c.text for c in header.cells) == OHCHR_HEADERS
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    themes = recs = 0
    for row in table.rows[1:]:
        tcs = {id(c._tc): c for c in row.cells}
        if len(tcs) == 1:  # a theme row: one cell spanning the four columns, shaded
            cell = next(iter(tcs.values()))
            assert cell.text.startswith("Theme: ") and cell._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
            assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
            themes += 1
        else:
            assert len(tcs) == 4 and row.cells[3].text
            recs += 1
    assert recs == 205 and themes == sum(1 for r in matrix.rows if r.theme is not None)


def test_docx_fonts_let_khmer_render_and_keep_latin() -> None:
    data = matrix_docx(build_matrix(small()))
    document = Document(io.BytesIO(data))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    for fonts in (defaults, heading):
        assert fonts.get(qn("w:cs")) == KHMER_FONT and fonts.get(qn("w:eastAsia")) == KHMER_FONT
        assert fonts.get(qn("w:cstheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
        assert fonts.get(qn("w:ascii")) != KHMER_FONT and fonts.get(qn("w:asciiTheme"))  # Latin: the theme's font
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert f"118.2 {KHMER} (Chad)" in cells
