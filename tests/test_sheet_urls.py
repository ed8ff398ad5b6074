"""Google Sheets addresses: keys out of links, links to a tab and cell, nothing for other addresses."""

import pytest

from upr_sheets.core.sheet_urls import gsheet_key, sheet_url, tab_url

KEY = "AbC-12_x"
TAB_CASES = {
    "a tab and a cell": (sheet_url(KEY), 777, "E2", f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=777&range=E2"),
    "a tab only": (sheet_url(KEY), 0, "", f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0"),
    "no tab id": (sheet_url(KEY), None, "E2", None),
    "a workbook file": (None, 777, "E2", None),
    "another host naming a sheet": (f"https://example.org/?u=docs.google.com/spreadsheets/d/{KEY}", 1, "", None),
    "plain http": (f"http://docs.google.com/spreadsheets/d/{KEY}/edit", 1, "", None),
}


@pytest.mark.parametrize("url,gid,cell,want", TAB_CASES.values(), ids=TAB_CASES.keys())
def test_tab_url(url, gid, cell, want):
    assert tab_url(url, gid, cell) == want


def test_sheet_url_round_trips_through_gsheet_key():
    assert gsheet_key(sheet_url(KEY)) == KEY and gsheet_key(f"gsheet:{KEY}") == KEY and gsheet_key("demo") is None
