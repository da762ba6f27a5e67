"""Per-article analysis: Article -> Analysis. Each stage adds one kind of thing.

    sentences.py   sentences with offsets (syntok)
    times/         time expressions resolved to TIMEX3 values ("last week" is resolved in times/resolve.py)

Entities, places, quotes and figures join here as their stages land; each is a function that reads
the article (and the sentences) and fills its own list, so stages can be reordered, skipped or run
on a cluster.
"""
from __future__ import annotations

from newsbrief.analyse.sentences import split_sentences
from newsbrief.analyse.times import find_times
from newsbrief.model import Analysis, Article

__all__ = ["analyse_article", "split_sentences", "find_times"]


def analyse_article(article: Article) -> Analysis:
    sentences = split_sentences(article.text)
    return Analysis(article=article, sentences=sentences, times=find_times(article, sentences))
