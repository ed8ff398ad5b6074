"""Streamlit glue for the sidebar filters: multiselects that round-trip through the URL query string."""

from __future__ import annotations

import streamlit as st

from .filters import FIELDS, Filters, filter_options
from .model import Dataset
from .settings import Settings

LABELS = {"cycles": "Cycle", "responses": "Response", "themes": "Theme", "ministries": "Ministry",
          "working_groups": "Working group", "statuses": "Status", "priorities": "Priority",
          "states": "Recommending State"}


def _query_now() -> dict[str, list[str]]:
    """The filter keys of the current URL, with repeated keys as lists."""
    keys = {key for key, _ in FIELDS.values()}
    return {key: st.query_params.get_all(key) for key in st.query_params.keys() if key in keys}


def _clear_filters() -> None:
    for attr in FIELDS:
        st.session_state[f"filter_{attr}"] = []
    st.session_state.pop("upr_filters_query", None)
    for key, _ in FIELDS.values():
        st.query_params.pop(key, None)


def sidebar_filters(dataset: Dataset, settings: Settings) -> Filters:
    """Sidebar multiselects, initialised from and written back to the URL so a copied link opens this view."""
    options = filter_options(dataset, settings)
    saved: dict[str, list[str]] | None = st.session_state.get("upr_filters_query")
    query = _query_now()
    if not query and saved:
        query = saved  # a page switch dropped the query string: restore it
    offered = {attr: [str(c) for c in choices] for attr, choices in options.items()}
    if query != saved:
        wanted = Filters.from_query(query).within(options)
        for attr in FIELDS:
            st.session_state[f"filter_{attr}"] = [str(v) for v in getattr(wanted, attr)]
    for attr in FIELDS:
        current = st.session_state.get(f"filter_{attr}", [])
        st.session_state[f"filter_{attr}"] = [v for v in current if v in offered[attr]]
    with st.sidebar:
        st.subheader("Filters")
        for attr, choices in offered.items():
            if choices:
                label = LABELS.get(attr, attr.replace("_", " ").capitalize())
                st.multiselect(label, choices, key=f"filter_{attr}", placeholder="All")
        st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_clear_filters,
                  disabled=not any(st.session_state.get(f"filter_{a}") for a in FIELDS))
    chosen = {key: st.session_state.get(f"filter_{attr}", []) for attr, (key, _) in FIELDS.items()}
    filters = Filters.from_query(chosen).within(options)
    canonical = filters.to_query()
    if canonical != _query_now():
        for key, _ in FIELDS.values():
            if key in canonical:
                st.query_params[key] = canonical[key]
            else:
                st.query_params.pop(key, None)
    st.session_state["upr_filters_query"] = canonical
    return filters
