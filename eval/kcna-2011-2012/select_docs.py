#!/usr/bin/env python3
"""Deterministic document selection for the held-out KCNA 2011-2012 evaluation set.

Rules: only ODD 0-based line indices (even lines are reserved for development);
body not "<NA>"/empty and at least 200 characters; body not identical to the body
of any EVEN line (so a duplicated story cannot leak from the development half);
at most one copy of identical bodies. Stratified by calendar quarter (8 quarters):
each quarter's eligible lines are shuffled with random.Random(SEED + quarter_no)
and documents are taken round-robin (round r takes the r-th document of every quarter).

Second stratum ("person-rich", added because the purely random stratum yields only ~3
person mentions per document): the same eligible lines, minus those in the first RANDOM_ROUNDS
rounds of the random stratum, restricted to titles matching RICH (leader activities,
delegations, messages, meetings, appointments, officials), shuffled per quarter with
random.Random(SEED + 100 + quarter_no) and taken round-robin in the same way.

Usage: python3 select_docs.py [ROUNDS]          -> random stratum
       python3 select_docs.py rich [ROUNDS]     -> person-rich stratum
Both print: round, quarter, line, published, body length, title.
"""
import gzip, json, random, re, sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# The data file sits next to the repository (../shared/data); KCNA_DATA overrides it.
DATA = os.environ.get("KCNA_DATA", os.path.join(HERE, "../../../shared/data/kcna-2011-2012.jsonl.gz"))
SEED = 20111217
RANDOM_ROUNDS = 7
RICH = re.compile(r"\b(Meets|Meet|Receives|Greets|Greetings|Message|Delegation|Visits|Inspects|"
                  r"Field Guidance|Appointed|Elected|Plenary|Meeting|Sympathy|Condolence|"
                  r"Congratulat\w*|Wreath|Talks|Ambassador|Minister|Premier|Chairman|President|"
                  r"Secretary|Kim Jong Un|Kim Jong Il|Kim Yong Nam)\b")


EN = {"the", "of", "and", "to", "in", "is", "was", "with", "for"}
ES = {"el", "la", "los", "las", "y", "del", "que", "en", "con", "por"}


def is_english(text):
    """Some items marked lang=en are in Spanish; they are skipped (after shuffling, so the
    order of the remaining documents does not depend on this filter)."""
    w = re.findall(r"[a-z]+", text.lower())
    return sum(x in EN for x in w) >= sum(x in ES for x in w)


def quarter(published):
    return "%sQ%d" % (published[:4], (int(published[5:7]) - 1) // 3 + 1)


def order(rich=False):
    rows = [json.loads(l) for l in gzip.open(DATA, "rt", encoding="utf-8")]
    even_bodies = {r["body"] for i, r in enumerate(rows) if i % 2 == 0}
    strata = {}
    seen = set()
    for i, r in enumerate(rows):
        b = r["body"]
        if i % 2 == 0 or b is None or b == "<NA>" or len(b) < 200:
            continue
        if b in even_bodies or b in seen:
            continue
        seen.add(b)
        strata.setdefault(quarter(r["published"]), []).append(i)
    picked = []
    for qn, q in enumerate(sorted(strata)):
        lines = sorted(strata[q])
        random.Random(SEED + qn).shuffle(lines)
        strata[q] = [i for i in lines if is_english(rows[i]["body"])]
    if rich:
        for qn, q in enumerate(sorted(strata)):
            lines = sorted(i for i in strata[q][RANDOM_ROUNDS:] if RICH.search(rows[i]["title"] or ""))
            random.Random(SEED + 100 + qn).shuffle(lines)
            strata[q] = [i for i in lines if is_english(rows[i]["body"])]
    rounds = max(len(v) for v in strata.values())
    for k in range(rounds):
        for q in sorted(strata):
            if k < len(strata[q]):
                picked.append((k, q, strata[q][k]))
    return rows, picked


def selection(random_rounds=(0, RANDOM_ROUNDS), rich_rounds=(0, 5), exclude=frozenset()):
    """A labelled set in labelling order: rounds [a, b) of the random stratum, then of the
    person-rich one, without lines in `exclude` (an earlier set) or picked twice.
    Returns rows, selected [(stratum, round, quarter, line)], skipped [(..., why)]."""
    rows, rnd = order(False)
    _, rich = order(True)
    sel, skipped, seen = [], [], set()
    for name, picked, (lo, hi) in (("random", rnd, random_rounds), ("person-rich", rich, rich_rounds)):
        for k, q, i in picked:
            if not (lo <= k < hi):
                continue
            if i in exclude:
                skipped.append((name, k, q, i, "already in an earlier labelled set"))
            elif i in seen:
                skipped.append((name, k, q, i, "picked twice"))
            else:
                seen.add(i)
                sel.append((name, k, q, i))
    return rows, sel, skipped


if __name__ == "__main__":
    args = sys.argv[1:]
    rich = bool(args) and args[0] == "rich"
    if rich:
        args = args[1:]
    n = int(args[0]) if args else 10
    rows, picked = order(rich)
    for k, q, i in picked:
        if k >= n:
            break
        r = rows[i]
        print(k, q, i, r["published"], len(r["body"]), r["title"], sep="\t")
