"""The Streamlit glue of the dashboard: with pages/*.py and dashboard.py, the only code that imports Streamlit.

Everything else in upr_sheets is plain Python, tested without a server, and never imports this package
(upr_sheets.outputs.reports and upr_sheets.outputs.publish included). The modules:

- context: what dashboard.py runs first (bootstrap) and what a page gets (page_context, live, PageContext);
- loader: the checked settings, the source, and the one cached loader every session shares;
- visitor: who the visitor is (read-only link, signed-in member, open mode) and what they may see;
- banner: how fresh the data is and where it comes from, above every page;
- legacy: a page opened before dashboard.py ran (Streamlit's legacy pages/ folder) starts again from it;
- gate: the pages shown instead of the data (sign in, errors, not a member, link not valid);
- sidebar: the interface language and the filters, round-tripping through the URL;
- cache: slow pure functions shared by every session (recurring recommendations);
- widgets: what several pages show the same way (why a page is empty, capped tables, recommendation columns);
- downloads: the Download menu of the Recommendations page, and every issue as a file (Data quality);
- reports_form: what the Reports page offers, and one report built (no Streamlit);
- followup_view: overdue and due-soon recommendations (Overview, Ministries);
- record_form: the forms that record an assessment or a measurement into the sheet, and the outbox.

Pages import the package (`from upr_sheets import app`) and use what is re-exported here.
"""

from __future__ import annotations

from upr_sheets.analysis.views import plain_md

from .banner import ago
from .cache import recurring_pairs
from .context import STATE_KEY, DashboardState, Gate, PageContext, bootstrap, live, page_context
from .downloads import download_buttons, issue_downloads
from .followup_view import follow_up_panel
from .gate import ICON
from .loader import current_source, get_settings
from .record_form import assessment_form, measurement_form
from .style import hide_filters, scroll_to
from .visitor import current_user
from .widgets import (
                      LIMIT,
                      capped_caption,
                      empty_notice,
                      milestone_cards,
                      pager,
                      recommendation_grid,
                      table_columns,
                      this_page_link,
)

__all__ = ["ICON", "LIMIT", "STATE_KEY", "DashboardState", "Gate", "PageContext", "ago", "assessment_form",
           "bootstrap", "capped_caption", "follow_up_panel", "measurement_form",
           "current_source", "current_user", "download_buttons", "empty_notice", "get_settings", "hide_filters",
           "issue_downloads", "live",
           "milestone_cards", "page_context", "pager", "plain_md", "recommendation_grid", "recurring_pairs",
           "scroll_to", "table_columns", "this_page_link"]
