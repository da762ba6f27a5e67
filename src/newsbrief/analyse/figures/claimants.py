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
         r"|stated|states|claimed|claims|registered|cited|quoted|noted|revealed|showed|shows|found|tallied")
_VERB = re.compile(rf"\b(?:{VERBS})\b")
# A nominal claimant with no name: "police", "UN observers", "state officials", "military sources"
_NOMINAL = re.compile(r"((?:[A-Z][\w.-]*\s+|[a-z]+\s+){0,2}(?:officials?|police|observers|activists|sources|"
                      r"authorities|investigators|spokes(?:man|woman|person)|witnesses|residents|doctors|"
                      r"medics|rescuers|monitors?|group|agency|ministry|government|army|military|statement|"
                      r"report|newspaper|television|radio|organi[sz]ation|officer|commander|minister|protection|services|"
                      r"department|office|council|authority))\s*$")
_PROPER = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,5})$")
_BETWEEN = re.compile(r"^(?:\s*(?:also|earlier|later|again|on \w+|in \w+|last \w+|this \w+|-LRB-.*?-RRB-|\(.*?\)"
                      r"|,\s*(?:who|whose|which)\b[^,]*,)\s*)*$")   # "X, whose volunteers ..., put the toll at"


def claimant(article: str, text: str, sentence: Span, at: int, quotes: list[Quote], mentions: list[Mention],
             names: dict[int, str]) -> tuple[str | None, Citation | None]:
    """(the claimant's name, where the text names it) for the figure at `at` in article `article`.
    `names` maps a mention's start to its entity's name in this article."""
    for q in quotes:
        if q.citation.start <= at < q.citation.end and q.speaker:
            return _named(article, q, mentions, names)
    before = [v for v in _VERB.finditer(text, sentence.start, at)]
    for verb in reversed(before):
        found = _subject(article, text, sentence.start, verb.start(), mentions, names)
        if found:
            return found
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
             names: dict[int, str]) -> tuple[str, Citation | None] | None:
    """The name or nominal group right before a claim verb, allowing "also", "on Monday" between."""
    for m in sorted(mentions, key=lambda m: -m.end):
        if sentence_start <= m.start and m.end <= verb_at and _BETWEEN.match(text[m.end:verb_at]):
            return names.get(m.start, m.name), Citation(article, m.start, m.end)
    for pattern in (_NOMINAL, _PROPER):
        found = pattern.search(text, sentence_start, verb_at)
        if found and _BETWEEN.match(text[found.end():verb_at]):
            phrase = re.sub(r"^(?:the|a|an|but|and|while)\s+", "", found.group(1).strip(), flags=re.I)
            if phrase and phrase.lower() not in ("it", "he", "she", "they"):
                return phrase, None
    return None
