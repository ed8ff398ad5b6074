"""Shared AppTest fixtures: a clean data cache and snapshot folder for every dashboard test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from upr_sheets import sync
from upr_sheets.settings import SOURCE_ENV


@pytest.fixture(autouse=True)
def fresh_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """An empty data cache, snapshots in tmp_path, and no `--source` from pytest's own argv."""
    st.cache_data.clear()
    monkeypatch.setattr(sync, "snapshot_dir", lambda settings: tmp_path / "snapshots")
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    monkeypatch.delenv(SOURCE_ENV, raising=False)
    yield
    st.cache_data.clear()


def figures(at: AppTest) -> dict[str, str]:
    """Metric label → value as shown."""
    return {m.label: m.value for m in at.metric}
