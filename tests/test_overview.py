"""The Overview with AppTest: the current cycle by default, benchmarks of the same population only, n beside every
percentage, Pending first-class, nothing assessed said plainly, the calendar, the demo's mark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from apptest_support import figures, open_page, source_writer
from builders import REC_HEADER, rec
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from upr_sheets.analysis import metrics
from upr_sheets.core.settings import SOURCE_ENV

pytestmark = pytest.mark.usefixtures("fresh_app")

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "research" / "data" / "cambodia_wg_report_A-HRC-26-16_2014.txt"


@pytest.fixture
def use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    books = {
        "imported": {"Recommendations": [REC_HEADER, *(rec(f"118.{n}", "2") for n in range(1, 4)),
                                         rec("119.1", "2", response="Pending"), rec("119.2", "2", response="will be "
                                                                                    "examined")]},
        "unassessed": {"Recommendations": [REC_HEADER, rec("1", "2"), rec("2", "2", response="Noted")]},
    }
    return source_writer(tmp_path, monkeypatch, books)


def triggered(at: AppTest):
    """(label, value, delta) of the Triggered action metric."""
    (found,) = [(m.label, m.value, m.delta) for m in at.metric if m.label.startswith("Triggered action")]
    return found


def benchmark_points(at: AppTest) -> dict[str, tuple[str, str | None]]:
    """Row label → (this coalition's bar text, UPR Info's bar text or None) of the benchmark chart."""
    import json

    (chart,) = [c for c in at.get("plotly_chart") if "benchmark" in c.proto.id or "benchmark" in str(c.proto.spec)]
    data = json.loads(chart.proto.spec)["data"]
    ours = dict(zip(data[0]["y"], data[0]["text"]))
    theirs = dict(zip(data[1]["y"], data[1]["text"])) if len(data) > 1 else {}
    return {row: (text, theirs.get(row)) for row, text in ours.items()}


def test_demo_overview_opens_on_the_current_cycle(use) -> None:
    use("demo")
    at = open_page("overview")
    shown = figures(at)
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")
    assert "Pending" not in shown and "Partially accepted" not in shown  # only when non-zero
    assert at.multiselect(key="filter_cycles").value == ["2"]
    assert any("Cycle 2, the current review." in c.value for c in at.caption)
    assert any("Demo data: statuses are illustrative." in c.value for c in at.caption)
    at.sidebar.button(key="upr_all_cycles").click().run()
    assert figures(at)["Recommendations"] == "296"
    assert any("pool 2 reviews" in c.value for c in at.caption)
    assert triggered(at)[2] == ""  # two reviews pooled: compared with no single-cycle benchmark
    assert list(benchmark_points(at).values())[0][1] is None


def test_each_benchmark_comparison_is_of_its_own_population(use, settings) -> None:
    from upr_sheets.analysis.filters import Filters, apply_filters
    from upr_sheets.sync import read

    use("demo")
    demo = read("demo", settings)
    for responses, group in (((), "all"), (("Accepted",), "accepted"), (("Noted",), "noted")):
        chosen = Filters(cycles=(2,), responses=responses)
        recs = apply_filters(demo, chosen).recommendations
        want = metrics.triggered_rows(recs, settings, chosen).iloc[0]
        assert want["group"] == group and want["n"] == len(recs)
        at = open_page("overview", {"cycle": "2", **({"response": list(responses)} if responses else {})})
        label, value, delta = triggered(at)
        bench = metrics.UPR_INFO_BENCHMARKS[group]
        assert label == f"Triggered action, of {len(recs)}" and value == f"{want['pct']:.0f}%"
        assert delta.startswith(f"{want['pct'] - bench:+.0f} points vs UPR Info ({bench:.0f}%")
        points = benchmark_points(at)
        assert all(text.endswith(f" of {n}") for (text, _b), n in zip(points.values(),
                                                                      metrics.triggered_rows(recs, settings,
                                                                                             chosen)["n"]))
    noted = open_page("overview", {"cycle": "2", "response": "Noted"})
    assert "19%" in triggered(noted)[2] and "48%" not in triggered(noted)[2]  # never the all-recommendations figure
    assert list(benchmark_points(noted)) == ["Noted"]


def test_a_theme_is_compared_with_no_benchmark(use) -> None:
    use("demo")
    at = open_page("overview", {"cycle": "2", "theme": "Land and housing"})
    assert triggered(at)[2] == ""
    assert all(theirs is None for _ours, theirs in benchmark_points(at).values())


def test_pending_is_shown_beside_accepted_and_noted(use) -> None:
    use("imported")
    at = open_page("overview")
    assert figures(at) == {"Recommendations": "5", "Accepted": "3", "Noted": "0", "Pending": "2",
                           "Triggered action": "–"}
    assert any("record their responses in the Response column" in i.value for i in at.info)


@pytest.mark.skipif(not REPORT.exists(), reason=f"research data not present ({REPORT} is absent)")
def test_pending_on_a_sheet_imported_from_the_un_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "imported.xlsx"
    done = subprocess.run([sys.executable, "-m", "upr_sheets", "import-report", str(REPORT), "--cycle", "2",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "34 are Pending" in done.stdout and "Response column" in done.stdout
    assert load_workbook(out)["Recommendations"].max_row == 206
    monkeypatch.setenv(SOURCE_ENV, str(out))
    shown = figures(open_page("overview"))
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"], shown["Pending"]) == ("205", "171", "0",
                                                                                              "34")


def test_nothing_assessed_says_what_to_do_not_a_red_zero(use) -> None:
    use("unassessed")
    at = open_page("overview")
    assert triggered(at) == ("Triggered action", "–", "")
    assert any("has been assessed yet" in i.value and "Status column" in i.value for i in at.info)
    assert not [c for c in at.get("plotly_chart") if "benchmark" in str(c.proto.spec)]


def test_calendar_says_past_as_past_and_which_dates_to_add(use) -> None:
    use("demo")
    at = open_page("overview")
    captions = [c.value for c in at.caption]
    assert "Past: Next review, cycle 2" in captions
    assert not any(c.startswith("Next: ") for c in captions)  # the demo's dates are all past
    assert any("Add a row for cycle 3 in the Cycles tab" in i.value for i in at.info)
