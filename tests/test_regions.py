"""UN regional groups: every member State, spelling variants, the reference list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from upr_sheets.core.regions import (
    AFRICAN,
    ASIA_PACIFIC,
    EASTERN_EUROPEAN,
    GRULAC,
    MEMBERS,
    OBSERVER,
    REGIONAL_GROUPS,
    UNKNOWN,
    WEOG,
    official_name,
    regional_group,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "research" / "data"

VARIANTS = {
    "Venezuela (Bolivarian Republic of)": GRULAC, "Venezuela": GRULAC, "Iran (Islamic Republic of)": ASIA_PACIFIC,
    "Iran, Islamic Republic of": ASIA_PACIFIC, "United Kingdom of Great Britain and Northern Ireland": WEOG,
    "United Kingdom": WEOG, "Viet Nam": ASIA_PACIFIC, "Vietnam": ASIA_PACIFIC, "Republic of Korea": ASIA_PACIFIC,
    "Korea, Republic of": ASIA_PACIFIC, "Democratic People’s Republic of Korea": ASIA_PACIFIC,
    "Korea (Democratic People's Republic of)": ASIA_PACIFIC, "Holy See": OBSERVER, "State of Palestine": OBSERVER,
    "Palestine": OBSERVER, "Türkiye": WEOG, "Turkey": WEOG, "Turkiye": WEOG, "United States": WEOG, "USA": WEOG,
    "Russian Federation": EASTERN_EUROPEAN, "Czech Republic": EASTERN_EUROPEAN, "Macedonia FYR": EASTERN_EUROPEAN,
    "Côte d'Ivoire": AFRICAN, "Cote d’Ivoire": AFRICAN, "Congo (Democratic Republic of the)": AFRICAN,
    "Democratic Republic of Congo": AFRICAN, "Republic of Congo": AFRICAN, "Swaziland": AFRICAN,
    "Libyan Arab Jamahiriya": AFRICAN, "São Tomé & Príncipe": AFRICAN, "St. Vincent & Grenadines": GRULAC,
    "Saint Kitts and Nevis": GRULAC, "Bolivia (Plurinational State of)": GRULAC, "Micronesia": ASIA_PACIFIC,
    "Lao People's Democratic Republic": ASIA_PACIFIC, "Israel": WEOG, "Cyprus": ASIA_PACIFIC, "Kiribati": ASIA_PACIFIC,
    "  france ": WEOG, "Netherlands": WEOG, "the Gambia": AFRICAN,
    "European Union": UNKNOWN, "Atlantis": UNKNOWN, "": UNKNOWN, "Korea": UNKNOWN,
}


@pytest.mark.parametrize("state,group", VARIANTS.items(), ids=VARIANTS.keys())
def test_spelling_variants(state, group):
    assert regional_group(state) == group


def test_not_text_is_unknown():
    assert regional_group(None) == UNKNOWN and official_name(float("nan")) is None  # type: ignore[arg-type]


def test_every_member_state_once():
    names = [name for group in MEMBERS.values() for name in group]
    assert len(names) == len(set(names)) == 195
    assert sum(len(MEMBERS[g]) for g in MEMBERS if g != OBSERVER) == 193
    assert {g: len(MEMBERS[g]) for g in (AFRICAN, EASTERN_EUROPEAN, GRULAC)} == {
        AFRICAN: 54, EASTERN_EUROPEAN: 23, GRULAC: 33}
    assert set(MEMBERS) | {UNKNOWN} == set(REGIONAL_GROUPS)
    assert all(official_name(name) == name for name in names)


REFERENCE_GROUPS = {"African Group": AFRICAN, "Asia-Pacific Group": ASIA_PACIFIC, "Eastern European Group":
                    EASTERN_EUROPEAN, "GRULAC": GRULAC, "WEOG": WEOG, "Africa": AFRICAN, "Asia": ASIA_PACIFIC,
                    "EEG": EASTERN_EUROPEAN, "Observer": OBSERVER}


def reference(name: str, state: str, group: str) -> dict[str, set[str]]:
    """State → the groups a reference file lists it in (Türkiye appears in two)."""
    path = DATA_DIR / name
    if not path.exists():
        pytest.skip(f"research data not found at {path} (the shared folder is not checked out here)")
    frame = pd.read_csv(path, dtype=str)
    frame = frame.loc[frame[group].isin(REFERENCE_GROUPS)]
    return {name: {REFERENCE_GROUPS[g] for g in rows[group]} for name, rows in frame.groupby(state)}


@pytest.mark.parametrize("name,state,group", [("un_regional_groups.csv", "Name", "Region"),
                                               ("upr_info_states_regional_groups.csv", "state", "grp")])
def test_reference_lists(name, state, group):
    expected = reference(name, state, group)
    assert len(expected) >= 190
    wrong = {state: (regional_group(state), groups) for state, groups in expected.items()
             if regional_group(state) not in groups}
    assert wrong == {}
