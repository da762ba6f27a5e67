"""sumy 0.13's LexRank, TextRank, LSA and KL-Sum as summary peers (bench-only; `pip install sumy`).

Offline set-up: sumy's default Tokenizer needs NLTK's punkt data, which is not installed here, so the
documents are built with our own tokenizer: sentences from syntok (newsbrief's `split_sentences`),
words by a regex. Stemmer: sumy's English (NLTK's Snowball, no data needed); stop words: the English
list sumy ships. A topic's document is one paragraph per article, articles in input (date) order.

Each peer is asked for "enough" sentences: the best-rated ones until they hold the word limit (sumy
accepts a callable as the count); sumy returns them in document order, and the caller truncates.
sumy rates sentences in a dict keyed by their text, so exact copies (wire stories repeated across
articles) share a rating and stock sumy returns both: the count takes each text once (the copies
stay in the document, where they count for centrality).

KL-Sum: stock `KLSummarizer` ranks *every* sentence by re-running its greedy step until none are left,
O(n^3) in the sentences: one DUC 2006 topic (1,169 sentences) did not finish in 15 minutes. Only the
first picks matter for a 250-word summary, so `BudgetKLSummarizer` runs the same greedy step, with
sumy's own code for the divergence, and stops once the picks hold the word limit. Its picks are the
stock picks, with one exception: when stock sumy later picks an exact copy of a sentence already
picked (wire copies), it overwrites that text's rating with the later, worse rank. `--check-kl`
compares both on small inputs.

    .venv/bin/python bench/sumy_peers.py --check-kl
"""
from __future__ import annotations

import re
from collections.abc import Callable

from newsbrief.analyse.sentences import split_sentences

try:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words
    AVAILABLE = True
except ImportError:          # reported by the caller
    AVAILABLE = False

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


class Tokenizer:
    """sumy's tokenizer interface without NLTK data: syntok sentences, regex words."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(" ".join(paragraph[s.start:s.end].split()) for s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(WORD.findall(sentence))


TOKENIZER = Tokenizer()


def document(texts: list[str]) -> ObjectDocumentModel:
    """One paragraph per article, its sentences in order."""
    return ObjectDocumentModel([Paragraph([Sentence(s, TOKENIZER) for s in TOKENIZER.to_sentences(t) if s])
                                for t in texts])


def enough(words: int) -> Callable[[list], list]:
    """A sumy sentence count: the best-rated sentences until they hold `words` words, each text once."""
    def count(infos: list) -> list:
        out, total, seen = [], 0, set()
        for info in infos:
            if total >= words:
                break
            text = str(info.sentence)
            if text in seen:
                continue
            seen.add(text)
            out.append(info)
            total += len(text.split())
        return out
    return count


if AVAILABLE:
    class BudgetKLSummarizer(KLSummarizer):
        """sumy's KL-Sum greedy step, stopped once the picks hold `budget` words (see the docstring)."""

        budget: int | None = None

        def _compute_ratings(self, sentences):
            if self.budget is None:
                return super()._compute_ratings(sentences)
            word_freq = self.compute_tf(sentences)
            ratings, summary, words, seen = {}, [], 0, set()
            sentences_list = list(sentences)
            sentences_as_words = [self._get_content_words_in_sentence(s) for s in sentences]
            while sentences_list and words < self.budget:      # stock: `while len(sentences_list) > 0`
                summary_as_word_list = self._get_all_words_in_doc(summary)
                kls = [self._kl_divergence(self._joint_freq(s, summary_as_word_list), word_freq)
                       for s in sentences_as_words]
                index = self._find_index_of_best_sentence(kls)
                best = sentences_list.pop(index)
                del sentences_as_words[index]
                summary.append(best)
                ratings[best] = -1 * len(ratings)
                if str(best) not in seen:
                    seen.add(str(best))
                    words += len(str(best).split())
            floor = -len(sentences) - 1                          # the rest: below every pick, in order
            for i, s in enumerate(sentences_list):
                ratings.setdefault(s, floor - i)
            return ratings


PEERS = ("lexrank", "textrank", "lsa", "kl")
NAMES = {"lexrank": "sumy LexRank", "textrank": "sumy TextRank", "lsa": "sumy LSA", "kl": "sumy KL-Sum"}


def summarizer(name: str, words: int):
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer,
           "kl": BudgetKLSummarizer}[name]
    s = cls(Stemmer("english"))
    s.stop_words = get_stop_words("english")
    if name == "kl":
        s.budget = words
    return s


def summarise(name: str, texts: list[str], words: int) -> str:
    """The peer's sentences (document order), joined; the caller truncates to `words`."""
    chosen = summarizer(name, words)(document(texts), enough(words))
    return " ".join(str(s) for s in chosen)


def check_kl(limit: int = 6, articles: int = 2, words: int = 100) -> None:
    """Stock KLSummarizer against the budgeted one on small inputs (first `articles` of DUC update items)."""
    import json
    import time
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "duc2007" / "duc2007_update.jsonl"
    if not path.exists():
        print(f"no data at {path}; nothing checked")
        return
    same = 0
    with open(path, encoding="utf-8") as f:
        items = [json.loads(line) for line in f][:limit]
    for item in items:
        texts = [a["text"] for a in item["articles"][:articles]]
        doc = document(texts)
        stock = KLSummarizer(Stemmer("english"))
        stock.stop_words = get_stop_words("english")
        t = time.perf_counter()
        a = stock(doc, enough(words))
        t_stock = time.perf_counter() - t
        t = time.perf_counter()
        b = summarizer("kl", words)(doc, enough(words))
        t_budget = time.perf_counter() - t
        texts_a, texts_b = [str(s) for s in a], [str(s) for s in b]
        dupes = len(doc.sentences) - len({str(s) for s in doc.sentences})
        same += texts_a == texts_b
        print(f"{item['id']}: {len(doc.sentences)} sentences ({dupes} exact copies), "
              f"{'same picks' if texts_a == texts_b else 'DIFFERENT picks'}; stock {t_stock:.2f} s, "
              f"budgeted {t_budget:.3f} s")
    print(f"{same}/{len(items)} identical")


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--check-kl", action="store_true")
    ap.add_argument("--limit", type=int, default=6)
    ap.add_argument("--articles", type=int, default=2)
    args = ap.parse_args()
    if not AVAILABLE:
        print("sumy is not installed (.venv/bin/pip install sumy); nothing to do")
    elif args.check_kl:
        check_kl(args.limit, args.articles)
