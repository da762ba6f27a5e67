"""Indirect speech: a sentence with a reporting verb, "Smith said (that) ...", "..., police said",
"..., said the ministry", "According to X, ...", "X quoted Y as saying ...", "..., a former pilot said,
...", read in the parts of each sentence outside direct quotes. The speaker phrase is kept as written,
for speakers.py to resolve."""
from __future__ import annotations

import re

from newsbrief.analyse.people.quotes.direct import attribution_before, only_attribution
from newsbrief.analyse.people.quotes.raw import Raw
from newsbrief.analyse.people.quotes.vocabulary import (ACCORDING, AUXILIARY, CLAUSE_VERB, CONJUNCTION, DETERMINER,
                                                        LISTENER_TAIL, LISTENER_VERBS, NOT_SPEAKER, PARENTHETICAL, TAIL,
                                                        THAT_VERBS, VERB)
from newsbrief.model import Span

_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|this|these|those|his|her|its|their|our|my|your)\s+$",
                          re.IGNORECASE)
_STATES_NOUN = re.compile(r"\b(?:member|United|Gulf|Arab|Baltic|island|nation|neighbouring|neighboring|other|"
                          r"several|many|some|all|both|two|three|small|southern|northern|western|eastern)\s+$")
_DATELINE = re.compile(r"^[^\n]{2,80}?(?:\([A-Za-z]+\)\s*(?:_|--|-|—|–)|\s(?:_|--)\s)\s*")


def indirect_quotes(text: str, sentences: list[Span], direct: list[Raw]) -> list[Raw]:
    """Indirect speech in the parts of each sentence outside direct quotes: "X said the probe made
    ``great strides.'' ``We have...'' he added." holds an indirect quote and a direct one."""
    found = []
    for whole in sentences:
        inside = sorted((r for r in direct if r.open_at < whole.end and whole.start < r.close_at),
                        key=lambda r: r.open_at)
        parts, position = [], whole.start
        for r in inside:
            parts.append(Span(start=position, end=r.open_at))
            position = max(position, r.close_at)
        parts.append(Span(start=position, end=whole.end))
        for sentence in parts:
            if sentence.end - sentence.start < 30:
                continue
            if any(r.open_at == sentence.end for r in inside) and attribution_before(text, sentence.start, sentence.end):
                continue       # "Erdogan told Abadi he was ``…''": the direct quote is what was said
            if any(r.close_at == sentence.start for r in inside) and only_attribution(text[sentence.start:sentence.end]):
                continue       # "``…,'' Rahman, head of the Observatory, told AFP.": the attribution
            raw = _indirect(text, sentence)
            if raw is not None:
                found.append(raw)
    return found


def _indirect(text: str, sentence: Span) -> Raw | None:
    """A sentence of indirect speech, as content span and speaker phrase (in `speaker` until resolved)."""
    s = text[sentence.start:sentence.end]
    body_end = len(s.rstrip(" .!?\n\"”'"))

    dateline = _DATELINE.match(s)
    if dateline:       # "DAR ES SALAAM, Tanzania (AP) _ Investigators ... said"
        return _indirect(text, Span(start=sentence.start + dateline.end(), end=sentence.end))

    def raw(start: int, end: int, who: str, who_at: int) -> Raw | None:
        found = Raw(sentence.start + start, sentence.start + end, sentence.start + who_at, sentence.start + who_at)
        found.speaker = who.strip()
        return _trim(text, found) if _subject_like(_last_clause(found.speaker)) else None

    according = ACCORDING.search(s)
    if according:
        who = re.match(r"[^,.;:!?\"“”]{1,80}", s[according.end():])
        if who:
            name = re.split(r"\s+(?:that|who|which)\s+", who.group(0))[0]
            # "figures published by the state water authority": the authority
            name = re.sub(r"^(?:[\w-]+\s+){1,3}(?:published|released|compiled|issued|gathered|provided)\s+by\s+",
                          "", name)
            if according.start() < 3:                 # "According to X, content."
                found = Raw(sentence.start + according.end() + who.end() + 1, sentence.start + body_end,
                            sentence.start + according.end(), sentence.start + according.end())
            else:                                     # "content, according to X."
                found = Raw(sentence.start, sentence.start + according.start(), sentence.start + according.end(),
                            sentence.start + according.end())
            found.speaker = name.strip()
            return _trim(text, found)
    parenthetical = PARENTHETICAL.search(s[:body_end])
    if parenthetical and parenthetical.start() > 8:   # "But that, a former pilot said, would not explain ..."
        found = Raw(sentence.start, sentence.start + body_end, sentence.start + parenthetical.start("who"),
                    sentence.start + parenthetical.start("who"))
        found.speaker = parenthetical.group("who")
        if _subject_like(found.speaker):
            return _trim(text, found)
    for verb in VERB.finditer(s[:body_end]):
        if _NOUN_BEFORE.search(s[:verb.start()]) or \
                (verb.group(0) == "states" and _STATES_NOUN.search(s[:verb.start()])):
            continue          # "the report of an inquiry", "his claims", "member states": the word is a noun here
        before, after = s[:verb.start()], s[verb.end():body_end]
        tail = LISTENER_TAIL if verb.group(0) in LISTENER_VERBS else TAIL
        rest_at = verb.end() + tail.match(after).end()
        if verb.group(0).startswith(("quoted", "is quoted", "was quoted")):      # "X quoted Y as saying ..."
            middle = re.match(r"(?:is |was )?quoted\s+(.+?)\s+as\s+saying", verb.group(0))
            if middle and rest_at < body_end - 10:
                return raw(rest_at, body_end, middle.group(1), verb.start() + middle.start(1))
            continue
        if verb.group(0) == "saying" and before.rstrip().endswith(",") and rest_at < body_end - 10:
            found = Raw(sentence.start + rest_at, sentence.start + body_end, sentence.start, sentence.start)
            found.speaker = _main_subject(before.rstrip(" ,"))     # "Putin was cautious, saying ..."
            return _trim(text, found)
        if verb.group(0) == "saying":
            continue
        if verb.group(0) in THAT_VERBS and not re.match(r"\s+that\b", s[verb.end():]):
            continue
        rest = s[rest_at:body_end].strip()
        if before.rstrip().endswith(",") and len(rest.split()) <= 10 and not CLAUSE_VERB.search(rest) \
                and (rest[:1].isupper() or DETERMINER.match(rest)) and len(before) > 15:
            return raw(0, len(before.rstrip()) - 1, rest.split(",")[0], rest_at)   # "content, said the Observatory."
        if len(rest.split()) >= 4 and not rest.startswith((",", ".")):
            who = AUXILIARY.sub("", before.rstrip(" ,"))          # "X (, the commander,) said (that) content"
            if who and not who.endswith((".", ":")):
                found = raw(rest_at, body_end, who, 0)
                if found:
                    return found
            continue
        head = before.rstrip()
        after_name = re.match(r"\s*([^,.;:!?\"“”]{1,80})", s[verb.end():body_end])
        if head.endswith(",") and after_name and (after_name.group(1).strip()[:1].isupper()
                                                  or DETERMINER.match(after_name.group(1).strip())):
            if len(head) > 15:                                     # "content, said the ministry."
                return raw(0, len(head) - 1, after_name.group(1), verb.end() + after_name.start(1))
            continue
        split = _speaker_clauses(head.rstrip(" ,"))                  # "content, the ministry said (on Friday)."
        if split is not None and split > 12:
            found = raw(0, split, AUXILIARY.sub("", head[split:].strip(" ,")), split + 2)
            if found:
                return found
    return None


def _main_subject(clause: str) -> str:
    """The subject of a main clause, near enough: the words before its first verb-like word
    ("Iraq's premier dismissed the offer" -> "Iraq's premier")."""
    last = re.split(r",\s+|\s+and\s+(?=[a-z])", clause)[-1]
    verb = re.search(r"\s(?:[a-z]{2,}ed|is|was|were|are|has|have|had|gave|gives|took|takes|made|makes|put|"
                     r"puts|went|goes|got|gets|kept|keeps|held|holds|saw|sees|spoke|speaks|struck|sounded)\b", last)
    subject = last[:verb.start()] if verb else last
    return re.sub(r"^(?:on|in|at|by|after)\s+\w+\s+", "", subject.strip(), flags=re.IGNORECASE)


def _speaker_clauses(head: str) -> int | None:
    """Where the speaker's clauses begin at the end of "content, Smith, the commander, said": clauses
    from the right while they read as a name or an appositive (short, no verb of their own)."""
    split = None
    position = len(head)
    while True:
        comma = head.rfind(", ", 0, position)
        if comma < 0:
            return split
        clause = head[comma + 2:position].strip()
        if not clause or len(clause.split()) > 10 or CLAUSE_VERB.search(clause) or NOT_SPEAKER.match(clause):
            return split
        split, position = comma, comma


def _last_clause(who: str) -> str:
    """The clause next to the verb, relative clauses passed over: "A section of the report, which had
    been leaked earlier," -> "A section of the report"."""
    clauses = [c for c in re.split(r",\s*", who) if c.strip()] or [who]
    while len(clauses) > 1 and re.match(r"\s*(?:who|which|whose|where)\b", clauses[-1], re.IGNORECASE):
        clauses.pop()
    return clauses[-1]


def _subject_like(who: str) -> bool:
    """Words that can be the subject of "said": short, not a clause of their own."""
    who = CONJUNCTION.sub("", _last_clause(who.strip()).strip())
    words = who.split()
    if words and re.fullmatch(r"[a-z]+ing", words[0]):
        return False        # "..., bringing pumps and experts from several member states": a participle, no subject
    return 0 < len(words) <= 16 and not NOT_SPEAKER.match(who) and not CLAUSE_VERB.search(_last_clause(who))


def _trim(text: str, raw: Raw) -> Raw | None:
    while raw.start < raw.end and text[raw.start] in " ,;:\"“`'":
        raw.start += 1
    while raw.end > raw.start and text[raw.end - 1] in " ,;.\"”'":
        raw.end -= 1
    return raw if len(text[raw.start:raw.end].split()) >= 3 else None
