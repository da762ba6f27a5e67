"""How a person's or an organisation's name is written, and when two names are the same one.

"Prime Minister Haider al-Abadi", "Haider al-Abadi" and "Abadi" are one person: titles go, and a
surname alone joins the full name that ends with it. "IS", "ISIS" and "Islamic State group" are one
group: through the alias table (aliases.toml) and through acronyms ("Syrian Observatory for Human
Rights" and "SOHR").
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from newsbrief.gazetteer.names import fold

# Titles before a name: they go into the role, not the name.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "general", "gen", "lt",
    "lieutenant", "colonel", "col", "major", "maj", "brigadier", "brig", "captain", "capt", "sergeant", "sgt",
    "admiral", "adm", "commander", "cmdr", "marshal", "field", "senator", "sen", "representative", "rep",
    "congressman", "congresswoman", "governor", "gov", "mayor", "king", "queen", "prince", "princess", "sheikh",
    "shaikh", "ayatollah", "imam", "cleric", "pope", "cardinal", "bishop", "archbishop", "judge", "justice",
    "attorney", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief", "chairman",
    "chairwoman", "director", "deputy", "foreign", "defence", "defense", "interior", "health", "finance",
    "state", "former", "acting", "opposition", "leader", "head", "emir", "crown", "sultan", "president-elect",
    "analyst", "expert", "commentator", "correspondent", "officer", "official", "coach", "ceo",
}
# Particles inside names that spellings disagree on: "al-Abadi", "Al Abadi", "Abadi".
_PARTICLES = re.compile(r"^(?:al|el|ad|ar|as|ash|az|bin|ibn|abu|de|da|di|van|von|der|la|le)[-\s]+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@cache
def _aliases() -> dict[str, tuple[str, str]]:
    """Folded alias -> (canonical name, type)."""
    data = tomllib.loads((resources.files("newsbrief.analyse.people") / "aliases.toml").read_text("utf-8"))
    out = {}
    for canonical, entry in data.items():
        for alias in [canonical, *entry.get("aliases", [])]:
            out[fold(alias)] = (canonical, entry.get("type", "ORG"))
    return out


@cache
def alias_pattern() -> re.Pattern:
    """Every alias as a whole word, longest first; acronyms only in capitals ("IS", not "is")."""
    data = tomllib.loads((resources.files("newsbrief.analyse.people") / "aliases.toml").read_text("utf-8"))
    forms = {form for canonical, entry in data.items() for form in [canonical, *entry.get("aliases", [])]}
    forms |= {f[0].lower() + f[1:] for f in forms if not f.isupper() and " " in f and f[:3] in ("Al-", "Al ")}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def canonical_alias(name: str) -> tuple[str, str] | None:
    """The canonical name and type of a known alias ("ISIL" -> ("Islamic State", "GROUP")), or None."""
    return _aliases().get(fold(clean(name)))


def clean(name: str) -> str:
    """The name as a name: no leading "the", no possessive."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = _POSSESSIVE.sub("", name).strip()
    return re.sub(r"\s+", " ", name)


_CORPORATE = re.compile(r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Companies|LLC|Ltd|Limited|plc|PLC|"
                        r"AG|SA|NV|Group|Holdings)\.?)+$")


def organisation_key(name: str) -> str:
    """An organisation's name without its legal form: "Apple Computer Inc." and "Apple Computer"."""
    return fold(_CORPORATE.sub("", clean(name)) or name)


def split_title(name: str) -> tuple[str, str]:
    """("Prime Minister", "Haider al-Abadi") from "Prime Minister Haider al-Abadi"."""
    words = name.split(" ")
    i = 0
    while i < len(words) - 1 and words[i].rstrip(".").lower() in TITLES:
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def surname_key(name: str) -> str:
    """The folded last word, without its particle: "Haider al-Abadi" -> "abadi"."""
    last = fold(name).split(" ")[-1] if name else ""
    return _PARTICLES.sub("", last).replace("-", "")


def person_key(name: str) -> str:
    """All words folded, particles off: "Haider al-Abadi" and "Haider Al Abadi" -> "haider abadi"."""
    words = [_PARTICLES.sub("", w).replace("-", "") for w in fold(name).replace("-", " - ").split(" ") if w != "-"]
    return " ".join(w for w in words if w and w not in ("al", "el", "bin", "ibn"))


def acronym(name: str) -> str:
    """Initials of the content words: "Syrian Observatory for Human Rights" -> "SOHR"."""
    words = [w for w in re.split(r"[\s-]+", clean(name)) if w and w[0].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


# First words that do not name an organisation on their own ("National", "Syrian" ...).
_GENERIC_FIRST = {"the", "national", "international", "united", "general", "american", "british", "new", "world",
                  "federal", "central", "royal", "first", "north", "south", "east", "west", "great", "european",
                  "global", "state", "public", "free", "democratic", "islamic", "arab", "popular", "supreme"}


def first_word(name: str) -> str:
    """The word a company is called by on second mention: "Apple" for "Apple Computer", "" if generic."""
    words = clean(name).split(" ")
    if len(words) < 2 or words[0].lower() in _GENERIC_FIRST or not words[0][:1].isupper():
        return ""
    return words[0]


def head_word(name: str) -> str:
    """The word an organisation is called by on second mention: "the Observatory", "the ministry"."""
    words = clean(name).split(" ")
    for i, w in enumerate(words):
        if w.lower() in ("of", "for", "on", "in") and i > 0:
            return words[i - 1]
    return words[-1]
