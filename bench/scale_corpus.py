"""A corpus for the throughput benchmark: n synthetic news articles (1k, 10k, 100k) as partitioned JSON Lines.

The text is the dev corpora's, put together at run time and written outside the repo (never committed):

- The articles and their re-publications come from bench/syndication_corpus.generate (imported, not
  copied): originals from DUC 2006, Timeline17 and ECB+ topics 1-20, whole topics at a time; about 35% of
  the articles are re-publications of an original (wire copy: trimmed, re-ordered, re-spelled, a dateline
  added or cut, clutter and "Reporting by" tails, a paraphrased lead, spliced with another report of the
  same story), so wire paragraphs are shared between outlets as they are in real coverage. Past the pool
  (about 6,000 originals) the pool is recycled as new "generations" with the words permuted within
  frequency bands, which keeps the word statistics, lengths and topic structure.
- TempEval-3's training articles (TimeBank and AQUAINT, 256 news stories with their creation dates) join
  the pool as originals of one-article topics.
- On top, what a crawl of many outlets looks like: each article gets an outlet (the originals a wire
  service or a national paper, the copies a re-publisher), a title (its lead's first words), a URL, a
  publication time (a date and a local time with a UTC offset, or a date only), a byline for some; a
  share of the articles (10% by default) come as web pages in `html` (navigation, the article in
  paragraphs, a footer), so that the HTML extraction is part of the measure; a share of originals are
  cut short (briefs), so lengths range from a few sentences to 60.

    python bench/scale_corpus.py 10000 /tmp/corpus-10k        # 10 files of 1,000 articles
    python bench/scale_corpus.py 1000 /tmp/c --per-file 250 --html-share 0

The same n and seed give the same corpus.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import syndication_corpus as syndication  # (bench/ is not a package)

TE3 = syndication.DATA / "tempeval3" / "timex3_gold.jsonl"
TE3_SPLITS = ("train-TimeBank", "train-AQUAINT")     # the platinum test split is left alone
HTML_SHARE = 0.10
BRIEF_SHARE = 0.15                 # originals cut to their first 2-4 paragraphs
BYLINE_SHARE = 0.4
DATE_ONLY_SHARE = 0.3
WIRES = ["Continental Press Agency", "Global Wire Service", "North Atlantic News Agency"]
NATIONALS = ["The Morning Ledger", "Daily Chronicle", "The National Observer", "Evening Standard-Times",
             "The Capital Gazette", "World Report Weekly"]
REPUBLISHERS = ["Riverside Daily", "Hill County News", "Lakeshore Online", "Valley Tribune", "Metro Digest",
                "Harbour Town Echo", "Plains Herald", "Coastline Today", "Mountain View Post", "Capital Brief",
                "Newsfeed Central", "The Aggregator", "Portside Bulletin", "Midland Times", "Southern Star Online"]
SECTIONS = ["World", "Politics", "Business", "Science", "Sport", "Opinion", "Local"]
OFFSETS = ["+00:00", "+01:00", "-05:00", "+02:00", "-08:00", "+05:30", "+09:00"]


def extended_pool(seed: int = 0) -> syndication.Pool:
    """The syndication pool of originals plus TempEval-3's training articles."""
    from newsbrief.analyse.sentences import split_sentences

    pool = syndication.load_pool(seed)
    sentences, originals = list(pool.sentences), list(pool.originals)
    if TE3.exists():
        with open(TE3, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("split") not in TE3_SPLITS:
                    continue
                paragraphs = []
                for para in (p.strip() for p in doc["text"].split("\n")):
                    units = [re.sub(r"\s+", " ", para[s.start:s.end]).strip() for s in split_sentences(para)] if para else []
                    ids = []
                    for unit in (u for u in units if u):
                        ids.append(len(sentences))
                        sentences.append(unit)
                    if ids:
                        paragraphs.append(ids)
                if sum(len(p) for p in paragraphs) >= syndication.MIN_UNITS:
                    originals.append(syndication.Original("tempeval3", f"tempeval3:{doc['id']}", f"tempeval3:{doc['id']}",
                                                          doc["dct"][:10], paragraphs))
    return syndication.Pool(sentences, originals, dict(pool.counts))


def articles(n: int, seed: int = 0, html_share: float = HTML_SHARE):
    """n article records (dicts in the JSON Lines input format), in a shuffled crawl order."""
    corpus = syndication.generate(n, seed=seed, pool=extended_pool(seed))
    rng = random.Random(f"scale:{seed}:{n}")
    topic_wire = {}
    for k, g in enumerate(corpus.articles):
        text = g.article.text
        if not g.copy and rng.random() < BRIEF_SHARE:
            paragraphs = text.split("\n\n")
            text = "\n\n".join(paragraphs[:rng.randint(2, 4)])
        if g.copy:
            outlet = rng.choice(REPUBLISHERS)
        else:
            outlet = topic_wire.setdefault(g.topic, rng.choice(WIRES)) if rng.random() < 0.5 else rng.choice(NATIONALS)
        published = _stamp(g.article.published, rng)
        lead = text.split("\n\n", 1)[0]
        title = " ".join(re.sub(r"^[A-Z][A-Z .,'-]+\([^)]*\)\s*-\s*", "", lead).split()[:rng.randint(6, 12)]).rstrip(",;:")
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])
        record = {"id": f"s{k:06d}", "url": f"https://{_host(outlet)}/{published[:4]}/{published[5:7]}/{slug}",
                  "title": title, "outlet": outlet, "published": published}
        if rng.random() < BYLINE_SHARE:
            record["byline"] = rng.choice(syndication.NAMES)
        if rng.random() < html_share:
            record["html"] = _page(record, text, rng)
        else:
            record["text"] = text
        yield record


def _stamp(day: str, rng: random.Random) -> str:
    if rng.random() < DATE_ONLY_SHARE:
        return day
    return f"{day}T{rng.randint(5, 22):02d}:{rng.choice((0, 5, 15, 30, 42, 50)):02d}:00{rng.choice(OFFSETS)}"


def _host(outlet: str) -> str:
    return "-".join(re.findall(r"[a-z]+", outlet.lower())) + ".example"


def _page(record: dict, text: str, rng: random.Random) -> str:
    nav = " ".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    byline = f'<p class="byline">By {escape(record["byline"])}</p>' if "byline" in record else ""
    related = "".join(f'<li><a href="/{rng.randint(1000, 9999)}">{escape(s)} news</a></li>' for s in rng.sample(SECTIONS, 3))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(record["title"])} | '
            f'{escape(record["outlet"])}</title><meta property="og:site_name" content="{escape(record["outlet"])}">'
            f'<meta property="article:published_time" content="{record["published"]}"></head><body>'
            f'<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{escape(record["title"])}</h1>'
            f'{byline}<time datetime="{record["published"]}">{record["published"][:10]}</time>\n{body}\n</article>'
            f'<aside><h2>Related</h2><ul>{related}</ul></aside></main>'
            f'<footer><p>&copy; {escape(record["outlet"])}. All rights reserved.</p><a href="/privacy">Privacy</a>'
            f'</footer></body></html>')


def write(n: int, folder: str | Path, *, per_file: int = 1000, seed: int = 0, html_share: float = HTML_SHARE) -> list[Path]:
    """The corpus as JSON Lines files of `per_file` articles each: folder/part-00000.jsonl, ..."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    records = articles(n, seed, html_share)
    while chunk := list(itertools.islice(records, per_file)):
        files.append(folder / f"part-{len(files):05d}.jsonl")
        with open(files[-1], "w", encoding="utf-8") as out:
            out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in chunk)
    return files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("folder")
    p.add_argument("--per-file", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--html-share", type=float, default=HTML_SHARE)
    args = p.parse_args(argv)
    started = time.perf_counter()
    files = write(args.n, args.folder, per_file=args.per_file, seed=args.seed, html_share=args.html_share)
    size = sum(f.stat().st_size for f in files)
    print(f"{args.n} articles in {len(files)} file(s), {size / 1e6:.1f} MB, in {time.perf_counter() - started:.1f} s: "
          f"{args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["articles", "extended_pool", "write"]
