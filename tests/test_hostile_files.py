"""Hostile and foreign files through `check`: exit 0/1 with every row, or exit 2 with one plain line; memory bounded.

Each case is built here (XML by hand where no tool writes it). `check` runs in-process for the exit status and
its output; the reader also runs in a child process under `RLIMIT_AS` (1 GiB) with a timeout, which proves the
case ends, reports the child's peak memory (`ru_maxrss`), and prints a table of them at the end of the module
(`pytest tests/test_hostile_files.py -s`): the peak resident memory (VmHWM) of the child, which imports only the
sources (about 40 MB on its own).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from builders import REC_HEADER, rec, write_csv_folder, write_xlsx
from foreign_xlsx import MAIN, package, sheet_xml, write_workbook

from upr_sheets.cli import EXIT_FAILED, EXIT_OK, main

ROOT = Path(__file__).resolve().parent.parent
LIMIT_AS = 1 << 30  # the child's address space: a reader that tried to hold a 1 GiB cell would fail
ROWS = [REC_HEADER, *[rec(id=f"118.{k}", text=f"Recommendation {k}") for k in range(1, 251)]]
CHILD = f"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_AS}, {LIMIT_AS}))
from upr_sheets.core.errors import SourceError
from upr_sheets.core.settings import load_settings
from upr_sheets.sources import read_source
try:
    book = read_source(sys.argv[1], load_settings(sys.argv[2] if len(sys.argv) > 2 else None))
    out = {{"rows": {{t: len(table.rows) for t, table in book.tables.items()}}}}
except SourceError as exc:
    out = {{"refused": str(exc)}}
status = open("/proc/self/status").read()  # VmHWM: this process's own peak (ru_maxrss keeps the parent's)
out["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(out))
"""
PEAKS: dict[str, float] = {}


@dataclass
class Case:
    """One file, and what must come of it: rows per tab (exit 0), or a refusal whose line holds `refused`."""

    name: str
    build: Callable[[Path], Path]
    rows: dict[str, int] | None = None
    refused: str | None = None
    small_parts: bool = False  # run with reading.max_part_mb = 1


def _sheet(tmp: Path, xml: str, *, shared: str | None = None, name: str = "book.xlsx") -> Path:
    return package(tmp / name, {"Recommendations": xml}, shared=shared)


def _zip_bomb(tmp: Path) -> Path:
    """A 1 GiB cell in a file of a few MB (compressed as written)."""
    path = tmp / "bomb.xlsx"
    _sheet(tmp, sheet_xml(ROWS[:2]), name="bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        with book.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode())
            block = b"A" * (1 << 20)
            for _ in range(1024):
                part.write(block)
            part.write(b"</t></is></c></row></sheetData></worksheet>")
    return _add_sheet(path)


def _add_sheet(path: Path) -> Path:
    """List xl/worksheets/sheet2.xml as a second tab, "Notes", of the workbook."""
    parts = {}
    with zipfile.ZipFile(path) as book:
        for info in book.infolist():
            if info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                parts[info.filename] = book.read(info).decode()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        "</sheets>", '<sheet name="Notes" sheetId="9" r:id="rId9"/></sheets>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>')
    return _rewrite(path, {k: v.encode() for k, v in parts.items()})


def _rewrite(path: Path, replace: dict[str, bytes]) -> Path:
    """The workbook with some parts' bytes replaced (the others copied as they are)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                dst.writestr(info.filename, replace[info.filename])
            else:
                with src.open(info) as data, dst.open(info, "w", force_zip64=info.file_size > 1 << 30) as out:
                    while chunk := data.read(1 << 20):
                        out.write(chunk)
    tmp.replace(path)
    return path


def _lying_header(tmp: Path) -> Path:
    """A sheet part of 5 MB whose zip headers declare 1,000 bytes."""
    path = _sheet(tmp, sheet_xml(ROWS[:2] + [rec(id=f"9.{k}", text="x" * 40) for k in range(60_000)]))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    for at in (info.header_offset + 22, central + 24):
        assert bytes(data[at:at + 4]) == real
        data[at:at + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def _part(tmp: Path, part: str, text: str) -> Path:
    return _rewrite(write_workbook(tmp / "book.xlsx", {"Recommendations": ROWS[:3]}), {part: text.encode()})


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + f']><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
          "</row></sheetData></worksheet>")
EXTERNAL = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]><sst xmlns="{MAIN}">'
            "<si><t>&secret;</t></si></sst>")
SPARSE = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID'
          '</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
BELOW = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="100000"><c r="CV999999"><v>1</v></c></row>'
         '</sheetData></worksheet>')
TALL = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="Z1"><v>1</v></c></row>'
        '<row><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>')


def _fifo(tmp: Path, name: str = "book.xlsx") -> Path:
    os.mkfifo(tmp / name)
    return tmp / name


def _dev_zero(tmp: Path, name: str = "book.xlsx") -> Path:
    (tmp / name).symlink_to("/dev/zero")
    return tmp / name


def _csv_with(tmp: Path, make: Callable[[Path, str], object]) -> Path:
    folder = write_csv_folder(tmp / "csv", {"Lists": [["Themes"], ["Torture"]]})
    make(folder, "Recommendations.csv")
    return folder


def _csv_cell(tmp: Path) -> Path:
    folder = write_csv_folder(tmp / "csv", {"Recommendations": ROWS[:3]})
    with (folder / "Recommendations.csv").open("a", encoding="utf-8") as fh:
        fh.write('118.99,2,"' + "A" * 50_000_000 + '",France,Accepted,,,,,,\r\n')
    return folder


def _named(name: str, broken: bool) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        if broken:
            path.write_bytes(b"PK\x03\x04 not a workbook")
            return path
        return write_xlsx(path, {"Recommendations": ROWS})
    return build


CASES = [
    Case("stale-dimension-A1", lambda t: write_workbook(t / "b.xlsx", {"Recommendations": ROWS}, strings="inline",
                                                         flavour="poi-streaming", dimension="A1", styles=False),
         rows={"Recommendations": 250}),
    Case("no-dimension-shared-strings", lambda t: write_workbook(t / "b.xlsx", {"Recommendations": ROWS},
                                                                  dimension=None), rows={"Recommendations": 250}),
    Case("libreoffice", lambda t: write_workbook(t / "b.xlsx", {"Recommendations": ROWS}, flavour="libreoffice"),
         rows={"Recommendations": 250}),
    Case("google-sheets", lambda t: write_workbook(t / "b.xlsx", {"Recommendations": ROWS}, flavour="google",
                                                    dimension=None), rows={"Recommendations": 250}),
    Case("broken-xml", lambda t: _sheet(t, sheet_xml(ROWS)[:-300]), refused="could not be read as an .xlsx"),
    Case("entity-expansion", lambda t: _sheet(t, LAUGHS), refused="declares a DTD"),
    Case("dtd-in-workbook-part", lambda t: _part(t, "xl/workbook.xml", '<!DOCTYPE w [<!ENTITY a "b">]><w/>'),
         refused="declares a DTD"),
    Case("external-entity", lambda t: _sheet(t, sheet_xml(ROWS[:2]), shared=EXTERNAL), refused="declares a DTD"),
    Case("zip-bomb-1GiB-cell", _zip_bomb, refused="expands to 1,024 MB"),
    Case("bomb-with-lying-header", _lying_header, refused="damaged"),
    Case("cell-of-60000-characters", lambda t: _sheet(t, sheet_xml([REC_HEADER, rec(text="é&" * 30_000)])),
         refused="cell Recommendations!C2 holds 60,000 characters"),  # (openpyxl writes no more than 32,767)
    Case("shared-string-of-2MB", lambda t: _sheet(t, sheet_xml(ROWS[:2]), shared=(
        f'<sst xmlns="{MAIN}"><si><t>{"x" * 2_000_000}</t></si></sst>')),
         refused="a text in part xl/sharedStrings.xml holds more than 50,000 characters"),
    Case("rich-text-of-60000-characters", lambda t: _sheet(t, sheet_xml([["ID", "Text"], ["118.1", "RICH"]]).replace(
        '<c r="B2" t="inlineStr"><is><t>RICH</t></is></c>', '<c r="B2" t="s"><v>0</v></c>'), shared=(
        f'<sst xmlns="{MAIN}"><si>' + ("<r><t>" + "x" * 20_000 + "</t></r>") * 3 + "</si></sst>")),
         refused="cell Recommendations!B2 holds 60,000 characters"),  # each run under the limit
    Case("sparse-grid-A1-XFD1048576", lambda t: _sheet(t, SPARSE), refused="spans 1,048,576 rows × 16,384 columns"),
    Case("cell-below-its-row", lambda t: _sheet(t, BELOW), refused="spans 999,999 rows × 100 columns"),
    Case("tall-grid-without-row-numbers", lambda t: _sheet(t, TALL), refused="spans 1,048,577 rows × 26 columns"),
    Case("sheet-part-missing", lambda t: _part(t, "xl/_rels/workbook.xml.rels", (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/elsewhere.xml"/></Relationships>')), refused="the part of tab Recommendations is missing"),
    Case("not-a-zip", _named("book.xlsx", broken=True), refused="could not be opened as an .xlsx workbook"),
    Case("truncated", lambda t: t.joinpath("b.xlsx").write_bytes(
        write_xlsx(t / "w.xlsx", {"Recommendations": ROWS}).read_bytes()[:3000]) and t / "b.xlsx",
         refused="could not be opened as an .xlsx workbook"),
    Case("fifo", _fifo, refused="is a named pipe (FIFO), not a regular file"),
    Case("link-to-dev-zero", _dev_zero, refused="is a device, not a regular file"),
    Case("csv-cell-of-50MB", _csv_cell, refused="Recommendations.csv: a cell in row 4 holds more than 50,000"),
    Case("csv-fifo", lambda t: _csv_with(t, lambda f, n: os.mkfifo(f / n)), refused="is a named pipe (FIFO)"),
    Case("csv-link-to-dev-zero", lambda t: _csv_with(t, lambda f, n: (f / n).symlink_to("/dev/zero")),
         refused="is a device"),
    Case("csv-file-over-the-size-limit", lambda t: _csv_with(t, lambda f, n: (f / n).write_text(
        "ID,Cycle\n" + "118.1,2\n" * 200_000)), refused="the limit is 1 MB", small_parts=True),
    Case("xlsx-part-over-the-size-limit", lambda t: write_xlsx(t / "b.xlsx", {"Recommendations": ROWS * 20}),
         refused="the limit is 1 MB", small_parts=True),
    Case("newline-in-file-name", _named("two\nlines.xlsx", broken=False), rows={"Recommendations": 250}),
    Case("newline-in-broken-file-name", _named("bad\nname.xlsx", broken=True), refused="bad\\nname.xlsx"),
]


@pytest.fixture(scope="module")
def small_parts(tmp_path_factory) -> Path:
    """A settings file with reading.max_part_mb = 1."""
    text = (ROOT / "config" / "settings.toml").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text(text.replace("max_part_mb = 200", "max_part_mb = 1"), encoding="utf-8")
    return path


@pytest.fixture(scope="module", autouse=True)
def peak_table():
    """Print each case's peak memory for the closing note (visible with -s)."""
    yield
    if PEAKS:
        print("\nPeak memory of the reader per case (VmHWM of a child under RLIMIT_AS = 1 GiB):")
        for name, peak in PEAKS.items():
            print(f"  {name:34} {peak:7.1f} MB")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file(case: Case, tmp_path: Path, small_parts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = case.build(tmp_path)
    settings = [str(small_parts)] if case.small_parts else []
    child = subprocess.run([sys.executable, "-c", CHILD, str(source), *settings], cwd=ROOT, capture_output=True,
                           text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)})
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout)
    PEAKS[case.name] = result["peak_mb"]
    assert result["peak_mb"] < 400
    args = ["--settings", str(small_parts)] if case.small_parts else []
    code = main([*args, "check", str(source)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.refused:
        assert case.refused in result["refused"]
        assert (code, out, err.count("\n")) == (EXIT_FAILED, "", 1)
        assert err.startswith("Could not load the sheet: ") and case.refused in err
        return
    assert result["rows"] == {t: n + 1 for t, n in case.rows.items()}  # (+ the header row)
    assert code == EXIT_OK and err == ""
    summary = out.splitlines()[-1]
    assert len(out.splitlines()) == 1 and summary.endswith(
        ", ".join(f"{t} {n}/{n}" for t, n in case.rows.items()) + ".")
    if "\n" in source.name:
        assert summary.startswith(source.name.replace("\n", "\\n") + ": 0 errors")


def test_damaged_workbooks_are_read_or_refused(tmp_path: Path, settings) -> None:
    """Seeded damage (bytes of the zip, or characters of one XML part re-zipped whole): each file gives rows or
    a SourceError, never another exception (zlib, struct, XML parser, a panic of the reader)."""
    from upr_sheets.core.errors import SourceError
    from upr_sheets.sources import read_source

    rnd = random.Random(2026)
    good = write_workbook(tmp_path / "good.xlsx", {"Recommendations": ROWS[:30]}, flavour="libreoffice")
    with zipfile.ZipFile(good) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    outcomes = {"rows": 0, "refused": 0}
    for n in range(400):
        data = bytearray(good.read_bytes() if n % 2 else parts[name := rnd.choice(sorted(parts))])
        for _ in range(rnd.randint(1, 6)):
            data[rnd.randrange(len(data))] = rnd.choice(b'<>/"=&;#xA1 \x00\xff9rcv')
        path = tmp_path / f"damaged{n}.xlsx"
        if n % 2:
            path.write_bytes(bytes(data))
        else:
            with zipfile.ZipFile(path, "w") as book:
                for part, content in parts.items():
                    book.writestr(part, bytes(data) if part == name else content)
        try:
            read_source(str(path), settings)
            outcomes["rows"] += 1
        except SourceError as exc:
            assert "\n" not in str(exc)
            outcomes["refused"] += 1
    assert outcomes["rows"] > 20 and outcomes["refused"] > 100
