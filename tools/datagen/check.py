#!/usr/bin/env python3
"""Verify a generated library against its manifest.

    python tools/datagen/check.py [data]      # data dir holding library/ and manifest.csv

Checks: every `ok` file's tags read back with mutagen (RIFF INFO tags of WAV files,
which mutagen does not read, with ffprobe) equal the manifest; ffprobe durations
match; `fail:*` files really fail to parse; a simple onset-autocorrelation tempo
estimate over the first 10 s lands within 2 BPM of the manifest tempo; size and
count limits hold.
"""

import csv
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import mutagen
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

CLASSES = {"mp3": MP3, "flac": FLAC, "ogg": OggVorbis, "m4a": MP4, "wav": WAVE}


def read_tags(path, fmt):
    f = CLASSES[fmt](path)
    t = f.tags
    out = {k: "" for k in ("title", "artist", "album", "track", "year", "genre")}
    if not t:
        return out, f
    if fmt == "mp3" or fmt == "wav":
        g = lambda k: str(t[k].text[0]) if k in t else ""
        out.update(title=g("TIT2"), artist=g("TPE1"), album=g("TALB"),
                   track=g("TRCK").split("/")[0], year=g("TDRC")[:4], genre=g("TCON"))
    elif fmt in ("flac", "ogg"):
        g = lambda k: t[k][0] if k in t else ""
        out.update(title=g("TITLE"), artist=g("ARTIST"), album=g("ALBUM"),
                   track=g("TRACKNUMBER").split("/")[0], year=g("DATE")[:4], genre=g("GENRE"))
    elif fmt == "m4a":
        g = lambda k: str(t[k][0]) if k in t else ""
        out.update(title=g("\xa9nam"), artist=g("\xa9ART"), album=g("\xa9alb"),
                   track=str(t["trkn"][0][0]) if "trkn" in t else "", year=g("\xa9day")[:4],
                   genre=g("\xa9gen"))
    return out, f


def ffprobe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration:format_tags",
                          "-of", "json", path], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["format"]


def estimate_bpm(path, seconds=10.0, sr=11025, hop=64):
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-t", str(seconds), "-i", path, "-ac", "1",
                          "-ar", str(sr), "-f", "s16le", "-"], capture_output=True, check=True).stdout
    x = np.frombuffer(pcm, "<i2").astype(float) / 32768
    win = 512
    nfr = (len(x) - win) // hop
    frames = np.lib.stride_tricks.sliding_window_view(x, win)[::hop][:nfr] * np.hanning(win)
    mag = np.log1p(100 * np.abs(np.fft.rfft(frames, axis=1)))
    flux = np.maximum(0, np.diff(mag, axis=0)).sum(axis=1)
    flux -= flux.mean()
    ac = np.correlate(flux, flux, "full")[len(flux) - 1:]
    fps = sr / hop
    best = None
    for bpm10 in range(800, 1601):          # 80..160 BPM in 0.1 steps
        lag = fps * 60 / (bpm10 / 10)
        # comb over 1, 2 and 4 beats, linear interpolation of the autocorrelation
        s = 0.0
        for m in (1, 2, 4):
            l = lag * m
            i = int(l)
            if i + 1 >= len(ac):
                continue
            s += ac[i] + (l - i) * (ac[i + 1] - ac[i])
        if best is None or s > best[0]:
            best = (s, bpm10 / 10)
    return best[1]


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "data")
    lib = os.path.join(data, "library")
    rows = list(csv.DictReader(open(os.path.join(data, "manifest.csv"), encoding="utf-8", newline="")))
    problems = []
    tempo_err = []
    for row in rows:
        p = os.path.join(lib, row["path"])
        fmt, exp = row["format"], row["expected"]
        if not os.path.exists(p):
            problems.append(("missing", row["path"]))
            continue
        if exp == "ok":
            tags, f = read_tags(p, fmt)
            want = {k: row[k] for k in tags}
            if fmt == "wav" and row["title"]:
                ft = {k.lower(): v for k, v in ffprobe(p).get("tags", {}).items()}
                tags = {"title": ft.get("title", ""), "artist": ft.get("artist", ""),
                        "album": ft.get("album", ""), "track": ft.get("track", ""),
                        "year": ft.get("date", "")[:4], "genre": ft.get("genre", "")}
            if tags != want:
                problems.append(("tags", row["path"], tags, want))
            d = float(ffprobe(p)["duration"])
            if abs(d - float(row["duration_s"])) > 0.0015:
                problems.append(("duration", row["path"], d, row["duration_s"]))
            if abs(f.info.length - float(row["duration_s"])) > 0.1:
                problems.append(("mutagen-length", row["path"], f.info.length, row["duration_s"]))
            est = estimate_bpm(p)
            tempo_err.append((abs(est - float(row["tempo_bpm"])), row["path"], est, row["tempo_bpm"]))
        elif exp.startswith("fail:"):
            try:
                f = CLASSES[fmt](p)
                problems.append(("parsed-but-should-fail", row["path"], f.info.length))
            except Exception:
                pass
            try:
                mutagen.File(p)
            except Exception:
                pass
    # the extra checks
    total = int(subprocess.run(["du", "-sb", data], capture_output=True, text=True).stdout.split()[0])
    n_audio = sum(1 for r in rows if r["format"] in CLASSES)
    on_disk = set()
    for root, dirs, files in os.walk(lib):
        for fn in files:
            on_disk.add(os.path.relpath(os.path.join(root, fn), lib).replace(os.sep, "/"))
        if not dirs and not files:
            on_disk.add(os.path.relpath(root, lib).replace(os.sep, "/") + "/")
    listed = {r["path"] for r in rows}
    if on_disk != listed:
        problems.append(("unlisted/missing", sorted(on_disk ^ listed)))
    if [r["path"] for r in rows] != sorted(r["path"] for r in rows):
        problems.append(("unsorted",))
    tempo_err.sort(reverse=True)
    within = sum(1 for e in tempo_err if e[0] <= 2.0)
    print(f"rows={len(rows)} audio={n_audio} size={total} bytes ({total / 1e6:.2f} MB)")
    print("formats:", dict(Counter(r["format"] for r in rows)))
    print("expected:", dict(Counter(r["expected"] for r in rows)))
    print(f"tempo within 2 BPM: {within}/{len(tempo_err)}; worst: {tempo_err[:5]}")
    ok = (not problems and total <= 35_000_000 and n_audio >= 250 and within >= 0.9 * len(tempo_err))
    for pr in problems:
        print("PROBLEM:", pr)
    print("ALL CHECKS PASSED" if ok else "CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
