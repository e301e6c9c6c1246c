#!/usr/bin/env python3
"""Checks an asciicast v2 file (.cast) the way asciinema reads it, then replays it.

Usage: check_cast.py FILE.cast [--screens]

1. The format, line by line (https://docs.asciinema.org/manual/asciicast/v2/): the first
   line is a JSON object with "version": 2 and positive integer "width" and "height"
   (optional "timestamp" a number, "title" a string, "env" an object of strings); every
   other line is a JSON array [time, code, data] with time a non-negative number that never
   decreases, code "o" (output; "i", "m", "r" are allowed by the format) and data a string.
2. asciinema's own reader (the Python package `asciinema`, as `asciinema play` and `cat`
   use it) opens the file and yields the same events.
3. Replay: every output event is fed to a virtual terminal of the header's size (`pyte`,
   a VT100/xterm emulator), as a player does.

Prints one JSON object: width, height, events, output_events, duration, strictly_increasing,
and with --screens the screen text after each output event. Exits 1 with a one-line reason
on the first violation.
"""
import json
import sys


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) < 2:
        fail("usage: check_cast.py FILE.cast [--screens]")
    path = sys.argv[1]
    want_screens = "--screens" in sys.argv[2:]
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{path}: not UTF-8 at byte {e.start}")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        fail(f"{path}: empty file")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError as e:
        fail(f"{path}:1: header is not JSON: {e}")
    if not isinstance(header, dict):
        fail(f"{path}:1: header is not a JSON object")
    if header.get("version") != 2:
        fail(f"{path}:1: version is {header.get('version')!r}, not 2")
    for key in ("width", "height"):
        v = header.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            fail(f"{path}:1: {key} is {v!r}, not a positive integer")
    if "timestamp" in header and not isinstance(header["timestamp"], (int, float)):
        fail(f"{path}:1: timestamp is not a number")
    if "title" in header and not isinstance(header["title"], str):
        fail(f"{path}:1: title is not a string")
    if "env" in header:
        env = header["env"]
        if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
            fail(f"{path}:1: env is not an object of strings")

    events = []
    last = 0.0
    strictly = True
    for n, line in enumerate(lines[1:], start=2):
        if line == "":
            fail(f"{path}:{n}: empty line (asciinema stops reading there)")
        try:
            e = json.loads(line)
        except json.JSONDecodeError as err:
            fail(f"{path}:{n}: not JSON: {err}")
        if not isinstance(e, list) or len(e) != 3:
            fail(f"{path}:{n}: an event is [time, code, data]")
        t, code, data = e
        if not isinstance(t, (int, float)) or isinstance(t, bool) or t < 0:
            fail(f"{path}:{n}: time {t!r} is not a non-negative number")
        if t < last:
            fail(f"{path}:{n}: time {t} is before the previous event's {last}")
        if t == last and events:
            strictly = False
        last = t
        if code not in ("o", "i", "m", "r"):
            fail(f"{path}:{n}: unknown event code {code!r}")
        if not isinstance(data, str):
            fail(f"{path}:{n}: data is not a string")
        events.append(e)

    # asciinema's own reader.
    from asciinema import asciicast

    with asciicast.open_from_url(path) as cast:
        if cast.v2_header != header:
            fail(f"{path}: asciinema reads another header")
        theirs = list(cast.events())
    if theirs != events:
        fail(f"{path}: asciinema reads {len(theirs)} events, this check {len(events)}")

    # Replay on a virtual terminal.
    import pyte

    screen = pyte.Screen(header["width"], header["height"])
    stream = pyte.Stream(screen)
    screens = []
    outputs = [e for e in events if e[1] == "o"]
    for _, _, data in outputs:
        stream.feed(data)
        if want_screens:
            screens.append("\n".join(screen.display))
    result = {
        "width": header["width"],
        "height": header["height"],
        "events": len(events),
        "output_events": len(outputs),
        "duration": last,
        "strictly_increasing": strictly,
        "cursor_visible": not screen.cursor.hidden,
    }
    if want_screens:
        result["screens"] = screens
    print(json.dumps(result))


main()
