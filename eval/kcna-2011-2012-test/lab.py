#!/usr/bin/env python3
"""Labelling helper for this set: the first set's lab.py (../kcna-2011-2012/lab.py), run here.

  show LINE      print a document with proposed candidate spans
  build          compile annotations.txt into labels.jsonl (keeps the "doc" ids already there)
"""
import os
import sys

import _dev

if __name__ == "__main__":
    os.chdir(_dev.HERE)
    _dev.load("lab").cli(sys.argv)
