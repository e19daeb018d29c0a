#!/usr/bin/env python3
"""Time commands side by side, in alternation: round after round, each command once.

    benches/alternate.py [-r ROUNDS] [-w WARMUP] CMD...

hyperfine runs every run of one command before the next command's, so on a
machine whose speed drifts over minutes (this project's shared 2-core machine:
ripgrep's mean moved 118 -> 146 ms within an hour, and one build's user time
6.3 -> 8.6 s between two runs of the same hyperfine line) a drift lands on one
command only. Alternating spreads it over all of them. Each command runs through
`sh -c` with its output to /dev/null; the report gives, per command, the wall
clock's median and mean ± standard deviation, the mean user and system CPU
time, and the ratio of its median to the first command's.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def run_once(cmd: str) -> tuple[float, float, float]:
    """Wall, user and system seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(["sh", "-c", cmd], stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"alternate: `{cmd}` exited with {done.returncode}")
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-r", "--rounds", type=int, default=5)
    ap.add_argument("-w", "--warmup", type=int, default=1)
    ap.add_argument("cmds", nargs="+")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    for _ in range(args.warmup):
        for cmd in args.cmds:
            run_once(cmd)
    runs: dict[str, list[tuple[float, float, float]]] = {c: [] for c in args.cmds}
    for _ in range(args.rounds):
        for cmd in args.cmds:
            runs[cmd].append(run_once(cmd))
    print(f"{args.rounds} rounds, load average before: {load:.2f}")
    first = statistics.median(w for w, _, _ in runs[args.cmds[0]])
    for cmd in args.cmds:
        walls = [w for w, _, _ in runs[cmd]]
        med = statistics.median(walls)
        sd = statistics.stdev(walls) if len(walls) > 1 else 0.0
        user = statistics.mean(u for _, u, _ in runs[cmd])
        sys_ = statistics.mean(s for _, _, s in runs[cmd])
        print(
            f"{med:9.3f} s median  {statistics.mean(walls):.3f} ± {sd:.3f} s  "
            f"user {user:.2f} s  sys {sys_:.2f} s  {med / first:6.2f}x  {cmd}"
        )


if __name__ == "__main__":
    main()
