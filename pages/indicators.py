"""Indicators: the measures attached to recommendations."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Indicators page."""
    st.header("Indicators")
    app.headline(ctx)
