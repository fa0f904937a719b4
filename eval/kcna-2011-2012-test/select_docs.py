#!/usr/bin/env python3
"""Deterministic document selection for the SECOND held-out KCNA 2011-2012 test set.

This is the selection logic of ../kcna-2011-2012/select_docs.py, unchanged (same data file,
same eligibility filters, same seeds, same strata); only the rounds taken differ:
random stratum rounds RANDOM_FROM..RANDOM_TO-1 (7-9) and person-rich stratum rounds
RICH_FROM..RICH_TO-1 (5-7). Lines already in ../kcna-2011-2012/labels.jsonl and lines picked
twice (the person-rich stratum is drawn from random rounds >= 7) are skipped, see test_selection().

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

Usage: python3 select_docs.py [ROUNDS]          -> random stratum (all rounds < ROUNDS)
       python3 select_docs.py rich [ROUNDS]     -> person-rich stratum
       python3 select_docs.py test              -> this test set's selection, in labelling order
Print: round, quarter, line, published, body length, title.
"""
import gzip, json, random, re, sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# The data file sits next to the repository (../shared/data); KCNA_DATA overrides it.
DATA = os.environ.get("KCNA_DATA", os.path.join(HERE, "../../../shared/data/kcna-2011-2012.jsonl.gz"))
SEED = 20111217
RANDOM_ROUNDS = 7   # as in the first set: the rich stratum excludes random rounds 0-6 only
# This test set: rounds [FROM, TO) of each stratum.
RANDOM_FROM, RANDOM_TO = 7, 10
RICH_FROM, RICH_TO = 5, 8
FIRST_SET = os.path.join(HERE, "../kcna-2011-2012/labels.jsonl")
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


def test_selection(random_to=RANDOM_TO, rich_to=RICH_TO):
    """The test set in labelling order: random rounds then person-rich rounds.
    Returns rows, selected [(stratum, round, quarter, line)], skipped [(stratum, round, quarter, line, why)]."""
    first = {json.loads(l)["line"] for l in open(FIRST_SET, encoding="utf-8") if l.strip()}
    rows, rnd = order(False)
    _, rich = order(True)
    sel, skipped, seen = [], [], set()
    for name, picked, lo, hi in (("random", rnd, RANDOM_FROM, random_to), ("person-rich", rich, RICH_FROM, rich_to)):
        for k, q, i in picked:
            if not (lo <= k < hi):
                continue
            if i in first:
                skipped.append((name, k, q, i, "already in the first labelled set"))
            elif i in seen:
                skipped.append((name, k, q, i, "picked twice"))
            else:
                seen.add(i)
                sel.append((name, k, q, i))
    return rows, sel, skipped


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "test":
        rows, sel, skipped = test_selection()
        for name, k, q, i in sel:
            print(name, k, q, i, rows[i]["published"], len(rows[i]["body"]), rows[i]["title"], sep="\t")
        for x in skipped:
            print("SKIPPED", *x, sep="\t")
        sys.exit(0)
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
