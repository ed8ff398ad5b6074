"""Recommending States: who recommended what, and what came of it."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Recommending States page."""
    st.header("Recommending States")
    app.headline(ctx)
