"""UPR Monitor: `streamlit run dashboard.py [-- --source SOURCE]`."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.app import routes
from upr_sheets.core.i18n import N_, _

st.set_page_config(page_title="UPR Monitor", page_icon=app.ICON, layout="wide")  # bundled: no request elsewhere
routes.close_legacy_dialog()  # the first visit after a start to an unknown address: Streamlit's dialog, in English

# page key (file name in pages/, also its URL path, the same in every language) → (title, icon); the session's
# access picks which are offered. Titles are translated once bootstrap() has set the language of the run.
PAGES = {
    "overview": (N_("Overview"), ":material/dashboard:"),
    "themes": (N_("Themes"), ":material/category:"),
    "ministries": (N_("Ministries"), ":material/account_balance:"),
    "cycles": (N_("Cycles"), ":material/autorenew:"),
    "states": (N_("Recommending States"), ":material/public:"),
    "indicators": (N_("Indicators"), ":material/monitoring:"),
    "recommendations": (N_("Recommendations"), ":material/list_alt:"),
    "reports": (N_("Reports"), ":material/description:"),  # pages/reports.py
    "data_quality": (N_("Data quality"), ":material/fact_check:"),
}

HOME = "home"  # the landing page's own URL path, never shown: it opens at the root address

gate = app.bootstrap()
if gate.stop is not None:
    pages = [st.Page(gate.stop, title="UPR Monitor", icon=":material/travel_explore:", default=True)]
else:
    # The landing page opens at the root address; Streamlit gives a default page no other one, so `/overview` (a
    # bookmark, a link from elsewhere) would show its "Page not found" dialog. A hidden twin serves that address.
    landing = gate.landing or gate.pages[0]
    pages = [st.Page(f"pages/{key}.py", title=_(title), icon=icon, default=key == landing,
                     url_path=HOME if key == landing else key)
             for key, (title, icon) in PAGES.items() if key in gate.pages]
    title, icon = PAGES[landing]
    pages.append(st.Page(f"pages/{landing}.py", title=_(title), icon=icon, url_path=landing, visibility="hidden"))
    pages += routes.hidden_pages(gate.pages)  # other spellings people type: /data-quality, /quality … (app.routes)
routes.forget_unknown([HOME, *(page.url_path for page in pages)])  # an unknown address: no English dialog
page = st.navigation(pages)
routes.notice(page.title)
page.run()
