"""What the Reports page needs, without Streamlit: the choices it offers and one report built as a file.

A viewer (read-only link) only ever has the redacted data of its scope, and gets reports from that;
`build` refuses anything else for a public session. A member gets the public copy unless they ask for
an internal one.
"""

from __future__ import annotations

from dataclasses import dataclass

from upr_sheets.access.redact import require_public
from upr_sheets.analysis.provenance import Provenance
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import N_
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings
from upr_sheets.outputs import reports

KIND_LABELS = {"midterm": N_("Mid-term report (shadow report)"), "ministry": N_("Briefing for a ministry"),
               "state": N_("Pack for an embassy (recommending State)")}
FORMAT_LABELS = {"pdf": N_("PDF"), "docx": N_("Word (DOCX)")}


@dataclass(frozen=True)
class Request:
    """What the visitor asked for."""

    kind: str
    subject: str | None  # the ministry or the State; None for a mid-term report
    cycle: int | None
    fmt: str
    lang: str
    internal: bool = False
    country: str = ""


@dataclass(frozen=True)
class Built:
    """A report built for a request, ready to download."""

    request: Request
    data: bytes
    file_name: str
    mime: str
    title: str


def options(dataset: Dataset, settings: Settings, cycle: int | None = None) -> dict[str, list]:
    """{"cycles", "ministries", "states"} a report can be asked for, from the public view of the data."""
    return reports.choices(dataset, settings, cycle)


def build(dataset: Dataset, settings: Settings, request: Request, public: bool,
          notes: Provenance | None = None) -> Built:
    """Build and render one report; a public session (viewer) gets the public copy of its own data only. Its first
    page says what `notes` (the provenance of the data as loaded) leaves out."""
    if public:
        require_public(dataset)
        if request.internal:
            raise OutputError("A read-only link cannot make an internal copy.")
    subject = {"ministry": request.subject} if request.kind == "ministry" else {}
    if request.kind == "state":
        subject = {"state": request.subject}
    report = reports.build_report(dataset, settings, request.kind, cycle=request.cycle, lang=request.lang,
                                  internal=request.internal, country=request.country or None, notes=notes,
                                  **subject)
    data = reports.render(report, request.fmt)
    return Built(request, data, f"{report.file_stem}.{request.fmt}", reports.MIME[request.fmt], report.title)
