"""Secrets: `.streamlit/secrets.toml` and the Google service-account key, read without Streamlit.

Nothing here ever logs or repeats a secret value: error messages name files, keys and variables only.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from .errors import SettingsError
from .settings import PROJECT_ROOT

SECRETS_RELATIVE = Path(".streamlit") / "secrets.toml"
SERVICE_ACCOUNT_ENV = "UPR_MONITOR_SERVICE_ACCOUNT"
SERVICE_ACCOUNT_TABLE = "gcp_service_account"
_REQUIRED_KEYS = ("client_email", "private_key", "token_uri")


def secrets_paths() -> list[Path]:
    """Where secrets.toml is looked for, in order: the project root, then the working directory."""
    paths = [PROJECT_ROOT / SECRETS_RELATIVE, Path.cwd() / SECRETS_RELATIVE]
    unique: list[Path] = []
    for path in paths:
        if path not in unique:
            unique.append(path)
    return unique


def gspread_default_key_file() -> Path:
    """gspread's default service-account file (~/.config/gspread/service_account.json)."""
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"], "gspread", "service_account.json")
    return Path.home() / ".config" / "gspread" / "service_account.json"


def load_secrets() -> dict[str, Any]:
    """The whole of the first secrets.toml found ({} when there is none)."""
    for path in secrets_paths():
        if not path.is_file():
            continue
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc}). Fix the file or remove it.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: could not be read ({type(exc).__name__}).") from None
    return {}


def _checked(info: Any, origin: str) -> dict[str, Any]:
    """The key as a dict, after checking it has the fields Google needs."""
    if not isinstance(info, dict):
        raise SettingsError(f"{origin}: expected a service-account key (a JSON object), got {type(info).__name__}.")
    missing = [key for key in _REQUIRED_KEYS if not info.get(key)]
    if missing:
        raise SettingsError(
            f"{origin}: the service-account key lacks {', '.join(missing)}. Download a new JSON key from "
            "Google Cloud Console (IAM & Admin → Service accounts → Keys → Add key → JSON)."
        )
    return dict(info)


def _parse(text: str, origin: str) -> dict[str, Any]:
    """A JSON key text as a checked dict."""
    try:
        info = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    return _checked(info, origin)


def _from_file(path: Path, origin: str) -> dict[str, Any]:
    """The key stored in a JSON file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{origin}: could not be read ({type(exc).__name__}).") from None
    return _parse(text, origin)


def _from_env(value: str) -> dict[str, Any]:
    """The key given in the environment variable: the JSON itself or a path to the JSON file."""
    text = value.strip()
    if text.startswith("{"):
        return _parse(text, f"${SERVICE_ACCOUNT_ENV}")
    path = Path(text).expanduser()
    if not path.is_file():
        raise SettingsError(
            f"${SERVICE_ACCOUNT_ENV} should hold a service-account JSON key or the path to one; "
            "it names a file that does not exist."
        )
    return _from_file(path, f"{path} (from ${SERVICE_ACCOUNT_ENV})")


def service_account_info() -> dict[str, Any] | None:
    """The service-account key: secrets.toml, then $UPR_MONITOR_SERVICE_ACCOUNT, then gspread's default file."""
    table = load_secrets().get(SERVICE_ACCOUNT_TABLE)
    if table is not None:
        return _checked(table, f"[{SERVICE_ACCOUNT_TABLE}] in secrets.toml")
    env_value = os.environ.get(SERVICE_ACCOUNT_ENV, "")
    if env_value.strip():
        return _from_env(env_value)
    default = gspread_default_key_file()
    if default.is_file():
        return _from_file(default, str(default))
    return None
