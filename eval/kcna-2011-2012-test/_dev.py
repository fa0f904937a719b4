"""Loads the first set's scripts (../kcna-2011-2012/), which this set's scripts reuse."""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.join(HERE, "..", "kcna-2011-2012")
FIRST_SET = os.path.join(DEV, "labels.jsonl")
# This set: rounds [a, b) of each stratum (the first set took random 0-6, person-rich 0-4).
RANDOM_ROUNDS = (7, 10)
RICH_ROUNDS = (5, 8)


def load(name):
    spec = importlib.util.spec_from_file_location("first_set_" + name, os.path.join(DEV, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_set_lines():
    import json
    return {json.loads(l)["line"] for l in open(FIRST_SET, encoding="utf-8") if l.strip()}


def selection():
    """This set in labelling order, without lines of the first set or picked twice."""
    return load("select_docs").selection(RANDOM_ROUNDS, RICH_ROUNDS, exclude=first_set_lines())
