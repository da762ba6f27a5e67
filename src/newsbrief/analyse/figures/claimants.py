"""Who claims a figure. The quotes already say who said what; a figure also has claim verbs of its own
("put the toll at", "gave the number as", "estimated", "listed", "concluded") and attributions that come
after it ("..., Nile News said"). In order:

1. the quote (direct or reported) that holds the figure: its speaker, named as the entity it mentions;
2. a claim verb before the figure in its sentence, its subject the nearest name or nominal group before
   the verb ("SANA also reported ..., giving a toll of 20 dead"; "The UN estimated in January that ...");
3. an attribution after it in the sentence ("..., Nile News said"; "..., according to the ministry").
Otherwise nobody: the article states the figure on its own authority.
"""
from __future__ import annotations

import re

from newsbrief.analyse.people.mentions import Mention
from newsbrief.model import Citation, Quote, Span

VERBS = (r"said|says|say|reported|reports|report|estimated|estimates|estimate|put|puts|gave|gives|listed|lists"
         r"|concluded|counted|counts|recorded|records|announced|announces|confirmed|confirms|told|tells|added"
         r"|stated|states|registered|cited|quoted|noted|revealed|showed|shows|found|tallied|called for|urged|pledged"
         r"|promised|expects|expected|forecast|predicted|described|warned|did say")
_VERB = re.compile(rf"\b(?:{VERBS})\b")
# A nominal claimant with no name: "police", "UN observers", "state officials", "military sources"
_NOMINAL = re.compile(r"((?:[A-Z][\w.-]*\s+|[a-z]+\s+){0,2}(?:officials?|police|observers|activists|sources|"
                      r"authorities|investigators|spokes(?:man|woman|person)|witnesses|residents|doctors|"
                      r"medics|rescuers|monitors?|group|agency|ministry|government|army|military|statement|"
                      r"report|newspaper|television|radio|organi[sz]ation|officer|commander|minister|protection|services|"
                      r"department|office|council|authority))\s*$")
_PROPER = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,5})$")
PREPOSITIONS = frozenset("in on at by of from since until during for to into with".split())   # "in May claimed"
NOT_CLAIMANTS = frozenset("""a an the in on at of but and it he she they we i you this that these those his her their
its there here monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december""".split())
_DOCUMENT = re.compile(r"^(?:the |a |an )?(?:statement|report|communiqu[ée]|press release|bulletin)"
                       r"(?:\s+(?:released|issued|published|sent)\s+by\s+(?:the\s+)?(?P<by>.+))?$", re.I)
_BETWEEN = re.compile(r"^(?:\s*(?:also|earlier|later|again|on \w+|in \w+|last \w+|this \w+|earlier this \w+"
                      r"|-LRB-.*?-RRB-|\(.*?\)|,\s*(?:who|whose|which|the|a|an)\b[^,]{0,90},)\s*)*$")
# ("X, whose volunteers ..., put the toll at"; "Rajabu, the head of the task force, said")
PRONOUNS = frozenset("he she they it".split())


def claimant(article: str, text: str, sentence: Span, at: int, quotes: list[Quote], mentions: list[Mention],
             names: dict[int, str]) -> tuple[str | None, Citation | None]:
    """(the claimant's name, where the text names it) for the figure at `at` in article `article`.
    `names` maps a mention's start to its entity's name in this article."""
    name, mention = _found(article, text, sentence, at, quotes, mentions, names)
    return _settled(article, name, mention, at, quotes, mentions, names)


def _settled(article: str, name: str | None, mention: Citation | None, at: int, quotes: list[Quote],
             mentions: list[Mention], names: dict[int, str]) -> tuple[str | None, Citation | None]:
    """A claimant as a reader would name it: no stray words, a document as whoever issued it ("the
    statement said" is the ministry's), a description as the organisation the article names that way
    ("a human rights group" is the Information Center of Human Rights)."""
    if not name:
        return None, None
    if mention is None:
        name = re.sub(r"\s+[a-z]+ing\b.*$", "", name.strip()) or name      # "coalition fighting it"
        if name.lower() in NOT_CLAIMANTS or name.split()[-1].lower() in NOT_CLAIMANTS:
            return None, None
    document = _DOCUMENT.match(name)
    if document:
        return _issuer(article, document, at, quotes, mentions, names) or (name, mention)
    if mention is None and " " not in name and name.islower() and not _NOMINAL.search(name):
        return None, None                  # a stray word read as a speaker ("plan")
    if mention is None and name[:1].islower() and len(name.split()) >= 2:
        described = _described(name, mentions, names)
        if described:
            return described[0], Citation(article, described[1].start, described[1].end)
    return name, mention


def _issuer(article: str, document: re.Match, at: int, quotes: list[Quote], mentions: list[Mention],
            names: dict[int, str]) -> tuple[str, Citation] | None:
    """Who issued a statement or report: the one it is "released by", else the last named speaker or
    organisation before it ("al-Qaida in Iraq claimed responsibility. "...", the statement said")."""
    if document.group("by"):
        first = document.group("by").split()[0]
        for m in mentions:
            if m.name.startswith(first) or m.text.startswith(first):
                return names.get(m.start, m.name), Citation(article, m.start, m.end)
    for q in sorted(quotes, key=lambda q: -q.citation.start):
        if q.citation.start < at and q.speaker:
            earlier = _DOCUMENT.match(q.speaker)
            if earlier and earlier.group("by"):
                return _issuer(article, earlier, at, [], mentions, names)
            if not earlier and q.speaker_mention:
                return _named(article, q, mentions, names)
    organisations = [m for m in mentions if m.type != "PERSON" and m.end <= at]
    if organisations:
        m = organisations[-1]
        return names.get(m.start, m.name), Citation(article, m.start, m.end)
    return None


# Words too common in organisations' names to tell which one a description means
GENERIC = frozenset("""the a an top senior local state federal national government official officials city county
regional provincial military public new international health security""".split())


def _described(nominal: str, mentions: list[Mention], names: dict[int, str]) -> tuple[str, Mention] | None:
    """The one organisation whose name shares a word with the description, head noun aside."""
    words = {w.rstrip("s") for w in re.findall(r"[a-z]+", nominal.lower())[:-1]} - GENERIC
    found = {}
    for m in mentions:
        if m.type != "PERSON":
            name = names.get(m.start, m.name)
            if words & {w.rstrip("s") for w in re.findall(r"[a-z]+", name.lower())}:
                found.setdefault(name, m)
    return next(iter(found.items())) if len(found) == 1 else None


def _found(article: str, text: str, sentence: Span, at: int, quotes: list[Quote], mentions: list[Mention],
           names: dict[int, str]) -> tuple[str | None, Citation | None]:
    holder = next((q for q in quotes if q.citation.start <= at < q.citation.end and q.speaker), None)
    # the nearest claim verb before the figure, inside the quote too: "Residents said ... UN observers say
    # at least 108 people died" is the observers' figure
    start = max(sentence.start, holder.citation.start) if holder else sentence.start
    for verb in reversed(list(_VERB.finditer(text, start, at))):
        found = _subject(article, text, start, verb.start(), mentions, names, quotes)
        if found:
            return found
    if holder:
        return _named(article, holder, mentions, names)
    after = re.search(rf"(?:,|\s--)\s+(?!while|whereas|but|and)(.{{2,80}}?)\s+(?:{VERBS})\b"
                      rf"|according to\s+(?:the\s+)?([^,.;]{{2,80}})", text[at:sentence.end])
    if after:
        start = at + (after.start(1) if after.group(1) else after.start(2))
        end = at + (after.end(1) if after.group(1) else after.end(2))
        inside = [m for m in mentions if start <= m.start < end]
        if inside:
            m = inside[0]
            return names.get(m.start, m.name), Citation(article, m.start, m.end)
        words = text[start:end].split()
        if words and len(words) <= 5 and _NOMINAL.search(text[start:end]):
            return re.sub(r"^(?:the|a|an)\s+", "", text[start:end].strip(), flags=re.I), None
    return None, None


def _named(article: str, quote: Quote, mentions: list[Mention], names: dict[int, str]) -> tuple[str, Citation | None]:
    """A quote's speaker as the entity it mentions. A speaker read from the text with no mention may
    carry words after the name ("Pillay voiced concern about"): the mention it starts with names it."""
    m = quote.speaker_mention
    if m:
        return names.get(m.start, quote.speaker), m
    for mention in mentions:
        if len(mention.text) > 2 and quote.speaker.startswith(mention.text + " "):
            return names.get(mention.start, mention.name), Citation(article, mention.start, mention.end)
    name = re.match(rf"((?:[A-Z][\w.'’-]*\s)+)(?:[a-z]+ed|{VERBS}|voiced|urged|warned)\b", quote.speaker + " ")
    return (name.group(1).strip() if name else quote.speaker), None


def _subject(article: str, text: str, sentence_start: int, verb_at: int, mentions: list[Mention],
             names: dict[int, str], quotes: list[Quote]) -> tuple[str, Citation | None] | None:
    """The name or nominal group right before a claim verb, allowing "also", "on Monday" between."""
    for m in sorted(mentions, key=lambda m: -m.end):
        if sentence_start <= m.start and m.end <= verb_at and _BETWEEN.match(text[m.end:verb_at]):
            return names.get(m.start, m.name), Citation(article, m.start, m.end)
    pronoun = re.search(r"\b(he|she|they)\s+$", text[sentence_start:verb_at], re.I)
    if pronoun:                     # "he did say that two of ...": the last speaker named before
        for q in sorted(quotes, key=lambda q: -q.citation.start):
            if q.citation.start < verb_at and q.speaker_mention and q.speaker_mention.start < verb_at:
                return _named(article, q, mentions, names)
        return None
    for pattern in (_NOMINAL, _PROPER):
        found = pattern.search(text, sentence_start, verb_at)
        word_before = text[max(sentence_start, found.start() - 12):found.start()].split()[-1:] if found else []
        if found and pattern is _PROPER and word_before and word_before[0].lower() in PREPOSITIONS:
            continue
        if found and _BETWEEN.match(text[found.end():verb_at]):
            phrase = re.sub(r"^(?:the|a|an|but|and|while)\s+", "", found.group(1).strip(), flags=re.I)
            if phrase and phrase.split()[-1].lower() not in NOT_CLAIMANTS:
                return phrase, None
    return None
