"""People, organisations and groups: mentions with roles (mentions.py), merged by alias (merge.py),
and what they said (quotes/)."""
from __future__ import annotations

from newsbrief.analyse.nlp import Name
from newsbrief.analyse.people.mentions import Mention, find_mentions
from newsbrief.analyse.people.merge import merge, merge_groups
from newsbrief.analyse.people.quotes import find_quotes
from newsbrief.model import Entity, Quote, Span

__all__ = ["Mention", "find_mentions", "merge", "find_quotes", "people_and_quotes"]


def people_and_quotes(article_id: str, text: str, sentences: list[Span], names: list[Name],
                      places: list[tuple[int, int]]) -> tuple[list[Entity], list[Quote], list[Mention]]:
    """The article's entities (merged within it), its quotes with speakers, and the raw mentions."""
    mentions = find_mentions(text, names, places)
    groups = merge_groups([(article_id, m) for m in mentions])
    entities = [entity for entity, _members in groups]
    canonical = {m.start: entity.name for entity, members in groups for _a, m in members}
    kinds = {m.start: entity.type for entity, members in groups for _a, m in members}
    return entities, find_quotes(article_id, text, sentences, mentions, canonical, kinds), mentions
