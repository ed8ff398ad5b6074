"""Who may see what: access modes, roles, read-only links and the pages each one opens (pure, no Streamlit).

- `open` mode (the local demo): everyone is trusted as an editor and gets every page.
- `login` mode: a signed-in email is looked up in the Members tab; its Role (admin, editor, member)
  decides the pages. An email that is not there gets no data.
- A read-only link (`?link=TOKEN`) makes the session a viewer in either mode: the viewer pages,
  over `redact.public_dataset(full, settings, scope)` only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd

from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import DEMO_WORKBOOK

from .links import LinkGrant, verify_token

Role = Literal["viewer", "member", "editor", "admin"]
Refusal = Literal["sign-in", "unknown-member", "invalid-link"]

VIEWER_PAGES: tuple[str, ...] = ("overview", "themes", "ministries", "cycles", "states", "indicators",
                                 "recommendations", "reports")
EDITOR_PAGES: tuple[str, ...] = (*VIEWER_PAGES, "data_quality")
ROLES: tuple[Role, ...] = ("member", "editor", "admin")  # least privilege first
_PAGES: dict[Role, tuple[str, ...]] = {"viewer": VIEWER_PAGES, "member": VIEWER_PAGES, "editor": EDITOR_PAGES,
                                       "admin": EDITOR_PAGES}


@dataclass(frozen=True)
class User:
    """A signed-in identity as the OpenID Connect provider reported it."""

    email: str
    name: str = ""
    verified: bool = True  # False only when the provider says the email is not verified


@dataclass(frozen=True)
class Access:
    """What this session may see: its role, who it is, and (for a read-only link) the grant."""

    role: Role
    name: str = ""  # the audience of a link, or the member's name
    email: str = ""
    working_group: str = ""
    grant: LinkGrant | None = None
    mode: Literal["open", "login", "link"] = "open"

    @property
    def viewer(self) -> bool:
        """True for a read-only link: redacted, scoped data and the viewer pages only."""
        return self.role == "viewer"

    @property
    def pages(self) -> tuple[str, ...]:
        """Page keys (file names in pages/) this session may open, in navigation order."""
        return _PAGES[self.role]

    @property
    def landing(self) -> str:
        """The page the session opens on: a link scoped to recommending States lands on the States page (its
        audience sees its own recommendations first), everyone else on the first page."""
        if self.grant is not None and self.grant.scope.states and "states" in self.pages:
            return "states"
        return self.pages[0]

    @property
    def can_refresh(self) -> bool:
        """True when the session may force a new read of the sheet (editors and admins)."""
        return self.role in ("editor", "admin")

    @property
    def sees_source(self) -> bool:
        """True when the banner may name the source and link to the sheet (members, never viewers)."""
        return not self.viewer


OPEN = Access("editor", mode="open")  # open mode: everyone who reaches the dashboard


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def normalise_email(email: object) -> str:
    """An email as compared: trimmed and case-folded ('' for blanks)."""
    return _text(email).casefold()


def member_access(dataset: Dataset, user: User) -> Access | None:
    """The Members row of a signed-in user as an Access, or None when the email is not listed or unverified.

    A blank or unreadable Role means `member`. When an email is listed more than once, the least
    privileged row wins.
    """
    email = normalise_email(user.email)
    members = dataset.members
    if not user.verified or not email or "@" not in email or members.empty or "email" not in members:
        return None
    rows = members.loc[members["email"].map(normalise_email) == email]
    if rows.empty:
        return None
    ranked = sorted(rows.to_dict("records"),
                    key=lambda r: ROLES.index(r.get("role")) if r.get("role") in ROLES else 0)
    row = ranked[0]
    role: Role = row["role"] if row.get("role") in ROLES else "member"
    return Access(role, name=_text(row.get("name")) or _text(user.name), email=email,
                  working_group=_text(row.get("working_group")), mode="login")


def link_access(token: object, secret: str | None, revoked: Collection[str],
                today: date | None = None) -> Access | None:
    """The viewer Access of a read-only link token, or None whatever check failed (or without a secret)."""
    if not secret:
        return None
    grant = verify_token(token, secret, revoked, today)
    if grant is None:
        return None
    return Access("viewer", name=grant.audience, grant=grant, mode="link")


def is_demo(source: str) -> bool:
    """True when the source is the bundled demo workbook (by name or by path)."""
    if source.strip() == "demo":
        return True
    try:
        return Path(source).expanduser().resolve() == DEMO_WORKBOOK.resolve()
    except (OSError, ValueError):
        return False


def open_to_everyone(access: Access, source: str) -> bool:
    """True when the dashboard is in open mode on real data: whoever reaches its address sees everything, and its
    members must be told so on every page."""
    return access.mode == "open" and not access.viewer and not is_demo(source)
