#!/usr/bin/env python3
"""Writes the real-shaped benchmark's fixtures: data/<set>/train.csv and data/<set>/test.csv.

Synthetic sets are drawn with numpy from fixed seeds (train rows, then fresh held-out rows
from the same generator). Real sets are public-domain measurements that statsmodels ships
(statsmodels/datasets/<name>/<name>.csv; see README.md): 30% of their rows, drawn at random
with a fixed seed, are held out. Every train.csv is written sorted by x where the set says
so, as users' files often are.

    python3 Tests/Benchmark/make_data.py                    # needs numpy
    python3 Tests/Benchmark/make_data.py --statsmodels DIR  # DIR = an unpacked statsmodels package

Without statsmodels (installed, or --statsmodels) the real sets are left as they are.
"""
import argparse
import csv
import importlib.util
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
HELD_OUT_SYNTHETIC = 2000


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([repr(float(v)) if not float(v).is_integer() else str(int(v)) for v in r])


def synthetic(name, n, draw, seed, sort_train):
    rng = np.random.default_rng(seed)
    x, y = draw(rng, n)
    xt, yt = draw(rng, HELD_OUT_SYNTHETIC)
    train = np.column_stack([x, y])
    if sort_train:
        train = train[np.argsort(train[:, 0], kind="stable")]
    write(os.path.join(DATA, name, "train.csv"), ["x", "y"], np.round(train, 6))
    write(os.path.join(DATA, name, "test.csv"), ["x", "y"], np.round(np.column_stack([xt, yt]), 6))


def sorted_sine(rng, n):
    # A smooth curve with constant noise; the train file is sorted by x.
    x = rng.uniform(0, 10, n)
    return x, np.sin(x) + 0.1 * x + rng.normal(0, 0.25, n)


def hetero(rng, n):
    # Noise that grows from 0.05 to 1.25 across the x range.
    x = rng.uniform(-3, 3, n)
    sd = 0.05 + 0.2 * (x + 3)
    return x, 0.5 * x + np.sin(2 * x) + rng.normal(0, 1, n) * sd


def bimodal(rng, n):
    # Two branches whose weights change with x (p(upper) = sigmoid(2x)).
    x = rng.uniform(-2, 2, n)
    upper = rng.uniform(0, 1, n) < 1 / (1 + np.exp(-2 * x))
    y = np.where(upper, 1.5 + 0.5 * x, -1.0 - 0.5 * x * x) + rng.normal(0, 0.2, n)
    return x, y


def heavy(rng, n):
    # A line with Student-t noise (3 degrees of freedom, scale 0.5).
    x = rng.uniform(0, 5, n)
    return x, 2 + 0.8 * x + 0.5 * rng.standard_t(3, n)


def step(rng, n):
    # A jump at x = 0.5 with different noise on each side.
    x = rng.uniform(0, 1, n)
    y = np.where(x < 0.5, 0.0 + rng.normal(0, 0.15, n), 2.0 + rng.normal(0, 0.4, n))
    return x, y


def bishop(rng, n):
    # Bishop's inverse problem: t ~ U(0, 1), x = t + 0.3 sin(2 pi t) + U(-0.1, 0.1), predict t from x.
    t = rng.uniform(0, 1, n)
    x = t + 0.3 * np.sin(2 * np.pi * t) + rng.uniform(-0.1, 0.1, n)
    return x, t


def tiny_cubic(rng, n):
    # Few rows: a cubic with moderate noise.
    x = rng.uniform(-1, 1, n)
    return x, x**3 - 0.5 * x + rng.normal(0, 0.1, n)


SYNTHETIC = [
    # name, training rows, generator, seed, train file sorted by x
    ("sorted", 500, sorted_sine, 101, True),
    ("hetero", 1000, hetero, 102, False),
    ("bimodal", 800, bimodal, 103, False),
    ("heavy", 600, heavy, 104, False),
    ("step", 400, step, 105, True),
    ("bishop", 2000, bishop, 106, False),
    ("tiny", 100, tiny_cubic, 107, False),
]

# name, statsmodels file, x column, y column, seed of the held-out draw
REAL = [
    ("engel", "engel/engel.csv", "income", "foodexp", 201),
    ("nile", "nile/nile.csv", "year", "volume", 202),
    ("sunspots", "sunspots/sunspots.csv", "YEAR", "SUNACTIVITY", 203),
]


def real(name, path, xcol, ycol, seed):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    xy = np.array([[float(r[xcol]), float(r[ycol])] for r in rows])
    rng = np.random.default_rng(seed)
    held = np.zeros(len(xy), dtype=bool)
    held[rng.permutation(len(xy))[: round(0.3 * len(xy))]] = True
    for part, mask in (("train", ~held), ("test", held)):
        sub = xy[mask]
        sub = sub[np.argsort(sub[:, 0], kind="stable")]
        write(os.path.join(DATA, name, f"{part}.csv"), [xcol, ycol], sub)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--statsmodels", help="an unpacked statsmodels package directory")
    a = p.parse_args()
    for name, n, draw, seed, sort_train in SYNTHETIC:
        synthetic(name, n, draw, seed, sort_train)
    root = a.statsmodels
    if root is None:
        spec = importlib.util.find_spec("statsmodels")
        root = os.path.dirname(spec.origin) if spec and spec.origin else None
    if root is None:
        print("statsmodels not found: the real sets are left as they are", file=sys.stderr)
        return
    for name, rel, xcol, ycol, seed in REAL:
        real(name, os.path.join(root, "datasets", rel), xcol, ycol, seed)


if __name__ == "__main__":
    main()
