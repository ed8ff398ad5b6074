"""Load + validate + normalise benchmark at 1k / 10k / 100k recommendations.

Each size runs in a fresh process (so peak memory is that size's alone). The input is the JSON
body a Sheets `values:batchGet` returns for the workbook; the measured path is what a refresh does
after the HTTP read: parse JSON → RawWorkbook → validate/normalise. The baseline, measured in the
same process, is parsing the same JSON and building one plain `pandas.DataFrame` per tab.

    python benchmarks/bench_load.py                 # 1k, 10k, 100k; recommendations only and full workbook
    python benchmarks/bench_load.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

RUNS = 5


def make_body(n: int, full: bool) -> bytes:
    """The batchGet response body for a synthetic workbook of n recommendations."""
    from synthetic import workbook_rows

    tabs = workbook_rows(n, 5 if full else 0, 2 if full else 0)
    if not full:
        tabs = {"Recommendations": tabs["Recommendations"]}
    ranges = [{"range": f"'{t}'!A1:Q{len(rows)}", "majorDimension": "ROWS", "values": rows} for t, rows in tabs.items()]
    return json.dumps({"spreadsheetId": "bench", "valueRanges": ranges}).encode()


def measure(path: Path) -> dict:
    """Median times of the full path and the baseline, and this process's peak memory."""
    import pandas as pd

    from upr_sheets.checks.validate import validate
    from upr_sheets.core.perf import no_gc
    from upr_sheets.core.raw import RawTable, RawWorkbook
    from upr_sheets.core.settings import load_settings

    settings = load_settings()
    body = path.read_bytes()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def ours():
        with no_gc():  # as upr_sheets.sync does around the read
            ranges = json.loads(body)["valueRanges"]
        tables = {}
        for vr in ranges:
            title = vr["range"].split("!")[0].strip("'")
            tables[title] = RawTable(title, vr.get("values", []))
        return validate(RawWorkbook("bench", tables, "gsheet"), settings)

    def baseline():
        ranges = json.loads(body)["valueRanges"]
        return [pd.DataFrame(vr["values"][1:], columns=vr["values"][0]) for vr in ranges]

    times, base = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        dataset = ours()
        times.append(time.perf_counter() - t)
        issues, rows = len(dataset.issues), {k: r.rows for k, r in dataset.tabs.items() if r.present}
        del dataset  # one result alive at a time, as in the app
        t = time.perf_counter()
        baseline()
        base.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"median_s": statistics.median(times), "baseline_s": statistics.median(base),
            "peak_mb": peak, "start_mb": rss_before, "issues": issues, "rows": rows}


def main() -> None:
    """Run every size in its own process and print a table."""
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    p.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"{'workbook':<26}{'median':>9}{'baseline':>10}{'ratio':>7}{'peak MB':>9}{'per 1k recs':>13}")
    for full in (False, True):
        per_k = []
        for n in args.sizes:
            with tempfile.NamedTemporaryFile(suffix=".json") as fh:
                fh.write(make_body(n, full))
                fh.flush()
                out = subprocess.run([sys.executable, __file__, "--one", fh.name], capture_output=True, text=True,
                                     check=True)
            r = json.loads(out.stdout)
            per_k.append(r["median_s"] / n * 1000)
            label = f"{n:,} recs" + (" + 5 assess + 2 meas" if full else " only")
            print(f"{label:<26}{r['median_s']:>8.3f}s{r['baseline_s']:>9.3f}s{r['median_s'] / r['baseline_s']:>6.1f}x"
                  f"{r['peak_mb']:>9.0f}{per_k[-1] * 1000:>11.2f}ms")
        if len(per_k) > 1:
            print(f"  cost per 1k recommendations, largest / smallest size: {per_k[-1] / per_k[0]:.2f} "
                  "(1.0 = linear)")
    print(f"(median of {RUNS} runs; peak MB = the size's whole process, interpreter and libraries included)")


if __name__ == "__main__":
    main()
