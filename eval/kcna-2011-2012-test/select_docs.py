#!/usr/bin/env python3
"""Deterministic document selection for the second held-out KCNA 2011-2012 test set.

The selection logic of ../kcna-2011-2012/select_docs.py, unchanged (same data file, same
eligibility filters, same seeds, same strata); only the rounds taken differ: random stratum
rounds 7-9 and person-rich stratum rounds 5-7 (`_dev.py`). Lines already in the first set and
lines picked twice (the person-rich stratum is drawn from random rounds >= 7) are skipped.

Usage: python3 select_docs.py     -> this set's selection, in labelling order
Print: stratum, round, quarter, line, published, body length, title.
"""
import _dev

if __name__ == "__main__":
    rows, sel, skipped = _dev.selection()
    for name, k, q, i in sel:
        print(name, k, q, i, rows[i]["published"], len(rows[i]["body"]), rows[i]["title"], sep="\t")
    for x in skipped:
        print("SKIPPED", *x, sep="\t")
