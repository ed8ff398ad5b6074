"""The shared cache around recurring_pairs: keyed on the recommendations' content, computed once."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
import streamlit as st

from upr_sheets.analysis import recurring
from upr_sheets.app import cache

RECS = pd.DataFrame({"row": [2, 3, 4], "id": ["1.1", "2.1", "2.2"], "cycle": pd.array([1, 2, 2], dtype="Int64"),
                     "text": ["Protect land rights of indigenous peoples",
                              "Protect the land rights of indigenous peoples", "Abolish the death penalty"],
                     "status": ["a", "b", "c"]})


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def test_content_key_depends_on_cycle_id_and_text_only():
    key = cache.content_key(RECS)
    assert cache.content_key(RECS.assign(status="other", row=[9, 9, 9])) == key
    assert cache.content_key(RECS.copy()) == key
    assert cache.content_key(RECS.assign(text=RECS["text"].str.upper())) != key
    assert cache.content_key(RECS.assign(id=["1.1", "2.1", "2.20"])) != key
    assert cache.content_key(RECS.assign(cycle=pd.array([1, 2, 3], dtype="Int64"))) != key
    assert cache.content_key(RECS.iloc[:2]) != key


def test_recurring_pairs_are_computed_once_per_content_and_threshold(monkeypatch: pytest.MonkeyPatch):
    calls = []
    real = recurring.recurring_pairs

    def counted(recs: pd.DataFrame, threshold: float = 80.0) -> pd.DataFrame:
        calls.append(threshold)
        return real(recs, threshold)

    monkeypatch.setattr(recurring, "recurring_pairs", counted)
    first = cache.recurring_pairs(RECS)
    again = cache.recurring_pairs(RECS.assign(status="changed"))
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, real(RECS))
    assert first[["id_a", "id_b"]].values.tolist() == [["1.1", "2.1"]]
    cache.recurring_pairs(RECS, 95)
    assert calls == [80.0, 95.0]


@st.cache_data(show_spinner=False)
def _shared_frame(slot: str, n: int) -> cache.Ticket:
    _made.append(n)
    return cache.share(slot, pd.DataFrame({"n": range(n)}))


_made: list[int] = []
shared_frame: cache.SharedCache[pd.DataFrame] = cache.SharedCache(_shared_frame)


def test_a_shared_value_is_the_same_object_on_every_hit_not_a_copy():
    _made.clear()
    first = shared_frame("a", 3)
    assert first is shared_frame("a", 3) is shared_frame("a", 3)  # st.cache_data alone unpickles a copy each time
    assert _made == [3] and list(first["n"]) == [0, 1, 2]
    shared_frame.clear()
    assert shared_frame("a", 3) is not first and _made == [3, 3]


def test_a_ticket_whose_value_was_replaced_is_computed_again():
    _made.clear()
    shared_frame("a", 2)
    cache.share("a", "something else")  # the slot's value changes behind the cache's back
    again = shared_frame("a", 2)  # the cached ticket no longer resolves: Streamlit computes it again
    assert list(again["n"]) == [0, 1] and _made == [2, 2]
    assert cache.redeem("plain") == "plain"
