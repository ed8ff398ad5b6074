"""Read-only links for outsiders: tokens signed with itsdangerous, and a local registry of the links made.

A token carries {id, aud, exp, scope}, signed (HMAC-SHA256) with the link secret; it is readable by
whoever holds the link but cannot be altered. `verify_token` answers a LinkGrant or None, and None
looks the same whatever check failed. Revocation is the union of the registry file (`share revoke`),
`access.revoked_links` in the settings and the Share Links tab (Revoked ticked, Expires passed, or a
row the sheet could not read cleanly). Nothing here prints, logs or stores the secret or a token.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets as pysecrets
import tempfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd
from itsdangerous import URLSafeSerializer

from upr_sheets.core.contract import SHARE_LINKS, canonical
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.i18n import _, number
from upr_sheets.core.labels import SDG_NAMES
from upr_sheets.core.model import Dataset
from upr_sheets.core.secrets import load_secrets
from upr_sheets.core.settings import PROJECT_ROOT, Settings

from .redact import Scope

SECRET_ENV = "UPR_MONITOR_LINK_SECRET"
REGISTRY_ENV = "UPR_MONITOR_LINK_REGISTRY"
DEFAULT_REGISTRY = PROJECT_ROOT / "config" / "share_links.json"
QUERY_PARAM = "link"
SALT = "upr-monitor-share-link"
MIN_SECRET_LENGTH = 32
MAX_TOKEN_LENGTH = 4096
MAX_AUDIENCE_LENGTH = 100
MAX_SCOPE_LENGTH = 500
_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]{5,31}$")
_PAYLOAD_KEYS = frozenset({"id", "aud", "exp", "scope"})
_HOW_TO_SET = (f"Set the environment variable {SECRET_ENV}, or add `link_secret` under [access] in "
               ".streamlit/secrets.toml (see .streamlit/secrets.example.toml). Make one with: "
               "python -c \"import secrets; print(secrets.token_urlsafe(32))\"")


@dataclass(frozen=True)
class ShareLink:
    """A newly created read-only link (the token lives only in `url` and `token`, never on disk)."""

    link_id: str
    url: str
    token: str
    audience: str
    expires: date | None
    scope: str | None


@dataclass(frozen=True)
class LinkGrant:
    """What a valid token allows: the audience's name and the rows of its scope."""

    link_id: str
    audience: str
    expires: date | None
    scope: Scope


def link_secret(settings: Settings | None = None, secrets: Mapping[str, Any] | None = None) -> str:
    """The signing secret: $UPR_MONITOR_LINK_SECRET, else [access] link_secret of secrets.toml (or `secrets`)."""
    value: Any = os.environ.get(SECRET_ENV, "")
    origin = f"${SECRET_ENV}"
    if not value.strip():
        table = (load_secrets() if secrets is None else secrets).get("access")
        value = table.get("link_secret") if isinstance(table, Mapping) else None
        origin = "[access] link_secret in .streamlit/secrets.toml"
        if value is None or (isinstance(value, str) and not value.strip()):
            raise SettingsError(f"No secret to sign read-only links with. {_HOW_TO_SET}")
        if not isinstance(value, str):
            raise SettingsError(f"{origin} must be a text value. {_HOW_TO_SET}")
    if len(value.strip()) < MIN_SECRET_LENGTH:
        raise SettingsError(f"{origin} is shorter than {MIN_SECRET_LENGTH} characters: use a long random "
                            f"string. {_HOW_TO_SET}")
    return value.strip()


def is_link_id(text: str) -> bool:
    """True when the text has the form of a link id (what `new_link_id` makes, lower-cased)."""
    return bool(_ID_PATTERN.match(text))


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT,
                             signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256})


def new_link_id() -> str:
    """A short random id that spreadsheets keep as text (starts with a letter, no look-alike characters)."""
    first = pysecrets.choice([c for c in _ID_ALPHABET if c.isalpha()])
    return first + "".join(pysecrets.choice(_ID_ALPHABET) for _ in range(9))


def _with_param(base_url: str, token: str) -> str:
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("The base URL must start with http:// or https:// and name a host, "
                         "e.g. https://upr.example.org")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != QUERY_PARAM]
    query.append((QUERY_PARAM, token))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def _check_audience(audience: str) -> str:
    text = " ".join(str(audience).split())
    if not text or len(text) > MAX_AUDIENCE_LENGTH or not text.isprintable():
        raise ValueError(f"The audience must be a name of 1 to {MAX_AUDIENCE_LENGTH} printable characters.")
    return text


def create_link(audience: str, expires: date | None, scope: str | None, base_url: str, secret: str,
                today: date | None = None) -> ShareLink:
    """Sign a new read-only link; ValueError for a bad audience, scope, expiry, base URL or secret."""
    if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"The link secret must be at least {MIN_SECRET_LENGTH} characters long.")
    audience = _check_audience(audience)
    if expires is not None and expires < (today or date.today()):
        raise ValueError(f"The expiry date {expires.isoformat()} is in the past.")
    parsed = Scope.parse(scope)
    scope_text = None if parsed.unrestricted else str(parsed)
    if scope_text and len(scope_text) > MAX_SCOPE_LENGTH:
        raise ValueError(f"The scope is longer than {MAX_SCOPE_LENGTH} characters.")
    link_id = new_link_id()
    payload = {"id": link_id, "aud": audience, "exp": expires.isoformat() if expires else None,
               "scope": scope_text}
    token = _serializer(secret).dumps(payload)
    return ShareLink(link_id, _with_param(base_url, token), token, audience, expires, scope_text)


def _grant(token: object, secret: object, revoked: Collection[str], today: date) -> LinkGrant | None:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return None
    if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH:
        return None
    payload = _serializer(secret).loads(token.strip())
    if not isinstance(payload, dict) or set(payload) != _PAYLOAD_KEYS:
        return None
    link_id, audience, exp, scope = (payload[k] for k in ("id", "aud", "exp", "scope"))
    if not isinstance(link_id, str) or not is_link_id(link_id):
        return None
    if link_id.casefold() in {str(r).strip().casefold() for r in revoked}:
        return None
    if not isinstance(audience, str) or _check_audience(audience) != audience:
        return None
    if exp is not None and (not isinstance(exp, str) or date.fromisoformat(exp) < today):
        return None
    if scope is not None and (not isinstance(scope, str) or len(scope) > MAX_SCOPE_LENGTH):
        return None
    return LinkGrant(link_id, audience, date.fromisoformat(exp) if exp else None, Scope.parse(scope))


def verify_token(token: object, secret: object, revoked_ids: Collection[str] = frozenset(),
                 today: date | None = None) -> LinkGrant | None:
    """The grant of a valid token; None for any failure, whichever check it was."""
    try:
        return _grant(token, secret, revoked_ids, today or date.today())
    except Exception:  # noqa: BLE001 — every failure must look the same to the caller
        return None


def registry_path() -> Path:
    """The link registry: $UPR_MONITOR_LINK_REGISTRY, else config/share_links.json."""
    env = os.environ.get(REGISTRY_ENV, "").strip()
    return Path(env).expanduser() if env else DEFAULT_REGISTRY


def load_registry(path: Path | None = None) -> list[dict[str, Any]]:
    """Every link recorded so far ([] before the first); SettingsError when the file is unreadable."""
    path = path or registry_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SettingsError(f"{path}: the link registry could not be read ({type(exc).__name__}). Fix the "
                            "file; until then revocations recorded in it cannot be honoured.") from None
    links = data.get("links") if isinstance(data, dict) else None
    if not isinstance(links, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in links):
        raise SettingsError(f"{path}: not a link registry (expected {{\"links\": [{{\"id\": ...}}, ...]}}).")
    return links


def _save_registry(links: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"links": links}, ensure_ascii=False, indent=2) + "\n"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as fh:
        fh.write(text)
    os.replace(fh.name, path)


def record_link(link: ShareLink, path: Path | None = None, today: date | None = None) -> None:
    """Add a new link to the registry (its id, audience, expiry and scope; never the token)."""
    path = path or registry_path()
    links = load_registry(path)
    links.append({"id": link.link_id, "audience": link.audience,
                  "expires": link.expires.isoformat() if link.expires else None, "scope": link.scope,
                  "created": (today or date.today()).isoformat(), "revoked": False, "revoked_on": None})
    _save_registry(links, path)


def revoke_link(link_id: str, path: Path | None = None, today: date | None = None) -> bool:
    """Mark a link revoked in the registry; True when it was recorded there, False when added as unknown."""
    path = path or registry_path()
    key = link_id.strip().casefold()
    links = load_registry(path)
    known = [e for e in links if e["id"].casefold() == key]
    if not known:
        links.append({"id": key, "audience": "", "expires": None, "scope": None, "created": None})
    for entry in known or links[-1:]:
        entry.update(revoked=True, revoked_on=entry.get("revoked_on") or (today or date.today()).isoformat())
    _save_registry(links, path)
    return bool(known)


def _sheet_revoked(dataset: Dataset, today: date) -> set[str]:
    """Share Links rows that stop a link: Revoked ticked, Expires passed, unreadable Revoked, quarantined."""
    frame = dataset.share_links
    out: set[str] = set()
    if len(frame):
        expired = pd.to_datetime(frame["expires"], errors="coerce").dt.date.map(lambda d: pd.notna(d) and d < today)
        out |= set(frame.loc[frame["revoked"].astype(bool) | expired.astype(bool), "link_id"])
        title = dataset.tabs["share_links"].title if "share_links" in dataset.tabs else SHARE_LINKS.title
        unclear = {i.row for i in dataset.issues if i.sheet == title and i.code == "bad-boolean"}
        out |= set(frame.loc[frame["row"].isin(unclear), "link_id"])
    raw = dataset.quarantine.get("share_links")
    if raw is not None and len(raw):
        col = SHARE_LINKS.column("link_id")
        names = {canonical(n) for n in (col.header, *col.aliases)}
        for header in raw.columns:
            if canonical(str(header)) in names:
                out |= {str(v) for v in raw[header] if isinstance(v, str) and v.strip()}
    return out


def revoked_ids(settings: Settings, dataset: Dataset | None = None, today: date | None = None,
                path: Path | None = None) -> set[str]:
    """Link ids that must not open: registry ∪ access.revoked_links ∪ the Share Links tab (lower-cased)."""
    ids = {e["id"] for e in load_registry(path) if e.get("revoked")}
    ids |= set(settings.access.revoked_links)
    if dataset is not None:
        ids |= _sheet_revoked(dataset, today or date.today())
    return {i.strip().casefold() for i in ids if i and i.strip()}


def describe_scope(scope: Scope, spellings: Iterable[str] = ()) -> str:
    """What a link shows, in the interface language, for its banner: `Cycle 2 · Theme: Land · France` ('' for
    everything). Names (themes, ministries, working groups, States) are sheet text: they are written as in
    `spellings` (the names in the data) when one matches, whatever the case and spacing the scope was typed in."""
    spelt = {canonical(name): name for name in spellings}

    def names(values: tuple[str, ...], sep: str = "; ") -> str:
        return sep.join(spelt.get(canonical(v), v) for v in values)

    parts = []
    if scope.cycles:
        parts.append(_("Cycle {cycle}").format(cycle=", ".join(number(c) for c in scope.cycles)))
    if scope.working_groups:
        parts.append(_("Working group: {group}").format(group=names(scope.working_groups)))
    if scope.themes:
        parts.append(_("Theme: {theme}").format(theme=names(scope.themes)))
    if scope.ministries:
        parts.append(_("Ministry: {ministry}").format(ministry=names(scope.ministries)))
    if scope.states:
        parts.append(names(scope.states, " · "))  # an embassy's link: its State's name says it
    parts += [_("SDG {n}: {name}").format(n=number(goal), name=_(SDG_NAMES[goal])) for goal in scope.sdgs]
    return " · ".join(parts)
