"""A syndication test corpus with ground truth, generated in memory from the dev corpora.

Nothing here is written into the repo: the text comes from ../shared/data at benchmark time. The parsed
pool of originals (below, steps 1-4) is cached as a pickle in the system temp folder, outside the repo,
because reading, splitting and checking 30 MB of text takes about 100 s; the corpus itself is generated in memory, and the same
`seed` gives the same corpus.

Originals (the pool)
1. Articles of the dev corpora: DUC 2006 (50 topics, 1,250 articles, paragraphs as given), Timeline17
   (17 topic/outlet collections, 4,650 articles, one pre-tokenised sentence per line: detokenised and
   grouped into paragraphs of 1-3 lines) and ECB+ topics 1-20 (40 clusters, 413 articles, tokenised
   sentences: detokenised, the URL line dropped, paragraphs of 1-3). Sentences ("units") are syntok's
   split of each paragraph, the splitter newsbrief uses.
2. Page chrome out: a unit whose normalised text (lower case, [a-z0-9] tokens, "U.S." as "us") occurs in
   3 or more different articles (a site's comment-policy or newsletter line) is
   boilerplate of the source site, not part of the article, and is removed before anything else.
3. Articles are cut to their first 60 units (Timeline17 has transcripts of 7,000 lines; news copy is
   shorter), and articles left with fewer than 4 units of 6 words or more are dropped.
4. No shared text between originals. The real corpora share sentences between different articles: the
   same story filed twice, a wire's updated version, a background paragraph repeated for weeks, one AP
   story carried by several ECB+ outlets, a photo credit. Such pairs would be gold that nobody recorded.
   So, before generating, every pair of sentences of 6+ words is checked, without a quadratic loop:
   equal normalised text (a hash), or, for pairs that share two or more word trigrams (an inverted index;
   trigrams in more than 400 sentences are not indexed), bigram Jaccard 0.4 or more, or 70% or more of
   the shorter one's 8+ bigrams in the other. That is looser than newsbrief's own test (Jaccard 0.5, or
   80% of the shorter one's 10+ bigrams), so that nothing the detector should call a copy is left
   between originals. The originals are then visited in a seeded random order: a sentence shared with an
   original already kept is removed from the later one, and an original that would lose more than half
   of its sentences (a duplicate or an updated version) is dropped; an article's own repeat of one of its
   sentences (Timeline17 runs headline and standfirst together) goes too. `pool.counts` has the figures.
   What same-story originals still share is what independent reports of one story share (names,
   places, short phrases, a quote inside different sentences): the hard negatives. Topics are kept
   together (below), so those articles sit side by side in every corpus.

Corpus of n articles (`generate`)
- About 35% of the articles are copies ("re-publications"); the rest are originals. The originals are
  taken a whole topic at a time, in a seeded order, each next topic from the corpus with the fewest
  originals so far (ECB+ articles, undated, get 2012-06-01; copies are dated 0-2 days after). Copied
  originals get 1-4 copies each (45/30/15/10%).
- When the pool runs out (the 10k and 100k speed runs), it is recycled as a new "generation": every
  word outside a fixed list (the 60 most frequent words, and the spellings, transliterations, number
  words, cities and agencies the edits below use) is replaced by another word of about the same corpus
  frequency, through a random permutation within frequency bands (a band at frequency rank r spans r/2
  ranks, at least 32: wide, so that two generations rarely map a word alike), one permutation per
  generation. A generation is thus a new corpus with
  the same word and phrase statistics, the same topic structure (the same name maps to the same
  stand-in throughout a generation) and no shared text with other generations beyond the fixed words. A
  sentence that the permutation leaves close to its source (bigram Jaccard 0.25 or more, or 25% of its
  trigrams unchanged: "In 1992, 279 died; in 2004, 527", numbers are not words) is left out of the
  recycled original: two generations' versions of one sentence share its fixed words, and such a
  skeleton plus a word that two permutations happen to map alike made near-copies at 100k.
- Each copy applies, each with its probability, several of these edits:
  splice (10% of copies): paragraphs of two originals of one topic (the first 40-70% of one, then a
  run from the second one's body); trim (35%): the last paragraphs dropped; new lead (15%): the first
  paragraph dropped and a paraphrase of its first sentence as a new lead; re-order (30%): one or two
  paragraphs moved; paraphrase (50%): one sentence of 8+ words reworded until its word-bigram Jaccard
  with the source is below 0.3 (clauses reversed, synonyms, a word dropped or an adverb added: a crude,
  mechanical paraphrase, but no longer near-verbatim); word edits (50%): 20% of the sentences of 8+
  words get one or two word-level edits (a word dropped, inserted or replaced); spellings (50%): one
  house style applied throughout (U.S./US, -ise/-ize and British/American spellings, per cent/percent,
  numbers as words or digits, Mr./Mr, transliterations such as Gaddafi/Gadhafi/Qaddafi, Deir
  ez-Zor/Deir Ezzor, al-Qaeda/al-Qaida); dateline (40%): a stamp such as "BEIRUT (AFP) - " added, or the
  source's stamp trimmed; clutter (50%): 1-3 clutter paragraphs inserted ("Advertisement", "Read more:
  ...", newsletter and share lines, copyright notices), and (30%) a "(Reporting by ...; Editing by ...)"
  tail. A "Read more:" or "Related:" line quotes the first 5-9 words of the lead of another original of
  the same story, as a related-story link does with a headline.

Ground truth: every generated article lists its units with their character spans in `Article.text`,
their source sentence id (`sid`, None for clutter), their kind ("text": an original sentence, verbatim
or edited; "paraphrase": reworded, including new leads; "clutter") and the edits applied to each, and
the source word count (`words`). Originals carry their own sentences, as kind "text".
"""
from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import random
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DUC = DATA / "duc2006" / "duc2006.jsonl"
T17 = DATA / "timeline17" / "timeline17.jsonl"
ECB = DATA / "ecbplus" / "ecbplus_docs.jsonl"
ECB_TOPICS = range(1, 21)          # the dev topics; 21-45 are kept for tests elsewhere

BOILERPLATE_ARTICLES = 3           # a unit in this many articles is page chrome
MAX_UNITS = 60
MIN_UNITS = 4
MIN_WORDS = 6                      # shorter sentences are not scored
RECYCLED_CLOSE = 0.25              # a recycled sentence this close to its source (bigram Jaccard or
                                   # trigram containment) keeps too much of it: left out
NEAR_JACCARD = 0.4                 # two originals share a sentence at this bigram Jaccard ...
NEAR_CONTAINED, NEAR_CONTAINED_MIN = 0.7, 8   # ... or when this share of the shorter one's 8+ bigrams is in the other
COMMON_TRIGRAM = 400               # trigrams in more units than this are not indexed
COPY_SHARE = 0.35
COPIES_PER_ORIGINAL = ((1, 0.45), (2, 0.30), (3, 0.15), (4, 0.10))
P = {"splice": 0.10, "trim": 0.35, "new-lead": 0.15, "reorder": 0.30, "paraphrase": 0.50, "word": 0.50,
     "spelling": 0.50, "dateline": 0.40, "clutter": 0.50, "tail": 0.30}
WORD_EDIT_SHARE = 0.20
PARAPHRASE_JACCARD = 0.3
FIXED_TOP = 60                     # the most frequent words are left alone by the recycling permutation
BAND = 32                          # the narrowest frequency band; a band at rank r spans r/2 ranks


# ---------------------------------------------------------------- normalising (independent of newsbrief)

_TOKEN = re.compile(r"[a-z0-9]+")
_DOTTED = (("u.s.", "us"), ("u.k.", "uk"), ("u.n.", "un"), ("e.u.", "eu"))


def norm_words(text: str) -> list[str]:
    text = text.lower()
    for dotted, plain in _DOTTED:
        text = text.replace(dotted, plain)
    return _TOKEN.findall(text)


def bigram_jaccard(a: str, b: str) -> float:
    wa, wb = norm_words(a), norm_words(b)
    sa, sb = set(itertools.pairwise(wa)), set(itertools.pairwise(wb))
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def near_copies(a: list[str], b: list[str]) -> bool:
    """Looser than newsbrief's own test (bigram Jaccard 0.5, or 80% of the shorter's 10+ bigrams)."""
    sa, sb = set(itertools.pairwise(a)), set(itertools.pairwise(b))
    common = len(sa & sb)
    if not common:
        return False
    if common / (len(sa) + len(sb) - common) >= NEAR_JACCARD:
        return True
    shorter = min(len(sa), len(sb))
    return shorter >= NEAR_CONTAINED_MIN and common / shorter >= NEAR_CONTAINED


def _trigrams(tokens: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(tokens, tokens[1:], tokens[2:]))


# ---------------------------------------------------------------- reading the dev corpora

def detokenise(line: str, hyphens: bool = False) -> str:
    """Penn-Treebank-tokenised text back to running text."""
    s = line.strip()
    for tok, ch in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}")):
        s = s.replace(tok, ch)
    s = s.replace("\\/", "/")
    s = re.sub(r"``\s*", '"', s)
    s = re.sub(r"\s*''", '"', s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s, flags=re.IGNORECASE)
    s = re.sub(r" ([,.;:!?%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$]) ", r"\1", s)
    if hyphens:
        s = re.sub(r"(?<=\w) - (?=\w)", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def _paragraphs_of(lines: list[str], rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(lines):
        k = rng.choice((1, 1, 2, 2, 3))
        out.append(" ".join(lines[i:i + k]))
        i += k
    return out


def read_dev_corpora() -> list[dict]:
    """Raw articles: {corpus, topic, id, published, paragraphs}."""
    docs = []
    with open(DUC, encoding="utf-8") as f:
        for line in f:
            topic = json.loads(line)
            for a in topic["articles"]:
                paras = [re.sub(r"\s+", " ", p).strip() for p in a["text"].split("\n\n")]
                docs.append({"corpus": "duc2006", "topic": topic["id"], "id": a["id"], "published": a["date"],
                             "paragraphs": [p for p in paras if p]})
    with open(T17, encoding="utf-8") as f:
        for line in f:
            topic = json.loads(line)
            for a in topic["articles"]:
                lines = [detokenise(x) for x in a["text"].split("\n") if x.strip()]
                rng = random.Random(f"t17:{topic['id']}:{a['id']}")
                docs.append({"corpus": "timeline17", "topic": topic["id"], "id": a["id"], "published": a["date"],
                             "paragraphs": _paragraphs_of(lines, rng)})
    with open(ECB, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["topic"] not in ECB_TOPICS:
                continue
            lines = [detokenise(s, hyphens=True) for s in d["sentences"]
                     if s.strip() and not re.search(r"https?\s*:|www\s*\.|\.\s*html?\b", s)]
            rng = random.Random(f"ecb:{d['id']}")
            docs.append({"corpus": "ecbplus", "topic": d["cluster"], "id": d["id"], "published": "2012-06-01",
                         "paragraphs": _paragraphs_of(lines, rng)})
    return docs


# ---------------------------------------------------------------- the pool of originals

@dataclass
class Original:
    corpus: str
    topic: str
    key: str
    published: str
    paragraphs: list[list[int]]        # sentence ids into Pool.sentences


@dataclass
class Pool:
    sentences: list[str]
    originals: list[Original]
    counts: dict = field(default_factory=dict)


def _pool_cache_path(seed: int) -> Path:
    source = Path(__file__).read_text(encoding="utf-8")
    digest = hashlib.sha1(source[:source.index("# " + "-" * 64 + " edits")].encode())   # the pool's code
    for p in (DUC, T17, ECB):
        st = p.stat()
        digest.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    folder = Path(tempfile.gettempdir()) / "newsbrief-bench-syndication"
    return folder / f"pool-{seed}-{digest.hexdigest()[:12]}.pickle"


def load_pool(seed: int = 0) -> Pool:
    path = _pool_cache_path(seed)
    if path.exists():
        with open(path, "rb") as f:
            return pickle.load(f)
    pool = build_pool(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(pool, f, protocol=pickle.HIGHEST_PROTOCOL)
    return pool


def build_pool(seed: int = 0) -> Pool:
    from newsbrief.analyse.sentences import split_sentences

    docs = read_dev_corpora()
    counts: dict = {"read": Counter(d["corpus"] for d in docs)}
    # units, per paragraph
    for d in docs:
        units = []
        for p in d["paragraphs"]:
            units.append([re.sub(r"\s+", " ", p[s.start:s.end]).strip() for s in split_sentences(p)])
        d["units"] = [[u for u in para if u] for para in units]
    # page chrome: a normalised unit in 3+ articles
    seen: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(docs):
        for para in d["units"]:
            for u in para:
                seen[" ".join(norm_words(u))].add(i)
    chrome = {k for k, v in seen.items() if len(v) >= BOILERPLATE_ARTICLES}
    removed = 0
    for d in docs:
        kept = []
        for para in d["units"]:
            para2 = [u for u in para if " ".join(norm_words(u)) not in chrome]
            removed += len(para) - len(para2)
            if para2:
                kept.append(para2)
        d["units"] = kept
    counts["chrome units removed"] = removed
    # cut and filter
    usable = []
    for d in docs:
        paras, n = [], 0
        for para in d["units"]:
            if n >= MAX_UNITS:
                break
            para = para[:MAX_UNITS - n]
            paras.append(para)
            n += len(para)
        d["units"] = paras
        if sum(len(norm_words(u)) >= MIN_WORDS for para in paras for u in para) >= MIN_UNITS:
            usable.append(d)
    counts["too short"] = Counter(d["corpus"] for d in docs) - Counter(d["corpus"] for d in usable)
    # shared sentences between originals: found with an inverted index over trigrams, then the sentence
    # removed from the later original, or the whole original dropped when it is mostly shared text
    rng = random.Random(f"pool:{seed}")
    rng.shuffle(usable)
    unit_at: list[tuple[int, int, int]] = []            # (doc, paragraph, position)
    unit_words: list[list[str]] = []
    by_text: dict[str, int] = {}
    index: dict[tuple, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, d in enumerate(usable):
        for p, para in enumerate(d["units"]):
            for s, u in enumerate(para):
                toks = norm_words(u)
                if len(toks) < MIN_WORDS:
                    continue
                k = len(unit_at)
                unit_at.append((i, p, s))
                unit_words.append(toks)
                key = " ".join(toks)
                if key in by_text:
                    pairs.add((by_text[key], k))
                else:
                    by_text[key] = k
                for t in _trigrams(toks):
                    index[t].append(k)
    common: Counter = Counter()
    for postings in index.values():
        if 2 <= len(postings) <= COMMON_TRIGRAM:
            for x in range(len(postings)):
                for y in range(x + 1, len(postings)):
                    common[(postings[x], postings[y])] += 1
    del index
    for (a, b), c in common.items():
        if c >= 2 and near_copies(unit_words[a], unit_words[b]):
            pairs.add((a, b))
    del common
    partners: dict[int, list[int]] = defaultdict(list)
    repeats: set[int] = set()           # a sentence an article repeats (Timeline17: headline, then standfirst)
    for a, b in pairs:
        if unit_at[a][0] != unit_at[b][0]:
            partners[a].append(b)
            partners[b].append(a)
        else:
            repeats.add(max(a, b))
    kept_units: set[int] = set()
    kept_docs = []
    removed_units = dropped_docs = repeats_removed = 0
    unit_ids: dict[tuple[int, int, int], int] = {at: k for k, at in enumerate(unit_at)}
    for i, d in enumerate(usable):
        mine = [k for k in (unit_ids.get((i, p, s)) for p, para in enumerate(d["units"]) for s in range(len(para)))
                if k is not None]
        shared = {k for k in mine if any(j in kept_units for j in partners.get(k, ()))}
        repeated = {k for k in mine if k in repeats and k not in shared}
        if len(shared) * 2 > len(mine) or len(mine) - len(shared) - len(repeated) < MIN_UNITS:
            dropped_docs += 1
            continue
        kept_units.update(k for k in mine if k not in shared and k not in repeated)
        gone = {unit_at[k][1:] for k in shared | repeated}
        repeats_removed += len(repeated)
        d["units"] = [para2 for p, para in enumerate(d["units"])
                      if (para2 := [u for s, u in enumerate(para) if (p, s) not in gone])]
        removed_units += len(shared)
        kept_docs.append(d)
    counts["shared sentence pairs between originals"] = len(pairs)
    counts["sentences removed: shared with a kept original"] = removed_units
    counts["sentences removed: repeated within their article"] = repeats_removed
    counts["dropped: mostly shared with kept originals"] = \
        Counter(d["corpus"] for d in usable) - Counter(d["corpus"] for d in kept_docs)
    kept_docs.sort(key=lambda d: (d["corpus"], d["topic"], d["published"], d["id"]))
    sentences: list[str] = []
    originals = []
    for d in kept_docs:
        paras = []
        for para in d["units"]:
            ids = []
            for u in para:
                ids.append(len(sentences))
                sentences.append(u)
            paras.append(ids)
        originals.append(Original(d["corpus"], f"{d['corpus']}:{d['topic']}", f"{d['corpus']}:{d['id']}",
                                  d["published"], paras))
    counts["originals"] = Counter(o.corpus for o in originals)
    counts["sentences"] = len(sentences)
    counts["topics"] = len({o.topic for o in originals})
    return Pool(sentences, originals, {k: dict(v) if isinstance(v, Counter) else v for k, v in counts.items()})


# ---------------------------------------------------------------- edits

# house styles: (one spelling, the other); a copy picks a direction per family
SPELLING_FAMILIES = {
    "dotted": [("U.S.", "US"), ("U.N.", "UN"), ("U.K.", "UK")],
    "british": [("organisation", "organization"), ("organise", "organize"), ("recognise", "recognize"),
                ("criticise", "criticize"), ("apologise", "apologize"), ("realise", "realize"),
                ("authorise", "authorize"), ("mobilise", "mobilize"), ("stabilise", "stabilize"),
                ("hospitalised", "hospitalized"), ("privatisation", "privatization"), ("emphasise", "emphasize"),
                ("characterise", "characterize"), ("legalise", "legalize"), ("minimise", "minimize"),
                ("colour", "color"), ("favour", "favor"), ("labour", "labor"), ("neighbour", "neighbor"),
                ("honour", "honor"), ("behaviour", "behavior"), ("centre", "center"), ("theatre", "theater"),
                ("defence", "defense"), ("offence", "offense"), ("licence", "license"), ("programme", "program"),
                ("travelling", "traveling"), ("cancelled", "canceled"), ("jewellery", "jewelry"), ("grey", "gray"),
                ("analyse", "analyze"), ("paralysed", "paralyzed"), ("catalogue", "catalog"), ("fulfil", "fulfill")],
    "percent": [("per cent", "percent")],
    "honorific": [("Mr.", "Mr"), ("Mrs.", "Mrs"), ("Dr.", "Dr")],
    "compound": [("e-mail", "email"), ("Web site", "website"), ("health care", "healthcare"),
                 ("cease-fire", "ceasefire"), ("Internet", "internet")],
}
TRANSLITERATIONS = [("Gaddafi", "Gadhafi", "Qaddafi", "Kadhafi"), ("Moammar", "Muammar", "Moamer"),
                    ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zor"), ("al-Qaeda", "al-Qaida", "al Qaeda"),
                    ("Hezbollah", "Hizbollah", "Hizballah"), ("Kiev", "Kyiv"), ("Misrata", "Misurata"),
                    ("Benghazi", "Bengazi"), ("Nouri al-Maliki", "Nuri al-Maliki"), ("Moqtada", "Muqtada"),
                    ("Fallujah", "Falluja"), ("Shiite", "Shia"), ("Koran", "Quran"), ("Mohammed", "Muhammad"),
                    ("Osama bin Laden", "Usama bin Laden"), ("Ahmadinejad", "Ahmadinezhad"),
                    ("Port-au-Prince", "Port au Prince"), ("Bashar al-Assad", "Bashar Assad"),
                    ("Tripoli", "Tarabulus"), ("Zawiyah", "Zawiya"), ("Ajdabiya", "Ajdabiyah")]
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
SYNONYMS = {"said": "stated", "says": "states", "killed": "left dead", "people": "individuals",
            "government": "authorities", "president": "head of state", "announced": "made public",
            "more than": "over", "at least": "no fewer than", "about": "roughly", "because": "since",
            "but": "however", "after": "following", "before": "prior to", "also": "in addition",
            "will": "is set to", "would": "was going to", "told": "informed", "officials": "authorities",
            "police": "law enforcement", "attack": "assault", "country": "nation", "city": "town",
            "help": "assist", "big": "large", "large": "sizeable", "many": "numerous", "said on": "stated on",
            "began": "started", "start": "begin", "wanted": "sought", "want": "seek", "show": "indicate",
            "showed": "indicated", "week": "seven days", "called": "described", "tried": "attempted",
            "try": "attempt", "need": "require", "needed": "required", "get": "obtain", "got": "obtained",
            "made": "produced", "make": "produce", "used": "employed", "use": "employ", "found": "discovered",
            "find": "discover", "took": "seized", "take": "seize", "asked": "requested", "gave": "provided",
            "give": "provide", "went": "travelled", "saw": "witnessed", "see": "witness", "thought": "believed",
            "think": "believe", "known": "recognised", "important": "significant", "major": "key",
            "leader": "chief", "leaders": "chiefs", "group": "organisation", "forces": "troops",
            "fighting": "combat", "area": "region", "children": "youngsters", "money": "funds",
            "company": "firm", "increase": "rise", "decided": "resolved", "continue": "carry on",
            "expected": "anticipated", "reported": "stated", "reports": "accounts", "near": "close to",
            "during": "in the course of", "while": "whereas", "however": "nonetheless", "now": "at present"}
FILLERS = ["also", "now", "still", "reportedly", "meanwhile", "however,", "then", "currently", "already", "again"]
CITIES = ["BEIRUT", "WASHINGTON", "LONDON", "CAIRO", "TRIPOLI", "DAMASCUS", "BAGHDAD", "NEW YORK", "PARIS",
          "GENEVA", "MEXICO CITY", "PORT-AU-PRINCE", "LOS ANGELES", "HOUSTON", "BENGHAZI", "AMMAN", "BRUSSELS"]
AGENCIES = ["AFP", "Reuters", "AP", "dpa", "Xinhua", "UPI"]
NAMES = ["Sarah Miller", "Ahmed Hassan", "John Kemp", "Laila Bassam", "Tom Perry", "Maria Golovnina",
         "Andrew Roche", "Dominic Evans", "Peter Graff", "Alison Williams", "Khaled Yacoub Oweis",
         "Mariam Karouny", "Jon Hemming", "Giles Elgood", "Janet McBride", "David Stamp", "Yara Bayoumy"]
OUTLETS = ["The Daily Courier", "World News Network", "Global Times Herald", "Metro Wire", "The Sentinel"]
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}(?:,\s*[A-Z][a-z]+\.?)?\s*(?:\([A-Za-z .]{1,25}\))?\s*[_—–-]{1,2}\s+")


def clutter_line(rng: random.Random, headline: str) -> str:
    name, outlet = rng.choice(NAMES), rng.choice(OUTLETS)
    return rng.choice([
        "Advertisement", "ADVERTISEMENT", f"Read more: {headline}", f"READ MORE: {headline}",
        f"Sign up for the {outlet} newsletter to get the latest news delivered to your inbox.",
        "Share this article: Facebook Twitter Email", f"Follow {name} on Twitter.",
        f"Click here to subscribe to {outlet} for ${rng.randint(1, 9)}.99 a month.",
        f"© {rng.randint(2005, 2013)} {outlet}. All rights reserved.",
        f"This article was originally published by {rng.choice(AGENCIES)}.",
        ("Copyright 2011 The Associated Press. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed."),
        f"Related: {headline}", "Story continues below", f"Photo: {name}/{rng.choice(AGENCIES)}",
    ])


def reporting_tail(rng: random.Random) -> str:
    a, b, c = rng.sample(NAMES, 3)
    return f"(Reporting by {a} in {rng.choice(CITIES).title()}; Editing by {b} and {c})"


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _replace_phrase(text: str, old: str, new: str) -> str:
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(old) + r"(?![A-Za-z0-9])", re.IGNORECASE)
    return pattern.sub(lambda m: _match_case(new, m.group(0)), text)


def house_style(rng: random.Random):
    """One copy's spelling rules: a function from text to text."""
    rules: list[tuple[str, str]] = []
    for pairs in SPELLING_FAMILIES.values():
        if rng.random() < 0.6:
            flip = rng.random() < 0.5
            rules += [(b, a) if flip else (a, b) for a, b in pairs]
    for variants in TRANSLITERATIONS:
        target = rng.choice(variants)
        rules += [(v, target) for v in variants if v != target]
    digits = rng.random() < 0.5

    def apply(text: str) -> str:
        for old, new in rules:
            if old.lower() in text.lower():
                if old in ("U.S.", "U.N.", "U.K.", "US", "UN", "UK", "Mr.", "Mrs.", "Dr.", "Mr", "Mrs", "Dr"):
                    text = re.sub(r"(?<![A-Za-z.])" + re.escape(old) + r"(?![A-Za-z])", new, text)
                else:
                    text = _replace_phrase(text, old, new)
        if digits:
            for n, word in enumerate(NUMBERS, 1):
                if n < 10:
                    text = re.sub(rf"\b{word}\b(?= [a-z])", str(n), text)
        else:
            text = re.sub(r"(?<![\d.,$])\b([1-9])\b(?![\d.,:%])",
                          lambda m: NUMBERS[int(m.group(1)) - 1], text)
        return text
    return apply


def word_edit(text: str, rng: random.Random) -> str:
    tokens = text.split(" ")
    op = rng.choice(("drop", "insert", "replace"))
    i = rng.randrange(1, len(tokens) - 1)
    if op == "drop":
        del tokens[i]
    elif op == "insert":
        tokens.insert(i, rng.choice(FILLERS))
    else:
        word = tokens[i]
        core = re.sub(r"\W", "", word).lower()
        new = SYNONYMS.get(core) or rng.choice(["major", "key", "local", "senior", "new", "several", "recent"])
        tokens[i] = re.sub(r"[A-Za-z]+", lambda m: _match_case(new, m.group(0)), word, count=1) \
            if re.search(r"[A-Za-z]", word) else new
    return " ".join(tokens)


def paraphrase(text: str, rng: random.Random) -> str:
    """Reword until the word-bigram Jaccard with the source is below PARAPHRASE_JACCARD."""
    body = text.strip().rstrip(".!?\"'")
    clauses = [c for c in re.split(r",\s+|;\s+|\s+--\s+", body) if c]
    if len(clauses) == 1:
        words = body.split(" ")
        cut = next((k for k in range(len(words) // 3, len(words) - 2)
                    if words[k] in ("in", "on", "at", "for", "with", "to", "after", "as", "that", "by")),
                   len(words) // 2)
        clauses = [" ".join(words[:cut]), " ".join(words[cut:])]
    clauses.reverse()
    out = ", ".join(c[:1].lower() + c[1:] if c[:1].isupper() and not c.split(" ")[0].isupper()
                    and c.split(" ")[0].lower() in {"the", "a", "an", "he", "she", "it", "they", "we", "but"}
                    else c for c in clauses)
    for old, new in sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        out = _replace_phrase(out, old, new)
    tries = 0
    while bigram_jaccard(out, text) >= PARAPHRASE_JACCARD and tries < 40:
        tokens = out.split(" ")
        if len(tokens) > 4 and rng.random() < 0.5:
            del tokens[rng.randrange(1, len(tokens) - 1)]
        else:
            tokens.insert(rng.randrange(1, len(tokens)), rng.choice(FILLERS))
        out = " ".join(tokens)
        tries += 1
    out = out.strip(" ,")
    return out[:1].upper() + out[1:] + "."


# ---------------------------------------------------------------- recycling: a new generation of the pool

class Recycler:
    """Per-generation word permutations within frequency bands (see the module docstring)."""

    def __init__(self, pool: Pool, seed: int):
        self.pool, self.seed = pool, seed
        freq = Counter(w for s in pool.sentences for w in re.findall(r"[a-z]+", s.lower()))
        fixed = {w for w, _ in freq.most_common(FIXED_TOP)}
        edit_words = [w for fam in SPELLING_FAMILIES.values() for pair in fam for w in pair]
        edit_words += [w for variants in TRANSLITERATIONS for w in variants]
        edit_words += NUMBERS + CITIES + AGENCIES
        for phrase in edit_words:
            fixed.update(re.findall(r"[a-z]+", phrase.lower()))
        self.fixed = fixed
        self.ranked = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])) if w not in fixed and len(w) > 1]
        self.maps: dict[int, dict[str, str]] = {}
        self.cache: dict[int, tuple[str, int]] = {}

    def mapping(self, gen: int) -> dict[str, str]:
        if gen not in self.maps:
            rng = random.Random(f"recycle:{self.seed}:{gen}")
            m = {}
            i = 0
            while i < len(self.ranked):
                band = self.ranked[i:i + max(BAND, i // 2)]
                shuffled = band[:]
                rng.shuffle(shuffled)
                m.update(zip(band, shuffled))
                i += len(band)
            self.maps[gen] = m
        return self.maps[gen]

    def sentence(self, gen: int, base: int) -> tuple[str, int | None]:
        """(text, sentence id) of sentence `base` in generation `gen`; the id is None when the permutation
        left the sentence too close to its source (it is then left out of the recycled original)."""
        if gen == 0:
            return self.pool.sentences[base], base
        key = gen * len(self.pool.sentences) + base
        if key not in self.cache:
            m = self.mapping(gen)
            source = self.pool.sentences[base]
            text = re.sub(r"[A-Za-z]+", lambda x: _match_case(m[x.group(0).lower()], x.group(0))
                          if x.group(0).lower() in m else x.group(0), source)
            a, b = norm_words(text), norm_words(source)
            ba, bb = set(itertools.pairwise(a)), set(itertools.pairwise(b))
            ta, tb = _trigrams(a), _trigrams(b)
            close = (a == b or (ba and bb and len(ba & bb) >= RECYCLED_CLOSE * len(ba | bb))
                     or (ta and tb and len(ta & tb) >= RECYCLED_CLOSE * min(len(ta), len(tb))))
            self.cache[key] = (text, None if close else key)
        return self.cache[key]


# ---------------------------------------------------------------- the generated corpus

@dataclass(slots=True)
class Unit:
    start: int
    end: int
    sid: int | None          # source sentence id; None for clutter
    kind: str                # "text", "paraphrase", "clutter"
    edits: tuple[str, ...]   # "word", "spelling", "dateline", "new-lead"
    words: int               # normalised words of the source sentence (0 for clutter)


@dataclass
class Generated:
    article: object          # newsbrief.model.Article
    units: list[Unit]
    originals: tuple[int, ...]     # indices into Corpus.originals (two for a splice)
    copy: bool
    edits: tuple[str, ...]
    topic: str


@dataclass
class Corpus:
    articles: list[Generated]
    originals: list[tuple[int, Original]]     # (generation, original)
    pool: Pool
    recycler: Recycler
    generations: int

    def source_text(self, sid: int) -> str:
        gen, base = divmod(sid, len(self.pool.sentences))
        return self.recycler.sentence(gen, base)[0]


@dataclass
class _U:
    text: str
    sid: int | None
    kind: str
    edits: list[str]
    words: int


def generate(n: int, seed: int = 0, pool: Pool | None = None, copy_share: float = COPY_SHARE) -> Corpus:
    """n articles: originals and their re-publications, shuffled, with ground truth."""
    from newsbrief.model import Article

    pool = pool or load_pool(seed)
    rng = random.Random(f"corpus:{seed}:{n}")
    recycler = Recycler(pool, seed)
    n_copies = round(copy_share * n)
    n_originals = n - n_copies
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(pool.originals):
        by_topic[o.topic].append(i)
    corpora = sorted({o.corpus for o in pool.originals})
    chosen: list[tuple[int, int]] = []          # (generation, pool index)
    gen = 0
    while len(chosen) < n_originals:      # whole topics; next from the corpus with the fewest so far
        queues = {c: [t for t in sorted(by_topic) if t.startswith(c + ":")] for c in corpora}
        for q in queues.values():
            rng.shuffle(q)
        taken = Counter()
        while any(queues.values()) and len(chosen) < n_originals:
            c = min((c for c in corpora if queues[c]), key=lambda c: (taken[c], c))
            topic = queues[c].pop()
            add = [(gen, i) for i in by_topic[topic]][:n_originals - len(chosen)]
            chosen += add
            taken[c] += len(add)
        gen += 1
    originals = [(g, pool.originals[i]) for g, i in chosen]
    topic_of = [f"{o.topic}#{g}" for g, o in originals]
    members: dict[str, list[int]] = defaultdict(list)
    for k, t in enumerate(topic_of):
        members[t].append(k)

    def units_of(k: int) -> list[list[_U]]:
        g, o = originals[k]
        out = []
        for para in o.paragraphs:
            row = []
            for base in para:
                text, sid = recycler.sentence(g, base)
                if sid is not None:
                    row.append(_U(text, sid, "text", [], len(norm_words(text))))
            if row:
                out.append(row)
        return out

    generated: list[tuple[list[list[_U]], tuple[int, ...], bool, tuple[str, ...], str, str]] = []
    for k in range(len(originals)):
        generated.append((units_of(k), (k,), False, (), topic_of[k], originals[k][1].published))
    order = list(range(len(originals)))
    rng.shuffle(order)
    weights = [w for _, w in COPIES_PER_ORIGINAL]
    made = 0
    for k in order:
        if made >= n_copies:
            break
        for _ in range(min(rng.choices([c for c, _ in COPIES_PER_ORIGINAL], weights)[0], n_copies - made)):
            paras, sources, edits = _copy(k, units_of, members[topic_of[k]], rng)
            published = date.fromisoformat(originals[k][1].published) + timedelta(days=rng.choice((0, 0, 1, 2)))
            generated.append((paras, sources, True, edits, topic_of[k], published.isoformat()))
            made += 1
    rng.shuffle(generated)
    articles = []
    for a, (paras, sources, is_copy, edits, topic, published) in enumerate(generated):
        text_parts, units, at = [], [], 0
        for p, para in enumerate(paras):
            if p:
                text_parts.append("\n\n")
                at += 2
            for s, u in enumerate(para):
                if s:
                    text_parts.append(" ")
                    at += 1
                units.append(Unit(at, at + len(u.text), u.sid, u.kind, tuple(u.edits), u.words))
                text_parts.append(u.text)
                at += len(u.text)
        art = Article(id=f"a{a:06d}", source="bench:syndication", text="".join(text_parts), published=published)
        articles.append(Generated(art, units, sources, is_copy, edits, topic))
    return Corpus(articles, originals, pool, recycler, gen)


def _copy(k: int, units_of, same_topic: list[int], rng: random.Random):
    """One re-publication of original k: (paragraphs of units, originals used, edits applied)."""
    paras = units_of(k)
    sources: tuple[int, ...] = (k,)
    edits = []
    partners = [j for j in same_topic if j != k]
    if partners and rng.random() < P["splice"]:
        j = rng.choice(partners)
        other = units_of(j)
        keep = max(1, round(len(paras) * rng.uniform(0.4, 0.7)))
        start = 1 if len(other) > 2 else 0
        take = max(1, round((len(other) - start) * rng.uniform(0.4, 0.7)))
        paras = paras[:keep] + other[start:start + take]
        sources = (k, j)
        edits.append("splice")
    if len(paras) >= 3 and rng.random() < P["trim"]:
        drop = rng.randint(1, max(1, len(paras) // 3))
        paras = paras[:-drop]
        edits.append("trim")
    if len(paras) >= 3 and rng.random() < P["new-lead"]:
        lead = paras[0][0]
        paras = [[_U(paraphrase(lead.text, rng), lead.sid, "paraphrase", ["new-lead"], lead.words)]] + paras[1:]
        edits.append("new-lead")
    if len(paras) >= 4 and rng.random() < P["reorder"]:
        for _ in range(rng.choice((1, 2))):
            para = paras.pop(rng.randrange(1, len(paras)))
            paras.insert(rng.randrange(1, len(paras) + 1), para)
        edits.append("reorder")
    flat = [u for para in paras for u in para]
    long_units = [u for u in flat if u.kind == "text" and len(u.text.split(" ")) >= 8]
    if long_units and rng.random() < P["paraphrase"]:
        u = rng.choice(long_units)
        u.text, u.kind = paraphrase(u.text, rng), "paraphrase"
        edits.append("paraphrase")
    if rng.random() < P["word"]:
        for u in long_units:
            if u.kind == "text" and rng.random() < WORD_EDIT_SHARE:
                for _ in range(rng.choice((1, 2))):
                    u.text = word_edit(u.text, rng)
                u.edits.append("word")
        edits.append("word")
    if rng.random() < P["spelling"]:
        style = house_style(rng)
        for u in flat:
            new = style(u.text)
            if new != u.text:
                u.text = new
                u.edits.append("spelling")
        edits.append("spelling")
    if flat and rng.random() < P["dateline"]:
        first = paras[0][0]
        m = _DATELINE.match(first.text)
        if m and len(first.text) > m.end() + 10:
            first.text = first.text[m.end():]
            first.text = first.text[:1].upper() + first.text[1:]
        else:
            first.text = f"{rng.choice(CITIES)} ({rng.choice(AGENCIES)}) - {first.text}"
        first.edits.append("dateline")
        edits.append("dateline")
    if rng.random() < P["clutter"]:
        for _ in range(rng.choice((1, 1, 2, 3))):
            # a link to a related story: the first words of another original's lead stand in for its headline
            other = rng.choice(partners) if partners else k
            lead = units_of(other)[0][0].text
            headline = " ".join(lead.split(" ")[:rng.randint(5, 9)]).rstrip(",;:")
            paras.insert(rng.randrange(1, len(paras) + 1), [_U(clutter_line(rng, headline), None, "clutter", [], 0)])
        edits.append("clutter")
    if rng.random() < P["tail"]:
        paras.append([_U(reporting_tail(rng), None, "clutter", [], 0)])
        edits.append("tail")
    return paras, sources, tuple(edits)
