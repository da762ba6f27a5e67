"""Named entities: mention detection and cross-document alias merging against MEANTIME English (120
Wikinews articles in 4 stories of 30), with spaCy's NER and exact-string merging as peers in the same run.

    .venv/bin/python bench/entities.py [--errors N] [--write]

Gold (bench/meantime_entities.py). MEANTIME annotates every entity mention only in the headline and the
first sentences of an article: the first six lines of the rebuilt text (headline, date line, four
sentences). Further down only the mentions of its cross-document instances were added, without a
syntactic type, so both measures read the first six lines alone. There, gold = mentions with
syntactic_type NAM of type PER, ORG or LOC. PRE.NAM (a name as a premodifier: "Apple CEO", "US airtanker")
is left out of the F1 because it mixes names with adjectives of place ("American", "European"), which
MEANTIME types LOC and we keep apart as country evidence; its recall is shown on its own row. MEANTIME's
ORG includes companies; its PRO (products) and FIN (indices, shares) have no counterpart in our output.

1. Mention detection. Ours: people mentions PERSON -> PER, ORG and GROUP -> ORG, toponyms -> LOC (what
   `analyse` keeps: spaCy NER, the alias table, gazetteer and cues). Peer: spaCy's labels alone, PERSON ->
   PER, ORG -> ORG, GPE/LOC/FAC -> LOC. A predicted mention matches a gold one of the same type whose span
   it overlaps (exact: the same span). Precision counts predictions in the first six lines that match, or
   overlap nothing, or overlap a gold name of another type and are not nested strictly inside it; not counted
   are the ones that overlap only mentions outside the measure (PRE.NAM, PRO, FIN, nominal, untyped) or lie
   strictly inside a longer name of another type (MEANTIME's names are whole noun phrases, "United States
   airframer Boeing", and nested names are often not annotated). Recall counts gold names with a matching
   prediction. P, R, F1 per type and micro over the three.
2. Cross-document merging. Mentions: the gold names above that have a cross-document instance and that we
   detected: a prediction of ours overlaps, of the same type or, of another type, not nested inside it (our
   ORG "Apple Computer" does not stand for the PER "Apple Computer CEO"); preferred: the same type, then the
   one ending nearest the name's head (its end, or before a comma or bracket: "United States airframer
   Boeing", "Cupertino , California"). Within each story, every pair of such mentions in different articles:
   gold says "same" when the instances are equal; we say "same" when the story-wide merge (`merge_groups`
   over the story's mentions) put them in one entity, or, for toponyms, when the story-wide `resolve` (as
   the brief does) chose the same gazetteer place (GeoNames id, else name and coordinates); an unresolved
   toponym is its own entity. Pairwise precision, recall, F1 of "same", per gold type (a pair with two gold
   types counts in "all" only). B-cubed P/R over the same mentions, within and across articles. Peer: the
   same spans, "same" when the folded text is equal (case-insensitive, a leading "the" dropped).
3. Speed: articles/s of our whole path (NER, toponyms, mentions, story-wide resolution and merge), and of
   spaCy's NER alone.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from meantime_entities import DEFAULT_ROOT, load  # noqa: E402
from speed import write_results  # noqa: E402

from newsbrief import gazetteer as gazetteers  # noqa: E402
from newsbrief.analyse.nlp import names_of  # noqa: E402
from newsbrief.analyse.people import find_mentions, merge_groups  # noqa: E402
from newsbrief.analyse.places import country_evidence, find_toponyms, resolve  # noqa: E402
from newsbrief.gazetteer.names import fold  # noqa: E402

TYPES = ("PER", "ORG", "LOC")
ZONE_LINES = 6
OURS = {"PERSON": "PER", "ORG": "ORG", "GROUP": "ORG"}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def zone_end(text: str) -> int:
    return sum(len(line) + 1 for line in text.split("\n")[:ZONE_LINES])


def overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def nested(a, b) -> bool:
    """a lies inside b and is shorter."""
    return b["start"] <= a["start"] and a["end"] <= b["end"] and b["end"] - b["start"] > a["end"] - a["start"]


def gold_of(doc: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The counted names, the PRE.NAM names, and every other mention of the first six lines."""
    end = zone_end(doc["text"])
    names, prenames, other = [], [], []
    for m in doc["mentions"]:
        if m["start"] >= end:
            continue
        if m["type"] in TYPES and m["syntactic_type"] == "NAM":
            names.append(m)
        else:
            (prenames if m["type"] in TYPES and m["syntactic_type"] == "PRE.NAM" else other).append(m)
    return names, prenames, other


def run_ours(docs: list[dict], gazetteer) -> tuple[dict[str, list[dict]], dict[str, list], float, float]:
    """Our predictions per article, each {start, end, type, key, text}; spaCy's names; seconds for both."""
    t0 = time.perf_counter()
    all_names = names_of([d["text"] for d in docs])
    ner_seconds = time.perf_counter() - t0
    preds: dict[str, list[dict]] = {}
    by_story: dict[str, list[tuple[dict, list, list, Counter]]] = defaultdict(list)
    for doc, names in zip(docs, all_names, strict=True):
        toponyms = find_toponyms(doc["text"], names, gazetteer)
        mentions = find_mentions(doc["text"], names, [(t.start, t.end) for t in toponyms])
        by_story[doc["topic"]].append((doc, toponyms, mentions, country_evidence(doc["text"], gazetteer)))
    for story, items in by_story.items():
        countries: Counter = Counter()
        for _doc, _toponyms, _mentions, evidence in items:
            countries.update(evidence)
        toponyms = [(doc["id"], t) for doc, found, _m, _e in items for t in found]
        entries = resolve([t for _id, t in toponyms], gazetteer, countries)
        groups = merge_groups([(doc["id"], m) for doc, _t, found, _e in items for m in found])
        for doc, _t, _m, _e in items:
            preds[doc["id"]] = []
        for (doc_id, t), e in zip(toponyms, entries, strict=True):
            preds[doc_id].append({"start": t.start, "end": t.end, "type": "LOC", "key": place_key(e, doc_id, t.start),
                                  "text": t.text})
        for i, (_entity, members) in enumerate(groups):
            for doc_id, m in members:
                preds[doc_id].append({"start": m.start, "end": m.end, "type": OURS[m.type], "key": (story, i),
                                      "text": m.text})
    seconds = time.perf_counter() - t0
    names_by_doc = {d["id"]: n for d, n in zip(docs, all_names, strict=True)}
    return preds, names_by_doc, seconds, ner_seconds


def place_key(entry, doc_id: str, start: int) -> tuple:
    """The place as the brief groups them (brief/places.py); an unresolved toponym stands alone."""
    if entry is None:
        return ("unresolved", doc_id, start)
    return ("place", entry.geonames_id) if entry.geonames_id else \
        ("place", entry.name, round(entry.lat, 3), round(entry.lon, 3))


def spacy_preds(names) -> list[dict]:
    return [{"start": n.start, "end": n.end, "type": SPACY[n.label], "key": None, "text": n.text}
            for n in names if n.label in SPACY]


def detection(docs: list[dict], preds: dict[str, list[dict]], errors: list | None = None) -> dict:
    """Counts per type: predicted, right (overlap / exact), gold, found (overlap / exact), PRE.NAM found."""
    c: dict[str, Counter] = {t: Counter() for t in TYPES}
    for doc in docs:
        names, prenames, other = gold_of(doc)
        end = zone_end(doc["text"])
        for p in (p for p in preds[doc["id"]] if p["start"] < end):
            hits = [g for g in names if overlaps(p, g)]
            if not any(g["type"] == p["type"] for g in hits) and _uncounted(p, hits, prenames + other):
                continue
            c[p["type"]]["pred"] += 1
            right = [g for g in hits if g["type"] == p["type"]]
            c[p["type"]]["tp"] += bool(right)
            c[p["type"]]["tp_exact"] += any(g["start"] == p["start"] and g["end"] == p["end"] for g in right)
            if errors is not None and not right:
                errors.append(("FP", p["type"], doc, p, hits))
        for g in names:
            mine = [p for p in preds[doc["id"]] if overlaps(p, g)]
            same = [p for p in mine if p["type"] == g["type"]]
            c[g["type"]]["gold"] += 1
            c[g["type"]]["found"] += bool(same)
            c[g["type"]]["found_exact"] += any(p["start"] == g["start"] and p["end"] == g["end"] for p in same)
            if errors is not None and not same:
                errors.append(("FN", g["type"], doc, g, mine))
        for g in prenames:
            c[g["type"]]["pre_gold"] += 1
            c[g["type"]]["pre_found"] += any(p["type"] == g["type"] and overlaps(p, g) for p in preds[doc["id"]])
    return c


def _uncounted(p: dict, names: list[dict], others: list[dict]) -> bool:
    """A prediction the gold neither confirms nor refutes: it overlaps a mention outside the measure (PRO,
    FIN, PRE.NAM, a nominal), or it lies inside a longer name of another type ("Canada" in "Prime Minister
    of Canada", "Chrysler" in "Chrysler Chief Executive Robert Nardelli"), where MEANTIME does not annotate
    the nested name."""
    return all(nested(p, g) for g in names) and (bool(names) or any(overlaps(p, g) for g in others))


def prf(tp_p: int, pred: int, tp_r: int, gold: int) -> tuple[float, float, float]:
    p, r = tp_p / max(1, pred), tp_r / max(1, gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def peer_key(text: str) -> str:
    return re.sub(r"^the\s+", "", fold(text))


def head_end(text: str, g: dict) -> int:
    """Where a gold name's head ends: MEANTIME's names are noun phrases that end in it ("United States
    airframer Boeing"), unless a comma or a bracket follows it ("Cupertino , California", "General Motors ( GM")."""
    cut = re.search(r" [,(]", text[g["start"]:g["end"]])
    return g["start"] + cut.start() if cut else g["end"]


def linked_mentions(docs: list[dict], preds: dict[str, list[dict]]) -> list[dict]:
    """Gold names with an instance that we detected, each with our key and the string peer's key."""
    out = []
    for doc in docs:
        for g in gold_of(doc)[0]:
            mine = [p for p in preds[doc["id"]] if overlaps(p, g) and (p["type"] == g["type"] or not nested(p, g))]
            if not g["instance"] or not mine:
                continue
            head = head_end(doc["text"], g)
            p = min(mine, key=lambda p: (p["type"] != g["type"], abs(head - p["end"]), -(p["end"] - p["start"])))
            out.append({"story": doc["topic"], "doc": doc["id"], "type": g["type"], "instance": g["instance"],
                        "ours": p["key"], "peer": peer_key(p["text"]), "text": doc["text"][g["start"]:g["end"]],
                        "span": p["text"]})
    return out


def cross_pairs(mentions: list[dict]):
    """Every pair of mentions in different articles of one story."""
    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if a["story"] == b["story"] and a["doc"] != b["doc"]:
                yield a, b


def pairwise(mentions: list[dict], which: str) -> dict[str, Counter]:
    c: dict[str, Counter] = defaultdict(Counter)
    for a, b in cross_pairs(mentions):
        gold, said = a["instance"] == b["instance"], a[which] == b[which]
        for kind in ("all", a["type"]) if a["type"] == b["type"] else ("all",):
            c[kind]["gold"] += gold
            c[kind]["said"] += said
            c[kind]["both"] += gold and said
    return c


def bcubed(mentions: list[dict], which: str) -> tuple[float, float]:
    if not mentions:
        return 0.0, 0.0
    ours = Counter((m["story"], m[which]) for m in mentions)
    gold = Counter((m["story"], m["instance"]) for m in mentions)
    both = Counter((m["story"], m[which], m["instance"]) for m in mentions)
    p = sum(both[(m["story"], m[which], m["instance"])] / ours[(m["story"], m[which])] for m in mentions)
    r = sum(both[(m["story"], m[which], m["instance"])] / gold[(m["story"], m["instance"])] for m in mentions)
    return p / len(mentions), r / len(mentions)


def detection_table(ours: dict, peer: dict) -> str:
    lines = ["| type | gold names | P ours | R ours | **F1 ours** | exact F1 ours | P spaCy | R spaCy | F1 spaCy | "
             + "exact F1 spaCy |", "|---|---|---|---|---|---|---|---|---|---|"]
    for kind in (*TYPES, "micro"):
        cells = []
        for c in (ours, peer):
            total = sum((c[t] for t in TYPES), Counter()) if kind == "micro" else c[kind]
            p, r, f = prf(total["tp"], total["pred"], total["found"], total["gold"])
            exact = prf(total["tp_exact"], total["pred"], total["found_exact"], total["gold"])[2]
            cells.append(f"{p:.3f} | {r:.3f} | {f'**{f:.3f}**' if c is ours else f'{f:.3f}'} | {exact:.3f}")
        gold = sum(ours[t]["gold"] for t in TYPES) if kind == "micro" else ours[kind]["gold"]
        lines.append(f"| {kind} | {gold} | {cells[0]} | {cells[1]} |")
    pre = [" / ".join(f"{t} {c[t]['pre_found']}/{c[t]['pre_gold']}" for t in TYPES) for c in (ours, peer)]
    lines.append(f"| PRE.NAM found (not in F1) | | {pre[0]} | | | | {pre[1]} | | | |")
    return "\n".join(lines)


def merging_table(mentions: list[dict], gold_total: int) -> str:
    counts = {which: pairwise(mentions, which) for which in ("ours", "peer")}
    lines = [f"Mentions: {len(mentions)} of {gold_total} gold names with an instance (the rest we did not detect).",
             "", "| type | mentions | same-entity pairs (gold) | P ours | R ours | **F1 ours** | P peer | R peer | "
             + "F1 peer | B³ P/R ours | B³ P/R peer |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for kind in (*TYPES, "all"):
        subset = [m for m in mentions if kind == "all" or m["type"] == kind]
        cells = []
        for which in ("ours", "peer"):
            c = counts[which][kind]
            p, r, f = prf(c["both"], c["said"], c["both"], c["gold"])
            cells.append(f"{p:.3f} | {r:.3f} | {f'**{f:.3f}**' if which == 'ours' else f'{f:.3f}'}")
        b3 = [bcubed(subset, which) for which in ("ours", "peer")]
        lines.append(f"| {kind} | {len(subset)} | {counts['ours'][kind]['gold']} | {cells[0]} | {cells[1]} | "
                     f"{b3[0][0]:.3f}/{b3[0][1]:.3f} | {b3[1][0]:.3f}/{b3[1][1]:.3f} |")
    return "\n".join(lines)


def show_errors(errors: list, n: int) -> None:
    by_kind: dict[tuple[str, str], list] = defaultdict(list)
    for kind, t, doc, span, others in errors:
        by_kind[(kind, t)].append((doc, span, others))
    for (kind, t), items in sorted(by_kind.items()):
        print(f"\n{kind} {t}: {len(items)}")
        for doc, span, others in items[:n]:
            text = doc["text"]
            near = ", ".join(f"{o['type']}:{text[o['start']:o['end']]!r}" for o in others) or "-"
            before, after = text[max(0, span["start"] - 40):span["start"]], text[span["end"]:span["end"] + 30]
            print(f"  {doc['id']}: {before!r} ⟦{text[span['start']:span['end']]}⟧ {after!r}  [{near}]")


def show_merge_errors(mentions: list[dict], n: int) -> None:
    """The surface pairs most often split that the gold joins, and joined that the gold splits."""
    split, joined = Counter(), Counter()
    for a, b in cross_pairs(mentions):
        gold = a["instance"] == b["instance"]
        if gold != (a["ours"] == b["ours"]):
            pair = (a["type"], *sorted((f"{a['text']} [{a['span']}]", f"{b['text']} [{b['span']}]")))
            (split if gold else joined)[pair] += 1
    for title, found in (("split (gold: same)", split), ("joined (gold: different)", joined)):
        print(f"\nmerge {title}: {sum(found.values())} pairs")
        for (kind, a, b), count in found.most_common(n):
            print(f"  {count:4d} {kind}: {a} | {b}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the MEANTIME English folder")
    parser.add_argument("--errors", type=int, default=0, help="print N missed and wrong mentions per type")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    docs = load(args.root)
    if not docs:
        sys.exit(f"no MEANTIME documents under {args.root}")
    gazetteer = gazetteers.default()
    names_of(["Warm up the model."])
    preds, names, seconds, ner_seconds = run_ours(docs, gazetteer)
    errors: list | None = [] if args.errors else None
    ours = detection(docs, preds, errors)
    peer = detection(docs, {doc_id: spacy_preds(n) for doc_id, n in names.items()})
    mentions = linked_mentions(docs, preds)
    gold_total = sum(bool(g["instance"]) for d in docs for g in gold_of(d)[0])
    table = "\n".join([
        f"Named mentions (MEANTIME English, {len(docs)} articles, first {ZONE_LINES} lines); peer: spaCy NER alone.",
        "", detection_table(ours, peer), "",
        "Cross-document merging, pairs of mentions in different articles of one story; peer: equal folded text.",
        "", merging_table(mentions, gold_total), "",
        f"Speed: {len(docs) / seconds:.1f} articles/s for our whole path; "
        + f"{len(docs) / ner_seconds:.1f} for spaCy's NER alone (included in ours)."])
    print(table)
    if errors:
        show_errors(errors, args.errors)
        show_merge_errors(mentions, args.errors)
    if args.write:
        write_results("entities", table)


if __name__ == "__main__":
    main()
