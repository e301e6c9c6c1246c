#!/usr/bin/env python3
"""Summarises run.py's --json logs: one row per mdnx argument string (runs without options:
one row per log file), mean held-out NLL per set (mean of the seeds) minus the PyTorch
recipe's mean, and the mean over sets.

    python3 Tests/Benchmark/summarize.py runs.jsonl [--reference reference.json]
"""
import argparse
import json
import os
import statistics
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("logs", nargs="+")
    p.add_argument("--reference", default=os.path.join(HERE, "reference.json"))
    a = p.parse_args()
    torch = defaultdict(list)
    for line in open(a.reference):
        r = json.loads(line)
        if r["model"] == "torch":
            torch[r["set"]].append(r["nll"])
    runs = defaultdict(lambda: defaultdict(list))
    secs = defaultdict(list)
    for log in a.logs:
        for line in open(log):
            r = json.loads(line)
            key = r["args"] or f"(no options: {os.path.basename(log)})"
            runs[key][r["set"]].append(r["nll"])
            secs[key].append(r["seconds"])
    sets = sorted(torch)
    print("args".ljust(70) + "".join(s[:8].rjust(9) for s in sets) + "     mean  worst  max_s")
    for args, by in runs.items():
        diffs = []
        cells = ""
        for s in sets:
            if s in by and torch[s]:
                d = statistics.mean(by[s]) - statistics.mean(torch[s])
                diffs.append(d)
                cells += f"{d:+9.3f}"
            else:
                cells += "        -"
        m = statistics.mean(diffs) if diffs else float("nan")
        w = max(diffs) if diffs else float("nan")
        print(args[:70].ljust(70) + cells + f"  {m:+.3f} {w:+.3f} {max(secs[args]):5.1f}")


if __name__ == "__main__":
    main()
