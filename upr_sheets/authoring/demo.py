"""The demo workbook: Cambodia's first two UPR cycles with illustrative monitoring data.

Cycle 2 follows A/HRC/26/16: its numbering, the State that made each recommendation (demo_states) and the final
responses (NOTED_118 and every 119.x noted); statuses, assessments and the other texts are illustrative.

Deterministic (seeded): `python -m upr_sheets.authoring.demo [OUT]` writes the same cell values every time.
"""

from __future__ import annotations

import random
import re
import sys
import zipfile
from datetime import date, timedelta
from itertools import zip_longest
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from upr_sheets.core import contract
from upr_sheets.core.contract import TABS, Tab
from upr_sheets.core.settings import DEMO_WORKBOOK, Settings, load_settings

from . import demo_texts as T
from .demo_states import CYCLE2_STATES
from .template import TEXT_FORMAT, cell_format, style_header

SEED = 20140128
ABOUT_TITLE = "About"
NOTED_118 = frozenset({1, 2, 3, 4, 5, 22, 57, 161})
FIRST_ASSESSMENT, LAST_ASSESSMENT = date(2014, 7, 1), date(2026, 10, 31)
# (final coalition status rank → rows): 0 not, 1 partially, 2 fully implemented, None no information
STATUS_COUNTS = {("2", "Accepted"): {2: 24, 1: 65, 0: 49, None: 25}, ("2", "Noted"): {1: 6, 0: 24, None: 12},
                 ("1", "Accepted"): {2: 22, 1: 37, 0: 24, None: 8}}
_CONTINUABLE = {"strengthen", "improve", "promote", "protect", "ensure", "guarantee", "reduce", "expand",
                "combat", "provide", "increase", "implement", "develop", "support", "raise", "integrate"}
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_FIXED_STAMP = "2026-01-01T00:00:00Z"


def _scale(settings: Settings) -> dict[int | None, str]:
    """Status rank → label of the configured scale (rank order: not, partially, fully implemented)."""
    levels = [label for label in settings.status_labels if label != settings.default_status]
    if len(levels) != 3:
        raise ValueError("the demo needs a status scale of three levels plus the default one")
    return {0: levels[0], 1: levels[1], 2: levels[2], None: settings.default_status}


class _Texts:
    """Composes distinct recommendation texts from the theme phrases, rotating through them."""

    def __init__(self, rng: random.Random, phrases: dict[str, tuple[str, ...]], used: set[str],
                 tails: tuple[str, ...] = T.TAILS) -> None:
        self.rng, self.used, self.tails = rng, used, tails
        self.queues = {theme: rng.sample(items, len(items)) for theme, items in phrases.items()}

    def next(self, theme: str) -> tuple[str, int]:
        """A new text on this theme and its action category."""
        queue = self.queues[theme]
        for _ in range(500):
            phrase = queue.pop(0)
            queue.append(phrase)
            verb = phrase.split()[0]
            lead, category = self.rng.choice(T.LEADS)
            if category == 2 and verb not in _CONTINUABLE:
                lead, category = "", None
            tail = self.rng.choice(self.tails)
            if tail and tail.split()[-1] in phrase:
                tail = ""
            text = (lead + phrase if lead else phrase[0].upper() + phrase[1:]) + tail
            if text not in self.used:
                self.used.add(text)
                return text, category or T.VERB_CATEGORY.get(verb, 4)
        raise RuntimeError(f"no new text left for theme {theme}")


def _state(rng: random.Random, civil: bool) -> str:
    groups = list(T.STATES)
    weights = [share * (1.4 if civil and g in ("WEOG", "EEG") else 1.0) for g, (share, _) in T.STATES.items()]
    return rng.choice(T.STATES[rng.choices(groups, weights)[0]][1])


def _category(text: str) -> int:
    return T.VERB_CATEGORY.get(text.split()[0].casefold(), 4)


def _layout() -> list[tuple[str, str, str]]:
    """(cycle, id, main theme) of every recommendation, cycle 1 then cycle 2."""
    rows = [("1", f"82.{n}", theme) for n, theme in
            enumerate((t for count, t in T.CYCLE1_LAYOUT for _ in range(count)), start=1)]
    rows += [("2", f"{para}.{n}", theme) for para, first, last, theme in T.CYCLE2_LAYOUT
             for n in range(first, last + 1)]
    return rows


def _recommendations(rng: random.Random) -> list[dict[str, Any]]:
    used = {text for _, text, _ in T.PRIORITY.values()}
    texts = {"1": _Texts(rng, T.CYCLE1_PHRASES, used, ("",)), "2": _Texts(rng, T.CYCLE2_PHRASES, used)}
    fixed_texts = {("2", c2_id): c2_text for c2_id, (c2_text, _, _) in T.RECURRING.items() if c2_text}
    fixed_texts |= {("1", c1_id): c1_text for c2_id, (_, c1_id, c1_text) in T.RECURRING.items()}
    civil = {"Freedom of expression", "Human rights defenders", "Elections", "Judiciary", "Torture and detention"}
    rows = []
    for cycle, rid, theme in _layout():
        para, num = (int(part) for part in rid.split("."))
        if rid in T.PRIORITY and cycle == "2":
            states, text, themes = T.PRIORITY[rid]
            category = _category(text)
        else:
            fixed = fixed_texts.get((cycle, rid))
            text, category = (fixed, _category(fixed)) if fixed else texts[cycle].next(theme)
            related = T.THEME_INFO[theme][3]
            extra = rng.sample(related, min(len(related), rng.choice((0, 0, 1, 1, 2))))
            themes = (theme, *extra)
            states = "; ".join(dict.fromkeys(_state(rng, theme in civil) for _ in range(
                2 if cycle == "1" and rng.random() < 0.08 else 1)))
            if cycle == "2":  # the State of the report (drawn all the same, so the rest of the demo stays as it was)
                states = CYCLE2_STATES[rid]
        noted = cycle == "2" and (para == 119 or num in NOTED_118)
        rows.append({"id": rid, "cycle": int(cycle), "text": text, "states": states,
                     "response": "Noted" if noted else "Accepted", "themes": themes, "category": category})
    return rows


def _government(rng: random.Random, rank: int | None, noted: bool) -> int | None:
    """What the government reports: often one level better than the coalition's view, sometimes nothing."""
    if rng.random() < 0.2:
        return None
    if noted:
        return rng.choice((0, 0, rank or 0))
    if rank is None:
        return rng.choice((None, 1, 2))
    return min(2, rank + (rng.random() < 0.5))


def _describe(rng: random.Random, recs: list[dict[str, Any]], scale: dict[int | None, str]) -> None:
    """Ministries, working group, lead, priority, SDGs and both statuses of every recommendation."""
    pools: dict[tuple[str, str], list[int | None]] = {}
    for key, counts in STATUS_COUNTS.items():
        pool = [rank for rank, n in counts.items() for _ in range(n)]
        rng.shuffle(pool)
        pools[key] = pool
    for rank in T.FIXED_STATUS.values():
        pools[("2", "Accepted")].remove(rank)
    priorities = ("Short-term", "Medium-term", "Long-term")
    for rec in recs:
        main = rec["themes"][0]
        group, ministries, sdgs, _ = T.THEME_INFO[main]
        extra = [m for t in rec["themes"][1:] for m in T.THEME_INFO[t][1][:1]]
        chosen = list(ministries[:1]) + [m for m in (*ministries[1:], *extra) if rng.random() < 0.45]
        priority = rec["id"] in T.PRIORITY and rec["cycle"] == 2
        fixed = rec["cycle"] == 2 and rec["id"] in T.FIXED_STATUS
        rank = T.FIXED_STATUS[rec["id"]] if fixed else pools[(str(rec["cycle"]), rec["response"])].pop()
        gov = _government(rng, rank, rec["response"] == "Noted")
        lead = rng.choice(T.ORGANIZATIONS[group]) if priority or rng.random() < 0.8 else None
        if priority:
            when = "Short-term"
        else:
            when = rng.choice((None, None, *priorities) if rec["response"] == "Accepted" else (None, None, "Long-term"))
        goals = "; ".join(sdgs[:rng.choice((1, 2, 2))]) if rng.random() < 0.85 else None
        rec.update(ministries="; ".join(dict.fromkeys(chosen)), working_group=group, lead_organization=lead,
                   priority=when, rank=rank, status=scale[rank] if rank is not None else None,
                   government_status=scale[gov] if gov is not None else None, action_category=rec.pop("category"),
                   sdgs=goals, internal_notes=rng.choice(T.INTERNAL_NOTES) if rng.random() < 0.08 else None)


def _evidence(rng: random.Random, rank: int, when: date) -> str:
    ref = f"DEMO-{when.year}-{rng.randrange(1, 999):03d}"
    return rng.choice(T.EVIDENCE[rank]).format(year=when.year, ref=ref)


def _history(rng: random.Random, final: int, n: int) -> list[int]:
    """n status ranks ending at `final`; mostly progress, sometimes a step back."""
    if final == 0 and n > 1 and rng.random() < 0.3:
        return [0] * (n - 2) + [1, 0]
    ranks = sorted(rng.randint(0, final) for _ in range(n - 1))
    return ranks + [final]


def _assessments(rng: random.Random, recs: list[dict[str, Any]], scale: dict[int | None, str]) -> list[dict]:
    """Dated assessment history for every assessed recommendation; fills Evidence and Last Assessed."""
    rows = []
    span = (LAST_ASSESSMENT - FIRST_ASSESSMENT).days
    for rec in recs:
        rank = rec.pop("rank")
        if rank is None:
            continue
        if rec["cycle"] == 1:
            when = date(2012, 1, 15) + timedelta(days=rng.randrange(0, 700))
            rec.update(evidence=_evidence(rng, rank, when), last_assessed=when)
            continue
        n = rng.choice((3, 4)) if rec["id"] in T.PRIORITY else rng.choice((1, 2, 2, 3, 3, 4))
        dates = sorted(FIRST_ASSESSMENT + timedelta(days=d) for d in rng.sample(range(span), n))
        for step, (when, level) in enumerate(zip(dates, _history(rng, rank, n)), start=1):
            newest = step == n
            evidence = _evidence(rng, level, when)
            rows.append({"date": when, "cycle": 2, "rec_id": rec["id"], "status": scale[level],
                         "government_status": rec["government_status"] if newest else None, "evidence": evidence,
                         "assessed_by": rng.choice(T.PEOPLE),
                         "internal_notes": rng.choice(T.INTERNAL_NOTES) if rng.random() < 0.05 else None})
            if newest:
                rec.update(evidence=evidence, last_assessed=when)
    return sorted(rows, key=lambda r: (r["date"], r["rec_id"]))


def _indicators(rng: random.Random) -> tuple[list[dict], list[dict]]:
    indicators, measurements = [], []
    start = date(2014, 1, 28)
    for iid, rec_ids, name, kind, unit, baseline, target, target_date, direction, course in T.INDICATORS:
        indicators.append({"indicator_id": iid, "cycle": 2, "rec_ids": rec_ids, "indicator": name, "type": kind,
                           "unit": unit or None, "baseline": baseline, "baseline_date": start, "target": target,
                           "target_date": date.fromisoformat(target_date), "direction": direction or None,
                           "source": "Coalition monitoring (illustrative figures)"})
        if kind == "Qualitative":
            points = [(date.fromisoformat(day), text) for day, text in course]
        else:
            digits = 0 if isinstance(baseline, int) and baseline >= 30 else 1
            points = []
            for year in range(2014, 2027):
                share = (year - 2014) / 12
                noise = rng.uniform(-0.04, 0.04) * abs(course - baseline)
                value = round(baseline + (course - baseline) * share + (noise if 2014 < year < 2026 else 0), digits)
                points.append((date(year, 6, 30), int(value) if digits == 0 else value))
        for when, value in points:
            measurements.append({"date": when, "indicator_id": iid, "value": value,
                                 "note": "Provisional figure" if rng.random() < 0.08 else None,
                                 "source": "Coalition monitoring (illustrative figures)",
                                 "reported_by": rng.choice(T.PEOPLE)})
    return indicators, measurements


def _write(book: Workbook, tab: Tab, rows: list[dict[str, Any]]) -> None:
    sheet = book.create_sheet(tab.title)
    style_header(sheet, tab)
    for r, row in enumerate(rows, start=2):
        for c, col in enumerate(tab.columns, start=1):
            value = row.get(col.key)
            if isinstance(value, tuple):
                value = "; ".join(value)
            fmt = cell_format(col)
            if fmt == TEXT_FORMAT and value is not None:
                value = str(value)
            cell = sheet.cell(row=r, column=c, value=value)
            if fmt and value is not None:
                cell.number_format = fmt


def _make_reproducible(path: Path) -> None:
    """Fix the timestamps openpyxl stamps on the file, so regenerating gives identical bytes."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + _FIXED_STAMP.encode(), data)
            out.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def build_demo_workbook(path: Path) -> None:
    """Write the demo workbook (every contract tab plus an About tab) to `path`."""
    rng = random.Random(SEED)
    scale = _scale(load_settings())
    recs = _recommendations(rng)
    _describe(rng, recs, scale)
    assessments = _assessments(rng, recs, scale)
    indicators, measurements = _indicators(rng)
    orgs = [org for group in T.WORKING_GROUPS for org in T.ORGANIZATIONS[group]]
    lists = [dict(zip(("themes", "ministries", "working_groups", "organizations"), row))
             for row in zip_longest(T.THEMES, T.MINISTRIES, T.WORKING_GROUPS, orgs)]
    cycles = [{"cycle": 1, "review_date": date(2009, 12, 1), "adoption_date": date(2010, 3, 18),
               "midterm_due": date(2012, 6, 1), "next_review": date(2014, 1, 28)},
              {"cycle": 2, "review_date": date(2014, 1, 28), "adoption_date": date(2014, 6, 26),
               "midterm_due": date(2016, 9, 30), "next_review": date(2019, 1, 30)}]
    members = [{"email": f"{name.split()[1].lower()}.{name.split()[0].lower()}@example.org", "name": name,
                "organization": T.ORGANIZATIONS[group][0], "role": role, "working_group": group}
               for name, group, role in zip(T.PEOPLE, T.WORKING_GROUPS, ("admin", "editor", "editor", "member",
                                                                          "member"))]
    links = [{"link_id": "donors-2026", "audience": "Donor roundtable (illustrative)",
              "expires": date(2027, 6, 30), "revoked": False, "scope": "Cycle 2"}]
    book = Workbook()
    about = book.active
    about.title = ABOUT_TITLE
    for line in T.ABOUT:
        about.append([line])
    about.column_dimensions["A"].width = 140
    content = {contract.RECOMMENDATIONS.key: recs, contract.ASSESSMENTS.key: assessments,
               contract.INDICATORS.key: indicators, contract.MEASUREMENTS.key: measurements,
               contract.LISTS.key: lists, contract.CYCLES.key: cycles, contract.MEMBERS.key: members,
               contract.SHARE_LINKS.key: links}
    for tab in TABS:
        _write(book, tab, content[tab.key])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    _make_reproducible(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_WORKBOOK
    build_demo_workbook(target)
    print(f"Wrote {target}")
