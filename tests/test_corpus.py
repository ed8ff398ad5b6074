"""The bad-input corpus through the real `check` command: exit 0/1/2 and a report, never a traceback.

Every workbook of `tests/corpus.py` is checked in-process through `upr_sheets.cli.main` (what the
command runs); a spread sample, unloadable ones included, also runs as `python -m upr_sheets check`
in real subprocesses. Each injected defect must be reported at its sheet and cell with its code and
severity, nothing else may be reported, and each tab's valid rows must be its rows minus the rows
with injected errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from corpus import ENCODINGS, KINDS, Case, generate, write_case

from upr_sheets.checks.codes import IssueCode
from upr_sheets.cli import EXIT_FAILED, EXIT_OK, EXIT_QUARANTINED, main

ROOT = Path(__file__).resolve().parent.parent
CODES = {code.value for code in IssueCode}
# Codes the corpus's base workbook cannot produce (no Share Links, Cycles, Working Group or Lead Organization
# column; its assessments agree with Status): tests/test_validate.py covers them.
NOT_IN_CORPUS = {IssueCode.BAD_BOOLEAN, IssueCode.DUPLICATE_CYCLE, IssueCode.STATUS_DISAGREES,
                 IssueCode.UNKNOWN_WORKING_GROUP, IssueCode.UNKNOWN_ORGANIZATION}


@cache
def cases() -> list[Case]:
    """The corpus, generated once, when first needed (its status spellings come from the settings)."""
    return generate()


def fatal() -> list[Case]:
    """The workbooks that cannot be loaded at all."""
    return [c for c in cases() if c.fatal]


def sample() -> list[Case]:
    """A spread of the corpus, unloadable ones included, for the real processes."""
    return [*cases()[5::24][:12], *fatal()[::2][:8]]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per workbook, the corpus generated at collection: every case in-process, the sample in processes."""
    which = {"test_check_reports_every_injected_defect": cases, "test_check_in_a_real_process": sample}
    if metafunc.function.__name__ in which:
        metafunc.parametrize("case", which[metafunc.function.__name__](), ids=lambda c: c.name)


def assert_contract(case: Case, code: int, out: str, err: str) -> None:
    """Exit status, no traceback, every defect at its cell, and valid rows = rows without injected errors."""
    assert code in (EXIT_OK, EXIT_QUARANTINED, EXIT_FAILED)
    assert "Traceback" not in out and "Traceback" not in err
    assert code == case.expected_exit(), err[-2000:]
    if case.fatal:
        assert out == ""
        assert err.startswith("Could not load the sheet: ") and err.count("\n") == 1
        return
    assert err == ""
    report = json.loads(out)
    assert {i["code"] for i in report["issues"]} <= CODES
    got = {(i["sheet"], i["cell"], i["code"], i["severity"]) for i in report["issues"]}
    expected = case.expected_issues()
    if case.extra_warnings_ok:
        assert expected <= got
        assert {i for i in got if i[3] == "error"} == {i for i in expected if i[3] == "error"}
    else:
        assert got == expected
    if not case.stray_byte:
        shown = {(i["sheet"], i["cell"], i["code"]): i["value"] for i in report["issues"]}
        for where, value in case.expected_values().items():
            assert shown[where] == value, where
    assert report["tabs"] == case.expected_tabs()


def test_check_reports_every_injected_defect(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --json` on one malformed workbook, in-process."""
    path = write_case(case, tmp_path)
    code = main(["check", str(path), "--json"])
    out, err = capsys.readouterr()
    assert_contract(case, code, out, err)


@pytest.fixture(scope="module")
def subprocess_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """The sample, each as `python -m upr_sheets check PATH --json` in its own process, two at a time."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "PYTHONIOENCODING": "utf-8"}

    def run(case: Case) -> subprocess.CompletedProcess[str]:
        path = write_case(case, tmp_path_factory.mktemp("case"))
        return subprocess.run([sys.executable, "-m", "upr_sheets", "check", str(path), "--json"], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((c.name for c in sample()), pool.map(run, sample()), strict=True))


def test_check_in_a_real_process(case: Case, subprocess_runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    """The same contract from a real `python -m upr_sheets check` process."""
    result = subprocess_runs[case.name]
    assert_contract(case, result.returncode, result.stdout, result.stderr)


def test_corpus_is_large_varied_and_deterministic() -> None:
    """At least 200 workbooks, every kind, code, format and encoding present; the same corpus every time."""
    assert len(cases()) >= 200 and len({c.name for c in cases()}) == len(cases())
    assert [c.name for c in generate()] == [c.name for c in cases()]
    kinds = Counter(k for c in cases() for k in c.kinds)
    assert set(kinds) == {k.name for k in KINDS}
    assert {code for c in cases() for _, _, code, _ in c.expected_issues()} == CODES - NOT_IN_CORPUS
    assert {c.fmt for c in cases()} == {"xlsx", "csv"}
    assert set(ENCODINGS) <= {e for c in cases() for e in c.encodings.values()}
    assert sum(len(set(c.encodings.values())) > 1 for c in cases()) >= 5  # mixed encodings in one folder
    assert {c.expected_exit() for c in cases()} == {EXIT_OK, EXIT_QUARANTINED, EXIT_FAILED}
    assert len(fatal()) >= 10 and len(sample()) == 20 and sum(c.fatal for c in sample()) >= 5
