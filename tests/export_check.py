#!/usr/bin/env python3
"""Check a zongjie export from Python, independently of zongjie's own code.

usage: export_check.py CORPUS_DIR EXPORT.csv|EXPORT.jsonl ... [--expect EXPECT.json]

For every row:
  - offsets: the row's text is the file's decoded text at char_start:char_end
    (Python str indices) and at byte_start:byte_end (UTF-8 bytes); the file is
    decoded with the row's `encoding`, a leading BOM removed, line ends kept;
  - context: the row's context holds its text (whitespace runs as one space);
  - reports: every row of a report carries the same report fields (title, org,
    org_level, place, year, their extracted_* values, status, note, warnings);
  - origin: an `extracted` row's values are the parser's (value, value_max, unit,
    kind, approx); an `added` row has no extracted_text; a row whose values
    differ from the parser's is `corrected`.

--expect names a JSON list of {"where": {col: value}, "want": {col: value},
"count": n}: exactly n rows (or at least "min" rows) match `where`, and every
one of them has the `want` values. Values compare as the CSV writes them
(null as empty, lists joined by ";", whole numbers without a fraction).
Exit 0 when every check holds.
"""
import csv, json, re, sys, pathlib

REPORT_COLS = ["title", "org", "org_level", "place", "year", "extracted_title",
               "extracted_org", "extracted_org_level", "extracted_place",
               "extracted_year", "report_status", "report_note", "report_warnings",
               "encoding"]
VALUE_COLS = ["value", "value_max", "unit", "kind", "approx"]


def norm(v):
    """A value as the CSV writes it."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(norm(x) for x in v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def source(corpus, name, encoding, cache={}):
    key = (name, encoding)
    if key not in cache:
        raw = (pathlib.Path(corpus) / name).read_bytes()
        text = raw.decode(encoding.lower().replace("utf-16le", "utf-16-le")
                          .replace("utf-16be", "utf-16-be"))
        cache[key] = text[1:] if text.startswith("\ufeff") else text
    return cache[key]


def rows(path):
    if path.endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                yield r
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                yield {k: norm(v) for k, v in json.loads(line).items()}


def check_row(corpus, r, problems):
    where = f'{r["file"]} {r["report"]} {r["text"]!r} @{r["byte_start"]}'
    text = source(corpus, r["file"], r["encoding"] or "utf-8")
    cs, ce, bs, be = (int(r[k]) for k in ("char_start", "char_end", "byte_start", "byte_end"))
    if text[cs:ce] != r["text"]:
        problems.append(f"{where}: chars give {text[cs:ce]!r}")
    if text.encode("utf-8")[bs:be].decode("utf-8", "replace") != r["text"]:
        problems.append(f"{where}: bytes do not give the text")
    if re.sub(r"\s+", " ", r["text"]).strip() not in r["context"]:
        problems.append(f"{where}: context {r['context']!r} lacks the text")
    extracted = [r.get("extracted_" + c, "") for c in VALUE_COLS]
    final = [r.get(c, "") for c in VALUE_COLS]
    if r["origin"] == "extracted" and r["extracted_text"] and final != extracted:
        problems.append(f"{where}: origin extracted but values {final} != {extracted}")
    if r["origin"] == "added" and r["extracted_text"]:
        problems.append(f"{where}: an added figure with extracted text")
    if r["status"] == "corrected" and r["origin"] != "corrected":
        problems.append(f"{where}: corrected but origin {r['origin']}")


def check_expect(all_rows, expect, problems):
    for e in expect:
        hits = [r for r in all_rows
                if all(r.get(k, "") == norm(v) for k, v in e.get("where", {}).items())]
        if "count" in e and len(hits) != e["count"]:
            problems.append(f"expected {e['count']} rows where {e['where']}, found {len(hits)}")
        if len(hits) < e.get("min", 0):
            problems.append(f"expected at least {e['min']} rows where {e['where']}, found {len(hits)}")
        for r in hits:
            for k, v in e.get("want", {}).items():
                if r.get(k, "") != norm(v):
                    problems.append(f"where {e['where']}: {k} is {r.get(k)!r}, want {norm(v)!r}")


def main(argv):
    expect = []
    if "--expect" in argv:
        i = argv.index("--expect")
        expect = json.loads(pathlib.Path(argv[i + 1]).read_text(encoding="utf-8"))
        argv = argv[:i] + argv[i + 2:]
    corpus, *exports = argv
    problems = []
    for path in exports:
        all_rows = list(rows(path))
        reports = {}
        for r in all_rows:
            check_row(corpus, r, problems)
            fields = tuple(r.get(c, "") for c in REPORT_COLS)
            first = reports.setdefault((r["file"], r["report"]), fields)
            if first != fields:
                problems.append(f"{r['file']} {r['report']}: report fields differ between rows")
        check_expect(all_rows, expect, problems)
        print(f"{path}: {len(all_rows)} rows checked, {len(reports)} reports")
    for p in problems[:50]:
        print("PROBLEM", p)
    print("ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
