"""Slow pure functions whose results every session shares, through st.cache_data."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from upr_sheets.analysis import recurring

PAIR_COLUMNS = ["cycle", "id", "text"]


def content_key(recs: pd.DataFrame, columns: list[str] = PAIR_COLUMNS) -> str:
    """A digest of the recommendations' (cycle, id, text), in row order: equal content, equal key."""
    frame = recs[columns]
    digest = hashlib.sha256(str(len(frame)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=16)
def _recurring_pairs(key: str, threshold: float, _recs: pd.DataFrame) -> pd.DataFrame:
    return recurring.recurring_pairs(_recs, threshold)


def recurring_pairs(recs: pd.DataFrame, threshold: float = 80.0) -> pd.DataFrame:
    """recurring.recurring_pairs, computed once per content of (cycle, id, text) and threshold for every session."""
    return _recurring_pairs(content_key(recs), float(threshold), recs[PAIR_COLUMNS])
