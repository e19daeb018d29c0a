#!/usr/bin/env python3
"""Check a zongjie export from Python: every row's text is the file's text at
char_start:char_end (Python str indices) and at byte_start:byte_end (UTF-8 bytes).

usage: export_check.py CORPUS_DIR EXPORT.csv|EXPORT.jsonl ...
"""
import csv, json, sys, pathlib

def source(corpus, name, cache={}):
    if name not in cache:
        raw = (pathlib.Path(corpus) / name).read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        cache[name] = raw.decode("utf-8")  # the seed pages are UTF-8
    return cache[name]

def rows(path):
    if path.endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            yield from csv.DictReader(f)
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

corpus, *exports = sys.argv[1:]
bad = 0
for path in exports:
    n = 0
    for r in rows(path):
        n += 1
        text = source(corpus, r["file"])
        cs, ce, bs, be = (int(r[k]) for k in ("char_start", "char_end", "byte_start", "byte_end"))
        by_char = text[cs:ce]
        by_byte = text.encode("utf-8")[bs:be].decode("utf-8")
        if by_char != r["text"] or by_byte != r["text"]:
            bad += 1
            print("MISMATCH", path, r["file"], r["text"], by_char, by_byte)
    print(f"{path}: {n} rows checked")
print("ok" if bad == 0 else f"{bad} mismatches")
sys.exit(1 if bad else 0)
