"""Interface languages: the gettext module, the catalogues and their command, and the dashboard in French and
Khmer (AppTest).

`test_every_message_translated_in_every_catalogue` is the catalogue-completeness test: it fails until the
translators have translated every message into Khmer and French (`python3 -m upr_sheets translations --check`
lists what is left). Every other test here passes whatever the state of the translations.
"""

from __future__ import annotations

import re
import shutil
import threading
import tokenize
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from apptest_support import figures, open_page
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from streamlit.testing.v1 import AppTest

from upr_sheets import app, cli
from upr_sheets.access import links
from upr_sheets.analysis import charts, metrics
from upr_sheets.authoring import catalogues
from upr_sheets.core import i18n, labels
from upr_sheets.core.contract import VOCABULARIES
from upr_sheets.core.regions import REGIONAL_GROUPS
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV, load_settings

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
PAGES = ["overview", "themes", "ministries", "cycles", "states", "indicators", "recommendations", "data_quality"]
# The few real translations the catalogues hold for these tests (translators own the rest).
OVERVIEW = {"en": "Overview", "fr": "Vue d'ensemble", "km": "ទិដ្ឋភាពទូទៅ"}
RECOMMENDATIONS = {"en": "Recommendations", "fr": "Recommandations", "km": "អនុសាសន៍"}
NOTED = {"en": "Noted", "fr": "Notée", "km": "កត់សម្គាល់"}
NAMES = ["English", "ខ្មែរ (Khmer)", "Français"]
SECRET = "test-link-secret-" + "s3cr3t" * 6


def write_catalogue(locale_dir: Path, lang: str, entries: dict, fuzzy: tuple = ()) -> None:
    """A messages.po for `lang` under `locale_dir` holding `entries` (msgid or (singular, plural) → msgstr)."""
    catalog = Catalog(locale=lang, domain=i18n.DOMAIN)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    path = locale_dir / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty folder of catalogues in place of upr_sheets/core/locale."""
    folder = tmp_path / "locale"
    folder.mkdir()
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.catalogue.cache_clear()
    yield folder
    i18n.catalogue.cache_clear()


# ---- upr_sheets.core.i18n -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "code"), [
    ("km", "km"), ("KM", "km"), ("km_KH", "km"), ("fr-FR", "fr"), (" fr ", "fr"), ("khmer", "km"), ("kh", "km"),
    ("french", "fr"), ("en", "en"), ("de", None), ("", None), (None, None), (["fr"], None),
])
def test_parse_language(given: object, code: str | None) -> None:
    assert i18n.parse_language(given) == code


def test_untranslated_fuzzy_and_unknown_fall_back_to_english(locale_dir: Path) -> None:
    write_catalogue(locale_dir, "fr", {"Themes": "Thèmes", "Filters": "", "Ministries": "Ministères"},
                    fuzzy=("Ministries",))
    with i18n.use("fr") as lang:
        assert lang == "fr" and i18n.current() == "fr"
        assert (i18n._("Themes"), i18n._("Filters"), i18n._("Ministries"), i18n._("Cycles")) == \
            ("Thèmes", "Filters", "Ministries", "Cycles")
    assert i18n.current() == "en" and i18n._("Themes") == "Themes"
    with i18n.use("de") as lang:  # unknown language: English
        assert lang == "en" and i18n._("Themes") == "Themes"
    with i18n.use("km"):  # no catalogue at all
        assert i18n._("Themes") == "Themes"


def test_a_translation_with_wrong_placeholders_is_not_used(locale_dir: Path) -> None:
    write_catalogue(locale_dir, "fr", {"{n} rows": "{nn} lignes", "Synced {when}": "Synchronisé {when}",
                                       "Open {": "Ouvrir {"})
    with i18n.use("fr"):
        assert i18n._("{n} rows").format(n=3) == "3 rows"
        assert i18n._("Synced {when}").format(when="hier") == "Synchronisé hier"
        assert i18n._("Open {") == "Open {"


@pytest.mark.parametrize(("lang", "forms", "expected"), [
    ("fr", ("{n} ligne", "{n} lignes"), {0: "0 ligne", 1: "1 ligne", 2: "2 lignes", 10: "10 lignes"}),
    ("km", ("{n} ជួរ",), {0: "0 ជួរ", 1: "1 ជួរ", 2: "2 ជួរ", 10: "10 ជួរ"}),  # Khmer has one form
    ("en", (), {0: "0 rows", 1: "1 row", 2: "2 rows"}),
])
def test_plural_rules(locale_dir: Path, lang: str, forms: tuple, expected: dict) -> None:
    if forms:
        write_catalogue(locale_dir, lang, {("{n} row", "{n} rows"): forms})
    with i18n.use(lang):
        assert {n: i18n.ngettext("{n} row", "{n} rows", n).format(n=n) for n in expected} == expected


@pytest.mark.parametrize(("lang", "thousands", "share", "trimmed", "day"), [
    ("en", "12,345", "48%", ("47.9%", "48%"), "31\xa0May\xa02024"),  # dates never wrap: no-break spaces
    ("fr", "12\u202f345", "48\xa0%", ("47,9\xa0%", "48\xa0%"), "31\xa0mai\xa02024"),  # CLDR's French spaces
    ("km", "12,345", "48%", ("47.9%", "48%"), "31\xa0ឧសភា\xa02024"),
])
def test_numbers_percentages_and_dates_follow_the_locale(lang: str, thousands: str, share: str, trimmed: tuple,
                                                         day: str) -> None:
    with i18n.use(lang):
        assert i18n.number(12345) == thousands and i18n.number(None) == "–"
        assert i18n.percent(48) == share and i18n.percent(float("nan")) == "–"
        assert (i18n.percent(47.9, 1, trim=True), i18n.percent(48.0, 1, trim=True)) == trimmed
        assert i18n.percent_sign() == share.removeprefix("48")
        assert i18n.day(date(2024, 5, 31)) == day and i18n.day(None) == "–"


def test_each_thread_has_its_own_language() -> None:
    """Streamlit runs every session's script in a thread of its own: one session's language is not another's."""
    seen = {}

    def session(lang: str) -> None:
        i18n.activate(lang)
        barrier.wait()
        seen[lang] = i18n.current()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("fr", "km")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"fr": "fr", "km": "km"} and i18n.current() == "en"


# ---- charts ---------------------------------------------------------------------------------------------

def test_charts_translate_the_data_words_they_draw_but_keep_the_raw_value(locale_dir: Path) -> None:
    write_catalogue(locale_dir, "fr", {"Noted": "Notée", "Fully implemented": "Mise en œuvre totale",
                                       "Implementation status": "État de mise en œuvre"})
    settings = load_settings()
    dist = metrics.status_distribution(pd.DataFrame({"status": ["Fully implemented"]}), settings)
    with i18n.use("fr"):
        bar = charts.status_bar(dist, settings)
        stacked = charts.response_by_bar(pd.DataFrame(
            {"group": ["Santé"], "response": ["Noted"], "count": [2], "share": [100.0]}))
    assert bar.layout.title.text == "État de mise en œuvre"
    assert "Mise en œuvre totale" in list(bar.data[0].y)
    assert "Fully implemented" in [row[0] for row in bar.data[0].customdata]  # a click maps back to the data
    assert stacked.data[0].name == "Notée" and stacked.data[0].customdata[0][0] == "Santé"  # sheet text as typed


def test_charts_use_a_font_stack_with_khmer_glyphs() -> None:
    fig = charts.empty_figure("–", "ទិដ្ឋភាពទូទៅ")
    assert "Khmer OS" in fig.layout.font.family and fig.layout.font.family.endswith("sans-serif")


# ---- extraction and the catalogues -------------------------------------------------------------------------

def test_the_extractor_finds_the_messages_of_pages_glue_and_pure_modules() -> None:
    template = catalogues.extract()
    where = {catalogues.msgid(m): {path for path, _line in m.locations} for m in template if m.id}
    assert "pages/overview.py" in where["Status changes since"]
    assert "dashboard.py" in where["Data quality"]
    assert "upr_sheets/app/sidebar.py" in where["Clear filters"]
    assert "upr_sheets/app/gate.py" in where["This page is not available to you."]
    assert "upr_sheets/analysis/charts.py" in where["Implementation status"]
    assert "upr_sheets/analysis/views.py" in where["What to fix"]
    assert "upr_sheets/analysis/metrics.py" in where["Mid-term report due"]
    plural = template["{n} row quarantined"]
    assert plural.id == ("{n} row quarantined", "{n} rows quarantined")
    assert "upr_sheets/app/banner.py" in where[plural.id[0]]
    assert not [m for m in where if "{}" in m], "use named placeholders, so translators can move them"


def test_every_word_of_the_data_model_shown_is_offered_to_translators() -> None:
    shown = {*(label for key in ("response", "priority", "indicator_type", "direction", "role")
               for label in VOCABULARIES[key].labels),
             *load_settings().status_labels, *REGIONAL_GROUPS}
    assert shown <= set(labels.VOCABULARY_LABELS)
    assert set(labels.VOCABULARY_LABELS) <= set(catalogues.messages(catalogues.extract()))


def test_no_message_hides_in_an_f_string() -> None:
    """Python 3.11 reads an f-string as one token, so the extractor cannot see a `_("...")` written inside one."""
    call = re.compile(r"""\b(?:N_|_|gettext|ngettext)\(\s*[rR]?["']""")
    found = []
    for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "upr_sheets").rglob("*.py")]:
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type == tokenize.STRING and re.match(r"(?i)[rb]*f", token.string) and call.search(
                        token.string):
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not found


def test_catalogues_are_up_to_date_with_the_code() -> None:
    """messages.pot and both .po files list every message of the code: run `python3 -m upr_sheets translations`."""
    found = catalogues.check()
    assert found.template_current, "messages.pot is out of date: run `python3 -m upr_sheets translations`"
    assert found.missing == {lang: [] for lang in catalogues.TARGETS}, "run `python3 -m upr_sheets translations`"
    for lang in catalogues.TARGETS:
        text = i18n.catalogue_path(lang).read_text(encoding="utf-8")
        assert "\n#: " not in text, "catalogues carry no file names or line numbers, so diffs stay small"


def test_every_message_translated_in_every_catalogue() -> None:
    """CATALOGUE COMPLETENESS: every message of the code is translated into Khmer and French.

    Expected to fail until the translators have filled upr_sheets/core/locale/{km,fr}/LC_MESSAGES/messages.po;
    `python3 -m upr_sheets translations --check` lists what is left to translate.
    """
    found = catalogues.check()
    left = {lang: found.problems(lang) for lang in catalogues.TARGETS}
    if any(left.values()):
        summary = "; ".join(f"{lang}: {len(problems)} left, e.g. {[text for _kind, text in problems[:3]]}"
                            for lang, problems in left.items() if problems)
        pytest.fail(f"Catalogues incomplete: messages still to translate ({summary}). "
                    "`python3 -m upr_sheets translations --check` lists them all.", pytrace=False)


# ---- `python3 -m upr_sheets translations` on a small project ------------------------------------------------

CODE = '''from upr_sheets.core.i18n import N_, _, ngettext

TITLE = N_("Hello")


def greet(n):
    # TRANSLATORS: said when the visitor leaves.
    return _("Goodbye"), ngettext("{n} apple", "{n} apples", n)
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of babel.cfg and one module, with its own locale folder, standing in for the repository."""
    root = tmp_path / "project"
    (root / "upr_sheets").mkdir(parents=True)
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    (root / "upr_sheets" / "words.py").write_text(CODE, encoding="utf-8")
    monkeypatch.setattr(catalogues, "ROOT", root)
    monkeypatch.setattr(i18n, "LOCALE_DIR", root / "upr_sheets" / "locale")
    i18n.catalogue.cache_clear()
    yield root
    i18n.catalogue.cache_clear()


def translate(lang: str, entries: dict) -> None:
    path = i18n.catalogue_path(lang)
    catalog = catalogues.read(path, lang)
    for msgid, msgstr in entries.items():
        catalog[msgid].string = msgstr
    path.write_bytes(catalogues.render(catalog))


def test_update_writes_sorted_catalogues_without_locations_and_keeps_translations(project: Path) -> None:
    written = catalogues.update()
    assert written == [catalogues.template_path(), i18n.catalogue_path("km"), i18n.catalogue_path("fr")]
    pot = catalogues.template_path().read_text(encoding="utf-8")
    assert re.findall(r'^msgid "(.+)"$', pot, re.M) == ["Goodbye", "Hello", "{n} apple"]  # sorted
    assert "#: " not in pot and "#. said when the visitor leaves." in pot
    assert "nplurals=1" in i18n.catalogue_path("km").read_text(encoding="utf-8")
    assert "nplurals=2" in i18n.catalogue_path("fr").read_text(encoding="utf-8")
    assert catalogues.update() == []  # nothing changed: no file rewritten (not even for its dates)
    translate("fr", {"Hello": "Bonjour", "Goodbye": "Au revoir", "{n} apple": ("{n} pomme", "{n} pommes")})
    words = project / "upr_sheets" / "words.py"
    words.write_text(CODE.replace('_("Goodbye")', '_("Farewell")'), encoding="utf-8")
    catalogues.update()
    fr = i18n.catalogue_path("fr").read_text(encoding="utf-8")
    assert 'msgid "Hello"\nmsgstr "Bonjour"' in fr and 'msgid "Farewell"\nmsgstr ""' in fr
    assert '#~ msgid "Goodbye"\n#~ msgstr "Au revoir"' in fr  # kept aside, not lost
    words.write_text(CODE, encoding="utf-8")
    catalogues.update()
    with i18n.use("fr"):
        assert (i18n._("Goodbye"), i18n.ngettext("{n} apple", "{n} apples", 2)) == ("Au revoir", "{n} pommes")


def test_translations_check_lists_what_is_left_and_exits_1(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["translations"]) == 0
    assert "fr: 0 of 3 messages translated" in capsys.readouterr().out
    assert cli.main(["translations", "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "fr: untranslated: 'Goodbye'" in out and "km: untranslated: '{n} apple'" in out
    assert out[-1] == "Messages to translate: fr 3, km 3."
    translate("fr", {"Hello": "Bonjour", "Goodbye": "Au revoir", "{n} apple": ("{n} pomme", "{nn} pommes")})
    translate("km", {"Hello": "សួស្តី", "Goodbye": "លាហើយ", "{n} apple": ("ផ្លែប៉ោម {n}",)})
    assert cli.main(["translations", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == ["fr: placeholders differ: '{n} apple'",
                                                    "Messages to translate: fr 1."]
    translate("fr", {"{n} apple": ("{n} pomme", "{n} pommes")})
    assert cli.main(["translations", "--check"]) == 0
    assert capsys.readouterr().out.strip() == "Every message is translated."
    (project / "upr_sheets" / "more.py").write_text('from upr_sheets.core.i18n import _\n_("New")\n', encoding="utf-8")
    assert cli.main(["translations", "--check"]) == 1
    assert "messages.pot: out of date with the code" in capsys.readouterr().out


# ---- the dashboard in French and Khmer (AppTest) --------------------------------------------------------

@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> None:
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    monkeypatch.setenv(SOURCE_ENV, str(DEMO_WORKBOOK))


def page_titles(at: AppTest) -> list[str]:
    """The titles of the pages the navigation offers."""
    return [str(info.get("page_name")) for info in at._registered_pages.values()]


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


@pytest.mark.parametrize("lang", ["fr", "km"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_every_language(demo: None, lang: str, page: str) -> None:
    at = open_page(page, {"lang": lang})
    chooser = at.sidebar.selectbox(key="upr_lang")
    assert chooser.value == lang and chooser.options == NAMES
    assert at.query_params["lang"] == lang
    if page in ("overview", "recommendations"):
        assert headers(at) == [{"overview": OVERVIEW, "recommendations": RECOMMENDATIONS}[page][lang]]
    if page == "overview":  # the navigation of dashboard.py's own run (AppTest re-registers pages on a switch)
        assert {OVERVIEW[lang], RECOMMENDATIONS[lang]} <= set(page_titles(at))
        assert NOTED[lang] in figures(at)


def test_filter_values_and_the_link_stay_in_the_data_s_words(demo: None) -> None:
    english = open_page("overview", {"response": "Noted"})
    at = open_page("overview", {"lang": "fr", "response": "Noted"})
    responses = at.sidebar.multiselect(key="filter_responses")
    assert responses.value == ["Noted"] and NOTED["fr"] in responses.options and "Noted" not in responses.options
    assert figures(at)[RECOMMENDATIONS["fr"]] == figures(english)["Recommendations"] == "42"
    responses.unselect("Noted").select("Accepted").run()
    assert at.query_params["response"] == "Accepted" and at.query_params["lang"] == "fr"
    at.query_params.clear()  # what st.navigation does to the URL on a page switch
    at.switch_page("pages/themes.py").run()
    assert not at.exception
    assert at.query_params["response"] == "Accepted" and at.query_params["lang"] == "fr"
    assert at.sidebar.selectbox(key="upr_lang").value == "fr"


def test_the_language_chosen_in_the_sidebar_goes_into_the_link(demo: None) -> None:
    at = open_page("overview", {"cycle": "2"})
    assert "lang" not in at.query_params and headers(at) == ["Overview"]
    at.sidebar.selectbox(key="upr_lang").select("km").run()
    assert headers(at) == [OVERVIEW["km"]] and at.query_params["lang"] == "km" and at.query_params["cycle"] == "2"
    assert "ភាសា" in at.sidebar.selectbox(key="upr_lang").label
    at.switch_page("pages/recommendations.py").run()
    assert headers(at) == [RECOMMENDATIONS["km"]]
    at.sidebar.selectbox(key="upr_lang").select("en").run()
    assert headers(at) == ["Recommendations"] and "lang" not in at.query_params  # English is the default
    assert at.query_params["cycle"] == "2"


def test_an_unknown_language_in_the_link_gives_english(demo: None) -> None:
    at = open_page("overview", {"lang": "de"})
    assert headers(at) == ["Overview"] and at.sidebar.selectbox(key="upr_lang").value == "en"
    assert "lang" not in at.query_params


@pytest.fixture
def link_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv(links.SECRET_ENV, SECRET)
    monkeypatch.setenv(links.REGISTRY_ENV, str(tmp_path / "share_links.json"))
    app.get_settings.clear()
    yield SECRET
    app.get_settings.clear()


def test_a_read_only_link_opens_in_the_language_of_its_url(demo: None, link_secret: str) -> None:
    link = links.create_link("EU Delegation", None, "cycle=2", "http://localhost:8501", link_secret)
    at = open_page("overview", {"link": link.token, "lang": "km"})
    assert headers(at) == [OVERVIEW["km"]] and figures(at)[RECOMMENDATIONS["km"]] == "205"
    assert any("**EU Delegation**" in c.value for c in at.caption)
    at.query_params.clear()
    at.switch_page("pages/recommendations.py").run()
    assert not at.exception and headers(at) == [RECOMMENDATIONS["km"]]
    assert at.query_params["link"] == link.token and at.query_params["lang"] == "km"


def test_a_link_that_fails_shows_one_sentence_and_no_language_selector(demo: None, link_secret: str) -> None:
    at = open_page("overview", {"link": "not-a-link", "lang": "fr"})
    assert len(at.error) == 1 and not at.sidebar.children
    assert at.session_state[app.STATE_KEY] is None
    st.cache_data.clear()
