"""What every session shares through st.cache_data: the loaded data by reference, and slow pure functions.

st.cache_data keeps a pickle of each result and unpickles a new copy on every hit: for the loaded
data that is 0.17 s and a copy of the whole Dataset per page run at 100,000 recommendations. A loaded
Dataset is never changed afterwards, so the data cache holds a ticket (`share`) whose unpickling hands
back the one object this process keeps; Streamlit's TTL, max_entries and clear() work as before.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import pandas as pd
import streamlit as st

PAIR_COLUMNS = ["cycle", "id", "text"]
T = TypeVar("T")

_values: dict[str, Any] = {}  # ticket → the shared value
_tickets: dict[str, str] = {}  # slot (a source) → its current ticket
_lock = threading.Lock()


class Ticket:
    """Stands for a shared value in a pickle: unpickling it gives the value itself (see `share`)."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key

    def __reduce__(self) -> tuple[Callable[[str], Any], tuple[str]]:
        return _redeem, (self.key,)


def _redeem(key: str) -> Any:
    with _lock:
        if key in _values:
            return _values[key]
    from streamlit.runtime.caching.cache_errors import CacheKeyNotFoundError

    raise CacheKeyNotFoundError(key)  # not held any more: Streamlit then computes the value again


def share(slot: str, value: object) -> Ticket:
    """Keep `value` in this process as the slot's one value (replacing the slot's previous one); its ticket."""
    ticket = Ticket(uuid.uuid4().hex)
    with _lock:
        _values.pop(_tickets.get(slot, ""), None)
        _tickets[slot] = ticket.key
        _values[ticket.key] = value
    return ticket


def redeem(value: Ticket | T) -> T:
    """The value a ticket stands for (anything else is returned as it is)."""
    return _redeem(value.key) if isinstance(value, Ticket) else value


class SharedCache(Generic[T]):
    """A st.cache_data function that returns tickets, called for the values: `clear()` clears the cache."""

    def __init__(self, cached: Callable[..., Ticket]):
        self._cached = cached

    def __call__(self, *args: Any) -> T:
        return redeem(self._cached(*args))

    def clear(self) -> None:
        """Forget every cached ticket (the values go when their slots get new ones)."""
        self._cached.clear()  # type: ignore[attr-defined]


def content_key(recs: pd.DataFrame, columns: list[str] = PAIR_COLUMNS) -> str:
    """A digest of the recommendations' (cycle, id, text), in row order: equal content, equal key."""
    frame = recs[columns]
    digest = hashlib.sha256(str(len(frame)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=16)
def _recurring_pairs(key: str, threshold: float, _recs: pd.DataFrame) -> pd.DataFrame:
    from upr_sheets.analysis import recurring  # rapidfuzz, only for the pages that show recurring recommendations

    return recurring.recurring_pairs(_recs, threshold)


def recurring_pairs(recs: pd.DataFrame, threshold: float = 80.0) -> pd.DataFrame:
    """recurring.recurring_pairs, computed once per content of (cycle, id, text) and threshold for every session."""
    return _recurring_pairs(content_key(recs), float(threshold), recs[PAIR_COLUMNS])
