"""The JSON Schema file is generated from the model, and what we emit validates against it."""
import json

import jsonschema

from newsbrief import analyse, schema
from newsbrief.render.json import analysis_line, to_json


def test_schema_file_is_what_the_model_generates():
    assert schema.schema_path().read_text(encoding="utf-8") == schema.render(), \
        "schema/newsbrief-1.schema.json is stale: run python -m newsbrief.schema"


def test_brief_json_validates(example_brief):
    doc = json.loads(to_json(example_brief))
    assert doc["schema"] == "newsbrief/1"
    jsonschema.validate(doc, schema.generate())
    # the contract's top-level keys, in the contract's order
    assert list(doc)[:12] == ["schema", "headline", "summary", "timeline", "articles", "times", "places",
                              "entities", "quotes", "figures", "conflicts", "passages"]


def test_schema_rejects_a_wrong_brief(example_brief):
    doc = json.loads(to_json(example_brief))
    doc["headline"]["citations"][0]["start"] = "zero"
    try:
        jsonschema.validate(doc, schema.generate())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a string offset passed validation")


def test_analysis_lines_validate(example_loaded):
    full = schema.generate()
    analysis_schema = {"$defs": full["$defs"], "$ref": "#/$defs/Analysis"}
    for analysis in analyse(example_loaded.articles):
        doc = json.loads(analysis_line(analysis))
        jsonschema.validate(doc, analysis_schema)
        assert {"id", "text", "times", "entities", "quotes", "figures", "places", "sentences"} <= set(doc)
