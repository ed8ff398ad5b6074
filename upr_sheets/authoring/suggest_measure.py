"""How well the suggestions agree with a human coding: exact agreement, per-class and micro-averaged figures.

Pure functions over lists, plus a reader for a UPR Info database export (columns Text, Action, Issue with
comma-separated issues, Session). UPR Monitor ships no such data: `benchmarks/bench_suggest.py` and a test
read one from outside the project when it is there.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Coded:
    """One recommendation as a human coded it."""

    text: str
    action: int
    issues: frozenset[str]
    session: int


@dataclass(frozen=True)
class Scores:
    """Precision and recall from counts of true positives, false positives and false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0 when nothing was suggested."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def support(self) -> int:
        """How many times the human coding has it."""
        return self.tp + self.fn


def read_upr_info(path: Path) -> list[Coded]:
    """The rows of a UPR Info export that have a text and an action category 1–5."""
    out = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            action = (row.get("Action") or "").strip()
            text = " ".join((row.get("Text") or "").split())
            if text and action in {"1", "2", "3", "4", "5"}:
                issues = frozenset(i.strip() for i in (row.get("Issue") or "").split(",") if i.strip())
                out.append(Coded(text, int(action), issues, int(row.get("Session") or 0)))
    return out


def agreement(predicted: Sequence[object], gold: Sequence[object]) -> float:
    """Share of items where the prediction equals the human coding."""
    return sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold) if gold else 0.0


def per_class(predicted: Sequence[object], gold: Sequence[object]) -> dict[object, Scores]:
    """Per class of a single-label coding: its precision and recall."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for p, g in zip(predicted, gold, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    return {c: Scores(tp[c], fp[c], fn[c]) for c in sorted({*predicted, *gold}, key=str)}


def per_label(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> dict[str, Scores]:
    """Per label of a multi-label coding (several issues per item): its precision and recall."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for p, g in zip(predicted, gold, strict=True):
        p, g = set(p), set(g)
        tp.update(p & g)
        fp.update(p - g)
        fn.update(g - p)
    return {c: Scores(tp[c], fp[c], fn[c]) for c in sorted({*tp, *fp, *fn})}


def micro(scores: dict[str, Scores]) -> Scores:
    """The per-label counts summed: micro-averaged precision and recall."""
    return Scores(sum(s.tp for s in scores.values()), sum(s.fp for s in scores.values()),
                  sum(s.fn for s in scores.values()))


def name_baseline(texts: Iterable[str], names: Iterable[str]) -> list[tuple[str, ...]]:
    """The labels whose own name appears in each text (case-insensitive): the simplest rule to beat."""
    folded = [(n, n.casefold()) for n in names]
    return [tuple(n for n, low in folded if low in t.casefold()) for t in texts]
