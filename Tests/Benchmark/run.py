#!/usr/bin/env python3
"""Runs mdnx on the real-shaped benchmark and prints its table against the references.

For every set in data/ and every seed: `mdnx train` on train.csv (the MDN, default preset
unless --args says otherwise), `mdnx eval` of the saved model on test.csv; the held-out mean
NLL is in the data's units (nats per row). The references (a PyTorch MDN recipe and a
linear-Gaussian baseline, see reference.py) are read from reference.json.

    swift build -c release
    python3 Tests/Benchmark/reference.py          # once (minutes): writes reference.json
    python3 Tests/Benchmark/run.py                # mdnx, 3 seeds, and the table

Options: --sets a,b  --seeds 1,2,3  --args "--mixtures 5"  --mdnx PATH  --json FILE (runs).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def header(path):
    with open(path) as f:
        return f.readline().strip().split(",")


def run_mdnx(mdnx, d, seed, extra, workdir):
    x, y = header(os.path.join(d, "train.csv"))
    model = os.path.join(workdir, "model.safetensors")
    cmd = [mdnx, "train", "--data", os.path.join(d, "train.csv"), "--x", x, "--y", y, "--seed", str(seed)]
    cmd += ["--save", model, "--force", "--json", "--quiet"] + extra
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    summary = [json.loads(line) for line in out.splitlines() if line.startswith("{")][-1]
    ev = subprocess.run(
        [mdnx, "eval", "--model", model, "--data", os.path.join(d, "test.csv"), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    score = json.loads(ev.splitlines()[-1])
    return {
        "nll": score["nll"], "seconds": summary["wall_ms"] / 1000, "epochs": summary["epochs"],
        "restored_epoch": summary.get("restored_epoch"), "training_rows": summary["training_rows"],
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", default=None)
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--args", default="", help="extra arguments for mdnx train")
    p.add_argument("--mdnx", default=os.path.join(ROOT, ".build", "release", "mdnx"))
    p.add_argument("--reference", default=os.path.join(HERE, "reference.json"))
    p.add_argument("--json", help="also append every run as a JSON line to this file")
    a = p.parse_args()
    names = a.sets.split(",") if a.sets else sorted(os.listdir(os.path.join(HERE, "data")))
    seeds = [int(s) for s in a.seeds.split(",")]
    extra = shlex.split(a.args.split("#")[0])
    ref = {}
    if os.path.exists(a.reference):
        for line in open(a.reference):
            r = json.loads(line)
            ref.setdefault((r["set"], r["model"]), []).append(r)
    log = open(a.json, "a") if a.json else None
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            d = os.path.join(HERE, "data", name)
            runs = [run_mdnx(a.mdnx, d, s, extra, work) for s in seeds]
            for s, r in zip(seeds, runs):
                if log:
                    print(json.dumps({"set": name, "seed": s, "args": a.args, **r}), file=log, flush=True)
            n = sum(1 for _ in open(os.path.join(d, "train.csv"))) - 1
            m = statistics.mean(r["nll"] for r in runs)
            torch = ref.get((name, "torch"), [])
            lin = ref.get((name, "linear"), [])
            t = statistics.mean(r["nll"] for r in torch) if torch else float("nan")
            rows.append((name, n, m, [r["nll"] for r in runs], t, lin[0]["nll"] if lin else float("nan"),
                         max(r["seconds"] for r in runs),
                         statistics.mean(r["seconds"] for r in torch) if torch else float("nan")))
            r = rows[-1]
            print(f"{name}: mdnx {m:.4f} ({', '.join(f'{v:.3f}' for v in r[3])}) torch {t:.4f} "
                  f"linear {r[5]:.4f}  max {r[6]:.1f} s", file=sys.stderr, flush=True)
    print("| set | train rows | mdnx default (mean of seeds) | per seed | PyTorch MDN (mean) | linear-Gaussian "
          "| mdnx - PyTorch | mdnx s/run (max) | PyTorch s/run (mean) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, n, m, per, t, lin, sec, tsec in rows:
        per_s = " / ".join(f"{v:.3f}" for v in per)
        print(f"| {name} | {n} | {m:.4f} | {per_s} | {t:.4f} | {lin:.4f} | {m - t:+.4f} | {sec:.1f} | {tsec:.1f} |")
    diffs = [m - t for _, _, m, _, t, _, _, _ in rows]
    wins = sum(1 for v in diffs if v <= 0)
    print(f"\nmean difference mdnx - PyTorch: {statistics.mean(diffs):+.4f} nats; "
          f"mdnx at least as good on {wins} of {len(rows)} sets")


if __name__ == "__main__":
    main()
