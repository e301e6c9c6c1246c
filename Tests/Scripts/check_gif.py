#!/usr/bin/env python3
"""Opens an animated GIF with Pillow and reports what a viewer would show.

Usage: check_gif.py FILE.gif [--expect K RAW]... [--png DIR K,K,...]

Prints one JSON object: format, width, height, frames, durations (ms per frame), loop,
and per frame the number of distinct colours. With --expect K RAW, frame K (0-based,
composited as a viewer shows it) is compared with RAW (width * height * 3 bytes, RGB, rows
top to bottom) and "mismatches" gives the number of differing pixels per such frame. With
--png DIR, the listed frames (negative: from the end) are saved as DIR/frame-K.png.
"""
import json
import os
import sys

from PIL import Image


def main():
    args = sys.argv[1:]
    if not args:
        print("usage: check_gif.py FILE.gif [--expect K RAW]... [--png DIR K,K,...]", file=sys.stderr)
        sys.exit(1)
    path = args.pop(0)
    expects = {}
    png_dir, png_frames = None, []
    while args:
        flag = args.pop(0)
        if flag == "--expect":
            k = int(args.pop(0))
            expects[k] = args.pop(0)
        elif flag == "--png":
            png_dir = args.pop(0)
            png_frames = [int(s) for s in args.pop(0).split(",")]
        else:
            print(f"unknown option {flag}", file=sys.stderr)
            sys.exit(1)

    im = Image.open(path)
    n = getattr(im, "n_frames", 1)
    result = {
        "format": im.format,
        "width": im.width,
        "height": im.height,
        "frames": n,
        "loop": im.info.get("loop"),
        "durations": [],
        "colors": [],
        "mismatches": {},
    }
    wanted_png = {k % n for k in png_frames}
    for k in range(n):
        im.seek(k)
        result["durations"].append(im.info.get("duration"))
        rgb = im.convert("RGB")
        result["colors"].append(len(rgb.getcolors(maxcolors=1 << 24)))
        if k in expects:
            with open(expects[k], "rb") as f:
                want = f.read()
            have = rgb.tobytes()
            if len(want) != len(have):
                result["mismatches"][str(k)] = -1
            else:
                result["mismatches"][str(k)] = sum(
                    1 for i in range(0, len(have), 3) if have[i:i + 3] != want[i:i + 3])
        if k in wanted_png:
            rgb.save(os.path.join(png_dir, f"frame-{k}.png"))
    print(json.dumps(result))


main()
