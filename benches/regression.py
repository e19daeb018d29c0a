#!/usr/bin/env python3
"""The regression corpus for speed work (issue 17): proves a change altered no answer.

    benches/regression.py record BIN OUT.tsv.gz DIR...   # with the binary before the change
    benches/regression.py check  BIN OUT.tsv.gz DIR...   # with the binary after it

`record` runs `BIN parse --format json` on each DIR (from inside it, so the
recorded file names do not depend on where the folder sits) and keeps one line
per file: the set, the file, and a SHA-256 of that file's JSON line. `check`
runs the same and lists every file whose answer changed, exiting 1 if any did.
A hash per file keeps the record small (about 70 bytes a file, gzipped) while
still naming the file that changed; `parse` on that one file shows how.

`benches/regression-17.tsv.gz` is the record of main before the speed work of
issue 17 (commit 61cb6ba) on the benchmark corpus, the three gold sets and the
samples; check a build against it with
    benches/regression.py check target/release/zongjie benches/regression-17.tsv.gz \
        /tmp/bench10k ../shared/corpus ../shared/pages ../shared/gov data/samples

The benchmark corpus is deterministic (`make_corpus.py` draws from seed 1360),
so a record made on one machine checks on another:
    python3 ../shared/bench/make_corpus.py /tmp/bench10k 10000 --big 20

`benches/heldout-17.tsv.gz` is a second record, of main at 54bfd86 (issue 17's
seventh stop), on a corpus drawn from another seed that no speed step was
tuned on, and on `benches/regression-extra/`: pages whose level-1 headings
hold every section-kind word, simplified, traditional and inside a longer
title (a dropped first character of 重点工作 once passed the first record):
    python3 ../shared/bench/make_corpus.py /tmp/heldout 3000 --seed 20261201 --big 5
    benches/regression.py check target/release/zongjie benches/heldout-17.tsv.gz \
        /tmp/heldout benches/regression-extra
"""

import gzip
import hashlib
import json
import os
import subprocess
import sys


def answers(binary: str, folder: str) -> dict[str, str]:
    """File name -> hash of its parse JSON line, for every file `parse` reads in `folder`."""
    out = subprocess.run(
        [os.path.abspath(binary), "parse", "--format", "json", "."],
        cwd=folder,
        stdout=subprocess.PIPE,
        check=False,
    ).stdout
    hashes = {}
    for line in out.splitlines():
        name = json.loads(line)["file"]
        hashes[name] = hashlib.sha256(line).hexdigest()[:32]
    return hashes


def collect(binary: str, folders: list[str]) -> dict[tuple[str, str], str]:
    table = {}
    for folder in folders:
        label = os.path.basename(os.path.normpath(folder))
        for name, digest in answers(binary, folder).items():
            table[(label, name)] = digest
    return table


def main() -> int:
    if len(sys.argv) < 5 or sys.argv[1] not in ("record", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, binary, record, folders = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    now = collect(binary, folders)
    if mode == "record":
        with gzip.open(record, "wt", encoding="utf-8") as out:
            for (label, name), digest in sorted(now.items()):
                out.write(f"{label}\t{name}\t{digest}\n")
        print(f"recorded {len(now)} files from {len(folders)} folders in {record}")
        return 0
    kept = {}
    with gzip.open(record, "rt", encoding="utf-8") as inp:
        for line in inp:
            label, name, digest = line.rstrip("\n").split("\t")
            kept[(label, name)] = digest
    checked = {key for key in kept if key[0] in {k[0] for k in now}}
    changed = sorted(k for k in checked if now.get(k) != kept[k])
    added = sorted(k for k in now if k not in kept)
    for label, name in changed:
        print(f"changed\t{label}\t{name}")
    for label, name in added:
        print(f"new\t{label}\t{name}")
    print(f"{len(checked) - len(changed)} of {len(checked)} files answer as recorded")
    return 1 if changed or added else 0


if __name__ == "__main__":
    sys.exit(main())
