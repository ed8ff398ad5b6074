"""Settings: `config/settings.toml` loaded into one typed, checked object."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .contract import TABS, Vocabulary
from .errors import SettingsError

_CHECKOUT = Path(__file__).resolve().parents[2]
# The folder that holds config/, .streamlit/ and the snapshots: the checkout (also under `pip install -e .`);
# for a copy installed into site-packages, which has none of them, the current directory.
PROJECT_ROOT = _CHECKOUT if (_CHECKOUT / "dashboard.py").is_file() else Path.cwd()
SETTINGS_PATH = PROJECT_ROOT / "config" / "settings.toml"
DEMO_WORKBOOK = Path(__file__).resolve().parents[1] / "sources" / "demo.xlsx"
SOURCE_ENV = "UPR_MONITOR_SOURCE"
SETTINGS_ENV = "UPR_MONITOR_SETTINGS"
ACCESS_MODE_ENV = "UPR_MONITOR_ACCESS_MODE"  # "login" closes a deployment without editing its settings file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SourceSettings(_Strict):
    default: str = "demo"


class SyncSettings(_Strict):
    cache_ttl_seconds: int = Field(300, ge=5)
    snapshot_dir: str = ".upr-monitor/snapshots"
    request_timeout_seconds: float = Field(30, gt=0)
    max_attempts: int = Field(4, ge=1, le=10)
    max_total_wait_seconds: float = Field(15, ge=0)


class ReadingSettings(_Strict):
    """Limits on what a workbook or CSV file may hold, checked before its cells are read."""

    max_part_mb: int = Field(200, ge=1)  # uncompressed size of one part of an .xlsx, or of one CSV file
    max_cell_characters: int = Field(50_000, ge=1)  # Google Sheets' own limit for one cell
    max_cells: int = Field(10_000_000, ge=1)  # Google Sheets' own limit for one spreadsheet


class TabSettings(_Strict):
    recommendations: str = "Recommendations"
    assessments: str = "Assessments"
    indicators: str = "Indicators"
    measurements: str = "Measurements"
    lists: str = "Lists"
    cycles: str = "Cycles"
    members: str = "Members"
    share_links: str = "Share Links"


class PrivacySettings(_Strict):
    private_columns: list[str] = ["Internal Notes", "Assessed By", "Reported By", "Lead Organization",
                                 "Next Step", "Owner"]
    private_tabs: list[str] = ["Members", "Share Links"]


class DashboardSettings(_Strict):
    stale_after_months: int = Field(6, ge=1)
    current_cycle: int | None = Field(None, ge=1, le=9)  # None: the latest cycle with recommendations


class CoalitionSettings(_Strict):
    """Who publishes the dashboard, its reports and site: shown on the pages, the reports and the published site."""

    name: str = ""  # e.g. "Cambodian UPR Coalition"
    country: str = ""  # the State under review, e.g. "Cambodia": the reports' title names it
    contact: str = ""  # an e-mail address or a web page readers can write to
    logo: str = ""  # an image file (path relative to the working folder) or an https:// URL, for the sidebar


class AccessSettings(_Strict):
    mode: Literal["open", "login"] = "open"
    link_base_url: str = "http://localhost:8501"
    revoked_links: list[str] = []
    link_lifetime_days: int = Field(365, ge=1, le=3660)  # a read-only link made without --expires lasts this long


class SuggestSettings(_Strict):
    """Suggested coding of imported recommendations (upr_sheets.authoring.suggest)."""

    language: str = "en"  # the rule set: upr_sheets/authoring/suggest_rules/<language>.toml
    themes: dict[str, list[str]] = {}  # UPR Info issue → the coalition's themes; empty: the issues themselves
    ministries: dict[str, list[str]] = {}  # theme → ministries responsible
    institutions: dict[str, list[str]] = {}  # words naming an institution in a text → ministries


class StatusLevel(_Strict):
    label: str
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    aliases: list[str] = []
    triggered_action: bool = False
    default: bool = False


class Settings(_Strict):
    """Everything configurable, with the defaults of `config/settings.toml`."""

    source: SourceSettings = SourceSettings()
    sync: SyncSettings = SyncSettings()
    reading: ReadingSettings = ReadingSettings()
    tabs: TabSettings = TabSettings()
    privacy: PrivacySettings = PrivacySettings()
    dashboard: DashboardSettings = DashboardSettings()
    access: AccessSettings = AccessSettings()
    suggest: SuggestSettings = SuggestSettings()
    coalition: CoalitionSettings = CoalitionSettings()
    status: list[StatusLevel] = []

    @field_validator("status")
    @classmethod
    def _one_default(cls, levels: list[StatusLevel]) -> list[StatusLevel]:
        if not levels:
            raise ValueError("at least one [[status]] level is needed")
        if sum(level.default for level in levels) > 1:
            raise ValueError("only one [[status]] level may have default = true")
        return levels

    @property
    def status_labels(self) -> tuple[str, ...]:
        """Status labels in display order."""
        return tuple(level.label for level in self.status)

    @property
    def status_colours(self) -> dict[str, str]:
        """Status label → colour, the one colour map used by every chart."""
        return {level.label: level.colour for level in self.status}

    @property
    def triggered_statuses(self) -> frozenset[str]:
        """Labels counted as "triggered action"."""
        return frozenset(level.label for level in self.status if level.triggered_action)

    @property
    def default_status(self) -> str:
        """Label a blank Status cell means (`No information` by default)."""
        marked = [level.label for level in self.status if level.default]
        return marked[0] if marked else self.status[-1].label

    @property
    def status_vocabulary(self) -> Vocabulary:
        """The status scale as a vocabulary (labels and aliases)."""
        aliases = {alias: level.label for level in self.status for alias in level.aliases}
        return Vocabulary(self.status_labels, aliases)

    def tab_title(self, key: str) -> str:
        """The configured title of the tab with this key."""
        return getattr(self.tabs, key)


def _describe(error: dict) -> str:
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key `{key}` (check the spelling; see the comments in the file for valid keys)"
    if error["type"] == "missing":
        return f"`{key}` is missing"
    got = error.get("input")
    return f"`{key}`: {error['msg']} (got {got!r})"


def settings_path() -> Path:
    """The settings file to read: $UPR_MONITOR_SETTINGS when set, else config/settings.toml."""
    chosen = os.environ.get(SETTINGS_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else SETTINGS_PATH


def load_settings(path: str | Path | None = None) -> Settings:
    """Read and check the settings file (default: $UPR_MONITOR_SETTINGS, else config/settings.toml)."""
    path = Path(path) if path else settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: settings file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise SettingsError(f"{path}: {problems}") from None
    mode = os.environ.get(ACCESS_MODE_ENV, "").strip()
    if not mode:
        return settings
    if mode not in ("open", "login"):
        raise SettingsError(f"${ACCESS_MODE_ENV} must be \"login\" or \"open\" (got {mode!r}).")
    return settings.model_copy(update={"access": settings.access.model_copy(update={"mode": mode})})


def resolve_source(explicit: str | None, settings: Settings) -> str:
    """The source to load: an explicit one, else $UPR_MONITOR_SOURCE, else the settings' default."""
    return explicit or os.environ.get(SOURCE_ENV) or settings.source.default


assert {t.key for t in TABS} == set(TabSettings.model_fields), "tab settings and contract disagree"
