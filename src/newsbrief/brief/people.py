"""The story's people, organisations and groups, merged across articles, and their quotes with the
speaker named as the merged entity ("Abadi" in one article is "Haider al-Abadi" of another)."""
from __future__ import annotations

import re

from newsbrief.analyse.people import merge_groups
from newsbrief.analyse.people.names import canonical_alias
from newsbrief.analyse.people.quotes import plausible_speaker, role_head
from newsbrief.gazetteer.names import fold
from newsbrief.model import Analysis, Entity, Place, Quote


def story_entities(analyses: list[Analysis], places: list[Place]) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """The entities, and (article id, mention start) -> entity name for the quotes' speakers."""
    if not all(getattr(a, "found", None) is not None for a in analyses):
        return [e for a in analyses for e in a.entities], {}
    mentions = [(a.article.id, m) for a in analyses for m in a.found["mentions"]]
    place_names = {fold(n) for p in places for n in [p.name, *p.aliases]}
    lower_words = {w for a in analyses for w in re.findall(r"\b[a-z]+\b", a.article.text)}
    entities, names = [], {}
    for entity, members in merge_groups(mentions):
        # a name the story also uses as a place is the NER mistaking the place ("Rawa" as ORG, "Sibinj and
        # Oriovac" as one organisation)
        parts = [fold(p) for p in re.split(r",\s*|\s+and\s+", entity.name) if p]
        if all(p in place_names for p in parts) and (entity.type != "PERSON" or len(entity.name.split()) == 1
                                                     or len(parts) > 1):
            continue
        if " " not in entity.name and entity.name.lower() in lower_words and not canonical_alias(entity.name):
            continue        # a common word capitalised at a sentence's start ("Schools", "Army")
        entities.append(entity)
        names.update({(article, m.start): entity.name for article, m in members})
    return entities, names


def story_quotes(analyses: list[Analysis], names: dict[tuple[str, int], str],
                 entities: list[Entity] = ()) -> list[Quote]:
    """Every quote once (a syndicated copy repeats it), its speaker named as the story's entity. A speaker
    described only by role ("the operation's commander") becomes the person another article names in that
    role, when exactly one does."""
    holders: dict[str, list[str]] = {}
    for entity in entities:
        if entity.type == "PERSON" and entity.role:
            for key in {fold(entity.role), role_head(entity.role)}:
                holders.setdefault(key, []).append(entity.name)
    seen, out = set(), []
    for analysis in analyses:
        for quote in analysis.quotes:
            key = " ".join(fold(quote.text).split())
            if key in seen:
                continue
            seen.add(key)
            speaker = None
            if quote.speaker_mention is not None:
                speaker = names.get((quote.speaker_mention.article, quote.speaker_mention.start))
            elif quote.speaker:      # the same role word for word, else the same head noun, held by one person
                for key in (fold(quote.speaker), role_head(quote.speaker)):
                    if len(holders.get(key, [])) == 1:
                        speaker = holders[key][0]
                        break
            if speaker:
                quote = Quote(text=quote.text, speaker=speaker, citation=quote.citation,
                              speaker_mention=quote.speaker_mention)
            elif quote.speaker and not plausible_speaker(quote.speaker):
                # a name the story dropped as no entity ("Downstream" tagged by the NER) is no speaker either
                quote = Quote(text=quote.text, speaker=None, citation=quote.citation)
            out.append(quote)
    return out
