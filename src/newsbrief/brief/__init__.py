"""The brief of one story: Analysis list -> Brief. Story-level stages read the per-article analyses.

    sentences.py  the story's sentence pool; syndicated copies (group.passages) grouped as one statement
    summary.py    headline and summary (concept coverage, redundancy, story order); compress.py trims
    timeline.py   dated events, merged across outlets, background kept apart
    places.py     the story's toponyms resolved together, one Place per place
    people.py     entities merged across articles; quotes with the merged speaker
    figures.py    figures with their claimants; conflicts between claimants, trends over time
"""
from __future__ import annotations

from newsbrief.brief.figures import story_figures
from newsbrief.brief.people import story_entities, story_quotes
from newsbrief.brief.places import story_places
from newsbrief.brief.sentences import story_shared
from newsbrief.brief.summary import score_statements, select
from newsbrief.brief.timeline import build_timeline
from newsbrief.group.copying import copying
from newsbrief.model import Analysis, Brief, Cited

__all__ = ["make_brief"]


def make_brief(analyses: list[Analysis], sentences: int | None = 5, words: int | None = None,
               focus: str | None = None, known: list[Analysis] | None = None, compressed: bool = False) -> Brief:
    """The brief: a summary of `sentences` sentences or `words` words, towards `focus` if given, telling
    what is new beyond the `known` articles; `compressed`: its sentences without what they can spare
    (`compress.py`)."""
    shared = story_shared(analyses)
    sources, copies = copying([a.article for a in analyses], shared)
    statements = score_statements(analyses, shared)
    selection = select(analyses, statements, sentences=sentences, words=words, focus=focus, known=known,
                       compressed=compressed)
    headline = selection.headline or Cited(text="", citations=[])
    places = story_places(analyses)
    entities, speakers = story_entities(analyses, places)
    figures, conflicts, trends = story_figures(analyses, speakers)
    return Brief(
        headline=headline,
        summary=selection.summary,
        timeline=build_timeline(analyses, statements),
        articles=[a.article for a in analyses],
        times=[t for a in analyses for t in a.times],
        places=places,
        entities=entities,
        quotes=story_quotes(analyses, speakers, entities),
        figures=figures,
        conflicts=conflicts,
        trends=trends,
        passages=shared.passages,
        sources=sources,
        copying=copies,
    )
