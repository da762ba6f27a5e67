"""Contract JSON back into the data model: the store keeps briefs, articles and analyses as the JSON the
contract defines (model.to_dict), and the web app needs the dataclasses again to render a brief.

One generic decoder driven by the dataclasses' type hints, so a field added to model.py needs no change
here. Unknown keys are ignored (a brief written by a newer version still opens); missing keys take the
field's default.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any

from newsbrief.model import Analysis, Article, Brief


def brief_from_dict(data: dict) -> Brief:
    return from_dict(Brief, data)


def article_from_dict(data: dict) -> Article:
    return from_dict(Article, data)


def analysis_from_dict(data: dict) -> Analysis:
    """An `analyse` line (the Article fields and the extracted lists side by side) as an Analysis.

    It lacks the in-process `found` (raw toponyms and mentions), which a brief needs to merge places and
    people across articles: that is kept beside it (newsbrief.analyse.found; the store's `found` column)."""
    names = {f.name for f in dataclasses.fields(Analysis)} - {"article"}
    fields = {k: v for k, v in data.items() if k in names}
    fields["article"] = {k: v for k, v in data.items() if k not in names}
    return from_dict(Analysis, fields)


def from_dict(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _decode(hints[f.name], data[f.name])
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return [_decode(item, v) for v in value]
    if origin is dict:
        return dict(value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value   # numbers stay as they came (an int figure stays 200, not 200.0), so JSON round-trips
