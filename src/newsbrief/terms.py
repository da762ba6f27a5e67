"""Words as compared across articles: normalised so that outlets' spellings agree, lightly stemmed,
with the words that carry no topic listed once."""
from __future__ import annotations

import re
from functools import lru_cache

# Words that carry no topic. Short on purpose: idf weighting does the rest.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself said says say
told according mr mrs ms would could one two new also last first year years much many how
""".split())


@lru_cache(maxsize=1 << 18)        # a story has a few thousand distinct words, each stemmed thousands of times
def stem(word: str) -> str:
    """A light suffix strip; enough to match "forces"/"force" and "attacked"/"attack"."""
    for suffix in ("ings", "ing", "edly", "ed", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_ABBREVIATIONS = (("u.s.", "us"), ("u.k.", "uk"), ("u.n.", "un"), ("e.u.", "eu"))


def words(text: str) -> list[str]:
    """The words of a text as compared across outlets."""
    text = text.lower()
    for dotted, plain in _ABBREVIATIONS:
        text = text.replace(dotted, plain)
    return _WORD.findall(text)
