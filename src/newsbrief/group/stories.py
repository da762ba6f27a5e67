"""Stories from a stream of articles: online, incremental grouping, one event per story.

A new article joins the story it best matches or starts one, in near-constant time:
1. its profile: words weighted by tf-idf (idf from the stream so far), with the evidence that tells one
   event from a similar one weighing more: names (capitalised words, or the analysis's entities), places,
   and dates (years and days the text names, or the analysis's times);
2. candidates: the stories that share its strongest terms (idf-weighted: the rarer first), found through an
   inverted index (term -> the stories that carry it, the most recent few only), and still open (an
   article within the time window);
3. the best candidate by cosine between the article and the story's profile (a decayed sum of its
   articles: recent articles weigh more, so a story follows its drift over days); it joins when the
   similarity passes a threshold, else it starts a new story.
An article is never compared with all the others: the work per article is bounded by the number of its
terms, the posting lists' cap and the number of candidates.

The state (`StoryGrouper`) is plain data: `to_dict()` / `from_dict()` save and restore it as JSON.
`add(article)` is the streaming API; `group(articles)` the batch convenience (articles fed by date).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from newsbrief.model import Analysis, Article, Story
from newsbrief.terms import STOPWORDS, stem, words

__all__ = ["Settings", "StoryGrouper", "group_stories", "story_line"]


@dataclass
class Settings:
    """The knobs, tuned on ECB+ topics 1-20 (bench/clustering.py)."""

    threshold: float = 0.27        # the least cosine with a story's profile to join it
    window_days: float = 7.0       # a story with no article for this long takes no more
    half_life_days: float = 2.0    # an article's weight in its story's profile halves every this many days
    article_terms: int = 60        # an article's strongest terms: its profile
    story_terms: int = 400         # a story's profile keeps its strongest terms
    index_terms: int = 25          # an article's strongest terms, looked up in and added to the index
    postings: int = 50             # stories kept per indexed term (the most recent)
    candidates: int = 10           # stories compared in full per article
    prior: float = 50.0            # empty documents idf pretends it saw: in a short stream a word in every
                                   # article so far is not yet a common word
    name_weight: float = 3.0       # names, places and dates against plain words
    date_weight: float = 0.5


# ---------------------------------------------------------------- an article's terms

_NAME = re.compile(r"\b[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*|\b[A-Z]{2,}\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_DAY = re.compile(r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?\s+(\d{1,2})\b", re.IGNORECASE)
_CALENDAR = frozenset(_MONTHS) | {m[:3] for m in _MONTHS} | frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_LEAD = 400                     # characters of the body that count as its lead


def _words(text: str) -> Counter:
    return Counter(stem(w) for w in words(text) if len(w) > 2 and w not in STOPWORDS and not w.isdigit())


def _names(text: str) -> Counter:
    """Capitalised words: names, most of them. A sentence's first word counts only when the text also
    capitalises it elsewhere; days and months are dates, not names."""
    found = []
    for m in _NAME.finditer(text):
        w = m.group().lower().rstrip("'’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) > 1 and w not in STOPWORDS and w not in _CALENDAR:
            before = text[max(0, m.start() - 3):m.start()].rstrip(" \t\"'“‘(")
            found.append((w, not before or before[-1] in ".!?:\n"))
    inside = {w for w, initial in found if not initial}
    return Counter(w for w, initial in found if not initial or w in inside)


def _dates(text: str) -> Counter:
    out = Counter("y:" + y for y in _YEAR.findall(text))
    for month, day in _MONTH_DAY.findall(text):
        if 1 <= int(day) <= 31:
            out[f"d:{month[:3].lower()}-{int(day)}"] += 1
    return out


def term_counts(item: Article | Analysis) -> Counter:
    """Term -> count. Prefixes keep the kinds apart: 'w:' word, 'n:' name, 'p:' place, 'y:'/'d:'/'t:' date."""
    article = item.article if isinstance(item, Analysis) else item
    head = " ".join(x for x in (article.title, article.text[:_LEAD]) if x)
    counts = Counter()
    for text in (article.text, head):   # the lead counts twice, the title once more: they tell the event
        names = _names(text)
        for w, n in names.items():
            counts["n:" + w] += n
        named = {stem(w) for w in names}
        for w, n in _words(text).items():
            if w not in named:
                counts["w:" + w] += n
        counts.update(_dates(text))
    if isinstance(item, Analysis):
        for place in item.places:
            counts["p:" + (str(place.geonames_id) if place.geonames_id else place.name.lower())] += 1
        for entity in item.entities:
            for token in entity.name.lower().split():
                if token not in STOPWORDS:
                    counts["n:" + token] += len(entity.mentions) or 1
        for t in item.times:
            if t.type == "DATE" and re.match(r"\d{4}-\d{2}", t.value):
                counts["t:" + t.value[:7]] += 1
    return counts


_KIND = {"w": "w", "n": "n", "p": "n", "y": "d", "d": "d", "t": "d"}    # term prefix -> kind


def _day(article: Article) -> int | None:
    stamp = article.published or (article.dateline.date if article.dateline else None)
    try:
        return date.fromisoformat(stamp[:10]).toordinal() if stamp else None
    except ValueError:
        return None


# ---------------------------------------------------------------- the state


@dataclass
class StoryState:
    """One story as the grouper keeps it: its profile and enough of each article for a headline."""

    id: str
    articles: list[str] = field(default_factory=list)
    heads: list[list] = field(default_factory=list)    # [article id, day or None, title or lead]
    first: int | None = None                          # day ordinals
    last: int | None = None
    seq: int = 0                                       # stream position of its last article
    mass: float = 0.0                                  # the decayed sum of its articles' weights
    profile: dict[str, float] = field(default_factory=dict)   # term -> decayed sum of article term weights


class StoryGrouper:
    """Online story grouping. `add` one article at a time; `stories()` for the result so far."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.seen = 0                                  # articles added
        self.df: Counter = Counter()                   # term -> articles that had it
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, list[str]] = {}          # term -> story ids, the most recent last
        self.today: int | None = None                  # the latest day seen
        self._norm_cache: dict[str, tuple[int, Counter]] = {}

    # ---------------------------------------------------------------- streaming

    def add(self, item: Article | Analysis) -> str:
        """Put one article into a story (an existing one, or a new one); returns the story id."""
        article = item.article if isinstance(item, Analysis) else item
        s = self.settings
        counts = term_counts(item)
        self.seen += 1
        self.df.update(counts.keys())
        day = _day(article)
        if day is not None:
            self.today = day if self.today is None else max(self.today, day)
        vector = self._vector(counts)
        best, score = None, 0.0
        for story in self._candidates(vector, day):
            similarity = self._similarity(vector, story)
            if similarity > score:
                best, score = story, similarity
        if best is None or score < s.threshold:
            best = self._new_story(article.id)
        self._join(best, article, vector, day)
        return best.id

    def group(self, items: Iterable[Article | Analysis]) -> list[Story]:
        """Feed articles in publication order (undated ones after, in input order); the stories."""
        listed = list(items)
        order = sorted(range(len(listed)), key=lambda i: (_day(_article(listed[i])) or 10**7, i))
        for i in order:
            self.add(listed[i])
        return self.result()

    def result(self) -> list[Story]:
        """The stories so far, the largest first."""
        ordered = sorted(self.stories.values(), key=lambda st: (-len(st.articles), st.seq))
        return [Story(id=st.id, articles=list(st.articles), headline=self._headline(st),
                      first=_iso(st.first), last=_iso(st.last)) for st in ordered]

    # ---------------------------------------------------------------- the steps

    def _idf(self, term: str) -> float:
        return math.log((self.seen + self.settings.prior + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def _vector(self, counts: Counter) -> dict[str, float]:
        """The article's strongest terms, tf-idf weighted, unit length."""
        s = self.settings
        weights = {t: (1 + math.log(n)) * self._idf(t) for t, n in counts.items()}
        top = sorted(weights.items(), key=lambda kv: -kv[1])[: s.article_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def _candidates(self, vector: dict[str, float], day: int | None) -> list[StoryState]:
        s = self.settings
        votes: Counter = Counter()
        for term in self._index_terms(vector):
            for story_id in self.index.get(term, ()):
                votes[story_id] += vector[term]
        out = []
        for story_id, _ in votes.most_common():
            story = self.stories[story_id]
            if day is not None and story.last is not None and day - story.last > s.window_days:
                continue
            if day is not None and story.first is not None and story.first - day > s.window_days:
                continue
            out.append(story)
            if len(out) == s.candidates:
                break
        return out

    def _index_terms(self, vector: dict[str, float]) -> list[str]:
        """The article's strongest terms (idf weighs them, so the rarer first): the ones indexed."""
        return sorted(vector, key=lambda t: -vector[t])[: self.settings.index_terms]

    def _similarity(self, vector: dict[str, float], story: StoryState) -> float:
        """Cosine between the article and the story's profile, weighted with today's idf, kind by kind
        (words, names, dates), averaged with the kinds' weights over the kinds both sides have: names and
        dates that differ count against, names or dates one side lacks say nothing."""
        s = self.settings
        dots, mine = Counter(), Counter()
        profile = story.profile
        for t, w in vector.items():
            kind = _KIND[t[0]]
            mine[kind] += w * w
            if t in profile:
                dots[kind] += w * profile[t] * self._idf(t)
        theirs = self._norms(story)
        total = weights = 0.0
        for kind, weight in (("w", 1.0), ("n", s.name_weight), ("d", s.date_weight)):
            if mine[kind] and theirs[kind]:
                total += weight * dots[kind] / math.sqrt(mine[kind] * theirs[kind])
                weights += weight
        return total / weights if weights else 0.0

    def _norms(self, story: StoryState) -> Counter:
        """The story profile's squared norms by kind, with idf. Cached until the story changes or the
        stream grows by a tenth (idf moves slowly); saved with the state, so a restored grouper decides alike."""
        cached = self._norm_cache.get(story.id)
        if cached is not None and cached[0] * 1.1 >= self.seen:
            return cached[1]
        norms: Counter = Counter()
        for t, v in story.profile.items():
            norms[_KIND[t[0]]] += (v * self._idf(t)) ** 2
        self._norm_cache[story.id] = (self.seen, norms)
        return norms

    def _new_story(self, article_id: str) -> StoryState:
        base = "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]
        story_id, n = base, 1
        while story_id in self.stories:
            n += 1
            story_id = f"{base}-{n}"
        story = StoryState(id=story_id)
        self.stories[story_id] = story
        return story

    def _join(self, story: StoryState, article: Article, vector: dict[str, float], day: int | None) -> None:
        s = self.settings
        weight = 1.0
        if day is not None and story.last is not None:
            if day > story.last:    # the story moves on: what it was weighs less
                fade = 0.5 ** ((day - story.last) / s.half_life_days)
                story.profile = {t: v * fade for t, v in story.profile.items()}
                story.mass *= fade
            else:                   # a late report of earlier days weighs less itself
                weight = 0.5 ** ((story.last - day) / s.half_life_days)
        # idf is folded in at comparison time, so the profile keeps idf-free weights
        for t, w in vector.items():
            story.profile[t] = story.profile.get(t, 0.0) + weight * w / self._idf(t)
        story.mass += weight
        if len(story.profile) > 1.5 * s.story_terms:
            strongest = sorted(story.profile.items(), key=lambda kv: -kv[1] * self._idf(kv[0]))
            story.profile = dict(strongest[: s.story_terms])
        self._norm_cache.pop(story.id, None)
        story.articles.append(article.id)
        story.heads.append([article.id, day, _head(article)])
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        story.seq = self.seen
        for term in self._index_terms(vector):
            posted = self.index.setdefault(term, [])
            if story.id in posted:
                posted.remove(story.id)
            posted.append(story.id)
            if len(posted) > s.postings:
                del posted[0]

    def _headline(self, story: StoryState) -> str:
        """The most central title (or lead) of the story's latest day."""
        days = [d for _, d, _ in story.heads if d is not None]
        latest = [h for _, d, h in story.heads if not days or d == max(days)]
        best, best_score = "", -1.0
        for head in latest:
            vector = self._vector(term_counts(Article(id="", source="", text=head)))
            score = self._similarity(vector, story)
            if score > best_score:
                best, best_score = head, score
        return best

    # ---------------------------------------------------------------- saving

    def to_dict(self) -> dict:
        return {"settings": asdict(self.settings), "seen": self.seen, "today": self.today, "df": dict(self.df),
                "stories": [asdict(st) for st in self.stories.values()], "index": self.index,
                "norms": {k: [seen, dict(n)] for k, (seen, n) in self._norm_cache.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> StoryGrouper:
        grouper = cls(Settings(**data.get("settings", {})))
        grouper.seen = data["seen"]
        grouper.today = data.get("today")
        grouper.df = Counter(data["df"])
        grouper.stories = {st["id"]: StoryState(**st) for st in data["stories"]}
        grouper.index = {t: list(ids) for t, ids in data["index"].items()}
        grouper._norm_cache = {k: (seen, Counter(n)) for k, (seen, n) in data.get("norms", {}).items()}
        return grouper


def group_stories(items: Iterable[Article | Analysis], settings: Settings | None = None) -> list[Story]:
    """Articles (or their analyses) to stories, one event each."""
    return StoryGrouper(settings).group(items)


def _article(item: Article | Analysis) -> Article:
    return item.article if isinstance(item, Analysis) else item


def _head(article: Article) -> str:
    """The title, else the first sentence of the body (cut at 200 characters)."""
    if article.title:
        return article.title.strip()
    text = " ".join(article.text.split())
    m = re.search(r"[.!?](\s|$)", text[:300])
    lead = text[: m.end()].strip() if m else text[:200]
    return lead[:200]


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def story_line(story: Story) -> str:
    """One line of `newsbrief stories`: CONTRACT.md's {"story", "articles", "headline"}, then first and last."""
    return json.dumps({"story": story.id, "articles": story.articles, "headline": story.headline,
                       "first": story.first, "last": story.last}, ensure_ascii=False) + "\n"
