"""Per-article analysis: Article -> Analysis. Each stage adds one kind of thing.

Today: sentences. Times, entities, places, quotes and figures join here as their stages land; each
is a function that reads the Analysis and fills its own list, so stages can be reordered, skipped or
run on a cluster.
"""
from __future__ import annotations

from newsbrief.analyse.sentences import split_sentences
from newsbrief.model import Analysis, Article

__all__ = ["analyse_article", "split_sentences"]


def analyse_article(article: Article) -> Analysis:
    return Analysis(article=article, sentences=split_sentences(article.text))
