"""The brief as Markdown: headline, summary with numbered citations, and the sources they point to."""
from __future__ import annotations

from newsbrief.model import Brief, Cited, TimelineEntry
from newsbrief.render.dates import describe
from newsbrief.render.html import is_direct


def _markers(cited: Cited | TimelineEntry, numbers: dict[str, int]) -> str:
    return _numbers(cited.citations, numbers)


def _numbers(citations, numbers: dict[str, int]) -> str:
    seen = []
    for c in citations:
        n = numbers[c.article]
        if n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in seen)


def _escape(text: str) -> str:
    # keep Markdown from reading article text as markup
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("<", "&lt;")


def source_label(article) -> str:
    parts = [article.outlet or article.dateline and article.dateline.agency or None,
             article.title and f"“{article.title}”",
             article.published and (article.published[:10] + (" (inferred)" if article.published_inferred else ""))]
    return ", ".join(p for p in parts if p) or article.id


def to_markdown(brief: Brief) -> str:
    numbers = {a.id: i for i, a in enumerate(brief.articles, 1)}
    out = [f"# {_escape(brief.headline.text)} {_markers(brief.headline, numbers)}".rstrip(), ""]
    if brief.summary:
        out += ["## Summary", ""]
        out += [f"- {_escape(s.text)} {_markers(s, numbers)}" for s in brief.summary]
        out.append("")
    story = [e for e in brief.timeline if not e.background]
    background = [e for e in brief.timeline if e.background]
    for title, entries in (("## Timeline", story), ("### Background", background)):
        if entries:
            out += [title, ""]
            out += [f"- **{describe(e.date)}** {_escape(e.text)} {_markers(e, numbers)}" for e in entries]
            out.append("")
    if brief.places:
        out += ["## Places", ""]
        for place in brief.places:
            where = f" ({place.country})" if place.country else ""
            out.append(f"- **{_escape(place.name)}**{where} · {place.lat:.3f}, {place.lon:.3f} · "
                       f"{len(place.mentions)} mention(s) {_numbers(place.mentions, numbers)}")
        out.append("")
    if brief.entities:
        out += ["## People and organisations", ""]
        for entity in brief.entities[:25]:
            role = f", {_escape(entity.role)}" if entity.role else ""
            aliases = f" (also {_escape(', '.join(entity.aliases))})" if entity.aliases else ""
            out.append(f"- **{_escape(entity.name)}** · {entity.type.lower()}{role}{aliases} · "
                       f"{len(entity.mentions)} mention(s) {_numbers(entity.mentions, numbers)}")
        out.append("")
    if brief.quotes:
        out += ["## Quotes", ""]
        texts = {a.id: a.text for a in brief.articles}
        for quote in brief.quotes:
            speaker = _escape(quote.speaker) if quote.speaker else "Unattributed"
            said = (f"**{speaker}:** “{_escape(quote.text)}”" if is_direct(quote, texts.get(quote.citation.article, ""))
                    else f"**{speaker}** (reported): {_escape(quote.text)}")     # not their words: no quote marks
            out.append(f"- {said} {_numbers([quote.citation], numbers)}")
        out.append("")
    out += _figures(brief, numbers)
    out += _passages(brief, numbers)
    out += ["## Sources", ""]
    originality = {s.article: s.originality for s in brief.sources}
    for article in brief.articles:
        removed = f" · {len(article.removed)} clutter item(s) removed" if article.removed else ""
        label = source_label(article)
        named = f"{_escape(label)} · " if label != article.id else ""
        own = f" · {originality[article.id]:.0%} original" if article.id in originality else ""
        out.append(f"{numbers[article.id]}. {named}`{article.id}`{own}{removed}")
    out.append("")
    return "\n".join(out)


def _claim(figure, numbers: dict[str, int]) -> str:
    who = _escape(figure.claimed_by) if figure.claimed_by else "unattributed"
    when = f" ({describe(figure.date)})" if figure.date else ""
    return f"{_escape(figure.text)} — {who}{when} {_numbers([figure.citation], numbers)}"


def _figures(brief: Brief, numbers: dict[str, int], limit: int = 20) -> list[str]:
    if not brief.figures:
        return []
    out = ["## Figures", ""]
    for flag, groups in (("Sources disagree", brief.conflicts), ("Changed over time", brief.trends)):
        for group in groups:
            out.append(f"- **{flag}: {_escape(group.about)}**")
            out += [f"  - {_claim(brief.figures[i], numbers)}" for i in group.figures]
    listed = {i for group in [*brief.conflicts, *brief.trends] for i in group.figures}
    rest = [f for i, f in enumerate(brief.figures) if i not in listed and f.measure != "other"]
    out += [f"- {_claim(f, numbers)}" for f in rest[:limit]]
    return out + [""]


def _passages(brief: Brief, numbers: dict[str, int]) -> list[str]:
    if not brief.passages:
        return []
    out = ["## Shared passages", ""]
    for pair in brief.copying:
        a, b = (numbers[x] for x in pair.articles)
        if pair.source in numbers:
            how = f": [{numbers[pair.source]}] is the original ({_escape(pair.evidence)})"
        elif pair.source:
            how = f": {_escape(pair.evidence)}, so both carry {_escape(pair.source)} copy"
        else:
            how = "; nothing shows who copied whom"
        out.append(f"- [{a}] and [{b}] share {pair.passages} passage(s), {pair.chars} characters{how}.")
    out.append("")
    for passage in brief.passages:
        out.append(f"> {_escape(' '.join(passage.text.split()))} {_numbers(passage.carriers, numbers)}")
        out.append("")
    return out
