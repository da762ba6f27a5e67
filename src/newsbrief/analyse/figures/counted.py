"""What a number counts: its unit ("percent", "USD", "km"), the thing counted as the text words it
("displaced people", "town of Albu Kamal"), and the kind of quantity (killed, wounded, share, money ...)
that decides which figures can be compared.

There is no parser in the pipeline (spaCy runs NER only, for speed), so the counted noun phrase is read
from the words around the number: adjectives and nouns up to a preposition, a verb or a clause break;
for a share, the "of" phrase after it or the subject before it ("unemployment rose to 5 percent").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "rs": "INR",
                   "rs.": "INR", "eur": "EUR", "gbp": "GBP", "a$": "AUD", "c$": "CAD", "hk$": "HKD"}
CURRENCY_AFTER = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                  "pound sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupees": "INR",
                  "rubles": "RUB", "roubles": "RUB", "francs": "CHF", "won": "KRW", "pesos": "MXN"}
MONEY = frozenset(CURRENCY_BEFORE.values()) | frozenset(CURRENCY_AFTER.values())
PERCENT = ("percent", "per cent", "pct", "%", "percentage points", "percentage point")
MEASURES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "miles", "mile": "miles", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "foot": "ft", "square kilometres": "km2", "square kilometers": "km2", "square miles": "mi2",
    "hectares": "ha", "acres": "acres", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "kilograms": "kg", "kg": "kg", "kilos": "kg", "pounds of": "lb", "litres": "l", "liters": "l",
    "barrels": "barrels", "gallons": "gallons", "degrees": "degrees", "mph": "mph", "km/h": "km/h",
    "megawatts": "MW", "mw": "MW",
}
# What a count is of, from the words around it; the first class found, in this order, wins
MEASURE_WORDS = [
    ("killed", "killed kill killing dead died die dying deaths death toll fatalities fatality bodies lives "
               "perished slain victims drowned"),
    ("wounded", "wounded injured injuries hurt injuring wounding"),
    ("missing", "missing unaccounted"),
    ("arrested", "arrested detained detainees arrests held jailed prisoners"),
    ("displaced", "displaced homeless evacuated evacuation fled refugees evacuees homes"),
]
PEOPLE = set("""people persons civilians residents children kids women men soldiers troops fighters militants
police policemen officers workers students voters passengers migrants protesters demonstrators patients
villagers family families members staff employees tourists journalists rebels insurgents jihadists
""".split())
STOP = set("""at in on of from by for with to as after since during including among into across near over under
and or but while when where which who that than because was were is are be been being has have had will would
said says told could can may might per each this these those it its their his her they he she we you
""".split())
QUOTE_MARKS = frozenset("\"“”‘’'")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[0-9][0-9,.]*|[%$£€¥]|[^\sA-Za-z0-9]")


@dataclass
class Counted:
    unit: str | None
    counts: str
    measure: str
    end: int          # where the figure's wording ends in the text


def _tokens(text: str, start: int, end: int) -> list[re.Match]:
    return list(_TOKEN.finditer(text, start, end))


def unit_before(text: str, start: int) -> tuple[str | None, int]:
    """A currency sign or code just before the number: ("USD", where it starts)."""
    m = re.search(r"(US\$|A\$|C\$|HK\$|[$£€¥]|\b(?:USD|EUR|GBP|Rs\.?)\s?)$", text[max(0, start - 5):start])
    if not m:
        return None, start
    return CURRENCY_BEFORE[m.group(1).strip().lower()], start - (len(text[max(0, start - 5):start]) - m.start())


def counted(text: str, start: int, end: int, clause_start: int, clause_end: int,
            unit: str | None, after_previous: int | None = None) -> Counted:
    """The unit, counted thing and measure of the number at text[start:end] in its clause. The words that
    say what kind of count it is are read from `after_previous` (the end of the figure before it in the
    clause, or the "and" after that) on: "nine people had died and more than 3,000 had been forced from
    their homes" gives the 3,000 no deaths."""
    after = _tokens(text, end, clause_end)
    i = 0
    rest = text[end:clause_end].lower()
    if unit is None:
        for word in PERCENT:
            if rest.startswith(word) or rest.startswith(" " + word):
                unit = "percent" if "point" not in word else "percentage points"
                i = len(_tokens(text, end, end + rest.index(word) + len(word)))
                break
    if unit is None:
        for word, code in sorted({**CURRENCY_AFTER, **MEASURES}.items(), key=lambda kv: -len(kv[0])):
            if re.match(rf"[\s-]?{re.escape(word)}\b", rest):
                unit = code
                i = len(_tokens(text, end, end + rest.index(word) + len(word)))
                break
    words: list[re.Match] = []
    if unit in ("percent", "percentage points") or unit in MONEY:
        if i < len(after) and after[i].group().lower() in ("of", "in", "for"):    # "40 percent of the town"
            words = _phrase(after[i + 1:], keep_of=True)
        if not words and unit in ("percent", "percentage points"):
            words = _subject_before(text, clause_start, start)
    elif unit in MEASURES.values():
        words = _phrase(after[i:], keep_of=False)
        if not words:          # "the water level reached 10.4 metres"
            words = _subject_before(text, clause_start, start)
    else:
        if i < len(after) and after[i].group().lower() == "of":      # "two of those fighters"
            i += 1
            while i < len(after) and after[i].group().lower() in ("the", "those", "these", "them", "whom", "its"):
                i += 1
        words = _phrase(after[i:], keep_of=False)
    ends = [end] + [w.end() for w in words if w.start() >= end] + ([after[i - 1].end()] if i else [])
    phrase_end = max(ends)
    counts = " ".join(w.group() for w in words)
    context_start = clause_start
    if after_previous is not None and after_previous > clause_start:
        joint = re.search(r"\b(?:and|but|while|whereas)\b", text[after_previous:start])
        context_start = after_previous + joint.end() if joint else after_previous
    context = text[context_start:clause_end].lower()
    return Counted(unit, counts, _measure(counts.lower(), context, unit), phrase_end)


def _phrase(tokens: list[re.Match], keep_of: bool) -> list[re.Match]:
    """Adjectives and nouns up to a preposition, verb or break: "displaced people", "town of Albu Kamal"."""
    out: list[re.Match] = []
    for k, t in enumerate(tokens):
        w = t.group()
        low = w.lower()
        if low in ("the", "a", "an", "its", "their") and not out:
            continue
        if low == "of" and keep_of and out and k + 1 < len(tokens) and tokens[k + 1].group()[:1].isupper():
            out.append(t)
            continue
        if out and out[-1].group().lower() == "of":
            if not w[:1].isupper():
                out.pop()
                break
            out.append(t)
            continue
        if w in QUOTE_MARKS:
            continue
        if not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", w) or low in STOP:
            break
        if out and (low in ("the", "a", "an", "its", "their") or low.endswith("ing")):
            break      # a relative clause or a participle: "the land the group held", "bombers flying"
        if out and low.endswith("ed") and low not in ("wounded", "displaced", "injured", "dead"):
            break      # "26 people killed": the verb ends the phrase
        out.append(t)
        if len(out) >= 4:
            break
    while out and out[-1].group().lower() == "of":
        out.pop()
    return out


def _subject_before(text: str, clause_start: int, start: int) -> list[re.Match]:
    """The subject of "X rose/fell/stood ... to 5 percent": the words before the verb."""
    before = text[clause_start:start]
    m = re.search(r"([A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)\s+(?:rate\s+)?(?:rose|fell|dropped|climbed|increased|"
                  r"decreased|grew|declined|jumped|slipped|stood|was|is|reached|hit|averaged|peaked)\b[^;]*?$", before)
    if not m:
        return []
    return [t for t in _tokens(text, clause_start + m.start(1), clause_start + m.end(1))
            if t.group().lower() not in STOP and t.group().lower() not in ("the", "a", "an")]


def _measure(counts: str, context: str, unit: str | None) -> str:
    """The head noun's own class ("20 dead"), else the clause's event verb for people ("killed at least 26
    displaced people"), else an adjective's ("26 displaced people"), else people or other."""
    if unit in ("percent", "percentage points"):
        return "share"
    if unit in MONEY:
        return "money"
    if unit is not None:
        return "other"
    words = counts.split()
    head = words[-1] if words else ""
    classes = [(name, set(vocab.split())) for name, vocab in MEASURE_WORDS]
    for name, vocab in classes:
        if head in vocab:
            return name
    if head in PEOPLE or not head:
        context_words = set(re.findall(r"[a-z]+", context))
        for name, vocab in classes:
            if context_words & vocab:
                return name
    for name, vocab in classes:
        if vocab & set(words):
            return name
    return "people" if head in PEOPLE else "other"


