"""Advocacy reports: what a coalition carries into a meeting with a ministry, an embassy or the UN.

`build_report` (pure) turns a Dataset into a `Report` tree in one language; `render` turns a Report into
DOCX (python-docx) or PDF (HTML from a Jinja2 template printed by headless Chromium) bytes, with the
charts drawn by plotly + kaleido. Outsider copies are built from `redact.public_dataset` only; an
internal copy (`internal=True`) is marked "Internal — do not share" on every page.

    report = build_report(dataset, settings, "ministry", ministry="Ministry of Justice", lang="km")
    Path("brief.pdf").write_bytes(render(report, "pdf"))
"""

from __future__ import annotations

from datetime import date, datetime

from upr_sheets.analysis.provenance import Provenance, provenance
from upr_sheets.core import i18n
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from . import content, kinds
from .model import KINDS, Bullets, Chart, KeyFigure, KeyFigures, Kind, Paragraph, Report, Section, Table

FORMATS = ("docx", "pdf")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}

__all__ = ["FORMATS", "KINDS", "MIME", "Bullets", "Chart", "KeyFigure", "KeyFigures", "Kind", "Paragraph", "Report",
           "Section", "Table", "build_report", "choices", "render"]


def choices(dataset: Dataset, settings: Settings, cycle: int | None = None, internal: bool = False) -> dict:
    """{"cycles", "ministries", "states"} a report can be asked for (of the chosen or latest cycle)."""
    recs = content.source_data(dataset, settings, internal).recommendations
    found = content.cycles_in_recs(recs)
    if not found:
        return {"cycles": [], "ministries": [], "states": []}
    recs = recs.loc[(recs["cycle"] == (cycle if cycle in found else found[-1])).to_numpy(dtype=bool, na_value=False)]
    return {"cycles": found, "ministries": content.values_of(recs, "ministries"),
            "states": content.values_of(recs, "states")}


def build_report(dataset: Dataset, settings: Settings, kind: Kind, *, ministry: str | None = None,
                 state: str | None = None, cycle: int | None = None, today: date | datetime | str | None = None,
                 lang: str = "en", internal: bool = False, country: str | None = None,
                 notes: Provenance | None = None) -> Report:
    """The report of one kind for one cycle (default: the current one), in `lang`.

    Built from `public_dataset(dataset, settings)` unless `internal`; `ministry` / `state` name the subject of a
    ministry / embassy pack and must be one in the data (OutputError with a did-you-mean otherwise). Its first page
    says what `notes` (default: the provenance of `dataset`) leaves out, and marks the bundled demo.
    """
    notes = notes if notes is not None else provenance(dataset)
    if kind not in KINDS:
        raise OutputError(f"`{kind}` is not a kind of report; use one of {', '.join(KINDS)}.")
    inp = content.inputs(dataset, settings, cycle, today, internal, country)
    name = None
    if kind == "ministry":
        name = content.resolve(ministry, content.values_of(inp.recs, "ministries"), "ministry", "ministries",
                               "--ministry")
    elif kind == "state":
        name = content.resolve(state, content.values_of(inp.recs, "states"), "recommending State",
                               "recommending States", "--state")
    with i18n.use(lang) as code:
        if kind == "midterm":
            title, subtitle, sections = kinds.midterm(inp)
        elif kind == "ministry":
            title, subtitle, sections = kinds.ministry(inp, name)
        else:
            title, subtitle, sections = kinds.state(inp, name)
        fetched = inp.full.fetched_at
        data_date = _("Data as of {date}").format(date=i18n.day(fetched or inp.today))
        marking = _("Internal — do not share") if internal else _("Public copy: no internal notes or private fields")
        who = " · ".join(t for t in (settings.coalition.name, settings.coalition.contact) if t)  # [coalition]
        footer = " · ".join(t for t in (title, subtitle, data_date, who) if t)
        return Report(kind, code, title, subtitle, data_date, _("Prepared on {date}").format(date=i18n.day(inp.today)),
                      internal, marking, footer, tuple(sections), content.file_stem(kind, inp, name, code),
                      notes.statements())


def render(report: Report, fmt: str, timings: dict[str, float] | None = None) -> bytes:
    """The report as DOCX or PDF bytes; `timings` (when given) receives seconds spent per step."""
    if fmt == "docx":
        from .word import render_docx

        return render_docx(report, timings)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report, timings)
    raise OutputError(f"`{fmt}` is not a report format; use one of {', '.join(FORMATS)}.")
