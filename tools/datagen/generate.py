#!/usr/bin/env python3
"""Generate parallel-lab's bundled sample audio library.

    python tools/datagen/generate.py            # writes data/library + data/manifest.csv
    python tools/datagen/generate.py --out /tmp/x   # writes /tmp/x/library + /tmp/x/manifest.csv

Everything is synthesised here (drums, bass, chords, optional lead) with numpy,
written as WAV and encoded with the Debian tools lame, flac, oggenc (vorbis-tools)
and ffmpeg; tags are written with mutagen.  See tools/datagen/README.md.

The catalogue and every track's music come from a fixed seed, so re-running the
generator yields the same manifest.csv byte for byte (the encoded audio bytes may
differ between encoder versions; the measured durations do not, for a given
toolchain).
"""

import argparse
import csv
import io
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import wave
import zlib
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from mutagen.flac import FLAC, Picture
from mutagen.id3 import ID3, TALB, TCON, TDRC, TIT2, TPE1, TRCK
from mutagen.id3 import delete as id3_delete
from mutagen.mp4 import MP4
from mutagen.oggvorbis import OggVorbis

SEED = 20261125
TARGET_AUDIO = 268          # regular album tracks (the mess comes on top)
HEADER = ["path", "format", "title", "artist", "album", "track", "year", "genre",
          "duration_s", "tempo_bpm", "key", "expected"]

NOTE_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]

# ---------------------------------------------------------------------------
# Catalogue: fictional artists, albums and titles
# ---------------------------------------------------------------------------

ARTISTS = [
    "Zoë & the Fjords", "Ночной Поезд", "東京 Drift", "Marrow Lane", "Kestrel Static",
    "Olu Brightwater", "Pale Orchard", "Signal & Salt", "Lumen Drive", "Café Ünderground",
    "Dr. Oscillator", "Quiet Harbour Club", "Måns Lindqvist Trio", "Les Paupières",
    "Niña Coral", "Grey Satellite", "The Tin Lanterns", "Vektor Söderberg",
    "Amber Relay", "Ostrava Nights", "Pixel Monsoon", "Brass Heron",
]
# Artists whose albums are old ID3v1-only rips: names must be ASCII, <= 30 chars.
ADJ = ["Silver", "Quiet", "Electric", "Paper", "Hollow", "Golden", "Velvet", "Broken",
       "Distant", "Neon", "Amber", "Crimson", "Lazy", "Midnight", "Rusty", "Glass",
       "Tidal", "Secret", "Wandering", "Frozen", "Sunday", "Northern", "Slow", "Bright"]
NOUN = ["Harbour", "Engine", "Garden", "Signal", "Orchard", "Lantern", "Circuit", "River",
        "Station", "Window", "Satellite", "Tide", "Meadow", "Motel", "Highway", "Cathedral",
        "Compass", "Balcony", "Tram", "Lighthouse", "Mirror", "Canyon", "Ferry", "Parade"]
ACCENTED_TITLES = ["Été Indien", "Señal Débil", "Niño del Mar", "Über den Dächern",
                   "Café Noir", "Smörgåsbord Funk", "Ça Va Aller", "Déjà Vu Express",
                   "Mañana Loop", "Fjärran", "Naïve Machine", "Crème Brûlée",
                   "Łódź at Dawn", "Ölands Brygga", "São Paulo Rain", "Zürich Tram"]
FOREIGN_TITLES = {
    "Ночной Поезд": ["Полночь", "Северный Ветер", "Огни Города", "Дорога Домой",
                     "Зимний Вокзал", "Тихий Час", "Последний Вагон", "Снег и Неон",
                     "Белые Ночи", "Станция Мир", "Туман", "Рассвет"],
    "東京 Drift": ["夜の首都高", "Neon 雨", "渋谷 Loop", "月光", "Last Train 終電",
                  "桜 Static", "Kanda Bridge", "東京 Skyline", "夏祭り", "Akihabara 8-bit",
                  "静かな朝", "Drift 2000"],
}
ALBUM_WORDS = ["Sessions", "Tapes", "Diaries", "Signals", "Postcards", "Frequencies",
               "Stories", "Weather", "Reruns", "Sketches", "Lights", "Maps"]
GENRES = ["Electronic", "Funk", "House", "Techno", "Trip-Hop", "Ambient", "Pop",
          "Dance", "Jazz", "Hip-Hop", "Acid Jazz", "Instrumental", "Lo-Fi", "Disco"]
# all of the above are in the ID3v1 (Winamp 0-79) genre list

FORMATS = ["mp3", "flac", "ogg", "m4a", "wav"]
FORMAT_WEIGHT = {"mp3": 0.22, "flac": 0.20, "ogg": 0.21, "m4a": 0.21, "wav": 0.16}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def safe_name(s):
    """File-system friendly (also on Windows/macOS): drop reserved characters."""
    for ch in '<>:"/\\|?*':
        s = s.replace(ch, "")
    return s.rstrip(". ")


def make_title(r, used, accented_ok=True):
    for _ in range(100):
        x = r.random()
        if accented_ok and x < 0.10:
            t = r.choice(ACCENTED_TITLES)
        elif x < 0.55:
            t = f"{r.choice(ADJ)} {r.choice(NOUN)}"
        elif x < 0.75:
            t = f"The {r.choice(NOUN)}"
        elif x < 0.90:
            t = f"{r.choice(NOUN)} {r.choice(['Dub', 'Loop', 'Theme', 'Groove', 'Reprise', 'Walk'])}"
        else:
            t = f"{r.choice(ADJ)} {r.choice(NOUN)} (Part {r.randint(2, 3)})"
        if t not in used:
            used.add(t)
            return t
    raise RuntimeError("title space exhausted")


def build_catalogue():
    """Return a list of album dicts, each with its track specs (pure function of SEED)."""
    r = random.Random(SEED)
    albums = []
    total = 0
    fmt_count = {f: 0 for f in FORMATS}
    used_albums = set()
    v1_artists = {"Grey Satellite"}      # old ID3v1-only mp3 rips
    n_id3v2_albums = 0
    for artist in ARTISTS:
        if total >= TARGET_AUDIO:
            break
        n_albums = r.choice([1, 2, 2, 2, 3])
        year0 = r.randint(1994, 2021)
        for a in range(n_albums):
            if total >= TARGET_AUDIO:
                break
            n_tracks = r.randint(4, 12)
            n_tracks = min(n_tracks, max(4, TARGET_AUDIO - total))
            while True:
                x = r.random()
                if x < 0.4:
                    name = f"{r.choice(ADJ)} {r.choice(ALBUM_WORDS)}"
                elif x < 0.7:
                    name = f"{r.choice(NOUN)} {r.choice(ALBUM_WORDS)}"
                elif x < 0.85:
                    name = f"The {r.choice(ADJ)} {r.choice(NOUN)}"
                else:
                    name = f"{r.choice(NOUN)} Vol. {r.randint(1, 4)}"
                if name not in used_albums:
                    used_albums.add(name)
                    break
            if artist in v1_artists:
                fmt = "mp3"
            else:
                # most under-represented format relative to its target weight
                fmt = min(FORMATS, key=lambda f: (fmt_count[f] + 1e-9) / FORMAT_WEIGHT[f]
                          + r.random() * 0.02)
            fmt_count[fmt] += n_tracks
            total += n_tracks
            if fmt == "mp3":
                if artist in v1_artists:
                    tagstyle = "id3v1"
                else:                       # alternate ID3v2.3 / ID3v2.4 albums
                    tagstyle = ["id3v23", "id3v24"][n_id3v2_albums % 2]
                    n_id3v2_albums += 1
            elif fmt == "wav":
                tagstyle = "none"
            else:
                tagstyle = "native"
            lossless = fmt in ("flac", "wav")
            # audio parameters are per album (like a real rip)
            if fmt == "mp3":
                rate, ch = r.choice([(32000, 1), (32000, 1), (44100, 2)])
            elif fmt in ("ogg", "m4a"):
                rate, ch = r.choice([(22050, 1), (22050, 1), (44100, 2)])
            elif fmt == "flac":
                rate, ch = r.choice([(16000, 1), (22050, 1), (16000, 1)])
            else:
                rate, ch = r.choice([(11025, 1), (16000, 1), (11025, 1)])
            genre = r.choice(GENRES)
            year = year0 + 2 * a + r.randint(0, 1)
            used_titles = set()
            tracks = []
            for t in range(1, n_tracks + 1):
                if artist in FOREIGN_TITLES:
                    title = FOREIGN_TITLES[artist][(t - 1 + 5 * a) % len(FOREIGN_TITLES[artist])]
                else:
                    title = make_title(r, used_titles, accented_ok=(tagstyle != "id3v1"))
                if lossless:
                    dur = 6.0 + r.random() * 3.0
                else:
                    dur = min(30.0, 6.0 + r.gammavariate(1.25, 4.0))
                tracks.append({
                    "n": t, "title": title, "dur": dur,
                    "bpm": round(85.0 + r.random() * 65.0, 1),
                    "tonic": r.randrange(12), "mode": r.choice(["major", "minor"]),
                    "style": r.randrange(1 << 30),
                    "untagged": (tagstyle in ("id3v23", "id3v24", "native") and r.random() < 0.06),
                })
            if tagstyle == "id3v1":
                assert len(artist) <= 30 and len(name) <= 30 and artist.isascii() and name.isascii()
                for tr in tracks:
                    assert len(tr["title"]) <= 30 and tr["title"].isascii()
            albums.append({"artist": artist, "album": name, "fmt": fmt, "tagstyle": tagstyle,
                           "rate": rate, "ch": ch, "genre": genre, "year": year,
                           "tracks": tracks, "dir": f"{safe_name(artist)}/{safe_name(name)}"})
    return albums


# ---------------------------------------------------------------------------
# Synthesis
# ---------------------------------------------------------------------------

MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]
PROG_MAJOR = [[0, 4, 5, 3], [0, 3, 4, 3], [5, 3, 0, 4], [0, 5, 3, 4], [0, 3, 0, 4]]
PROG_MINOR = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 6], [0, 3, 6, 2], [0, 5, 3, 4]]


def midi_hz(m):
    return 440.0 * 2.0 ** ((m - 69) / 12.0)


def one_pole_lp(x, cutoff, sr, taps=63):
    """Low-pass filter: windowed-sinc FIR, applied with np.convolve."""
    fc = min(0.49, cutoff / sr)
    k = np.arange(taps) - (taps - 1) / 2
    h = 2 * fc * np.sinc(2 * fc * k) * np.hamming(taps)
    h /= h.sum()
    return np.convolve(x, h, mode="same")


def osc(kind, f, n, sr, phase=0.0):
    t = np.arange(n) / sr
    ph = (f * t + phase) % 1.0
    if kind == "sine":
        return np.sin(2 * np.pi * ph)
    if kind == "tri":
        return 2 * np.abs(2 * ph - 1) - 1
    if kind == "saw":
        return 2 * ph - 1
    if kind == "square":
        return np.where(ph < 0.5, 1.0, -1.0)
    raise ValueError(kind)


def env_adsr(n, sr, a, d, s, rel):
    e = np.full(n, s)
    na, nd, nr = int(a * sr), int(d * sr), int(rel * sr)
    na = min(na, n)
    e[:na] = np.linspace(0, 1, na, endpoint=False)
    nd = min(nd, n - na)
    e[na:na + nd] = np.linspace(1, s, nd, endpoint=False)
    nr = min(nr, n)
    if nr:
        e[n - nr:] *= np.linspace(1, 0, nr)
    return e


def synth_track(tr, sr, n_samples, stereo):
    """Render one track as float32 array (n,) or (n, 2) in [-1, 1]."""
    rng = np.random.default_rng([SEED, tr["style"]])
    bpm = tr["bpm"]
    beat = 60.0 / bpm
    N = n_samples
    scale = MAJOR if tr["mode"] == "major" else MINOR
    prog = (PROG_MAJOR if tr["mode"] == "major" else PROG_MINOR)[rng.integers(5)]
    tonic = 48 + tr["tonic"]                   # C3..B3
    drum_style = rng.choice(["four", "backbeat", "four"])
    hat16 = rng.random() < 0.3
    open_hat = rng.random() < 0.4
    bass_style = rng.choice(["quarter", "eighth", "offbeat", "root"])
    chord_style = rng.choice(["pad", "stab", "keys", "arp"])
    lead = rng.random() < 0.55
    bars_per_chord = int(rng.choice([1, 2]))
    bass_wave = rng.choice(["saw", "square", "sine"])
    lead_wave = rng.choice(["tri", "sine", "square"])

    L = np.zeros(N)
    R = np.zeros(N) if stereo else None

    def add(sig, start, gain=1.0, pan=0.0):
        s = int(round(start * sr))
        if s >= N:
            return
        e = min(N, s + len(sig))
        seg = sig[:e - s] * gain
        if stereo:
            L[s:e] += seg * np.sqrt(0.5 * (1 - pan))
            R[s:e] += seg * np.sqrt(0.5 * (1 + pan))
        else:
            L[s:e] += seg

    # --- drum one-shots
    kn = int(0.35 * sr)
    t = np.arange(kn) / sr
    kf = 45 + 110 * np.exp(-t * 28)
    kick = np.sin(2 * np.pi * np.cumsum(kf) / sr) * np.exp(-t * 9)
    kick[: int(0.003 * sr)] += rng.normal(0, 0.3, int(0.003 * sr))     # click
    sn = int(0.22 * sr)
    t = np.arange(sn) / sr
    snare = 0.55 * rng.normal(0, 1, sn) * np.exp(-t * 22) + 0.5 * np.sin(2 * np.pi * 190 * t) * np.exp(-t * 30)
    hn = int(0.06 * sr)
    t = np.arange(hn) / sr
    hnoise = np.diff(rng.normal(0, 1, hn + 1))                           # crude high-pass
    hat = 0.35 * hnoise * np.exp(-t * 70)
    on = int(0.25 * sr)
    t = np.arange(on) / sr
    ohat = 0.3 * np.diff(rng.normal(0, 1, on + 1)) * np.exp(-t * 14)

    n_beats = int(np.ceil(N / sr / beat)) + 1
    for b in range(n_beats):
        tb = b * beat
        pos = b % 4
        if drum_style == "four" or pos in (0, 2):
            add(kick, tb, 1.0)
        if pos in (1, 3):
            add(snare, tb, 0.8, 0.1)
        add(hat, tb, 0.55, -0.3)
        if open_hat and drum_style == "four":
            add(ohat, tb + beat / 2, 0.45, -0.3)
        else:
            add(hat, tb + beat / 2, 0.4, -0.3)
        if hat16:
            add(hat, tb + beat / 4, 0.18, -0.3)
            add(hat, tb + 3 * beat / 4, 0.18, -0.3)

    # --- harmony
    bar = 4 * beat
    n_bars = int(np.ceil(N / sr / bar)) + 1

    def chord_notes(deg):
        return [tonic + 12 + scale[(deg + k) % 7] + 12 * ((deg + k) // 7) for k in (0, 2, 4)]

    for bi in range(n_bars):
        deg = prog[(bi // bars_per_chord) % 4]
        notes = chord_notes(deg)
        t0 = bi * bar
        root = tonic - 12 + scale[deg]
        # bass
        if bass_style == "root":
            times = [(0, 1.8 * beat), (2 * beat, 1.8 * beat)]
        elif bass_style == "quarter":
            times = [(k * beat, 0.9 * beat) for k in range(4)]
        elif bass_style == "eighth":
            times = [(k * beat / 2, 0.45 * beat) for k in range(8)]
        else:
            times = [(k * beat + beat / 2, 0.45 * beat) for k in range(4)]
        for off, ln in times:
            n = int(ln * sr)
            f = midi_hz(root + (12 if (bass_style == "eighth" and int(off / (beat / 2)) % 4 == 3) else 0))
            sig = osc(bass_wave, f, n, sr) * env_adsr(n, sr, 0.005, 0.1, 0.6, 0.03)
            if bass_wave != "sine":
                sig = one_pole_lp(sig, 600, sr)
            add(sig, t0 + off, 0.45)
        # chords
        if chord_style == "pad":
            n = int(bar * sr)
            sig = sum(osc("saw", midi_hz(m) * (1 + d), n, sr) for m in notes for d in (-0.003, 0.003))
            sig = one_pole_lp(sig, 1200, sr) * env_adsr(n, sr, 0.25, 0.3, 0.8, 0.2)
            add(sig, t0, 0.09, 0.25)
        elif chord_style == "stab":
            for k in range(4):
                n = int(0.18 * sr)
                sig = sum(osc("square", midi_hz(m), n, sr) for m in notes)
                sig = one_pole_lp(sig, 1800, sr) * env_adsr(n, sr, 0.003, 0.08, 0.3, 0.05)
                add(sig, t0 + k * beat + beat / 2, 0.12, 0.25)
        elif chord_style == "keys":
            for k in (0, 2):
                n = int(1.9 * beat * sr)
                sig = sum(osc("sine", midi_hz(m), n, sr) + 0.3 * osc("sine", 2 * midi_hz(m), n, sr) for m in notes)
                sig *= np.exp(-np.arange(n) / sr * 2.5) * env_adsr(n, sr, 0.004, 0.0, 1.0, 0.05)
                add(sig, t0 + k * beat, 0.16, 0.2)
        else:  # arp
            for k in range(8):
                m = notes[k % 3] + (12 if k >= 6 else 0)
                n = int(0.45 * beat * sr)
                sig = osc("tri", midi_hz(m), n, sr) * env_adsr(n, sr, 0.003, 0.05, 0.5, 0.04)
                add(sig, t0 + k * beat / 2, 0.22, 0.3)
        # lead
        if lead and bi % 2 == 1:
            pent = [0, 2, 4, 7, 9] if tr["mode"] == "major" else [0, 3, 5, 7, 10]
            for k in range(8):
                if rng.random() < 0.45:
                    continue
                m = tonic + 24 + pent[rng.integers(5)] + 12 * int(rng.random() < 0.2)
                n = int(0.45 * beat * sr)
                sig = osc(lead_wave, midi_hz(m), n, sr) * env_adsr(n, sr, 0.01, 0.05, 0.7, 0.05)
                if lead_wave == "square":
                    sig = one_pole_lp(sig, 2500, sr)
                add(sig, t0 + k * beat / 2, 0.14, -0.2)

    out = np.stack([L, R], axis=1) if stereo else L
    # fade out the last 0.4 s, normalise to -1 dBFS
    nf = int(0.4 * sr)
    fade = np.linspace(1, 0, nf)
    if stereo:
        out[-nf:] *= fade[:, None]
    else:
        out[-nf:] *= fade
    out *= 0.89 / max(1e-9, np.max(np.abs(out)))
    return out


def write_wav(path, x, sr, sampwidth=2):
    ch = 1 if x.ndim == 1 else x.shape[1]
    with wave.open(path, "wb") as w:
        w.setnchannels(ch)
        w.setsampwidth(sampwidth)
        w.setframerate(sr)
        if sampwidth == 2:
            data = np.round(x * 32767).astype("<i2").tobytes()
        else:  # 8-bit unsigned
            data = np.round(x * 127 + 128).clip(0, 255).astype(np.uint8).tobytes()
        w.writeframes(data)


def riff_info_wav(path, tags):
    """Append a LIST/INFO chunk (INAM, IART, IPRD, ITRK, ICRD, IGNR) to a WAV file."""
    sub = b""
    for cid, val in tags:
        v = val.encode("utf-8") + b"\0"
        if len(v) % 2:
            v += b"\0"
        sub += cid.encode("ascii") + struct.pack("<I", len(v)) + v
    chunk = b"LIST" + struct.pack("<I", 4 + len(sub)) + b"INFO" + sub
    with open(path, "r+b") as f:
        data = f.read()
        data = data + chunk
        data = data[:4] + struct.pack("<I", len(data) - 8) + data[8:]
        f.seek(0)
        f.write(data)
        f.truncate()


def tiny_png(w=32, h=32, seed=1):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.stack([(xx * 255 // w), (yy * 255 // h), np.full_like(xx, 160)], axis=-1).astype(np.uint8)
    img[8:24, 8:24] = rng.integers(0, 255, 3, dtype=np.uint8)
    raw = b"".join(b"\0" + img[y].tobytes() for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------
# Encoding, tagging, measuring
# ---------------------------------------------------------------------------

def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ffprobe_duration(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                          "-of", "csv=p=0", path], check=True, capture_output=True, text=True).stdout
    return float(out.strip())


def mp3_samples(target_s, sr):
    """Pick a sample count near target whose lame padding is small (delay 1105 + ~100)."""
    spf = 1152 if sr >= 32000 else 576
    k = int(round((target_s * sr + 1105 + 100) / spf))
    return k * spf - 1105 - 100


def render_job(job):
    """Synthesise + encode + tag one file; returns the manifest row (dict)."""
    tr, fmt, rate, ch, dest, tags, tagstyle, extra = job
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if fmt == "mp3":
        n = mp3_samples(tr["dur"], rate)
    else:
        n = int(round(tr["dur"] * rate))
    x = synth_track(tr, rate, n, ch == 2)
    with tempfile.TemporaryDirectory() as td:
        wav = os.path.join(td, "in.wav")
        if fmt == "wav":
            write_wav(dest, x, rate, extra.get("sampwidth", 2))
            if tags and tagstyle == "riffinfo":
                riff_info_wav(dest, [("INAM", tags["title"]), ("IART", tags["artist"]),
                                     ("IPRD", tags["album"]), ("ITRK", str(tags["track"])),
                                     ("ICRD", str(tags["year"])), ("IGNR", tags["genre"])])
        else:
            write_wav(wav, x, rate)
            if fmt == "mp3":
                br = "56" if ch == 1 else "96"
                run(["lame", "--quiet", "--nohist", "-b", br, "-m", "m" if ch == 1 else "j",
                     "--resample", str(rate / 1000.0).rstrip("0").rstrip("."), wav, dest])
            elif fmt == "flac":
                run(["flac", "-s", "-f", "-8", wav, "-o", dest])
            elif fmt == "ogg":
                q = "0" if ch == 1 else "1"
                run(["oggenc", "-Q", "-q", q, wav, "-o", dest])
            elif fmt == "m4a":
                br = "48k" if ch == 1 else "64k"
                run(["ffmpeg", "-v", "error", "-y", "-i", wav, "-map_metadata", "-1",
                     "-fflags", "+bitexact", "-c:a", "aac", "-b:a", br, "-f", "mp4", dest])
            else:
                raise ValueError(fmt)
    tag_file(dest, fmt, tags, tagstyle, extra)
    if fmt in ("wav", "flac"):
        dur = n / rate
    else:
        dur = ffprobe_duration(dest)
    drift = dur - n / rate
    assert abs(drift) <= 0.05, (dest, dur, n / rate)
    return {"format": fmt, "duration_s": f"{dur:.3f}", "drift": drift}


def tag_file(path, fmt, tags, tagstyle, extra):
    if fmt == "ogg":
        f = OggVorbis(path)
        f.tags.clear()                      # drop oggenc's ENCODER comment
        if tags:
            f.tags.update({"TITLE": tags["title"], "ARTIST": tags["artist"], "ALBUM": tags["album"],
                           "TRACKNUMBER": str(tags["track"]), "DATE": str(tags["year"]),
                           "GENRE": tags["genre"]})
        f.save()
    elif fmt == "flac":
        f = FLAC(path)
        if tags:
            f["TITLE"] = tags["title"]
            f["ARTIST"] = tags["artist"]
            f["ALBUM"] = tags["album"]
            f["TRACKNUMBER"] = str(tags["track"])
            f["DATE"] = str(tags["year"])
            f["GENRE"] = tags["genre"]
        if extra.get("picture"):
            p = Picture()
            p.type = 3
            p.mime = "image/png"
            p.desc = "Front Cover"
            p.data = extra["picture"]
            p.width, p.height, p.depth = 32, 32, 24
            f.add_picture(p)
        f.save()
    elif fmt == "m4a":
        f = MP4(path)
        if f.tags is None:
            f.add_tags()
        f.tags.clear()
        if tags:
            f.tags["\xa9nam"] = [tags["title"]]
            f.tags["\xa9ART"] = [tags["artist"]]
            f.tags["\xa9alb"] = [tags["album"]]
            f.tags["trkn"] = [(tags["track"], extra.get("total", 0))]
            f.tags["\xa9day"] = [str(tags["year"])]
            f.tags["\xa9gen"] = [tags["genre"]]
        f.save()
    elif fmt == "mp3":
        if not tags:
            id3_delete(path)                # lame writes none, but be sure
            return
        id3 = ID3()
        trck = f"{tags['track']}/{extra['total']}" if tagstyle == "id3v23" else str(tags["track"])
        id3.add(TIT2(encoding=1 if tagstyle == "id3v23" else 3, text=tags["title"]))
        id3.add(TPE1(encoding=1 if tagstyle == "id3v23" else 3, text=tags["artist"]))
        id3.add(TALB(encoding=1 if tagstyle == "id3v23" else 3, text=tags["album"]))
        id3.add(TRCK(encoding=0, text=trck))
        id3.add(TDRC(encoding=0, text=str(tags["year"])))
        id3.add(TCON(encoding=0, text=tags["genre"]))
        if tagstyle == "id3v23":
            id3.save(path, v1=0, v2_version=3)
        elif tagstyle == "id3v24":
            id3.save(path, v1=0, v2_version=4)
        elif tagstyle == "id3v1":
            id3.save(path, v1=2, v2_version=3)     # writes v2.3 + v1 ...
            id3_delete(path, delete_v1=False, delete_v2=True)   # ... then keep only v1
        else:
            raise ValueError(tagstyle)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "data")),
                    help="output directory (gets library/ and manifest.csv); default data/")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    for tool in ("lame", "flac", "oggenc", "ffmpeg", "ffprobe"):
        if not shutil.which(tool):
            sys.exit(f"missing tool: {tool} (see tools/datagen/README.md)")

    out = os.path.abspath(args.out)
    lib = os.path.join(out, "library")
    if os.path.exists(lib):
        shutil.rmtree(lib)
    os.makedirs(lib)

    albums = build_catalogue()
    r = random.Random(SEED + 1)     # for the mess
    jobs = []                        # (relpath, job, base_row)
    rows = []

    def base_row(rel, fmt, tags, tr, expected="ok"):
        return {"path": rel, "format": fmt,
                "title": tags.get("title", "") if tags else "",
                "artist": tags.get("artist", "") if tags else "",
                "album": tags.get("album", "") if tags else "",
                "track": str(tags["track"]) if tags else "",
                "year": str(tags["year"]) if tags else "",
                "genre": tags.get("genre", "") if tags else "",
                "duration_s": "", "tempo_bpm": f"{tr['bpm']:.1f}" if tr else "",
                "key": f"{NOTE_NAMES[tr['tonic']]} {tr['mode']}" if tr else "",
                "expected": expected}

    # pick special tracks deterministically
    flac_albums = [a for a in albums if a["fmt"] == "flac"]
    wav_albums = [a for a in albums if a["fmt"] == "wav"]
    mp3_albums = [a for a in albums if a["fmt"] == "mp3" and a["tagstyle"] != "id3v1"]
    m4a_albums = [a for a in albums if a["fmt"] == "m4a"]
    ogg_albums = [a for a in albums if a["fmt"] == "ogg"]
    picture_album = flac_albums[0]
    wrongext_album = flac_albums[1]
    riff_album = wav_albums[0]
    wav8_album = wav_albums[-1]
    untagged_album_mp3 = mp3_albums[-1]     # a whole album with no tags (ripped w/o metadata)
    png = tiny_png()

    for a in albums:
        total = len(a["tracks"])
        for tr in a["tracks"]:
            fmt, tagstyle, extra = a["fmt"], a["tagstyle"], {"total": total}
            ext = fmt
            tags = {"title": tr["title"], "artist": a["artist"], "album": a["album"],
                    "track": tr["n"], "year": a["year"], "genre": a["genre"]}
            if tagstyle == "none" or tr["untagged"] or a is untagged_album_mp3:
                tags = None
            if a is riff_album and tr["n"] <= 2:
                tagstyle = "riffinfo"
                tags = {"title": tr["title"], "artist": a["artist"], "album": a["album"],
                        "track": tr["n"], "year": a["year"], "genre": a["genre"]}
            if a is wav8_album and tr["n"] == 1:
                extra["sampwidth"] = 1
            if a is picture_album and tr["n"] == 1:
                extra["picture"] = png
                if tags is None:
                    tags = {"title": tr["title"], "artist": a["artist"], "album": a["album"],
                            "track": tr["n"], "year": a["year"], "genre": a["genre"]}
            rate, ch = a["rate"], a["ch"]
            if a is wrongext_album and tr["n"] == 3:
                # a real MP3 that somebody renamed to .flac
                fmt, tagstyle, rate, ch = "mp3", "id3v23", 32000, 1
                tags = {"title": tr["title"], "artist": a["artist"], "album": a["album"],
                        "track": tr["n"], "year": a["year"], "genre": a["genre"]}
            rel = f"{a['dir']}/{tr['n']:02d} {safe_name(tr['title'])}.{ext}"
            rel = nfc(rel)
            jobs.append((rel, (tr, fmt, rate, ch, os.path.join(lib, rel), tags, tagstyle, extra),
                         base_row(rel, fmt, tags, tr)))

    # --- deep nesting: a compilation 6 levels down, ID3v2.4
    deep_dir = "Compilations/Various/Disc 1/Extra/Deep/Deeper"
    comp_titles = ["Undertow", "Lanterns Below", "Bottom Step", "Cellar Light", "Down Again"]
    for i, title in enumerate(comp_titles, 1):
        tr = {"n": i, "title": title, "dur": 6.0 + r.random() * 6, "bpm": round(85 + r.random() * 65, 1),
              "tonic": r.randrange(12), "mode": r.choice(["major", "minor"]), "style": r.randrange(1 << 30)}
        tags = {"title": title, "artist": r.choice(ARTISTS), "album": "Deep Cuts Vol. 1",
                "track": i, "year": 2020, "genre": "Electronic"}
        rel = f"{deep_dir}/{i:02d} {title}.mp3"
        jobs.append((rel, (tr, "mp3", 32000, 1, os.path.join(lib, rel), tags, "id3v24", {"total": 5}),
                     base_row(rel, "mp3", tags, tr)))

    # --- truncated files: encode normally, then cut
    trunc = []
    for alb, cut in ((m4a_albums[1], 1536), (ogg_albums[1], 1024)):
        n_next = len(alb["tracks"]) + 1
        tr = {"n": n_next, "title": "Bonus Download", "dur": 12.0, "bpm": round(85 + r.random() * 65, 1),
              "tonic": r.randrange(12), "mode": r.choice(["major", "minor"]), "style": r.randrange(1 << 30)}
        tags = {"title": tr["title"], "artist": alb["artist"], "album": alb["album"],
                "track": n_next, "year": alb["year"], "genre": alb["genre"]}
        rel = nfc(f"{alb['dir']}/{n_next:02d} Bonus Download.{alb['fmt']}")
        row = base_row(rel, alb["fmt"], None, tr, "fail:truncated")
        jobs.append((rel, (tr, alb["fmt"], alb["rate"], alb["ch"], os.path.join(lib, rel), tags,
                           "native", {"total": n_next}), row))
        trunc.append((rel, cut))

    # --- run all encodes
    results = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        futs = {rel: ex.submit(render_job, job) for rel, job, _ in jobs}
        for rel, fut in futs.items():
            results[rel] = fut.result()
    max_drift = {}
    for rel, job, row in jobs:
        res = results[rel]
        if row["expected"] == "ok":
            row["duration_s"] = res["duration_s"]
            f = res["format"]
            max_drift[f] = max(max_drift.get(f, 0.0), abs(res["drift"]))
        rows.append(row)
    for rel, cut in trunc:
        p = os.path.join(lib, rel)
        with open(p, "r+b") as f:
            f.truncate(cut)

    # --- zero-byte file (a failed copy) in an mp3 album
    za = mp3_albums[0]
    rel = nfc(f"{za['dir']}/{len(za['tracks']) + 1:02d} Untitled.mp3")
    open(os.path.join(lib, rel), "wb").close()
    rows.append(base_row(rel, "mp3", None, None, "fail:empty"))

    # --- non-audio junk
    def junk(rel, data):
        p = os.path.join(lib, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        rows.append(base_row(rel, "other", None, None, "skipped"))

    cover_album = albums[1]
    jpg = os.path.join(lib, cover_album["dir"], "cover.jpg")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "gradients=s=96x96:seed=7:nb_colors=3", "-frames:v", "1", "-q:v", "6",
                    "-fflags", "+bitexact", "-flags", "+bitexact", jpg], check=True)
    rows.append(base_row(nfc(f"{cover_album['dir']}/cover.jpg"), "other", None, None, "skipped"))
    notes_artist = albums[3]
    junk(nfc(f"{safe_name(notes_artist['artist'])}/notes.txt"),
         ("Ripped from my CD shelf, 2009.\nTODO: fix the missing tags on the last album.\n"
          "Tracklist checked against the liner notes — Zoë says track 3 is mislabelled.\n").encode("utf-8"))
    ds_album = albums[5]
    junk(nfc(f"{ds_album['dir']}/.DS_Store"),
         b"\x00\x00\x00\x01Bud1" + bytes(r.randrange(256) for _ in range(200)))
    ad_album = mp3_albums[1]
    first = ad_album["tracks"][0]
    junk(nfc(f"{ad_album['dir']}/._01 {safe_name(first['title'])}.mp3"),
         b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(58))

    # --- empty folder
    empty_rel = nfc(f"{safe_name(albums[0]['artist'])}/Unreleased/")
    os.makedirs(os.path.join(lib, empty_rel), exist_ok=True)
    rows.append(base_row(empty_rel, "dir", None, None, "skipped"))

    rows.sort(key=lambda rw: rw["path"])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    with open(os.path.join(out, "manifest.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    n_audio = sum(1 for rw in rows if rw["format"] in FORMATS)
    print(f"wrote {len(rows)} manifest rows ({n_audio} audio files) to {out}")
    print("max |duration - synthesised length| per format:",
          {k: round(v, 4) for k, v in sorted(max_drift.items())})


if __name__ == "__main__":
    main()
