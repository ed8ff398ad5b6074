"""The baseline of benchmarks/bench_browser.py: a bare Streamlit app with the dashboard's navigation.

st.navigation over the same six chart pages, each with a header, one metric and one plotly chart of a
small frame: what any Streamlit dashboard pays in the browser before doing work of its own.

    streamlit run benchmarks/bare_app/app.py
"""

from __future__ import annotations

import plotly.express as px
import streamlit as st

st.set_page_config(page_title="Bare app", layout="wide")

PAGES = {"overview": "Overview", "themes": "Themes", "ministries": "Ministries", "cycles": "Cycles",
         "states": "Recommending States", "indicators": "Indicators"}
STATUS = {"status": ["Not implemented", "Partially implemented", "Fully implemented", "No information"],
          "count": [120, 80, 40, 56]}


def page(title: str):
    """One page: a header, a metric and a bar chart."""

    def render() -> None:
        st.header(title)
        st.metric("Recommendations", 296, border=True)
        st.plotly_chart(px.bar(STATUS, x="status", y="count", title=title), key=f"chart_{title}")

    render.__name__ = f"page_{title.lower().replace(' ', '_')}"
    return render


st.navigation([st.Page(page(title), title=title, url_path=key, default=key == "overview")
               for key, title in PAGES.items()]).run()
