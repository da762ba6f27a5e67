"""What people said: direct quotes (in quote marks) and indirect speech ("X said that ..."), each with
its speaker resolved through the sentence and the text around it.

Direct quotes are paired quote marks ("…", “…”, ``…''), a paragraph's unclosed quote running to its end.
Quotes shorter than four words are scare quotes or fragments and are left to indirect speech. A quote
split by its attribution ("…," he said, "…") is one quote. The attribution is read between the parts of
a split quote, after the quote (", he said", "said Smith", ", the ministry said", ", according to X") or
before it ("Smith said:"). A quote with no attribution of its own continues the previous speaker when it
follows closely.

Indirect speech is a sentence with a reporting verb: "Smith said (that) ...", "..., police said",
"..., said the ministry", "According to X, ...", "X quoted Y as saying ...".

The speaker is read from the words before the verb (or after it in "said Smith"), clause by clause back
from the verb: a named entity; a pronoun, which goes to the previous speaker or the last person named; or
a description ("the chairman of the board", "an official"), which goes to the entity the article gives that
role, and otherwise stays as written ("police", "investigators").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher
from dataclasses import dataclass

from newsbrief.analyse.people.mentions import Mention
from newsbrief.analyse.people.names import TITLES, person_key, surname_key
from newsbrief.model import Citation, Quote, Span

_VERBS = (
    "said|says|say|told|tells|tell|added|adds|stated|states|announced|announces|warned|warns|claimed|claims|"
    "insisted|insists|confirmed|confirms|denied|denies|explained|explains|noted|notes|argued|argues|reported|"
    "wrote|writes|asked|asks|replied|replies|responded|acknowledged|acknowledges|admitted|"
    "admits|estimated|estimates|predicted|predicts|stressed|stresses|vowed|vows|boasted|complained|conceded|"
    "recalled|suggested|suggests|continued|observed|cautioned|contended|maintained|charged|alleged|testified|"
    "tweeted|concluded|believes|believed|feared|fears|agreed|agrees|countered|emphasized|emphasised|"
    "bellowed|shouted|exclaimed|quipped|whispered|yelled|joked|mused|promised|promises|assured|indicated|"
    "indicates|revealed|disclosed|conceded|remarked|commented|announced|informed|advised|reiterated|"
    "repeated|pointed out|went on|warn|report|insist|claim|argue|believe|fear|estimate|predict|suggest|agree|"
    "deny|confirm|explain|note|acknowledge|admit|saying|is quoted as saying|was quoted as saying|"
    "quoted .{1,60}? as saying")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
# What may come between the verb and what was said: "said on Friday", "said in a statement", and after
# verbs that take a listener, "told AFP", "told a news conference".
_WHEN = (r"on\s+\w+|in\s+an?\s+\w+(?:\s+\w+)?|late\s+\w+|earlier|later|yesterday|today|tonight|Monday|Tuesday|"
         r"Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|night|also|again|publicly|"
         r"repeatedly|recently")
_TAIL = re.compile(rf"^(?:\s+(?:{_WHEN}))*\s*(?:,\s*)?(?:that\s+)?", re.IGNORECASE)
_LISTENER_TAIL = re.compile(
    rf"^(?:\s+(?:AFP|Reuters|reporters|journalists|the\s+[A-Za-z]+(?:\s+[A-Za-z]+)?|an?\s+[a-z]+(?:\s+[a-z]+)?|"
    rf"him|her|them|us|CNN|[A-Z][a-z]+|{_WHEN}))*\s*(?:,\s*)?(?:that\s+)?")
# Verbs that also describe things ("repeated operations", "continued fighting"): speech only with "that".
_THAT_VERBS = {"repeated", "continued", "maintained", "charged", "concluded", "indicated", "indicates", "observed", "recalled", "reiterated", "estimated", "estimates", "predicted", "predicts",
               "feared", "fears", "believed", "believes", "agreed", "agrees", "revealed", "disclosed", "promised",
               "promises", "assured", "advised", "informed", "stressed", "stresses", "emphasized", "emphasised"}
# Verbs that take a quote as their object: "Abadi hailed the town's "liberation in record time"".
_OBJECT_VERBS = re.compile(r"\b(?:hailed|praised|described|called|dubbed|termed|branded|denounced|condemned|"
                           r"welcomed|criticised|criticized|slammed|rejected|dismissed)\b")
_PERSON_NOUNS = {"premier", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "commander",
                 "official", "chairman", "chairwoman", "director", "chief", "head", "leader", "general", "analyst",
                 "expert", "envoy", "ambassador", "governor", "mayor", "secretary", "lawyer", "attorney", "officer",
                 "witness", "resident", "doctor", "professor", "researcher", "man", "woman", "pilot", "source"}
_SAME_ROLE = {"premier": "prime", "pm": "prime"}
_PREPOSITION = re.compile(r"\b(?:of|with|for|at|from|in|on|by|to|about|against)\b")
_ORGANISATION_TAIL = re.compile(r"(?:[a-z-]+\s+)?(?:group|organi[sz]ation|agency|monitor|network|movement|party|"
                                r"company|firm)?")
# Words that tell a person's gender, for "he" and "she": titles, and -man/-woman role nouns.
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Madame|Lady|Dame|Queen|Princess|spokeswoman|chairwoman|"
                     r"congresswoman|businesswoman|actress|wife|mother|daughter|sister|widow)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:Mr|Sir|Lord|King|Prince|spokesman|chairman|congressman|businessman|husband|father|son|"
                   r"brother|widower)\b", re.IGNORECASE)
_LEAD_CHARS = 400
_INDEFINITE = re.compile(r"(?:a|an|another|one|some|two|three|several|many)\s", re.IGNORECASE)
_NOT_ROLES = {"general", "source", "sources", "group", "people"}
_PROPER_NAME = re.compile(r"(?:[A-Z][\w'’.-]+\s?){1,4}")      # "Adadi", "Ron Nachman": a person the NER missed
_LISTENER_VERBS = {"told", "tells", "tell", "asked", "asks", "informed", "assured", "reminded", "advised"}
_PRONOUNS = {"he": "MALE", "she": "FEMALE", "they": "PLURAL", "it": "ORG", "i": "SELF", "we": "SELF"}
_OTHER = {"MALE": "FEMALE", "FEMALE": "MALE"}
_CONJUNCTION = re.compile(r"^(?:but|and|yet|so|however|also|still|meanwhile|instead|then|although|though|while|"
                          r"because|whereas)\b[\s,]*", re.IGNORECASE)
_RELATIVE = re.compile(r"\s+(?:that|which|who)$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|two|three|several|some|many|other|its|his|her|their)\s+",
                         re.IGNORECASE)
_NOT_SPEAKER = re.compile(r"^(?:it\s+is|it\s+was|there|this|these|those|what|which|when|where|as|if|because|"
                          r"while|although|some\s+have|many\s+have)\b", re.IGNORECASE)
_CLAUSE_VERB = re.compile(r"\b(?:is|was|were|are|be|been|being|has|have|had|will|would|can|could|did|does|do)\b")
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_MIN_WORDS = 4
_ORGANISATION_WORDS = {"group", "movement", "organization", "organisation", "company", "agency", "party", "union",
                       "firm", "ministry", "department", "commission", "council", "committee", "board", "association",
                       "observatory", "network", "government", "army", "militia", "coalition", "alliance", "bank"}
_GENERIC_ORGANISATIONS = {"group", "movement", "organization", "organisation", "company", "firm", "agency",
                          "militia", "coalition", "alliance"}


@dataclass
class _Raw:
    start: int                   # the content, inside the marks
    end: int
    open_at: int                 # the marks themselves
    close_at: int
    gap: tuple[int, int] | None = None       # the attribution between the parts of a split quote
    parts: list[tuple[int, int]] | None = None   # a split quote's parts, without the attribution
    speaker: str | None = None
    mention: Mention | None = None


def find_quotes(article_id: str, text: str, sentences: list[Span], mentions: list[Mention],
                names: dict[int, str], kinds: dict[int, str] | None = None) -> list[Quote]:
    """Quotes of one article. `names` and `kinds` map a mention's start to its entity's name and type
    (after merging: "Observatory", tagged PERSON by the NER, is the Syrian Observatory, an ORG)."""
    speakers = _Speakers(text, mentions, names, kinds or {})
    starts = [s.start for s in sentences]

    def sentence_of(offset: int) -> Span:
        i = max(0, bisect_right(starts, offset) - 1)
        return sentences[i] if sentences else Span(start=0, end=len(text))

    direct = _merge_split(text, _direct(text))
    indirect = _indirect_quotes(text, sentences, direct)
    # Speakers in reading order, so that "he added" can follow either kind of quote.
    previous: _Raw | None = None
    reported = {id(r) for r in indirect}
    for raw in sorted(direct + indirect, key=lambda r: min(r.open_at, r.start)):
        if id(raw) in reported:
            raw.speaker, raw.mention = speakers.resolve(raw.speaker, raw.open_at, previous)
        else:
            _attribute(raw, text, sentence_of, speakers, previous)
        previous = raw
    return [_quote(article_id, text, r) for r in sorted(direct + indirect, key=lambda r: r.start)]


def _attribute(raw: _Raw, text: str, sentence_of, speakers: _Speakers, previous: _Raw | None) -> None:
    """A direct quote's speaker: from the attribution between its parts, after it or before it; else,
    close after another quote, that quote's speaker."""
    first, last = sentence_of(raw.open_at), sentence_of(max(raw.open_at, raw.close_at - 1))
    paragraph_end = text.find("\n", raw.close_at)
    after_end = max(last.end, raw.close_at)
    after_end = min(after_end, paragraph_end) if paragraph_end != -1 else after_end
    attributions = [_after(text, *raw.gap) if raw.gap else None, _after(text, raw.close_at, after_end),
                    _before(text, first.start, raw.open_at)]
    raw.speaker, raw.mention = None, None
    for attribution in filter(None, attributions):
        raw.speaker, raw.mention = speakers.resolve(*attribution, previous)
        if raw.speaker:
            return
    if previous is not None and previous.speaker and raw.open_at - max(previous.close_at, previous.end) < 400:
        raw.speaker, raw.mention = previous.speaker, previous.mention


def _indirect_quotes(text: str, sentences: list[Span], direct: list[_Raw]) -> list[_Raw]:
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
            if any(r.open_at == sentence.end for r in inside) and _before(text, sentence.start, sentence.end):
                continue       # "Erdogan told Abadi he was ``…''": the direct quote is what was said
            if any(r.close_at == sentence.start for r in inside) and _only_attribution(text[sentence.start:sentence.end]):
                continue       # "``…,'' Rahman, head of the Observatory, told AFP.": the attribution
            raw = _indirect(text, sentence)
            if raw is not None:
                found.append(raw)
    return found


def _quote(article_id: str, text: str, raw: _Raw) -> Quote:
    mention = raw.mention
    # a split quote reads as its words, the attribution between them left out: "… ," he said, "…"
    words = " … ".join(text[a:b].strip() for a, b in raw.parts) if raw.parts else text[raw.start:raw.end].strip()
    return Quote(text=words, speaker=raw.speaker,
                 citation=Citation(article=article_id, start=raw.start, end=raw.end),
                 speaker_mention=Citation(article=article_id, start=mention.start, end=mention.end)
                 if mention else None)


# ------------------------------------------------------------------------------------------ direct quotes

_MARKS = re.compile(r"``|''|[\"“”]")


def _direct(text: str) -> list[_Raw]:
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
                raws.append(_Raw(offset + opened.end(), offset + m.start(), offset + opened.start(), offset + m.end()))
                opened = None
            else:     # an opening mark while one is open: the first was never closed
                opened = m
        if opened is not None:   # a quote that runs on into the next paragraph
            raws.append(_Raw(offset + opened.end(), offset + len(paragraph), offset + opened.start(),
                             offset + len(paragraph)))
        offset += len(paragraph) + 2
    return [r for r in raws if len(text[r.start:r.end].split()) >= _MIN_WORDS]


def _merge_split(text: str, raws: list[_Raw]) -> list[_Raw]:
    """"…," he said, "…" is one quote; the attribution between the parts is its gap."""
    out: list[_Raw] = []
    for raw in raws:
        if out:
            gap = text[out[-1].close_at:raw.open_at]
            comma = text[out[-1].end - 1:out[-1].end] == "," or gap.lstrip().startswith(",")
            if comma and "\n" not in gap and len(gap) < 90 and _VERB.search(gap):
                first = out[-1]
                out[-1] = _Raw(first.start, raw.end, first.open_at, raw.close_at, gap=(first.close_at, raw.open_at),
                               parts=(first.parts or [(first.start, first.end)]) + [(raw.start, raw.end)])
                continue
        out.append(raw)
    return out


def _after(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The speaker phrase in an attribution that follows a quote: ", he said", "said Smith, the ...",
    "Smith said", "…, says Smith", ", according to X"."""
    segment = text[start:end]
    lead = re.match(r"^[\s,;:]*", segment).end()
    body = segment[lead:]
    according = re.match(r"according\s+to\s+(?P<who>[^,.;:!?\"“”]{1,80})", body, re.IGNORECASE)
    if according:
        return according.group("who").strip(), start + lead + according.start("who")
    verb = _VERB.search(body[:140])
    if not verb:
        return None
    before = body[:verb.start()].strip()
    continuation = before.endswith(",") and not (before[0].isupper() or _DETERMINER.match(before))
    if not before or continuation:               # "said Smith, the commander." / "… as well as X, says Smith."
        who = re.match(r"\s*([^,.;:!?\"“”]{1,80}?)\s*(?:,|\.|;|!|\?|$)", body[verb.end():])
        if who and who.group(1):
            # "said another former pilot, Germain Chambort, in an interview": the name after the description
            named = re.match(r"\s*,\s*((?:[A-Z][\w.'’-]*\s?){1,4})\s*(?:,|\.|;|$)", body[verb.end() + who.end() - 1:])
            if named and _DETERMINER.match(who.group(1).strip()):
                return f"{who.group(1).strip()}, {named.group(1).strip()}", start + lead + verb.end() + who.start(1)
            return who.group(1).strip(), start + lead + verb.end() + who.start(1)
        return None
    if re.search(r"[.!?]\s+[A-Z]", before) and not re.search(r"\b[A-Z]\.\s", before):   # a new sentence
        return None
    return _AUXILIARY.sub("", before.rstrip(" ,")), start + lead


def _before(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The speaker phrase before a quote: "Smith said:", "He told AFP that ", "According to X, "."""
    segment = text[start:end]
    according = re.search(r"according\s+to\s+(?P<who>[^,.;:!?\"“”]{1,80}),\s*$", segment, re.IGNORECASE)
    if according:
        return according.group("who").strip(), start + according.start("who")
    verbs = list(_VERB.finditer(segment))
    if not verbs:
        verbs = list(_OBJECT_VERBS.finditer(segment))
        if not verbs or len(segment[:verbs[-1].start()].split()) > 8:
            return None
    verb = verbs[-1]
    rest = segment[verb.end():]
    if not re.fullmatch(r"(?:\s+[\w.'’-]+){0,6}\s*[:,]?\s*(?:that\s*)?", rest):
        return None
    return _AUXILIARY.sub("", segment[:verb.start()].strip()), start


# ------------------------------------------------------------------------------------------ indirect speech


def _indirect(text: str, sentence: Span) -> _Raw | None:
    """A sentence of indirect speech, as content span and speaker phrase (in `speaker` until resolved)."""
    s = text[sentence.start:sentence.end]
    body_end = len(s.rstrip(" .!?\n\"”'"))

    dateline = _DATELINE.match(s)
    if dateline:       # "DAR ES SALAAM, Tanzania (AP) _ Investigators ... said"
        return _indirect(text, Span(start=sentence.start + dateline.end(), end=sentence.end))

    def raw(start: int, end: int, who: str, who_at: int) -> _Raw | None:
        found = _Raw(sentence.start + start, sentence.start + end, sentence.start + who_at, sentence.start + who_at)
        found.speaker = who.strip()
        return _trim(text, found) if _subject_like(_last_clause(found.speaker)) else None

    according = _ACCORDING.search(s)
    if according:
        who = re.match(r"[^,.;:!?\"“”]{1,80}", s[according.end():])
        if who:
            name = re.split(r"\s+(?:that|who|which)\s+", who.group(0))[0]
            if according.start() < 3:                 # "According to X, content."
                found = _Raw(sentence.start + according.end() + who.end() + 1, sentence.start + body_end,
                             sentence.start + according.end(), sentence.start + according.end())
            else:                                     # "content, according to X."
                found = _Raw(sentence.start, sentence.start + according.start(), sentence.start + according.end(),
                             sentence.start + according.end())
            found.speaker = name.strip()
            return _trim(text, found)
    parenthetical = _PARENTHETICAL.search(s[:body_end])
    if parenthetical and parenthetical.start() > 8:   # "But that, a former pilot said, would not explain ..."
        found = _Raw(sentence.start, sentence.start + body_end, sentence.start + parenthetical.start("who"),
                     sentence.start + parenthetical.start("who"))
        found.speaker = parenthetical.group("who")
        if _subject_like(found.speaker):
            return _trim(text, found)
    for verb in _VERB.finditer(s[:body_end]):
        before, after = s[:verb.start()], s[verb.end():body_end]
        tail = _LISTENER_TAIL if verb.group(0) in _LISTENER_VERBS else _TAIL
        rest_at = verb.end() + tail.match(after).end()
        if verb.group(0).startswith(("quoted", "is quoted", "was quoted")):      # "X quoted Y as saying ..."
            middle = re.match(r"(?:is |was )?quoted\s+(.+?)\s+as\s+saying", verb.group(0))
            if middle and rest_at < body_end - 10:
                return raw(rest_at, body_end, middle.group(1), verb.start() + middle.start(1))
            continue
        if verb.group(0) == "saying" and before.rstrip().endswith(",") and rest_at < body_end - 10:
            found = _Raw(sentence.start + rest_at, sentence.start + body_end, sentence.start, sentence.start)
            found.speaker = _main_subject(before.rstrip(" ,"))     # "Putin was cautious, saying ..."
            return _trim(text, found)
        if verb.group(0) == "saying":
            continue
        if verb.group(0) in _THAT_VERBS and not re.match(r"\s+that\b", s[verb.end():]):
            continue
        rest = s[rest_at:body_end].strip()
        if before.rstrip().endswith(",") and len(rest.split()) <= 10 and not _CLAUSE_VERB.search(rest) \
                and (rest[:1].isupper() or _DETERMINER.match(rest)) and len(before) > 15:
            return raw(0, len(before.rstrip()) - 1, rest.split(",")[0], rest_at)   # "content, said the Observatory."
        if len(rest.split()) >= 4 and not rest.startswith((",", ".")):
            who = _AUXILIARY.sub("", before.rstrip(" ,"))          # "X (, the commander,) said (that) content"
            if who and not who.endswith((".", ":")):
                found = raw(rest_at, body_end, who, 0)
                if found:
                    return found
            continue
        head = before.rstrip()
        after_name = re.match(r"\s*([^,.;:!?\"“”]{1,80})", s[verb.end():body_end])
        if head.endswith(",") and after_name and (after_name.group(1).strip()[:1].isupper()
                                                  or _DETERMINER.match(after_name.group(1).strip())):
            if len(head) > 15:                                     # "content, said the ministry."
                return raw(0, len(head) - 1, after_name.group(1), verb.end() + after_name.start(1))
            continue
        split = _speaker_clauses(head.rstrip(" ,"))                  # "content, the ministry said (on Friday)."
        if split is not None and split > 12:
            found = raw(0, split, _AUXILIARY.sub("", head[split:].strip(" ,")), split + 2)
            if found:
                return found
    return None


def _only_attribution(part: str) -> bool:
    """The words after a quote are its attribution and nothing more: ", Rahman, head of the Observatory,
    told AFP on Saturday." (not "He said the three informants had ...")."""
    verb = _VERB.search(part)
    if verb is None or len(part[:verb.start()].split()) > 12:
        return False
    after = part[verb.end():].strip()
    return (len(after.split()) <= 8 and not _CLAUSE_VERB.search(after)) or \
        bool(re.match(r"(?:in|on|at|from|during|after|before|while|to|via)\b", after))


_SPEECH_VERBS = _VERBS.split("|saying")[0]       # the verbs without the "quoted ... as saying" forms
_PARENTHETICAL = re.compile(rf",\s+(?P<who>[^,]{{2,60}}?)\s+(?:{_SPEECH_VERBS})(?:\s+\w+day)?,\s+(?=[a-z])")


def _main_subject(clause: str) -> str:
    """The subject of a main clause, near enough: the words before its first verb-like word
    ("Iraq's premier dismissed the offer" -> "Iraq's premier")."""
    last = re.split(r",\s+|\s+and\s+(?=[a-z])", clause)[-1]
    verb = re.search(r"\s(?:[a-z]{2,}ed|is|was|were|are|has|have|had)\b", last)
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
        if not clause or len(clause.split()) > 10 or _CLAUSE_VERB.search(clause) or _NOT_SPEAKER.match(clause):
            return split
        split, position = comma, comma


_DATELINE = re.compile(r"^[^\n]{2,80}?(?:\([A-Za-z]+\)\s*(?:_|--|-|—|–)|\s(?:_|--)\s)\s*")
_INTRODUCTORY = re.compile(r"^(?:in|on|at|after|before|since|during|despite|with|without|for|from|by|as|"
                           r"while|when|although|though|if|earlier|later|meanwhile|speaking|keeping|asked|"
                           r"[a-z]+ing\b|armed|faced|backed)\b", re.IGNORECASE)


def _subject_of(clause: str) -> str:
    """A clause as a speaker phrase: no conjunction first, no relative clause after ("Committee sources
    who spoke on condition of anonymity" -> "Committee sources"; "an official report that" -> "an official
    report")."""
    clause = _CONJUNCTION.sub("", clause.strip())
    clause = re.split(r"\s+(?:who|which|whose)\s+", clause)[0]
    if _RELATIVE.search(clause):                # "...release of an official report that said"
        words = _RELATIVE.sub("", clause).split()
        tail = words[-4:]
        for j, w in enumerate(tail):
            if w.lower() in ("the", "a", "an"):
                tail = tail[j:]
                break
        clause = " ".join(tail)
    return clause.strip()


_AUXILIARY = re.compile(r"(?:\s+(?:has|have|had|would|will|also|later|then|earlier|already|again|previously|"
                        r"repeatedly|often|once|on\s+\w+day|yesterday|today|late\s+\w+|in\s+a\s+statement))+$",
                        re.IGNORECASE)


def _content_first(before: str, clause_start: int) -> bool:
    """"It will take a week, the minister said": the words before the last comma are the content."""
    return clause_start > 12 and not _VERB.search(before[:clause_start])


def _last_clause(who: str) -> str:
    return re.split(r",\s*", who)[-1] if "," in who else who


def _subject_like(who: str) -> bool:
    """Words that can be the subject of "said": short, not a clause of their own."""
    who = _CONJUNCTION.sub("", _last_clause(who.strip()).strip())
    words = who.split()
    return 0 < len(words) <= 16 and not _NOT_SPEAKER.match(who) and not _CLAUSE_VERB.search(_last_clause(who))


def _trim(text: str, raw: _Raw) -> _Raw | None:
    while raw.start < raw.end and text[raw.start] in " ,;:\"“`'":
        raw.start += 1
    while raw.end > raw.start and text[raw.end - 1] in " ,;.\"”'":
        raw.end -= 1
    return raw if len(text[raw.start:raw.end].split()) >= 3 else None


# ------------------------------------------------------------------------------------------ speakers


class _Speakers:
    def __init__(self, text: str, mentions: list[Mention], names: dict[int, str], kinds: dict[int, str]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.names = names
        self.kinds = kinds
        self.nominals: list[str] = []       # speakers named by a description, in order
        self._genders: dict[int, str | None] = {}

    def name_of(self, m: Mention) -> str:
        return self.names.get(m.start, m.name)

    def resolve(self, who: str | None, at: int, previous: _Raw | None) -> tuple[str | None, Mention | None]:
        """The speaker a phrase names. From the clause next to the verb back: a pronoun or a name is the
        speaker; a description is, unless it is an appositive after a name ("Smith, the commander,
        said"); introductory clauses ("In one incident, he said") are passed over."""
        if not who:
            return None, None
        offset = at if self.text[at:at + len(who)] == who else self.text.find(who, max(0, at - 300))
        base = offset if offset >= 0 else at
        clauses = [(base + m.start(), m.group(0)) for m in re.finditer(r"[^,;]+", who)]
        clauses = [(a + len(c) - len(c.lstrip()), _subject_of(c), bool(_CONJUNCTION.match(c.strip())))
                   for a, c in clauses]
        clauses = [t for t in clauses if t[1] and not re.match(r"(?:who|which|whose|that|where)\b", t[1], re.I)]
        description: tuple[str | None, Mention | None] | None = None
        for i in range(len(clauses) - 1, -1, -1):
            clause_at, clause, after_conjunction = clauses[i]
            pronoun = _PRONOUNS.get(clause.lower())
            if pronoun:
                return self._pronoun(pronoun, at, previous)
            named = self._named(clause, clause_at)
            if named is not None:
                return self.name_of(named), named
            if _INTRODUCTORY.match(clause) and description is not None:
                break
            holder = self._role_holder(clause, at) or self._organisation(clause, at)
            bare = _DETERMINER.sub("", clause)
            if len(bare.split()) > 8:      # "Investigators in the Aug. 7 bombing of the American Embassy ..."
                bare = re.split(r"\s+(?:in|of|for|from|at|with|on|who|which)\s+", bare)[0]
            description = (self.name_of(holder), holder) if holder else \
                (self._earlier_nominal(clause) or (bare if len(bare.split()) <= 8 else None), None)
            if after_conjunction or i == 0 or not (_DETERMINER.match(clause) or clause[0].islower()):
                break
            before_at, before, _c = clauses[i - 1]
            subject_before = before[0].isupper() and not _INTRODUCTORY.match(before) \
                and not _NOT_SPEAKER.match(before) and not _CLAUSE_VERB.search(before)
            if not (self._named(before, before_at) or subject_before):
                break           # not an appositive: this description is the subject
        if description and description[1] is None and description[0]:
            self.nominals.append(description[0])
        return description or (None, None)

    def _earlier_nominal(self, clause: str) -> str | None:
        """"the official" after "a senior US State Department official said": the same speaker."""
        words = clause.lower().split()
        if len(words) != 2 or words[0] != "the":
            return None
        return next((n for n in reversed(self.nominals) if n.lower().split()[-1] == words[1]), None)

    def _named(self, clause: str, at: int) -> Mention | None:
        """The entity a clause names when the name is its head: "U.S. Ambassador John Maisto", "DEA
        spokeswoman Violet Szeleczky", "the Observatory monitoring group"; not "Pilots experienced with the
        Boeing 767", "Dr Murray's lawyer" or "the Navy press service", which describe someone else."""
        end = at + len(clause)
        inside = [m for m in self.mentions if at <= m.start < end]
        if not inside:
            return self._by_name(clause) if not _DETERMINER.match(clause) and clause[0].isupper() else None
        last, first = inside[-1], inside[0]
        person = self.kinds.get(last.start, last.type) == "PERSON" and " " in last.name
        if not self.text[last.end:end].strip() and (person or not _PREPOSITION.search(self.text[at:last.start])):
            return last      # the name closes the clause ("director of investigation Rajabi Adadi"),
            #                  unless it is an organisation after a preposition ("head of the Observatory")
        lead = self.text[at:first.start].split()
        if lead and lead[0].lower() in ("the", "a", "an"):
            lead = lead[1:]
        rest = self.text[first.end:end].strip()
        if all(w[0].isupper() or w.rstrip(".").lower() in TITLES for w in lead) and (
                _ORGANISATION_TAIL.fullmatch(rest) or (self.kinds.get(first.start, first.type) == "PERSON"
                                                       and re.match(r"(?:of|from|at|with)\b", rest))):
            return first      # "the Observatory monitoring group", "General Yarallah of the Joint Command"
        return None

    def _pronoun(self, kind: str, at: int, previous: _Raw | None) -> tuple[str | None, Mention | None]:
        if kind == "SELF":
            return None, None
        if previous is not None and previous.speaker and at - previous.close_at < 700 and \
                not self._other_gender(previous.mention, kind):
            if previous.mention:
                previous_kind = self.kinds.get(previous.mention.start, previous.mention.type)
            else:     # "Iraq's premier", "a senior official": a person; "police", "the ministry": not
                previous_kind = "PERSON" if role_head(previous.speaker) in _PERSON_NOUNS or \
                    _PROPER_NAME.fullmatch(previous.speaker) else "NOMINAL"
            if (kind in ("PERSON", "FEMALE", "MALE")) == (previous_kind == "PERSON"):
                return previous.speaker, previous.mention
        wanted = ("PERSON",) if kind in ("PERSON", "FEMALE", "MALE") else ("ORG", "GROUP")
        before = [m for m in self.mentions if m.end <= at and self.kinds.get(m.start, m.type) in wanted
                  and not self._other_gender(m, kind)]
        if before:
            return self.name_of(before[-1]), before[-1]
        return None, None

    def _other_gender(self, m: Mention | None, kind: str) -> bool:
        """True when the text says the person is not what the pronoun says ("she" and "Mr Smith")."""
        return kind in _OTHER and self._gender(m) == _OTHER[kind]

    def _gender(self, m: Mention | None) -> str | None:
        """FEMALE, MALE or None (not known), from the words the article puts around a person's name."""
        if m is None:
            return None
        if m.start not in self._genders:
            context = " ".join([self.text[max(0, m.start - 30):m.start], m.role or ""])
            female, male = bool(_FEMALE.search(context)), bool(_MALE.search(context))
            self._genders[m.start] = "FEMALE" if female and not male else "MALE" if male and not female else None
            if self._genders[m.start] is None:     # another mention of the same entity may say it
                name = self.names.get(m.start, m.name)
                for other in self.mentions:
                    if other.start != m.start and self.names.get(other.start, other.name) == name and \
                            other.start in self._genders and self._genders[other.start]:
                        self._genders[m.start] = self._genders[other.start]
                        break
        return self._genders[m.start]

    def _by_name(self, name: str) -> Mention | None:
        """A name the NER missed here but found elsewhere: "Nachman" -> Ron Nachman; one letter off
        ("Nahcman", "McClean") is a misspelling of the same name."""
        key = surname_key(name)
        if not key or len(name.split()) > 4:
            return None
        people = sorted((m for m in self.mentions if len(m.name.split()) > 1 or m.type == "PERSON"),
                        key=lambda m: self.kinds.get(m.start, m.type) != "PERSON")      # people first
        exact = next((m for m in people if surname_key(m.name) == key), None)
        if exact is None and " " not in name.strip():      # "Zhu" for Zhu Muzhi: family name first
            exact = next((m for m in people if self.kinds.get(m.start, m.type) == "PERSON"
                          and person_key(m.name).split(" ")[0] == key), None)
        if exact or len(key) < 5:
            return exact
        return next((m for m in people if SequenceMatcher(None, surname_key(m.name), key).ratio() >= 0.8
                     and surname_key(m.name)[:1] == key[:1]), None)

    def _organisation(self, description: str, at: int) -> Mention | None:
        """"the group", "the ministry" -> the organisation last named with that word, or for a generic
        word ("the group", "the company") the organisation last named."""
        words = re.findall(r"[a-z]+", _DETERMINER.sub("", description).lower())
        if not words or words[-1] not in _ORGANISATION_WORDS or len(words) > 3:
            return None
        before = [m for m in self.mentions if m.end <= at and m.type in ("ORG", "GROUP")]
        for m in reversed(before):
            if words[-1] in m.name.lower():
                return m
        return before[-1] if before and len(words) == 1 and words[0] in _GENERIC_ORGANISATIONS else None

    def _role_holder(self, description: str, at: int = 0) -> Mention | None:
        """"the chairman of the board" -> the person the article calls chairman: a singular description
        whose head noun is the head of the person's role ("former top Communist Party member" and "a
        member of an advisory commission")."""
        head = role_head(description)
        if not head or (head.endswith("s") and not head.endswith("ss")) or head in _NOT_ROLES:
            return None
        if _INDEFINITE.match(description) and at > _LEAD_CHARS:
            return None          # "a former pilot" mid-story is someone not named; in the lead ("a former
            #                      party official said") it is the person the story names further down
        possessor = re.match(r"(.+?)\s?(?:'s|’s)\s", description)
        holders = [m for m in self.mentions if m.role and self.kinds.get(m.start, m.type) == "PERSON"
                   and role_head(m.role) == head
                   and (not possessor or possessor.group(1).split()[-1].lower() in m.role.lower())]
        return holders[0] if holders else None


_RANKS = {"general", "gen", "colonel", "col", "major", "captain", "lieutenant", "lt", "sergeant", "brigadier",
          "admiral", "marshal"}


def role_head(phrase: str) -> str:
    """The noun a role is about: the last word before "of", "on" or "for", ranks aside ("operation's
    commander" -> commander; "head of the Observatory" -> head; "JOC spokesman General" -> spokesman;
    "Prime Minister" and "premier" -> prime)."""
    words = re.findall(r"[A-Za-z]+", re.split(r"\s+(?:of|on|for|to|at|in|with)\s+", phrase.strip())[0].lower())
    while len(words) > 1 and words[-1] in _RANKS:
        words.pop()
    head = "prime" if "prime" in words else words[-1] if words else ""
    return _SAME_ROLE.get(head, head)

