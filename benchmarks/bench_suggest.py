"""How good and how fast the suggested coding is, against UPR Info's own human coding.

The rules (upr_sheets/authoring/suggest_rules/en.toml) were written looking at UPR sessions 1–12 only;
sessions 13–16 are held out, and Cambodia's second review (session 18) is a third, later set. Prints, for
each set, the action category's exact agreement and per-class precision and recall, and the issues'
micro-averaged precision and recall and per-issue figures, beside two baselines measured in the same run:
always the training sets' most frequent action category, and "the issue's name appears in the text".
Then the time to suggest for 10,000 recommendations (median of 5) and its ratio to the name baseline's.

    python benchmarks/bench_suggest.py [--runs 5] [--issues]

The data is UPR Info's, read from ../shared/research/data when it is there (it is not part of the project).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from upr_sheets.authoring.suggest import Suggester  # noqa: E402
from upr_sheets.authoring.suggest_measure import (  # noqa: E402
    Coded,
    agreement,
    micro,
    name_baseline,
    per_class,
    per_label,
    read_upr_info,
)
from upr_sheets.core.settings import SuggestSettings  # noqa: E402

DATA = ROOT.parent / "shared" / "research" / "data"
RECOMMENDATIONS = DATA / "upr_info_recommendations_sessions01-16.csv"
ISSUES = DATA / "upr_info_issues.csv"
CAMBODIA = DATA / "cambodia_cycle2.csv"
TARGETS = {"action": 0.85, "precision": 0.75, "recall": 0.65, "seconds_per_10k": 1.0}


def cambodia() -> list[Coded]:
    """Cambodia's 2nd review as UPR Info coded it (issues separated by `; `)."""
    with CAMBODIA.open(encoding="utf-8", newline="") as fh:
        return [Coded(" ".join(r["text"].split()), int(r["action_category"]),
                      frozenset(i.strip() for i in r["issues"].split(";") if i.strip()), 18)
                for r in csv.DictReader(fh)]


def issue_names() -> list[str]:
    """UPR Info's issues as its export names them."""
    with ISSUES.open(encoding="utf-8", newline="") as fh:
        return [r["issue_as_in_export"] for r in csv.DictReader(fh)]


def report(name: str, rows: list[Coded], suggester: Suggester, majority: int, names: list[str],
           show_issues: bool) -> dict[str, float]:
    """Print one set's figures; return the headline ones."""
    found = suggester.suggest_many(r.text for r in rows)
    gold_action, gold_issues = [r.action for r in rows], [r.issues for r in rows]
    action = agreement([s.action_category for s in found], gold_action)
    base_action = agreement([majority] * len(rows), gold_action)
    issues = per_label([s.issues for s in found], gold_issues)
    overall, base = micro(issues), micro(per_label(name_baseline((r.text for r in rows), names), gold_issues))
    print(f"\n## {name}: {len(rows):,} recommendations")
    print(f"action category, exact agreement: {action:.1%}   (baseline, always {majority}: {base_action:.1%}; "
          f"target ≥ {TARGETS['action']:.0%})")
    print("  class  support  precision  recall")
    for cls, s in per_class([s.action_category for s in found], gold_action).items():
        print(f"  {cls!s:>5}  {s.support:7,}  {s.precision:9.2f}  {s.recall:6.2f}")
    print(f"issues, micro-averaged: precision {overall.precision:.3f}, recall {overall.recall:.3f}   "
          f"(baseline, name in text: {base.precision:.3f}, {base.recall:.3f}; "
          f"target ≥ {TARGETS['precision']}, ≥ {TARGETS['recall']})")
    print(f"  suggested per recommendation: {sum(len(s.issues) for s in found) / len(rows):.2f}, "
          f"coded by UPR Info: {sum(len(g) for g in gold_issues) / len(rows):.2f}")
    if show_issues:
        print("  issue                                         support  precision  recall")
        for label, s in sorted(issues.items(), key=lambda kv: -kv[1].support):
            print(f"  {label[:44]:44}  {s.support:7,}  {s.precision:9.2f}  {s.recall:6.2f}")
    return {"action": action, "precision": overall.precision, "recall": overall.recall}


def timing(texts: list[str], suggester: Suggester, names: list[str], runs: int) -> None:
    """Median wall and CPU time for 10,000 texts, with the name baseline's in the same run."""
    batch = (texts * (10_000 // len(texts) + 1))[:10_000]
    times: dict[str, list[tuple[float, float]]] = {"suggest": [], "name baseline": []}
    for _ in range(runs):
        for name, run in (("suggest", lambda: suggester.suggest_many(batch)),
                          ("name baseline", lambda: name_baseline(batch, names))):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"\n## speed: 10,000 recommendations, median of {runs} (wall clock; CPU time of this process)")
    medians = {name: (statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
               for name, got in times.items()}
    for name, (wall, cpu) in medians.items():
        print(f"{name}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    (wall, cpu), (base_wall, base_cpu) = medians["suggest"], medians["name baseline"]
    print(f"ratio to the name baseline: {wall / base_wall:.1f}× wall, {cpu / base_cpu:.1f}× CPU "
          f"(target < {TARGETS['seconds_per_10k']:.0f} s)")


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; exit 0 with a reason when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issues", action="store_true", help="also print every issue's precision and recall")
    args = parser.parse_args(argv)
    if not RECOMMENDATIONS.exists():
        print(f"Skipped: UPR Info's coded recommendations are not here ({RECOMMENDATIONS} is absent).")
        return 0
    rows = read_upr_info(RECOMMENDATIONS)
    names = issue_names()
    train = [r for r in rows if r.session <= 12]
    majority = Counter(r.action for r in train).most_common(1)[0][0]
    suggester = Suggester(SuggestSettings())  # UPR Info's issues themselves, no coalition mapping
    results = {"sessions 1–12 (rules written on these)": train,
               "sessions 13–16 (held out)": [r for r in rows if 13 <= r.session <= 16]}
    if CAMBODIA.exists():
        results["Cambodia, 2nd review (session 18, held out)"] = cambodia()
    for name, subset in results.items():
        report(name, subset, suggester, majority, names, args.issues)
    timing([r.text for r in rows], suggester, names, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
