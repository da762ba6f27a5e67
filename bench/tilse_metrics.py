"""Timeline metrics after tilse (Martschat & Markert 2017), as news-tls reports them.

tilse itself does not run offline here: its ROUGE goes through pyrouge and the ROUGE-1.5.5 Perl
script. This is a reimplementation written from tilse's description and code structure:
- ROUGE counts follow tilse's own `RougeReimplementation`: tokens lower-cased, punctuation and
  stopwords dropped, Porter-stemmed; matches clipped per reference; precision denominator is
  (number of references x predicted n-grams), recall denominator the reference n-grams.
  Stopwords here are rouge-free: the SMART list ROUGE-1.5.5 uses is not installed, so a standard
  English list stands in (see STOPWORDS); absolute scores can differ slightly from published ones.
- "align+ m:1" (`align_date_content_costs_many_to_one`): each predicted date is aligned to the
  reference date of least cost, cost = (1 - 1/(1+|days|)) x (1 - ROUGE-1 approximation); matched
  counts are weighted by 1/(1+|days|); unmatched dates count with zero matches.
- date F1: exact day matches between predicted and reference dates.
Timelines are dicts {datetime.date: [sentence, ...]}; references a list of such dicts.
"""
from __future__ import annotations

import string
from collections import Counter
from datetime import date
from functools import lru_cache

from nltk.stem.porter import PorterStemmer

_PORTER = PorterStemmer()
PUNCTUATION = {".", ",", ";", ":", "``", "''", "-", '"', "'", "(", ")", "-lrb-", "-rrb-", "--", "?", "!"}
STOPWORDS = frozenset("""a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because
become becomes becoming been before beforehand behind being below beside besides between beyond both but by can
cannot could did do does doing done down due during each either else elsewhere enough even ever every everyone
everything everywhere except few for former formerly from further had has have having he hence her here hereafter
hereby herein hereupon hers herself him himself his how however i if in indeed into is it its itself just last
latter latterly least less made many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own per perhaps please rather re same say says said
see seem seemed seeming seems several she should since so some somehow someone something sometime sometimes
somewhere still such than that the their theirs them themselves then thence there thereafter thereby therefore
therein thereupon these they this those though through throughout thru thus to together too toward towards under
until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby
wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without
would yet you your yours yourself yourselves 's n't""".split())


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    try:
        return _PORTER.stem(token)
    except IndexError:
        return token


def tokens(sentences: list[str]) -> list[str]:
    out = []
    for sentence in sentences:
        for token in sentence.split():
            token = token.lower()
            if token in PUNCTUATION or token in STOPWORDS or all(ch in string.punctuation for ch in token):
                continue
            out.append(_stem(token))
    return out


def rouge_counts(pred: list[str], refs: list[list[str]], n: int) -> tuple[float, int, int]:
    """(matches, precision denominator, recall denominator) for ROUGE-n, tilse-style."""
    def grams(toks):
        return Counter(zip(*(toks[i:] for i in range(n))))
    p = grams(tokens(pred))
    ref_grams = [grams(tokens(r)) for r in refs]
    match = sum(min(count, r[g]) for g, count in p.items() for r in ref_grams)
    return match, len(ref_grams) * sum(p.values()), sum(sum(r.values()) for r in ref_grams)


def _rouge1_f_approx(pred: list[str], refs: list[list[str]]) -> float:
    """tilse's content cost: a ROUGE-1 F on whitespace tokens, punctuation dropped, no stemming."""
    p = Counter(t for s in pred for t in s.split() if t not in string.punctuation)
    rs = [Counter(t for s in r for t in s.split() if t not in string.punctuation) for r in refs]
    match = sum(min(c, r[t]) for t, c in p.items() for r in rs)
    prec = match / (len(rs) * sum(p.values())) if p and rs else 0.0
    rec = match / sum(sum(r.values()) for r in rs) if rs and any(rs) else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def date_f1(pred: dict[date, list[str]], refs: list[dict[date, list[str]]]) -> float:
    ref_dates = set().union(*(r.keys() for r in refs))
    both = set(pred) & ref_dates
    return f1(len(both) / len(pred) if pred else 0.0, len(both) / len(ref_dates) if ref_dates else 0.0)


def align_m1(pred: dict[date, list[str]], refs: list[dict[date, list[str]]], n: int) -> float:
    """ROUGE-n F of tilse's "align+ m:1" (align_date_content_costs_many_to_one)."""
    pred_dates = sorted(pred)
    ref_dates = sorted(set().union(*(r.keys() for r in refs)))
    if not pred_dates or not ref_dates:
        return 0.0

    def ref_summaries(d):
        return [r[d] for r in refs if d in r]

    def cost(p_date, r_date):
        date_factor = 1 - 1 / (abs(p_date.toordinal() - r_date.toordinal()) + 1)
        return date_factor * (1 - _rouge1_f_approx(pred[p_date], ref_summaries(r_date)))

    prec_num = prec_den = rec_num = rec_den = 0.0
    # precision: every predicted date to its cheapest reference date
    for p_date in pred_dates:
        r_date = min(ref_dates, key=lambda r: cost(p_date, r))
        weight = 1 / (abs(p_date.toordinal() - r_date.toordinal()) + 1)
        match, p_den, _ = rouge_counts(pred[p_date], ref_summaries(r_date), n)
        prec_num += weight * match
        prec_den += p_den
    # recall: every reference date to its cheapest predicted date
    for r_date in ref_dates:
        p_date = min(pred_dates, key=lambda p: cost(p, r_date))
        weight = 1 / (abs(p_date.toordinal() - r_date.toordinal()) + 1)
        match, _, r_den = rouge_counts(pred[p_date], ref_summaries(r_date), n)
        rec_num += weight * match
        rec_den += r_den
    return f1(prec_num / prec_den if prec_den else 0.0, rec_num / rec_den if rec_den else 0.0)
