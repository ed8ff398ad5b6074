"""Read-only links: every kind of bad token gets None, good ones a grant; the `share` commands; no secret leaks."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import REC_HEADER, dataset, default_settings, rec
from itsdangerous import URLSafeSerializer

from upr_sheets import cli
from upr_sheets.access.links import (
    QUERY_PARAM,
    REGISTRY_ENV,
    SALT,
    SECRET_ENV,
    LinkGrant,
    create_link,
    describe_scope,
    link_secret,
    load_registry,
    record_link,
    revoke_link,
    revoked_ids,
    verify_token,
)
from upr_sheets.access.redact import Scope
from upr_sheets.core import i18n
from upr_sheets.core import secrets as secrets_module
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.settings import SETTINGS_ENV, SETTINGS_PATH, AccessSettings

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-secret-7Qm2vX9pL4rT8wY1zK6nB3hJ5dF0sA"
OTHER_SECRET = "another-secret-Zp5Lq8Wm2Xr7Tn4Kv9Bc1Hd6Gf3"
TODAY = date(2026, 3, 1)
SHARE_HEADER = ["Link ID", "Audience", "Expires", "Revoked", "Scope"]


def make(expires: date | None = date(2027, 6, 30), scope: str | None = "working-group=Land Rights"):
    """A fresh link for the EU Delegation."""
    return create_link("EU Delegation", expires, scope, "https://upr.example.org/", SECRET, today=TODAY)


def signed(payload: Any, secret: str = SECRET, salt: str = SALT) -> str:
    """Any payload signed the way links are (or with another secret / salt)."""
    return URLSafeSerializer(secret, salt=salt,
                             signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256}).dumps(payload)


def flip(text: str, index: int) -> str:
    """The text with one character replaced by a different URL-safe character."""
    return text[:index] + ("B" if text[index] == "A" else "A") + text[index + 1:]


def sheet_with(*rows: list[Any]):
    """A validated dataset whose Share Links tab holds these rows."""
    return dataset({"Recommendations": [REC_HEADER, rec()], "Share Links": [SHARE_HEADER, *rows]})


def revoked_by(link, registry: Path, revoked_links: list[str] | None = None, sheet_rows: list[list[Any]] | None = None,
               today: date = TODAY) -> set[str]:
    """revoked_ids() with these settings entries and Share Links rows ({id} in a cell becomes the link id)."""
    settings = default_settings().model_copy(update={"access": AccessSettings(revoked_links=[
        r.format(id=link.link_id) for r in revoked_links or []])})
    rows = [[str(v).format(id=link.link_id, ID=link.link_id.upper()) for v in row] for row in sheet_rows or []]
    return revoked_ids(settings, sheet_with(*rows) if rows else None, today=today, path=registry)


def registry_revoked(link, registry: Path) -> set[str]:
    """revoked_ids() after `share revoke` recorded the link in the registry."""
    revoke_link(link.link_id, path=registry, today=TODAY)
    return revoked_ids(default_settings(), path=registry)


GOOD = {"aud": "EU Delegation", "exp": "2027-06-30", "scope": None}
Case = tuple[Any, Any, Any, date, bool]  # token(link), secret, revoked(link, registry), today, grants?
NONE: Any = lambda link, registry: set()  # noqa: E731
CASES: dict[str, Case] = {
    "valid": (lambda k: k.token, SECRET, NONE, TODAY, True),
    "valid on its last day": (lambda k: k.token, SECRET, NONE, date(2027, 6, 30), True),
    "valid, other links revoked": (lambda k: k.token, SECRET, lambda k, r: {"zzzzzzzzzz"}, TODAY, True),
    "valid, no expiry": (lambda k: make(expires=None).token, SECRET, NONE, date(2099, 1, 1), True),
    "expired": (lambda k: k.token, SECRET, NONE, date(2027, 7, 1), False),
    "tampered payload": (lambda k: flip(k.token, k.token.index(".") // 2), SECRET, NONE, TODAY, False),
    "tampered first character": (lambda k: flip(k.token, 0), SECRET, NONE, TODAY, False),
    "tampered signature": (lambda k: flip(k.token, k.token.index(".") + 20), SECRET, NONE, TODAY, False),
    "signature removed": (lambda k: k.token.split(".")[0], SECRET, NONE, TODAY, False),
    "signature of another token": (lambda k: k.token.split(".")[0] + "." + make().token.split(".")[1], SECRET, NONE,
                                   TODAY, False),
    "revoked in settings": (lambda k: k.token, SECRET, lambda k, r: revoked_by(k, r, ["{id}"]), TODAY, False),
    "revoked in settings, upper case": (lambda k: k.token, SECRET,
                                        lambda k, r: revoked_by(k, r, [" " + k.link_id.upper()]), TODAY, False),
    "revoked in the sheet": (lambda k: k.token, SECRET,
                             lambda k, r: revoked_by(k, r, sheet_rows=[["{ID}", "EU", "", "TRUE", ""]]), TODAY, False),
    "sheet row not revoked": (lambda k: k.token, SECRET,
                              lambda k, r: revoked_by(k, r, sheet_rows=[["{id}", "EU", "", "FALSE", ""]]), TODAY, True),
    "sheet Revoked unreadable": (lambda k: k.token, SECRET,
                                 lambda k, r: revoked_by(k, r, sheet_rows=[["{id}", "EU", "", "maybe", ""]]), TODAY,
                                 False),
    "sheet expiry passed": (lambda k: k.token, SECRET,
                            lambda k, r: revoked_by(k, r, sheet_rows=[["{id}", "EU", "2026-01-31", "", ""]]), TODAY,
                            False),
    "sheet duplicate row revoked": (lambda k: k.token, SECRET, lambda k, r: revoked_by(
        k, r, sheet_rows=[["{id}", "EU", "", "", ""], ["{id}", "EU", "", "TRUE", ""]]), TODAY, False),
    "revoked via the CLI registry": (lambda k: k.token, SECRET, registry_revoked, TODAY, False),
    "wrong secret": (lambda k: k.token, OTHER_SECRET, NONE, TODAY, False),
    "signed with another secret": (lambda k: signed({**GOOD, "id": k.link_id}, OTHER_SECRET), SECRET, NONE, TODAY,
                                   False),
    "another salt": (lambda k: signed({**GOOD, "id": k.link_id}, salt="itsdangerous"), SECRET, NONE, TODAY, False),
    "short secret on both sides": (lambda k: signed({**GOOD, "id": k.link_id}, "short"), "short", NONE, TODAY, False),
    "empty": (lambda k: "", SECRET, NONE, TODAY, False),
    "blank": (lambda k: "   ", SECRET, NONE, TODAY, False),
    "None": (lambda k: None, SECRET, NONE, TODAY, False),
    "bytes": (lambda k: k.token.encode(), SECRET, NONE, TODAY, False),
    "no secret": (lambda k: k.token, "", NONE, TODAY, False),
    "10 kB of garbage": (lambda k: os.urandom(5000).hex(), SECRET, NONE, TODAY, False),
    "10 kB correctly signed": (lambda k: signed({**GOOD, "id": k.link_id, "aud": "x" * 10_000}), SECRET, NONE, TODAY,
                               False),
    "non-base64 junk": (lambda k: "!!!$$$.@@@###", SECRET, NONE, TODAY, False),
    "dots only": (lambda k: "....", SECRET, NONE, TODAY, False),
    "non-ASCII": (lambda k: "ëüï.ñ", SECRET, NONE, TODAY, False),
    "extra key": (lambda k: signed({**GOOD, "id": k.link_id, "admin": True}), SECRET, NONE, TODAY, False),
    "missing key": (lambda k: signed({"id": k.link_id, "aud": "EU Delegation", "scope": None}), SECRET, NONE, TODAY,
                    False),
    "list payload": (lambda k: signed([1, 2, 3]), SECRET, NONE, TODAY, False),
    "bad id": (lambda k: signed({**GOOD, "id": "../../etc"}), SECRET, NONE, TODAY, False),
    "bad expiry": (lambda k: signed({**GOOD, "id": k.link_id, "exp": "soon"}), SECRET, NONE, TODAY, False),
    "unknown scope key": (lambda k: signed({**GOOD, "id": k.link_id, "scope": "everything=yes"}), SECRET, NONE, TODAY,
                          False),
    "control characters in audience": (lambda k: signed({**GOOD, "id": k.link_id, "aud": "EU\x1b[2J"}), SECRET, NONE,
                                       TODAY, False),
}


@pytest.mark.parametrize("name", CASES)
def test_token_outcomes(name, tmp_path):
    token, secret, revoked, today, grants = CASES[name]
    link = make()
    grant = verify_token(token(link), secret, revoked(link, tmp_path / "registry.json"), today)
    assert (grant is not None) == grants
    if grants:
        assert isinstance(grant, LinkGrant) and grant.audience == "EU Delegation"


def test_a_grant_carries_the_signed_audience_expiry_and_scope():
    link = make(scope="cycle=2;working_group=Land Rights")
    grant = verify_token(link.token, SECRET, set(), TODAY)
    assert grant == LinkGrant(link.link_id, "EU Delegation", date(2027, 6, 30),
                              Scope(cycles=(2,), working_groups=("Land Rights",)))
    assert link.scope == "cycle=2;working-group=Land Rights"


def test_no_single_character_change_yields_another_grant():
    link = make()
    original = verify_token(link.token, SECRET, set(), TODAY)
    outcomes = {verify_token(flip(link.token, i), SECRET, set(), TODAY) for i in range(len(link.token))}
    assert outcomes <= {None, original}
    payload_len = link.token.index(".")
    assert all(verify_token(flip(link.token, i), SECRET, set(), TODAY) is None for i in range(payload_len))


def test_oversized_tokens_are_refused_before_parsing(monkeypatch):
    from upr_sheets.access import links

    token = make().token
    parsed: list[str] = []
    real = links._serializer
    monkeypatch.setattr(links, "_serializer", lambda secret: parsed.append(secret) or real(secret))
    assert verify_token("a" * 10_000 + "." + token, SECRET, set(), TODAY) is None
    assert parsed == []
    assert verify_token(token, SECRET, set(), TODAY) is not None and len(parsed) == 1


@pytest.mark.parametrize("base,expected_prefix", [
    ("https://upr.example.org", "https://upr.example.org/?"),
    ("https://upr.example.org/coalition/?embed=true", "https://upr.example.org/coalition/?embed=true&"),
    ("http://localhost:8501/?link=old", "http://localhost:8501/?"),
])
def test_link_url_carries_the_token_in_one_query_parameter(base, expected_prefix):
    link = create_link("EU Delegation", None, None, base, SECRET, today=TODAY)
    assert link.url.startswith(expected_prefix) and link.url.endswith(f"{QUERY_PARAM}={link.token}")
    assert link.url.count(f"{QUERY_PARAM}=") == 1


@pytest.mark.parametrize("kwargs", [
    {"expires": date(2026, 2, 28)}, {"scope": "department=Health"}, {"audience": ""}, {"audience": "EU\x07Delegation"},
    {"audience": "x" * 101}, {"base_url": "javascript:alert(1)"}, {"base_url": "upr.example.org"},
    {"secret": "too-short"},
])
def test_create_link_refuses_bad_input(kwargs):
    args = {"audience": "EU Delegation", "expires": None, "scope": None, "base_url": "https://upr.example.org",
            "secret": SECRET, **kwargs}
    with pytest.raises(ValueError):
        create_link(args.pop("audience"), args.pop("expires"), args.pop("scope"), args.pop("base_url"),
                    args.pop("secret"), today=TODAY)


@pytest.fixture
def no_secrets_file(monkeypatch, tmp_path):
    """No $UPR_MONITOR_LINK_SECRET and a secrets.toml under tmp_path (absent until a test writes it)."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.setattr(secrets_module, "secrets_paths", lambda: [path])
    return path


@pytest.mark.parametrize("env,toml,outcome", ids=range(8), argvalues=[
    (SECRET, None, SECRET),
    (SECRET, f'[access]\nlink_secret = "{OTHER_SECRET}"\n', SECRET),
    ("", f'[access]\nlink_secret = "{OTHER_SECRET}"\n', OTHER_SECRET),
    ("", None, "error"),
    ("", "[access]\nmode = 1\n", "error"),
    ("", "[access]\nlink_secret = 12345\n", "error"),
    ("", '[access]\nlink_secret = "short-CANARY-secret"\n', "error"),
    ("short-CANARY-secret", None, "error"),
])
def test_link_secret_sources(no_secrets_file, monkeypatch, env, toml, outcome, settings):
    if env:
        monkeypatch.setenv(SECRET_ENV, env)
    if toml:
        no_secrets_file.parent.mkdir(parents=True)
        no_secrets_file.write_text(toml, encoding="utf-8")
    if outcome != "error":
        assert link_secret(settings) == outcome
        return
    with pytest.raises(SettingsError) as info:
        link_secret(settings)
    assert SECRET_ENV in str(info.value) and "CANARY" not in str(info.value)


def test_registry_keeps_no_token_and_a_broken_registry_fails_closed(tmp_path, settings):
    path = tmp_path / "registry.json"
    link = make()
    record_link(link, path, today=TODAY)
    assert revoke_link(link.link_id, path, today=TODAY) is True
    text = path.read_text(encoding="utf-8")
    assert link.token not in text and link.token.split(".")[1] not in text and SECRET not in text
    assert load_registry(path)[0] == {"id": link.link_id, "audience": "EU Delegation", "expires": "2027-06-30",
                                      "scope": "working-group=Land Rights", "created": "2026-03-01",
                                      "revoked": True, "revoked_on": "2026-03-01"}
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsError):
        revoked_ids(settings, path=path)


def login_settings(folder: Path, mode: str = "login") -> Path:
    """config/settings.toml with `mode` under [access] (links are only made for a closed dashboard)."""
    text = SETTINGS_PATH.read_text(encoding="utf-8")
    changed = text.replace('mode = "open"', f'mode = "{mode}"', 1)
    assert mode == "open" or changed != text, "config/settings.toml no longer says mode = \"open\""
    path = folder / f"settings-{mode}.toml"
    path.write_text(changed, encoding="utf-8")
    return path


def run_cli(*args: str, registry: Path, secret: str | None = SECRET, mode: str = "login"
            ) -> subprocess.CompletedProcess:
    """`python -m upr_sheets ARGS` with only the link secret, a temporary registry and settings in `mode`."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(registry.parent), REGISTRY_ENV: str(registry),
           SETTINGS_ENV: str(login_settings(registry.parent, mode))}
    if secret is not None:
        env[SECRET_ENV] = secret
    return subprocess.run([sys.executable, "-m", "upr_sheets", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def test_share_commands_create_list_revoke(tmp_path, settings):
    registry = tmp_path / "links.json"
    created = run_cli("share", "create", "--audience", "EU Delegation", "--expires", "2099-06-30",
                      "--scope", "working-group=Land Rights", "--base-url", "https://upr.example.org",
                      registry=registry)
    assert created.returncode == 0, created.stderr
    url = created.stdout.strip().splitlines()[-1]
    token = url.split(f"?{QUERY_PARAM}=")[1]
    grant = verify_token(token, SECRET, revoked_ids(settings, path=registry))
    assert grant is not None and grant.scope == Scope(working_groups=("Land Rights",))
    listed = run_cli("share", "list", "--json", registry=registry)
    assert [(e["id"], e["status"], e["audience"]) for e in json.loads(listed.stdout)] == [
        (grant.link_id, "active", "EU Delegation")]
    revoked = run_cli("share", "revoke", grant.link_id, registry=registry)
    assert revoked.returncode == 0, revoked.stderr
    assert verify_token(token, SECRET, revoked_ids(settings, path=registry)) is None
    human = run_cli("share", "list", registry=registry)
    assert grant.link_id in human.stdout and "revoked" in human.stdout
    outputs = [p.stdout + p.stderr for p in (created, listed, revoked, human)]
    assert all(SECRET not in out for out in outputs) and token not in registry.read_text(encoding="utf-8")


@pytest.mark.parametrize("args,secret,code", ids=["no secret", "short secret", "bad scope", "past expiry", "bad id",
                                                 "unknown id", "list without secret"], argvalues=[
    (("share", "create", "--audience", "EU"), None, 2),
    (("share", "create", "--audience", "EU"), "short-CANARY-secret", 2),
    (("share", "create", "--audience", "EU", "--scope", "department=Health"), SECRET, 2),
    (("share", "create", "--audience", "EU", "--expires", "2020-01-01"), SECRET, 2),
    (("share", "revoke", "../etc"), SECRET, 2),
    (("share", "revoke", "abcdefghij"), SECRET, 0),
    (("share", "list"), None, 0),
])
def test_share_commands_fail_clearly_and_never_echo_the_secret(tmp_path, args, secret, code):
    result = run_cli(*args, registry=tmp_path / "links.json", secret=secret)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert "CANARY" not in result.stdout + result.stderr and SECRET not in result.stdout + result.stderr


def test_missing_secret_message_says_how_to_set_one(no_secrets_file, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(REGISTRY_ENV, str(tmp_path / "links.json"))
    monkeypatch.setenv(SETTINGS_ENV, str(login_settings(tmp_path)))
    assert cli.main(["share", "create", "--audience", "EU"]) == 2
    err = capsys.readouterr().err
    assert SECRET_ENV in err and "link_secret" in err and not (tmp_path / "links.json").exists()


def test_share_create_refuses_while_the_dashboard_is_open(tmp_path):
    """In open mode a link hides nothing (drop `?link=` and you are a member): refused, with how to close it."""
    registry = tmp_path / "links.json"
    result = run_cli("share", "create", "--audience", "EU Delegation", registry=registry, mode="open")
    assert result.returncode == 2 and not result.stdout
    assert 'mode = "login"' in result.stderr and "[access]" in result.stderr and "Members" in result.stderr
    assert "Traceback" not in result.stderr and not registry.exists()


def test_a_link_made_without_expires_lasts_the_default_lifetime(tmp_path):
    """access.link_lifetime_days (a year by default) from today; `share list` shows the date and the days left."""
    registry = tmp_path / "links.json"
    created = run_cli("share", "create", "--audience", "EU Delegation", registry=registry)
    assert created.returncode == 0, created.stderr
    expected = date.today().toordinal() + default_settings().access.link_lifetime_days
    assert default_settings().access.link_lifetime_days == 365
    token = created.stdout.strip().splitlines()[-1].split(f"?{QUERY_PARAM}=")[1]
    grant = verify_token(token, SECRET)
    assert grant is not None and grant.expires is not None and grant.expires.toordinal() == expected
    assert verify_token(token, SECRET, today=date.fromordinal(expected + 1)) is None
    [entry] = load_registry(registry)
    assert entry["expires"] == grant.expires.isoformat()
    listed = run_cli("share", "list", registry=registry).stdout
    assert f"expires {grant.expires.isoformat()} (in 365 days)" in listed


@pytest.mark.parametrize(("scope", "lang", "said"), [
    ("", "en", ""),
    ("cycle=2", "en", "Cycle 2"),
    ("cycle=2", "km", "វដ្ដ 2"),
    ("cycle=1;cycle=2", "fr", "Cycle 1, 2"),
    ("state=France", "km", "France"),  # a State's name, as typed in the sheet
    ("theme=Land, housing and property;theme=Health", "en", "Theme: Land, housing and property; Health"),
    ("theme=Land", "km", "ប្រធានបទ៖ Land"),
    ("working-group=Land Rights;ministry=Ministry of Justice", "fr",
     "Groupe de travail : Land Rights · Ministère : Ministry of Justice"),
    ("sdg=16.3", "en", "SDG 16: Peace, justice and strong institutions"),
    ("cycle=2;state=Germany;sdg=5", "km", "វដ្ដ 2 · Germany · SDG 5៖ សមភាពយេនឌ័រ"),
])
def test_a_scope_is_described_in_the_interface_language(scope: str, lang: str, said: str) -> None:
    with i18n.use(lang):
        assert describe_scope(Scope.parse(scope)) == said


def test_a_scope_names_things_as_the_sheet_spells_them() -> None:
    scope = Scope.parse("state=germany;theme=land  RIGHTS;ministry=Nowhere")
    with i18n.use("en"):
        said = describe_scope(scope, {"Germany", "Land rights", "France"})
    assert said == "Theme: Land rights · Ministry: Nowhere · Germany"
