"""Recurring recommendations: text similarity across consecutive cycles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from upr_sheets.analysis.recurring import COLUMNS, recurring_pairs, similarity

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "research" / "data"


def recs(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    """A Recommendations-like frame of (cycle, id, text)."""
    cycles, ids, texts = zip(*rows) if rows else ((), (), ())
    return pd.DataFrame({"cycle": pd.array(cycles, dtype="Int64"), "id": pd.Series(ids, dtype=object),
                         "text": pd.Series(texts, dtype=object)})


SIMILAR = {
    "same text": ("Continue to combat trafficking in persons", "Continue to combat trafficking in persons", True),
    "case and punctuation": ("Ratify the OPCAT.", "ratify the opcat", True),
    "rephrased": ("Issue a standing invitation to the special procedures of the United Nations",
                  "Consider issuing a standing invitation to United Nations human rights special procedures", True),
    "short text inside a long one is not a repeat": (
        "Ratify Optional Protocols 1 and 2 to ICCPR",
        "Consider ratifying the International Convention for the Protection of All Persons from Enforced "
        "Disappearance and the Optional Protocols to the ICCPR, CAT and CRPD", False),
    "different demand": ("Abolish the death penalty", "Protect the rights of journalists", False),
}


@pytest.mark.parametrize("a,b,recurs", SIMILAR.values(), ids=SIMILAR.keys())
def test_similarity(a, b, recurs):
    assert (similarity(a, b) >= 80) is recurs
    assert similarity(a, b) == similarity(b, a)


SAMPLE = recs([
    (1, "90.1", "Continue to combat trafficking in persons, especially women and children"),
    (1, "90.2", "Abolish the death penalty"),
    (1, "90.3", "Issue a standing invitation to the special procedures"),
    (2, "118.1", "Continue efforts to combat trafficking in persons, especially women and children"),
    (2, "118.2", "Protect journalists and human rights defenders"),
    (2, "118.3", "Issue a standing invitation to all special procedures"),
    (3, "110.7", "Abolish the death penalty"),
    (3, "110.8", "Protect journalists and human rights defenders from harassment"),
])


def test_recurring_pairs():
    want = pd.DataFrame({
        "cycle_a": pd.array([1, 1, 2], dtype="Int64"), "id_a": ["90.3", "90.1", "118.2"],
        "text_a": [SAMPLE.text[2], SAMPLE.text[0], SAMPLE.text[4]],
        "cycle_b": pd.array([2, 2, 3], dtype="Int64"), "id_b": ["118.3", "118.1", "110.8"],
        "text_b": [SAMPLE.text[5], SAMPLE.text[3], SAMPLE.text[7]],
        "similarity": [100.0, 96.9, 94.2]})
    got = recurring_pairs(SAMPLE)
    assert_frame_equal(got, want, atol=0.05)
    assert got.attrs["complete"] is True


def test_only_consecutive_cycles_are_compared():
    got = recurring_pairs(SAMPLE)
    assert ("90.2", "110.7") not in set(zip(got["id_a"], got["id_b"]))  # cycle 1 → 3 skips cycle 2


CASES = {
    "limit keeps the most similar": (dict(limit=1), ["118.3"]),
    "higher threshold": (dict(threshold=97.0), ["118.3"]),
    "lower threshold finds weaker matches": (dict(threshold=30.0), ["118.3", "118.1", "110.8", "110.7", "118.2"]),
}


@pytest.mark.parametrize("kwargs,ids", CASES.values(), ids=CASES.keys())
def test_options(kwargs, ids):
    assert recurring_pairs(SAMPLE, **kwargs)["id_b"].tolist() == ids


def test_budget_switches_to_blocking_by_rare_words():
    exhaustive = recurring_pairs(SAMPLE)
    blocked = recurring_pairs(SAMPLE, max_comparisons=8)
    assert_frame_equal(blocked, exhaustive)  # every recurring pair shares a rare word
    starved = recurring_pairs(SAMPLE, max_comparisons=1)
    assert starved.attrs["complete"] is False and len(starved) <= len(exhaustive)


EMPTY_CASES = {
    "no recommendations": recs([]),
    "a single cycle": recs([(1, "1", "Abolish the death penalty"), (1, "2", "Abolish the death penalty")]),
    "only function words": recs([(1, "1", "of the"), (2, "1", "of the")]),
}


@pytest.mark.parametrize("frame", EMPTY_CASES.values(), ids=EMPTY_CASES.keys())
def test_nothing_to_pair(frame):
    got = recurring_pairs(frame)
    assert got.empty and list(got.columns) == COLUMNS


def test_cambodia_cycles_one_and_two():
    if not (DATA_DIR / "cambodia_cycle2.csv").exists():
        pytest.skip(f"research data not found at {DATA_DIR} (the shared folder is not checked out here)")
    c1 = pd.read_csv(DATA_DIR / "cambodia_cycle1_upr_info.csv", dtype=str)
    c2 = pd.read_csv(DATA_DIR / "cambodia_cycle2.csv", dtype=str)
    frame = recs([(1, s, t) for s, t in zip(c1["seq"], c1["text"])] + [(2, i, t) for i, t in zip(c2["id"], c2["text"])])
    got = recurring_pairs(frame)
    assert 8 <= len(got) <= 30
    assert got["similarity"].iloc[0] == 100.0 and got["text_b"].iloc[0].startswith("Continue to take the necessary")
    ratify = got.loc[got["text_b"] == "Ratify Optional Protocols 1 and 2 to ICCPR"]
    assert ratify.empty  # a short demand is not "the same" as a long list that contains its words
    assert "national human rights institution" in " ".join(got["text_b"])
