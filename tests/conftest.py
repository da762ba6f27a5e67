from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# A user's own GeoNames dump (newsbrief gazetteer add) must not change what the tests see.
os.environ["NEWSBRIEF_DATA_DIR"] = tempfile.mkdtemp(prefix="newsbrief-test-data-")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "sava-flood"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(config, items):
    if SHARED_DATA.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED_DATA} is absent")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def example_loaded():
    from newsbrief import load
    return load([str(EXAMPLE)])


@pytest.fixture(scope="session")
def example_brief(example_loaded):
    from newsbrief import brief
    return brief(example_loaded.articles)


@pytest.fixture(scope="session")
def gazetteer():
    """The packaged gazetteer; its index is built into the cache on first use (about half a minute)."""
    from newsbrief.gazetteer import default
    return default()


def ner(text, *labelled):
    """Named-entity spans as an NER would give them (rightly or wrongly): (surface, label) pairs, in order."""
    from newsbrief.analyse.nlp import Name
    out, position = [], 0
    for surface, label in labelled:
        start = text.index(surface, position)
        out.append(Name(start, start + len(surface), label, surface))
        position = start + len(surface)
    return out
