"""Toponyms in a text, found by three kinds of evidence together.

spaCy's small model is often wrong about places it has rarely seen ("Rawa" comes out as ORG and "Albu
Kamal" as PERSON), and right about names it knows. So a span is a toponym when:
  - NER calls it GPE, LOC or FAC; or
  - the gazetteer knows the name and the context says it is a place: "the town of X", "in X", "X province",
    "X, Iraq", or the same name is a place elsewhere in the text (or the dateline);
and it is not, when it is a person's full name without such a cue, or a demonym ("Iraqi"), which is kept
apart as country evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.analyse.nlp import Name
from newsbrief.gazetteer import Gazetteer
from newsbrief.gazetteer.names import query_keys

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Other NER labels whose spans may be places the model got wrong ("Rawa" as ORG, "Albu Kamal" as PERSON).
_NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
WELL_KNOWN_POPULATION = 100_000         # a city this big is the place even when the NER says otherwise
_INSTITUTION = re.compile(r"\b(?:University|College|School|Department|Ministry|Council|Company|Corporation|Inc|"
                          r"Hospital|Bank|Party|Association|Church|Institute|Agency|Office|Board|Committee|Club|"
                          r"Times|Post|News|Journal|Herald|Tribune|Airport|Airlines|Group|Foundation|Center|Centre)\b")
# Words after a name that make it a place, and that the lookup drops: "Anbar province".
PLACE_NOUNS = ("province", "governorate", "district", "region", "county", "state", "city", "town", "village",
               "valley", "border", "river", "desert", "mountains", "area", "countryside", "suburb", "neighbourhood",
               "neighborhood", "prefecture", "oblast", "municipality", "township", "borough", "parish", "co.")
# the nouns a place's name takes with it when the NER stops short: "Anbar" + " province"
_NOUN_AFTER = re.compile(r"\s+(?:province|governorate|district|region|county|state|city|town|village)\b",
                         re.IGNORECASE)
_TRAILING_NOUN = re.compile(r"\s+(?:%s)$" % "|".join(re.escape(n) for n in PLACE_NOUNS), re.IGNORECASE)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|province|region|district|county|state|capital|border|outskirts|suburbs?|"
    r"governorate|area|port|island|republic|(?:north|south|east|west)(?:ern|east|west)?(?:\s+(?:part|edge))?)\s+of"
    r"|\b(?:in|near|outside|around|into|across|through|towards?|reached|entered|captured|retook|recaptured|"
    r"seized|liberated|besieged|shelled|bombed|stormed|fled|visited|took|taken|hit|attacked|struck|targeted|"
    r"evacuated|flooded)"
    r"|\b(?:fled|headed|moved|returned|retreated|withdrew|advanced|marched|travelled|traveled|flew|flown|driven|"
    r"pushed|deployed|sent|arrived)\s+(?:to|from|towards|into|on|back\s+to))\s+(?:the\s+)?$", re.IGNORECASE)
_CUE_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:%s)\b" % "|".join(PLACE_NOUNS), re.IGNORECASE)
_COMMA_NAME = re.compile(r"^,\s*((?:[A-Z][\w.'’-]*\s?){1,3})")
# A capitalised name: words that start with a capital, joined by spaces, hyphens or Arabic particles.
_CAPITALISED = re.compile(
    r"\b(?:(?:al|el|Al|El|ad|ar|as|ash|az)-)?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|ar|as|ash|az|de|del|da|di|do|"
    r"of|on|upon|la|le|les)[\s-]+)?[A-Z][\w'’-]*)*")
# Capitalised words the gazetteer knows as places but that are nearly always something else after "in".
_NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "day", "christmas", "easter", "ramadan", "god", "parliament", "congress", "senate", "court", "time",
               "march", "spring", "summer", "autumn", "fall", "winter", "english", "arabic", "french", "spanish"}
_OPENERS = {"The", "A", "An", "But", "And", "In", "On", "At", "It", "He", "She", "They", "We", "I", "This",
            "That", "There", "Mr", "Mrs", "Ms", "Dr", "Gen", "Sheikh", "President", "Prime", "Minister"}


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str
    lookup: str                  # the name to look up: the span without "the" or "province"
    evidence: str                # "ner", "cue", "dateline", "repeat"
    hint: str = ""               # "admin" when the text says province/state, "water" for river/lake
    within: tuple = ()           # (country, admin1) pairs the text puts it in: "Springfield, Illinois"


def _lookup_name(text: str) -> tuple[str, str]:
    name = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    match = _TRAILING_NOUN.search(name)
    hint = ""
    if match:
        noun = match.group(0).strip().lower()
        hint = "admin" if noun in ("province", "governorate", "district", "region", "county", "state", "prefecture",
                                  "oblast", "municipality", "township", "borough", "parish", "co.") \
            else "water" if noun == "river" else ""
        name = name[:match.start()]
    return name.strip(), hint


def find_toponyms(text: str, names: list[Name], gazetteer: Gazetteer, dateline: str | None = None) -> list[Toponym]:
    found: dict[tuple[int, int], Toponym] = {}
    place_names: set[str] = {dateline.casefold()} if dateline else set()
    covered = [False] * (len(text) + 1)

    def add(start: int, end: int, evidence: str) -> None:
        span = text[start:end]
        lookup, hint = _lookup_name(span)
        if lookup and not gazetteer.demonym(lookup):
            within = tuple((e.country, e.admin1 if e.is_admin1 else "") for e in region_after(text, end, gazetteer))
            found[(start, end)] = Toponym(start, end, span, lookup, evidence, hint, within)
            place_names.add(lookup.casefold())

    # 1. what the NER calls a place
    for name in names:
        for i in range(name.start, name.end):
            covered[i] = True
        if name.label in PLACE_LABELS:
            add(*_extend(text, name.start, name.end), "ner")
    # 2. other names the gazetteer knows, when the context says they are places
    candidates = [(n.start, n.end, n.label) for n in names if n.label in _NAME_LABELS
                  and (n.text[:1].isupper() or n.text[:3].lower() in ("al-", "el-"))]
    candidates += [(m.start(), m.end(), "") for m in _CAPITALISED.finditer(text)
                   if not any(covered[m.start():m.end()]) and m.group(0) not in _OPENERS]
    later = []
    for start, end, label in candidates:
        start, end = _strip_opener(text, start, end)
        lookup, _hint = _lookup_name(text[start:end])
        if not lookup or lookup.casefold() in _NOT_PLACES or not gazetteer.lookup(lookup) or gazetteer.demonym(lookup):
            continue
        if _has_cue(text, start, end) or region_after(text, end, gazetteer):
            add(start, end, "cue")
        elif label and _well_known(lookup, text[start:end], gazetteer):
            add(start, end, "gazetteer")
        elif dateline and lookup.casefold() == dateline.casefold():
            add(start, end, "dateline")
        else:
            later.append((start, end, label, lookup))
    # 3. the place that opens an institution's name: "Ohio Department of Health", "Georgia Tech"
    for n in names:
        if n.label == "ORG" and _INSTITUTION.search(n.text) and not any(n.start <= t[0] < n.end for t in found):
            first = re.match(r"(?:[A-Z][\w.'’-]*\s+){0,2}?[A-Z][\w.'’-]*(?=\s+[A-Z])", n.text)
            for words in ([first.group(0)] if first else []):
                for size in range(len(words.split()), 0, -1):
                    head = " ".join(words.split()[:size])
                    if _well_known(head, head, gazetteer):
                        add(n.start, n.start + len(head), "institution")
                        break
    # 4. a name that is a place elsewhere in the text is a place here too
    # ... except a word of a person's full name: "Bell" after "Kristen Bell"
    person_words = {w.casefold() for n in names if n.label == "PERSON" and " " in n.text for w in n.text.split()}
    for start, end, label, lookup in later:
        if lookup.casefold() in place_names and not (label == "PERSON" and lookup.casefold() in person_words):
            add(start, end, "repeat")
    return sorted(found.values(), key=lambda t: t.start)


def _well_known(lookup: str, span: str, gazetteer: Gazetteer) -> bool:
    """A name that is, by its own name, a country, a first-level region or a big city ("Minnesota",
    "Chicago", "Georgia") is a place even when the NER calls it an organisation: sports teams and
    governments named after places are the place in news geography. Not when the span names an
    institution ("Minnesota Department of Health")."""
    if _INSTITUTION.search(span) or len(lookup.split()) > 3 or (lookup.isupper() and len(lookup) <= 5):
        return False            # an acronym ("SANA") is an organisation's before it is a place's
    spelled = query_keys(lookup)[0]
    return any(query_keys(e.name)[0] == spelled and
               (e.is_country or e.is_admin1 or e.population >= WELL_KNOWN_POPULATION)
               for e in gazetteer.lookup(lookup))


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the place noun after a name ("Anbar" + " province")."""
    match = _NOUN_AFTER.match(text[end:end + 16])
    return start, end + match.end() if match else end


def _strip_opener(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a sentence-opening word glued to a name by the capitalisation pattern ("In Rawa")."""
    first = text[start:end].split(" ", 1)
    if len(first) == 2 and first[0] in _OPENERS:
        return start + len(first[0]) + 1, end
    return start, end


def region_after(text: str, end: int, gazetteer: Gazetteer) -> list:
    """The countries or first-level regions named right after a place: "Springfield, Illinois"."""
    match = _COMMA_NAME.match(text[end:end + 40])
    if not match:
        return []
    return [e for e in gazetteer.lookup(match.group(1).strip().rstrip(".")) if e.is_country or e.is_admin1]


def _has_cue(text: str, start: int, end: int) -> bool:
    return bool(_CUE_BEFORE.search(text[max(0, start - 40):start]) or _CUE_AFTER.match(text[end:end + 24]))
