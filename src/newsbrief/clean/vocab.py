"""The clutter vocabularies of clutter.toml, compiled once, and the questions asked of a line."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


def normalise(line: str) -> str:
    """Lower case, whitespace collapsed, no surrounding punctuation: the form vocabularies match."""
    line = re.sub(r"[\s\u200b\ufeff]+", " ", line).strip().lower()
    return line.strip(" .:;,!?|•·-–—*_#>»«\"'“”‘’()[]")


@dataclass(frozen=True)
class Kind:
    """One kind of clutter: the reason recorded for it and how to recognise it."""

    reason: str
    lines: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    phrases: tuple[str, ...]

    def matches_line(self, norm: str, raw: str = "") -> bool:
        """`norm` is the normalised line; patterns also see the raw line, whose brackets and
        trailing punctuation ("... Iraq [AFP]") are evidence too."""
        if norm in self.lines:
            return True
        raw = raw.strip().lower()
        return any(p.fullmatch(norm) or (raw and p.fullmatch(raw)) for p in self.patterns)

    def contains_phrase(self, norm: str) -> bool:
        return any(phrase in norm for phrase in self.phrases)


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, Kind]
    social_words: frozenset[str]
    date_labels: frozenset[str]
    agencies: frozenset[str]
    outlet_patterns: tuple[re.Pattern, ...]

    def line_kind(self, line: str, *names: str) -> Kind | None:
        """The first of the named kinds whose lines or patterns match the whole line."""
        norm = normalise(line)
        for name in names:
            if self.kinds[name].matches_line(norm, line):
                return self.kinds[name]
        return None

    def is_share_row(self, norm: str) -> bool:
        words = [w for w in re.split(r"[\s|•·,/:]+", norm) if w]
        return bool(words) and all(w in self.social_words for w in words) and any(
            w not in {"on", "print", "share", "copy", "link"} for w in words)

    def outlet_named_in(self, line: str) -> str | None:
        for pattern in self.outlet_patterns:
            m = pattern.fullmatch(line.strip())
            if m:
                outlet = re.sub(r"^[Tt]he (?=\w+ \w)", "The ", m.group("outlet").strip(" .,"))
                return outlet if len(outlet) > 2 else None
        return None

    def is_agency(self, token: str) -> bool:
        token = token.strip(" ().[]")
        return token in self.agencies or bool(re.fullmatch(r"[A-Z]{2,6}", token))


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("newsbrief.clean").joinpath("clutter.toml").read_text("utf-8"))
    kinds = {}
    for name, spec in data.items():
        if "reason" in spec:
            kinds[name] = Kind(
                reason=spec["reason"],
                lines=frozenset(normalise(x) for x in spec.get("lines", [])),
                patterns=tuple(re.compile(p, re.I) for p in spec.get("patterns", [])),
                phrases=tuple(x.lower() for x in spec.get("phrases", [])),
            )
    return Vocabulary(
        kinds=kinds,
        social_words=frozenset(data["share"]["social_words"]),
        date_labels=frozenset(data["date_labels"]["words"]),
        agencies=frozenset(data["agencies"]["names"]),
        outlet_patterns=tuple(re.compile(p) for p in data["outlet"]["patterns"]),
    )
