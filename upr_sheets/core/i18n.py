"""Interface languages: English (the source language), Khmer and French.

Translations live in gettext catalogues, `upr_sheets/core/locale/<lang>/LC_MESSAGES/messages.po`, which a
translator edits with any PO editor (Poedit, Weblate, a text editor) without touching code; they are
read directly with Babel, so there is no compile step. `messages.pot` is the template extracted from the
code: `python3 -m upr_sheets translations` refreshes it and the .po files after a change of the code, and
`python3 -m upr_sheets translations --check` lists what is left to translate (upr_sheets.authoring.catalogues).

The language is per context: `use("km")` for a block (reports, the command line) or `activate("km")`
for the current thread (a Streamlit script run). `_()` translates a message in the current language and
falls back to English for a message not translated yet. Only interface text is translated; sheet content
stays in whatever language the editors typed.

Module-level constants that hold interface text are marked with `N_()` (so the extractor finds them)
and translated where they are shown, with `_()`. Messages with values use named placeholders, filled
after translation: `_("{n} rows quarantined").format(n=...)`. A translation whose placeholders are not
the message's own (a typo such as `{nn}`) is not used, so it can never break a page: English is shown
instead, and `python3 -m upr_sheets translations --check` reports it.
"""

from __future__ import annotations

import gettext as gettext_module
import math
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "km": "ខ្មែរ (Khmer)", "fr": "Français"}  # each named in its own script
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
QUERY_PARAM = "lang"
ALIASES = {"kh": "km", "khm": "km", "khmer": "km", "fra": "fr", "french": "fr", "eng": "en", "english": "en"}

_current: ContextVar[str] = ContextVar("upr_monitor_language", default=SOURCE_LANGUAGE)


def parse_language(value: object) -> str | None:
    """A supported language code from user input (`km`, `KM`, `km_KH`, `fr-FR`, `khmer` …), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace("-", "_")
    code = ALIASES.get(text, text.split("_", 1)[0])
    code = ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def placeholders(text: str) -> set[str] | None:
    """The `{name}` fields of a message (`{}` counts as ``), or None when its braces do not parse."""
    try:
        return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def fits(message_id: str | tuple[str, ...], translation: str | tuple[str, ...]) -> bool:
    """True when every placeholder of the translation (each form of a plural) is one of the message's own."""
    ids = (message_id,) if isinstance(message_id, str) else tuple(message_id)
    wanted = set().union(*(placeholders(text) or set() for text in ids))
    forms = (translation,) if isinstance(translation, str) else tuple(translation)
    return all((found := placeholders(form)) is not None and found <= wanted for form in forms)


@cache
def catalogue(lang: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    """The translated messages of one language: msgid (or (singular, plural)) → msgstr.

    Untranslated and fuzzy entries are left out, so they fall back to English, and so are translations
    whose placeholders do not fit the message (see `fits`).
    """
    path = catalogue_path(lang)
    if lang == SOURCE_LANGUAGE or not path.exists():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang, domain=DOMAIN)
    found: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string or ())
            if forms and all(forms) and fits(tuple(message.id), forms):
                found[tuple(message.id[:2])] = forms
        elif message.string and fits(message.id, message.string):
            found[message.id] = message.string
    return found


def current() -> str:
    """The language of the current context."""
    return _current.get()


def activate(lang: str | None) -> str:
    """Set the language of the current thread / context; unknown codes give English. Returns the code used."""
    code = parse_language(lang) or SOURCE_LANGUAGE
    _current.set(code)
    return code


@contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Translate into `lang` inside the block (unknown codes give English)."""
    token = _current.set(parse_language(lang) or SOURCE_LANGUAGE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """`message` in the current language, or `message` itself when it is not translated."""
    lang = _current.get()
    if lang == SOURCE_LANGUAGE or not message:
        return message
    found = catalogue(lang).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language (with that language's plural rule)."""
    lang = _current.get()
    forms = catalogue(lang).get((singular, plural)) if lang != SOURCE_LANGUAGE else None
    if isinstance(forms, tuple):
        index = _plural_index(lang, n)
        return forms[min(index, len(forms) - 1)]
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a constant for extraction without translating it now (translate where shown, with `_()`)."""
    return message


_ = gettext


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _plural_rule(lang: str):
    """The language's gettext plural rule (`n > 1` for French, always 0 for Khmer), as a function."""
    return gettext_module.c2py(get_plural(lang).plural_expr)


def _plural_index(lang: str, n: int) -> int:
    return int(_plural_rule(lang)(abs(int(n))))


def number(value: float | int | None, digits: int | None = None, missing: str = "–") -> str:
    """A number in the current locale: `1,234` (en), `1 234` (fr), with `digits` decimals when given."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if digits is None:
        return format_decimal(value, locale=_locale(current()))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(current()))


def percent(value: float | int | None, digits: int = 0, missing: str = "–", trim: bool = False) -> str:
    """A percentage given in points (48 → `48%` in English, `48 %` in French).

    With `trim`, the `digits` decimals are shown only when they are not zero (`48%`, `47.9%`).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    loc = _locale(current())
    pattern = loc.percent_formats[None].pattern  # `#,##0%`, or `#,##0 %` in French
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + ("#" if trim else "0") * digits, 1)
    return format_percent(value / 100, format=pattern, locale=loc)


def percent_sign() -> str:
    """What follows a number to make it a percentage in the current locale (`%`, or ` %` in French), for axis ticks."""
    return percent(0).replace(number(0), "", 1)


def day(value: date | datetime | None, style: str = "medium", missing: str = "–") -> str:
    """A date in the current locale: `31 May 2024` (en), `31 mai 2024` (fr), Khmer month names (km)."""
    if value is None:
        return missing
    if isinstance(value, datetime):
        value = value.date()
    if style == "medium" and current() == SOURCE_LANGUAGE:
        text = f"{value.day} {value:%b %Y}"  # `31 May 2024`, the form UN documents use
    else:
        text = format_date(value, format=style, locale=_locale(current()))
    return text.replace(" ", "\u00a0")  # no-break spaces: a date never wraps between day and month
