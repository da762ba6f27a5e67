"""Geocoding: accuracy@161 km and mean error, given gold toponyms and end to end, with the
population-only peer over the same gazetteer in the same run.

    .venv/bin/python bench/geocode.py [--split dev|test|all] [--e2e] [--write] [--errors N]

dev = LGL and GeoVirus: tune here. test = GeoWebNews and TR-News: measure only.
- gold: the gold span is given; the resolver sees the article text (for its context) and the span.
  A toponym with no candidate in the gazetteer counts as a miss (error = 20,000 km in the mean).
- e2e: our own detection (spaCy NER + gazetteer + cues) and resolution. Detection precision and recall
  by overlapping span; acc@161 over all gold toponyms (undetected ones are misses). Recall is also given
  without the gold demonyms, which newsbrief deliberately does not report as places.
Published anchors, given gold toponyms (Mordecai3, with Elasticsearch and a transformer): acc@161 94.1
on GeoWebNews, 87.3 on TR-News, 82.7 on LGL.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo_gold import CORPORA, load  # noqa: E402
from speed import write_results  # noqa: E402

from newsbrief import gazetteer as gazetteers  # noqa: E402
from newsbrief.analyse.nlp import names_of  # noqa: E402
from newsbrief.analyse.places import country_evidence, find_toponyms  # noqa: E402
from newsbrief.analyse.places.detect import Toponym, _lookup_name, region_after  # noqa: E402
from newsbrief.analyse.places.resolve import population_baseline, resolve  # noqa: E402
from newsbrief.geo import km  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MISS_KM = 20_000.0
ANCHORS = {"geowebnews": 0.941, "tr-news": 0.873, "lgl": 0.827}


def gold_toponyms(doc: dict, gazetteer) -> list[Toponym]:
    out = []
    for t in doc["toponyms"]:
        lookup, hint = _lookup_name(t["surface"])
        within = tuple((e.country, e.admin1 if e.is_admin1 else "") for e in region_after(doc["text"], t["end"], gazetteer))
        out.append(Toponym(t["start"], t["end"], t["surface"], lookup or t["surface"], "gold", hint, within))
    return out


def errors(doc: dict, entries) -> list[float]:
    return [km(t["lat"], t["lon"], e.lat, e.lon) if e is not None else MISS_KM
            for t, e in zip(doc["toponyms"], entries, strict=True)]


def summary(errs: list[float]) -> tuple[float, float, float]:
    found = [e for e in errs if e < MISS_KM]
    return (sum(e <= 161 for e in errs) / len(errs), statistics.mean(found) if found else 0.0,
            statistics.median(found) if found else 0.0)


def run_gold(docs, gazetteer):
    ours, peer, misses = [], [], []
    for doc in docs:
        toponyms = gold_toponyms(doc, gazetteer)
        chosen = resolve(toponyms, gazetteer, country_evidence(doc["text"], gazetteer), known_places=True)
        errs = errors(doc, chosen)
        ours += errs
        peer += errors(doc, population_baseline(toponyms, gazetteer))
        misses += [(doc["id"], t, e, err) for t, e, err in zip(doc["toponyms"], chosen, errs, strict=True) if err > 161]
    return ours, peer, misses


def run_e2e(docs, gazetteer):
    all_names = names_of([d["text"] for d in docs])
    tp = fp = fn = 0
    errs, demonym_misses, demonyms = [], 0, 0
    for doc, names in zip(docs, all_names, strict=True):
        found = find_toponyms(doc["text"], names, gazetteer)
        chosen = resolve(found, gazetteer, country_evidence(doc["text"], gazetteer))
        matched = set()
        for t in doc["toponyms"]:
            hit = next((i for i, f in enumerate(found) if f.start < t["end"] and t["start"] < f.end), None)
            demonym = gazetteer.demonym(t["surface"]) is not None
            demonyms += demonym
            if hit is None:
                fn += 1
                demonym_misses += demonym
                errs.append(MISS_KM)
                continue
            matched.add(hit)
            tp += 1
            e = chosen[hit]
            errs.append(km(t["lat"], t["lon"], e.lat, e.lon) if e is not None else MISS_KM)
        fp += len(set(range(len(found))) - matched)
    return errs, tp, fp, fn, demonyms, demonym_misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--e2e", action="store_true", help="also run detection end to end (spaCy; slower)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no corpora at {DATA}")
    started = time.time()
    gazetteer = gazetteers.default()
    print(f"gazetteer ready in {time.time() - started:.1f} s", file=sys.stderr)
    rows = []
    for name, split in CORPORA.items():
        if args.split not in ("all", split):
            continue
        docs = load(name, DATA)
        n = sum(len(d["toponyms"]) for d in docs)
        t0 = time.time()
        ours, peer, misses = run_gold(docs, gazetteer)
        seconds = time.time() - t0
        a, mean, median = summary(ours)
        pa, pmean, pmedian = summary(peer)
        row = {"corpus": f"{name} ({split})", "n": n, "acc": a, "mean": mean, "median": median, "peer": pa,
               "peer_mean": pmean, "cover": sum(e < MISS_KM for e in ours) / n, "speed": n / seconds,
               "anchor": ANCHORS.get(name)}
        if args.e2e:
            t0 = time.time()
            errs, tp, fp, fn, demonyms, demonym_misses = run_e2e(docs, gazetteer)
            row.update(e2e=summary(errs)[0], p=tp / max(1, tp + fp), r=tp / max(1, tp + fn),
                       r_places=tp / max(1, tp + fn - demonym_misses), demonyms=demonyms / n,
                       e2e_speed=len(docs) / (time.time() - t0))
        rows.append(row)
        for doc_id, t, e, err in misses[:args.errors]:
            print(f"  {name} {doc_id}: {t['surface']!r} gold {t['name']} ({t['lat']:.2f},{t['lon']:.2f}) -> "
                  f"{e.name + ' ' + e.country + ' ' + e.feature if e else 'no candidate'} {err:.0f} km")
    table = format_table(rows, args.e2e)
    print(table)
    if args.write:
        write_results("geocode", table)


def format_table(rows: list[dict], e2e: bool) -> str:
    head = ("| corpus | toponyms | candidates exist | acc@161 ours | acc@161 population peer | mean km ours "
            "(found) | median km ours | mean km peer | Mordecai3 anchor |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['n']} | {r['cover']:.3f} | **{r['acc']:.3f}** | {r['peer']:.3f} | "
                     f"{r['mean']:.0f} | {r['median']:.0f} | {r['peer_mean']:.0f} | "
                     f"{r['anchor'] if r['anchor'] else '-'} |")
    if e2e:
        lines += ["", "| corpus | detection P | detection R | R without gold demonyms | gold that are demonyms "
                      "| acc@161 end to end | articles/s |", "|---|---|---|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['corpus']} | {r['p']:.3f} | {r['r']:.3f} | {r['r_places']:.3f} | {r['demonyms']:.3f} | "
                         f"**{r['e2e']:.3f}** | {r['e2e_speed']:.1f} |")
        lines += ["", "Demonyms (\"Iraqi\", \"Palestinians\") are gold toponyms in these corpora; newsbrief keeps them "
                      "as country evidence, not as places, so they count as misses in the end-to-end columns."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
