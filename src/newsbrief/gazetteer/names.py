"""Name keys: the forms under which a place name is indexed and looked up.

News English spells the same place many ways: "Deir Ezzor", "Deir ez-Zor" and "Dayr az Zawr"; "Rawa" and
"Rāwah"; "Albu Kamal", "Al-Bukamal" and "Ālbū Kamāl"; "Qaim" and "Al Qā’im". A key folds what these
spellings disagree on: case, diacritics, apostrophes and ayns, spaces and hyphens, the Arabic article, a
final "h" after a vowel, doubled letters, and the dots of abbreviations ("U.S." and "US"). Every name is indexed under
all its keys, and a query matches when one of its keys is indexed.
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘ʿʾ`´"
# The Arabic definite article as a separate word or hyphenated prefix: "al-Qaim", "Al Qaim", "ar-Raqqa".
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|an|az|at)[\s-]+(?=\w)", re.IGNORECASE)
# Prefixes that English sources write several ways for one Arabic word.
_PREFIX_VARIANTS = (("albu", "abu"), ("alabu", "abu"))
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_DOUBLED = re.compile(r"([a-z])\1")


def fold(name: str) -> str:
    """Lower case, no diacritics, no apostrophes: "Rāwah" -> "rawah", "Al Qā’im" -> "al qaim"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in _APOSTROPHES)
    return " ".join(text.replace("ß", "ss").split())


def _compact(folded: str) -> str:
    return "".join(ch for ch in folded if ch.isalnum())


def keys(name: str) -> set[str]:
    """Every key of a name. The first rule is always applied: the compact folded form."""
    folded = _LEADING_THE.sub("", fold(name))
    out = {_compact(folded)}
    bare = _ARTICLE.sub("", folded)
    if bare != folded:
        out.add(_compact(bare))
    for key in list(out):
        if len(key) > 4 and key.endswith("h") and key[-2] in "aeiou":
            out.add(key[:-1])
    for key in list(out):
        single = _DOUBLED.sub(r"\1", key)   # "Raqqa" and "Raqa", "Deir Ezzor" and "Deir Ezor"
        if single != key and len(single) > 3:
            out.add(single)
        for variant, canonical in _PREFIX_VARIANTS:
            if key.startswith(variant):
                out.add(canonical + key[len(variant):])
    out.discard("")
    return out


def query_keys(name: str) -> list[str]:
    """The keys to look a mention up under, the exact one first."""
    exact = _compact(_LEADING_THE.sub("", fold(name)))
    return [exact] + sorted(keys(name) - {exact})
