"""An issue's fix-it message in the interface language, for the Data quality page.

Validation writes each message once, in English, from its code's template in `checks/codes.toml` (the
data is cached and shared by every session, whatever its language). Here the message is read back
against the same templates to recover what filled them (the value as typed, the column, a suggestion …),
and the translated template is filled with the same values. The catalogues hold the templates as they
are in codes.toml (`messages()` lists them for the extractor), so a translator sees each sentence once,
with its `{placeholders}` checked like every other message (`i18n.fits`).

A message that does not read back exactly (a template changed since the data was loaded, a message from
elsewhere) is shown as it is: never a half-translated or wrong sentence.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache

from upr_sheets.checks.codes import SPECS, CodeSpec, IssueCode
from upr_sheets.core.i18n import N_, _

# English parts the checks put inside a template's placeholders, each a message of its own.
FRAGMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ Did you mean `(?P<hint>.*)`\?$", re.S), N_(" Did you mean `{hint}`?")),
    (re.compile(r"^ in cycle (?P<cycle>\d+)$"), N_(" in cycle {cycle}")),
    (re.compile(r"^ for this cycle$"), N_(" for this cycle")),
)


def _templates(spec: CodeSpec) -> list[str]:
    template = spec.template
    return [template] if isinstance(template, str) else list(template.values())


def messages(specs: Mapping[IssueCode, CodeSpec] = SPECS) -> list[str]:
    """Every sentence of codes.toml a reader sees (templates, warning notes) and the fragments, for the catalogues."""
    found: dict[str, None] = {}
    for spec in specs.values():
        found.update(dict.fromkeys(_templates(spec)))
        if spec.when_warning:
            found[spec.when_warning] = None
    found.update(dict.fromkeys(text for _pattern, text in FRAGMENTS))
    return list(found)


@cache
def _pattern(template: str, suffix: str) -> re.Pattern[str]:
    """A regular expression that reads `template` (+ `suffix`) back: one named group per placeholder."""
    parts, seen = [], set()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
    return re.compile("^" + "".join(parts) + re.escape(suffix) + "$", re.S)


def _fragment(value: str) -> str:
    """A placeholder's value with its English part translated (a suggestion, "in cycle 2"), else as it is."""
    for pattern, text in FRAGMENTS:
        hit = pattern.match(value)
        if hit:
            return _(text).format(**hit.groupdict())
    return value


def localized(code: str, severity: str, message: str) -> str:
    """`message` (written by validation from `code`'s template) in the current language; unchanged when its
    template is not translated or the message does not read back exactly."""
    try:
        spec = IssueCode(code).spec
    except ValueError:
        return message
    note = spec.when_warning if severity == "warning" else ""
    for template in _templates(spec):
        hit = _pattern(template, note).match(message)
        if hit is None or template.format(**hit.groupdict()) + note != message:
            continue
        fields = {name: _fragment(value) for name, value in hit.groupdict().items()}
        try:
            return _(template).format(**fields) + (_(note) if note else "")
        except (KeyError, IndexError, ValueError):
            return message
    return message
