"""Overview: the headline figures of the recommendations in view."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app


@app.live
def render(ctx: app.PageContext) -> None:
    """The Overview page."""
    st.header("Overview")
    app.headline(ctx)
