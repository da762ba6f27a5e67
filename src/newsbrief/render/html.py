"""The brief as one self-contained HTML file: inline CSS and JS, no network, opens offline.

Article text is escaped by Jinja2's autoescaping; the data the script reads is embedded as JSON with
every "<" escaped, so no article can close the script element.
"""
from __future__ import annotations

import json
from functools import cache

import jinja2

from newsbrief.model import Article, Brief, Citation, Quote, TimelineEntry
from newsbrief.render.dates import describe
from newsbrief.render.map import place_map
from newsbrief.render.markdown import source_label


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsbrief.render", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def article_blocks(article: Article) -> list[dict]:
    """The article as paragraphs and removed clutter, in reading order, each paragraph with its offset."""
    blocks, removed, i, offset = [], sorted(article.removed, key=lambda r: r.at), 0, 0
    for paragraph in article.text.split("\n\n"):
        while i < len(removed) and removed[i].at <= offset:
            blocks.append({"removed": removed[i]})
            i += 1
        blocks.append({"text": paragraph, "start": offset})
        offset += len(paragraph) + 2
    blocks += [{"removed": r} for r in removed[i:]]
    return blocks


def _data(brief: Brief) -> str:
    data = {a.id: {"text": a.text, "label": source_label(a)} for a in brief.articles}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace("\u2028", "\\u2028")


def to_html(brief: Brief) -> str:
    numbers = {a.id: i for i, a in enumerate(brief.articles, 1)}
    template = _environment().get_template("brief.html.j2")
    return template.render(
        brief=brief, numbers=numbers, label=source_label, blocks=article_blocks, data=_data(brief),
        timeline=_timeline_groups(brief), describe=describe, people=people_and_quotes(brief),
        per_article=first_per_article, figures=figures_view(brief), copying=copying_view(brief),
        place_map=place_map(brief.places))


def first_per_article(citations: list[Citation]) -> dict:
    """One citation per article (its first), for lists where every mention would be too many buttons."""
    seen, out = set(), []
    for c in citations:
        if c.article not in seen:
            seen.add(c.article)
            out.append(c)
    return {"citations": out}


def people_and_quotes(brief: Brief, limit: int = 20) -> dict:
    """The most mentioned entities with what each said, and the quotes of other speakers."""
    shown = brief.entities[:limit]
    said: dict[str, list[Quote]] = {e.name: [] for e in shown}
    others: list[Quote] = []
    for quote in brief.quotes:
        (said[quote.speaker] if quote.speaker in said else others).append(quote)
    # people who said something first, then by mentions
    ordered = sorted(shown, key=lambda e: (not said[e.name], -len(e.mentions)))
    return {"entities": [(e, said[e.name]) for e in ordered], "others": others,
            "more": len(brief.entities) - len(shown)}


def _timeline_groups(brief: Brief) -> dict[str, list[tuple[str, list[TimelineEntry]]]]:
    """The timeline's entries under their dates, the story's own apart from the background."""
    out: dict[str, list[tuple[str, list[TimelineEntry]]]] = {"story": [], "background": []}
    for entry in brief.timeline:
        groups = out["background" if entry.background else "story"]
        if groups and groups[-1][0] == entry.date:
            groups[-1][1].append(entry)
        else:
            groups.append((entry.date, [entry]))
    return out


def figures_view(brief: Brief, limit: int = 30) -> dict:
    """Conflicts and trends first, then the story's other claims: the tolls, shares and sums before plain
    counts of things, and each claim once (a syndicated copy repeats it)."""
    listed = {i for group in [*brief.conflicts, *brief.trends] for i in group.figures}
    seen, rest = set(), []
    for i, f in enumerate(brief.figures):
        key = (f.value, f.unit, f.counts.lower(), f.claimed_by)
        if i not in listed and key not in seen:
            seen.add(key)
            rest.append(f)
    rest.sort(key=lambda f: f.measure == "other")
    return {"conflicts": [(c.about, [brief.figures[i] for i in c.figures]) for c in brief.conflicts],
            "trends": [(t.about, [brief.figures[i] for i in t.figures]) for t in brief.trends],
            "rest": rest[:limit], "more": max(0, len(rest) - limit)}


def copying_view(brief: Brief) -> dict:
    """Per article: its originality and who it shares passages with; per passage, its carriers."""
    sources = {s.article: s for s in brief.sources}
    return {"sources": sources, "pairs": brief.copying}
