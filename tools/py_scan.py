#!/usr/bin/env python3
"""The blog post's sequential scanner in Python: walk a library, read each file's tags with mutagen, count.

Usage: python tools/py_scan.py DIR    (needs mutagen: .venv has it after ./lab setup)

The Python side of tools/startup_bench.py, which times it as a whole process beside `./lab scan DIR --workload tags`.
"""
import os
import sys

import mutagen


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: py_scan.py DIR")
    ok = failed = 0
    for folder, _, files in os.walk(sys.argv[1]):
        for name in sorted(files):
            try:
                audio = mutagen.File(os.path.join(folder, name), easy=True)
            except Exception:  # a broken file is a per-file failure
                failed += 1
                continue
            if audio is None:
                continue  # not audio (cover.jpg, .DS_Store)
            _ = (audio.get("title"), audio.get("artist"), audio.get("album"), audio.info.length)
            ok += 1
    print(f"scanned {sys.argv[1]}: {ok} ok, {failed} failed")


if __name__ == "__main__":
    main()
