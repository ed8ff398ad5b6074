"""Advocacy reports with real parts: the content on the demo data, then DOCX (python-docx) and PDF (headless
Chromium, read back with pypdf and rasterised with pypdfium2), the redaction canary, hostile sheet text, Khmer,
the command line and the Reports page.

One kaleido server (one Chromium) serves the whole module. Khmer renderings are saved under
test-artifacts/khmer/ for a person to look at.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from apptest_support import open_page
from canary import CANARY, write_canary_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from upr_sheets import cli
from upr_sheets.access import links
from upr_sheets.analysis import metrics
from upr_sheets.app import reports_form
from upr_sheets.checks.validate import validate
from upr_sheets.core.errors import OutputError
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV
from upr_sheets.outputs import reports
from upr_sheets.outputs.reports import build_report, render
from upr_sheets.outputs.reports.content import slug
from upr_sheets.outputs.reports.images import browser_path, chart_server, draw
from upr_sheets.outputs.reports.pdf import css_string, render_html
from upr_sheets.sources import read_source

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "khmer"
KHMER = {"Freedom of expression": "សេរីភាពនៃការបញ្ចេញមតិ", "Land and housing": "ដីធ្លី និងលំនៅឋាន",
         "Judiciary": "ប្រព័ន្ធយុត្តិធម៌", "Women's rights": "សិទ្ធិស្ត្រី", "Children's rights": "សិទ្ធិកុមារ",
         "Education": "ការអប់រំ", "Health": "សុខភាព", "Elections": "ការបោះឆ្នោត",
         "Ministry of Justice": "ក្រសួងយុត្តិធម៌", "Ministry of Interior": "ក្រសួងមហាផ្ទៃ",
         "Ministry of Information": "ក្រសួងព័ត៌មាន", "Ministry of Health": "ក្រសួងសុខាភិបាល"}
KHMER_LETTER = re.compile("[\u1780-\u17ff]")
ID_LINE = re.compile(r"(?m)^(\d{1,3}\.\d{1,3})\b")


@pytest.fixture(scope="module", autouse=True)
def kaleido_server():
    """One Chromium for every chart of the module (the renderers see it running and reuse it)."""
    try:
        browser_path()
    except OutputError as exc:
        pytest.skip(str(exc))
    with chart_server():
        yield


@pytest.fixture(scope="module")
def demo(settings):
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    return validate(read_source(str(DEMO_WORKBOOK), settings), settings)


@pytest.fixture(scope="module")
def canary_data(tmp_path_factory, settings):
    folder = write_canary_workbook(tmp_path_factory.mktemp("canary") / "book")
    return validate(read_source(str(folder), settings), settings)


def cycle2(dataset):
    recs = dataset.recommendations
    return recs.loc[(recs["cycle"] == 2).to_numpy(dtype=bool)]


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, one a line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def docx_xml(data: bytes) -> str:
    """Every XML part of a .docx (document, headers, footers, styles, core properties) as one text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


def docx_table(data: bytes, header: tuple[str, ...]) -> list[list[str]]:
    """The body rows of the .docx table whose header row is `header`."""
    for table in docx.Document(io.BytesIO(data)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if tuple(rows[0]) == header:
            return rows[1:]
    raise AssertionError(f"no table with header {header}")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def between(text: str, start: str, end: str | None) -> str:
    """The text from the line `start` to the line `end` (exclusive)."""
    lines = text.splitlines()
    first = lines.index(start)
    last = lines.index(end, first + 1) if end else len(lines)
    return "\n".join(lines[first:last])


def flat(text: str) -> str:
    return "".join(text.split())


def test_midterm_content_matches_the_un_report(demo, settings):
    report = build_report(demo, settings, "midterm", country="Cambodia")
    assert report.subtitle == "Cambodia · UPR cycle 2" and report.kind == "midterm" and not report.internal
    shown = {f.label: f.value for f in report.section("summary").blocks[1].items}
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")
    expected = metrics.triggered_action(cycle2(demo), settings)
    bench = report.table("benchmarks").rows
    assert [r[1] for r in bench] == ["205", "163", "42"] and [r[3] for r in bench] == ["48%", "55%", "19%"]
    assert [r[2] for r in bench] == [f"{expected[k]:.0f}%" for k in ("all", "accepted", "noted")]
    recs = cycle2(demo)
    short = list(recs.loc[(recs["priority"] == "Short-term").to_numpy(dtype=bool), "id"])
    assert [r[0] for r in report.table("priority").rows] == short
    assert {"118.17", "118.18", "118.19", "118.20", "118.23", "118.76", "118.126", "118.129", "118.132",
            "118.143", "118.167"} <= set(short)  # the eleven priority recommendations of the demo
    recurring = report.table("recurring").rows
    assert {r[0] for r in recurring} <= set(recs["id"]) and "118.17" in {r[0] for r in recurring}
    assert {r[2] for r in recurring} <= set(demo.recommendations.loc[demo.recommendations["cycle"] == 1, "id"])
    assert {c.key for c in report.charts()} == {"status", "status_by_theme", "status_by_ministry"}


def test_the_coalition_settings_name_the_country_and_sign_the_footer(demo, settings):
    """[coalition] of the settings: the country is not retyped for every report, and the footer names who made it."""
    from upr_sheets.core.settings import CoalitionSettings

    who = CoalitionSettings(name="Example Coalition", country="Cambodia", contact="upr@example.org")
    ours = settings.model_copy(update={"coalition": who})
    report = build_report(demo, ours, "midterm")
    assert "Cambodia" in report.subtitle + report.title
    assert "Example Coalition" in report.footer and "upr@example.org" in report.footer
    assert "Laos" in (lambda r: r.subtitle + r.title)(build_report(demo, ours, "midterm", country="Laos"))
    assert "Example Coalition" not in build_report(demo, settings, "midterm").footer


def test_ministry_and_state_packs_list_exactly_their_recommendations(demo, settings):
    recs = cycle2(demo)
    pack = build_report(demo, settings, "ministry", ministry="ministry of  JUSTICE")
    justice = [i for i, m in zip(recs["id"], recs["ministries"]) if "Ministry of Justice" in m]
    assert pack.title == "Briefing for Ministry of Justice"
    assert [r[0] for r in pack.table("recommendations").rows] == justice
    asks = pack.table("asks").rows
    assert asks and {r[2] for r in asks} <= set(justice) and len({r[2] for r in asks}) == len(asks)
    disputed = metrics.disagreements(recs.loc[recs["id"].isin(justice)], settings)
    assert [r[0] for r in pack.table("disagreements").rows] == list(disputed["id"])
    embassy = build_report(demo, settings, "state", state="France")
    france = [i for i, s in zip(recs["id"], recs["states"]) if "France" in s]
    assert [r[0] for r in embassy.table("recommendations").rows] == france
    assert france == ["118.1", "118.88", "118.114", "118.131", "119.5", "119.14"]  # as A/HRC/26/16 says
    assert any("118.88" in item for item in embassy.section("help").blocks[1].items)


@pytest.mark.parametrize(("kind", "given", "hint"), [
    ("ministry", {"ministry": "Ministry of Justise"}, "Did you mean `Ministry of Justice`?"),
    ("ministry", {"ministry": "Justice"}, "Did you mean `Ministry of Justice`?"),
    ("ministry", {}, "Name the ministry with --ministry"),
    ("state", {"state": "Frnace"}, "Did you mean `France`?"),
    ("midterm", {"cycle": 7}, "Cycles with recommendations: 1, 2"),
    ("report", {}, "is not a kind of report")])
def test_unknown_names_say_what_exists(demo, kind, given, hint, settings):
    with pytest.raises(OutputError) as caught:
        build_report(demo, settings, kind, **given)
    assert hint in str(caught.value)
    if kind in ("ministry", "state") and "Name" not in hint:
        assert ("Ministry of Interior" if kind == "ministry" else "Viet Nam") in str(caught.value)


def test_a_column_made_private_is_left_out_of_public_reports(demo, settings):
    privacy = settings.privacy.model_copy(update={"private_columns": [*settings.privacy.private_columns,
                                                                      "Government Status", "Priority"]})
    stricter = settings.model_copy(update={"privacy": privacy})
    packs = (("midterm", {}), ("ministry", {"ministry": "Ministry of Justice"}), ("state", {"state": "Chad"}))
    for kind, given in packs:
        public, internal = (build_report(demo, stricter, kind, internal=i, **given) for i in (False, True))
        tables = [b for _, b in public.blocks() if isinstance(b, reports.Table)]
        assert not any("Government says" in t.columns for t in tables), kind
        assert "Government says" in internal.table("recommendations" if kind != "midterm" else "priority").columns
        assert "Government Status, Priority" in public.section("method").blocks[-1].text
    assert not build_report(demo, stricter, "midterm").table("priority").rows  # no Priority column: no priorities


@pytest.fixture(scope="module")
def rendered(demo, settings) -> dict:
    """Each kind × format of the demo, public copy."""
    out = {}
    for kind, given in (("midterm", {"country": "Cambodia"}), ("ministry", {"ministry": "Ministry of Justice"}),
                        ("state", {"state": "France"})):
        report = build_report(demo, settings, kind, **given)
        for fmt in reports.FORMATS:
            out[kind, fmt] = (report, render(report, fmt))
    return out


@pytest.mark.parametrize("kind", reports.KINDS)
def test_docx_opens_with_the_figures_and_rows(rendered, kind):
    report, data = rendered[kind, "docx"]
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == report.title and document.core_properties.language == "en-GB"
    assert len(document.inline_shapes) == len(report.charts())
    table = report.table("benchmarks" if kind == "midterm" else "recommendations")
    assert docx_table(data, table.columns) == [list(row) for row in table.rows]
    if kind == "midterm":
        figures = document.tables[0].rows[0].cells
        assert [c.paragraphs[0].text for c in figures[:3]] == ["205", "163", "42"]
    assert 'w:cs="Khmer OS"' in docx_xml(data) and "w:tblHeader" in docx_xml(data)


@pytest.mark.parametrize("kind", reports.KINDS)
def test_pdf_opens_with_the_figures_and_rows(rendered, demo, kind):
    report, data = rendered[kind, "pdf"]
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    first = reader.pages[0].extract_text()
    assert report.title.split()[0] in first and f"1 / {len(reader.pages)}" in first
    recs = cycle2(demo)
    if kind == "midterm":
        assert re.search(r"205\s+Recommendations\s+163\s+Accepted\s+42\s+Noted", first)
        ids = ID_LINE.findall(between(text, "Priority recommendations", "Recurring recommendations"))
        assert ids == [r[0] for r in report.table("priority").rows]
    elif kind == "ministry":
        ids = ID_LINE.findall(between(text, "Its recommendations", "Not assessed in 6 months"))
        assert ids == [i for i, m in zip(recs["id"], recs["ministries"]) if "Ministry of Justice" in m]
    else:
        ids = ID_LINE.findall(between(text, "The recommendations", "About this report"))
        assert ids == [i for i, s in zip(recs["id"], recs["states"]) if "France" in s]
    assert sum(len(page.images) for page in reader.pages) == len(report.charts())


def states_with(dataset, n: int) -> list[str]:
    """The States that made exactly `n` recommendations in cycle 2, the longest texts first."""
    recs = cycle2(dataset)
    made: dict[str, list[int]] = {}
    for states, text, evidence in zip(recs["states"], recs["text"], recs["evidence"]):
        for state in states:
            made.setdefault(state, []).append(len(str(text)) + len(str(evidence)))
    return sorted((s for s, sizes in made.items() if len(sizes) == n), key=lambda s: -sum(made[s]))


def test_a_three_recommendation_embassy_pack_fits_on_one_page(demo, settings):
    longest = states_with(demo, 3)[:2]  # the two with the most text to print
    assert len(longest) == 2
    for state in longest:
        report = build_report(demo, settings, "state", state=state)
        data = render(report, "pdf")
        assert len(PdfReader(io.BytesIO(data)).pages) == 1, state
        text = pdf_text(data)
        assert ID_LINE.findall(between(text, "The recommendations", "About this report")) == [
            r[0] for r in report.table("recommendations").rows]
        assert "About this report" in text and "1 / 1" in text
        ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the page, for a person to look at
        pdfium.PdfDocument(data)[0].render(scale=1).to_pil().save(ARTIFACTS.parent / f"embassy-{slug(state)}.png")
    # Khmer sets taller lines: every State with three recommendations, since any of them may be the one to overflow
    for state in states_with(demo, 3):
        report = build_report(demo, settings, "state", state=state, lang="km")
        data = render(report, "pdf")
        assert len(PdfReader(io.BytesIO(data)).pages) == 1, state
        text = pdf_text(data)
        assert ID_LINE.findall(text) == [r[0] for r in report.table("recommendations").rows]
        assert "1 / 1" in text  # Khmer text comes out of a PDF garbled: the IDs and the page number are checked
        pdfium.PdfDocument(data)[0].render(scale=1).to_pil().save(ARTIFACTS / f"embassy-{slug(state)}.png")


def stranded(report, data: bytes) -> list[str]:
    """The sections whose heading (and intro) ends a page of the PDF while what follows starts on the next one."""
    out = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        lines = [line for line in page.extract_text().splitlines() if not re.match(r"\d+ / \d+", line)]
        for section in report.sections:
            if section.heading not in lines:
                continue
            after = flat("".join(lines[lines.index(section.heading) + 1:]))
            ends = [""] if section.blocks else []  # the page may end after the heading alone...
            for block in section.blocks[:-1]:  # ... or after its intro paragraphs, while more follows them
                if not isinstance(block, reports.Paragraph):
                    break
                ends.append((ends[-1] if ends else "") + flat(block.text))
            if after in ends:
                out.append(f"page {number}: {section.heading}")
    return out


def test_no_page_ends_with_a_section_heading(rendered, demo, settings):
    for kind in reports.KINDS:
        report, data = rendered[kind, "pdf"]
        assert stranded(report, data) == [], kind
    # the mid-term report's priority table follows a chart that fills most of a page: its heading, its intro and
    # its first rows go to the next page together
    report, data = rendered["midterm", "pdf"]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    first = report.table("priority").rows[0][0]
    assert [n for n, text in enumerate(pages) if "Priority recommendations" in text.splitlines()] == [
        n for n, text in enumerate(pages) if re.search(rf"(?m)^{re.escape(first)}\b", text)]


def unbroken(report, data: bytes, kinds: tuple[str, ...] = ("words", "whole")) -> list[str]:
    """Values of the report's status, response, ID and date columns that the PDF does not print whole as often as
    its tables hold them: a value broken inside a word ("Not implemente" / "d", "3 Dec 20" / "24") is missed."""
    text = pdf_text(data)
    missed = []
    for table in (b for s in report.sections for b in s.blocks if isinstance(b, reports.Table)):
        columns = sorted({n for kind in kinds for n in getattr(table, kind)})
        values = [row[n] for row in table.rows for n in columns]
        for value in set(values):
            # Khmer text comes out of a PDF garbled (stacked consonants, vowel signs apart): a Khmer word is any text
            # on one line
            words = [r"[^\n]+?" if KHMER_LETTER.search(w) else re.escape(w) for w in value.split()]
            pattern = r"(?<!\w)" + r"\s*".join(words) + r"(?!\w)"
            if len(re.findall(pattern, text)) < values.count(value):
                missed.append(f"{table.key}: {value!r} printed whole {len(re.findall(pattern, text))} times of "
                              f"{values.count(value)}")
    return missed


def test_no_status_id_or_date_breaks_inside_a_word(rendered, demo, settings):
    marked = 0
    for kind in reports.KINDS:
        report, data = rendered[kind, "pdf"]
        assert unbroken(report, data) == []
        marked += sum(len(b.words) + len(b.whole) for s in report.sections for b in s.blocks
                      if isinstance(b, reports.Table))
    assert marked >= 6  # the tables of recommendations mark their status, response, ID and date columns
    # Khmer has no spaces between words: IDs and dates (digits, a month name) are checked, statuses are not
    for kind, given in (("state", {"state": "France"}), ("ministry", {"ministry": "Ministry of Justice"})):
        report = build_report(demo, settings, kind, lang="km", **given)
        assert unbroken(report, render(report, "pdf"), ("whole",)) == []


@pytest.mark.parametrize("kind", reports.KINDS)
def test_the_canary_stays_out_of_public_reports_and_reaches_internal_ones(canary_data, kind, settings):
    subject = {}
    if kind != "midterm":
        found = reports.choices(canary_data, settings)["ministries" if kind == "ministry" else "states"]
        subject = {kind: found[0]}
    for internal in (False, True):
        report = build_report(canary_data, settings, kind, internal=internal, **subject)
        word, pdf = render(report, "docx"), render(report, "pdf")
        texts = {"docx": docx_xml(word), "pdf": pdf_text(pdf) + str(PdfReader(io.BytesIO(pdf)).metadata)}
        for fmt, text in texts.items():
            assert (CANARY in flat(text)) is internal, (kind, fmt, internal)  # flat: a word may wrap in a cell
        assert ("Internal — do not share" in texts["pdf"]) is internal
        assert ("Internal — do not share" in texts["docx"]) is internal


def test_hostile_sheet_text_is_printed_literally(canary_data, settings):
    report = build_report(canary_data, settings, "midterm")
    images = {chart.key: draw(chart) for chart in report.charts()}
    html = render_html(report, images)
    assert "<script" not in html and "<img src=x" not in html and "href" not in html  # no markup, no links
    assert html.count("<img ") == len(images) and "Content-Security-Policy" in html
    text = flat(pdf_text(render(report, "pdf")))
    for hostile in ("<imgsrc=xonerror=alert(1)>recommendation1", "<script>alert(1)</script>evidence"):
        assert hostile in text
    word = docx_text(render(report, "docx"))
    assert "<img src=x onerror=alert(1)> recommendation 1" in word and "<script>alert(1)</script> evidence" in word
    escaped = css_string('x"; } body { display: none } </style><script>')
    assert escaped.count('"') == 2 and not set("<>{};") & set(escaped)


def test_a_khmer_midterm_embeds_a_khmer_font_and_renders_its_glyphs(demo, settings):
    recs = demo.recommendations
    khmer = replace(demo, recommendations=recs.assign(
        themes=[tuple(KHMER.get(t, t) for t in ts) for ts in recs["themes"]],
        ministries=[tuple(KHMER.get(m, m) for m in ms) for ms in recs["ministries"]]))
    report = build_report(khmer, settings, "midterm", lang="km", country="កម្ពុជា")
    data = render(report, "pdf")
    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for child in font.get("/DescendantFonts", []):
                descriptor = child.get_object()["/FontDescriptor"].get_object()
                fonts.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert any("Khmer" in name and embedded for name, embedded in fonts), fonts
    assert re.search("[\u1780-\u17ff]", reader.pages[0].extract_text())
    assert reader.metadata.title == report.title and '<html lang="km">' in render_html(report, {
        c.key: draw(c) for c in report.charts()})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = pdfium.PdfDocument(data)[0].render(scale=2).to_pil()
    page.save(ARTIFACTS / "midterm-km-page1.png")
    theme = next(c for c in report.charts() if c.key == "status_by_theme")
    (ARTIFACTS / "status-by-theme-km.png").write_bytes(draw(theme).png)
    assert page.size[0] > 1000 and (ARTIFACTS / "status-by-theme-km.png").stat().st_size > 20_000
    word = render(report, "docx")
    assert docx.Document(io.BytesIO(word)).core_properties.language == "km-KH"
    assert 'w:cs="Khmer OS"' in docx_xml(word) and 'w:bidi="km-KH"' in docx_xml(word)


def test_no_chromium_says_how_to_install_it(demo, monkeypatch, settings):
    report = build_report(demo, settings, "state", state="France")
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(OutputError, match="apt-get install chromium"):
        render(report, "pdf")


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}  # Chromium writes its crash-report folder under HOME
    return subprocess.run([sys.executable, "-m", "upr_sheets", "report", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=180)


def test_cli_writes_docx_and_pdf_and_refuses_unknown_names(demo, tmp_path):
    assert cli.REPORT_KINDS == reports.KINDS and cli.REPORT_FORMATS == reports.FORMATS
    done = run_cli(tmp_path, "demo", "--kind", "state", "--state", "France", "--format", "docx",
                   "--out", str(tmp_path / "f.docx"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {tmp_path / 'f.docx'} (DOCX") and "public copy" in done.stdout
    assert "118.88" in docx_text((tmp_path / "f.docx").read_bytes())
    done = run_cli(tmp_path, "--kind", "midterm", "--country", "Cambodia", "--out", str(tmp_path / "m.pdf"))
    assert done.returncode == 0, done.stderr
    assert "(PDF" in done.stdout and "205" in PdfReader(tmp_path / "m.pdf").pages[0].extract_text()
    done = run_cli(tmp_path, "--kind", "ministry", "--ministry", "Ministry of Justise",
                   "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "Did you mean `Ministry of Justice`?" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def open_reports(query: dict[str, str] | None = None) -> AppTest:
    """The dashboard (with a query string), switched to the Reports page."""
    return open_page("reports", query, drop_query=True, timeout=120)


def test_the_reports_page_builds_a_report_to_download(demo, monkeypatch):
    monkeypatch.setenv(SOURCE_ENV, str(DEMO_WORKBOOK))
    at = open_reports()
    assert at.selectbox(key="reports_cycle").value == 2 and at.checkbox(key="reports_internal").value is False
    assert at.selectbox(key="reports_lang").value == "en" and not at.get("download_button")
    at.radio(key="reports_kind").set_value("state").run()
    at.selectbox(key="reports_state").select("France").run()
    at.radio(key="reports_format").set_value("docx").run()
    at.button(key="reports_build").click().run()
    assert not at.exception and not at.error
    built = at.session_state["reports_built"]
    assert built.file_name == "upr-state-france-cycle-2.docx" and built.request.subject == "France"
    assert [b.proto.label for b in at.get("download_button")] == ["Download upr-state-france-cycle-2.docx"]
    assert "118.88" in docx_text(built.data)
    at.selectbox(key="reports_state").select("Spain").run()  # another choice: the old file is not offered
    assert not at.get("download_button")


def test_a_read_only_link_gets_public_reports_of_its_own_data(canary_data, monkeypatch, tmp_path, settings):
    secret = "test-link-secret-" + "r3p0rt" * 6
    monkeypatch.setenv(links.SECRET_ENV, secret)
    monkeypatch.setenv(links.REGISTRY_ENV, str(tmp_path / "share_links.json"))
    monkeypatch.setenv(SOURCE_ENV, str(write_canary_workbook(tmp_path / "book")))
    link = links.create_link("EU Delegation", None, "cycle=2", "http://localhost:8501", secret)
    at = open_reports({"link": link.token})
    assert not at.checkbox and at.selectbox(key="reports_cycle").options == ["2"]
    at.radio(key="reports_format").set_value("docx").run()
    at.button(key="reports_build").click().run()
    built = at.session_state["reports_built"]
    assert not built.request.internal and CANARY not in docx_xml(built.data)
    assert "100.1" not in docx_text(built.data) and "101.2" in docx_text(built.data)  # cycle 1 is out of scope
    with pytest.raises(OutputError, match="internal copy"):
        reports_form.build(at.session_state["upr_monitor"].result.dataset, settings,
                           replace(built.request, internal=True), public=True)
