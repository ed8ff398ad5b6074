"""The command line, run as a real subprocess: exit codes, human and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import REC_HEADER, rec, write_xlsx

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_source: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    if env_source:
        env["UPR_MONITOR_SOURCE"] = env_source
    return subprocess.run([sys.executable, "-m", "upr_sheets", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def books(tmp_path):
    clean = write_xlsx(tmp_path / "clean.xlsx", {"Recommendations": [
        REC_HEADER, rec(id="1", status="Not implemented"), rec(id="2", response="Noted", status="in progress")]})
    broken = write_xlsx(tmp_path / "broken.xlsx", {"Recommendations": [
        REC_HEADER, rec(id="1"), rec(id="2", status="Partialy implemented"), rec(id="1")]})
    return {"clean": clean, "broken": broken, "missing": tmp_path / "missing.xlsx"}


@pytest.mark.parametrize("name,code", [("clean", 0), ("broken", 1), ("missing", 2)])
def test_check_exit_codes(books, name, code):
    assert run("check", str(books[name])).returncode == code


def test_check_human_output_one_line_per_issue(books):
    out = run("check", str(books["broken"])).stdout.splitlines()
    assert out[0].startswith("Recommendations!H3 [unknown-status] error:")
    assert "Did you mean `Partially implemented`?" in out[0]
    assert out[1].startswith("Recommendations!A4 [duplicate-id] error:")
    assert "2 rows quarantined" in out[-1]


def test_check_json_shape(books):
    result = run("check", str(books["broken"]), "--json")
    report = json.loads(result.stdout)
    assert set(report) == {"source", "tabs", "issues"}
    assert report["tabs"]["Recommendations"] == {"rows": 3, "valid": 1, "quarantined": 2}
    assert set(report["issues"][0]) == {"sheet", "cell", "row", "column", "value", "code", "severity", "message"}
    assert [(i["cell"], i["code"]) for i in report["issues"]] == [("H3", "unknown-status"), ("A4", "duplicate-id")]


def test_could_not_load_is_one_line_without_traceback(books):
    result = run("check", str(books["missing"]))
    assert "Traceback" not in result.stderr and "was not found" in result.stderr


def test_summary_json(books):
    figures = json.loads(run("summary", str(books["clean"]), "--json").stdout)
    assert figures.pop("left_out") == {"quarantined_rows": 0, "by_tab": {}, "demo": False,
                                       "see": "python3 -m upr_sheets check SOURCE, or the Data quality page"}
    assert figures == {
        "cycle": 2, "recommendations": 2, "by_cycle": {"2": 2},
        "by_response": {"Accepted": 1, "Partially accepted": 0, "Noted": 1, "Pending": 0},
        "by_status": {"Not implemented": 1, "Partially implemented": 1, "Fully implemented": 0,
                      "No information": 0},
        "triggered_action": {"all": 50.0, "accepted": 0.0, "noted": 100.0},
    }


def test_source_from_environment(books):
    assert run("check", env_source=str(books["broken"])).returncode == 1


def test_demo_second_cycle_summary():
    figures = json.loads(run("summary", "demo", "--cycle", "2", "--json").stdout)
    assert figures["recommendations"] == 205
    assert (figures["by_response"]["Accepted"], figures["by_response"]["Noted"]) == (163, 42)
    assert sum(figures["by_status"].values()) == 205


def test_commands_cover_the_current_cycle_unless_asked_for_all(tmp_path):
    current = json.loads(run("summary", "demo", "--json").stdout)
    pooled = json.loads(run("summary", "demo", "--cycle", "all", "--json").stdout)
    assert (current["cycle"], current["recommendations"], current["by_cycle"]) == (2, 205, {"2": 205})
    assert (pooled["cycle"], pooled["recommendations"]) == ("all", 296)
    assert current["left_out"]["demo"] is True
    out = tmp_path / "recs.csv"
    assert "Wrote 205 recommendations" in run("export", "demo", "--format", "csv", "--out", str(out)).stdout
    assert "Wrote 296 recommendations" in run("export", "demo", "--format", "csv", "--out", str(out),
                                              "--cycle", "all").stdout
    assert run("summary", "demo", "--cycle", "latest").returncode == 2  # neither a number nor `all`


def test_demo_is_clean():
    result = run("check", "demo", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["issues"] == []


def test_template_without_a_file_name_writes_the_default_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from upr_sheets import cli

    assert cli.main(["template"]) == 0
    assert (tmp_path / "upr-monitor.xlsx").stat().st_size > 0


def test_template_and_import_report_commands(tmp_path):
    out = tmp_path / "template.xlsx"
    assert run("template", str(out)).returncode == 0
    assert run("check", str(out)).returncode == 0
