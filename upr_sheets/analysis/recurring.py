"""Recommendations that recur across cycles: the same demand made again, matched by text similarity.

Each recommendation of a cycle is compared with those of the previous cycle present in the data
(cycle 3 with cycle 2, not with cycle 1) and kept with its best match when the similarity reaches
the threshold. Similarity is the mean of rapidfuzz's token-sort and token-set ratios on lower-cased
text without punctuation or common English function words: token-set alone rates a short text
contained in a long one as identical, token-sort alone misses rephrasings of the same demand.
When the cycle pairs together need more than `max_comparisons` comparisons, each pair gets its
share of that budget and a recommendation is compared only with earlier ones
that share one of its rarest words, and the cheapest of those blocks are scored first until the
budget is spent (the result then says `complete=False` in `DataFrame.attrs`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

STOPWORDS = frozenset(
    "a an the and or nor of to in on for with by its it their as at from be is are was were that this which all any "
    "into under within including such these those has have had other further also so".split())
COLUMNS = ["cycle_a", "id_a", "text_a", "cycle_b", "id_b", "text_b", "similarity"]


def normalise(text: object) -> str:
    """Lower case, punctuation removed, function words dropped."""
    if not isinstance(text, str):
        return ""
    return " ".join(w for w in utils.default_process(text).split() if w not in STOPWORDS)


def similarity(a: str, b: str) -> float:
    """Similarity 0–100 of two recommendation texts, as used by recurring_pairs."""
    a, b = normalise(a), normalise(b)
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _score(later: list[str], earlier: list[str], threshold: float, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Best score and index in `earlier` for each text of `later` (score 0 when below threshold)."""
    best = np.zeros(len(later), dtype=np.float32)
    arg = np.full(len(later), -1, dtype=np.int64)
    if not later or not earlier:
        return best, arg
    for start in range(0, len(later), chunk):
        block = later[start:start + chunk]
        token_set = process.cdist(block, earlier, scorer=fuzz.token_set_ratio, score_cutoff=threshold,
                                  dtype=np.float32, workers=1)
        rows = np.flatnonzero(token_set.max(axis=1) >= threshold)
        if not len(rows):
            continue
        token_sort = process.cdist([block[r] for r in rows], earlier, scorer=fuzz.token_sort_ratio,
                                   dtype=np.float32, workers=1)
        mean = np.where(token_set[rows] > 0, (token_set[rows] + token_sort) / 2, 0)
        best[start + rows] = mean.max(axis=1)
        arg[start + rows] = mean.argmax(axis=1)
    return best, arg


def _blocked(later: list[str], earlier: list[str], threshold: float, budget: int, rare: int,
             chunk: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """_score restricted to pairs sharing one of the later text's `rare` rarest words, within a budget."""
    later_words = [set(t.split()) for t in later]
    earlier_words = [set(t.split()) for t in earlier]
    df = Counter(w for words in later_words + earlier_words for w in words)
    rank = {w: n for n, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}
    queries: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(later_words):
        for w in sorted(words, key=rank.__getitem__)[:rare]:
            queries[w].append(i)
    needed = set(queries)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(earlier_words):
        for w in words & needed:
            postings[w].append(j)
    queries = {w: rows for w, rows in queries.items() if w in postings}
    best = np.zeros(len(later), dtype=np.float32)
    arg = np.full(len(later), -1, dtype=np.int64)
    spent = 0
    for w in sorted(queries, key=lambda w: (len(queries[w]) * len(postings[w]), w)):  # cheapest blocks first
        cost = len(queries[w]) * len(postings[w])
        if spent + cost > budget:
            return best, arg, False
        spent += cost
        targets, cand = np.array(queries[w]), np.array(postings[w])
        score, idx = _score([later[i] for i in targets], [earlier[j] for j in cand], threshold, chunk)
        better = score > best[targets]
        best[targets[better]] = score[better]
        arg[targets[better]] = cand[idx[better]]
    return best, arg, True


def recurring_pairs(recs: pd.DataFrame, threshold: float = 80.0, limit: int | None = None,
                    max_comparisons: int = 200_000, rare_words: int = 4, chunk: int = 1000) -> pd.DataFrame:
    """[cycle_a, id_a, text_a, cycle_b, id_b, text_b, similarity]: later recommendations and their earlier twin."""
    # One row per later recommendation (b) whose best match in the previous cycle (a) reaches the threshold,
    # most similar first, at most `limit` rows.
    recs = recs.loc[recs["cycle"].notna(), ["cycle", "id", "text"]].reset_index(drop=True)
    texts = recs["text"].map(normalise)
    recs, texts = recs.loc[texts != ""], texts.loc[texts != ""]
    cycles = sorted(int(c) for c in recs["cycle"].unique())
    frames, complete = [], True
    sizes = recs["cycle"].value_counts()
    pairs = list(zip(cycles, cycles[1:]))
    exhaustive = sum(int(sizes[p]) * int(sizes[c]) for p, c in pairs) <= max_comparisons
    budget = max_comparisons // max(1, len(pairs))
    for prev, cycle in pairs:
        a = recs.loc[(recs["cycle"] == prev).to_numpy()]
        b = recs.loc[(recs["cycle"] == cycle).to_numpy()]
        earlier, later = texts.loc[a.index].tolist(), texts.loc[b.index].tolist()
        if exhaustive:
            best, arg = _score(later, earlier, threshold, chunk)
        else:
            best, arg, done = _blocked(later, earlier, threshold, budget, rare_words, chunk)
            complete = complete and done
        hit = np.flatnonzero((arg >= 0) & (best >= threshold))
        if len(hit):
            frames.append(pd.DataFrame({
                "cycle_a": a["cycle"].to_numpy()[arg[hit]], "id_a": a["id"].to_numpy()[arg[hit]],
                "text_a": a["text"].to_numpy()[arg[hit]], "cycle_b": b["cycle"].to_numpy()[hit],
                "id_b": b["id"].to_numpy()[hit], "text_b": b["text"].to_numpy()[hit],
                "similarity": np.round(best[hit].astype(float), 1)}))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({c: [] for c in COLUMNS})
    out = out.astype({"cycle_a": "Int64", "cycle_b": "Int64", "id_a": str, "id_b": str, "text_a": str, "text_b": str,
                      "similarity": float})
    out = out.sort_values(["similarity", "cycle_b", "id_b"], ascending=[False, True, True], kind="stable")
    out = (out.head(limit) if limit is not None else out).reset_index(drop=True)
    out.attrs["complete"] = complete
    return out
