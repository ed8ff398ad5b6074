"""Settings: one typed object; an unknown key or a wrong type names the key and the file."""

from __future__ import annotations

import pytest

from upr_sheets.core.errors import SettingsError
from upr_sheets.core.settings import SETTINGS_PATH, load_settings, resolve_source


def test_project_settings_load():
    s = load_settings()
    assert s.status_labels == ("Not implemented", "Partially implemented", "Fully implemented", "No information")
    assert s.triggered_statuses == {"Partially implemented", "Fully implemented"}
    assert s.default_status == "No information"
    assert s.source.default == "demo"


@pytest.mark.parametrize("extra,fragment", [
    ("[sync]\ncache_ttl = 5\n", "sync.cache_ttl"),
    ("[sync]\ncache_ttl_seconds = \"five\"\n", "sync.cache_ttl_seconds"),
    ("[colours]\nx = 1\n", "colours"),
    ("[access]\nmode = \"public\"\n", "access.mode"),
    ("[sync]\ncache_ttl_seconds = 1\n", "sync.cache_ttl_seconds"),
])
def test_bad_settings_name_key_and_file(tmp_path, extra, fragment):
    base = SETTINGS_PATH.read_text()
    for section in ("[sync]", "[access]"):
        if extra.startswith(section):
            base = base.replace(section, "[old" + section[1:], 1)
            extra = extra + _section_body(SETTINGS_PATH.read_text(), section, extra)
    path = tmp_path / "settings.toml"
    path.write_text(base + "\n" + extra)
    with pytest.raises(SettingsError) as exc:
        load_settings(path)
    assert fragment in str(exc.value) and str(path) in str(exc.value)


def _section_body(text: str, section: str, override: str) -> str:
    """The other keys of a section, so only the overridden key is wrong."""
    body = text.split(section, 1)[1].split("\n[", 1)[0]
    keys = {line.split("=")[0].strip() for line in override.splitlines()[1:]}
    return "\n".join(line for line in body.splitlines() if line.split("=")[0].strip() not in keys)


def test_invalid_toml(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[source\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(path)


def test_source_precedence(monkeypatch):
    s = load_settings()
    monkeypatch.delenv("UPR_MONITOR_SOURCE", raising=False)
    assert resolve_source(None, s) == "demo"
    monkeypatch.setenv("UPR_MONITOR_SOURCE", "env.xlsx")
    assert resolve_source(None, s) == "env.xlsx"
    assert resolve_source("cli.xlsx", s) == "cli.xlsx"


@pytest.mark.parametrize("value,mode", [("login", "login"), (" open ", "open"), ("", "open"), ("closed", None)])
def test_the_access_mode_can_be_set_by_the_environment(monkeypatch, value, mode):
    """$UPR_MONITOR_ACCESS_MODE (the Dockerfile sets login; Community Cloud takes it from the secrets) wins."""
    from upr_sheets.core.settings import ACCESS_MODE_ENV

    monkeypatch.setenv(ACCESS_MODE_ENV, value)
    if mode is None:
        with pytest.raises(SettingsError, match=ACCESS_MODE_ENV):
            load_settings()
        return
    assert load_settings().access.mode == mode


def test_the_container_image_is_closed_by_default():
    """The Dockerfile sets login mode: a deployment is never open to whoever reaches its address by accident."""
    from upr_sheets.core.settings import ACCESS_MODE_ENV

    dockerfile = (SETTINGS_PATH.parent.parent / "Dockerfile").read_text(encoding="utf-8")
    assert f"{ACCESS_MODE_ENV}=login" in dockerfile.replace(" ", "")
