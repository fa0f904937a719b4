#!/usr/bin/env python3
"""Labelling helper (not the labels themselves).

  show LINE      print a document (title, body by paragraph) and script-PROPOSED candidate
                 spans (capitalised word runs, KCNA-style names, acronyms) to be checked by hand.
  build          compile the hand-written annotations.txt into labels.jsonl (byte offsets are
                 computed from the hand-chosen surface + occurrence number), print every span in
                 context for review, and list proposed candidates that no label covers.

annotations.txt format (one document per '@ LINE' block):
  @ LINE
  P FIELD "surface"@N = canonical person           (N = Nth occurrence in FIELD, 1-based; * = all)
    T "title surface"@N = role | organization | country
  O FIELD "surface"@N = canonical organization | country
FIELD is body or title.
"""
import gzip, json, re, sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# The data file sits next to the repository (../shared/data); KCNA_DATA overrides it.
DATA = os.environ.get("KCNA_DATA", os.path.join(HERE, "../../../shared/data/kcna-2011-2012.jsonl.gz"))
COUNTRIES = {"dprk", "rok", "russia", "china", "us", "japan", "other"}


def rows():
    return [json.loads(l) for l in gzip.open(DATA, "rt", encoding="utf-8")]


CAND = re.compile(r"(?:[A-Z][\w'\-\.]*|of|the|and|for|de|la|del|on)(?:[ ,]+(?:[A-Z][\w'\-\.]*|of|the|and|for|de|la|del|on))*")


def candidates(text):
    out = []
    for m in re.finditer(r"[A-Z][\w'\-\.]*(?:(?: |, | of | of the | and | for | de | for the |-)[A-Z][\w'\-\.]*)*", text):
        s = m.group(0)
        out.append((m.start(), m.end(), s))
    return out


def show(i):
    R = rows()
    r = R[i]
    print("LINE", i, r["published"], r["url"])
    print("TITLE:", r["title"])
    for k, p in enumerate(r["body"].split("\n")):
        print("[%d] %s" % (k, p))
    print("--- candidates (proposals only):")
    seen = {}
    for f in ("title", "body"):
        for s, e, t in candidates(r[f] or ""):
            if len(t) < 3 and not t.isupper():
                continue
            seen.setdefault((f, t), 0)
            seen[(f, t)] += 1
    print("; ".join("%s:%s%s" % (f[0], t, ("x%d" % n if n > 1 else "")) for (f, t), n in seen.items()))


def occurrences(text, surf):
    b = text.encode("utf-8")
    sb = surf.encode("utf-8")
    res = []
    st = 0
    while True:
        k = b.find(sb, st)
        if k < 0:
            break
        if boundary_ok(b, k, k + len(sb)):
            res.append((k, k + len(sb)))
        st = k + 1
    return res


def boundary_ok(b, s, e):
    before = b[s - 1:s].decode("utf-8", "ignore") if s > 0 else ""
    after = b[e:e + 1].decode("utf-8", "ignore") if e < len(b) else ""
    return not (before.isalnum() or after.isalnum())


LINE_RE = re.compile(r'^\s*(P|O|T)\s+(?:(body|title)\s+)?"((?:[^"\\]|\\.)+)"@(\*|\d+)\s*=\s*(.*)$')


def parse(path):
    docs = []
    cur = None
    for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.strip().startswith("#"):
            continue
        if line.startswith("@"):
            cur = {"line": int(line[1:].split()[0]), "items": [], "src": ln}
            docs.append(cur)
            continue
        m = LINE_RE.match(line)
        if not m:
            raise SystemExit("annotations.txt:%d: cannot parse: %s" % (ln, line))
        kind, field, surf, occ, rest = m.groups()
        surf = surf.replace("\\n", "\n")  # a literal \n in a surface stands for a newline
        surf = surf.replace('\\"', '"')  # \" in a surface stands for a double quote
        vals = [v.strip() for v in rest.split("|")]
        cur["items"].append((ln, kind, field, surf, occ, vals))
    return docs


def build(ann="annotations.txt", out="labels.jsonl", verbose=True):
    R = rows()
    docs = parse(ann)
    errors = 0
    lines_out = []
    seen_lines = set()
    for d in docs:
        i = d["line"]
        if i in seen_lines:
            print("DUPLICATE DOC", i); errors += 1
        seen_lines.add(i)
        if i % 2 != 1:
            print("EVEN LINE", i); errors += 1
        r = R[i]
        persons, orgs = [], []
        last_field = None
        last_person_group = None
        for (ln, kind, field, surf, occ, vals) in d["items"]:
            if kind == "T":
                field = last_field
            text = r[field] or ""
            b = text.encode("utf-8")
            occs = occurrences(text, surf)
            if occ == "*":
                if kind == "T":
                    print("%d: T with *" % ln); errors += 1; continue
                picks = occs
            else:
                n = int(occ)
                if n < 1 or n > len(occs):
                    print("%d: %r occurrence %d of %d in %s of %d" % (ln, surf, n, len(occs), field, i)); errors += 1; continue
                picks = [occs[n - 1]]
            if not picks:
                print("%d: %r not found" % (ln, surf)); errors += 1; continue
            for s, e in picks:
                if not boundary_ok(b, s, e):
                    print("%d: WARN boundary %r in %d" % (ln, surf, i))
            if kind == "P":
                last_field = field
                group = []
                for s, e in picks:
                    p = {"field": field, "start": s, "end": e, "surface": surf, "person": vals[0], "titles": []}
                    persons.append(p); group.append(p)
                last_person_group = group
            elif kind == "T":
                if len(vals) != 3 or vals[2] not in COUNTRIES:
                    print("%d: bad title values %r" % (ln, vals)); errors += 1; continue
                if last_person_group is None or len(last_person_group) != 1:
                    print("%d: title must follow a single person mention" % ln); errors += 1; continue
                s, e = picks[0]
                last_person_group[0]["titles"].append({"surface": surf, "start": s, "end": e, "role": vals[0], "organization": vals[1], "country": vals[2]})
            else:
                if len(vals) != 2 or vals[1] not in COUNTRIES:
                    print("%d: bad org values %r" % (ln, vals)); errors += 1; continue
                last_field = field
                for s, e in picks:
                    orgs.append({"field": field, "start": s, "end": e, "surface": surf, "organization": vals[0], "country": vals[1]})
        # overlap checks
        for lst, name in ((persons, "person"), (orgs, "org")):
            keys = sorted((x["field"], x["start"], x["end"]) for x in lst)
            for a, c in zip(keys, keys[1:]):
                if a[0] == c[0] and c[1] < a[2]:
                    print("doc %d: overlapping %s spans %r %r" % (i, name, a, c)); errors += 1
        persons.sort(key=lambda x: (x["field"] != "title", x["start"]))
        orgs.sort(key=lambda x: (x["field"] != "title", x["start"]))
        for p in persons:
            p["titles"].sort(key=lambda t: t["start"])
        lines_out.append({"line": i, "url": r["url"], "published": r["published"], "complete": True,
                          "persons": persons, "organizations": orgs})
        if verbose:
            report(i, r, persons, orgs)
    if errors:
        print("ERRORS:", errors)
        sys.exit(1)
    # Keep the readout document ids already written (readout-bench label-ids).
    try:
        ids = {}
        for raw in open(out, encoding="utf-8"):
            if raw.strip():
                o = json.loads(raw)
                if o.get("doc"):
                    ids[o["line"]] = o["doc"]
    except FileNotFoundError:
        ids = {}
    for k, o in enumerate(lines_out):
        if o["line"] in ids:
            lines_out[k] = dict([("line", o["line"]), ("doc", ids[o["line"]])] + [(a, b) for a, b in o.items() if a != "line"])
    with open(out, "w", encoding="utf-8") as f:
        for o in lines_out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    np = sum(len(o["persons"]) for o in lines_out)
    no = sum(len(o["organizations"]) for o in lines_out)
    print("docs", len(lines_out), "persons", np, "orgs", no)


def ctx(text, s, e, w=40):
    b = text.encode("utf-8")
    return (b[max(0, s - w):s].decode("utf-8", "ignore") + "[[" + b[s:e].decode() + "]]" + b[e:e + w].decode("utf-8", "ignore")).replace("\n", " / ")


def report(i, r, persons, orgs):
    print("=== %d %s" % (i, r["title"]))
    covered = {"title": [], "body": []}
    for p in persons:
        t = r[p["field"]]
        print("  P %s %r -> %s" % (p["field"][0], ctx(t, p["start"], p["end"]), p["person"]))
        covered[p["field"]].append((p["start"], p["end"]))
        for tt in p["titles"]:
            print("      T %r -> %s | %s | %s" % (tt["surface"], tt["role"], tt["organization"], tt["country"]))
    for o in orgs:
        t = r[o["field"]]
        print("  O %s %r -> %s | %s" % (o["field"][0], ctx(t, o["start"], o["end"], 25), o["organization"], o["country"]))
        covered[o["field"]].append((o["start"], o["end"]))
    # uncovered candidates
    miss = []
    for f in ("title", "body"):
        text = r[f] or ""
        for s, e, t in candidates(text):
            bs = len(text[:s].encode()); be = len(text[:e].encode())
            if any(a < be and bs < c for a, c in covered[f]):
                continue
            miss.append(t)
    print("  uncovered capitalised runs:", "; ".join(sorted(set(miss))))


def cli(argv):
    if argv[1] == "show":
        for a in argv[2:]:
            show(int(a)); print()
    elif argv[1] == "build":
        build(verbose="-q" not in argv)


if __name__ == "__main__":
    cli(sys.argv)
