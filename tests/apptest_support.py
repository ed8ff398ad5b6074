"""Helpers of the dashboard tests: open a page, read its figures, write a source workbook.

The clean data cache and snapshot folder they need is the `fresh_app` fixture of conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from upr_sheets.core.settings import SOURCE_ENV


def figures(at: AppTest) -> dict[str, str]:
    """Metric label → value as shown."""
    return {m.label: m.value for m in at.metric}


DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def open_page(page: str, query: dict[str, str | list[str]] | None = None, *, drop_query: bool = False,
              timeout: float = 60) -> AppTest:
    """The dashboard opened (optionally with a query string), then switched to `pages/<page>.py`.

    `drop_query` clears the query string before the switch, as a browser's page switch may: what the page shows
    must then come from the session (a read-only link, the language, the filters)."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if drop_query:
        at.query_params.clear()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def source_writer(folder: Path, monkeypatch: pytest.MonkeyPatch, books: dict[str, dict[str, list[list]]]
                  ) -> Callable[[str], Path]:
    """A function that writes the named workbook of `books` as .xlsx (IDs formatted as text), or takes the demo
    for "demo", and makes it the app's source ($UPR_MONITOR_SOURCE)."""
    from builders import write_xlsx

    from upr_sheets.core.settings import DEMO_WORKBOOK

    def write(name: str) -> Path:
        if name == "demo":
            if not DEMO_WORKBOOK.exists():
                pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
            path = DEMO_WORKBOOK
        else:
            path = write_xlsx(folder / f"{name}.xlsx", books[name], {"Recommendations": {0}})
        monkeypatch.setenv(SOURCE_ENV, str(path))
        return path

    return write
