"""The brief of one story: Analysis list -> Brief. Story-level stages read the per-article analyses."""
from __future__ import annotations

from newsbrief.brief.summary import select
from newsbrief.model import Analysis, Brief, Cited

__all__ = ["make_brief"]


def make_brief(analyses: list[Analysis], sentences: int = 5) -> Brief:
    selection = select(analyses, sentences=sentences)
    headline = selection.headline or Cited(text="", citations=[])
    return Brief(
        headline=headline,
        summary=selection.summary,
        articles=[a.article for a in analyses],
        times=[t for a in analyses for t in a.times],
        quotes=[q for a in analyses for q in a.quotes],
        figures=[f for a in analyses for f in a.figures],
    )
