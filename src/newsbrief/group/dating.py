"""Dating undated articles from their story.

An article without a publication date gets one inferred, and marked `published_inferred`:
- it cannot be older than the latest day it reports in the past tense ("retook on November 8th"),
  read against the story's own dates for the year;
- it most likely appeared when the dated article it most resembles did (the same events told);
- failing both, the middle of the story.
A dateline day without a year ("ZAGREB, March 19") takes the year that puts it nearest the story.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date

from newsbrief.analyse.sentences import split_sentences
from newsbrief.analyse.times import resolve_in_order
from newsbrief.analyse.times.detect import find_expressions
from newsbrief.terms import STOPWORDS, stem, words
from newsbrief.model import Article

RESEMBLANCE = 0.25      # below this cosine, the nearest dated article says little about the date


def date_undated(articles: list[Article]) -> None:
    """Fill in `published` (marked inferred) where the story allows it. Changes articles in place."""
    known = {a.id: date.fromisoformat(a.published[:10]) for a in articles if a.published}
    if not known:
        return
    middle = date.fromordinal(int(statistics.median(d.toordinal() for d in known.values())))
    _complete_dateline_years(articles, middle)
    vectors = {a.id: _vector(a.text) for a in articles}
    latest = max(known.values())
    for article in articles:
        if article.published:
            continue
        floor = latest_reported_day(article, middle, latest)
        twin, similarity = _most_similar(article, articles, vectors)
        guess = known[twin.id] if twin is not None and similarity >= RESEMBLANCE else None
        candidates = [d for d in (floor, guess) if d]
        inferred = max(candidates) if candidates else middle
        article.published = inferred.isoformat()
        article.published_inferred = True


def latest_reported_day(article: Article, around: date, latest: date) -> date | None:
    """The latest day the article names (read with `around` for the year), not after the story's
    latest report (a day after it is a plan, not a report)."""
    sentences = split_sentences(article.text)
    days = []
    for _, resolved in resolve_in_order(article.text, find_expressions(article.text), sentences, around):
        point = resolved.point
        if point is not None and point.unit == "day" and around.replace(year=around.year - 1) <= point.day <= latest:
            days.append(point.day)
    return max(days) if days else None


def _vector(text: str) -> dict[str, float]:
    counts = Counter(stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit())
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {t: v / norm for t, v in counts.items()}


def _most_similar(article: Article, articles: list[Article], vectors: dict) -> tuple[Article | None, float]:
    best, best_score = None, 0.0
    mine = vectors[article.id]
    for other in articles:
        if other is article or not other.published or other.published_inferred:
            continue
        theirs = vectors[other.id]
        score = sum(v * theirs.get(t, 0.0) for t, v in mine.items())
        if score > best_score:
            best, best_score = other, score
    return best, best_score


def _complete_dateline_years(articles: list[Article], middle: date) -> None:
    for article in articles:
        dl = article.dateline
        if article.published or not dl or not dl.date or not dl.date.startswith("XXXX"):
            continue
        month, day = int(dl.date[5:7]), int(dl.date[8:10])
        options = []
        for year in (middle.year - 1, middle.year, middle.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        if options:
            best = min(options, key=lambda d: abs((d - middle).days))
            dl.date = best.isoformat()
            article.published = best.isoformat()
            article.published_inferred = True
