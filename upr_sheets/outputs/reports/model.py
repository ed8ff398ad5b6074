"""The content of a report as a tree of plain dataclasses: what the renderers (DOCX, PDF) lay out.

Every string in the tree is final display text: interface text already translated, numbers and
dates already formatted, sheet text as typed. Renderers escape it for their format and never read
markup in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import plotly.graph_objects as go

Kind = Literal["midterm", "ministry", "state"]
KINDS: tuple[Kind, ...] = ("midterm", "ministry", "state")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text; `note` is set smaller and grey (methods, sources, captions)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class KeyFigure:
    """One headline number: `163` over `Accepted`, with an optional line under it."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class KeyFigures:
    """A row of headline numbers."""

    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths, `numeric` the right-aligned columns, `words`
    the columns of short values (statuses, responses) that wrap only between words, `whole` the columns whose values
    (IDs, dates) never wrap. The other columns are free text, which may break anywhere rather than overflow."""

    key: str  # stable name (tests, file names), never shown
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[int, ...] = ()
    caption: str = ""
    words: tuple[int, ...] = ()
    whole: tuple[int, ...] = ()
    empty: str = ""  # said instead of the table when it has no rows


@dataclass(frozen=True)
class Chart:
    """A plotly figure, drawn as an image by the renderers; `title` doubles as the image's alternative text."""

    key: str
    title: str
    figure: go.Figure = field(compare=False, repr=False)
    width: int = 900  # layout pixels; the image is drawn at twice that


Block = Paragraph | Bullets | KeyFigures | Table | Chart


@dataclass(frozen=True)
class Section:
    """A heading and what follows it."""

    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """A whole report: cover lines, sections, and what every page repeats."""

    kind: Kind
    lang: str
    title: str
    subtitle: str
    data_date: str  # "Data as of 23 Nov 2026", formatted
    generated: str  # "Prepared on …", formatted
    internal: bool
    marking: str  # "Internal — do not share" or the public-copy line
    footer: str
    sections: tuple[Section, ...]
    file_stem: str  # a safe file name without extension, e.g. "upr-midterm-cycle-2"
    notices: tuple[str, ...] = ()  # said on the first page: rows left out for errors, the demo mark


    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Every block with its section, in reading order."""
        for section in self.sections:
            for block in section.blocks:
                yield section, block

    def charts(self) -> list[Chart]:
        """The charts, in reading order."""
        return [b for _, b in self.blocks() if isinstance(b, Chart)]

    def table(self, key: str) -> Table:
        """The table with this key (KeyError when there is none)."""
        for _, block in self.blocks():
            if isinstance(block, Table) and block.key == key:
                return block
        raise KeyError(key)

    def section(self, key: str) -> Section:
        """The section with this key (KeyError when there is none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def text(self) -> str:
        """All the report's text, one piece a line (for search and tests)."""
        out = [self.title, self.subtitle, self.data_date, self.generated, *self.notices, self.marking, self.footer]
        for section in self.sections:
            out.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    out.append(block.text)
                elif isinstance(block, Bullets):
                    out.extend(block.items)
                elif isinstance(block, KeyFigures):
                    out.extend(f"{f.label} {f.value} {f.note}".strip() for f in block.items)
                elif isinstance(block, Table):
                    out.extend([block.caption, *block.columns, *(c for row in block.rows for c in row)])
                elif isinstance(block, Chart):
                    out.append(block.title)
        return "\n".join(t for t in out if t)
