"""What the figures leave out is said where they are: a workbook with two bad cells, through every output format
(PDF and DOCX text, the XLSX About sheet, every published HTML page, `summary --json`), and `report --strict`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from builders import REC_HEADER, rec, write_xlsx
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
SAID = "2 rows of the sheet are left out of these figures because they have errors"
WHERE = "python3 -m upr_sheets check"
DEMO = "Demo data: statuses are illustrative."


def run(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir()}  # Chromium's profile and caches go there
    return subprocess.run([sys.executable, "-m", "upr_sheets", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def two_bad_cells(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five cycle-2 recommendations, two of them quarantined: a misspelt status, a response that is none."""
    folder = tmp_path_factory.mktemp("left-out")
    return write_xlsx(folder / "two-bad-cells.xlsx", {"Recommendations": [
        REC_HEADER,
        rec("118.1", ministries="Ministry of Justice", status="Not implemented"),
        rec("118.2", ministries="Ministry of Justice", status="Partialy implemented"),
        rec("118.3", ministries="Ministry of Justice", response="Maybe"),
        rec("118.4", ministries="Ministry of Justice", status="Fully implemented"),
        rec("118.5", ministries="Ministry of Justice", response="Noted", status="Not implemented")]},
        {"Recommendations": {0}})


def cover(docx: Path) -> list[str]:
    """The paragraphs of a Word report before its first section heading."""
    from docx import Document

    texts = []
    for paragraph in Document(io.BytesIO(docx.read_bytes())).paragraphs:
        if paragraph.style.name == "Heading 1":
            break
        texts.append(paragraph.text)
    return texts


def said(text: str) -> bool:
    flat = " ".join(text.split())
    return SAID in flat and WHERE in flat


def test_summary_json_counts_the_rows_left_out(two_bad_cells: Path) -> None:
    figures = json.loads(run("summary", str(two_bad_cells), "--json").stdout)
    assert figures["recommendations"] == 3
    assert figures["left_out"]["quarantined_rows"] == 2
    assert figures["left_out"]["by_tab"] == {"Recommendations": 2}
    assert "check" in figures["left_out"]["see"] and figures["left_out"]["demo"] is False


def test_xlsx_about_sheet_says_it(two_bad_cells: Path, tmp_path: Path) -> None:
    out = tmp_path / "recs.xlsx"
    assert run("export", str(two_bad_cells), "--format", "xlsx", "--out", str(out)).returncode == 0
    about = {row[0]: row[1] for row in load_workbook(out)["About"].iter_rows(values_only=True)}
    assert said(about["Left out"])
    assert about["Recommendations"] == "3"


def test_matrix_about_sheet_says_it(two_bad_cells: Path, tmp_path: Path) -> None:
    out = tmp_path / "matrix.xlsx"
    assert run("export", str(two_bad_cells), "--format", "matrix-xlsx", "--out", str(out)).returncode == 0
    book = load_workbook(out)
    cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert any(said(c) for c in cells)


def test_docx_report_says_it_on_its_first_page(two_bad_cells: Path, tmp_path: Path) -> None:
    out = tmp_path / "midterm.docx"
    result = run("report", str(two_bad_cells), "--kind", "midterm", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert any(said(text) for text in cover(out))


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="PDFs are printed by the system Chromium")
def test_pdf_report_says_it_on_its_first_page(two_bad_cells: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "midterm.pdf"
    result = run("report", str(two_bad_cells), "--kind", "midterm", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert said(PdfReader(out).pages[0].extract_text())


def test_every_published_page_says_it(two_bad_cells: Path, tmp_path: Path) -> None:
    assert run("publish", str(two_bad_cells), str(tmp_path / "site")).returncode == 0
    pages = sorted((tmp_path / "site").glob("*.html"))
    assert len(pages) == 8
    for page in pages:
        assert said(page.read_text(encoding="utf-8").replace("<code>", "").replace("</code>", "")), page.name
        assert DEMO not in page.read_text(encoding="utf-8")


def test_strict_report_refuses_while_rows_are_quarantined(two_bad_cells: Path, tmp_path: Path) -> None:
    out = tmp_path / "strict.docx"
    result = run("report", str(two_bad_cells), "--kind", "midterm", "--out", str(out), "--strict")
    assert result.returncode == 1 and not out.exists()
    assert "2 quarantined rows left out" in result.stderr and "check" in result.stderr
    clean = run("report", "demo", "--kind", "midterm", "--out", str(out), "--strict")
    assert clean.returncode == 0 and zipfile.is_zipfile(out)


def test_demo_outputs_carry_the_demo_mark(tmp_path: Path) -> None:
    assert run("publish", "demo", str(tmp_path / "site")).returncode == 0
    assert all(DEMO in page.read_text(encoding="utf-8") for page in (tmp_path / "site").glob("*.html"))
    out = tmp_path / "demo.xlsx"
    assert run("export", "demo", "--format", "xlsx", "--out", str(out)).returncode == 0
    about = {row[0]: row[1] for row in load_workbook(out)["About"].iter_rows(values_only=True)}
    assert about["Demo"] == DEMO and about["Recommendations"] == "205"
    report = tmp_path / "demo.docx"
    assert run("report", "demo", "--kind", "midterm", "--out", str(report)).returncode == 0
    assert DEMO in cover(report)
