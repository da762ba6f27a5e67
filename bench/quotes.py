"""Quote speakers: accuracy against hand labels on the dev corpora (bench/labels/quotes_dev.jsonl).

    .venv/bin/python bench/quotes.py [--errors N] [--write]

The labels are article ids and character offsets into the corpus text (no copied text), made by reading,
independently of this code. For each labelled quote we look for one of our quotes overlapping its span:
- found: share of labelled quotes we extract (recall);
- speaker accuracy: among labelled quotes with a speaker, share whose speaker we name right. A speaker
  is right when the folded names match, or one's last word is the other's (surname), or one contains the
  other ("the ministry" / "Interior Ministry"). Quotes we miss count as wrong.
- precision: our quotes inside the labelled stretch of each article that overlap no label.
The peer in the same run is the nearest-name baseline: the closest PERSON or ORG named before the quote
in its sentence or the one before (what a simple quote tool does).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import write_results  # noqa: E402

from newsbrief import gazetteer as gazetteers  # noqa: E402
from newsbrief.analyse.nlp import names_of  # noqa: E402
from newsbrief.analyse.people import people_and_quotes  # noqa: E402
from newsbrief.analyse.places import find_toponyms  # noqa: E402
from newsbrief.analyse.sentences import split_sentences  # noqa: E402
from newsbrief.gazetteer.names import fold  # noqa: E402

ROOT = Path(__file__).resolve().parent
DATA = ROOT.parents[1] / "shared" / "data"
LABELS = ROOT / "labels" / "quotes_dev.jsonl"


def articles(labels: list[dict]) -> dict[tuple[str, str, str], str]:
    wanted = {(l["corpus"], l["topic"], l["article"]) for l in labels}
    out = {}
    for corpus in ("duc2006", "timeline17"):
        with open(DATA / corpus / f"{corpus}.jsonl", encoding="utf-8") as f:
            for line in f:
                topic = json.loads(line)
                for a in topic["articles"]:
                    if (corpus, topic["id"], a["id"]) in wanted:
                        out[(corpus, topic["id"], a["id"])] = a["text"]
    return out


def same_speaker(ours: str | None, gold: str) -> bool:
    if not ours:
        return False
    a = re.sub(r"^(?:the|a|an)\s+", "", fold(ours))
    b = re.sub(r"^(?:the|a|an)\s+", "", fold(gold))
    if a == b or a in b or b in a:
        return True
    return a.split()[-1] == b.split()[-1]


def nearest_name(text: str, start: int, names) -> str | None:
    before = [n for n in names if n.end <= start and start - n.end < 300 and n.label in ("PERSON", "ORG")]
    return before[-1].text if before else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = articles(labels)
    keys = sorted(texts)
    gazetteer = gazetteers.default()
    t0 = time.time()
    all_names = names_of([texts[k] for k in keys])
    ours = {}
    for key, names in zip(keys, all_names, strict=True):
        text = texts[key]
        places = [(t.start, t.end) for t in find_toponyms(text, names, gazetteer)]
        _entities, quotes, _mentions = people_and_quotes(key[2], text, split_sentences(text), names, places)
        ours[key] = (quotes, names)
    seconds = time.time() - t0
    found = right = peer_right = with_speaker = 0
    errors = []
    for label in labels:
        key = (label["corpus"], label["topic"], label["article"])
        quotes, names = ours[key]
        match = next((q for q in quotes if q.citation.start < label["end"] and label["start"] < q.citation.end), None)
        found += match is not None
        if label["speaker"]:
            with_speaker += 1
            ok = match is not None and same_speaker(match.speaker, label["speaker"])
            right += ok
            peer_right += same_speaker(nearest_name(texts[key], label["start"], names), label["speaker"])
            if not ok:
                errors.append((label, match))
    extra = total = 0
    for key, (quotes, _names) in ours.items():
        mine = [l for l in labels if (l["corpus"], l["topic"], l["article"]) == key]
        last = max(l["end"] for l in mine)
        inside = [q for q in quotes if q.citation.end <= last + 1]
        total += len(inside)
        extra += sum(not any(q.citation.start < l["end"] and l["start"] < q.citation.end for l in mine) for q in inside)
    table = "\n".join([
        "| measure | ours | nearest-name peer |", "|---|---|---|",
        f"| labelled quotes | {len(labels)} ({with_speaker} with a speaker) | |",
        f"| quotes found (recall) | {found / len(labels):.3f} | - |",
        f"| precision inside the labelled stretch | {1 - extra / max(1, total):.3f} | - |",
        f"| **speaker accuracy** | **{right / with_speaker:.3f}** | {peer_right / with_speaker:.3f} |",
        f"| articles/s (spaCy included) | {len(keys) / seconds:.1f} | |"])
    print(table)
    for label, match in errors[:args.errors]:
        text = texts[(label["corpus"], label["topic"], label["article"])]
        print(f"- [{label['cue']}/{label['kind']}] gold {label['speaker']!r} ours "
              f"{(match.speaker if match else 'NOT FOUND')!r}: …{text[max(0, label['start'] - 100):label['start']]!r}⟦"
              f"{text[label['start']:label['end']][:80]!r}⟧{text[label['end']:label['end'] + 80]!r}")
    if args.write:
        write_results("quotes", table)


if __name__ == "__main__":
    main()
