#!/usr/bin/env python3
"""The benchmark's reference scores on the committed splits (data/<set>/train.csv, test.csv).

- A standard PyTorch MDN recipe: inputs and targets z-scored with the training rows'
  statistics; 2x128 ReLU; a head of K = 5 Gaussians (means linear, sigmas ELU + 1 + 1e-7 as in
  the Keras tutorial that mdnx follows, mixture logits linear); Adam at 1e-3 (PyTorch's
  defaults otherwise); batch 32, reshuffled every epoch; a random 15% of the training rows
  (seeded) for validation; early stopping on the validation NLL with patience 100 epochs;
  the best epoch's weights restored; one thread. Seeds 1, 2, 3.
- A linear-Gaussian baseline: y = a + b x by least squares on all training rows, sigma the
  maximum-likelihood residual standard deviation.

Scores are the mean negative log-likelihood of the held-out rows in the data's own units
(nats per row, including 0.5 log(2 pi)). Writes one JSON object per line to --out
(default: reference.json beside this script).

    python3 Tests/Benchmark/reference.py [--sets engel,nile] [--seeds 1,2,3] [--out FILE]
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def load(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        rows = np.array([[float(v) for v in line] for line in r], dtype=np.float64)
    return header, rows[:, 0], rows[:, 1]


def linear_gaussian(x, y, xt, yt):
    a = np.column_stack([np.ones_like(x), x])
    coef, *_ = np.linalg.lstsq(a, y, rcond=None)
    sigma = float(np.sqrt(np.mean((y - a @ coef) ** 2)))
    r = yt - (coef[0] + coef[1] * xt)
    return float(np.mean(HALF_LOG_2PI + math.log(sigma) + 0.5 * (r / sigma) ** 2))


def torch_mdn(x, y, xt, yt, seed, k=5, patience=100, max_epochs=20000):
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    mx, sx, my, sy = x.mean(), x.std(), y.mean(), y.std()
    zx = ((x - mx) / sx).astype(np.float32)
    zy = ((y - my) / sy).astype(np.float32)
    perm = rng.permutation(len(x))
    nval = max(1, int(round(0.15 * len(x))))
    val, tr = perm[:nval], perm[nval:]
    X = torch.from_numpy(zx[tr]).unsqueeze(1)
    Y = torch.from_numpy(zy[tr])
    XV = torch.from_numpy(zx[val]).unsqueeze(1)
    YV = torch.from_numpy(zy[val])
    XT = torch.from_numpy(((xt - mx) / sx).astype(np.float32)).unsqueeze(1)
    YT = torch.from_numpy(((yt - my) / sy).astype(np.float32))

    class MDN(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk = torch.nn.Sequential(
                torch.nn.Linear(1, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU()
            )
            self.mu = torch.nn.Linear(128, k)
            self.sigma = torch.nn.Linear(128, k)
            self.logit = torch.nn.Linear(128, k)

        def forward(self, inp):
            h = self.trunk(inp)
            return self.mu(h), torch.nn.functional.elu(self.sigma(h)) + 1 + 1e-7, self.logit(h)

    def nll(model, inp, target):
        mu, sigma, logit = model(inp)
        z = (target.unsqueeze(1) - mu) / sigma
        comp = -0.5 * z * z - torch.log(sigma) - HALF_LOG_2PI
        return -(torch.logsumexp(torch.log_softmax(logit, dim=1) + comp, dim=1)).mean()

    model = MDN()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    best, best_state, wait, epochs = math.inf, None, 0, 0
    start = time.perf_counter()
    n = len(tr)
    for epoch in range(max_epochs):
        model.train()
        order = torch.randperm(n)
        for b in range(0, n, 32):
            idx = order[b : b + 32]
            opt.zero_grad()
            loss = nll(model, X[idx], Y[idx])
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            v = nll(model, XV, YV).item()
        epochs = epoch + 1
        if v < best:
            best, wait = v, 0
            best_state = {name: t.clone() for name, t in model.state_dict().items()}
        else:
            wait += 1
            if wait >= patience:
                break
    seconds = time.perf_counter() - start
    model.load_state_dict(best_state)
    with torch.no_grad():
        score = nll(model, XT, YT).item() + math.log(sy)
    return score, epochs, seconds


def sets():
    return sorted(d for d in os.listdir(os.path.join(HERE, "data")) if not d.startswith("."))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", default=",".join(sets()))
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--out", default=os.path.join(HERE, "reference.json"))
    a = p.parse_args()
    out = open(a.out, "w")
    for name in a.sets.split(","):
        d = os.path.join(HERE, "data", name)
        header, x, y = load(os.path.join(d, "train.csv"))
        _, xt, yt = load(os.path.join(d, "test.csv"))
        record = {"set": name, "model": "linear", "nll": linear_gaussian(x, y, xt, yt)}
        print(json.dumps(record), file=out, flush=True)
        print(json.dumps(record), flush=True)
        for seed in (int(s) for s in a.seeds.split(",")):
            score, epochs, seconds = torch_mdn(x, y, xt, yt, seed)
            record = {"set": name, "model": "torch", "seed": seed, "nll": score, "epochs": epochs, "seconds": seconds}
            print(json.dumps(record), file=out, flush=True)
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
