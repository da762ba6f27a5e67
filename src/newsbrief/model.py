"""The data model: what every stage reads and writes, and what the JSON output serialises.

The JSON shape is the public contract (CONTRACT.md, schema "newsbrief/1"). Field order here is the
order in the JSON. Offsets are Python string indices (code points) into an article's clean `text`.
`schema/newsbrief-1.schema.json` is generated from these classes (`python -m newsbrief.schema`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "newsbrief/1"

# A published stamp: a date, optionally with a time and a UTC offset.
PUBLISHED_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$"


def _meta(description: str = "", **schema: Any) -> dict:
    """Field metadata that the JSON Schema generator reads."""
    return {"description": description, "schema": schema}


# ---------------------------------------------------------------- input, before cleaning


@dataclass(kw_only=True)
class RawDocument:
    """One item as read from an input, before cleaning. Not serialised in briefs."""

    source: str                      # path, path:line, URL or "-"
    text: str | None = None          # plain text, when the item is plain text
    html: str | None = None          # markup, when the item is a web page
    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)   # warnings worth telling the user (encoding, ...)


@dataclass(frozen=True)
class Skipped:
    """An input item that could not be used, and why. Reported on stderr, never fatal."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: skipped: {self.reason}"


# ---------------------------------------------------------------- articles


@dataclass(frozen=True, order=True)
class Citation:
    article: str
    start: int
    end: int


@dataclass(kw_only=True)
class Removal:
    text: str
    reason: str
    at: int = field(default=0, metadata=_meta("offset in the clean text where the removed text stood"))


@dataclass(kw_only=True)
class Dateline:
    place: str | None = None
    agency: str | None = None
    date: str | None = None


@dataclass(kw_only=True)
class Article:
    id: str
    source: str = field(metadata=_meta("path or URL it came from"))
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = field(default=None, metadata=_meta(pattern=PUBLISHED_PATTERN))
    published_inferred: bool = False
    dateline: Dateline | None = None
    text: str = field(default="", metadata=_meta("clean body text"))
    removed: list[Removal] = field(default_factory=list)
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict, metadata=_meta("input fields kept as they came"))


@dataclass(frozen=True)
class Span:
    """A stretch of one article's clean text: a sentence, a paragraph."""

    start: int
    end: int


# ---------------------------------------------------------------- what analysis extracts


@dataclass(kw_only=True)
class Time:
    article: str
    start: int
    end: int
    text: str
    value: str = field(metadata=_meta("TIMEX3-style value at the precision the text supports"))
    anchor: str = field(metadata=_meta(
        "what it was resolved against: published, dateline, inferred, event (a day named earlier), absolute, none"))
    type: str = field(default="DATE", metadata=_meta("TIMEX3 type: DATE, TIME, DURATION or SET"))


@dataclass(kw_only=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None = field(default=None, metadata=_meta("ISO 3166-1 alpha-2"))
    geonames_id: int | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Citation] = field(default_factory=list)


@dataclass(kw_only=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    country: str | None = None
    geonames_id: int | None = None


@dataclass(kw_only=True)
class Entity:
    name: str
    type: str = field(metadata=_meta("PERSON, ORG, GROUP, ..."))
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[Citation] = field(default_factory=list)


@dataclass(kw_only=True)
class Quote:
    text: str
    speaker: str | None
    citation: Citation
    speaker_mention: Citation | None = field(default=None, metadata=_meta("where the text names the speaker"))


@dataclass(kw_only=True)
class Figure:
    value: float
    unit: str | None = field(metadata=_meta("percent, USD, km, ...; null for a count"))
    counts: str = field(metadata=_meta("what it counts, as the text words it: \"displaced people\""))
    claimed_by: str | None = field(metadata=_meta("who the text says claims it; null: the article itself"))
    date: str | None = field(metadata=_meta("TIMEX3 value of when it holds, else when it was claimed"))
    citation: Citation
    text: str = field(default="", metadata=_meta("the figure as written: \"at least 26 displaced people\""))
    qualifier: str | None = field(default=None, metadata=_meta("at least, more than, about, up to, almost, ..."))
    low: float | None = field(default=None, metadata=_meta("the least value the wording allows"))
    high: float | None = field(default=None, metadata=_meta("the most value the wording allows; null: no bound"))
    measure: str = field(default="other", metadata=_meta(
        "the kind of quantity: killed, wounded, missing, displaced, arrested, people, money, share, other"))
    claimant_mention: Citation | None = field(default=None, metadata=_meta("where the text names the claimant"))


@dataclass(kw_only=True)
class Analysis:
    """One article and what was extracted from it: a line of `newsbrief analyse`.

    In process, `analyse_article` also sets `found`: the raw toponyms and entity mentions, which the brief
    resolves and merges again over the whole story. It is not part of the JSON."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The Article fields and the extracted lists side by side, as CONTRACT.md's `analyse`."""
        out = to_dict(self.article)
        for f in dataclasses.fields(self):
            if f.name != "article":
                out[f.name] = to_dict(getattr(self, f.name))
        return out


# ---------------------------------------------------------------- the brief


@dataclass(kw_only=True)
class Conflict:
    about: str
    figures: list[int] = field(metadata=_meta("indices into the brief's figures"))


@dataclass(kw_only=True)
class Trend:
    """One quantity reported at different times: a change, not a conflict."""

    about: str
    figures: list[int] = field(metadata=_meta("indices into the brief's figures, earliest first"))


@dataclass(kw_only=True)
class Passage:
    text: str
    carriers: list[Citation] = field(metadata=_meta("the earliest carrier first"))


@dataclass(kw_only=True)
class Source:
    """One article's share of its own text."""

    article: str
    originality: float = field(metadata=_meta("share of its sentences' text that no other article carries"))
    shared_with: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Copying:
    """Two articles that carry the same passages, and where the text came from when evidence says."""

    articles: list[str]
    passages: int
    chars: int = field(metadata=_meta("characters of shared text"))
    source: str | None = field(default=None, metadata=_meta(
        "an article id, or the agency both credit; null when nothing shows the direction"))
    evidence: str | None = None


@dataclass(kw_only=True)
class Cited:
    text: str
    citations: list[Citation] = field(
        metadata=_meta("the first points at the sentence the text was taken from; the rest at its copies"))


@dataclass(kw_only=True)
class TimelineEntry:
    date: str = field(metadata=_meta("TIMEX3 calendar value, at the granularity the sources give"))
    text: str
    citations: list[Citation]
    background: bool = field(default=False, metadata=_meta("before the story's own period: context, not news"))


@dataclass(kw_only=True)
class Brief:
    schema: str = SCHEMA_VERSION
    headline: Cited
    summary: list[Cited] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    copying: list[Copying] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def to_dict(self) -> dict:
        return to_dict(self)


# ---------------------------------------------------------------- stories


@dataclass(kw_only=True)
class Story:
    """Articles that report one event: a line of `newsbrief stories` (group.stories)."""

    id: str
    articles: list[str] = field(default_factory=list, metadata=_meta("article ids, in the order they came"))
    headline: str = field(default="", metadata=_meta("the most central title or lead of the story's latest day"))
    first: str | None = field(default=None, metadata=_meta("the earliest publication date, YYYY-MM-DD"))
    last: str | None = field(default=None, metadata=_meta("the latest publication date, YYYY-MM-DD"))


def to_dict(obj: Any) -> Any:
    """Dataclasses, lists and dicts to plain JSON-ready values, keeping field order."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj
