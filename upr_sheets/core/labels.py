"""The words of the data model that the interface shows, marked for translators.

The vocabularies of the sheet contract (upr_sheets.core.contract), the default status scale of
config/settings.toml and the UN regional groups (upr_sheets.core.regions) stay English in the data (filters and
the URL use them) and are translated where they are shown, with `_()`. They are listed here so that the
message extractor offers them to translators; tests/test_i18n.py checks this list against their sources.
"""

from __future__ import annotations

from .i18n import N_

VOCABULARY_LABELS = (
    N_("Accepted"), N_("Partially accepted"), N_("Noted"), N_("Pending"),
    N_("Not implemented"), N_("Partially implemented"), N_("Fully implemented"), N_("No information"),
    N_("Short-term"), N_("Medium-term"), N_("Long-term"),
    N_("Quantitative"), N_("Qualitative"), N_("Increase"), N_("Decrease"),
    N_("admin"), N_("editor"), N_("member"),
    N_("African Group"), N_("Asia-Pacific Group"), N_("Eastern European Group"),
    N_("Latin American and Caribbean Group"), N_("Western European and Others Group"), N_("Observer State"),
    N_("Other / unknown"),
)

# The 17 Sustainable Development Goals, by number: the SDGs column holds goals or targets (`16`, `5.2`, `16.a`).
SDG_NAMES = {
    1: N_("No poverty"), 2: N_("Zero hunger"), 3: N_("Good health and well-being"), 4: N_("Quality education"),
    5: N_("Gender equality"), 6: N_("Clean water and sanitation"), 7: N_("Affordable and clean energy"),
    8: N_("Decent work and economic growth"), 9: N_("Industry, innovation and infrastructure"),
    10: N_("Reduced inequalities"), 11: N_("Sustainable cities and communities"),
    12: N_("Responsible consumption and production"), 13: N_("Climate action"), 14: N_("Life below water"),
    15: N_("Life on land"), 16: N_("Peace, justice and strong institutions"), 17: N_("Partnerships for the goals"),
}
