"""Ministries: progress by responsible government body."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Ministries page."""
    st.header("Ministries")
    app.headline(ctx)
