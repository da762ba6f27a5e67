"""Sentence compression for summaries: only cuts that keep the sentence faithful to its source.

What may go, because the summary's citation still leads to the full sentence and the claim is unchanged:
- a linking word at the start, which points at a sentence the summary does not have ("But", "However,",
  "Meanwhile,");
- a short aside in brackets ("(AFP)", "(pictured)", an acronym spelled out before);
- a reported-speech attribution at the end (", civil protection officials said on Sunday."), never in
  a sentence that quotes someone, where it is what tells the reader whose words they are.
Nothing inside the claim is touched: no clause with a verb of its own, no number, no negation.
"""
from __future__ import annotations

import re

# "But" and "And" link without a comma; other words only with one ("So many" and "Still water" stay)
LINKING = re.compile(
    r"^(?:(?:But|And|Yet)\b,?|(?:So|Still|Also|Thus|However|Meanwhile|Moreover|Furthermore|Nevertheless|"
    r"Nonetheless|Instead|Indeed|Separately|In addition|In the meantime|At the same time|On the other hand|"
    r"In other words|As a result|After all|Even so|For (?:its|his|her|their) part),)\s+(?=[\w\"“‘'`])")
# at most three words, no digits: an acronym, an agency, "(pictured)"; not a clause
ASIDE = re.compile(r"\s\((?:[^()\d\s]+(?:\s[^()\d\s]+){0,2})\)(?=[\s,.;:])")
SAY = r"(?:said|says|told (?:[A-Z][\w.]*\s?){1,4}|reported|added|announced|stated|confirmed)"
WHEN = (r"(?:\s+(?:on|late on|early on|late|early)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
        r"Sunday|yesterday|today|last week|this week)(?:\s+(?:morning|afternoon|evening|night))?)?"
        r"(?:\s+in a (?:statement|news release|press release|briefing|interview))?")
TRAILING_SAY = re.compile(r",\s+(?:[^,\"“”]{2,60}?\s+" + SAY + WHEN + r"|" + SAY + r"\s+[^,\"“”]{2,50}?"
                          r"(?:,\s+[^,\"“”]{2,60}?)?)\s*\.$")
QUOTED = re.compile(r"[\"“”]|''|``")


def compress(sentence: str) -> str:
    """The sentence with what a summary can spare taken out (see the module's rules); itself if nothing."""
    text = sentence.strip()
    linked = LINKING.match(text)
    if linked and len(text) - linked.end() > 20:
        rest = text[linked.end():]
        text = rest[0].upper() + rest[1:]
    text = ASIDE.sub("", text)
    if not QUOTED.search(text):
        said = TRAILING_SAY.search(text)
        if said and said.start() > 30:
            text = text[:said.start()] + "."
    return text
