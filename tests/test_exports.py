"""Exports (CSV, XLSX, the OHCHR matrix): contents, formula neutralisation, redaction, the CLI and the page's buttons.

Real files throughout: CSV parsed with the csv module, workbooks read back with openpyxl, Word documents with
python-docx; the command line runs as a subprocess and the Recommendations page through AppTest.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from apptest_support import open_page
from builders import REC_HEADER, dataset, rec
from canary import CANARY, write_canary_workbook
from docx import Document
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from upr_sheets import sync
from upr_sheets.access import links
from upr_sheets.access.redact import public_dataset
from upr_sheets.analysis.filters import Filters, apply_filters, filter_options
from upr_sheets.checks.validate import validate
from upr_sheets.cli.filter_args import parse_filters
from upr_sheets.core import i18n
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV, Settings
from upr_sheets.outputs import exports, office
from upr_sheets.outputs.exports import export_file, export_frame, to_csv, to_xlsx
from upr_sheets.outputs.office import formula_like, neutralise
from upr_sheets.sources import read_source

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "  =1", "\r=1", " \t@x", "=1+2"]
KHMER = "ធានាសិទ្ធិដីធ្លីរបស់ប្រជាពលរដ្ឋ"


@pytest.fixture(scope="module")
def demo(settings):
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    return validate(read_source("demo", settings), settings)


@pytest.fixture(scope="module")
def canary_full(tmp_path_factory: pytest.TempPathFactory, settings: Settings):
    source = write_canary_workbook(tmp_path_factory.mktemp("canary") / "book")
    return validate(read_source(str(source), settings), settings)


def cycle2(data):
    return apply_filters(data, Filters(cycles=(2,)))


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def everything(data: bytes) -> str:
    """Every text in a file: a CSV decoded, or every part of an .xlsx / .docx (zip) decoded."""
    if not data.startswith(b"PK"):
        return data.decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(book.read(name).decode("utf-8", errors="replace") for name in book.namelist())


def hostile_dataset():
    """A small dataset whose every text cell an export writes holds a formula-like text, as typed (not trimmed)."""
    data = dataset({"Recommendations": [REC_HEADER, *[rec(f"{n}.1", "2", f"text {n}", themes="Land", status="")
                                                      for n in range(len(HOSTILE))]],
                    "Assessments": [["Date", "Cycle", "Recommendation ID", "Status", "Evidence"],
                                    ["2025-03-01", "2", "0.1", "Not implemented", "seen"]],
                    "Indicators": [["Indicator ID", "Cycle", "Recommendation IDs", "Indicator", "Type", "Baseline",
                                    "Target"], ["I1", "2", "0.1", "Debt", "Quantitative", "-5", "-1"]],
                    "Measurements": [["Date", "Indicator ID", "Value"], ["2025-01-01", "I1", "-3"]]})
    recs = data.recommendations.copy()
    for column in ("id", "text", "evidence", "working_group", "internal_notes", "lead_organization"):
        recs[column] = pd.Series(HOSTILE, dtype=object) if column != "id" else [f"{h} {n}" for n, h in
                                                                                enumerate(HOSTILE)]
    for column in ("states", "themes", "ministries"):
        recs[column] = pd.Series([(h,) for h in HOSTILE], dtype=object)
    return dataclasses.replace(data, recommendations=recs)


# ---- the export table ---------------------------------------------------------------------------------

def test_cycle_two_has_every_recommendation_once(demo, settings) -> None:
    frame = export_frame(cycle2(public_dataset(demo, settings)))
    assert len(frame) == 205
    assert Counter(frame["response"]) == {"Accepted": 163, "Noted": 42}
    assert frame["id"].is_unique and set(frame["cycle"]) == {2}
    assert set(frame["id"]) == set(demo.recommendations.loc[demo.recommendations["cycle"] == 2, "id"])


def test_columns_public_and_internal(demo, settings) -> None:
    public = export_frame(public_dataset(demo, settings)).columns.tolist()
    assert public == ["cycle", "id", "text", "states", "response", "themes", "ministries", "sdgs",
                      "working_group",
                      "priority", "status", "government_status", "evidence", "last_assessed", "latest_assessment",
                      "latest_evidence", "indicators"]
    assert export_frame(demo).columns.tolist() == [*public, "lead_organization", "internal_notes"]
    assert exports.export_table(demo).columns[:3].tolist() == ["Cycle", "ID", "Recommendation"]


def test_cells_join_values_and_describe_indicators(demo, settings) -> None:
    frame = export_frame(public_dataset(demo, settings)).set_index("id")
    recs = demo.recommendations.set_index("id")
    several = next(i for i, s in recs["states"].items() if len(s) > 1)
    assert frame.loc[several, "states"] == "; ".join(recs.loc[several, "states"])
    linked = frame["indicators"].dropna()
    assert len(linked) and all(cell.startswith("IND-") for cell in linked)
    assert any("target" in cell for cell in linked)  # a quantitative indicator: latest value vs target
    assert frame["latest_assessment"].notna().any()


def test_headers_follow_the_interface_language_and_data_does_not(demo, settings) -> None:
    """With the French catalogue shipped in upr_sheets/core/locale, headers are French and the data is as typed."""
    with i18n.use("fr"):
        rows = csv_rows(to_csv(cycle2(public_dataset(demo, settings))))
    assert rows[0][2:5] == ["Recommandation", "États recommandants", "Réponse"]
    assert {r[4] for r in rows[1:]} == {"Accepted", "Noted"}


# ---- CSV and XLSX -------------------------------------------------------------------------------------

def test_csv_is_utf8_with_bom_and_keeps_khmer() -> None:
    data = dataset({"Recommendations": [REC_HEADER, rec("118.10", "2", KHMER, "France; Japan")]})
    rows = csv_rows(to_csv(data))
    assert rows[1][:4] == ["2", "118.10", KHMER, "France; Japan"]


def test_xlsx_layout_ids_as_text_and_about(demo, settings) -> None:
    data = cycle2(public_dataset(demo, settings))
    book = load_workbook(io.BytesIO(to_xlsx(data, Filters(cycles=(2,)))))
    assert book.sheetnames == ["Recommendations", "About"]
    sheet = book["Recommendations"]
    assert [c.value for c in sheet[1]][:3] == ["Cycle", "ID", "Recommendation"]
    assert all(c.font.b for c in sheet[1]) and sheet.freeze_panes == "C2"
    assert sheet.column_dimensions["C"].width == 60 and sheet["C2"].alignment.wrap_text
    ids = [c for c in sheet["B"][1:]]
    assert len(ids) == 205 and all(c.data_type == "s" and c.number_format == "@" for c in ids)
    assert "118.10" in {c.value for c in ids}
    assert all(isinstance(c.value, int) for c in sheet["A"][1:])
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Filters applied"] == "Cycle: 2" and about["Recommendations"] == "205"
    assert about["Copy"].startswith("Public copy") and about["Source"] == "UPR Monitor read-only view"
    assert about["Data as of"] == i18n.day(demo.fetched_at)


def test_xlsx_internal_copy_says_so(demo) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(cycle2(demo))))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Copy"].startswith("Internal copy") and about["Filters applied"].startswith("None")
    assert [c.value for c in book["Recommendations"][1]][-2:] == ["Lead Organization", "Internal Notes"]


def test_about_names_the_source_in_the_language_of_the_file(demo) -> None:
    labelled = dataclasses.replace(demo, source_label=sync.source_label("demo"))
    assert office.about_rows(labelled)[0][1] == "the bundled demo workbook"
    with i18n.use("fr"):
        assert office.about_rows(labelled)[0][1] == "le classeur de démonstration fourni"
    assert office.about_rows(demo)[0][1] == "demo"  # a Dataset built without sync: its source as named


def test_xlsx_survives_control_characters_and_huge_cells() -> None:
    data = hostile_dataset()
    recs = data.recommendations.copy()
    recs.loc[0, "text"] = "bell\x07 vertical\x0btab"
    recs.loc[1, "text"] = "x" * 40_000
    book = load_workbook(io.BytesIO(to_xlsx(dataclasses.replace(data, recommendations=recs))))
    texts = [c.value for c in book.active["C"][1:]]
    assert texts[0] == "bell verticaltab" and len(texts[1]) == office.XLSX_MAX_CHARS


# ---- formula neutralisation ------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("\tplain", "'\tplain"),
    ("-5", "-5"), ("+3.5", "+3.5"), ("-1,234.5", "-1,234.5"), ("a=1", "a=1"), ("", ""), ("Land", "Land"),
    (-5, -5), (2.5, 2.5), (None, None),
])
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected
    if isinstance(value, str):
        assert formula_like(value) == (expected != value)
        assert neutralise(value, quote=False) == value


def test_csv_prefixes_every_formula_like_cell() -> None:
    rows = csv_rows(to_csv(hostile_dataset()))
    cells = [cell for row in rows[1:] for cell in row]
    for text in HOSTILE:
        assert "'" + text in cells, text
        assert text not in cells, text
    assert not [cell for cell in cells if formula_like(cell)]
    assert rows[1][0] == "2"  # numbers stay numbers


@pytest.mark.parametrize("fmt", ["xlsx", "matrix-xlsx"])
def test_xlsx_stores_formula_like_text_as_text(fmt: str) -> None:
    book = load_workbook(io.BytesIO(export_file(hostile_dataset(), fmt).data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert all(c.quotePrefix for c in cells if isinstance(c.value, str) and formula_like(c.value))
    values = {c.value for c in cells}
    found = {h for h in HOSTILE if h in values or any(isinstance(v, str) and h in v for v in values)}
    assert found == set(HOSTILE)
    if fmt == "xlsx":
        assert set(HOSTILE) <= values  # the literal text, unprefixed


def test_docx_holds_formula_like_text_as_plain_text() -> None:
    data = export_file(hostile_dataset(), "matrix-docx").data
    document = Document(io.BytesIO(data))
    text = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    for value in HOSTILE:  # Word keeps a carriage return as a line break
        assert value.strip(" ").replace("\r", "\n") in text, value
    xml = everything(data)
    assert "instrText" not in xml and "fldSimple" not in xml and "fldChar" not in xml


# ---- redaction ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_public_exports_hold_no_canary_and_internal_ones_do(canary_full, fmt: str, settings: Settings) -> None:
    public = export_file(public_dataset(canary_full, settings), fmt, cycle=2).data
    assert CANARY not in everything(public).casefold()
    internal = export_file(canary_full, fmt, cycle=2).data
    assert CANARY in everything(internal), "the test cannot fail: the internal copy has no canary"


# ---- filters typed on the command line -----------------------------------------------------------------------

def test_parse_filters(demo, settings) -> None:
    options = filter_options(demo, settings)
    parsed = parse_filters(["cycle=II", "status=fully implemented; Partially implemented", "response=Noted"], options)
    assert parsed == Filters(cycles=(2,), statuses=("Fully implemented", "Partially implemented"),
                             responses=("Noted",))
    assert parse_filters(["working-group=" + options["working_groups"][0]], options).working_groups
    with pytest.raises(ValueError, match="KEY one of: cycle, response, theme"):
        parse_filters(["colour=red"], options)
    with pytest.raises(ValueError, match="Did you mean `Fully implemented`"):
        parse_filters(["status=Fully implementd"], options)
    with pytest.raises(ValueError, match="no value"):
        parse_filters(["theme="], options)


def test_parse_filters_reads_sdgs_as_goals(demo, settings) -> None:
    options = filter_options(demo, settings)
    assert parse_filters(["sdg=16.3; SDG 5", "sdg=16"], options) == Filters(sdgs=(16, 5))
    with pytest.raises(ValueError, match="No recommendation has sdg `7`. Values in the data: 1, 2"):
        parse_filters(["sdg=7"], options)  # a goal no recommendation names, with the goals that are named


def test_cli_exports_the_recommendations_of_an_sdg(demo, tmp_path: Path) -> None:
    out = tmp_path / "sdg.csv"
    result = run("demo", "--format", "csv", "--out", str(out), "--filter", "sdg=5", "--cycle", "all")
    expected = apply_filters(demo, Filters(sdgs=(5,))).recommendations
    assert result.returncode == 0 and f"Wrote {len(expected)} recommendations" in result.stdout, result.stderr
    rows = csv_rows(out.read_bytes())
    assert 0 < len(expected) < len(demo.recommendations)
    assert all(any(str(v).split(".")[0] == "5" for v in cell) for cell in expected["sdgs"])
    assert {(row[0], row[1]) for row in rows[1:]} == {(str(c), i) for c, i in zip(expected["cycle"], expected["id"])}


# ---- the command line ------------------------------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "upr_sheets", "export", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def read_back(path: Path, fmt: str) -> int:
    """How many recommendations a written file holds."""
    if fmt == "csv":
        return len(csv_rows(path.read_bytes())) - 1
    if fmt == "xlsx":
        return load_workbook(path)["Recommendations"].max_row - 1
    if fmt == "matrix-xlsx":
        return sum(1 for row in load_workbook(path)["Matrix"].iter_rows(min_row=4, values_only=True) if row[1])
    return sum(1 for row in Document(str(path)).tables[0].rows[1:] if len({id(c._tc) for c in row.cells}) == 4)


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_cli_writes_each_format(demo, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / exports.file_name(fmt)
    result = run("demo", "--format", fmt, "--out", str(out), "--filter", "cycle=2")
    assert result.returncode == 0, result.stderr
    matrix = " (OHCHR matrix, cycle 2)" if fmt.startswith("matrix") else ""
    assert result.stdout.strip() == f"Wrote 205 recommendations to {out}{matrix}."
    assert result.stderr == "" and read_back(out, fmt) == 205


def test_cli_filters_repeat_and_split_on_semicolons(demo, tmp_path: Path) -> None:
    out = tmp_path / "noted.csv"
    result = run("demo", "--format", "csv", "--out", str(out), "--filter", "response=Noted", "--filter", "cycle=2")
    assert result.returncode == 0 and "Wrote 42 recommendations" in result.stdout
    statuses = ("Fully implemented", "Partially implemented")
    expected = int(demo.recommendations["status"].isin(statuses).sum())
    result = run("demo", "--format", "xlsx", "--out", str(out.with_suffix(".xlsx")), "--filter", "status=" +
                 ";".join(statuses), "--cycle", "all")
    assert result.returncode == 0 and f"Wrote {expected} recommendations" in result.stdout
    result = run("demo", "--format", "matrix-xlsx", "--out", str(tmp_path / "m1.xlsx"), "--cycle", "1")
    assert "Wrote 91 recommendations" in result.stdout and "cycle 1" in result.stdout


@pytest.mark.parametrize("args,message", [
    (("--filter", "colour=red"), "KEY one of: cycle, response, theme, ministry, working_group, status, priority"),
    (("--filter", "theme=No such theme"), "No recommendation has theme `No such theme`"),
    (("--filter", "cycle"), "is not a filter"),
    (("--format", "matrix-docx", "--cycle", "7"), "Cycle 7 has no recommendation"),
])
def test_cli_refuses_bad_filters_with_exit_2(demo, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "out.file"
    fmt = () if "--format" in args else ("--format", "csv")
    result = run("demo", *fmt, "--out", str(out), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_exit_codes_for_a_missing_source_and_bad_arguments(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert run(str(tmp_path / "missing.xlsx"), "--format", "csv", "--out", str(out)).returncode == 2
    assert run("demo", "--format", "pdf", "--out", str(out)).returncode == 2
    assert run("demo", "--format", "csv", "--out", str(out), "--lang", "xx").returncode == 2
    assert not out.exists()
    assert run("demo", "--format", "csv", "--out", str(out), "--lang", "km").returncode == 0


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_cli_public_by_default_internal_on_request(tmp_path: Path, fmt: str) -> None:
    source = str(write_canary_workbook(tmp_path / "book"))
    public, internal = tmp_path / exports.file_name(fmt), tmp_path / exports.file_name(fmt, internal=True)
    result = run(source, "--format", fmt, "--out", str(public), "--cycle", "2")
    assert result.returncode == 0, result.stderr
    assert CANARY not in everything(public.read_bytes()).casefold() + result.stdout + result.stderr
    result = run(source, "--format", fmt, "--out", str(internal), "--cycle", "2", "--internal")
    assert result.returncode == 0 and "Internal copy" in result.stderr
    assert CANARY in everything(internal.read_bytes()), "the test cannot fail: the internal copy has no canary"
    if fmt == "csv":  # the canary workbook's hostile `=HYPERLINK(…)` texts arrive quoted
        cells = [c for row in csv_rows(public.read_bytes()) for c in row]
        assert any(c.startswith("'=HYPERLINK") for c in cells) and not any(formula_like(c) for c in cells)


# ---- the Recommendations page's buttons ----------------------------------------------------------------------

@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """File name → the callable each download button registered (what a click would run)."""
    found: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def open_recommendations(query: dict[str, str] | None = None) -> AppTest:
    return open_page("recommendations", query, drop_query=True)


LABELS = ["CSV", "Excel workbook", "OHCHR matrix (Excel)", "OHCHR matrix (Word)"]
NAMES = ["upr-recommendations.csv", "upr-recommendations.xlsx", "upr-matrix-cycle-2.xlsx", "upr-matrix-cycle-2.docx"]


def test_the_page_offers_the_downloads_of_what_it_shows(demo, monkeypatch: pytest.MonkeyPatch, downloads) -> None:
    monkeypatch.setenv(SOURCE_ENV, str(DEMO_WORKBOOK))
    at = open_recommendations({"cycle": "2"})
    assert [b.label for b in at.download_button] == LABELS
    assert [c.label for c in at.checkbox] == ["Include internal notes (members only)"]
    assert sorted(downloads) == sorted(NAMES)
    assert len(csv_rows(downloads["upr-recommendations.csv"]())) == 206  # the filter (cycle 2) applies


def test_a_viewer_downloads_only_public_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, downloads) -> None:
    secret = "test-link-secret-" + "v13w3r" * 6
    monkeypatch.setenv(links.SECRET_ENV, secret)
    monkeypatch.setenv(links.REGISTRY_ENV, str(tmp_path / "share_links.json"))
    monkeypatch.setenv(SOURCE_ENV, str(write_canary_workbook(tmp_path / "book")))
    link = links.create_link("EU Delegation", None, None, "http://localhost:8501", secret)
    at = open_recommendations({"link": link.token})
    assert [b.label for b in at.download_button] == LABELS and not at.checkbox
    files = {name: make() for name, make in downloads.items()}
    assert len(files) == 4 and all(files.values())
    leaks = [name for name, data in files.items() if CANARY in everything(data).casefold()]
    assert not leaks, f"the canary reached a viewer's download: {leaks}"


def test_a_member_gets_the_public_copy_unless_internal_is_ticked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                 downloads) -> None:
    monkeypatch.setenv(SOURCE_ENV, str(write_canary_workbook(tmp_path / "book")))
    at = open_recommendations()
    assert not [n for n, make in downloads.items() if CANARY in everything(make()).casefold()]
    downloads.clear()
    at.checkbox(key="dl_internal").check().run()
    assert not at.exception, at.exception
    assert sorted(downloads) == sorted(n.replace(".", "-internal.") for n in NAMES)
    assert all(CANARY in everything(make()) for make in downloads.values())


def test_sdgs_travel_with_the_export(demo) -> None:
    """Each recommendation's SDG targets reach the CSV, the column the SDGs filter reads."""
    frame = export_frame(demo)
    recs = demo.recommendations
    tagged = [i for i, v in enumerate(recs["sdgs"]) if isinstance(v, (list, tuple)) and v]
    assert tagged, "the demo tags recommendations with SDGs"
    first = tagged[0]
    assert all(str(t) in frame.loc[first, "sdgs"] for t in recs["sdgs"].iloc[first])
    header = exports.to_csv(demo).decode("utf-8-sig").splitlines()[0]
    assert "SDGs" in header.split(",")
