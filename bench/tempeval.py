"""TIMEX3 value accuracy on TempEval-3 (and MEANTIME), with the naive dateparser peer in the same run.

    .venv/bin/python bench/tempeval.py [--split dev|test|all] [--write] [--errors N]

dev = the TempEval-3 training data (TimeBank + AQUAINT): tune here. test = te3-platinum and MEANTIME:
measure only. Two measures, for DATE expressions (the kind a timeline is built from):
- gold spans: the gold expression is given; is its value right? (accuracy)
- end to end: our own expressions against gold, relaxed span match; value F1 (P and R count an
  expression right when its span overlaps a gold one of the same value).
The published anchor is HeidelTime's TempEval-3 value F1 of 0.776 (all types, end to end).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import write_results  # noqa: E402

from newsbrief.analyse import split_sentences  # noqa: E402
from newsbrief.analyse.times import find_times, reference_date, resolve_in_order  # noqa: E402
from newsbrief.analyse.times.detect import find_expressions  # noqa: E402
from newsbrief.model import Article  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SPLITS = {"dev": ["train-TimeBank", "train-AQUAINT"], "test": ["test-platinum", "meantime"]}


def load_docs() -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = {}
    with open(DATA / "tempeval3" / "timex3_gold.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.setdefault(d["split"], []).append(
                {"id": d["id"], "dct": d["dct"], "text": d["text"], "gold": d["timex3"]})
    meantime = DATA / "meantime-en" / "meantime_en_timex_entities.jsonl"
    if meantime.exists():
        with open(meantime, encoding="utf-8") as f:
            for line in f:
                docs.setdefault("meantime", []).append(_meantime(json.loads(line)))
    return docs


def _meantime(d: dict) -> dict:
    """MEANTIME gives tokens (ids numbered through the document); rebuild the text and char spans."""
    spans, parts, offset, token_id = {}, [], 0, 1
    for sentence in d["sentences"]:
        for token in sentence.split(" "):
            spans[token_id] = (offset, offset + len(token))
            parts.append(token + " ")
            offset += len(token) + 1
            token_id += 1
        parts[-1] = parts[-1][:-1] + "\n"
    text = "".join(parts)
    gold = []
    for t in d["timex3"]:
        if t["token_ids"]:
            start, end = spans[t["token_ids"][0]][0], spans[t["token_ids"][-1]][1]
            gold.append({"type": t["type"], "value": t["value"], "start": start, "end": end, "text": text[start:end]})
    created = next((t["value"] for t in d["timex3"] if t.get("function") == "CREATION_TIME"), None)
    dct = d["dct"] or created
    if dct and re.fullmatch(r"\d\d-\d\d-\d{4}", dct):      # one document writes DD-MM-YYYY
        dct = f"{dct[6:]}-{dct[3:5]}-{dct[:2]}"
    return {"id": d["id"], "dct": dct, "text": text, "gold": gold}


def article(doc: dict) -> Article:
    return Article(id=doc["id"], source=doc["id"], text=doc["text"], published=(doc["dct"] or "")[:10] or None)


def ours(doc: dict):
    a = article(doc)
    return a, find_times(a, split_sentences(a.text))


def gold_span_values(doc: dict, gold: list[dict]) -> list[str | None]:
    """Our values for given gold spans: each span's words read in place, in one pass over the text
    with our own other expressions, so that anchors and tense are what the full pipeline would use."""
    a = article(doc)
    sentences = split_sentences(a.text)
    given = {}
    for i, g in enumerate(gold):
        inside = sorted(find_expressions(a.text, g["start"], g["end"]), key=lambda e: e.start - e.end)
        if inside:
            given[id(inside[0])] = i
            given.setdefault("exprs", []).append(inside[0])
    chosen = given.pop("exprs", [])
    exprs = [e for e in find_expressions(a.text)
             if not any(g["start"] < e.end and e.start < g["end"] for g in gold)] + chosen
    exprs.sort(key=lambda e: e.start)
    values: list[str | None] = [None] * len(gold)
    for expr, resolved in resolve_in_order(a.text, exprs, sentences, reference_date(a)[0]):
        if id(expr) in given:
            values[given[id(expr)]] = resolved.value
    return values


def peer_parse(text: str, dct: str) -> str | None:
    import dateparser
    settings = {"RELATIVE_BASE": datetime.fromisoformat(dct[:10]), "PREFER_DATES_FROM": "past"} if dct else {}
    d = dateparser.parse(text, languages=["en"], settings=settings)
    return d.date().isoformat() if d else None


def peer_search(doc: dict) -> list[tuple[int, int, str]]:
    from dateparser.search import search_dates
    settings = ({"RELATIVE_BASE": datetime.fromisoformat(doc["dct"][:10]), "PREFER_DATES_FROM": "past"}
                if doc["dct"] else {})
    found, pos = [], 0
    for text, when in search_dates(doc["text"], languages=["en"], settings=settings) or []:
        start = doc["text"].find(text, pos)
        if start >= 0:
            found.append((start, start + len(text), when.date().isoformat()))
            pos = start + len(text)
    return found


def f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def end_to_end(pred: list[tuple[int, int, str]], gold: list[dict]) -> tuple[int, int, int]:
    correct = 0
    for s, e, v in pred:
        if any(g["start"] < e and s < g["end"] and g["value"] == v for g in gold):
            correct += 1
    return correct, len(pred), len(gold)


def evaluate(docs: list[dict], errors: int, types=("DATE",)) -> dict:
    acc = [0, 0]
    e2e, e2e_all, peer_e2e = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    peer_acc = [0, 0]
    shown = 0
    for doc in docs:
        a, times = ours(doc)
        gold = [g for g in doc["gold"] if g["type"] in types]
        for g, value in zip(gold, gold_span_values(doc, gold)):
            acc[0] += value == g["value"]
            acc[1] += 1
            peer_acc[0] += peer_parse(g["text"], doc["dct"]) == g["value"]
            peer_acc[1] += 1
            if value != g["value"] and shown < errors:
                shown += 1
                ctx = a.text[max(0, g["start"] - 60):g["end"] + 40].replace("\n", " ")
                print(f"  {doc['dct'][:10]} {g['text']!r}: gold {g['value']} ours {value}  | {ctx}", file=sys.stderr)
        for total, pred, gl in ((e2e, [(t.start, t.end, t.value) for t in times if t.type in types], gold),
                                (e2e_all, [(t.start, t.end, t.value) for t in times], doc["gold"]),
                                (peer_e2e, peer_search(doc), gold)):
            c, p, g_ = end_to_end(pred, gl)
            total[0] += c
            total[1] += p
            total[2] += g_
    return {"n": acc[1], "acc": acc[0] / max(1, acc[1]), "peer_acc": peer_acc[0] / max(1, peer_acc[1]),
            "e2e": f1(*e2e), "e2e_all": f1(*e2e_all), "peer_e2e": f1(*peer_e2e)}


def speed(docs: list[dict]) -> tuple[float, float]:
    """Expressions per second of the time stage alone (one core), and its share of sentences + times."""
    prepared = [(article(d), split_sentences(d["text"])) for d in docs]
    runs = []
    for _ in range(5):
        start, count = time.perf_counter(), 0
        for a, sentences in prepared:
            count += len(find_times(a, sentences))
        runs.append((time.perf_counter() - start, count))
    seconds = statistics.median(r[0] for r in runs)
    start = time.perf_counter()
    for d in docs:
        split_sentences(d["text"])
    sentence_seconds = time.perf_counter() - start
    return runs[0][1] / seconds, seconds / (seconds + sentence_seconds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--errors", type=int, default=0, help="print this many gold-span errors (dev only!)")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    docs = load_docs()
    names = SPLITS["dev"] + SPLITS["test"] if args.split == "all" else SPLITS[args.split]
    rows = ["| data | DATE gold | value acc., gold spans (ours) | (dateparser) | DATE value F1 end to end (ours) "
            "| (dateparser) | all types value F1 (ours) |", "|---|---|---|---|---|---|---|"]
    for name in names:
        if name not in docs:
            continue
        r = evaluate(docs[name], args.errors if name.startswith("train") else 0)
        rows.append(f"| {name} | {r['n']} | {r['acc']:.3f} | {r['peer_acc']:.3f} | "
                    f"{r['e2e'][2]:.3f} (P {r['e2e'][0]:.2f} R {r['e2e'][1]:.2f}) | {r['peer_e2e'][2]:.3f} | "
                    f"{r['e2e_all'][2]:.3f} |")
    every = [d for n in names for d in docs.get(n, [])]
    rate, share = speed(every)
    table = "\n".join(rows) + (f"\n\nSpeed: {rate:,.0f} expressions/s on one core (median of 5); the time stage is "
                               f"{share:.0%} of sentence splitting + time tagging.")
    print(table)
    if args.write:
        write_results("tempeval", table)


if __name__ == "__main__":
    main()
