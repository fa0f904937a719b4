#!/usr/bin/env python3
"""The floor under readout's storing phase: SQLite FTS5 indexing alone.

Inserts the title and body of every record of the KCNA file into a bare FTS5
table (nothing else: no documents table, no sketches, no coverage), in one
transaction, WAL mode, and prints the best of --runs, beside the time to read,
gunzip and JSON-parse the same file. With positions (detail=full, which phrase
search needs) and without (detail=none).

    python3 bench/fts-floor/fts_floor.py [--data PATH] [--runs N]

It uses Python's own sqlite3 module (its SQLite version is printed): the time
is SQLite's tokenizing and index building, not the caller's.
"""
import argparse
import gzip
import json
import os
import sqlite3
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(REPO.parent / "shared/data/kcna-2011-2012.jsonl.gz"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    best_read = float("inf")
    for _ in range(args.runs):
        t = time.perf_counter()
        with gzip.open(args.data, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        best_read = min(best_read, time.perf_counter() - t)
    texts = [(r.get("title") or "", r.get("body") or "") for r in rows]
    mb = sum(len(a.encode()) + len(b.encode()) for a, b in texts) / 1e6
    print(f"SQLite {sqlite3.sqlite_version}; {len(texts)} records, {mb:.1f} MB of title and body")
    print(f"read, gunzip, parse JSON (Python)   {best_read:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for detail in ("full", "none"):
            best = float("inf")
            for run in range(args.runs):
                path = os.path.join(tmp, f"floor-{detail}-{run}.db")
                con = sqlite3.connect(path, isolation_level=None)
                con.execute("pragma journal_mode=wal")
                con.execute("pragma synchronous=normal")
                con.execute(
                    f"create virtual table f using fts5(title, body, detail={detail}, columnsize=0)"
                )
                t = time.perf_counter()
                con.execute("begin")
                con.executemany("insert into f(title, body) values (?, ?)", texts)
                con.execute("commit")
                best = min(best, time.perf_counter() - t)
                con.close()
            print(f"FTS5 insert only, detail={detail:<4}      {best:.3f} s   {mb / best:.1f} MB/s")


if __name__ == "__main__":
    main()
