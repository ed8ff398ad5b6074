"""UPR Monitor: `streamlit run dashboard.py [-- --source SOURCE]`."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app

st.set_page_config(page_title="UPR Monitor", page_icon=":material/travel_explore:", layout="wide")

# page key (file name in pages/, also its URL path) → (title, icon); the session's access picks which are offered
PAGES = {
    "overview": ("Overview", ":material/dashboard:"),
    "themes": ("Themes", ":material/category:"),
    "ministries": ("Ministries", ":material/account_balance:"),
    "cycles": ("Cycles", ":material/autorenew:"),
    "states": ("Recommending States", ":material/public:"),
    "indicators": ("Indicators", ":material/monitoring:"),
    "recommendations": ("Recommendations", ":material/list_alt:"),
    "data_quality": ("Data quality", ":material/fact_check:"),
}

gate = app.bootstrap()
if gate.stop is not None:
    pages = [st.Page(gate.stop, title="UPR Monitor", icon=":material/travel_explore:", default=True)]
else:
    pages = [st.Page(f"pages/{key}.py", title=title, icon=icon, default=key == gate.pages[0])
             for key, (title, icon) in PAGES.items() if key in gate.pages]
st.navigation(pages).run()
