"""Streamlit glue for the sidebar: the interface language and the filters, both round-tripping through the URL
query string (`?lang=km&cycle=2&theme=Land`), so that a copied link opens the same view in the same language.

Filter values and the query string stay in the data's own words whatever the language: only what the
sidebar shows is translated (labels, and the words of the data model such as responses and statuses).
"""

from __future__ import annotations

import streamlit as st

from upr_sheets.analysis.filters import (
    FIELDS,
    Filters,
    current_cycle,
    filter_options,
    query_with_cycles,
    with_default_cycle,
)
from upr_sheets.analysis.pageviews import sdg_name
from upr_sheets.core import i18n
from upr_sheets.core.i18n import N_, _, number
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

LABELS = {"cycles": N_("Cycle"), "responses": N_("Response"), "themes": N_("Theme"), "ministries": N_("Ministry"),
          "working_groups": N_("Working group"), "statuses": N_("Status"), "priorities": N_("Priority"),
          "states": N_("Recommending State"), "sdgs": N_("SDGs")}
TRANSLATED_CHOICES = frozenset({"responses", "statuses", "priorities"})  # vocabularies, not sheet text
LANGUAGE_KEY = "upr_lang"  # st.session_state key of the language selectbox
LANGUAGE_SAVED = "upr_lang_query"  # the language of the last full run, for when a page switch drops `?lang=`


def language() -> str:
    """The interface language of this run, activated for it (upr_sheets.core.i18n) and kept in the URL.

    The sidebar's choice wins; a new `?lang=` (a link just opened, a URL edited) sets it; a query string
    dropped by a page switch keeps the session's language. English, the default, is left out of the URL.
    Called before anything is shown, on every full run.
    """
    given = st.query_params.get_all(i18n.QUERY_PARAM)
    saved = st.session_state.get(LANGUAGE_SAVED)
    wanted = i18n.parse_language(given[-1]) if given else saved
    chosen = st.session_state.get(LANGUAGE_KEY) if wanted == saved else None
    lang = i18n.activate(chosen or wanted)
    # Set every run: the selectbox's label is translated, so it is a new widget after a change of language,
    # and would otherwise start again from its first option.
    st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_SAVED] = lang
    if lang == i18n.SOURCE_LANGUAGE:
        st.query_params.pop(i18n.QUERY_PARAM, None)
    elif st.query_params.get_all(i18n.QUERY_PARAM) != [lang]:
        st.query_params[i18n.QUERY_PARAM] = lang
    return lang


def session_language() -> str:
    """The language of the session's last full run, activated again (for a fragment rerun, which skips language())."""
    return i18n.activate(st.session_state.get(LANGUAGE_SAVED))


def language_selector() -> None:
    """The language selectbox, at the top of the sidebar; each language is named in its own script."""
    with st.sidebar:
        st.selectbox(":material/translate: " + _("Language"), list(i18n.LANGUAGES), key=LANGUAGE_KEY,
                     format_func=i18n.LANGUAGES.__getitem__)


def _query_now() -> dict[str, list[str]]:
    """The filter keys of the current URL, with repeated keys as lists."""
    keys = {key for key, _column in FIELDS.values()}
    return {key: st.query_params.get_all(key) for key in st.query_params.keys() if key in keys}


def _clear_filters() -> None:
    """Back to the default view: the current cycle, nothing else selected."""
    for attr in FIELDS:
        st.session_state[f"filter_{attr}"] = []
    st.session_state.pop("upr_filters_query", None)
    for key, _column in FIELDS.values():
        st.query_params.pop(key, None)


def _set_cycles(cycles: list[str]) -> None:
    st.session_state["filter_cycles"] = cycles


def _cycle_switch(offered: list[str], current: int | None) -> None:
    """Under the Cycle filter: one click between the current review and all of them, saying that all pools them."""
    if current is None or len(offered) < 2:
        return
    chosen = st.session_state.get("filter_cycles", [])
    if not chosen:
        st.caption(_("All cycles: the figures pool {n} reviews.").format(n=number(len(offered))))
        st.button(_("Current cycle only ({cycle})").format(cycle=current), icon=":material/event:",
                  on_click=_set_cycles, args=([str(current)],), type="tertiary", key="upr_current_cycle")
    elif chosen == [str(current)]:
        st.button(_("All cycles"), icon=":material/layers:", on_click=_set_cycles, args=([],), type="tertiary",
                  key="upr_all_cycles", help=_("Pools the {n} reviews in one set of figures.").format(
                      n=number(len(offered))))


def _goal_name(goal: str) -> str:
    """`16 · Peace, justice and strong institutions`, in the interface language (as the Themes page names goals)."""
    return sdg_name(int(goal))


def _shown(attr: str):
    """How the sidebar names a filter's choices: vocabularies and SDGs in the interface language, sheet text as
    typed."""
    return _goal_name if attr == "sdgs" else _ if attr in TRANSLATED_CHOICES else str


FILTERS_KEY = "sidebar_filters"


def sidebar_filters(dataset: Dataset, settings: Settings) -> Filters:
    """Sidebar multiselects, initialised from and written back to the URL so a copied link opens this view."""
    options = filter_options(dataset, settings)
    current = current_cycle(dataset, settings)
    saved: dict[str, list[str]] | None = st.session_state.get("upr_filters_query")
    query = _query_now()
    if not query and saved:
        query = saved  # a page switch dropped the query string: restore it
    offered = {attr: [str(c) for c in choices] for attr, choices in options.items()}
    if query != saved:  # pages open on the current cycle unless the link says another, or `cycle=all`
        wanted = Filters.from_query(with_default_cycle(query, current)).within(options)
        for attr in FIELDS:
            st.session_state[f"filter_{attr}"] = [str(v) for v in getattr(wanted, attr)]
    for attr in FIELDS:
        kept = st.session_state.get(f"filter_{attr}", [])
        st.session_state[f"filter_{attr}"] = [v for v in kept if v in offered[attr]]
    with st.sidebar, st.container(key=FILTERS_KEY):  # a page the filters do not apply to hides it (app.style)
        st.subheader(_("Filters"))
        for attr, choices in offered.items():
            if choices:
                label = _(LABELS[attr]) if attr in LABELS else attr.replace("_", " ").capitalize()
                st.multiselect(label, choices, key=f"filter_{attr}", placeholder=_("All"), format_func=_shown(attr))
                if attr == "cycles":
                    _cycle_switch(choices, current)
        default = [str(current)] if current is not None else []
        st.button(_("Clear filters"), icon=":material/filter_alt_off:", on_click=_clear_filters,
                  key="upr_clear_filters",
                  disabled=st.session_state.get("filter_cycles", []) == default
                  and not any(st.session_state.get(f"filter_{a}") for a in FIELDS if a != "cycles"))
    chosen = {key: st.session_state.get(f"filter_{attr}", []) for attr, (key, _column) in FIELDS.items()}
    filters = Filters.from_query(chosen).within(options)
    canonical = query_with_cycles(filters, current)
    if canonical != _query_now():
        for key, _column in FIELDS.values():
            if key in canonical:
                st.query_params[key] = canonical[key]
            else:
                st.query_params.pop(key, None)
    st.session_state["upr_filters_query"] = canonical
    return filters
