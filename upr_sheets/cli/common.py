"""What the command groups share: exit statuses, the source argument, loading a source, the --lang type."""

from __future__ import annotations

import argparse

from upr_sheets.core.i18n import LANGUAGES, parse_language
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings, resolve_source
from upr_sheets.sync import read

EXIT_OK, EXIT_QUARANTINED, EXIT_FAILED = 0, 1, 2
SOURCE_HELP = ("'demo', an .xlsx path, a folder of CSV files, or a Google Sheet URL / gsheet:KEY "
               "(default: $UPR_MONITOR_SOURCE, else the settings)")


def add_source(parser: argparse.ArgumentParser) -> None:
    """The optional positional `source` argument."""
    parser.add_argument("source", nargs="?", help=SOURCE_HELP)


def load(source: str | None, settings: Settings) -> tuple[str, Dataset]:
    """The source named (or the default one) and its validated Dataset."""
    name = resolve_source(source, settings)
    return name, read(name, settings)


def language(value: str) -> str:
    """A --lang value as an interface language code, or an argparse error."""
    code = parse_language(value)
    if code is None:
        raise argparse.ArgumentTypeError(f"`{value}` is not an interface language; use one of {', '.join(LANGUAGES)}")
    return code


def left_out(dataset: Dataset) -> str:
    """` N quarantined rows left out (see `check`).` after a summary line, or "" when no row was left out."""
    n = dataset.quarantined_rows
    return f" {n} quarantined row{'s' if n != 1 else ''} left out (see `check`)." if n else ""


def cycle_arg(value: str) -> str:
    """A --cycle value: a cycle number, or `all` to pool every cycle."""
    if value.strip().casefold() == "all" or value.strip().isdigit():
        return value.strip().casefold()
    raise argparse.ArgumentTypeError(f"`{value}` is not a cycle; give its number, or `all` to pool every cycle")


def chosen_cycle(value: str | None, dataset: Dataset, settings: Settings) -> int | None:
    """The cycle a command covers: the one asked for, None for `all`, else the current one (as the dashboard)."""
    from upr_sheets.analysis.filters import current_cycle

    if value == "all":
        return None
    return int(value) if value else current_cycle(dataset, settings)
