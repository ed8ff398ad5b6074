"""Reading .xlsx: python-calamine (the reader, with its guard) against openpyxl's read-only mode, same process.

Workbooks: the bundled demo and a synthetic one of 10,000 recommendations (+ 50,000 assessments, 1,000
indicators, 20,000 measurements; benchmarks/synthetic.py, ids as text, cycles as numbers, dates as dates).
Prints, for each, the median of warm reads by both readers and their ratio, the guard's own share, then the
cold read (a fresh process: imports + first read) of the 10k workbook against the demo's.

    python benchmarks/bench_xlsx.py            # 5 warm runs each, 3 cold runs each
    python benchmarks/bench_xlsx.py --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

COLD = """
import sys, time
start = time.perf_counter()
from upr_sheets.core.settings import load_settings
from upr_sheets.sources import read_source
book = read_source(sys.argv[1], load_settings())
took = time.perf_counter() - start
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(took, time.process_time(), peak)
"""


def write_10k(path: Path, n: int = 10_000) -> Path:
    """The synthetic workbook as an .xlsx file, cycles as numbers and dates as dates (as editors type them)."""
    from openpyxl import Workbook
    from synthetic import workbook_rows

    book = Workbook(write_only=True)
    for title, rows in workbook_rows(n).items():
        sheet = book.create_sheet(title)
        header = rows[0]
        typed = {i for i, h in enumerate(header) if h in ("Cycle", "Baseline", "Target", "Value")}
        dates = {i for i, h in enumerate(header) if "Date" in h or h == "Last Assessed"}
        sheet.append(header)
        for row in rows[1:]:
            sheet.append([int(v) if i in typed and v.isdigit() else
                          datetime.strptime(v, "%Y-%m-%d") if i in dates and v else v for i, v in enumerate(row)])
    book.save(path)
    return path


def median_seconds(fn, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of `runs` calls (CPU time moves less on a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def cold(path: Path, runs: int) -> tuple[float, float, float]:
    """Median wall and CPU seconds of a fresh process importing the reader and reading `path` once; peak MB."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD, str(path)], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
        results.append(tuple(float(v) for v in out))
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def main() -> None:
    """Print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    from openpyxl_reader import read_with_openpyxl

    from upr_sheets.core.settings import DEMO_WORKBOOK, ReadingSettings
    from upr_sheets.sources.guard import read_regular, scan_xlsx
    from upr_sheets.sources.xlsx import read_xlsx

    limits = ReadingSettings()
    with tempfile.TemporaryDirectory() as tmp:
        books = {"demo": DEMO_WORKBOOK, "10k": write_10k(Path(tmp) / "10k.xlsx")}
        print("median seconds, wall (CPU); python-calamine includes its guard, shown apart too")
        print(f"{'workbook':9} {'python-calamine':>16} {'openpyxl':>16} {'ratio':>12} {'guard':>14}")
        for name, path in books.items():
            runs = args.runs if name == "demo" else max(args.runs // 2, 1)
            new = median_seconds(lambda p=path: read_xlsx(p, source=str(p), limits=limits), runs)
            old = median_seconds(lambda p=path: read_with_openpyxl(p, reset_dimensions=True), runs)
            guard = median_seconds(lambda p=path: scan_xlsx(read_regular(p, limits), p.name, limits), runs)
            print(f"{name:9} {new[0]:8.3f} ({new[1]:5.3f}) {old[0]:8.3f} ({old[1]:5.3f}) "
                  f"{old[0] / new[0]:5.1f}× ({old[1] / new[1]:4.1f}×) {guard[0]:6.3f} ({guard[1]:5.3f})")
        demo, demo_cpu, demo_peak = cold(books["demo"], args.cold_runs)
        big, big_cpu, big_peak = cold(books["10k"], args.cold_runs)
        print(f"cold read (fresh process, imports + first read), wall (CPU): demo {demo:.2f} s ({demo_cpu:.2f}), "
              f"{demo_peak:.0f} MB peak; 10k {big:.2f} s ({big_cpu:.2f}), {big_peak:.0f} MB peak; "
              f"10k / demo = {big / demo:.1f}× ({big_cpu / demo_cpu:.1f}×)")


if __name__ == "__main__":
    main()
