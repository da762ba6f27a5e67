"""Gold entity mentions and cross-document entity identity from MEANTIME English (NewsReader).

    .venv/bin/python bench/meantime_entities.py [ROOT]

Reads the CAT XML files of the corpus's ``intra_cross-doc_annotation/corpus_{airbus,apple,gm,stock}/``
(120 Wikinews articles; schema ``MEANTIME_NWR.xsd``). ROOT is the corpus folder
(default ``../shared/data/meantime-en`` beside the repo, as in the other benches) or the ``intra_cross-doc_annotation`` folder itself.

Format of a file: ``<Document doc_id=...>`` holds ``<token t_id sentence number>`` elements (one word each,
already tokenised), ``<Markables>`` with ``ENTITY_MENTION`` (``token_anchor t_id`` children,
``syntactic_type`` NAM/NOM/PRO/APP/CONJ/PRE.NAM/... - absent or empty on about half of the mentions),
``ENTITY`` (no anchors; ``ent_type`` PER/ORG/LOC/PRO/FIN/MIX, ``instance_id`` = cross-document id, also
listed in ``list_instances.csv``, optional DBpedia ``external_ref``) and ``TIMEX3`` (the DCT has
``functionInDocument="CREATION_TIME"``), and ``<Relations>`` where ``REFERS_TO`` links mention
sources to an ENTITY target. A mention's type and instance come from its REFERS_TO target.

``load(root)`` returns one dict per document::

    {"id": doc_id, "topic": "corpus_airbus" | ..., "dct": "YYYY-MM-DD" | None,
     "text": tokens joined by " " within a sentence, sentences joined by "\\n",
     "mentions": [{"start", "end", "type", "syntactic_type", "instance",
                   "external_ref", "entity", ["parts"]}]}

The text is the corpus tokenisation (``Boeing 's``, ``( EADS )``), not the original article layout;
sentence 0 is the headline, sentence 1 usually the date line. Offsets index this text, and
``text[start:end]`` is the mention's tokens from the first to the last anchored token, joined as in
the text. Mention fields:

- ``type``: the target ENTITY's ``ent_type``; None when the mention has no REFERS_TO link.
- ``syntactic_type``: as annotated; None when the attribute is absent or empty.
- ``instance``: the ENTITY's cross-document ``instance_id`` (e.g. ``ORG37154719725500990``, the same id
  in every document that mentions that entity); None for unlinked mentions and for the few entities
  annotated only within one document. It is not the DBpedia link, which is missing for many
  instances and not always unique (``"no er"``, China as LOC and as ORG).
- ``external_ref``: the ENTITY's ``external_ref`` as given (mostly a DBpedia URL), else None.
- ``entity``: ``"<doc id>/<ENTITY m_id>"``, the document-level coreference chain (set even when
  ``instance`` is None), else None.
- ``parts``: only on discontinuous mentions (anchors skipping tokens, e.g. ``Mobile , Alabama``
  anchored on "Mobile" and "Alabama"): the ``[start, end]`` of each contiguous run of anchored tokens.
  ``start``/``end`` then cover the whole range, gap included.

A mention with two REFERS_TO targets (2 in the corpus) keeps the one with a cross-document
``instance_id``, else the first in file order. Mentions without token anchors (1) are dropped.
``dct`` is the TIMEX3 with ``functionInDocument="CREATION_TIME"`` (one written DD-MM-YYYY is
normalised); 2 documents have none (their date line is not used). Files that fail to parse are
skipped with a message on stderr.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "meantime-en"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DMY = re.compile(r"(\d{2})-(\d{2})-(\d{4})$")  # one DCT is written "03-02-2009" (dated February 03, 2009)


def _files(root: Path) -> list[Path]:
    root = Path(root)
    base = root / "intra_cross-doc_annotation"
    if not base.is_dir():
        base = root
    return sorted(base.glob("corpus_*/*.xml")) or sorted(base.glob("*.xml"))


def _load_file(path: Path) -> dict:
    doc = ET.parse(path).getroot()
    doc_id = doc.get("doc_id") or path.stem.split("_", 1)[0]

    # Text from tokens; remember each token's char span and position.
    parts: list[str] = []
    span: dict[str, tuple[int, int]] = {}
    pos: dict[str, int] = {}
    offset = 0
    prev_sent = None
    for i, tok in enumerate(doc.iter("token")):
        word = tok.text or ""
        sent = tok.get("sentence")
        if i:
            sep = " " if sent == prev_sent else "\n"
            parts.append(sep)
            offset += 1
        prev_sent = sent
        span[tok.get("t_id")] = (offset, offset + len(word))
        pos[tok.get("t_id")] = i
        parts.append(word)
        offset += len(word)
    text = "".join(parts)

    markables = doc.find("Markables")
    if markables is None:
        markables = ET.Element("Markables")
    entities = {e.get("m_id"): e for e in markables.iter("ENTITY")}

    dct = None
    for timex in markables.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value") or ""
            m, dmy = _DATE.match(value), _DMY.match(value)
            if m or dmy:
                dct = m.group(0) if m else f"{dmy.group(3)}-{dmy.group(2)}-{dmy.group(1)}"
                break

    # REFERS_TO: mention m_id -> ENTITY m_id (prefer a target with a cross-doc instance id).
    target: dict[str, str] = {}
    relations = doc.find("Relations")
    for rel in (relations.iter("REFERS_TO") if relations is not None else ()):
        tgt_el = rel.find("target")
        tgt = tgt_el.get("m_id") if tgt_el is not None else None
        if tgt not in entities:
            continue  # event coreference
        for src in rel.iter("source"):
            sid = src.get("m_id")
            old = target.get(sid)
            if old is None or (not entities[old].get("instance_id") and entities[tgt].get("instance_id")):
                target[sid] = tgt

    mentions = []
    for em in markables.iter("ENTITY_MENTION"):
        anchors = sorted({a.get("t_id") for a in em.iter("token_anchor") if a.get("t_id") in span},
                         key=pos.__getitem__)
        if not anchors:
            continue
        ent = entities.get(target.get(em.get("m_id")))
        mention = {
            "start": span[anchors[0]][0],
            "end": span[anchors[-1]][1],
            "type": (ent.get("ent_type") or None) if ent is not None else None,
            "syntactic_type": em.get("syntactic_type") or None,
            "instance": (ent.get("instance_id") or None) if ent is not None else None,
            "external_ref": (ent.get("external_ref") or None) if ent is not None else None,
            "entity": f"{doc_id}/{ent.get('m_id')}" if ent is not None else None,
        }
        runs = [[span[anchors[0]][0], span[anchors[0]][1]]]
        for prev, cur in zip(anchors, anchors[1:]):
            if pos[cur] == pos[prev] + 1:
                runs[-1][1] = span[cur][1]
            else:
                runs.append([span[cur][0], span[cur][1]])
        if len(runs) > 1:
            mention["parts"] = runs
        mentions.append(mention)
    mentions.sort(key=lambda m: (m["start"], -m["end"]))

    return {"id": doc_id, "topic": path.parent.name, "dct": dct, "text": text, "mentions": mentions}


def load(root: Path) -> list[dict]:
    """One dict per MEANTIME English document, with gold entity mentions (see module docstring)."""
    docs = []
    files = _files(Path(root))
    if not files:
        print(f"meantime_entities: no MEANTIME XML files under {root}", file=sys.stderr)
    for path in files:
        try:
            docs.append(_load_file(path))
        except Exception as exc:  # noqa: BLE001 - skip a bad file, keep the rest
            print(f"meantime_entities: skipped {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return docs


def _self_check(root: Path, docs: list[dict]) -> int:
    """Re-read the XML and check every span against its anchored tokens; returns mentions checked."""
    by_id = {d["id"]: d for d in docs}
    checked = 0
    for path in _files(root):
        try:
            doc = ET.parse(path).getroot()
        except Exception:  # noqa: BLE001 - already reported by load()
            continue
        d = by_id.get(doc.get("doc_id") or path.stem.split("_", 1)[0])
        if d is None:
            continue
        toks = list(doc.iter("token"))
        idx = {t.get("t_id"): i for i, t in enumerate(toks)}
        expected = Counter()
        for em in doc.iter("ENTITY_MENTION"):
            ids = sorted({idx[a.get("t_id")] for a in em.iter("token_anchor") if a.get("t_id") in idx})
            if not ids:
                continue
            covered = " ".join(t.text or "" for t in toks[ids[0]:ids[-1] + 1])
            anchored = " ".join(toks[i].text or "" for i in ids)
            expected[(covered, anchored)] += 1
        got = Counter()
        for m in d["mentions"]:
            covered = d["text"][m["start"]:m["end"]].replace("\n", " ")
            pieces = m.get("parts", [[m["start"], m["end"]]])
            anchored = " ".join(d["text"][s:e] for s, e in pieces).replace("\n", " ")
            got[(covered, anchored)] += 1
            checked += 1
        assert got == expected, (d["id"], (got - expected), (expected - got))
    return checked


def main(argv: list[str]) -> None:
    import time

    root = Path(argv[1]) if len(argv) > 1 else DEFAULT_ROOT
    t0 = time.perf_counter()
    docs = load(root)
    elapsed = time.perf_counter() - t0
    checked = _self_check(root, docs)

    mentions = [m for d in docs for m in d["mentions"]]
    print(f"documents: {len(docs)} ({', '.join(f'{k} {v}' for k, v in sorted(Counter(d['topic'] for d in docs).items()))}); "
          f"without DCT: {sum(d['dct'] is None for d in docs)}; loaded in {elapsed:.2f}s")
    print(f"mentions: {len(mentions)} (span check passed for {checked}); "
          f"discontinuous: {sum('parts' in m for m in mentions)}; "
          f"with cross-doc instance: {sum(m['instance'] is not None for m in mentions)}")

    table = Counter((m["type"] or "-", m["syntactic_type"] or "-") for m in mentions)
    types = sorted({t for t, _ in table}, key=lambda t: (t == "-", t))
    synts = sorted({s for _, s in table}, key=lambda s: (s == "-", s))
    width = max([6, *(len(s) for s in synts)])
    print("\nmentions by type (rows) x syntactic_type (columns; '-' = none)")
    print("type ".ljust(6) + "".join(s.rjust(width + 1) for s in synts) + "total".rjust(width + 1))
    for t in types:
        row = [table[(t, s)] for s in synts]
        print(t.ljust(6) + "".join(str(v).rjust(width + 1) for v in row) + str(sum(row)).rjust(width + 1))
    cols = [sum(table[(t, s)] for t in types) for s in synts]
    print("total ".ljust(6) + "".join(str(v).rjust(width + 1) for v in cols) + str(sum(cols)).rjust(width + 1))

    inst_docs: dict[str, set[str]] = defaultdict(set)
    inst_type: dict[str, str] = {}
    for d in docs:
        for m in d["mentions"]:
            if m["instance"]:
                inst_docs[m["instance"]].add(d["id"])
                inst_type[m["instance"]] = m["type"]
    multi = [i for i, ds in inst_docs.items() if len(ds) >= 2]
    print(f"\ncross-doc instances with mentions: {len(inst_docs)}; in >=2 documents: {len(multi)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(inst_type[i] for i in multi).items()))})")


if __name__ == "__main__":
    main(sys.argv)
