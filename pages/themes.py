"""Themes: progress by theme."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Themes page."""
    st.header("Themes")
    app.headline(ctx)
