"""`share create|list|revoke`: read-only links for outsiders, signed and recorded by `upr_sheets.access.links`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta

from upr_sheets.access.links import (
    create_link,
    is_link_id,
    link_secret,
    load_registry,
    record_link,
    registry_path,
    revoke_link,
)
from upr_sheets.core.settings import Settings, settings_path


def parse_expiry(text: str) -> date:
    """An --expires value (YYYY-MM-DD) as a date, or an argparse error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date; use YYYY-MM-DD, e.g. 2027-06-30") from None


def add_share(sub) -> None:
    """The `share` command and its create, list and revoke subcommands."""
    sh = sub.add_parser("share", help="read-only links for outsiders: create, list, revoke").add_subparsers(
        dest="share_command", required=True)
    sc = sh.add_parser("create", help="sign a new read-only link and print it")
    sc.add_argument("--audience", required=True, help='who the link is for, e.g. "EU Delegation"')
    sc.add_argument("--expires", type=parse_expiry,
                    help="last day the link works, YYYY-MM-DD (default: access.link_lifetime_days from today)")
    sc.add_argument("--scope", help='rows it shows, e.g. "working-group=Land Rights" or "cycle=2;theme=Health"')
    sc.add_argument("--base-url", help="the dashboard's address (default: access.link_base_url in the settings)")
    sh.add_parser("list", help="every link created here, with its status").add_argument(
        "--json", action="store_true", help="machine-readable output")
    sh.add_parser("revoke", help="stop a link from opening").add_argument("link_id")


def open_mode_refusal(settings: Settings) -> str | None:
    """Why no link may be made while the dashboard is open to everyone (None in login mode)."""
    if settings.access.mode == "login":
        return None
    return ("Cannot create the link: the dashboard is in `open` mode, so anyone who reaches its address sees "
            "everything, internal notes and Data quality included, with or without a link; a read-only link would "
            f"hide nothing. Close the dashboard first: set mode = \"login\" under [access] in {settings_path()}, "
            "list the members in the sheet's Members tab and set up sign-in (README, \"Access\"), restart the "
            "dashboard, then create the link.")


def default_expiry(settings: Settings, today: date | None = None) -> date:
    """The last day of a link made without --expires: access.link_lifetime_days from today."""
    return (today or date.today()) + timedelta(days=settings.access.link_lifetime_days)


def cmd_share_create(args: argparse.Namespace, settings: Settings) -> int:
    """Create, record and print a read-only link (refused while the dashboard is in open mode)."""
    refusal = open_mode_refusal(settings)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    secret = link_secret(settings)
    expires = args.expires or default_expiry(settings)
    try:
        link = create_link(args.audience, expires, args.scope, args.base_url or settings.access.link_base_url,
                           secret)
    except ValueError as exc:
        print(f"Cannot create the link: {exc}", file=sys.stderr)
        return 2
    record_link(link)
    print(f"Link ID:  {link.link_id}\nAudience: {link.audience}\n"
          f"Expires:  {_expiry(link.expires.isoformat() if link.expires else None, date.today())}"
          f"{'' if args.expires else ' (the default lifetime, access.link_lifetime_days; --expires sets another)'}\n"
          f"Scope:    {link.scope or 'all public data'}\n"
          "Anyone holding this link sees the read-only view: send it only to this audience.\n"
          f"Revoke:   python -m upr_sheets share revoke {link.link_id}\n{link.url}")
    return 0


def cmd_share_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print every registered link with its status."""
    today, in_settings = date.today(), {i.strip().casefold() for i in settings.access.revoked_links}
    rows = [{**e, "status": "revoked" if e.get("revoked") or e["id"].casefold() in in_settings else
             "expired" if e.get("expires") and date.fromisoformat(e["expires"]) < today else "active"}
            for e in load_registry()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"No links yet ({registry_path()}). Create one with: python -m upr_sheets share create --audience NAME")
    for e in rows:
        print(f"{e['id']}  {e['status']:<8} expires {_expiry(e.get('expires'), today):<26}  "
              f"{e.get('audience') or '?'}  [{e.get('scope') or 'all public data'}]")
    return 0


def _expiry(expires: str | None, today: date) -> str:
    """`2027-12-02 (in 365 days)`, `2026-01-31 (passed)`, or `never` for a link made before links had a lifetime."""
    if not expires:
        return "never (revoke it when no longer needed)"
    days = (date.fromisoformat(expires) - today).days
    left = "passed" if days < 0 else "last day today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return f"{expires} ({left})"


def cmd_share_revoke(args: argparse.Namespace, settings: Settings) -> int:
    """Record a link as revoked."""
    key = args.link_id.strip().casefold()
    if not is_link_id(key):
        print(f"`{args.link_id}` is not a link id (see: python -m upr_sheets share list).", file=sys.stderr)
        return 2
    if revoke_link(key):
        print(f"Revoked {key}: the link no longer opens (a running dashboard picks this up on its next check).")
    else:
        print(f"{key} was not in {registry_path()}; it is now recorded as revoked. If it was created on another "
              "machine, also tick Revoked in the Share Links tab.", file=sys.stderr)
    return 0


def cmd_share(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch `share create|list|revoke`."""
    commands = {"create": cmd_share_create, "list": cmd_share_list, "revoke": cmd_share_revoke}
    return commands[args.share_command](args, settings)


COMMANDS = {"share": (add_share, cmd_share)}
