"""Time to build each advocacy report (upr_sheets.outputs.reports) at 10,000 recommendations, split by step.

The workbook is benchmarks/synthetic.py's (n recommendations over 4 cycles, 5 assessments each, n/10
indicators, 2n measurements), written as a folder of CSV files and loaded once. Each report is built as the
command line and the Reports page build it: `build_report` (data: the public copy, metrics, tables), then
`render`, which starts kaleido's Chromium, draws the charts, stops it (charts), lays out the document
(render: Jinja2 HTML or python-docx) and, for PDF, prints it with a headless Chromium (print). One warm-up,
then the median of `--runs`.

Baselines, measured in the same process: printing a one-paragraph HTML page to PDF with the same Chromium
command (what every PDF pays), and drawing one one-bar chart with a freshly started kaleido (what every
report with charts pays).

Target: the mid-term report as PDF, with its charts, under 20 s at 10,000 recommendations.

    python benchmarks/bench_reports.py                  # 10k
    python benchmarks/bench_reports.py --sizes 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

REPORTS = {"midterm pdf": ("midterm", "pdf", {}), "midterm docx": ("midterm", "docx", {}),
           "ministry pdf": ("ministry", "pdf", {"ministry": "Ministry of Justice"}),
           "state pdf": ("state", "pdf", {"state": "France"})}
STEPS = ("data", "charts", "render", "print")
TARGET = ("midterm pdf", 10_000, 20.0)


def write_workbook(n: int, folder: Path) -> Path:
    """The synthetic workbook of n recommendations as one CSV file per tab."""
    from synthetic import workbook_rows

    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in workbook_rows(n).items():
        with (folder / f"{title}.csv").open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    return folder


def once(dataset, settings, kind: str, fmt: str, subject: dict) -> tuple[dict[str, float], int, int]:
    """One report built and rendered: seconds per step, bytes, table rows."""
    from upr_sheets.outputs.reports import Table, build_report, render

    start = time.perf_counter()
    report = build_report(dataset, settings, kind, **subject)
    steps = {"data": time.perf_counter() - start}
    data = render(report, fmt, steps)
    rows = sum(len(b.rows) for _, b in report.blocks() if isinstance(b, Table))
    return steps, len(data), rows


def baselines(runs: int) -> dict[str, float]:
    """Median seconds of printing a one-paragraph page, and of one chart with a fresh kaleido server."""
    import plotly.graph_objects as go

    from upr_sheets.outputs.reports import Chart
    from upr_sheets.outputs.reports.images import chart_server, draw
    from upr_sheets.outputs.reports.pdf import print_pdf

    page = "<!doctype html><html lang='en'><meta charset='utf-8'><p>One paragraph.</p></html>"
    chart = Chart("bar", "One bar", go.Figure(go.Bar(x=[1], y=["a"], orientation="h")))
    prints, charts = [], []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        print_pdf(page)
        middle = time.perf_counter()
        with chart_server():
            draw(chart)
        if attempt:
            prints.append(middle - start)
            charts.append(time.perf_counter() - middle)
    return {"print one paragraph": statistics.median(prints), "one chart, fresh kaleido": statistics.median(charts)}


def main(argv: list[str] | None = None) -> None:
    """Measure, then print seconds per report and step, and the baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from upr_sheets.checks.validate import validate
    from upr_sheets.core.settings import load_settings
    from upr_sheets.sources import read_source

    settings = load_settings()
    base = baselines(args.runs)
    print("Baselines (same process): " + ", ".join(f"{k} {v:.2f} s" for k, v in base.items()), flush=True)
    results: dict[int, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        for n in args.sizes:
            dataset = validate(read_source(str(write_workbook(n, Path(tmp) / f"book-{n}")), settings), settings)
            results[n] = {}
            for name, (kind, fmt, subject) in REPORTS.items():
                once(dataset, settings, kind, fmt, subject)  # warm-up
                runs = [once(dataset, settings, kind, fmt, subject) for _ in range(args.runs)]
                totals = [sum(steps.values()) for steps, _, _ in runs]
                median = statistics.median(totals)
                steps = {s: statistics.median(r[0].get(s, 0.0) for r in runs) for s in STEPS}
                results[n][name] = {"total": median, "steps": steps, "bytes": runs[0][1], "rows": runs[0][2]}
                print(f"  {n:,} {name}: {median:.2f} s", flush=True)
    print(f"\nMedian of {args.runs} after one warm-up, seconds per report; steps are medians too. "
          f"× = total / printing one paragraph ({base['print one paragraph']:.2f} s).")
    print(f"{'n':>7}  {'report':14}{'total':>8}{'×':>7}" + "".join(f"{s:>9}" for s in STEPS)
          + f"{'size':>10}{'rows':>8}")
    for n, found in results.items():
        for name, r in found.items():
            cells = "".join(f"{r['steps'][s]:9.2f}" for s in STEPS)
            print(f"{n:>7,}  {name:14}{r['total']:8.2f}{r['total'] / base['print one paragraph']:6.1f}×{cells}"
                  f"{r['bytes'] / 1024:8,.0f}KB{r['rows']:8,}")
    name, n, limit = TARGET
    if n in results:
        took = results[n][name]["total"]
        print(f"Target: {name} under {limit:g} s at {n:,} recommendations: {took:.2f} s, "
              f"{'met' if took < limit else 'NOT met'}")


if __name__ == "__main__":
    main()
