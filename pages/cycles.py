"""Cycles: the UPR cycles compared."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Cycles page."""
    st.header("Cycles")
    app.headline(ctx)
