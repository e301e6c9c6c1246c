#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets (Tests/Fuzz/Corpus/csv, Tests/Fuzz/Corpus/safetensors).

Theme seeds are the shipped themes (themes/*.toml). Run from anywhere: python3 make_seeds.py.
The checkpoints follow mdnx's format (Sources/MDNIO/Checkpoint.swift) with tiny networks, so
the fuzzer starts from files that load and reaches the model code, not only the parser.
"""
import json
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def safetensors(tensors, metadata):
    """The bytes of a safetensors file with F32 `tensors` (name -> (shape, values))."""
    header = {"__metadata__": metadata}
    data = b""
    for name, (shape, values) in tensors.items():
        blob = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def checkpoint(kind, hidden, mixtures, din=1, dout=1):
    widths = [din] + hidden
    out = dout if kind == "mse" else 2 * mixtures * dout + mixtures
    tensors = {}
    for i in range(len(hidden)):
        n = widths[i] * widths[i + 1]
        tensors["trunk.%d.kernel" % i] = ([widths[i], widths[i + 1]], [0.5 - 0.1 * j for j in range(n)])
        tensors["trunk.%d.bias" % i] = ([widths[i + 1]], [0.01 * j for j in range(widths[i + 1])])
    tensors["head.kernel"] = ([widths[-1], out], [0.2 * ((j % 7) - 3) for j in range(widths[-1] * out)])
    tensors["head.bias"] = ([out], [0.1 * j for j in range(out)])
    names = lambda p, n: json.dumps([p] if n == 1 else ["%s%d" % (p, i + 1) for i in range(n)])
    metadata = {
        "format": "mdnx-checkpoint/1", "mdnx_version": "0.1.0", "kind": kind,
        "hidden": json.dumps(hidden, separators=(",", ":")), "input_dimension": str(din),
        "output_dimension": str(dout), "preset": "default", "epochs": "3", "seed": "42",
        "normalizer": json.dumps({"xMean": [0.5] * din, "xStd": [2.0] * din, "yMean": [1.0] * dout,
                                  "yStd": [3.0] * dout}, separators=(",", ":"), sort_keys=True),
        "x_names": names("x", din), "y_names": names("y", dout),
    }
    if kind == "mdn":
        metadata["mixtures"] = str(mixtures)
    return safetensors(tensors, metadata)


seeds = {
    "safetensors/mse.safetensors": checkpoint("mse", [3], None),
    "safetensors/mdn.safetensors": checkpoint("mdn", [3], 2),
    "safetensors/mdn-2d.safetensors": checkpoint("mdn", [2, 2], 2, din=2, dout=2),
    "csv/plain.csv": b"x,y\n0.5,1.25\n1,2\n-3e-2,4E+1\n.5,7.\n",
    "csv/r-style.csv": b'\xef\xbb\xbf"","x","y"\r\n"1",1.5,NA\r\n"2",2,3\r\n',
    "csv/quoted.csv": b'name,x,y\n"a, b",1,2\n"multi\nline",3,4\n"q""uote",,6\n',
    "csv/missing.csv": b"x,y,z\n1,NaN,3\nnull,2,3\n  4 ,\t5\t,6\n",
}
for name, data in seeds.items():
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)
