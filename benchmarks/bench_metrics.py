"""Time every metric (and the chart builders the pages call) on synthetic in-memory datasets.

Prints, per size and function, the median of 5 runs and its ratio to a baseline measured in the same
run on the same frame: `recommendations.groupby("status").size()`.

    python benchmarks/bench_metrics.py [--sizes 1000 10000 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from upr_sheets.analysis import breakdowns, indicator_figures, quality

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from upr_sheets.analysis import charts, metrics  # noqa: E402
from upr_sheets.analysis.filters import Filters, apply_filters, filter_options  # noqa: E402
from upr_sheets.analysis.recurring import recurring_pairs  # noqa: E402
from upr_sheets.core.model import Dataset, TabReport  # noqa: E402
from upr_sheets.core.settings import load_settings  # noqa: E402

STATES = ["France", "Canada", "Brazil", "Japan", "Kenya", "Peru", "Norway", "Viet Nam", "Mexico", "Germany",
          "Venezuela (Bolivarian Republic of)", "Czech Republic", "Botswana", "Belgium", "Myanmar", "Türkiye",
          "Holy See", "Republic of Korea", "Iran (Islamic Republic of)", "Australia"]
THEMES = ["Freedom of expression", "Land and housing", "Judiciary", "Women's rights", "Children's rights",
          "Human rights defenders", "Labour rights", "Education", "Health", "Trafficking, smuggling"]
MINISTRIES = ["Ministry of Interior", "Ministry of Justice", "Ministry of Information", "Ministry of Health",
              "Ministry of Women's Affairs", "Ministry of Education, Youth and Sports"]
WORDS = ("ensure protect rights defenders journalists land eviction courts independence women children ratify "
         "convention torture protocol trafficking labour education health freedom expression assembly police "
         "investigate prosecute compensation housing indigenous minorities election media law reform").split()
VOCABULARY = WORDS + [f"term{k}" for k in range(3000)]  # Zipf-distributed, like real recommendation text
RESPONSES = ["Accepted", "Accepted", "Noted", "Partially accepted"]


def _pick(rng: np.random.Generator, values: list[str], n: int, most: int) -> list[tuple[str, ...]]:
    """n tuples of 1..most distinct values."""
    sizes = rng.integers(1, most + 1, n)
    return [tuple(values[i] for i in rng.choice(len(values), k, replace=False)) for k in sizes]


def synthetic(n: int, per: int = 5, seed: int = 7) -> Dataset:
    """A typed Dataset with n recommendations over 4 cycles, `per` assessments each, n/10 indicators."""
    rng = np.random.default_rng(seed)
    settings = load_settings()
    labels = np.array(settings.status_labels, dtype=object)
    cycles = 1 + np.arange(n) % 4
    ids = [f"{100 + i // 1000}.{i % 1000 + 1}" for i in range(n)]
    weights = 1.0 / np.arange(1, len(VOCABULARY) + 1)
    words = rng.choice(np.array(VOCABULARY, dtype=object), (n, 14), p=weights / weights.sum())
    texts = [" ".join(w) for w in words]
    for i in range(4, n, 10):  # every tenth recommendation repeats one of the previous cycle, slightly reworded
        texts[i] = "Continue to " + texts[i - 1].replace("ensure", "guarantee")
    recs = pd.DataFrame({
        "row": np.arange(2, n + 2), "id": ids, "cycle": pd.array(cycles, dtype="Int64"), "text": texts,
        "states": _pick(rng, STATES, n, 2), "response": pd.array(rng.choice(RESPONSES, n), dtype=str),
        "themes": _pick(rng, THEMES, n, 3), "ministries": _pick(rng, MINISTRIES, n, 2),
        "working_group": rng.choice(["Land rights", "Civic space", "Women; Children"], n).astype(object),
        "lead_organization": None, "priority": pd.array(rng.choice(["Short-term", "Long-term"], n), dtype=str),
        "status": pd.array(rng.choice(labels, n), dtype=str),
        "government_status": pd.array(rng.choice(labels, n), dtype=str),
        "action_category": pd.array(rng.integers(1, 6, n), dtype="Int64"), "sdgs": [("16",)] * n,
        "evidence": "", "last_assessed": pd.to_datetime("2024-01-01").as_unit("s"), "internal_notes": ""})
    k = n * per
    days = rng.integers(0, 3650, k)
    assessments = pd.DataFrame({
        "row": np.arange(2, k + 2), "date": (pd.Timestamp("2015-01-01") + pd.to_timedelta(days, "D")).as_unit("s"),
        "cycle": pd.array(np.repeat(cycles, per), dtype="Int64"), "rec_id": np.repeat(np.array(ids, dtype=object), per),
        "status": pd.array(rng.choice(labels, k), dtype=str),
        "government_status": pd.array(rng.choice(labels, k), dtype=str),
        "evidence": "", "assessed_by": "", "internal_notes": ""})
    m = max(1, n // 10)
    indicators = pd.DataFrame({
        "row": np.arange(2, m + 2), "indicator_id": [f"IND-{j}" for j in range(m)],
        "cycle": pd.array(cycles[: m * 10 : 10], dtype="Int64"), "rec_ids": [(ids[j * 10],) for j in range(m)],
        "indicator": [f"Indicator {j}" for j in range(m)], "type": pd.array(["Quantitative"] * m, dtype=str),
        "unit": "cases", "baseline": "10", "baseline_date": pd.NaT, "target": "50", "target_date": pd.NaT,
        "direction": pd.array(["Increase"] * m, dtype=str), "source": "", "baseline_value": 10.0, "target_value": 50.0})
    j = 2 * n
    measurements = pd.DataFrame({
        "row": np.arange(2, j + 2),
        "date": (pd.Timestamp("2016-01-01") + pd.to_timedelta(rng.integers(0, 3000, j), "D")).as_unit("s"),
        "indicator_id": [f"IND-{i % m}" for i in range(j)], "value": "", "note": "", "source": "", "reported_by": "",
        "numeric_value": rng.integers(5, 60, j).astype(float)})
    measurements["value"] = measurements["numeric_value"].astype(int).astype(str)
    cycles_tab = pd.DataFrame({"row": [2], "cycle": pd.array([4], dtype="Int64"),
                               "review_date": pd.to_datetime(["2024-01-01"]).as_unit("s"), "adoption_date": pd.NaT,
                               "midterm_due": pd.to_datetime(["2026-06-01"]).as_unit("s"),
                               "next_review": pd.to_datetime(["2029-01-01"]).as_unit("s")})
    empty = pd.DataFrame()
    return Dataset(recommendations=recs, assessments=assessments, indicators=indicators, measurements=measurements,
                   cycles=cycles_tab, members=empty, share_links=empty, lists={}, issues=[],
                   tabs={"recommendations": TabReport("Recommendations", n, n, 0)}, quarantine={})


def cases(ds: Dataset) -> dict[str, Callable[[], object]]:
    """Function name → a call on this dataset."""
    s = load_settings()
    recs = ds.recommendations
    today = date(2025, 6, 30)
    filters = Filters(themes=("Judiciary", "Health"), cycles=(3, 4))
    return {
        "filter_options": lambda: filter_options(ds, s),
        "apply_filters": lambda: apply_filters(ds, filters),
        "headline": lambda: metrics.headline(ds, s),
        "status_distribution": lambda: metrics.status_distribution(recs, s),
        "progress_over_time": lambda: metrics.progress_over_time(ds, s),
        "changes_since": lambda: metrics.changes_since(ds, "2023-01-01", s),
        "timeline": lambda: metrics.timeline(ds, today),
        "status_by(themes)": lambda: breakdowns.status_by(recs, "themes", s),
        "status_by(regional_group)": lambda: breakdowns.status_by(recs, "regional_group", s),
        "response_by(themes)": lambda: breakdowns.response_by(recs, "themes"),
        "recommendations_in(themes)": lambda: breakdowns.recommendations_in(recs, "themes", "Judiciary"),
        "ministry_scorecard": lambda: breakdowns.ministry_scorecard(ds, s, today),
        "disagreements": lambda: metrics.disagreements(recs, s),
        "cycle_comparison": lambda: breakdowns.cycle_comparison(ds, s),
        "state_table": lambda: breakdowns.state_table(recs, s),
        "regional_table": lambda: breakdowns.regional_table(recs, s),
        "indicator_progress": lambda: indicator_figures.indicator_progress(ds),
        "recommendation_detail": lambda: quality.recommendation_detail(ds, 1, "100.1", s),
        "recurring_pairs": lambda: recurring_pairs(recs),
        "chart status_by_bar(themes)": lambda: charts.status_by_bar(breakdowns.status_by(recs, "themes", s), s),
        "chart progress_area": lambda: charts.progress_area(metrics.progress_over_time(ds, s), s),
    }


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print one table per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for n in args.sizes:
        ds = synthetic(n)
        base = median_seconds(lambda ds=ds: ds.recommendations.groupby("status").size(), args.runs)
        print(f"\n{n:,} recommendations, {len(ds.assessments):,} assessments "
              f"(baseline groupby('status').size(): {base * 1000:.2f} ms)")
        print(f"{'function':32} {'median ms':>10} {'× baseline':>11}")
        for name, fn in cases(ds).items():
            seconds = median_seconds(fn, args.runs)
            print(f"{name:32} {seconds * 1000:10.1f} {seconds / base:11.0f}")


if __name__ == "__main__":
    main()
