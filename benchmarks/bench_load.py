"""Load + validate + normalise benchmark at 10k / 30k / 100k recommendations, with the targets of the load.

Each size runs in a fresh process (so peak memory is that size's alone). The input is the compact JSON
body a Sheets `values:batchGet` returns for the workbook; the measured path is what a refresh does
after the HTTP read (upr_sheets.sync): parse JSON → RawWorkbook (sources.gsheets_body) → validate and
normalise, with the collector paused and a large load frozen out of it (core.perf.no_gc). The
baseline, measured in the same process, is parsing the same JSON and building one plain
`pandas.DataFrame` per tab. Two workbooks: the Recommendations tab alone, and the full workbook (n
recommendations, 2n assessments, n/10 indicators and n measurements: 100k + 310k rows at 100k).

Targets printed at the largest size: recommendations only within 1.3x of the baseline; the full
workbook under 4 s and 800 MB peak; the cost per 1,000 recommendations about the same at each size
(linear; 10k is the reference, as 1k is mostly fixed overhead).

    python benchmarks/bench_load.py                 # 10k, 30k, 100k; recommendations only and full workbook
    python benchmarks/bench_load.py --sizes 10000 30000 --runs 3
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
ASSESSMENTS_PER, MEASUREMENTS_PER = 2, 1
TARGET_RATIO, TARGET_SECONDS, TARGET_MB = 1.3, 4.0, 800


def make_body(n: int, full: bool) -> bytes:
    """The batchGet response body for a synthetic workbook of n recommendations."""
    from synthetic import workbook_rows

    tabs = workbook_rows(n, ASSESSMENTS_PER if full else 0, MEASUREMENTS_PER if full else 0)
    if not full:
        tabs = {"Recommendations": tabs["Recommendations"]}
    ranges = [{"range": f"'{t}'!A1:Q{len(rows)}", "majorDimension": "ROWS", "values": rows} for t, rows in tabs.items()]
    return json.dumps({"spreadsheetId": "bench", "valueRanges": ranges}, separators=(",", ":")).encode()


def measure(path: Path, runs: int) -> dict:
    """Median wall and CPU times of the full path and the baseline, and this process's peak memory."""
    import pandas as pd

    from upr_sheets.checks.validate import validate
    from upr_sheets.core.perf import no_gc
    from upr_sheets.core.raw import RawWorkbook
    from upr_sheets.core.settings import load_settings
    from upr_sheets.sources.gsheets_body import tables_from_body

    settings = load_settings()
    body = path.read_bytes()
    tabs = [(vr["range"].split("!")[0].strip("'"), i) for i, vr in enumerate(json.loads(body)["valueRanges"])]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def ours():
        with no_gc(freeze=True):  # as upr_sheets.sync does around the read and the validation
            tables = tables_from_body(json.loads(body), tabs)
            return validate(RawWorkbook("bench", tables, "gsheet"), settings)

    def baseline():
        ranges = json.loads(body)["valueRanges"]
        return [pd.DataFrame(vr["values"][1:], columns=vr["values"][0]) for vr in ranges]

    def timed(fn) -> tuple[float, float, object]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        return time.perf_counter() - wall, time.process_time() - cpu, out

    times, cpus, base, base_cpus = [], [], [], []
    for _ in range(runs):
        wall, cpu, dataset = timed(ours)
        times.append(wall)
        cpus.append(cpu)
        issues, rows = len(dataset.issues), {k: r.rows for k, r in dataset.tabs.items() if r.present}
        del dataset  # one result alive at a time, as in the app
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the baseline adds its own
    for _ in range(runs):
        wall, cpu, frames = timed(baseline)
        base.append(wall)
        base_cpus.append(cpu)
        del frames
    return {"median_s": statistics.median(times), "baseline_s": statistics.median(base),
            "cpu_s": statistics.median(cpus), "baseline_cpu_s": statistics.median(base_cpus),
            "peak_mb": peak, "start_mb": rss_before, "issues": issues, "rows": rows}


def main() -> None:
    """Run every size in its own process, print a table and the targets."""
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    p.add_argument("--runs", type=int, default=RUNS)
    p.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.runs)))
        return
    print(f"{'workbook':<30}{'median':>9}{'baseline':>10}{'ratio':>7}{'CPU':>8}{'CPU ratio':>10}{'peak MB':>9}"
          f"{'per 1k recs':>13}{'CPU per 1k':>12}")
    largest: dict[bool, dict] = {}
    for full in (False, True):
        per_k, cpu_k = [], []
        for n in args.sizes:
            with tempfile.NamedTemporaryFile(suffix=".json") as fh:
                fh.write(make_body(n, full))
                fh.flush()
                out = subprocess.run([sys.executable, __file__, "--one", fh.name, "--runs", str(args.runs)],
                                     capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            per_k.append(r["median_s"] / n * 1000)
            cpu_k.append(r["cpu_s"] / n * 1000)
            label = f"{n:,} recs" + (f" + {sum(r['rows'].values()) - n:,} rows" if full else " only")
            print(f"{label:<30}{r['median_s']:>8.3f}s{r['baseline_s']:>9.3f}s{r['median_s'] / r['baseline_s']:>6.2f}x"
                  f"{r['cpu_s']:>7.3f}s{r['cpu_s'] / r['baseline_cpu_s']:>9.2f}x{r['peak_mb']:>9.0f}"
                  f"{per_k[-1] * 1000:>11.2f}ms{cpu_k[-1] * 1000:>10.2f}ms", flush=True)
            largest[full] = r | {"n": n}
        if len(per_k) > 1:
            print(f"  cost per 1k recommendations at {args.sizes[-1]:,} / at {args.sizes[0]:,}: "
                  f"{per_k[-1] / per_k[0]:.2f} wall, {cpu_k[-1] / cpu_k[0]:.2f} CPU (1.0 = linear)")
    recs, full = largest[False], largest[True]
    ratio = recs["median_s"] / recs["baseline_s"]
    print(f"target: {recs['n']:,} recommendations within {TARGET_RATIO}x of json.loads + DataFrame: {ratio:.2f}x "
          f"(CPU {recs['cpu_s'] / recs['baseline_cpu_s']:.2f}x) — " + _verdict(ratio, TARGET_RATIO, "x"))
    print(f"target: full workbook at {full['n']:,} under {TARGET_SECONDS:g} s: {full['median_s']:.2f} s "
          f"(CPU {full['cpu_s']:.2f} s) — " + _verdict(full["median_s"], TARGET_SECONDS, " s"))
    print(f"target: full workbook at {full['n']:,} under {TARGET_MB} MB peak: {full['peak_mb']:.0f} MB — "
          + _verdict(full["peak_mb"], TARGET_MB, " MB"))
    print(f"(median of {args.runs} runs; wall time and, beside it, CPU time, which a busy machine disturbs less; "
          "peak MB = the size's whole process, interpreter, libraries and the JSON body included)")


def _verdict(value: float, target: float, unit: str) -> str:
    return "met" if value <= target else f"missed by {value - target:.2f}{unit} ({value / target - 1:.0%})"


if __name__ == "__main__":
    main()
