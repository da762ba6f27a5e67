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

The modules, in the order the data flows: direct.py finds the quotes in marks and reads their
attributions, indirect.py finds reported speech, speakers.py resolves each speaker phrase to an entity;
vocabulary.py holds the word lists they share, raw.py a quote as found before its speaker is resolved.
"""
from __future__ import annotations

from bisect import bisect_right

from newsbrief.analyse.people.mentions import Mention
from newsbrief.analyse.people.quotes.direct import attribute, direct_quotes, merge_split
from newsbrief.analyse.people.quotes.indirect import indirect_quotes
from newsbrief.analyse.people.quotes.raw import Raw
from newsbrief.analyse.people.quotes.speakers import Speakers, misread_clause, plausible_speaker, role_head
from newsbrief.model import Citation, Quote, Span

__all__ = ["find_quotes", "plausible_speaker", "role_head"]


def find_quotes(article_id: str, text: str, sentences: list[Span], mentions: list[Mention],
                names: dict[int, str], kinds: dict[int, str] | None = None) -> list[Quote]:
    """Quotes of one article. `names` and `kinds` map a mention's start to its entity's name and type
    (after merging: "Observatory", tagged PERSON by the NER, is the Syrian Observatory, an ORG)."""
    speakers = Speakers(text, mentions, names, kinds or {})
    starts = [s.start for s in sentences]

    def sentence_of(offset: int) -> Span:
        i = max(0, bisect_right(starts, offset) - 1)
        return sentences[i] if sentences else Span(start=0, end=len(text))

    direct = merge_split(text, direct_quotes(text))
    indirect = indirect_quotes(text, sentences, direct)
    # Speakers in reading order, so that "he added" can follow either kind of quote.
    previous: Raw | None = None
    reported = {id(r) for r in indirect}
    misread = set()
    for raw in sorted(direct + indirect, key=lambda r: min(r.open_at, r.start)):
        if id(raw) in reported:
            raw.speaker, raw.mention = speakers.resolve(raw.speaker, raw.open_at, previous)
        else:
            attribute(raw, text, sentence_of, speakers, previous)
        if raw.speaker and raw.mention is None and not plausible_speaker(raw.speaker):
            # not someone who speaks ("Downstream", "67"): the quote stays, unattributed; but "reported
            # speech" whose speaker is a clause of its own was a sentence read wrong
            if id(raw) in reported and misread_clause(raw.speaker):
                misread.add(id(raw))
            raw.speaker = None
        previous = raw
    kept = [r for r in direct + indirect if id(r) not in misread]
    return [_quote(article_id, text, r) for r in sorted(kept, key=lambda r: r.start)]


def _quote(article_id: str, text: str, raw: Raw) -> Quote:
    mention = raw.mention
    # a split quote reads as its words, the attribution between them left out: "… ," he said, "…"
    words = " … ".join(text[a:b].strip() for a, b in raw.parts) if raw.parts else text[raw.start:raw.end].strip()
    return Quote(text=words, speaker=raw.speaker,
                 citation=Citation(article=article_id, start=raw.start, end=raw.end),
                 speaker_mention=Citation(article=article_id, start=mention.start, end=mention.end)
                 if mention else None)
