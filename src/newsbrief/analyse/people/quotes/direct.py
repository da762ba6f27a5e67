"""Direct quotes: paired quote marks ("…", “…”, ``…''), a paragraph's unclosed quote running to its end.
Quotes shorter than four words are scare quotes or fragments and are left to indirect speech. A quote
split by its attribution ("…," he said, "…") is one quote. Its speaker phrase is read between the parts
of a split quote, after the quote (", he said", "said Smith", ", according to X") or before it ("Smith
said:"); a quote with no attribution of its own continues the previous speaker when it follows closely."""
from __future__ import annotations

import re

from newsbrief.analyse.people.quotes.raw import Raw
from newsbrief.analyse.people.quotes.speakers import Speakers
from newsbrief.analyse.people.quotes.vocabulary import AUXILIARY, CLAUSE_VERB, DETERMINER, OBJECT_VERBS, VERB

_MIN_WORDS = 4
_MARKS = re.compile(r"``|''|[\"“”]")


def direct_quotes(text: str) -> list[Raw]:
    raws, offset = [], 0
    for paragraph in text.split("\n\n"):
        opened = None
        for m in _MARKS.finditer(paragraph):
            mark = m.group(0)
            if opened is None:
                # '' opens a quote in some transcriptions: at a paragraph's start or after a space
                if mark in ('"', "“", "``") or (mark == "''" and (m.start() == 0 or paragraph[m.start() - 1].isspace())
                                                and paragraph[m.end():m.end() + 1].isalnum()):
                    opened = m
            elif mark in ('"', "”", "''"):
                raws.append(Raw(offset + opened.end(), offset + m.start(), offset + opened.start(), offset + m.end()))
                opened = None
            else:     # an opening mark while one is open: the first was never closed
                opened = m
        if opened is not None:   # a quote that runs on into the next paragraph
            raws.append(Raw(offset + opened.end(), offset + len(paragraph), offset + opened.start(),
                            offset + len(paragraph)))
        offset += len(paragraph) + 2
    return [r for r in raws if len(text[r.start:r.end].split()) >= _MIN_WORDS]


def merge_split(text: str, raws: list[Raw]) -> list[Raw]:
    """"…," he said, "…" is one quote; the attribution between the parts is its gap."""
    out: list[Raw] = []
    for raw in raws:
        if out:
            gap = text[out[-1].close_at:raw.open_at]
            comma = text[out[-1].end - 1:out[-1].end] == "," or gap.lstrip().startswith(",")
            if comma and "\n" not in gap and len(gap) < 90 and VERB.search(gap):
                first = out[-1]
                out[-1] = Raw(first.start, raw.end, first.open_at, raw.close_at, gap=(first.close_at, raw.open_at),
                              parts=(first.parts or [(first.start, first.end)]) + [(raw.start, raw.end)])
                continue
        out.append(raw)
    return out


def attribute(raw: Raw, text: str, sentence_of, speakers: Speakers, previous: Raw | None) -> None:
    """A direct quote's speaker: from the attribution between its parts, after it or before it; else,
    close after another quote, that quote's speaker."""
    first, last = sentence_of(raw.open_at), sentence_of(max(raw.open_at, raw.close_at - 1))
    paragraph_end = text.find("\n", raw.close_at)
    after_end = max(last.end, raw.close_at)
    after_end = min(after_end, paragraph_end) if paragraph_end != -1 else after_end
    attributions = [_attribution_after(text, *raw.gap) if raw.gap else None,
                    _attribution_after(text, raw.close_at, after_end),
                    attribution_before(text, first.start, raw.open_at)]
    raw.speaker, raw.mention = None, None
    for attribution in filter(None, attributions):
        raw.speaker, raw.mention = speakers.resolve(*attribution, previous)
        if raw.speaker:
            return
    if previous is not None and previous.speaker and raw.open_at - max(previous.close_at, previous.end) < 400:
        raw.speaker, raw.mention = previous.speaker, previous.mention


def _attribution_after(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The speaker phrase in an attribution that follows a quote: ", he said", "said Smith, the ...",
    "Smith said", "…, says Smith", ", according to X"."""
    segment = text[start:end]
    lead = re.match(r"^[\s,;:]*", segment).end()
    body = segment[lead:]
    according = re.match(r"according\s+to\s+(?P<who>[^,.;:!?\"“”]{1,80})", body, re.IGNORECASE)
    if according:
        return according.group("who").strip(), start + lead + according.start("who")
    verb = VERB.search(body[:140])
    if not verb:
        return None
    before = body[:verb.start()].strip()
    continuation = before.endswith(",") and not (before[0].isupper() or DETERMINER.match(before))
    if not before or continuation:               # "said Smith, the commander." / "… as well as X, says Smith."
        who = re.match(r"\s*([^,.;:!?\"“”]{1,80}?)\s*(?:,|\.|;|!|\?|$)", body[verb.end():])
        if who and who.group(1):
            # "said another former pilot, Germain Chambort, in an interview": the name after the description
            named = re.match(r"\s*,\s*((?:[A-Z][\w.'’-]*\s?){1,4})\s*(?:,|\.|;|$)", body[verb.end() + who.end() - 1:])
            if named and DETERMINER.match(who.group(1).strip()):
                return f"{who.group(1).strip()}, {named.group(1).strip()}", start + lead + verb.end() + who.start(1)
            return who.group(1).strip(), start + lead + verb.end() + who.start(1)
        return None
    if re.search(r"[.!?]\s+[A-Z]", before) and not re.search(r"\b[A-Z]\.\s", before):   # a new sentence
        return None
    return AUXILIARY.sub("", before.rstrip(" ,")), start + lead


def attribution_before(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The speaker phrase before a quote: "Smith said:", "He told AFP that ", "According to X, "."""
    segment = text[start:end]
    according = re.search(r"according\s+to\s+(?P<who>[^,.;:!?\"“”]{1,80}),\s*$", segment, re.IGNORECASE)
    if according:
        return according.group("who").strip(), start + according.start("who")
    verbs = list(VERB.finditer(segment))
    if not verbs:
        verbs = list(OBJECT_VERBS.finditer(segment))
        if not verbs or len(segment[:verbs[-1].start()].split()) > 8:
            return None
    verb = verbs[-1]
    rest = segment[verb.end():]
    if not re.fullmatch(r"(?:\s+[\w.'’-]+){0,6}\s*[:,]?\s*(?:that\s*)?", rest):
        return None
    return AUXILIARY.sub("", segment[:verb.start()].strip()), start


def only_attribution(part: str) -> bool:
    """The words after a quote are its attribution and nothing more: ", Rahman, head of the Observatory,
    told AFP on Saturday." (not "He said the three informants had ...")."""
    verb = VERB.search(part)
    if verb is None or len(part[:verb.start()].split()) > 12:
        return False
    after = part[verb.end():].strip()
    return (len(after.split()) <= 8 and not CLAUSE_VERB.search(after)) or \
        bool(re.match(r"(?:in|on|at|from|during|after|before|while|to|via)\b", after))
