"""JSON Schema for the brief and the per-article analysis, generated from `newsbrief.model`.

`python -m newsbrief.schema` rewrites `schema/newsbrief-1.schema.json`; a test checks that the file
in the repository is what the model generates, so the two cannot drift apart.
"""
from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from pathlib import Path

from newsbrief import model

ROOTS = {"brief": model.Brief, "analysis": model.Analysis}
_PRIMITIVES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _type_schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if tp in _PRIMITIVES:
        return {"type": _PRIMITIVES[tp]}
    if tp is typing.Any:
        return {}
    if origin in (types.UnionType, typing.Union):
        options = [_type_schema(t, defs) for t in typing.get_args(tp)]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin is list:
        (item,) = typing.get_args(tp)
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def _define(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        prop = _type_schema(hints[f.name], defs)
        extra = f.metadata.get("schema", {})
        if extra and "type" in prop and isinstance(prop["type"], list):
            # a constraint on an optional string applies to the string branch only
            prop = {"anyOf": [{"type": "null"}, {"type": "string", **extra}]}
        else:
            prop.update(extra)
        if f.metadata.get("description"):
            prop["description"] = f.metadata["description"]
        props[f.name] = prop
        required.append(f.name)
    defs[cls.__name__] = {"type": "object", "properties": props, "required": required}


def _analysis_definition(defs: dict) -> dict:
    """`analyse` flattens the Article fields and the extracted lists into one object."""
    _define(model.Article, defs)
    article = defs["Article"]
    hints = typing.get_type_hints(model.Analysis)
    props = dict(article["properties"])
    for f in dataclasses.fields(model.Analysis):
        if f.name != "article":
            props[f.name] = _type_schema(hints[f.name], defs)
    return {"type": "object", "properties": props, "required": list(props)}


def generate() -> dict:
    defs: dict = {}
    _define(model.Brief, defs)
    defs["Brief"]["properties"]["schema"]["const"] = model.SCHEMA_VERSION
    defs["Analysis"] = _analysis_definition(defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsbrief.invalid/schema/newsbrief-1.schema.json",
        "title": "newsbrief/1: a brief (root) and a line of `newsbrief analyse` ($defs/Analysis)",
        "$ref": "#/$defs/Brief",
        "$defs": dict(sorted(defs.items())),
    }


def schema_path() -> Path:
    return Path(__file__).resolve().parents[2] / "schema" / "newsbrief-1.schema.json"


def render() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else schema_path()
    out.write_text(render(), encoding="utf-8")
    print(f"wrote {out}")
