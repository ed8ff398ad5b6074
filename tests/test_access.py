"""Who sees what, through dashboard.py (AppTest): open mode, read-only links, login roles, and leaks.

AppTest cannot sign in through a provider: a signed-in user is simulated by patching app.visitor.current_user
(and, once, through AppTest.user, which is what st.user reads).
"""

from __future__ import annotations

import logging
import pickle
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from builders import REC_HEADER, dataset, rec, write_xlsx
from canary import CANARY, HOSTILE, MEMBER_EMAIL, write_canary_workbook
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from upr_sheets import app, sync
from upr_sheets.access import links
from upr_sheets.access.modes import EDITOR_PAGES, VIEWER_PAGES, User, link_access, member_access
from upr_sheets.app import visitor
from upr_sheets.core import settings
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
SECRET = "test-link-secret-" + "s3cr3t" * 6
INVALID = "This link is not valid. Please ask the person who sent it to you for a new one."
AUDIENCE = "EU Delegation"
MEMBERS = [["Email", "Name", "Organization", "Role", "Working Group"],
           ["admin@example.org", "An Admin", "Org A", "admin", "Land"],
           ["editor@example.org", "An Editor", "Org B", "editor", "Justice"],
           ["member@example.org", "A Member", "Org C", "member", "Land"],
           ["blank-role@example.org", "No Role", "Org D", "", ""]]


@pytest.fixture(autouse=True)
def fresh_access(fresh_app: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """On top of conftest's fresh_app: settings read again, a link secret, the link registry in tmp_path."""
    app.get_settings.clear()
    monkeypatch.setenv(links.SECRET_ENV, SECRET)
    monkeypatch.setenv(links.REGISTRY_ENV, str(tmp_path / "share_links.json"))
    yield
    app.get_settings.clear()


def use_source(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setenv(SOURCE_ENV, str(path))


def use_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    use_source(monkeypatch, DEMO_WORKBOOK)


def login_mode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """config/settings.toml with `mode = "login"`."""
    text = settings.SETTINGS_PATH.read_text(encoding="utf-8")
    assert 'mode = "open"' in text
    path = tmp_path / "settings.toml"
    path.write_text(text.replace('mode = "open"', 'mode = "login"'), encoding="utf-8")
    monkeypatch.setattr(settings, "SETTINGS_PATH", path)
    app.get_settings.clear()


def members_workbook(tmp_path: Path, share_links: list[list] | None = None) -> Path:
    tabs = {"Recommendations": [REC_HEADER,
                                rec("1.1", "1", "Abolish the death penalty", "Japan", "Accepted", "Justice"),
                                rec("2.1", "2", "Protect land rights", "France", "Noted", "Land", notes="internal x")],
            "Members": MEMBERS}
    if share_links:
        tabs["Share Links"] = share_links
    return write_xlsx(tmp_path / "members.xlsx", tabs, {"Recommendations": {0}})


def token(audience: str = AUDIENCE, scope: str | None = None, expires: date | None = None,
          today: date | None = None) -> links.ShareLink:
    return links.create_link(audience, expires, scope, "http://localhost:8501", SECRET, today=today)


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def offered(at: AppTest) -> list[str]:
    """Page keys the last run's navigation offered (file names in pages/)."""
    stems = [Path(str(info["script_path"])).stem for info in at._registered_pages.values() if info.get("script_path")]
    return list(dict.fromkeys(stems))  # the landing page is registered twice: at the root and, hidden, at its name


def figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def rendered(at: AppTest) -> str:
    """Everything the last run sent to the browser: every element's fields and bytes, dataframes as CSV."""
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
            out.append(proto.SerializeToString().decode("utf-8", errors="replace"))
        if isinstance(node, Dataframe):
            out.append(node.value.to_csv())
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out).casefold()


def shows_data(at: AppTest) -> bool:
    """True when the main area shows figures, tables or charts."""
    return bool(at.main.metric or at.main.dataframe or at.main.get("plotly_chart") or at.main.table)


# ---- open mode --------------------------------------------------------------------------------------------

def test_open_mode_offers_every_page_with_the_full_banner(monkeypatch: pytest.MonkeyPatch) -> None:
    use_demo(monkeypatch)
    at = run_app()
    assert not at.exception
    assert offered(at) == list(EDITOR_PAGES)
    assert "Synced" in captions(at) and "demo" in captions(at)
    assert at.button(key="upr_refresh")
    assert figures(at)["Recommendations"] == "205"  # the current cycle
    at.switch_page("pages/data_quality.py").run()
    assert any(h.value == "Data quality" for h in at.header)


# ---- read-only links --------------------------------------------------------------------------------------

def test_link_opens_the_viewer_pages_with_its_scope_and_audience(monkeypatch: pytest.MonkeyPatch) -> None:
    use_demo(monkeypatch)
    link = token(scope="cycle=2")
    at = run_app({"link": link.token})
    assert not at.exception
    assert offered(at) == list(VIEWER_PAGES)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data_quality.py")
    shown = figures(at)
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")
    banner = captions(at)
    assert f"Read-only view for **{AUDIENCE}**" in banner and "cycle 2" in banner
    assert "Synced" not in banner and "bundled demo workbook" not in banner.casefold()
    assert "Demo data: statuses are illustrative." in banner  # a fact for every reader, not the source's name
    assert not at.main.button and not at.get("page_link") and not at.get("link_button")
    assert at.session_state[app.STATE_KEY].result.dataset.public


def test_a_link_session_stays_a_viewer_on_every_page_without_the_query_string(monkeypatch: pytest.MonkeyPatch) -> None:
    use_demo(monkeypatch)
    link = token(scope="cycle=2")
    at = run_app({"link": link.token})
    for page in VIEWER_PAGES:
        at.query_params.clear()  # what st.navigation does to the URL on a page switch
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, f"{page}: {at.exception}"
        assert f"Read-only view for **{AUDIENCE}**" in captions(at), page
        assert "Synced" not in captions(at) and "upr_refresh" not in [b.key for b in at.button], page
        assert at.query_params["link"] == link.token, page  # written back, so a reload keeps the view
        assert figures(at).get("Recommendations", "205") == "205", page
    at.switch_page("pages/data_quality.py").run()  # AppTest runs a pages/ file directly: the page itself refuses
    assert [i.value for i in at.info] == ["This page is not available to you."]
    assert not shows_data(at) and not at.header


def test_viewer_sessions_hold_only_redacted_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = str(write_canary_workbook(tmp_path / "canary"))
    use_source(monkeypatch, source)
    at = run_app({"link": token().token})
    state = at.session_state[app.STATE_KEY]
    assert state.result.dataset.public and state.result.source == "UPR Monitor read-only view"
    for key in at.session_state:
        assert CANARY.encode() not in pickle.dumps(at.session_state[key]), key
    full = sync.load(source, app.get_settings())
    assert CANARY.encode() in pickle.dumps(full)
    with pytest.raises(PermissionError):  # a viewer's context cannot be built over the full data
        app.PageContext(app.get_settings(), full, state.result.dataset, state.filters, state.access)
    with pytest.raises(PermissionError):
        app.PageContext(app.get_settings(), state.result, full.dataset, state.filters, state.access)


def _tampered(link: links.ShareLink) -> str:
    head, _, signature = link.token.rpartition(".")
    return f"{head}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"


def _widened(link: links.ShareLink) -> str:
    import base64
    import json

    payload, _, signature = link.token.rpartition(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["scope"] = None
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{forged}.{signature}"


BAD_LINKS = {
    "tampered-signature": lambda ctx: _tampered(ctx["link"]),
    "widened-scope": lambda ctx: _widened(ctx["link"]),
    "expired": lambda ctx: token(expires=date(2020, 1, 1), today=date(2019, 1, 1)).token,
    "revoked-in-sheet": lambda ctx: ctx["revoked"].token,
    "revoked-in-registry": lambda ctx: ctx["registry_revoked"].token,
    "signed-with-another-secret": lambda ctx: links.create_link("X", None, None, "http://h", "o" * 40).token,
    "garbage": lambda ctx: "garbage",
    "empty": lambda ctx: "",
    "huge": lambda ctx: "a" * 10_000,
}


@pytest.fixture
def bad_link_context(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict:
    revoked = token(scope="cycle=2")
    registry_revoked = token()
    links.record_link(registry_revoked)
    links.revoke_link(registry_revoked.link_id)
    share = [["Link ID", "Audience", "Expires", "Revoked", "Scope"], [revoked.link_id, AUDIENCE, "", "TRUE", "cycle=2"]]
    source = members_workbook(tmp_path, share)
    use_source(monkeypatch, source)
    dataset = sync.load(str(source), app.get_settings()).dataset
    assert revoked.link_id in links.revoked_ids(app.get_settings(), dataset)  # the sheet's row is what stops it
    return {"link": token(scope="cycle=2"), "revoked": revoked, "registry_revoked": registry_revoked}


def _page_signature(at: AppTest) -> list[tuple[str, str]]:
    """(element type, value) of everything shown in the main area (the cleared loading slot left out)."""
    return [(type(node).__name__, str(getattr(node, "value", ""))) for node in at.main
            if str(getattr(node, "proto", "") or "") and not hasattr(node, "children")]


@pytest.mark.parametrize("case", list(BAD_LINKS))
def test_every_bad_link_gets_the_same_plain_page_and_no_data(bad_link_context: dict, case: str) -> None:
    good = run_app({"link": bad_link_context["link"].token})
    assert figures(good)["Recommendations"] == "1"  # the good link of this workbook opens (scope cycle=2)
    st.cache_data.clear()
    at = run_app({"link": BAD_LINKS[case](bad_link_context)})
    assert not at.exception
    assert [e.value for e in at.error] == [INVALID]
    assert [t.value for t in at.title] == ["UPR Monitor"]
    assert _page_signature(at) == [("Title", "UPR Monitor"), ("Error", INVALID)]
    assert not shows_data(at) and not at.sidebar.children
    assert len(at._registered_pages) == 1 and offered(at) == []
    assert at.session_state[app.STATE_KEY] is None
    with pytest.raises(ValueError):
        at.switch_page("pages/overview.py")


def test_no_link_secret_configured_looks_like_any_bad_link(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_source(monkeypatch, members_workbook(tmp_path))
    link = token()
    monkeypatch.delenv(links.SECRET_ENV)
    monkeypatch.setattr(links, "load_secrets", lambda: {})
    at = run_app({"link": link.token})
    assert _page_signature(at) == [("Title", "UPR Monitor"), ("Error", INVALID)]


def test_a_link_revoked_during_the_session_stops_opening(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_source(monkeypatch, members_workbook(tmp_path))
    link = token()
    at = run_app({"link": link.token, "cycle": "all"})
    assert figures(at)["Recommendations"] == "2"
    links.record_link(link)
    links.revoke_link(link.link_id)
    at.query_params.clear()
    at.switch_page("pages/themes.py").run()
    assert [e.value for e in at.error] == [INVALID] and not shows_data(at)


def test_a_broken_settings_file_tells_a_link_holder_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_source(monkeypatch, members_workbook(tmp_path))
    bad = tmp_path / "settings.toml"
    bad.write_text("[access]\nmode = 'closed'\n", encoding="utf-8")
    monkeypatch.setattr(settings, "SETTINGS_PATH", bad)
    at = run_app({"link": token().token})
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == ["The data cannot be shown just now. Please try again in a few minutes."]
    assert "settings.toml" not in rendered(at) and "closed" not in rendered(at)


def test_secrets_never_reach_pages_or_logs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    use_source(monkeypatch, members_workbook(tmp_path))
    caplog.set_level(logging.DEBUG)
    link = token()
    shown = [rendered(run_app({"link": value})) for value in (link.token, "garbage", _tampered(link))]
    for text in [*shown, caplog.text.casefold()]:
        assert SECRET.casefold() not in text


# ---- login mode -------------------------------------------------------------------------------------------

def signed_in(monkeypatch: pytest.MonkeyPatch, email: str, verified: bool = True) -> None:
    monkeypatch.setattr(visitor, "current_user", lambda: User(email, "Someone", verified))


@pytest.mark.parametrize(("email", "pages", "refresh"), [
    ("admin@example.org", EDITOR_PAGES, True),
    ("Editor@Example.org ", EDITOR_PAGES, True),
    ("member@example.org", VIEWER_PAGES, False),
    ("blank-role@example.org", VIEWER_PAGES, False),
])
def test_login_roles_get_their_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, email: str,
                                     pages: tuple[str, ...], refresh: bool) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    signed_in(monkeypatch, email)
    at = run_app({"cycle": "all"})
    assert not at.exception
    assert offered(at) == list(pages)
    assert figures(at)["Recommendations"] == "2"  # members see all the data, not a viewer's
    assert "Synced" in captions(at)
    assert ("upr_refresh" in [b.key for b in at.button]) == refresh
    assert "Signed in as" in "\n".join(c.value for c in at.sidebar.caption)
    if "data_quality" in pages:
        at.switch_page("pages/data_quality.py").run()
        assert any(h.value == "Data quality" for h in at.header)
    else:
        with pytest.raises(ValueError):
            at.switch_page("pages/data_quality.py")
        at.switch_page("pages/recommendations.py").run()
        at.switch_page("pages/data_quality.py").run()
        assert [i.value for i in at.info] == ["This page is not available to you."]


@pytest.mark.parametrize(("email", "verified"), [("stranger@example.org", True), ("member@example.org", False),
                                                 ("", True)])
def test_an_unknown_email_is_asked_to_see_the_coalition_admin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                             email: str, verified: bool) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    signed_in(monkeypatch, email, verified)
    at = run_app()
    assert not at.exception
    assert any("ask your coalition admin" in i.value for i in at.info)
    assert not shows_data(at) and offered(at) == []
    assert [b.label for b in at.button] == ["Sign out"]
    assert "internal x" not in rendered(at) and "protect land rights" not in rendered(at)


def test_login_mode_without_a_user_shows_only_sign_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    at = run_app()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not shows_data(at) and offered(at) == []
    assert "members.xlsx" not in rendered(at)


def test_login_mode_reads_st_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "editor@example.org", "name": "Ed", "email_verified": True}
    at.run()
    assert offered(at) == list(EDITOR_PAGES)
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Sign in"]


def test_the_oidc_client_secret_stays_out_of_the_sign_in_page_and_logs(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    caplog.set_level(logging.DEBUG)
    client_secret = "oidc-client-secret-" + "q" * 20
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 32,
                          "client_id": "id", "client_secret": client_secret,
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.run()
    at.button(key="upr_login_default").click().run()
    assert not at.exception and not shows_data(at)
    for text in (rendered(at), caplog.text.casefold()):
        assert client_secret not in text and "c" * 32 not in text


def test_a_link_works_in_login_mode_without_signing_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, members_workbook(tmp_path))
    at = run_app({"link": token(scope="cycle=1").token})
    assert offered(at) == list(VIEWER_PAGES)
    assert figures(at)["Recommendations"] == "1"


@pytest.mark.parametrize(("who", "link", "caption"), [
    ("viewer", False, False), ("member@example.org", False, True), ("editor@example.org", True, False)])
def test_quarantined_rows_are_linked_for_editors_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, who: str,
                                                      link: bool, caption: bool) -> None:
    login_mode(monkeypatch, tmp_path)
    book = {"Recommendations": [REC_HEADER, rec("1.1", "1"), rec("1.2", "two", notes="private")], "Members": MEMBERS}
    use_source(monkeypatch, write_xlsx(tmp_path / "q.xlsx", book, {"Recommendations": {0}}))
    if who == "viewer":
        at = run_app({"link": token().token})
    else:
        signed_in(monkeypatch, who)
        at = run_app()
    assert [el.proto.label for el in at.get("page_link")] == (["1 row quarantined"] if link else [])
    assert (":material/warning: 1 row quarantined" in captions(at)) == caption
    assert who != "viewer" or "quarantined" not in rendered(at)


@pytest.mark.parametrize(("roles", "expected"), [
    (["admin"], "admin"), (["editor", "admin"], "editor"), (["admin", "member"], "member"), ([""], "member"),
    (["owner"], "member"),
])
def test_a_member_listed_twice_gets_the_least_privileged_role(roles: list[str], expected: str) -> None:
    data = dataset({"Recommendations": [REC_HEADER],
                    "Members": [["Email", "Role"], *[[" Someone@Example.org", role] for role in roles]]})
    found = member_access(data, User("someone@example.org"))
    assert found is not None and found.role == expected and found.mode == "login"
    assert member_access(data, User("someone@example.org", verified=False)) is None
    assert member_access(data, User("other@example.org")) is None


def test_a_link_needs_a_secret_and_an_unrevoked_id() -> None:
    link = token()
    assert link_access(link.token, SECRET, set()).name == AUDIENCE
    assert link_access(link.token, None, set()) is None
    assert link_access(link.token, SECRET, {link.link_id}) is None


# ---- leaks and hostile text -------------------------------------------------------------------------------

def _visit(at: AppTest, pages: tuple[str, ...]) -> dict[str, str]:
    seen = {}
    for page in pages:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, f"{page}: {at.exception}"
        seen[page] = rendered(at)
    return seen


def test_no_private_field_reaches_a_viewer_page_but_members_see_them(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    use_source(monkeypatch, write_canary_workbook(tmp_path / "canary"))
    viewer = _visit(run_app({"link": token().token, "cycle": "all"}), VIEWER_PAGES)
    leaks = [page for page, text in viewer.items() if CANARY in text]
    assert not leaks, f"the canary reached the viewer pages {leaks}"
    assert all("recommendation 0" in viewer[p] for p in ("recommendations",))  # the pages did show data
    member = _visit(run_app({"cycle": "all"}), VIEWER_PAGES)
    assert any(CANARY in text for text in member.values()), "the test cannot fail: members never see the canary"


def test_a_member_listed_with_the_canary_is_recognised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    login_mode(monkeypatch, tmp_path)
    use_source(monkeypatch, write_canary_workbook(tmp_path / "canary"))
    signed_in(monkeypatch, MEMBER_EMAIL.upper())
    at = run_app()
    assert offered(at) == list(VIEWER_PAGES)


LIVE_MARKUP = re.compile(r"(?<!\\)<(?:script|img)|(?<!\\)\]\(javascript", re.IGNORECASE)  # not backslash-escaped
# Text inside a `code span` is never interpreted (CommonMark): sheet values shown as typed are inert there.
CODE_SPAN = re.compile(r"`[^`\n]*`")
MARKDOWN_KINDS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")


@pytest.mark.parametrize("viewer", [True, False], ids=["viewer", "member"])
def test_hostile_sheet_text_is_never_live_markdown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   viewer: bool) -> None:
    use_source(monkeypatch, write_canary_workbook(tmp_path / "canary"))
    at = run_app({"link": token().token} if viewer else None)
    plain_text = []
    for page in VIEWER_PAGES if viewer else EDITOR_PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, f"{page}: {at.exception}"
        texts = [str(el.value) for kind in MARKDOWN_KINDS for el in at.get(kind)]
        texts += [t.value.to_csv() if isinstance(t.value, pd.DataFrame) else str(t.value) for t in at.table]
        for text in texts:
            assert not LIVE_MARKUP.search(CODE_SPAN.sub("", text)), f"{page}: live markup in {text[:120]!r}"
        plain_text += [t.value for t in at.text]
    assert any(HOSTILE[0] in text for text in plain_text)  # shown, as plain text


# ---- open mode on real data: said on every page -----------------------------------------------------------

OPEN_NOTICE = "This dashboard is open: anyone who can reach its address sees everything"


def open_notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if OPEN_NOTICE in w.value]


def test_open_mode_on_real_data_tells_members_on_every_page(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    use_source(monkeypatch, members_workbook(tmp_path))
    at = run_app()
    for page in EDITOR_PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        [notice] = open_notices(at)
        assert 'mode = "login"' in notice and "[access]" in notice, page


def test_no_open_notice_on_the_demo_in_login_mode_or_for_a_link(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    use_demo(monkeypatch)
    assert not open_notices(run_app())  # the bundled demo: nothing private to expose
    use_source(monkeypatch, members_workbook(tmp_path))
    assert not open_notices(run_app({"link": token().token}))  # a link holder is not told about members' data
    login_mode(monkeypatch, tmp_path)
    signed_in(monkeypatch, "admin@example.org")
    at = run_app({"cycle": "all"})
    assert figures(at)["Recommendations"] == "2" and not open_notices(at)


def test_a_link_scoped_to_a_state_lands_on_that_states_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--scope state=Germany`: the States page first, Germany picked; only what Germany recommended (jointly too)."""
    use_demo(monkeypatch)
    link = token("Embassy of Germany", scope="state=germany")
    at = run_app({"link": link.token})
    assert not at.exception
    assert [h.value for h in at.header] == ["Recommending States"]
    assert at.selectbox(key="states_pick").value == "Germany"
    recs = at.session_state[app.STATE_KEY].result.dataset.recommendations
    assert len(recs) and all("Germany" in states for states in recs["states"])
    assert "· Germany ·" in captions(at)  # the scope typed `state=germany`, named as the sheet spells it
    other = run_app({"link": token(scope="cycle=2").token})
    assert [h.value for h in other.header] == ["Overview"]
