"""The brief of one story: Analysis list -> Brief. Story-level stages read the per-article analyses.

    sentences.py  the story's sentence pool; syndicated copies grouped as one statement
    summary.py    headline and summary (centrality, redundancy, story order)
    timeline.py   dated events, merged across outlets, background kept apart
"""
from __future__ import annotations

from newsbrief.brief.summary import score_statements, select
from newsbrief.brief.timeline import build_timeline
from newsbrief.model import Analysis, Brief, Cited

__all__ = ["make_brief"]


def make_brief(analyses: list[Analysis], sentences: int = 5) -> Brief:
    statements = score_statements(analyses)
    selection = select(analyses, statements, sentences=sentences)
    headline = selection.headline or Cited(text="", citations=[])
    return Brief(
        headline=headline,
        summary=selection.summary,
        timeline=build_timeline(analyses, statements),
        articles=[a.article for a in analyses],
        times=[t for a in analyses for t in a.times],
        quotes=[q for a in analyses for q in a.quotes],
        figures=[f for a in analyses for f in a.figures],
    )
