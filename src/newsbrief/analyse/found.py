"""`Analysis.found` as JSON and back: what a brief needs of each article to resolve places and people over
the whole story (the raw toponyms, the countries the text points at, the entity mentions).

It stays outside the contract's JSON (it is evidence, not a result), but a batch's Parquet output keeps it
beside each `analyse` line, so that briefs can follow a batch without analysing its articles again.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

from newsbrief.analyse.people.mentions import Mention
from newsbrief.analyse.places.detect import Toponym


def found_to_dict(found: dict | None) -> dict | None:
    if not found:
        return None
    return {"toponyms": [dataclasses.asdict(t) for t in found["toponyms"]],
            "countries": dict(found["countries"]),
            "mentions": [dataclasses.asdict(m) for m in found["mentions"]]}


def found_from_dict(data: dict | None) -> dict | None:
    if not data:
        return None
    return {"toponyms": [Toponym(**{**t, "within": tuple(tuple(w) for w in t.get("within", ()))})
                         for t in data["toponyms"]],
            "countries": Counter(data["countries"]),
            "mentions": [Mention(**m) for m in data["mentions"]]}
