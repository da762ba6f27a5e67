"""People, organisations and groups named in one article, each mention with the role the text gives.

A role is read from the words around the name:
  - a title before it: "Prime Minister Haider al-Abadi", "Observatory head Rami Abdel Rahman";
  - an appositive after it: "Abdelamir Yarallah, the operation's commander, said";
  - an appositive before it: "the head of the Observatory, Rami Abdel Rahman".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.analyse.nlp import Name
from newsbrief.analyse.people.names import TITLES, alias_pattern, canonical_alias, clean, split_title

ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG"}
_GROUP_WORDS = re.compile(r"\b(?:group|militia|militias|rebels|insurgents|Front|Brigades?|Army of|jihadists?|"
                          r"Mobilisation|Mobilization|Movement|Taliban|Hezbollah|Hamas)\b")
_ROLE_NOUNS = ("head", "chief", "director", "spokesman", "spokeswoman", "spokesperson", "commander", "leader",
               "president", "minister", "secretary", "founder", "member", "analyst", "expert", "professor", "author",
               "chairman", "chairwoman", "official", "officer", "governor", "mayor", "ambassador", "envoy", "general",
               "researcher", "editor", "correspondent", "lawyer", "attorney", "manager", "executive", "adviser",
               "advisor", "deputy", "coordinator", "representative", "colonel", "captain", "major", "engineer",
               "scientist", "doctor", "economist", "historian", "inspector", "meteorologist", "owner", "founder",
               "teacher", "worker", "farmer", "resident", "witness", "activist", "campaigner", "organiser",
               "organizer", "negotiator", "mediator", "prosecutor", "judge", "detective", "investigator")
_APPOSITIVE_AFTER = re.compile(
    r"^,\s+((?:(?:the|a|an|his|her|its|their)\s+)?[^,.;:\"“”()]{2,90}?)(?=,|\.|;|\s+(?:said|told|says|added)\b)")
_AFFILIATION = re.compile(r"^\s+of\s+((?:the\s+)?[A-Z][^,.;:()\"“”]{2,60}?)(?=\s*(?:\(|,|\.|;|said\b|told\b|says\b))")
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[.!?]\s+|\n|\b(?:But|And|Yet|So)\s+)((?:the|a|an|his|her|their|its)\s+[^,.;:\"“”()]{3,70}?)\s*,\s+$",
    re.IGNORECASE)                                                           # "the head of the Observatory, X"
_POSSESSIVE_BEFORE = re.compile(
    r"\b((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*\s?(?:'s|’s)\s+[a-z][^,.;:\"“”()]{1,40}?)\s*,\s+$")   # "Dr Murray's lawyer, X"
_WORD_BEFORE = re.compile(r"([\w.’'-]+)\s+$")


# Codes the NER takes for organisations: time zones, currencies, and corporate suffixes on their own.
_NOT_NAMES = {"UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "USD", "EUR", "GBP", "JPY", "LLC", "INC", "LTD", "PLC",
              "CORP", "AG", "SA", "NV", "CO"}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str                 # as written in the span
    name: str                 # the name alone: no title, no "the", no possessive
    type: str                 # PERSON, ORG or GROUP
    role: str | None = None
    apposed: bool = False     # the role is an appositive ("the operation's commander"), not a bare title


def find_mentions(text: str, names: list[Name], skip: list[tuple[int, int]] = ()) -> list[Mention]:
    """Entity mentions, leaving out spans already taken as places (`skip`). Known groups and organisations
    are found by the alias table too: the small NER model misses "IS" and often "Islamic State"."""
    out = []
    known = [Name(m.start(), m.end(), "ORG", m.group(0)) for m in alias_pattern().finditer(text)]
    names = known + [n for n in names if not any(k.start < n.end and n.start < k.end for k in known)]
    for n in sorted(names, key=lambda n: n.start):
        if n.label not in ENTITY_LABELS or any(_taken(n, s, e) for s, e in skip):
            continue
        # titles only come off people: "General Motors" is a company
        title, name = split_title(clean(n.text)) if n.label == "PERSON" else ("", clean(n.text))
        if not (canonical_alias(name) or _is_name(name)) or name.upper() in _NOT_NAMES:
            continue
        if " " not in name and not canonical_alias(name) and re.search(rf"\b{re.escape(name.lower())}\b", text):
            continue    # a common word capitalised at a sentence's start ("Schools", "Army", "Downstream")
        alias = canonical_alias(name)
        kind = alias[1] if alias else ENTITY_LABELS[n.label]
        if kind == "ORG" and _GROUP_WORDS.search(n.text):
            kind = "GROUP"
        elif kind == "ORG" and not alias and _looks_like_person(text, n.start, name):
            kind = "PERSON"         # "criminal investigation director Rajabi Adadi", tagged ORG by the NER
        before_title = _title_before(text, n.start) if kind == "PERSON" else None
        title_start = n.start - (len(before_title) + 1 if before_title else 0)
        apposition = _appositive(text, title_start, n.end)
        role = apposition or ((title or before_title) if kind == "PERSON" else None)
        affiliation = _AFFILIATION.match(text[n.end:n.end + 80]) if kind == "PERSON" and not apposition else None
        if role and affiliation:
            role = f"{role} of {affiliation.group(1)}"
        out.append(Mention(n.start, n.end, n.text, name, kind, _tidy(role), bool(apposition)))
    return out


_ORGANISATION_WORDS = re.compile(r"\b(?:Inc|Corp|Co|Ltd|LLC|Company|Group|Bank|Agency|Ministry|Department|Council|"
                                 r"Party|Army|Forces|Police|Office|Service|Services|University|College|School|"
                                 r"Association|Union|Committee|Commission|Board|Institute|Foundation|News|Times|"
                                 r"Airlines|Airways|Motors|Systems|Network|Press|Radio|TV|Television|Court)\b")


def _looks_like_person(text: str, start: int, name: str) -> bool:
    """An ORG-tagged name that a person's title or role word introduces, and that has no word of an
    organisation's: "spokeswoman Violet Szeleczky", "director of criminal investigation Rajabi Adadi"."""
    words = name.split()
    if not 2 <= len(words) <= 3 or _ORGANISATION_WORDS.search(name) or name.isupper():
        return False
    before = text[max(0, start - 40):start].split()
    return bool(before) and before[-1].rstrip(".,").lower() in TITLES | set(_ROLE_NOUNS)


def _taken(name: Name, start: int, end: int) -> bool:
    """The name is (mostly) a place: "Rawa" tagged ORG, "Anbar" in "Anbar province"; not "Minnesota
    Department of Health", which only opens with one."""
    if start <= name.start and name.end <= end:
        return True
    return name.start <= start and end <= name.end and (end - start) * 1.3 >= name.end - name.start


def _is_name(name: str) -> bool:
    """Proper names only: every word capitalised ("overran swathes" is not), and not a bare title."""
    words = [w for w in name.split() if w.lower() not in ("of", "for", "and", "the", "on", "in", "de", "al", "bin")]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w[:3].lower() in ("al-", "el-")
                               for w in words) and not (len(words) == 1 and words[0].lower() in TITLES)


def _title_before(text: str, start: int) -> str | None:
    """Title words right before the name: "Iraqi Prime Minister", "commander", "Observatory head"."""
    words: list[str] = []
    position = start
    while len(words) < 5:
        match = _WORD_BEFORE.search(text, max(0, position - 40), position)
        if not match:
            break
        word = match.group(1)
        if word.endswith(".") and word.rstrip(".").lower() not in TITLES:
            break                      # the end of the previous sentence
        if word.rstrip(".").lower() in TITLES or (words and word[0].isupper() and word.lower() not in ("the", "a")):
            words.insert(0, word)
            position = match.start()
        else:
            break
    if not any(w.rstrip(".").lower() in TITLES for w in words):
        return None
    return " ".join(words)


def _appositive(text: str, start: int, end: int) -> str | None:
    after = _APPOSITIVE_AFTER.match(text[end:end + 120])
    if after:
        phrase = after.group(1)
        first = phrase.split(" ", 1)[0].lower()
        if first not in ("who", "which", "that", "said", "and", "but", "however") and _has_role_noun(phrase) \
                and len(phrase.split()) <= 12:
            return phrase
    window = text[max(0, start - 90):start]
    before = _APPOSITIVE_BEFORE.search(window) or _POSSESSIVE_BEFORE.search(window)
    if before and _has_role_noun(before.group(1)):
        return before.group(1)
    return None


def _has_role_noun(phrase: str) -> bool:
    words = re.findall(r"[a-z]+", phrase.lower())
    return any(w in _ROLE_NOUNS or w in ("spokesman", "spokeswoman") for w in words)


def _tidy(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.IGNORECASE)
    return role or None
