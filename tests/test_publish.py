"""The published snapshot: `python -m upr_sheets publish` on the demo, and no private or live text in it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from canary import CANARY, HOSTILE, write_canary_workbook

from upr_sheets.checks.validate import validate
from upr_sheets.core.settings import DEMO_WORKBOOK, load_settings
from upr_sheets.outputs import publish, publish_html
from upr_sheets.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = ["index.html", *publish.PAGES]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "upr_sheets", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo published with scope cycle=2 through the command line."""
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    out = tmp_path_factory.mktemp("site")
    done = run_cli("publish", "demo", str(out), "--scope", "cycle=2")
    assert done.returncode == 0, done.stderr
    assert "index.html" in done.stdout and "cycle 2" in done.stdout
    return out


def pages(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_text(encoding="utf-8") for name in PAGE_FILES}


def cards(text: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="card">([^<]+)<b>([^<]+)</b></div>', text))


def test_one_file_per_viewer_page_plus_index_and_one_local_plotly(demo_site: Path) -> None:
    assert sorted(p.name for p in demo_site.iterdir()) == sorted([*PAGE_FILES, "plotly.min.js", "charts.js"])
    for name, text in pages(demo_site).items():
        assert text.startswith("<!doctype html>"), name
        for other in PAGE_FILES:
            assert f'href="{other}"' in text, f"{name} does not link to {other}"
        assert text.count('<script src="plotly.min.js"></script>') == 1, name
    assert (demo_site / "plotly.min.js").stat().st_size > 1_000_000


def test_second_cycle_figures_match_the_un_report(demo_site: Path) -> None:
    for name in ("index.html", "overview.html"):
        shown = cards((demo_site / name).read_text(encoding="utf-8"))
        assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42"), name
    assert "<p>205 recommendations.</p>" in (demo_site / "recommendations.html").read_text(encoding="utf-8")


def test_charts_and_tables_are_present(demo_site: Path) -> None:
    site = pages(demo_site)
    for name in publish.PAGES:
        if name != "recommendations.html":
            assert 'class="plotly-graph-div"' in site[name], f"{name} has no chart"
            assert 'type="application/json" data-chart=' in site[name], name
    for name in ("themes.html", "ministries.html", "cycles.html", "states.html", "indicators.html",
                 "recommendations.html"):
        assert "<table>" in site[name], f"{name} has no table"


def test_no_cdn_or_remote_resource_is_needed(demo_site: Path) -> None:
    for name, text in pages(demo_site).items():
        assert "https://cdn" not in text, name
        assert not re.search(r'(src|href)="(https?:)?//', text), name
        assert "default-src 'none'" in text, name


def test_every_page_shows_the_date_of_the_data(demo_site: Path) -> None:
    dataset = validate(read_source("demo", load_settings()), load_settings())
    when = publish.data_date(dataset)
    assert re.fullmatch(r"\d\d \w{3} \d{4}", when)
    for name, text in pages(demo_site).items():
        footer = text[text.index("<footer>"):]
        assert f"Data as of {when}" in footer and "cycle 2" in footer, name


def test_a_bad_scope_stops_before_writing(tmp_path: Path) -> None:
    done = run_cli("publish", "demo", str(tmp_path / "out"), "--scope", "colour=blue")
    assert done.returncode == 2 and "not a scope" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The canary workbook, published: every file, as text."""
    settings = load_settings()
    source = write_canary_workbook(tmp_path_factory.mktemp("canary") / "book")
    dataset = validate(read_source(str(source), settings), settings)
    out = tmp_path_factory.mktemp("canary-site")
    publish.write_site(dataset, settings, out)
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_no_private_field_or_tab_is_published(canary_site: dict[str, str]) -> None:
    leaks = [name for name, text in canary_site.items() if CANARY in text.casefold()]
    assert not leaks, f"the canary was published in {leaks}"
    assert "recommendation 0" in canary_site["recommendations.html"]  # the public text was published


def test_the_canary_would_be_found_if_published(tmp_path: Path) -> None:
    settings = load_settings()
    dataset = validate(read_source(str(write_canary_workbook(tmp_path / "book")), settings), settings)
    notes = dataset.recommendations["internal_notes"].iloc[0]
    assert CANARY in notes and CANARY in publish_html.table(dataset.recommendations, {"internal_notes": "x"})


def test_hostile_text_is_escaped_everywhere(canary_site: dict[str, str]) -> None:
    html_files = {name: text for name, text in canary_site.items() if name.endswith(".html")}
    joined = "\n".join(html_files.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=alert(1)&gt;" in joined
    assert "=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)" in joined
    for name, text in html_files.items():
        assert "<script>alert(1)" not in text and "<img" not in text, name
        assert "<a href=\"javascript" not in text and 'href="http://evil' not in text, name
        scripts = re.findall(r"<script\b([^>]*)>", text)
        assert all(attrs in (' src="plotly.min.js"', ' src="charts.js"') or 'type="application/json"' in attrs
                   for attrs in scripts), (name, scripts)
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', text, flags=re.S):
            assert "<" not in block and ">" not in block, name


def test_the_site_is_titled_after_the_coalition(tmp_path: Path) -> None:
    from upr_sheets.core.settings import CoalitionSettings

    settings = load_settings()
    dataset = validate(read_source(str(write_canary_workbook(tmp_path / "book")), settings), settings)
    ours = settings.model_copy(update={"coalition": CoalitionSettings(name="Example Coalition", country="Cambodia")})
    assert "<strong>Example Coalition · Cambodia</strong>" in publish.build_site(dataset, ours)["index.html"]
    assert "<strong>UPR Monitor</strong>" in publish.build_site(dataset, settings)["index.html"]


def test_build_site_is_pure_and_dated(tmp_path: Path) -> None:
    settings = load_settings()
    dataset = validate(read_source(str(write_canary_workbook(tmp_path / "book")), settings), settings)
    files = publish.build_site(dataset, settings, "cycle=1", title="<b>Coalition</b>", today=date(2027, 1, 2))
    assert set(files) == {*PAGE_FILES, "plotly.min.js", "charts.js"}
    assert not list(tmp_path.glob("*.html"))
    assert "published 02 Jan 2027" in files["index.html"] and "cycle 1" in files["index.html"]
    assert "&lt;b&gt;Coalition&lt;/b&gt;" in files["index.html"] and "<b>Coalition" not in files["index.html"]
    assert HOSTILE[0] not in files["recommendations.html"]
