"""The translation catalogues: extract the interface text from the code into `messages.pot`, carry it into
each language's `messages.po`, and check that every message is translated.

Behind `python3 -m upr_sheets translations [--check]`. Pure Python (Babel's extractor and catalogue
classes), no Streamlit. The files to read are listed in `babel.cfg` at the repository root; the calls
extracted are `_()`, `gettext()`, `N_()` and `ngettext(singular, plural, n)`. A comment starting with
`TRANSLATORS:` just above a call reaches the translators as a note.

The output is meant to diff well: messages sorted by msgid, no file names or line numbers, and a file
whose messages did not change is left as it is (only its dates would differ).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from upr_sheets.analysis import issue_text
from upr_sheets.checks import codes
from upr_sheets.core import i18n

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "babel.cfg"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
CODES = "upr_sheets/checks/codes.toml"
CODES_NOTE = "A fix-it message of the Data quality page: keep the {placeholders} and the `backticks`."
PROJECT = "UPR Monitor"
COPYRIGHT_HOLDER = "UPR Monitor contributors"
TARGETS = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE)  # languages with a catalogue
_DATE_HEADERS = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def template_path() -> Path:
    """Where messages.pot lives, beside the languages' folders (i18n.LOCALE_DIR)."""
    return i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"


def extract(root: Path | None = None, mapping: Path | None = None) -> Catalog:
    """Every message the code marks for translation, as a template catalogue (with file and line of each use).

    `root` is the folder the patterns of `mapping` (default: ROOT and its babel.cfg) are relative to.
    """
    root = root or ROOT
    mapping = mapping or root / MAPPING.name
    with mapping.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(mapping))
    template = Catalog(project=PROJECT, copyright_holder=COPYRIGHT_HOLDER, charset="utf-8", fuzzy=True)
    for filename, lineno, message, comments, context in extract_from_dir(
            root, method_map, options_map, KEYWORDS, COMMENT_TAGS, strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    registry = root / CODES  # the Data quality page's fix-it messages (upr_sheets.analysis.issue_text)
    specs = codes.load_specs(registry.read_text(encoding="utf-8")) if registry.exists() else {}
    for message in issue_text.messages(specs) if specs else ():
        template.add(message, None, [(CODES, 0)], auto_comments=[CODES_NOTE])
    return template


def msgid(message: Message) -> str:
    """A message's id as one string (the singular form of a plural message)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def messages(catalog: Catalog) -> list[str]:
    """The msgids of a catalogue, sorted (the header entry left out)."""
    return sorted(msgid(m) for m in catalog if m.id)


def render(catalog: Catalog) -> bytes:
    """A catalogue as PO text: sorted by msgid, no locations, obsolete entries kept as `#~` comments."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def _without_dates(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not line.startswith(tuple(h.encode() for h in _DATE_HEADERS))]


def _write(path: Path, text: bytes) -> bool:
    """Write `text` unless the file already says the same apart from its dates; True when written."""
    if path.exists() and _without_dates(path.read_bytes()) == _without_dates(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return True


def read(path: Path, lang: str | None = None) -> Catalog:
    """A .po or .pot file as a Catalog."""
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=i18n.DOMAIN)


def _new_catalogue(lang: str, template: Catalog) -> Catalog:
    """An empty catalogue for a language that has none yet (what `pybabel init` would write)."""
    return Catalog(locale=lang, domain=i18n.DOMAIN, project=PROJECT, copyright_holder=COPYRIGHT_HOLDER,
                   creation_date=template.creation_date, charset="utf-8", fuzzy=False,
                   header_comment=template.header_comment.replace("Translations template", f"{lang} translations"))


def updated(lang: str, template: Catalog, path: Path | None = None) -> Catalog:
    """The language's catalogue brought in line with the template: translations kept, new messages empty.

    A message no longer in the code stays at the end of the file as an obsolete `#~` entry, and gets its
    translation back if the code uses it again. No fuzzy guessing: a changed msgid starts empty.
    """
    path = path or i18n.catalogue_path(lang)
    catalog = read(path, lang) if path.exists() else _new_catalogue(lang, template)
    retired = {key: m.string for key, m in catalog.obsolete.items() if m.string}
    catalog.update(template, no_fuzzy_matching=True)
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.id and not _translated(message) and key in retired:
            message.string = retired[key]
            catalog.obsolete.pop(key, None)
    return catalog


def update(root: Path | None = None, languages: Iterable[str] = TARGETS) -> list[Path]:
    """Extract the messages into messages.pot and update every language's .po; the files written."""
    template = extract(root)
    written = [template_path()] if _write(template_path(), render(template)) else []
    for lang in languages:
        path = i18n.catalogue_path(lang)
        if _write(path, render(updated(lang, template, path))):
            written.append(path)
    i18n.catalogue.cache_clear()
    return written


def _translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        return bool(message.string) and all(message.string)
    return bool(message.string)


@dataclass
class Check:
    """What `translations --check` found, per language: msgids missing from the catalogue, not translated
    (empty or fuzzy), or translated with placeholders that are not the message's own (not used, see i18n.fits)."""

    template_current: bool = True  # messages.pot lists exactly the messages of the code
    missing: dict[str, list[str]] = field(default_factory=dict)
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    misfit: dict[str, list[str]] = field(default_factory=dict)

    def problems(self, lang: str) -> list[tuple[str, str]]:
        """(kind, msgid) of every problem of one language."""
        return [(kind, text) for kind, found in (("missing", self.missing), ("untranslated", self.untranslated),
                                                 ("placeholders differ", self.misfit))
                for text in found.get(lang, [])]

    @property
    def languages(self) -> list[str]:
        return sorted(set(self.missing) | set(self.untranslated) | set(self.misfit))

    @property
    def ok(self) -> bool:
        return self.template_current and not any(self.problems(lang) for lang in self.languages)

    def lines(self) -> list[str]:
        """One line per problem, then a total: what the command prints."""
        out = [] if self.template_current else [
            f"{template_path().name}: out of date with the code (run `python3 -m upr_sheets translations`)"]
        for lang in self.languages:
            out += [f"{lang}: {kind}: {text!r}" for kind, text in self.problems(lang)]
        counts = ", ".join(f"{lang} {len(self.problems(lang))}" for lang in self.languages if self.problems(lang))
        out.append("Every message is translated." if self.ok else f"Messages to translate: {counts}.")
        return out


def check(root: Path | None = None, languages: Iterable[str] = TARGETS) -> Check:
    """Compare the code's messages with messages.pot and with each language's catalogue; change nothing."""
    template = extract(root)
    wanted = messages(template)
    result = Check(template_current=template_path().exists() and messages(read(template_path())) == wanted)
    for lang in languages:
        path = i18n.catalogue_path(lang)
        catalog = read(path, lang) if path.exists() else Catalog(locale=lang)
        found = {msgid(m): m for m in catalog if m.id}
        result.missing[lang] = [text for text in wanted if text not in found]
        result.untranslated[lang] = [text for text in wanted if text in found and not _translated(found[text])]
        result.misfit[lang] = [text for text in wanted if text in found and _translated(found[text])
                               and not i18n.fits(found[text].id, found[text].string)]
    return result
