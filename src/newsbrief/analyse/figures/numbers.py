"""Numbers as news writes them: "26", "8,900", "4.4 million", "nine", "twenty-five", "a dozen", "a few
hundred", "tens of thousands", with a qualifier ("at least", "more than", "about") and the interval the
wording allows, so that "at least 26" and "20" can be seen to disagree and "more than 40" and "40" not.

Only the number is parsed here; what it counts and its unit are `counted.py`'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {w: n for n, w in enumerate(
    "_ one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split()) if w != "_"}   # "zero" is an idiom more often than a count
TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
        if w != "_"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000}
# Vague amounts: (value as a reader would take it, least, most). "hundreds" are at least two hundred.
VAGUE = {
    "a dozen": (12, 12, 12), "half a dozen": (6, 6, 6), "dozens": (24, 24, 99), "scores": (40, 40, 199),
    "hundreds": (200, 200, 999), "thousands": (2000, 2000, 9999), "tens of thousands": (20_000, 20_000, 99_999),
    "hundreds of thousands": (200_000, 200_000, 999_999), "millions": (2_000_000, 2_000_000, 9_999_999),
    "a handful": (4, 3, 6), "a couple": (2, 2, 3),
}
FEW = {"a few": (3, 2, 5), "several": (4, 3, 9), "a couple of": (2, 2, 3)}   # before a scale: "a few hundred"

QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "nearly": "almost", "almost": "almost", "close to": "almost", "just under": "almost",
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "nearly about": "about",
    "up to": "up to", "as many as": "up to", "not exceeding": "up to", "not more than": "up to",
    "a maximum of": "up to", "at most": "up to", "no more than": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than", "below": "fewer than",
}
# A bare figure is rarely exact: a round one stands for its neighbourhood
ROUND_TOLERANCE = 0.05
EXACT_TOLERANCE = 0.01

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = (r"(?:" + "|".join(sorted(TENS, key=len, reverse=True)) + r")(?:[- ](?:one|two|three|four|five|six"
                r"|seven|eight|nine))?|" + "|".join(sorted(UNITS, key=len, reverse=True)))
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)|\s?(?:bn|mn)\b)"
_NUMBER = re.compile(
    r"(?<![\w.,:/-])(?:"
    r"(?P<vague>" + "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True)) + r")"
    r"|(?P<few>" + "|".join(sorted(map(re.escape, FEW), key=len, reverse=True)) + r")"
    r"\s+(?P<fewscale>hundred|thousand|million|billion)"
    r"|(?:(?P<a>an?)\s+)?(?P<digits>" + _DIGITS + r")(?P<scale>" + _SCALE + r")?"
    r"|(?P<words>(?:" + _WORD_NUMBER + r")(?:\s+(?:hundred|thousand|million|billion)(?:\s+and\s+(?:" + _WORD_NUMBER
    + r"))?)*)"
    r"|(?P<ascale>an?\s+(?:hundred|thousand|million|billion))"
    r")(?![\w])", re.I)
_QUALIFIER = re.compile(r"(?:^|(?<=\W))(?P<q>" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
                        + r")\s+$", re.I)


@dataclass
class Number:
    start: int
    end: int
    value: float
    low: float
    high: float | None        # None: no upper bound ("at least 26")
    qualifier: str | None
    written: str              # "digits", "words" or "vague"


def _words_value(text: str) -> float | None:
    total, current = 0, 0
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and" or not w:
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
    return float(total + current)


def _interval(value: float, qualifier: str | None, written: str) -> tuple[float, float | None]:
    if written == "digits" and value == int(value):
        zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
        tolerance = ROUND_TOLERANCE if zeros else EXACT_TOLERANCE
    else:
        tolerance = ROUND_TOLERANCE if value >= 10 else 0.0
    low, high = value * (1 - tolerance), value * (1 + tolerance)
    match qualifier:
        case "at least":
            return value, None
        case "more than":
            return value, None
        case "almost":
            return value * 0.85, value
        case "about":
            return value * 0.85, value * 1.15
        case "up to" | "fewer than":
            return 0.0, value
    return low, high


def find_numbers(text: str) -> list[Number]:
    out = []
    for m in _NUMBER.finditer(text):
        written = "digits"
        if m.group("vague"):
            value, low, high = VAGUE[m.group("vague").lower()]
            written = "vague"
        elif m.group("few"):
            base, low, high = FEW[m.group("few").lower()]
            scale = SCALES[m.group("fewscale").lower()]
            value, low, high = base * scale, low * scale, high * scale
            written = "vague"
        elif m.group("digits"):
            value = float(m.group("digits").replace(",", ""))
            if m.group("scale"):
                value *= SCALES[m.group("scale").strip().lower()]
        elif m.group("ascale"):
            value = float(SCALES[m.group("ascale").split()[-1].lower()])
            written = "words"
        else:
            value = _words_value(m.group("words"))
            written = "words"
            if value is None:
                continue
        start = m.start()
        if m.group("a") and not m.group("scale"):     # "a 20" is not a number phrase; keep the digits only
            start = m.start("digits")
        qualifier = None
        q = _QUALIFIER.search(text, max(0, start - 25), start)
        if q:
            qualifier = QUALIFIERS[q.group("q").lower()]
        if written != "vague":
            low, high = _interval(value, qualifier, written)
        elif qualifier in ("at least", "more than"):
            high = None
        out.append(Number(start, m.end(), value, low, high, qualifier, written))
    return _ranges(text, out)


def _ranges(text: str, numbers: list[Number]) -> list[Number]:
    """"between 20 and 30", "one to two": one number, valued at its low end, up to the high one.
    "from 10 to 39" is a change, two numbers; "270 and 480 million" are both millions."""
    out: list[Number] = []
    skip = False
    for k, n in enumerate(numbers):
        if skip:
            skip = False
            continue
        after = numbers[k + 1] if k + 1 < len(numbers) else None
        if after is None or not re.fullmatch(r"\s*(?:to|and|or|-)\s*", text[n.end:after.start]) \
                or re.search(r"\bfrom\s+$", text[max(0, n.start - 6):n.start]):
            out.append(n)
            continue
        low, value = n.low, n.value
        scale = re.search(r"(hundred|thousand|million|billion)\s*$", text[after.start:after.end])
        if scale and not re.search(r"hundred|thousand|million|billion", text[n.start:n.end]):
            low, value = low * SCALES[scale.group(1)], value * SCALES[scale.group(1)]
        out.append(Number(n.start, after.end, value, low, after.high, after.qualifier or n.qualifier or "between",
                          after.written))
        skip = True
    return out


def qualifier_start(text: str, number: Number) -> int:
    """Where the figure's wording begins: its qualifier, when it has one."""
    q = _QUALIFIER.search(text, max(0, number.start - 25), number.start)
    return q.start("q") if q else number.start
