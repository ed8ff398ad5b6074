"""UN regional groups of the 193 member States and the two observer States, with spelling variants."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

AFRICAN = "African Group"
ASIA_PACIFIC = "Asia-Pacific Group"
EASTERN_EUROPEAN = "Eastern European Group"
GRULAC = "Latin American and Caribbean Group"
WEOG = "Western European and Others Group"
OBSERVER = "Observer State"
UNKNOWN = "Other / unknown"

REGIONAL_GROUPS: tuple[str, ...] = (AFRICAN, ASIA_PACIFIC, EASTERN_EUROPEAN, GRULAC, WEOG, OBSERVER, UNKNOWN)

# Names as the UN uses them in UPR reports. Türkiye takes part in the Asia-Pacific Group too but
# counts as WEOG for elections; the United States attends WEOG and counts there for elections.
MEMBERS: dict[str, tuple[str, ...]] = {
    AFRICAN: (
        "Algeria", "Angola", "Benin", "Botswana", "Burkina Faso", "Burundi", "Cabo Verde", "Cameroon",
        "Central African Republic", "Chad", "Comoros", "Congo", "Côte d'Ivoire",
        "Democratic Republic of the Congo", "Djibouti", "Egypt", "Equatorial Guinea", "Eritrea", "Eswatini",
        "Ethiopia", "Gabon", "Gambia", "Ghana", "Guinea", "Guinea-Bissau", "Kenya", "Lesotho", "Liberia",
        "Libya", "Madagascar", "Malawi", "Mali", "Mauritania", "Mauritius", "Morocco", "Mozambique", "Namibia",
        "Niger", "Nigeria", "Rwanda", "Sao Tome and Principe", "Senegal", "Seychelles", "Sierra Leone",
        "Somalia", "South Africa", "South Sudan", "Sudan", "Togo", "Tunisia", "Uganda",
        "United Republic of Tanzania", "Zambia", "Zimbabwe",
    ),
    ASIA_PACIFIC: (
        "Afghanistan", "Bahrain", "Bangladesh", "Bhutan", "Brunei Darussalam", "Cambodia", "China", "Cyprus",
        "Democratic People's Republic of Korea", "Fiji", "India", "Indonesia", "Iran (Islamic Republic of)",
        "Iraq", "Japan", "Jordan", "Kazakhstan", "Kiribati", "Kuwait", "Kyrgyzstan",
        "Lao People's Democratic Republic", "Lebanon", "Malaysia", "Maldives", "Marshall Islands",
        "Micronesia (Federated States of)", "Mongolia", "Myanmar", "Nauru", "Nepal", "Oman", "Pakistan",
        "Palau", "Papua New Guinea", "Philippines", "Qatar", "Republic of Korea", "Samoa", "Saudi Arabia",
        "Singapore", "Solomon Islands", "Sri Lanka", "Syrian Arab Republic", "Tajikistan", "Thailand",
        "Timor-Leste", "Tonga", "Turkmenistan", "Tuvalu", "United Arab Emirates", "Uzbekistan", "Vanuatu",
        "Viet Nam", "Yemen",
    ),
    EASTERN_EUROPEAN: (
        "Albania", "Armenia", "Azerbaijan", "Belarus", "Bosnia and Herzegovina", "Bulgaria", "Croatia",
        "Czechia", "Estonia", "Georgia", "Hungary", "Latvia", "Lithuania", "Montenegro", "North Macedonia",
        "Poland", "Republic of Moldova", "Romania", "Russian Federation", "Serbia", "Slovakia", "Slovenia",
        "Ukraine",
    ),
    GRULAC: (
        "Antigua and Barbuda", "Argentina", "Bahamas", "Barbados", "Belize", "Bolivia (Plurinational State of)",
        "Brazil", "Chile", "Colombia", "Costa Rica", "Cuba", "Dominica", "Dominican Republic", "Ecuador",
        "El Salvador", "Grenada", "Guatemala", "Guyana", "Haiti", "Honduras", "Jamaica", "Mexico", "Nicaragua",
        "Panama", "Paraguay", "Peru", "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines",
        "Suriname", "Trinidad and Tobago", "Uruguay", "Venezuela (Bolivarian Republic of)",
    ),
    WEOG: (
        "Andorra", "Australia", "Austria", "Belgium", "Canada", "Denmark", "Finland", "France", "Germany",
        "Greece", "Iceland", "Ireland", "Israel", "Italy", "Liechtenstein", "Luxembourg", "Malta", "Monaco",
        "Netherlands (Kingdom of the)", "New Zealand", "Norway", "Portugal", "San Marino", "Spain", "Sweden",
        "Switzerland", "Türkiye", "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
    ),
    OBSERVER: ("Holy See", "State of Palestine"),
}

# Other spellings met in UN documents, UPR Info exports and everyday use → the name above.
ALIASES: dict[str, str] = {
    "Cape Verde": "Cabo Verde", "Republic of the Congo": "Congo", "Congo-Brazzaville": "Congo",
    "Ivory Coast": "Côte d'Ivoire", "DR Congo": "Democratic Republic of the Congo",
    "DRC": "Democratic Republic of the Congo", "Congo-Kinshasa": "Democratic Republic of the Congo",
    "Democratic Republic of Congo": "Democratic Republic of the Congo", "Swaziland": "Eswatini",
    "Kingdom of Eswatini": "Eswatini", "Libyan Arab Jamahiriya": "Libya", "Sao Tome": "Sao Tome and Principe",
    "Tanzania": "United Republic of Tanzania", "Brunei": "Brunei Darussalam",
    "North Korea": "Democratic People's Republic of Korea", "DPR Korea": "Democratic People's Republic of Korea",
    "DPRK": "Democratic People's Republic of Korea", "Islamic Republic of Iran": "Iran (Islamic Republic of)",
    "Laos": "Lao People's Democratic Republic", "Lao PDR": "Lao People's Democratic Republic",
    "Federated States of Micronesia": "Micronesia (Federated States of)", "Burma": "Myanmar",
    "South Korea": "Republic of Korea", "Syria": "Syrian Arab Republic",
    "East Timor": "Timor-Leste", "UAE": "United Arab Emirates", "Vietnam": "Viet Nam",
    "Czech Republic": "Czechia", "Macedonia": "North Macedonia", "Macedonia FYR": "North Macedonia",
    "FYROM": "North Macedonia", "The former Yugoslav Republic of Macedonia": "North Macedonia",
    "Moldova": "Republic of Moldova", "Russia": "Russian Federation", "Slovak Republic": "Slovakia",
    "Kyrgyz Republic": "Kyrgyzstan", "Plurinational State of Bolivia": "Bolivia (Plurinational State of)",
    "Bolivarian Republic of Venezuela": "Venezuela (Bolivarian Republic of)",
    "St Kitts and Nevis": "Saint Kitts and Nevis", "Saint Kitts": "Saint Kitts and Nevis",
    "Holland": "Netherlands (Kingdom of the)", "Turkey": "Türkiye", "Turkiye": "Türkiye",
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "UK": "United Kingdom of Great Britain and Northern Ireland",
    "Great Britain": "United Kingdom of Great Britain and Northern Ireland",
    "Britain": "United Kingdom of Great Britain and Northern Ireland",
    "United States": "United States of America", "USA": "United States of America",
    "US": "United States of America", "Vatican": "Holy See", "Vatican City": "Holy See",
    "Palestine": "State of Palestine", "Occupied Palestinian Territory": "State of Palestine",
}

_PAREN = re.compile(r"\s*\([^)]*\)")
_INVERTED = re.compile(r"^(?P<head>[^,(]+?)\s*(?:,\s*(?P<tail>[^,()]+)|\((?P<tail2>[^)]+)\))$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DROP = {"the"}


def _key(name: str) -> str:
    """Matching form: no accents, apostrophes or punctuation; `&` → and, `St.` → saint, no `the`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"['’`]", "", text).replace("&", " and ")
    words = [w for w in _NOT_WORD.split(text) if w and w not in _DROP]
    return " ".join("saint" if w in ("st", "ste") else w for w in words)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Matching key → official name, for every official name, its short form and alias."""
    index: dict[str, str] = {}
    for names in MEMBERS.values():
        for name in names:
            index[_key(name)] = name
            index.setdefault(_key(_PAREN.sub("", name)), name)
    for alias, name in ALIASES.items():
        index[_key(alias)] = name
    return index


_GROUP_OF = {name: group for group, names in MEMBERS.items() for name in names}


def official_name(state: str) -> str | None:
    """The UN name of a State however it is spelt (`Vietnam` → `Viet Nam`), or None when unknown."""
    if not isinstance(state, str) or not state.strip():
        return None
    index = _index()
    candidates = [state]
    inverted = _INVERTED.match(state.strip())  # "Korea, Republic of" / "Korea (Republic of)" → "Republic of Korea"
    if inverted:
        candidates.append(f"{inverted['tail'] or inverted['tail2']} {inverted['head']}")
    candidates.append(_PAREN.sub("", state))
    for candidate in candidates:
        found = index.get(_key(candidate))
        if found:
            return found
    return None


def regional_group(state: str) -> str:
    """The UN regional group of a State (Observer State for the Holy See and Palestine), else Other / unknown."""
    name = official_name(state)
    return _GROUP_OF[name] if name else UNKNOWN
