#!/usr/bin/env python3
"""Time mutagen reading the tags of every audio file in a library (the Python side
of the Java-vs-Python tag-reader comparison).

Usage:
    python tools/mutagen_bench.py data/library            # table
    python tools/mutagen_bench.py data/library --json     # machine-readable
    python tools/mutagen_bench.py data/library -n 10 --mutagen-file
    python tools/mutagen_bench.py data/library --json --clock cpu   # as parallellab.lessons.TagsComparison runs it

Each file's format is sniffed from its magic bytes (like the Java reader does), so a
renamed file is timed as what it really is, and non-audio files (cover.jpg,
.DS_Store, AppleDouble ``._*``, zero-byte files) are ignored.  The script opens the
file with the matching mutagen class (``--mutagen-file`` uses ``mutagen.File`` and its
own sniffing instead) and pulls title/artist/album/track/year/genre plus the
duration.  Files mutagen cannot parse (e.g. truncated ones) are counted as errors
and left out of the timing.

It is run warm: one untimed pass over the whole set first (OS page cache, Python
imports), then N (default 5) timed passes; the table gives milliseconds per file
per format (total time of the N passes / N / number of files). ``--clock wall`` (the default)
times the wall clock; ``--clock cpu`` times this process's CPU time (user + sys), which a busy,
shared machine disturbs far less and which is what the Java side of the comparison measures.

Reference figures (mutagen, ms per file): FLAC 0.13, M4A 0.30, MP3 0.17, Ogg 0.13.
Requires: pip install mutagen
"""

import argparse
import json
import os
import platform
import sys
import time

import mutagen
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

FORMATS = ["mp3", "flac", "ogg", "m4a", "wav"]
CLASSES = {"mp3": MP3, "flac": FLAC, "ogg": OggVorbis, "m4a": MP4, "wav": WAVE}
KEYS = {  # title, artist, album, track, year, genre
    "mp3": ("TIT2", "TPE1", "TALB", "TRCK", "TDRC", "TCON"),
    "wav": ("TIT2", "TPE1", "TALB", "TRCK", "TDRC", "TCON"),
    "flac": ("title", "artist", "album", "tracknumber", "date", "genre"),
    "ogg": ("title", "artist", "album", "tracknumber", "date", "genre"),
    "m4a": ("\xa9nam", "\xa9ART", "\xa9alb", "trkn", "\xa9day", "\xa9gen"),
}


def sniff(path):
    """Real format from the first bytes, or None for non-audio / empty files."""
    with open(path, "rb") as f:
        h = f.read(12)
    if len(h) < 4:
        return None
    if h.startswith(b"fLaC"):
        return "flac"
    if h.startswith(b"OggS"):
        return "ogg"
    if h[4:8] == b"ftyp":
        return "m4a"
    if h.startswith(b"RIFF") and h[8:12] == b"WAVE":
        return "wav"
    if h.startswith(b"ID3") or (h[0] == 0xFF and (h[1] & 0xE0) == 0xE0):
        return "mp3"
    return None


def read(path, fmt, use_file):
    f = mutagen.File(path) if use_file else CLASSES[fmt](path)
    t = f.tags
    vals = []
    for k in KEYS[fmt]:
        try:
            v = t[k] if t is not None and k in t else None
        except (KeyError, ValueError):
            v = None
        vals.append(v)
    return vals, f.info.length


def compare(library, kit_json):
    """Disagreements between mutagen and the kit's scan, one line each (empty: they agree)."""
    with open(kit_json) as f:
        # ./lab scan writes paths relative to the scanned folder
        kit = {os.path.realpath(os.path.join(library, r["path"])): r for r in json.load(f)["results"]}
    problems, checked = [], 0
    for root, dirs, names in os.walk(library):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            if n.startswith(".") or n.endswith(".json"):
                continue
            try:
                m = mutagen.File(p, easy=True)
                if m is None:
                    continue
            except Exception:
                continue  # mutagen cannot read it: the kit may fail it too
            checked += 1
            tags = m.tags or {}
            want = [(tags.get(k) or [""])[0].strip() for k in ("title", "artist", "album")]
            got = kit.get(os.path.realpath(p))
            if got is None:
                problems.append(f"{p}: not in the kit's results")
            elif not got["ok"]:
                problems.append(f"{p}: the kit failed it ({got['error']}); mutagen reads {want} {m.info.length:.3f} s")
            elif any(w and w != (g or "") for w, g in zip(want, (got["title"], got["artist"], got["album"]))):
                # a field mutagen leaves empty may hold more in the kit (RIFF INFO in a WAV, say)
                problems.append(f"{p}: the kit reads {[got['title'], got['artist'], got['album']]}, mutagen {want}")
            elif abs((got["duration_s"] or 0) - m.info.length) > 0.1:
                problems.append(f"{p}: the kit's duration {got['duration_s']:.3f} s, mutagen's {m.info.length:.3f} s")
    return checked, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("library", help="directory to scan, e.g. data/library")
    ap.add_argument("-n", "--repeats", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--mutagen-file", action="store_true",
                    help="open with mutagen.File (its own sniffing) instead of the sniffed class")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="wall clock (default) or this process's CPU time, user + sys")
    ap.add_argument("--compare", metavar="KIT_JSON",
                    help="check the kit's scan results (./lab scan DIR --json KIT_JSON) against mutagen instead of timing")
    args = ap.parse_args()
    if args.compare:
        checked, problems = compare(args.library, args.compare)
        for line in problems:
            print(line)
        print(f"{checked} files mutagen reads; {len(problems)} disagreements with the kit")
        return 1 if problems else 0
    clock = time.perf_counter if args.clock == "wall" else time.process_time

    files = {f: [] for f in FORMATS}
    for root, dirs, names in os.walk(args.library):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            fmt = sniff(p)
            if fmt:
                files[fmt].append(p)

    # warm-up pass: also finds the files mutagen cannot read
    errors = {f: 0 for f in FORMATS}
    for fmt in FORMATS:
        good = []
        for p in files[fmt]:
            try:
                read(p, fmt, args.mutagen_file)
                good.append(p)
            except Exception:
                errors[fmt] += 1
        files[fmt] = good

    res = {}
    for fmt in FORMATS:
        ps = files[fmt]
        if not ps:
            continue
        t0 = clock()
        for _ in range(args.repeats):
            for p in ps:
                read(p, fmt, args.mutagen_file)
        dt = clock() - t0
        res[fmt] = {"files": len(ps), "errors": errors[fmt],
                    "ms_per_file": round(dt * 1000 / args.repeats / len(ps), 4)}
    all_n = sum(r["files"] for r in res.values())
    meta = {"mutagen": mutagen.version_string, "python": platform.python_version(),
            "repeats": args.repeats, "files": all_n, "clock": args.clock,
            "opener": "mutagen.File" if args.mutagen_file else "sniffed class"}
    if args.json:
        print(json.dumps({"meta": meta, "formats": res}, indent=2))
        return
    print(f"mutagen {meta['mutagen']}, Python {meta['python']}, {all_n} files, "
          f"warm, {args.repeats} repeats, {args.clock} clock, opener: {meta['opener']}")
    print(f"{'format':<7}{'files':>7}{'errors':>8}{'ms/file':>10}")
    for fmt, r in res.items():
        print(f"{fmt:<7}{r['files']:>7}{r['errors']:>8}{r['ms_per_file']:>10.3f}")


if __name__ == "__main__":
    sys.exit(main())
