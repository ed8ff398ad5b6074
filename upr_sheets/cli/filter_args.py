"""`export --filter KEY=VALUE`: the dashboard's filters typed on the command line, checked against the data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from upr_sheets.analysis.filters import FIELDS, Filters, sdg_goal
from upr_sheets.checks.cells import parse_cycle, suggest
from upr_sheets.core.contract import canonical

FILTER_KEYS = {key: attr for attr, (key, _column) in FIELDS.items()}


def _choice(attr: str, value: str, choices: list) -> object | None:
    """The choice a typed value names (any case and spacing; cycles as `2`, `2nd`, `II`; SDGs by goal, as `16`,
    `SDG 16` or a target of it, `16.3`), else None."""
    if attr in ("cycles", "sdgs"):
        number = parse_cycle(value) if attr == "cycles" else sdg_goal(value)
        return number if number in choices else None
    folded = {canonical(str(c)): c for c in choices}
    return folded.get(canonical(value))


def parse_filters(specs: Iterable[str], options: Mapping[str, list]) -> Filters:
    """Filters from `KEY=VALUE` texts (keys repeatable, several values joined by `;`), checked against the
    choices in the data (`filters.filter_options`); ValueError saying which key or value is wrong and what is valid."""
    keys = ", ".join(FILTER_KEYS)
    chosen: dict[str, list] = {}
    for spec in specs:
        name, sep, values = spec.partition("=")
        key = canonical(name).replace("-", "_").replace(" ", "_")
        attr = FILTER_KEYS.get(key) or (key if key in FIELDS else None)
        if not sep or attr is None:
            raise ValueError(f"`{spec}` is not a filter. Use KEY=VALUE, with KEY one of: {keys}.")
        parts = [" ".join(v.split()) for v in values.split(";") if v.strip()]
        if not parts:
            raise ValueError(f"The filter `{spec}` has no value after `=`.")
        for value in parts:
            found = _choice(attr, value, list(options.get(attr, [])))
            if found is None:
                choices = [str(c) for c in options.get(attr, [])]
                hint = suggest(value, choices)
                listed = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "") if choices else "none"
                raise ValueError(f"No recommendation has {FIELDS[attr][0]} `{value}`."
                                 + (f" Did you mean `{hint}`?" if hint else "") + f" Values in the data: {listed}.")
            chosen.setdefault(attr, []).append(found)
    return Filters(**chosen)
