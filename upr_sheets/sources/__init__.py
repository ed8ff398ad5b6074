"""Sources: where a sheet is read, and the only code that knows gspread and Google's libraries.

Every source gives the same RawWorkbook (upr_sheets.core.raw), in one read of all tabs; checks turn it into
a Dataset. Workbooks are read with python-calamine after the checks of `guard` (openpyxl writes the files
the project makes, in upr_sheets.outputs and upr_sheets.authoring).

A source is named by one string:
- "demo": the bundled demo workbook;
- a path to an ``.xlsx`` workbook;
- a folder of CSV files, one per tab, named after the tab (``Recommendations.csv``);
- a Google Sheet: its URL or ``gsheet:KEY``.
"""

from __future__ import annotations

from pathlib import Path

from upr_sheets.core.errors import SourceNotFound
from upr_sheets.core.i18n import _
from upr_sheets.core.raw import RawWorkbook
from upr_sheets.core.settings import DEMO_WORKBOOK, Settings
from upr_sheets.core.sheet_urls import gsheet_key

from .guard import read_regular, shown


def describe_source(source: str) -> str:
    """A short, secret-free name of the source for banners and logs."""
    if source == "demo":
        return _("the bundled demo workbook")
    key = gsheet_key(source)
    if key:
        return f"Google Sheet {key}"
    return shown(Path(source).name or source)


def forget_cached(source: str) -> bool:
    """Drop the cached tab list of a Google Sheet source; True when there was one to drop."""
    key = gsheet_key(source)
    if not key:
        return False
    from .gsheets import clear_metadata_cache

    return clear_metadata_cache(key) > 0


def read_source(source: str, settings: Settings, *, known_digest: str = "") -> RawWorkbook:
    """Read every tab of the source in one go (raises SourceError subclasses).

    `known_digest`: that of the data the caller holds; a Google Sheet whose answer has it is not parsed again
    (the workbook comes back `unchanged`, without tables).
    """
    key = gsheet_key(source)
    if key:
        from .gsheets import read_gsheet

        return read_gsheet(key, settings, source=source, known_digest=known_digest)
    path = DEMO_WORKBOOK if source == "demo" else Path(source).expanduser()
    if path.is_dir():  # (a folder, or a link to one)
        from .csvdir import read_csv_folder

        return read_csv_folder(path, source=source, limits=settings.reading)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from .xlsx import read_xlsx

        return read_xlsx(path, source=source, limits=settings.reading)
    if path.exists() and not path.is_file():
        read_regular(path, settings.reading)  # raises: a FIFO, a device or a link to one is never opened
    if not path.exists():
        raise SourceNotFound(
            f"Source {source!r} was not found. Give a path to an .xlsx workbook, a folder of CSV files, "
            "a Google Sheets link, or 'demo' for the bundled demo workbook."
        )
    raise SourceNotFound(
        f"Source {source!r} is a {path.suffix or 'file'} file; expected an .xlsx workbook, a folder of CSV "
        "files (one per tab), or a Google Sheets link."
    )
