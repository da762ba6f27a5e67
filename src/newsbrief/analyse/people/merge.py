"""Mentions of one entity, across one article or a whole story, merged into one Entity.

In order: the alias table; full names by their folded key; a surname alone joins the one full name it
ends ("Abadi"); an acronym joins the name it abbreviates ("SOHR"); a one-word name joins the organisation
it heads ("the Observatory"). The entity takes its fullest name, the other forms as aliases, and the role
the text states most often.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsbrief.analyse.people.mentions import Mention
from newsbrief.analyse.people.names import (acronym, canonical_alias, first_word, head_word, organisation_key,
                                            person_key, surname_key)
from newsbrief.gazetteer.names import fold
from newsbrief.model import Citation, Entity

_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")


def merge(mentions: list[tuple[str, Mention]]) -> list[Entity]:
    """(article id, mention) pairs -> entities, most mentioned first."""
    return [entity for entity, _members in merge_groups(mentions)]


def merge_groups(mentions: list[tuple[str, Mention]]) -> list[tuple[Entity, list[tuple[str, Mention]]]]:
    """The entities with the mentions each was merged from."""
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for article, m in mentions:
        groups[_key(m)].append((article, m))
    surnames = _surname_targets(groups)
    surnames.update({"org:" + k[7:]: v for k, v in surnames.items()})   # NER calls some surnames ORG
    _attach(groups, surnames, lambda key: key.startswith(("person:", "org:")) and " " not in key.split(":", 1)[1])
    _attach(groups, _organisation_targets(groups), lambda key: key.startswith(("org:", "person:"))
            and " " not in key.split(":", 1)[1])
    entities = [(_entity(key, members), members) for key, members in groups.items()]
    return sorted(entities, key=lambda t: (-len(t[0].mentions), t[0].name))


def _key(m: Mention) -> str:
    known = canonical_alias(m.name)
    if known:
        return f"alias:{known[0]}"
    if m.type == "PERSON":
        return f"person:{person_key(m.name)}"
    return f"org:{organisation_key(m.name)}"


def _surname_targets(groups) -> dict[str, str]:
    """A surname -> the one full name that ends with it (the most mentioned one when several do)."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if key.startswith("person:") and " " in key[7:]:
            by_surname[surname_key(key[7:])].append(key)
    return {f"person:{surname}": max(keys, key=lambda k: len(groups[k])) for surname, keys in by_surname.items()}


def _organisation_targets(groups) -> dict[str, str]:
    """An acronym or a head word -> the organisation it names, when only one fits."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, members in groups.items():
        if key.startswith("person:"):
            continue
        name = members[0][1].name if not key.startswith("alias:") else key[6:]
        if " " not in name:
            continue
        if acronym(name):
            found[acronym(name).lower()].add(key)
        found[fold(head_word(name))].add(key)
        if first_word(name):
            found[fold(first_word(name))].add(key)
    out = {}
    for word, keys in found.items():
        if len(keys) == 1:
            target = next(iter(keys))
            out[f"org:{word}"] = out[f"person:{word}"] = target
    return out


def _attach(groups, targets: dict[str, str], applies) -> None:
    for key in list(groups):
        target = targets.get(key)
        if target and target != key and applies(key) and target in groups:
            groups[target].extend(groups.pop(key))


def _entity(key: str, members: list[tuple[str, Mention]]) -> Entity:
    forms = Counter(m.name for _a, m in members)
    types = Counter(m.type for _a, m in members)
    if key.startswith("alias:"):
        name = key[6:]
        kind = canonical_alias(name)[1]
    else:
        # the fullest form, then the most frequent
        name = max(forms, key=lambda f: (len(f.split()) if not _ACRONYM.match(f) else 0, forms[f]))
        kind = "GROUP" if types["GROUP"] else types.most_common(1)[0][0]
    roles = Counter((m.apposed, m.role) for _a, m in members if m.role)
    role = max(roles, key=lambda r: (r[0], roles[r], len(r[1])))[1] if roles else None
    aliases = sorted({m.name for _a, m in members} - {name})
    mentions = sorted((Citation(article=a, start=m.start, end=m.end) for a, m in members),
                      key=lambda c: (c.article, c.start))
    return Entity(name=name, type=kind, aliases=aliases, role=role, mentions=mentions)
