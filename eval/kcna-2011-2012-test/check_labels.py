#!/usr/bin/env python3
"""Validates this set's labels.jsonl with the first set's checks (../kcna-2011-2012/check_labels.py):
every span against the data file, and the selection of `select_docs.py` here; also that no
document is in the first set.

Usage: python3 check_labels.py [labels.jsonl] [--data PATH] [--no-selection-check]
"""
import os
import sys

import _dev

if __name__ == "__main__":
    check = _dev.load("check_labels")
    overlap = {
        __import__("json").loads(l)["line"]
        for l in open(os.path.join(_dev.HERE, "labels.jsonl"), encoding="utf-8")
        if l.strip()
    } & _dev.first_set_lines()
    if overlap:
        sys.exit("selection: documents also in the first labelled set: %s" % sorted(overlap))
    sys.exit(check.main(sys.argv[1:], os.path.join(_dev.HERE, "labels.jsonl"), _dev.selection))
