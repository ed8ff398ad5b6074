"""`suggest --texts FILE [--json]`: the suggested coding of recommendation texts, one per line.

With --json, one JSON object per input line: {"action_category", "themes", "ministries", "issues", "why"};
otherwise one readable line each. Blank lines give `{}` (JSON) or an empty line, so the output lines
match the input lines one to one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from upr_sheets.core.settings import Settings

from .common import EXIT_OK


def add_suggest(sub) -> None:
    """The `suggest` command's arguments."""
    s = sub.add_parser("suggest", help="suggest action category, themes and ministries for recommendation texts")
    s.add_argument("--texts", type=Path, required=True, help="a text file, one recommendation per line ('-': stdin)")
    s.add_argument("--json", action="store_true", help="one JSON object per line")


def cmd_suggest(args: argparse.Namespace, settings: Settings) -> int:
    """Print the suggestion for each line of the file."""
    from upr_sheets.authoring.suggest import Suggester

    suggester = Suggester(settings)  # a SettingsError ends in main, as one line
    text = sys.stdin.read() if str(args.texts) == "-" else args.texts.read_text(encoding="utf-8-sig")
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("{}" if args.json else "")
            continue
        found = suggester.suggest(line)
        if args.json:
            out.append(json.dumps(found.as_json(), ensure_ascii=False))
        else:
            out.append(f"{found.action_category} | {'; '.join(found.themes) or '–'} | "
                       f"{'; '.join(found.ministries) or '–'} | {found.why}")
    print("\n".join(out))
    return EXIT_OK


COMMANDS = {"suggest": (add_suggest, cmd_suggest)}
