#!/usr/bin/env python3
"""Validate labels.jsonl against the KCNA 2011-2012 data file and print the counts.

Checks, for every labelled document:
  * the line index is odd (even lines are reserved for development) and exists;
  * url and published match the data file; "complete" is true;
  * every person, title and organisation span: field is "body" or "title", 0 <= start < end,
    and field.encode("utf-8")[start:end].decode("utf-8") == surface (UTF-8 BYTE offsets,
    end exclusive); a span does not cut a word in two;
  * every title has a non-empty lower-case role and a country in the allowed set;
  * no two person spans (or two organisation spans) in one field overlap;
  * the set of labelled documents is exactly the selection documented in README.md
    (select_docs.py: random stratum rounds 0-6, person-rich stratum rounds 0-4).

Usage: python3 check_labels.py [labels.jsonl] [--data PATH] [--no-selection-check]
Exit status 0 when everything passes, 1 otherwise.
"""
import collections
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The data file sits next to the repository (../shared/data); KCNA_DATA overrides it.
DATA = os.environ.get("KCNA_DATA", os.path.join(HERE, "../../../shared/data/kcna-2011-2012.jsonl.gz"))
COUNTRIES = {"dprk", "rok", "russia", "china", "us", "japan", "other"}
FIELDS = {"body", "title"}
RANDOM_ROUNDS = 7  # rounds 0-6 of the random stratum
RICH_ROUNDS = 5    # rounds 0-4 of the person-rich stratum
CANONICAL_ROLES = {
    "general secretary", "first secretary", "secretary", "chairman", "first vice-chairman",
    "vice-chairman", "president", "first vice-president", "vice-president", "member",
    "alternate member", "premier", "vice-premier", "minister", "first vice-minister",
    "vice-minister", "director", "department director", "first vice department director",
    "vice department director", "deputy director", "chief", "first deputy chief", "deputy chief",
    "commander", "chief secretary", "ambassador", "charge d'affaires", "spokesman",
    "editor-in-chief", "head", "deputy", "prime minister", "supreme commander", "marshal",
    "vice marshal", "general", "colonel general", "lieutenant general", "major general",
    "senior colonel", "colonel",
}


def dev_selection():
    """This set's selection (select_docs.py): random rounds 0-6, person-rich rounds 0-4."""
    sys.path.insert(0, HERE)
    import select_docs
    return select_docs.selection((0, RANDOM_ROUNDS), (0, RICH_ROUNDS))


def main(argv, labels_path=None, expected_selection=dev_selection):
    """Checks a labels file; `expected_selection` gives (rows, selected, skipped) as
    select_docs.selection does, for the set the labels belong to."""
    labels_path = labels_path or os.path.join(HERE, "labels.jsonl")
    data_path = DATA
    selection_check = True
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--data":
            data_path = args.pop(0)
        elif a == "--no-selection-check":
            selection_check = False
        else:
            labels_path = a

    rows = [json.loads(l) for l in gzip.open(data_path, "rt", encoding="utf-8")]
    errors = []
    warnings = []

    def err(msg):
        errors.append(msg)

    def check_span(doc_line, text_by_field, obj, what):
        f = obj.get("field")
        if f not in FIELDS:
            err("%d: %s has bad field %r" % (doc_line, what, f))
            return False
        b = text_by_field[f]
        s, e = obj.get("start"), obj.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(b)):
            err("%d: %s %r has bad offsets %r-%r" % (doc_line, what, obj.get("surface"), s, e))
            return False
        try:
            got = b[s:e].decode("utf-8")
        except UnicodeDecodeError:
            err("%d: %s %r offsets %d-%d split a UTF-8 character" % (doc_line, what, obj.get("surface"), s, e))
            return False
        if got != obj.get("surface"):
            err("%d: %s surface %r != text %r at %d-%d" % (doc_line, what, obj.get("surface"), got, s, e))
            return False
        before = b[:s].decode("utf-8", "ignore")[-1:]
        after = b[e:].decode("utf-8", "ignore")[:1]
        if before.isalnum() or after.isalnum():
            err("%d: %s %r at %d-%d cuts a word" % (doc_line, what, got, s, e))
            return False
        return True

    docs = []
    seen = set()
    with open(labels_path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            d = json.loads(raw)
            docs.append(d)
            i = d.get("line")
            if not isinstance(i, int) or not (0 <= i < len(rows)):
                err("labels line %d: bad line index %r" % (n, i))
                continue
            if i % 2 != 1:
                err("%d: even line index (reserved for development)" % i)
            if i in seen:
                err("%d: document labelled twice" % i)
            seen.add(i)
            r = rows[i]
            if d.get("url") != r["url"] or d.get("published") != r["published"]:
                err("%d: url/published do not match the data file" % i)
            if d.get("complete") is not True:
                err("%d: complete is not true" % i)
            text = {"body": (r["body"] or "").encode("utf-8"), "title": (r["title"] or "").encode("utf-8")}
            for p in d.get("persons", []):
                check_span(i, text, p, "person")
                if not p.get("person"):
                    err("%d: person mention %r without canonical name" % (i, p.get("surface")))
                for t in p.get("titles", []):
                    tt = dict(t, field=p.get("field"))
                    check_span(i, text, tt, "title")
                    role = t.get("role", "")
                    if not role or role != role.lower():
                        err("%d: bad role %r" % (i, role))
                    if t.get("country") not in COUNTRIES:
                        err("%d: bad title country %r" % (i, t.get("country")))
                    if "organization" not in t:
                        err("%d: title without organization key" % i)
            for o in d.get("organizations", []):
                check_span(i, text, o, "organization")
                if not o.get("organization"):
                    err("%d: organisation mention %r without canonical name" % (i, o.get("surface")))
                if o.get("country") not in COUNTRIES:
                    err("%d: bad organisation country %r" % (i, o.get("country")))
            for key in ("persons", "organizations"):
                spans = sorted((x["field"], x["start"], x["end"]) for x in d.get(key, []))
                for a, c in zip(spans, spans[1:]):
                    if a[0] == c[0] and c[1] < a[2]:
                        err("%d: overlapping %s spans %r %r" % (i, key, a, c))

    strata = {}
    if selection_check:
        _, sel, skipped = expected_selection()
        random_sel = {i for name, k, q, i in sel if name == "random"}
        rich_sel = {i for name, k, q, i in sel if name == "person-rich"}
        for x in skipped:
            print("skipped by the selection:", *x)
        expected = random_sel | rich_sel
        if random_sel & rich_sel:
            err("selection: strata overlap")
        missing = expected - seen
        extra = seen - expected
        if missing:
            err("selection: documents selected but not labelled: %s" % sorted(missing))
        if extra:
            err("selection: documents labelled but not in the selection: %s" % sorted(extra))
        for i in seen:
            strata[i] = "random" if i in random_sel else ("person-rich" if i in rich_sel else "?")

    # counts
    n_p = sum(len(d["persons"]) for d in docs)
    n_p_title_field = sum(1 for d in docs for p in d["persons"] if p["field"] == "title")
    n_p_with = sum(1 for d in docs for p in d["persons"] if p["titles"])
    n_t = sum(len(p["titles"]) for d in docs for p in d["persons"])
    n_t_distinct = len({(d["line"], t["start"], t["end"]) for d in docs for p in d["persons"] for t in p["titles"]})
    n_o = sum(len(d["organizations"]) for d in docs)
    n_o_title_field = sum(1 for d in docs for o in d["organizations"] if o["field"] == "title")
    persons = {p["person"] for d in docs for p in d["persons"]}
    orgs = {o["organization"] for d in docs for o in d["organizations"]}
    roles = collections.Counter(t["role"] for d in docs for p in d["persons"] for t in p["titles"])
    pcountry = collections.Counter(t["country"] for d in docs for p in d["persons"] for t in p["titles"])
    ocountry = collections.Counter(o["country"] for d in docs for o in d["organizations"])
    quarters = collections.Counter()
    for d in docs:
        q = "%sQ%d" % (d["published"][:4], (int(d["published"][5:7]) - 1) // 3 + 1)
        quarters[(strata.get(d["line"], "-"), q)] += 1

    print("documents:", len(docs))
    if strata:
        for s in ("random", "person-rich"):
            print("  %-12s" % s, sum(1 for v in strata.values() if v == s), " by quarter:",
                  " ".join("%s=%d" % (q, c) for (st, q), c in sorted(quarters.items()) if st == s))
    print("person mentions:", n_p, "(in title field: %d)" % n_p_title_field)
    print("distinct persons:", len(persons))
    print("person mentions with >=1 title:", n_p_with)
    print("titles (person-title links):", n_t, "(distinct title spans: %d)" % n_t_distinct)
    print("title countries:", dict(sorted(pcountry.items())))
    print("roles:", dict(roles.most_common()))
    print("roles outside the canonical list:", sorted(r for r in roles if r not in CANONICAL_ROLES))
    print("organisation mentions:", n_o, "(in title field: %d)" % n_o_title_field)
    print("distinct organisations:", len(orgs))
    print("organisation countries:", dict(sorted(ocountry.items())))
    for w in warnings:
        print("WARNING:", w)
    if errors:
        for e in errors:
            print("ERROR:", e)
        print("FAILED: %d error(s)" % len(errors))
        return 1
    print("OK: all offsets and surfaces verified against", data_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
