"""Suggested coding of a recommendation: its action category (1–5), UPR Info issues, themes and ministries.

Rules, not a model: the words that decide are listed in a readable file per language,
`suggest_rules/<lang>.toml`, and every suggestion says which words decided it (`why`).

- Action category (UPR Info's scale after McMahon): the recommendation's leading verb, found after the
  lead-in words ("recommended that", adverbs such as "fully") and after a leading clause ("In line with …,");
  a phrase at the verb ("give consideration to") wins over the verb alone, and a specific verb followed by
  general words ("adopt measures", "implement further steps") is general action. Only the first clause of
  several counts: "Continue … and ratify …" is continuing action.
- Issues: word lists and phrases per UPR Info issue; an issue is suggested when one of its terms occurs
  outside the issue's `unless` phrases ("education" inside "human rights education" does not count). A
  term is one or more words; `*` ends a word that may go on ("discriminat*"). Matching is on lower-cased
  words, so punctuation and case never matter.
- Themes and ministries come from the coalition's settings (`[suggest]`): UPR Info issues mapped onto the
  coalition's own themes, then a table from theme to ministries, and a table of named institutions.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from upr_sheets.core.errors import SettingsError
from upr_sheets.core.settings import Settings, SuggestSettings

RULES_DIR = Path(__file__).with_name("suggest_rules")
CATEGORY_NAMES = {1: "minimal action", 2: "continuing action", 3: "considering action", 4: "general action",
                  5: "specific action"}
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|,")


def tokens(text: str) -> list[str]:
    """The lower-cased words of a text and its commas (apostrophes kept inside a word, as in `women's`)."""
    return _TOKEN.findall(text.casefold().replace("’", "'"))


def words(text: str) -> list[str]:
    """The lower-cased words of a text, without punctuation."""
    return [t for t in tokens(text) if t != ","]


@dataclass(frozen=True)
class Suggestion:
    """What the rules suggest for one recommendation, and the words that decided it."""

    action_category: int
    issues: tuple[str, ...]  # UPR Info issues
    themes: tuple[str, ...]  # the coalition's themes (the issues themselves when the settings map none)
    ministries: tuple[str, ...]
    why: str

    def as_json(self) -> dict:
        """The command line's JSON object."""
        return {"action_category": self.action_category, "themes": list(self.themes),
                "ministries": list(self.ministries), "issues": list(self.issues), "why": self.why}


_NONE: tuple[()] = ()  # no term starts with this word


class _Terms:
    """Word sequences to find in a text: each term is a tuple of words, the last of which may be a prefix."""

    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        self.exact: dict[str, list[tuple[list[str], str, str]]] = {}  # first word → (rest, term, label)
        self.prefix: list[tuple[str, list[str], str, str]] = []  # (first word prefix, rest, term, label)
        for term, label in terms:
            parts = _stars(term)
            first, rest = parts[0], list(parts[1:])
            if first.endswith("*"):
                self.prefix.append((first[:-1], rest, term, label))
            else:
                self.exact.setdefault(first, []).append((rest, term, label))
        self._firsts: dict[str, list[tuple[list[str], str, str]] | tuple[()]] = {}  # word → terms it may start

    def _candidates(self, word: str) -> list[tuple[list[str], str, str]] | tuple[()]:
        hit = list(self.exact.get(word, ()))
        hit += [(rest, term, label) for start, rest, term, label in self.prefix if word.startswith(start)]
        out = hit or _NONE
        if len(self._firsts) < 200_000:
            self._firsts[word] = out
        return out

    def find(self, tokens: list[str]) -> list[tuple[int, int, str, str]]:
        """(start, end, term, label) of every term found, in text order."""
        found = []
        got = list(map(self._firsts.get, tokens))
        for i in [i for i, hit in enumerate(got) if hit is not _NONE]:
            hit = got[i]
            if hit is None:
                hit = self._candidates(tokens[i])
            for rest, term, label in hit:
                end = i + 1 + len(rest)
                if not rest or (tokens[i + 1:end] == rest if rest[-1][-1] != "*" else _follows(tokens, i + 1, rest)):
                    found.append((i, end, term, label))
        return found


def _stars(term: str) -> tuple[str, ...]:
    """A term's words as `words` reads a text, each keeping a trailing `*`."""
    return tuple(w + star for w, star in re.findall(r"([^\W_]+(?:'[^\W_]+)*)(\*?)", term.casefold()))


def _follows(tokens: list[str], at: int, rest: list[str]) -> bool:
    if at + len(rest) > len(tokens):
        return False
    for j, want in enumerate(rest):
        got = tokens[at + j]
        if not (got.startswith(want[:-1]) if want.endswith("*") else got == want):
            return False
    return True


def _by_first(items: Iterable[tuple[tuple[str, ...], int]]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Word sequences (with a value) by their first word, the longest first."""
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for seq, value in sorted(items, key=lambda kv: -len(kv[0])):
        out.setdefault(seq[0], []).append((seq, value))
    return out


@dataclass
class Rules:
    """One language's rule set, as read from its TOML file (word sequences indexed by their first word)."""

    language: str
    default: int
    skip: frozenset[str]
    lead_ins: dict[str, list[tuple[tuple[str, ...], int]]]
    clause_openers: dict[str, list[tuple[tuple[str, ...], int]]]
    verbs: dict[str, int]
    phrases: dict[str, list[tuple[tuple[str, ...], int]]]
    general_words: frozenset[str]
    general_window: int
    issues: _Terms
    unless: _Terms  # labelled with the issue whose terms they void
    unless_issues: frozenset[str] = frozenset()
    issue_names: tuple[str, ...] = ()


@cache
def load_rules(language: str = "en") -> Rules:
    """The rule set of a language from `suggest_rules/<language>.toml` (SettingsError when absent or malformed)."""
    path = RULES_DIR / f"{language}.toml"
    if not path.is_file():
        have = sorted(p.stem for p in RULES_DIR.glob("*.toml"))
        raise SettingsError(f"[suggest] language: no suggestion rules for `{language}`; rule files exist for {have}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        action, issues = data["action"], data["issues"]
        verbs = {verb: int(cat) for cat, listed in action["verbs"].items() for verb in listed}
        twice = sum(map(len, action["verbs"].values())) - len(verbs)
        if twice:
            raise ValueError(f"{twice} verb(s) listed under two categories")
        return Rules(
            language=data["language"], default=int(action["default"]), skip=frozenset(action["skip"]),
            lead_ins=_by_first((tuple(words(p)), 0) for p in action["lead_ins"]),
            clause_openers=_by_first((tuple(words(p)), 0) for p in action["clause_openers"]),
            verbs=verbs,
            phrases=_by_first((tuple(words(p)), int(cat)) for cat, listed in action["phrases"].items()
                              for p in listed),
            general_words=frozenset(action["general"]["words"]), general_window=int(action["general"]["window"]),
            issues=_Terms((t, name) for name, spec in issues.items() for t in spec["terms"]),
            unless=_Terms((t, name) for name, spec in issues.items() for t in spec.get("unless", ())),
            unless_issues=frozenset(name for name, spec in issues.items() if spec.get("unless")),
            issue_names=tuple(issues))
    except (KeyError, TypeError, ValueError, IndexError) as exc:  # TOMLDecodeError is a ValueError
        raise SettingsError(f"{path.name}: expected [action] with default, skip, lead_ins, clause_openers, verbs, "
                         f"phrases and general, and [issues.NAME] with terms; {exc!r}") from None


def _at(tokens: list[str], i: int, index: dict[str, list[tuple[tuple[str, ...], int]]]
        ) -> tuple[tuple[str, ...], int] | None:
    """The longest indexed word sequence that starts at tokens[i], with its value."""
    if i >= len(tokens):
        return None
    for seq, value in index.get(tokens[i], ()):
        if tuple(tokens[i:i + len(seq)]) == seq:
            return seq, value
    return None


def _verb_forms(word: str) -> tuple[str, ...]:
    """The word and the base forms it may be an inflection of (`ratifying` → `ratify`, `takes` → `take`)."""
    forms = [word]
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        forms += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
        if stem.endswith("y"):
            forms.append(stem)
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def _start(tokens: list[str], rules: Rules) -> int:
    """Index of the leading verb: after lead-ins, skipped words and a leading clause."""
    i = 0
    for _ in range(6):
        before = i
        if _at(tokens, i, rules.clause_openers) and "," in tokens[i:]:
            i = tokens.index(",", i) + 1
        if lead := _at(tokens, i, rules.lead_ins):
            i += len(lead[0])
        while i < len(tokens) and tokens[i] in rules.skip:
            i += 1
        if i == before:
            break
    return i


def _action(tokens: list[str], rules: Rules) -> tuple[int, str]:
    i = _start(tokens, rules)
    if phrase := _at(tokens, i, rules.phrases):
        words_, category = phrase
        return category, f"“{' '.join(words_)}” → {category} ({CATEGORY_NAMES[category]})"
    for j in range(i, min(i + 3, len(tokens))):
        word = tokens[j]
        verb = next((f for f in _verb_forms(word) if f in rules.verbs), None)
        if verb is None:
            continue
        category = rules.verbs[verb]
        window = tokens[j + 1:j + 1 + rules.general_window]
        general = next((w for w in window if w in rules.general_words), None)
        if category == 5 and general:
            return 4, f"“{word}” with “{general}” → 4 ({CATEGORY_NAMES[4]})"
        return category, f"“{word}” → {category} ({CATEGORY_NAMES[category]})"
    lead = tokens[i] if i < len(tokens) else ""
    return rules.default, f"no known verb (“{lead}”) → {rules.default} ({CATEGORY_NAMES[rules.default]})"


def action_category(text: str, rules: Rules) -> tuple[int, str]:
    """(category, why) from the leading verb and its modifiers."""
    return _action(tokens(text), rules)


def _issues(words_: list[str], rules: Rules) -> tuple[tuple[str, ...], list[str]]:
    why: dict[str, str] = {}
    voided: list[tuple[int, int, str, str]] | None = None
    for start, end, _term, label in rules.issues.find(words_):
        if label in why:
            continue
        if label in rules.unless_issues:
            if voided is None:
                voided = rules.unless.find(words_)
            if any(name == label and s <= start and end <= e for s, e, _, name in voided):
                continue
        why[label] = " ".join(words_[start:end])
    order = [n for n in rules.issue_names if n in why]
    return tuple(order), [f"“{why[n]}” → {n}" for n in order]


def issues_of(text: str, rules: Rules) -> tuple[tuple[str, ...], list[str]]:
    """(UPR Info issues in the rules' order, the words that decided them)."""
    return _issues(words(text), rules)


class Suggester:
    """The rules of one language plus a coalition's mapping of issues onto themes and themes onto ministries."""

    def __init__(self, settings: SuggestSettings | Settings | None = None) -> None:
        conf = settings.suggest if isinstance(settings, Settings) else settings or SuggestSettings()
        self.settings = conf
        self.rules = load_rules(conf.language)
        self.institutions = _Terms((name, name) for name in conf.institutions)

    def themes_of(self, issues: Iterable[str]) -> tuple[str, ...]:
        """The coalition's themes for these issues (the issues themselves when the settings map none)."""
        mapping = self.settings.themes
        if not mapping:
            return tuple(issues)
        return tuple(dict.fromkeys(t for issue in issues for t in mapping.get(issue, ())))

    def suggest(self, text: str) -> Suggestion:
        """The suggested coding of one recommendation text."""
        found = tokens(text)
        plain = [t for t in found if t != ","]
        category, why_action = _action(found, self.rules)
        issues, why_issues = _issues(plain, self.rules)
        themes = self.themes_of(issues)
        ministries = [m for t in themes for m in self.settings.ministries.get(t, ())]
        named = [name for _, _, name, _ in self.institutions.find(plain)] if self.settings.institutions else []
        ministries += [m for name in named for m in self.settings.institutions[name]]
        why = [f"action: {why_action}"]
        if why_issues:
            why.append("issues: " + "; ".join(why_issues))
        if named:
            why.append("named: " + "; ".join(f"“{n}”" for n in dict.fromkeys(named)))
        return Suggestion(category, issues, themes, tuple(dict.fromkeys(ministries)), " · ".join(why))

    def suggest_many(self, texts: Iterable[str]) -> list[Suggestion]:
        """Suggestions for many texts, in order."""
        return [self.suggest(t) for t in texts]
