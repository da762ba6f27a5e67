"""Cleaning plain text: the hard case, since a .txt copy of a web page keeps its clutter inline.

`clean_text` runs these passes over the lines, each marking what it recognises, in this order:

 1. vocabulary: share bars, reading times, navigation, photo captions, credits (clutter.toml);
 2. the head: title, byline, date lines, the dateline line, a title repeated;
 3. repeats: a line that occurs twice in the article (a standfirst repeated as the first paragraph);
 4. the tail: a related-links marker, or a dateline of another place and date after the body, starts
    appended teasers that run to the end; disclaimers and comment policies; copyright lines;
 5. shape: a short line without sentence punctuation is a subheading inside the body, and header or
    footer furniture outside it; so is a short line that other articles repeat.

Prose lines (sentence punctuation, or long) are only removed by passes 1, 3 and 4, on specific evidence,
so that no body paragraph is lost. Every removal is recorded with its reason and where it stood.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsbrief.clean import metadata as meta
from newsbrief.clean.vocab import normalise, vocabulary
from newsbrief.model import Removal

HEAD_PROSE_LINES = 1      # prose lines allowed before the head ends (a standfirst)
TEASER_MAX_SHARE = 0.5    # appended teasers are at most this share of what precedes them
TAIL_START = 0.5          # disclaimers are only trusted in the last half of the text


@dataclass
class Line:
    text: str
    block: int                # lines in one block are separated by single newlines
    reason: str | None = None

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass
class Cleaned:
    text: str
    removed: list[Removal]
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None
    dateline: meta.DatelineFound | None = None
    agency: str | None = None
    stamps: list[str] = field(default_factory=list)    # every publication stamp seen, in order


_TRAILING_MARKUP = re.compile(r"(\s*&\w+;)+\s*$")   # "&QL;", "&nbsp;": markup left by feeds and archives


def is_prose(text: str) -> bool:
    words = text.split()
    if len(words) >= 15:
        return True
    text = _TRAILING_MARKUP.sub("", text)
    return len(words) >= 3 and text.rstrip(" \"”’'»)]").endswith((".", "!", "?", "…", ":"))


def short_label_lines(text: str) -> set[str]:
    """The normalised short non-prose lines of a text: what cross-article repetition is counted on."""
    return {norm for line in text.splitlines()
            if (norm := normalise(line)) and len(norm.split()) <= 12 and not is_prose(line.strip())}


def clean_text(text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()) -> Cleaned:
    lines = _split_lines(text)
    found = Cleaned(text="", removed=[])
    _mark_vocabulary(lines)
    _mark_head(lines, found, title)
    _mark_repeats(lines)
    _mark_tail(lines, found)
    _mark_shape(lines, repeated)
    paragraphs = _assemble(lines, found)
    _take_inline_dateline(paragraphs, found)
    found.text, found.removed = _join(paragraphs)
    if found.published is None and found.stamps:
        found.published = found.stamps[0]
    if found.published is None and found.dateline and found.dateline.date and "X" not in found.dateline.date:
        found.published = found.dateline.date
    return found


def _split_lines(text: str) -> list[Line]:
    lines, block = [], 0
    for raw in text.replace("\u00a0", " ").split("\n"):
        stripped = raw.strip(" \t\u200b\ufeff")
        if not stripped:
            block += 1
            continue
        lines.append(Line(stripped, block))
    return lines


def _body(lines: list[Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.reason is None and is_prose(line.text)]


def _mark_vocabulary(lines: list[Line]) -> None:
    vocab = vocabulary()
    for line in lines:
        norm = line.norm
        kind = vocab.line_kind(line.text, "reading_time", "share", "caption", "credits")
        if kind is None and not is_prose(line.text) and not meta.BYLINE.match(line.text):
            kind = vocab.line_kind(line.text, "navigation")
        if kind is not None:
            line.reason = kind.reason
        elif not is_prose(line.text) and vocab.is_share_row(norm):
            line.reason = vocab.kinds["share"].reason


def _mark_head(lines: list[Line], found: Cleaned, title: str | None) -> None:
    body = _body(lines)
    head_end = body[HEAD_PROSE_LINES] if len(body) > HEAD_PROSE_LINES else len(lines)
    unmarked = [i for i, line in enumerate(lines) if line.reason is None]
    first = unmarked[0] if len(unmarked) > 1 else None   # a lone line is the text, not its title
    if first is not None:
        text, label_date = meta.strip_date_label(lines[first].text)
        given = normalise(title) if title else None
        if meta.is_headline_shaped(text) and not _continues(lines, first) and (given is None or _same_title(normalise(text), given)):
            lines[first].reason = "title"
            found.title = text
            if label_date:
                found.stamps.append(label_date)
    title_norm = normalise(found.title or title or "")
    year = None
    for i, line in enumerate(lines):
        if line.reason is not None and line.reason != "credits":
            continue
        in_head = i < head_end
        if title_norm and in_head and line.norm == title_norm:
            line.reason = "repeated title"
        elif (stamp := meta.is_date_line(line.text)) is not None:
            line.reason = "date line"
            found.stamps.append(stamp)
        elif (in_head or i >= len(lines) - 3) and (byline := meta.parse_byline(line.text)):
            line.reason = "byline"
            found.byline = found.byline or byline.names
            found.agency = found.agency or byline.agency
            found.outlet = found.outlet or byline.outlet
            if byline.published:
                found.stamps.append(byline.published)
        elif in_head and found.dateline is None and (dl := meta.parse_dateline_line(line.text, year)):
            line.reason = "dateline"
            found.dateline = dl
        if found.stamps and year is None:
            year = int(found.stamps[0][:4])


def _same_title(line: str, given: str) -> bool:
    # A page title often carries the site name: "Levee breaks | Zagreb Evening Post".
    return line == given or (len(line) > 15 and (line in given or given in line))


def _mark_repeats(lines: list[Line]) -> None:
    seen: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.reason is None and len(line.text.split()) >= 3:
            seen.setdefault(line.norm, []).append(i)
    body = _body(lines)
    head_end = body[HEAD_PROSE_LINES] if len(body) > HEAD_PROSE_LINES else len(lines)
    for copies in seen.values():
        if len(copies) < 2:
            continue
        # keep the copy in the body: a standfirst repeats the lead, not the other way round
        drop = copies[:-1] if copies[0] < head_end else copies[1:]
        for i in drop:
            lines[i].reason = "repeated in the article"


def _mark_tail(lines: list[Line], found: Cleaned) -> None:
    body = _body(lines)
    if not body:
        return
    _mark_disclaimers(lines, found)
    vocab = vocabulary()
    related = vocab.kinds["related"]
    sizes = [len(line.text) for line in lines]
    total, before = sum(sizes), 0
    for i, line in enumerate(lines):
        if i > body[0] and line.reason in (None, "navigation") and total - before <= TEASER_MAX_SHARE * before:
            if related.matches_line(line.norm, line.text) or meta.parse_dateline_line(line.text):
                for rest in lines[i:]:
                    if related.matches_line(rest.norm, rest.text):
                        rest.reason = related.reason
                    elif rest.reason is None or rest is line:
                        rest.reason = "appended teaser"
                return
        before += sizes[i]


def _mark_disclaimers(lines: list[Line], found: Cleaned) -> None:
    vocab = vocabulary()
    disclaimer = vocab.kinds["disclaimer"]
    total = sum(len(line.text) for line in lines)
    position = 0
    for line in lines:
        outlet = vocab.outlet_named_in(line.text)
        if line.reason is None and (
                disclaimer.matches_line(line.norm, line.text)
                or (position >= TAIL_START * total and disclaimer.contains_phrase(line.norm))):
            copyright_line = "©" in line.text or "copyright" in line.norm or "all rights reserved" in line.norm
            line.reason = "copyright" if copyright_line and len(line.text) < 150 else disclaimer.reason
        if outlet and line.reason in ("copyright", disclaimer.reason):
            found.outlet = found.outlet or outlet
        position += len(line.text)


def _mark_shape(lines: list[Line], repeated: frozenset[str]) -> None:
    vocab = vocabulary()
    body = _body(lines)
    if not body:
        return      # no sentence anywhere: a short item, whose lines are its content
    for i, line in enumerate(lines):
        if line.reason is not None or is_prose(line.text) or _continues(lines, i):
            continue
        if vocab.is_share_row(line.norm):
            line.reason = vocab.kinds["share"].reason
        elif line.norm in repeated:
            line.reason = "repeated across articles"
        elif i < body[0]:
            line.reason = "header"
        elif i > body[-1]:
            line.reason = "footer"
        else:
            line.reason = "subheading"


def _assemble(lines: list[Line], found: Cleaned) -> list[tuple[str, list[Removal]]]:
    """Kept lines as paragraphs, each with the removals that stood just before it.

    Lines of one block join into one paragraph when they are hard-wrapped prose."""
    paragraphs: list[tuple[str, list[Removal]]] = []
    pending: list[Removal] = []
    previous: Line | None = None
    for line in lines:
        if line.reason is not None:
            pending.append(Removal(text=line.text, reason=line.reason))
            previous = None
            continue
        if previous is not None and previous.block == line.block and _wrapped(previous.text, line.text):
            text, removals = paragraphs[-1]
            paragraphs[-1] = (text + " " + line.text, removals)
        else:
            paragraphs.append((line.text, pending))
            pending = []
        previous = line
    if pending:
        paragraphs.append(("", pending))
    return paragraphs


def _continues(lines: list[Line], i: int) -> bool:
    """The line is the first part of a hard-wrapped sentence that the next line goes on with."""
    return i + 1 < len(lines) and lines[i + 1].block == lines[i].block and _wrapped(lines[i].text, lines[i + 1].text)


def _wrapped(previous: str, following: str) -> bool:
    return not previous.rstrip(" \"”’'").endswith((".", "!", "?", ":")) and bool(re.match(r"[a-z(,;]", following))


def _take_inline_dateline(paragraphs: list[tuple[str, list[Removal]]], found: Cleaned) -> None:
    year = int(found.stamps[0][:4]) if found.stamps else None
    for index, (text, removals) in enumerate(paragraphs[:2]):
        dateline = meta.parse_inline_dateline(text, year)
        if dateline is None:
            continue
        if found.dateline is None:
            found.dateline = dateline
        removals.append(Removal(text=text[:dateline.end].strip(), reason="dateline"))
        paragraphs[index] = (text[dateline.end:], removals)
        return


def _join(paragraphs: list[tuple[str, list[Removal]]]) -> tuple[str, list[Removal]]:
    out: list[str] = []
    removed: list[Removal] = []
    length = 0
    for text, removals in paragraphs:
        if text and out:
            length += 2                      # the blank line between paragraphs
        for removal in removals:
            removal.at = length              # the start of the paragraph it stood before
            removed.append(removal)
        if text:
            out.append(text)
            length += len(text)
    return "\n\n".join(out), removed
