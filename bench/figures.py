"""Figures (numbers with unit, counted noun, qualifier and claimant): scores against hand labels on the dev
corpora (bench/labels/figures_dev.jsonl).

    .venv/bin/python bench/figures.py [--errors N] [--write]

The labels are article ids and character offsets into the corpus `text` (no copied text), made by reading
25 articles from 18 DUC 2006 and Timeline17 topics (tolls, epidemics, protests, budgets, elections, a
submarine), independently of the extractor. Lines with `stretch_start`/`stretch_end` give the labelled
stretch of each article (every figure in it is labelled); the other lines are figures:
    start/end   the number words or digits only: "26", "nine", "two million", "a few hundred", "1, 500-2000"
    value       26, 9, 2000000, 300; a range ("between 270 and 480 million", "6-11 degrees") spans both
                numbers, value is the low end and `high` the high end; a vague word has its nominal value
                and a band `low`..`high` (dozens 24, 24-99). Any value in the band counts as right.
    unit        null for counts, else percent, USD, CNY, RUB, km, miles, m, km/h, tons, g, celsius
    counts      the counted noun as written, 1-4 words, head noun included (elided nouns are taken from
                the antecedent: "36 servicemen were killed and another 74 injured" -> 74 "servicemen")
    measure     killed (any death), wounded (injured, hurt, beaten), casualties (killed or wounded together),
                missing, displaced (refugees, migrants fleeing, homeless), arrested (detained, in custody),
                cases (infected, sick, birds testing positive), people (any other count of people),
                money, share (percentages), physical (distance, depth, weight, speed, temperature),
                other (things: attacks, ships, countries, votes)
    qualifier   null, at least, more than (over), about (some, an estimated, around), up to (as many as,
                no more than, not exceeding), almost (nearly), fewer than (less than), between (ranges)
    claimant    who the text says claims it (subject of said/reported/told/estimated/announced, source of
                "according to", speaker of a quote holding it, a pronoun or nominal resolved to its name),
                with the offsets of its nearest naming mention; null when the article says it on its own
                authority.

Labelling conventions worth knowing:
- Not figures: years, dates, times of day, durations ("three weeks", "18-hour", "up to 120 days"), ages,
  ordinals ("a seventh attempt", "a third is being sought"), identifiers ("Concorde 95", "LR5"), page counts
  ("102-page"), rankings ("top 100"), "zero" in idioms, "no one", "one" as a pronoun, in "one of the"
  or as a ratio unit ("one bird for every 80 grams"), fractions ("nearly half of them"), and bare vague
  words ("several people", "many").
- Figures: counts in words, vague round counts (nominal value and band: dozens 24 (24-99), scores 40
  (40-99), hundreds 200 (200-999), thousands 2000 (2000-9999), tens of thousands 20000 (20000-99999),
  a few / several hundred 300 (200-900), several thousand 3000 (2000-9000); qualifier null), "N-strong"
  ("9,000-strong mission"), counts used as nouns ("The seven were arrested"), repeated
  mentions of the same toll, and currency conversions in brackets ("200 million yuan (dlrs 24.2 million)"),
  labelled as figures of their own with the claimant of the figure they convert.
- "from 10 to 39" (a change) is two figures; "140 yuan to 380 yuan", "1-2 kilometers", "between 100 and
  150" (a range) is one, spanning both numbers.
- Claimants are sentence-level: the attribution must be in the figure's sentence (or the quote holding it);
  a number in the sentence after "X said" is null. With nested sources the one reported as saying it wins
  ("Interfax cited the Interior Ministry press service as saying" -> the press service; "according to the
  military's data ..., said Yastrzhembsky" -> Yastrzhembsky). Geographic asides inside a reported sentence
  ("250 kilometers (150 miles) south of Beijing") are the writer's: null. Passive "is said", "are believed",
  "according to unconfirmed reports" are null. Nominal claimants are kept as written ("Activists", "state
  officials", "UN observers"); "a human rights group said" resolves to the group named nearby.

Scores. Our figures come from the public path (`newsbrief.pipeline.analyse` over `newsbrief.model.Article`s
built from the corpus text and published date). A prediction and a label pair up when the prediction's
citation overlaps the labelled number (one to one):
- extraction P/R/F1: a pair counts when the values also agree (within 0.5%, or inside the labelled band);
  precision counts only predictions overlapping a labelled stretch. "span only" F1 ignores the value.
- value accuracy: among span pairs, values that agree.
- unit, qualifier, claimant accuracy: among matched pairs (gold null must be predicted null; qualifier and
  unit spellings are normalised: "over" = "more than", "%" = percent, "$" = USD, "tonnes" = tons).
  Claimant names agree as quote speakers do in bench/quotes.py (folded names equal, one containing the
  other, or same last word, -isation = -ization), or when one is the other's acronym (WHO, CEC).
- claimant accuracy over all gold: misses count as wrong. The same over the attributed subset.
The peer in the same run is spaCy NER: CARDINAL, PERCENT, MONEY and QUANTITY entities as figures, values
parsed simply (digits, commas, million/billion, small number words), qualifier from the entity's leading
words, claimant the nearest PERSON/ORG/NORP/GPE entity before the figure in its sentence, else null.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes import same_speaker  # the quote benchmark's name rule, shared
from speed import write_results

ROOT = Path(__file__).resolve().parent
DATA = ROOT.parents[1] / "shared" / "data"
LABELS = ROOT / "labels" / "figures_dev.jsonl"
CORPORA = ("duc2006", "timeline17")

QUALIFIERS = {
    "over": "more than", "more than": "more than", "above": "more than", "in excess of": "more than",
    "some": "about", "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "nearly": "almost", "almost": "almost",
    "close to": "almost", "at least": "at least", "no fewer than": "at least", "up to": "up to",
    "as many as": "up to", "no more than": "up to", "not exceeding": "up to", "fewer than": "fewer than",
    "less than": "fewer than", "under": "fewer than", "between": "between",
}
UNITS = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD", "dlrs": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "€": "EUR", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "ruble": "RUB", "rubles": "RUB", "rub": "RUB",
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "mile": "miles", "miles": "miles", "mi": "miles", "m": "m", "meter": "m", "meters": "m", "metre": "m",
    "metres": "m", "km/h": "km/h", "kph": "km/h", "ton": "tons", "tons": "tons", "tonne": "tons",
    "tonnes": "tons", "t": "tons", "g": "g", "gram": "g", "grams": "g", "kg": "kg", "kilogram": "kg",
    "kilograms": "kg", "celsius": "celsius", "°c": "celsius", "c": "celsius", "degrees": "celsius",
    "degrees centigrade": "celsius", "degrees celsius": "celsius",
}
SMALL = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                       "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                       "seventeen", "eighteen", "nineteen"])}
SMALL.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90})
VAGUE = {"dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
SCALE = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12}


# ---------------------------------------------------------------- data


def load_labels() -> tuple[list[dict], dict[tuple, tuple[int, int]]]:
    figures, stretches = [], {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            key = (row["corpus"], row["topic"], row["article"])
            if "stretch_start" in row:
                stretches[key] = (row["stretch_start"], row["stretch_end"])
            else:
                figures.append(row)
    return figures, stretches


def corpus_articles(keys: set[tuple]) -> dict[tuple, dict]:
    out = {}
    for corpus in CORPORA:
        with open(DATA / corpus / f"{corpus}.jsonl", encoding="utf-8") as f:
            for line in f:
                topic = json.loads(line)
                for a in topic["articles"]:
                    if (corpus, topic["id"], a["id"]) in keys:
                        out[(corpus, topic["id"], a["id"])] = a
    return out


# ---------------------------------------------------------------- comparing


def fold_words(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w%$£€°/ ]+", " ", (text or "").lower()).split())


def norm_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    key = fold_words(unit) or unit.strip().lower()
    return UNITS.get(key, UNITS.get(unit.strip().lower(), unit.strip()))


def norm_qualifier(q: str | None) -> str | None:
    return QUALIFIERS.get(fold_words(q), fold_words(q) or None) if q else None


def value_agrees(value, gold: dict) -> bool:
    """Within 0.5% of the labelled value, or inside the labelled band (a range's ends, a vague word's reading)."""
    if value is None:
        return False
    try:
        value = float(value)
    except (TypeError, ValueError):
        return False
    if abs(value - gold["value"]) <= 0.005 * abs(gold["value"]):
        return True
    low, high = gold.get("low", gold["value"]), gold.get("high")
    return high is not None and low * 0.995 <= value <= high * 1.005


def acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", name) if w.lower() not in ("of", "the", "for", "and", "in")]
    return "".join(w[0] for w in words).lower()


def same_claimant(ours: str | None, gold: str | None) -> bool:
    if gold is None:
        return not ours
    if not ours:
        return False
    a, b = (re.sub(r"isation\b", "ization", n.replace(" 's", "'s")) for n in (ours, gold))
    if same_speaker(a, b):
        return True
    def bare(name: str) -> str:
        return re.sub(r"[^a-z]", "", name.lower())
    return (len(bare(a)) >= 2 and bare(a) == acronym(b)) or (len(bare(b)) >= 2 and bare(b) == acronym(a))


def head_word(counts: str | None) -> str:
    """"pools of mosquitoes" -> "pool", "ships and other vessels" -> "ship", "taxi drivers" -> "driver"."""
    words = re.split(r" (?:of|and) ", fold_words(counts))[0].split()
    return words[-1].rstrip("s") if words else ""


def overlaps(p: dict, g: dict) -> bool:
    return p["start"] < g["end"] and g["start"] < p["end"]


def pair_up(preds: list[dict], golds: list[dict]) -> tuple[dict[int, int], dict[int, int]]:
    """One-to-one pairs by span overlap, value-agreeing pairs first: (strict, span-only) gold -> pred."""
    strict: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and overlaps(p, g) and value_agrees(p["value"], g):
                strict[gi] = pi
                used.add(pi)
                break
    span = dict(strict)
    for gi, g in enumerate(golds):
        if gi in span:
            continue
        for pi, p in enumerate(preds):
            if pi not in used and overlaps(p, g):
                span[gi] = pi
                used.add(pi)
                break
    return strict, span


# ---------------------------------------------------------------- systems


def ours(items: list[tuple[tuple, dict]]) -> tuple[dict[tuple, list[dict]], float]:
    from newsbrief.model import Article
    from newsbrief.pipeline import analyse

    def article(key, a):
        published = (a.get("date") or "")[:10] or None
        return Article(id=a["id"], source=f"{key[0]}/{key[1]}/{a['id']}", text=a["text"],
                       published=published if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None)

    analyse([Article(id="warm-up", source="-", text="Three people were killed, police said.")])  # loads
    t0 = time.perf_counter()
    results = analyse([article(key, a) for key, a in items])
    seconds = time.perf_counter() - t0
    out = {}
    for (key, _a), result in zip(items, results, strict=True):
        out[key] = [{"start": f.citation.start, "end": f.citation.end, "value": f.value, "unit": f.unit,
                     "counts": f.counts, "qualifier": getattr(f, "qualifier", None), "claimant": f.claimed_by}
                    for f in result.figures]
    return out, seconds


def parse_value(text: str) -> float | None:
    """The peer's simple value parser: digits with commas, million/billion, small number words; a range
    gives its low end ("270 and 480 million": the high end's scale applies to the low one)."""
    total = None
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", re.sub(r"(?<=\d)-(?=\d)", " to ", text.lower()).replace("-", " "))
    for i, w in enumerate(words):
        if total is not None and (w[0].isdigit() or w in ("and", "to", "or")):
            scale = next((SCALE[x] for x in words[i:] if x in SCALE), 1)
            return total * scale if total < 1000 else total
        if w[0].isdigit():
            total = float(w.replace(",", ""))
        elif w in SCALE:
            total = (total or 1) * SCALE[w]
        elif w in SMALL:
            total = SMALL[w] if total is None else total + SMALL[w]
        elif w in VAGUE and total is None:
            total = VAGUE[w]
    return total


def peer_unit(label: str, text: str) -> str | None:
    low = text.lower()
    if label == "PERCENT":
        return "percent"
    if label == "MONEY":
        for sign, unit in (("$", "USD"), ("£", "GBP"), ("€", "EUR")):
            if sign in low:
                return unit
    if label in ("MONEY", "QUANTITY"):
        for word in sorted(UNITS, key=len, reverse=True):
            if len(word) > 1 and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", low):
                return UNITS[word]
    return "USD" if label == "MONEY" else None


def peer_qualifier(text: str) -> str | None:
    low = fold_words(text)
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if low.startswith(q + " "):
            return QUALIFIERS[q]
    return None


def peer(items: list[tuple[tuple, dict]]) -> tuple[dict[tuple, list[dict]], float]:
    from newsbrief.analyse.nlp import names_of
    from newsbrief.analyse.sentences import split_sentences

    names_of(["Warm up."])
    t0 = time.perf_counter()
    texts = [a["text"] for _k, a in items]
    out = {}
    for (key, _a), text, names in zip(items, texts, names_of(texts), strict=True):
        sentences = split_sentences(text)
        found = []
        for n in names:
            if n.label not in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
                continue
            sentence = next((s for s in sentences if s.start <= n.start < s.end), None)
            lo = sentence.start if sentence else 0
            before = [m for m in names if m.label in ("PERSON", "ORG", "NORP", "GPE") and lo <= m.start and m.end <= n.start]
            after = re.match(r"\s*([A-Za-z-]+)", text[n.end:])
            found.append({"start": n.start, "end": n.end, "value": parse_value(n.text),
                          "unit": peer_unit(n.label, n.text), "qualifier": peer_qualifier(n.text),
                          "counts": after.group(1) if after else None,
                          "claimant": before[-1].text if before else None})
        out[key] = found
    return out, time.perf_counter() - t0


# ---------------------------------------------------------------- scoring


def score(preds: dict[tuple, list[dict]], figures: list[dict], stretches: dict) -> dict:
    by_key: dict[tuple, list[dict]] = {}
    for g in figures:
        by_key.setdefault((g["corpus"], g["topic"], g["article"]), []).append(g)
    s = {k: 0 for k in ("gold", "pred", "strict", "span", "value_ok", "unit_ok", "qual_ok", "claim_ok",
                        "att", "att_strict", "att_claim_ok", "counts_ok")}
    errors = {"miss": [], "extra": [], "claimant": []}
    for key, golds in by_key.items():
        lo, hi = stretches.get(key, (0, 10 ** 9))
        mine = [p for p in preds.get(key, []) if p["start"] < hi and lo < p["end"]]
        strict, span = pair_up(mine, golds)
        s["gold"] += len(golds)
        s["pred"] += len(mine)
        s["strict"] += len(strict)
        s["span"] += len(span)
        s["value_ok"] += sum(value_agrees(mine[pi]["value"], golds[gi]) for gi, pi in span.items())
        for gi, g in enumerate(golds):
            attributed = g["claimant"] is not None
            s["att"] += attributed
            if gi not in strict:
                errors["miss"].append((key, g, mine[span[gi]] if gi in span else None))
                continue
            p = mine[strict[gi]]
            s["att_strict"] += attributed
            s["unit_ok"] += norm_unit(p["unit"]) == norm_unit(g["unit"])
            s["qual_ok"] += norm_qualifier(p["qualifier"]) == norm_qualifier(g["qualifier"])
            head = head_word(g["counts"])
            s["counts_ok"] += bool(head) and head in fold_words(p.get("counts"))
            ok = same_claimant(p["claimant"], g["claimant"])
            s["claim_ok"] += ok
            s["att_claim_ok"] += ok and attributed
            if not ok:
                errors["claimant"].append((key, g, p))
        paired = set(span.values())
        errors["extra"] += [(key, None, p) for pi, p in enumerate(mine) if pi not in paired]
    return s | {"errors": errors}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def f1(hit: int, pred: int, gold: int) -> str:
    p, r = (hit / pred if pred else 0.0), (hit / gold if gold else 0.0)
    return f"{2 * p * r / (p + r):.3f}" if p + r else "0.000"


def table(figures: list[dict], n_articles: int, n_topics: int, a: dict, b: dict, secs: tuple[float, float]) -> str:
    words = sum(g["_text"][:1].isalpha() for g in figures)
    qualified = sum(g["qualifier"] is not None for g in figures)
    def row(name: str, ours_: str, peer_: str) -> str:
        return f"| {name} | {ours_} | {peer_} |"

    rows = [
        row("measure", "ours", "spaCy NER peer"), "|---|---|---|",
        row("labelled figures", f"{len(figures)} in {n_articles} articles, {n_topics} topics ({a['att']} attributed, "
            f"{words} in words, {qualified} with a qualifier)", ""),
        row("predicted inside labelled stretches", str(a["pred"]), str(b["pred"])),
        row("extraction precision", ratio(a["strict"], a["pred"]), ratio(b["strict"], b["pred"])),
        row("extraction recall", ratio(a["strict"], a["gold"]), ratio(b["strict"], b["gold"])),
        row("**extraction F1** (span overlap + value within 0.5%)", f"**{f1(a['strict'], a['pred'], a['gold'])}**",
            f1(b["strict"], b["pred"], b["gold"])),
        row("F1, span overlap only", f1(a["span"], a["pred"], a["gold"]), f1(b["span"], b["pred"], b["gold"])),
        row("value accuracy (span pairs)", ratio(a["value_ok"], a["span"]), ratio(b["value_ok"], b["span"])),
        row("unit accuracy (matched)", ratio(a["unit_ok"], a["strict"]), ratio(b["unit_ok"], b["strict"])),
        row("qualifier accuracy (matched)", ratio(a["qual_ok"], a["strict"]), ratio(b["qual_ok"], b["strict"])),
        row("counted noun's head word found (matched)", ratio(a["counts_ok"], a["strict"]),
            ratio(b["counts_ok"], b["strict"])),
        row("claimant accuracy (matched)", ratio(a["claim_ok"], a["strict"]), ratio(b["claim_ok"], b["strict"])),
        row("**claimant accuracy, all gold** (misses wrong)", f"**{ratio(a['claim_ok'], a['gold'])}**",
            ratio(b["claim_ok"], b["gold"])),
        row(f"attributed ({a['att']}): recall", ratio(a["att_strict"], a["att"]), ratio(b["att_strict"], b["att"])),
        row("attributed: claimant accuracy (matched)", ratio(a["att_claim_ok"], a["att_strict"]),
            ratio(b["att_claim_ok"], b["att_strict"])),
        row("attributed: claimant accuracy, all (misses wrong)", ratio(a["att_claim_ok"], a["att"]),
            ratio(b["att_claim_ok"], b["att"])),
        row("ms per article", f"{1000 * secs[0] / n_articles:.0f} (whole analyse, spaCy included)",
            f"{1000 * secs[1] / n_articles:.0f} (NER + sentences)"),
    ]
    return "\n".join(rows)


def show_errors(kind: str, rows: list, texts: dict, n: int) -> None:
    if not rows or n <= 0:
        return
    print(f"\n{kind} ({len(rows)}, showing {min(n, len(rows))}):")
    for key, g, p in rows[:n]:
        text = texts[key]
        lo, hi = (g["start"], g["end"]) if g else (p["start"], p["end"])
        where = f"{key[1]}/{key[2]}@{lo}"
        context = f"…{text[max(0, lo - 60):lo]}⟦{text[lo:hi]}⟧{text[hi:hi + 50]}…".replace("\n", " ")
        gold = f"gold {g['value']:g} {g['unit'] or ''} q={g['qualifier']} by={g['claimant']!r}" if g else "no gold"
        ours_ = (f"pred {p['value']} {p['unit'] or ''} q={p['qualifier']} by={p['claimant']!r} "
                 f"[{text[p['start']:p['end']]!r}]") if p else "NOT FOUND"
        print(f"- {where}: {gold} | {ours_}\n    {context}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind (stdout only)")
    parser.add_argument("--write", action="store_true", help="update the figures table in bench/RESULTS.md")
    args = parser.parse_args()
    missing = [c for c in CORPORA if not (DATA / c / f"{c}.jsonl").exists()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found under {DATA}")
        return
    figures, stretches = load_labels()
    keys = sorted({(g["corpus"], g["topic"], g["article"]) for g in figures} | set(stretches))
    articles = corpus_articles(set(keys))
    absent = [k for k in keys if k not in articles]
    if absent:
        sys.exit(f"labelled articles not in the corpora: {absent[:5]}")
    texts = {k: articles[k]["text"] for k in keys}
    for g in figures:
        g["_text"] = texts[(g["corpus"], g["topic"], g["article"])][g["start"]:g["end"]]
    items = [(k, articles[k]) for k in keys]
    our_preds, our_secs = ours(items)
    peer_preds, peer_secs = peer(items)
    a, b = score(our_preds, figures, stretches), score(peer_preds, figures, stretches)
    result = table(figures, len(keys), len({k[:2] for k in keys}), a, b, (our_secs, peer_secs))
    print(result)
    for system, s in (("ours", a), ("peer", b)):
        if args.errors:
            print(f"\n======== {system}")
        show_errors("misses (gold without a value-agreeing prediction)", s["errors"]["miss"], texts, args.errors)
        show_errors("false positives (predictions overlapping no label, inside stretches)", s["errors"]["extra"],
                    texts, args.errors)
        show_errors("wrong claimants (matched figures)", s["errors"]["claimant"], texts, args.errors)
    if args.write:
        write_results("figures", result + "\n\nLabels made by reading (bench/labels/figures_dev.jsonl, conventions in "
                      "the script's docstring); matched = spans overlap and values agree. Peer: spaCy's "
                      "CARDINAL/PERCENT/MONEY/QUANTITY entities, claimant the nearest name before them in the sentence.")
        path = ROOT / "RESULTS.md"   # write_results titles a new section by its key; give ours a capital
        path.write_text(path.read_text(encoding="utf-8").replace("\n## figures\n", "\n## Figures\n"), encoding="utf-8")


if __name__ == "__main__":
    main()
