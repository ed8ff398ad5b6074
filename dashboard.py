"""UPR Monitor: `streamlit run dashboard.py [-- --source SOURCE]`."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app

st.set_page_config(page_title="UPR Monitor", page_icon=":material/travel_explore:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/themes.py", title="Themes", icon=":material/category:"),
    st.Page("pages/ministries.py", title="Ministries", icon=":material/account_balance:"),
    st.Page("pages/cycles.py", title="Cycles", icon=":material/autorenew:"),
    st.Page("pages/states.py", title="Recommending States", icon=":material/public:"),
    st.Page("pages/indicators.py", title="Indicators", icon=":material/monitoring:"),
    st.Page("pages/recommendations.py", title="Recommendations", icon=":material/list_alt:"),
    st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:"),
]

navigation = st.navigation(PAGES)
app.bootstrap()
navigation.run()
