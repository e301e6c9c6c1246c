#!/usr/bin/env python3
"""Side-by-side epoch timings: PyTorch eager (CPU) vs mdnx, measured in one run.

The same protocol as `mdnx bench`'s mdn_epoch and mse_epoch: the spiral's 10,000 rows
(written by `mdnx data spiral`, so both read the same numbers), the last 15% kept for
validation, batch 128 reshuffled every epoch, widths 1-128-128-60 (MDN, K=20, the
log-sum-exp NLL with ELU+1+1e-7 sigmas) and 1-128-128-1 (MSE), Adam (lr 1e-3, eps 1e-7,
Keras defaults), and a validation forward pass after every epoch. PyTorch runs with 1 and
with 2 intra-op threads.

Each measurement is repeated in rounds that alternate PyTorch and mdnx, so that both see
the same load on a shared machine; the best and the median over all rounds are printed,
and the ratios are taken between figures of this one run. PyTorch's 1-thread epochs are
timed in process CPU time (like mdnx bench's thread CPU time), 2-thread epochs in wall time
(mdnx's 2-thread figures are `mdnx bench --only _epoch_2t`, also wall time).

Needs: a release build of mdnx and PyTorch's CPU wheel (`pip install torch`; on the team's
machines pip finds it in the local wheel folder, $PIP_FIND_LINKS).

    swift build -c release
    python3 Tests/Reference/pytorch_epoch.py --mdnx .build/release/mdnx [--rounds 3] [--json]

This is a reference experiment, not a test: it is not run by `swift test` or CI.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def load_spiral(mdnx, count, seed):
    """The spiral as written by `mdnx data spiral`: x and y float32 columns."""
    import numpy as np

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "spiral.csv")
        subprocess.run(
            [mdnx, "data", "spiral", "--count", str(count), "--seed", str(seed), "--output", path],
            check=True, capture_output=True)
        data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return data[:, :1].copy(), data[:, 1:].copy()


def make_model(torch, kind, mixtures):
    """1-128-128-head MLP with Keras initialisation (Glorot-uniform kernels, zero biases)."""
    out = 3 * mixtures if kind == "mdn" else 1
    layers = [torch.nn.Linear(1, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(),
              torch.nn.Linear(128, out)]
    model = torch.nn.Sequential(*layers)
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return model


def mdn_nll(torch, out, y, k):
    """Mean NLL of y under the mixture [mu K | sigma K (ELU+1+1e-7) | logits K], log space."""
    mu = out[:, :k]
    sigma = torch.nn.functional.elu(out[:, k:2 * k]) + 1 + 1e-7
    logits = out[:, 2 * k:]
    log_pi = torch.log_softmax(logits, dim=1)
    z = (y - mu) / sigma
    log_n = -0.5 * z * z - torch.log(sigma) - 0.9189385332046727
    return -torch.logsumexp(log_pi + log_n, dim=1).mean()


def torch_epochs(torch, kind, x, y, threads, epochs, mixtures=20, batch=128, warmup=3):
    """(process CPU ms, wall ms) of each of `epochs` PyTorch epochs after `warmup`."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    n = x.shape[0]
    split = int(n * 0.85)
    xt, yt = torch.from_numpy(x[:split]), torch.from_numpy(y[:split])
    xv, yv = torch.from_numpy(x[split:]), torch.from_numpy(y[split:])
    model = make_model(torch, kind, mixtures)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    def loss_fn(out, target):
        if kind == "mdn":
            return mdn_nll(torch, out, target, mixtures)
        return torch.mean((out - target) ** 2)

    def epoch():
        perm = torch.randperm(split)
        for b in range(0, split, batch):
            idx = perm[b:b + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            loss_fn(model(xv), yv).item()

    for _ in range(warmup):
        epoch()
    times = []
    for _ in range(epochs):
        c0, w0 = time.process_time(), time.perf_counter()
        epoch()
        times.append(((time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000))
    return times


def mdnx_bench(mdnx, names):
    """`mdnx bench --json --only ...`: {name: (best, median)} and the GEMM peak."""
    args = [mdnx, "bench", "--json"]
    for n in names:
        args += ["--only", n]
    report = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    rows = {r["name"]: (r["value"], r["median"]) for r in report["results"]}
    return rows, report["peak"]["value"], report["machine"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mdnx", default=".build/release/mdnx", help="path to a release build of mdnx")
    parser.add_argument("--rounds", type=int, default=3, help="alternating PyTorch/mdnx rounds")
    parser.add_argument("--epochs", type=int, default=10, help="timed PyTorch epochs per round and setting")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("pytorch_epoch.py: PyTorch is not installed (pip install torch)")

    x, y = load_spiral(args.mdnx, 10_000, 42)
    torch_cpu = {}  # (kind, threads) -> [ms]
    torch_wall = {}
    ours = {}  # name -> [(best, median)]
    peak = []
    machine = None
    for _ in range(args.rounds):
        for kind in ("mdn", "mse"):
            for threads in (1, 2):
                t = torch_epochs(torch, kind, x, y, threads, args.epochs)
                torch_cpu.setdefault((kind, threads), []).extend(c for c, _ in t)
                torch_wall.setdefault((kind, threads), []).extend(w for _, w in t)
        rows, p, machine = mdnx_bench(args.mdnx, ["mdn_epoch", "mse_epoch", "mdn_epoch_2t", "mse_epoch_2t"])
        peak.append(p)
        for name, v in rows.items():
            ours.setdefault(name, []).append(v)

    def best(name):
        return min(v[0] for v in ours[name])

    def med(name):
        return statistics.median(v[1] for v in ours[name])

    result = {
        "machine": machine, "torch": torch.__version__, "gemm_peak_gflops": max(peak),
        "rows": [],
    }
    for kind in ("mdn", "mse"):
        ours_name = f"{kind}_epoch"
        for threads in (1, 2):
            clock = torch_cpu if threads == 1 else torch_wall
            tb, tm = min(clock[(kind, threads)]), statistics.median(clock[(kind, threads)])
            if threads == 1:
                mb, mm, label = best(ours_name), med(ours_name), "mdnx 1 thread (CPU time)"
            else:
                mb, mm, label = best(f"{kind}_epoch_2t"), med(f"{kind}_epoch_2t"), "mdnx 2 threads (wall time)"
            result["rows"].append({
                "model": kind, "torch_threads": threads,
                "torch_clock": "process CPU" if threads == 1 else "wall",
                "torch_best_ms": tb, "torch_median_ms": tm,
                "mdnx": label, "mdnx_best_ms": mb, "mdnx_median_ms": mm,
                "ratio_best": tb / mb, "ratio_median": tm / mm,
            })
    if args.json:
        print(json.dumps(result, indent=2))
        return
    m = machine or {}
    print(f"machine: {m.get('cpu')}, {m.get('cores')} cores, load {m.get('loadAverage')}; "
          f"torch {torch.__version__}; mdnx GEMM peak {max(peak):.1f} GFLOP/s; "
          f"{args.rounds} rounds x {args.epochs} PyTorch epochs per setting")
    print(f"{'model':6} {'PyTorch':22} {'best ms':>8} {'median':>8}   {'mdnx':28} {'best ms':>8} {'median':>8}"
          f" {'ratio best':>10} {'ratio med':>9}")
    for r in result["rows"]:
        torch_label = f"eager {r['torch_threads']} thread(s), {r['torch_clock']}"
        print(f"{r['model']:6} {torch_label:22} {r['torch_best_ms']:8.2f} {r['torch_median_ms']:8.2f}   "
              f"{r['mdnx']:28} {r['mdnx_best_ms']:8.2f} {r['mdnx_median_ms']:8.2f} "
              f"{r['ratio_best']:9.2f}x {r['ratio_median']:8.2f}x")


if __name__ == "__main__":
    main()
