"""What a set of figures leaves out and where it comes from, said wherever the figures are shown.

Rows with an error are quarantined: every figure is computed without them. Pages say so in their banner;
reports (cover), exports (About sheet), the published site (every page) and `summary --json` say it with
`Provenance`, taken from the data *before* it is redacted for outsiders (the redacted copy no longer knows).
The bundled demo carries a mark that its statuses are illustrative. Pure: no Streamlit, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from upr_sheets.core.i18n import N_, _, ngettext, number
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import DEMO_WORKBOOK

DEMO_SOURCE = "demo"  # the source name of the bundled demo workbook
DEMO_MARK = N_("Demo data: statuses are illustrative.")
CHECK_COMMAND = "python3 -m upr_sheets check"


@dataclass(frozen=True)
class Provenance:
    """How many rows the figures leave out (by tab title) and whether they come from the bundled demo."""

    quarantined: int = 0
    by_tab: tuple[tuple[str, int], ...] = ()
    demo: bool = False

    def left_out(self) -> str:
        """The sentence saying which rows are left out and where to see them ("" when none is), translated."""
        n = self.quarantined
        if not n:
            return ""
        return ngettext(
            "{n} row of the sheet is left out of these figures because it has an error; the Data quality page "
            "of the dashboard (or `{command}`) lists it.",
            "{n} rows of the sheet are left out of these figures because they have errors; the Data quality page "
            "of the dashboard (or `{command}`) lists them.", n).format(n=number(n), command=CHECK_COMMAND)

    def statements(self) -> tuple[str, ...]:
        """What to print beside the figures, in the current interface language: the demo mark, the rows left out."""
        return tuple(text for text in (_(DEMO_MARK) if self.demo else "", self.left_out()) if text)

    def as_dict(self) -> dict:
        """For `summary --json`."""
        return {"quarantined_rows": self.quarantined, "by_tab": dict(self.by_tab),
                "see": f"{CHECK_COMMAND} SOURCE, or the Data quality page", "demo": self.demo}


def provenance(dataset: Dataset, source: str | None = None) -> Provenance:
    """The Provenance of a Dataset as loaded (not redacted); `source` names it when the Dataset does not."""
    tabs = tuple((report.title, report.quarantined) for report in dataset.tabs.values() if report.quarantined)
    return Provenance(dataset.quarantined_rows, tabs, is_demo(source or dataset.source))


def is_demo(source: str) -> bool:
    """Whether a source is the bundled demo workbook, named `demo` or by its path."""
    if source == DEMO_SOURCE:
        return True
    try:
        return bool(source) and Path(source).resolve() == DEMO_WORKBOOK.resolve()
    except (OSError, ValueError):
        return False
