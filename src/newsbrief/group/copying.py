"""Who copied whom: each article's originality and, for each pair that shares text, a direction where
the evidence allows one.

Evidence, strongest first:
- an agency credit: an article from the agency itself is the source of an article that credits it; two
  articles that credit the same agency ("(AFP)", "told AFP", a dateline "Beirut (AFP)") both carry its copy;
- publication time: the earlier article is the source, when both are dated and the stamps differ at the
  precision both give.
Otherwise the pair shares text with no direction: nothing here guesses.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsbrief.group.passages import Shared
from newsbrief.model import Article, Copying, Source

# The agencies that sell wire copy; a credit to a state agency that is only quoted ("SANA reported")
# does not make an article its copy.
WIRES = ("AFP", "AP", "Reuters", "Associated Press", "Agence France-Presse", "Xinhua", "dpa", "DPA", "EFE",
         "ANSA", "Kyodo", "Bloomberg", "UPI", "PTI", "IANS", "AAP", "Yonhap", "Anadolu", "Interfax", "TASS")
_CANONICAL = {"Associated Press": "AP", "Agence France-Presse": "AFP", "DPA": "dpa"}
_CREDIT = re.compile(
    r"\((?P<a>{w})\)|\b(?:told|to|for|an?)\s+(?P<b>{w})\b(?!-)|\b(?P<c>{w})\s+(?:reported|correspondents?|reporters?)\b"
    .format(w="|".join(re.escape(w) for w in WIRES)))


def publication_order(articles: Sequence[Article]) -> list[int]:
    """Article indices, earliest published first; undated ones after the dated, in input order."""
    return sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                      articles[i].published or "", i))


def credits(article: Article) -> set[str]:
    """The wire agencies an article credits, in its dateline, byline, outlet or text."""
    found = set()
    for field in (article.dateline.agency if article.dateline else None, article.byline):
        if field:
            found.update(w for w in WIRES if re.search(rf"\b{re.escape(w)}\b", field))
    for m in _CREDIT.finditer(article.text):
        found.add(m.group("a") or m.group("b") or m.group("c"))
    return {_CANONICAL.get(w, w) for w in found}


def is_agency(article: Article) -> str | None:
    """The agency an article comes from directly, when its outlet is one."""
    outlet = (article.outlet or "").strip()
    for w in WIRES:
        if outlet.lower() == w.lower():
            return _CANONICAL.get(w, w)
    return None


def direction(a: Article, b: Article) -> tuple[str | None, str | None]:
    """(where the shared text came from: an article id or an agency name, the evidence), or (None, None)."""
    agency_a, agency_b = is_agency(a), is_agency(b)
    credits_a, credits_b = credits(a), credits(b)
    if agency_a and agency_a in credits_b:
        return a.id, f"{b.id} credits {agency_a}"
    if agency_b and agency_b in credits_a:
        return b.id, f"{a.id} credits {agency_b}"
    common = sorted(credits_a & credits_b)
    if common:
        return common[0], f"both credit {common[0]}"
    if a.published and b.published:
        n = min(len(a.published), len(b.published), 16)   # compare at the precision both give
        if a.published[:n] != b.published[:n]:
            first, second = (a, b) if a.published[:n] < b.published[:n] else (b, a)
            return first.id, f"{first.id} was published first"
    return None, None


def copying(articles: Sequence[Article], shared: Shared) -> tuple[list[Source], list[Copying]]:
    """Each article's originality, and each pair of articles that share passages."""
    pairs: dict[tuple[int, int], list[int]] = defaultdict(list)      # pair -> passage indices
    chars: dict[tuple[int, int], int] = defaultdict(int)
    index = {a.id: i for i, a in enumerate(articles)}
    for p, passage in enumerate(shared.passages):
        carriers = [index[c.article] for c in passage.carriers]
        for x in range(len(carriers)):
            for y in range(x + 1, len(carriers)):
                pair = tuple(sorted((carriers[x], carriers[y])))
                pairs[pair].append(p)
                chars[pair] += min(c.end - c.start for c in (passage.carriers[x], passage.carriers[y]))
    copies = []
    for (i, j), passages in sorted(pairs.items()):
        origin, evidence = direction(articles[i], articles[j])
        copies.append(Copying(articles=[articles[i].id, articles[j].id], passages=len(passages),
                              chars=chars[(i, j)], source=origin, evidence=evidence))
    sources = []
    for i, article in enumerate(articles):
        total = sum(s.end - s.start for s in shared.sentences[i]) or 1
        sources.append(Source(article=article.id, originality=round(1 - shared.shared_chars(i) / total, 3),
                              shared_with=sorted({c.articles[1 - c.articles.index(article.id)]
                                                  for c in copies if article.id in c.articles})))
    return sources, copies
