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
