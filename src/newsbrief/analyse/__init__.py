"""Per-article analysis: Article -> Analysis. Each stage adds one kind of thing.

    sentences.py   sentences with offsets (syntok)
    times/         time expressions resolved to TIMEX3 values ("last week" is resolved in times/resolve.py)
    nlp.py         named-entity spans (spaCy's small English model)
    places/        toponyms, found by NER, gazetteer and context together, resolved to gazetteer places
    people/        people, organisations and groups with their roles, and their quotes
    figures/       numbers with their unit, what they count, qualifier, claimant and date

Each stage is a function that reads the article (and what earlier stages found) and fills its own list,
so stages can be reordered, skipped or run on a cluster. What the brief needs to redo a stage over the
whole story (the toponyms and entity mentions) rides along as `Analysis.found`, outside the JSON.
"""
from __future__ import annotations

from collections.abc import Iterable

from newsbrief import gazetteer
from newsbrief.analyse.figures import find_figures
from newsbrief.analyse.nlp import Name, names_of
from newsbrief.analyse.people import people_and_quotes
from newsbrief.analyse.places import country_evidence, find_toponyms, mention, resolve
from newsbrief.analyse.sentences import split_sentences
from newsbrief.analyse.times import find_times
from newsbrief.model import Analysis, Article

__all__ = ["analyse_article", "analyse_articles", "split_sentences", "find_times"]


def analyse_article(article: Article, names: list[Name] | None = None) -> Analysis:
    if names is None:
        names = names_of([article.text])[0]
    sentences = split_sentences(article.text)
    places = gazetteer.default()
    dateline = article.dateline.place if article.dateline else None
    toponyms = find_toponyms(article.text, names, places, dateline)
    evidence = country_evidence(article.text, places, dateline)
    entries = resolve(toponyms, places, evidence)
    entities, quotes, mentions = people_and_quotes(
        article.id, article.text, sentences, names, [(t.start, t.end) for t in toponyms])
    times = find_times(article, sentences)
    analysis = Analysis(article=article, sentences=sentences, times=times,
                        places=[mention(t, e) for t, e in zip(toponyms, entries, strict=True) if e is not None],
                        entities=entities, quotes=quotes,
                        figures=find_figures(article, sentences, times, quotes, mentions, entities))
    analysis.found = {"toponyms": toponyms, "countries": evidence, "mentions": mentions}
    return analysis


def analyse_articles(articles: Iterable[Article]) -> list[Analysis]:
    """Many articles: the NER runs in batches."""
    items = list(articles)
    return [analyse_article(a, n) for a, n in zip(items, names_of([a.text for a in items]), strict=True)]
