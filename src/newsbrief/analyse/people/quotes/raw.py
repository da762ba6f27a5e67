"""A quote as found, before its speaker is resolved: where its words and marks are, and the speaker
phrase read for it."""
from __future__ import annotations

from dataclasses import dataclass

from newsbrief.analyse.people.mentions import Mention


@dataclass
class Raw:
    start: int                   # the content, inside the marks
    end: int
    open_at: int                 # the marks themselves
    close_at: int
    gap: tuple[int, int] | None = None       # the attribution between the parts of a split quote
    parts: list[tuple[int, int]] | None = None   # a split quote's parts, without the attribution
    speaker: str | None = None
    mention: Mention | None = None
