"""An article's story-level evidence (`Analysis.found`) survives JSON, so a brief can follow a batch."""
import json

from newsbrief import analyse, brief, load
from newsbrief.analyse.found import found_from_dict, found_to_dict
from newsbrief.render.json import analysis_line, to_json
from newsbrief.store.codec import analysis_from_dict

from test_cli import EXAMPLE


def test_a_brief_from_analyses_read_back_equals_the_brief_from_fresh_ones():
    fresh = analyse(load([str(EXAMPLE)]).articles)
    back = []
    for analysis in fresh:
        again = analysis_from_dict(json.loads(analysis_line(analysis)))
        again.found = found_from_dict(json.loads(json.dumps(found_to_dict(analysis.found))))
        back.append(again)
    assert any(a.found["toponyms"] for a in back) and any(a.found["mentions"] for a in back)
    assert to_json(brief(back)) == to_json(brief(fresh))
