#!/usr/bin/env python3
"""Build the corpus of odd but valid audio files that mutagen reads, with the values it reads.

Usage:
    .venv/bin/python tools/oddcorpus.py [OUT]        # default OUT: lib/src/test/resources/odd

Each file is made with ffmpeg and a few lines of byte editing, small (1-4 s of mono audio at low
bit rates), so the whole corpus stays well under 1 MB and can be committed as test data. Then
mutagen (the version in requirements.txt) reads every file, and OUT/expected.json records what it
read: title, artist, album and duration, or "unreadable". The Java test
(parallellab.work.OddFilesTest) checks the kit's tag reader against that file, and
`tools/mutagen_bench.py OUT --compare kit.json` compares a `./lab scan OUT --json kit.json` run.

The odd cases, from issue 13:
  mpeg2.mp3, mpeg25.mp3    MPEG-2 and MPEG-2.5 Layer III: 576 samples per frame, not 1152
  mpeg2-cbr.mp3            the same without a Xing header (duration from the bit rate)
  v1-and-v2.mp3            an ID3v2 tag without the album, an ID3v1 tag with it: merged, v2 wins
  bad-tyer.mp3             an ID3v2.3 tag whose TYER frame is malformed: only that frame is lost
  xing-bad-fields.mp3      a Xing header that claims 0 bytes, with a seek table that runs backwards
  picture-wrong-size.flac  a PICTURE block whose size field is 7 bytes short
  comment-short.flac       a VORBIS_COMMENT block declaring more bytes than it holds
  video.mp4                an H.264 video track and an AAC audio track
  adif.aac                 raw AAC with an ADIF header
  adts.aac                 raw AAC in ADTS frames
"""

import json
import os
import struct
import subprocess
import sys
import tempfile

import mutagen

TAGS = {"title": "Odd Title", "artist": "Odd Artist", "album": "Odd Album"}


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def sine(seconds, rate):
    return ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate={rate}:duration={seconds}"]


def meta(tags):
    out = []
    for k, v in tags.items():
        out += ["-metadata", f"{k}={v}"]
    return out


def syncsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def id3v23(frames):
    body = b""
    for fid, payload in frames:
        body += fid.encode() + struct.pack(">I", len(payload)) + b"\0\0" + payload
    return b"ID3\x03\x00\x00" + syncsafe(len(body)) + body


def text(s):
    return b"\x00" + s.encode("latin-1")


def id3v1(title, artist, album, year="2001"):
    def field(s, n):
        return s.encode("latin-1")[:n].ljust(n, b"\0")
    return b"TAG" + field(title, 30) + field(artist, 30) + field(album, 30) + field(year, 4) + field("", 30) + b"\xff"


def without_id3(data):
    if data[:3] == b"ID3":
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        return data[10 + size:]
    return data


def build(out):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp()
    p = lambda name: os.path.join(out, name)

    ffmpeg(*sine(3.7, 22050), "-ac", "1", "-c:a", "libmp3lame", "-b:a", "24k", *meta(TAGS), "-id3v2_version", "3", p("mpeg2.mp3"))
    ffmpeg(*sine(3.7, 11025), "-ac", "1", "-c:a", "libmp3lame", "-b:a", "16k", *meta(TAGS), "-id3v2_version", "3", p("mpeg25.mp3"))
    ffmpeg(*sine(3.7, 22050), "-ac", "1", "-c:a", "libmp3lame", "-b:a", "24k", *meta(TAGS), "-id3v2_version", "3",
           "-write_xing", "0", p("mpeg2-cbr.mp3"))

    # MPEG-1 audio without tags, to which tags are added by hand.
    raw = os.path.join(tmp, "raw.mp3")
    ffmpeg(*sine(2.0, 44100), "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-write_xing", "0", "-id3v2_version", "0", raw)
    audio = without_id3(open(raw, "rb").read())
    with open(p("v1-and-v2.mp3"), "wb") as f:
        f.write(id3v23([("TIT2", text("V2 Title")), ("TPE1", text("V2 Artist"))]) + audio
                + id3v1("V1 Title", "V1 Artist", "V1 Album"))
    with open(p("bad-tyer.mp3"), "wb") as f:
        # TYER's text encoding byte is 7 (there are 0-3): mutagen drops that frame and keeps the rest.
        f.write(id3v23([("TIT2", text(TAGS["title"])), ("TYER", b"\x07" + b"2004"),
                        ("TPE1", text(TAGS["artist"])), ("TALB", text(TAGS["album"]))]) + audio)

    xing = os.path.join(tmp, "xing.mp3")
    ffmpeg(*sine(2.0, 44100), "-ac", "1", "-c:a", "libmp3lame", "-q:a", "7", "-id3v2_version", "0", xing)
    data = bytearray(without_id3(open(xing, "rb").read()))
    at = data.find(b"Xing")
    if at < 0:
        at = data.find(b"Info")
    flags = struct.unpack(">I", data[at + 4:at + 8])[0]
    if flags & 2:
        data[at + 12:at + 16] = b"\0\0\0\0"  # bytes: 0
    if flags & 4:
        toc = at + 8 + (4 if flags & 1 else 0) + (4 if flags & 2 else 0)
        data[toc:toc + 100] = bytes(range(100, 0, -1))  # a seek table that runs backwards
    with open(p("xing-bad-fields.mp3"), "wb") as f:
        f.write(id3v23([("TIT2", text(TAGS["title"])), ("TPE1", text(TAGS["artist"])), ("TALB", text(TAGS["album"]))]) + bytes(data))

    flac = os.path.join(tmp, "plain.flac")
    ffmpeg(*sine(1.5, 8000), "-ac", "1", "-c:a", "flac", "-compression_level", "8", flac)
    blocks, frames = flac_blocks(open(flac, "rb").read())
    streaminfo = next(b for t, b in blocks if t == 0)
    comment = vorbis_comment(TAGS)
    picture = flac_picture(b"\x89PNG\r\n\x1a\n" + bytes(300))
    with open(p("picture-wrong-size.flac"), "wb") as f:
        f.write(b"fLaC" + block(0, streaminfo) + block(6, picture, size=len(picture) - 7) + block(4, comment, last=True) + frames)
    with open(p("comment-short.flac"), "wb") as f:
        f.write(b"fLaC" + block(0, streaminfo) + block(4, comment, size=len(comment) + 20) + block(1, bytes(64), last=True) + frames)

    ffmpeg("-f", "lavfi", "-i", "testsrc=size=32x32:rate=5:duration=2", *sine(2.0, 22050), "-ac", "1",
           "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "24k", "-shortest", *meta(TAGS), p("video.mp4"))

    adts = os.path.join(tmp, "a.aac")
    ffmpeg(*sine(2.0, 22050), "-ac", "1", "-c:a", "aac", "-b:a", "24k", adts)
    with open(p("adif.aac"), "wb") as f:
        f.write(adif_from_adts(open(adts, "rb").read()))
    with open(adts, "rb") as src, open(p("adts.aac"), "wb") as f:
        f.write(src.read())


def flac_blocks(data):
    at, blocks = 4, []
    while True:
        head = data[at]
        size = int.from_bytes(data[at + 1:at + 4], "big")
        blocks.append((head & 0x7F, data[at + 4:at + 4 + size]))
        at += 4 + size
        if head & 0x80:
            return blocks, data[at:]


def block(kind, body, size=None, last=False):
    size = len(body) if size is None else size
    return bytes([kind | (0x80 if last else 0)]) + size.to_bytes(3, "big") + body


def vorbis_comment(tags):
    vendor = b"oddcorpus"
    out = struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(tags))
    for k, v in tags.items():
        c = f"{k.upper()}={v}".encode()
        out += struct.pack("<I", len(c)) + c
    return out


def flac_picture(image):
    mime, desc = b"image/png", b"cover"
    return (struct.pack(">I", 3) + struct.pack(">I", len(mime)) + mime + struct.pack(">I", len(desc)) + desc
            + struct.pack(">IIII", 1, 1, 24, 0) + struct.pack(">I", len(image)) + image)


def adif_from_adts(data):
    """Raw AAC frames behind an ADIF header (ffmpeg writes only ADTS): mono, LC, 22050 Hz, 24 kb/s."""
    payload, at = b"", 0
    while at + 7 <= len(data) and data[at] == 0xFF:
        length = ((data[at + 3] & 3) << 11) | (data[at + 4] << 3) | (data[at + 5] >> 5)
        protection_absent = data[at + 1] & 1
        head = 7 if protection_absent else 9
        payload += data[at + head:at + length]
        at += length
    bits = Bits()
    bits.put(0, 1)            # copyright_id_present
    bits.put(0, 1)            # original_copy
    bits.put(0, 1)            # home
    bits.put(0, 1)            # bitstream_type: constant rate
    bits.put(24000, 23)       # bitrate
    bits.put(0, 4)            # num_program_config_elements - 1
    bits.put(0, 20)           # adif_buffer_fullness
    # program_config_element: one mono channel
    bits.put(0, 4)            # element_instance_tag
    bits.put(1, 2)            # object_type: LC
    bits.put(7, 4)            # sampling_frequency_index: 22050
    bits.put(1, 4)            # num_front_channel_elements
    bits.put(0, 4)            # num_side_channel_elements
    bits.put(0, 4)            # num_back_channel_elements
    bits.put(0, 2)            # num_lfe_channel_elements
    bits.put(0, 3)            # num_assoc_data_elements
    bits.put(0, 4)            # num_valid_cc_elements
    bits.put(0, 1)            # mono_mixdown_present
    bits.put(0, 1)            # stereo_mixdown_present
    bits.put(0, 1)            # matrix_mixdown_idx_present
    bits.put(0, 1)            # front_element_is_cpe
    bits.put(0, 4)            # front_element_tag_select
    bits.align()
    bits.put(0, 8)            # comment_field_bytes
    return b"ADIF" + bits.bytes() + payload


class Bits:
    def __init__(self):
        self.v, self.n = 0, 0

    def put(self, value, width):
        self.v = (self.v << width) | (value & ((1 << width) - 1))
        self.n += width

    def align(self):
        if self.n % 8:
            self.put(0, 8 - self.n % 8)

    def bytes(self):
        self.align()
        return self.v.to_bytes(self.n // 8, "big")


def expected(out):
    result = {}
    for name in sorted(os.listdir(out)):
        if name == "expected.json":
            continue
        try:
            f = mutagen.File(os.path.join(out, name), easy=True)
            if f is None:
                raise ValueError("mutagen does not know it")
            tags = f.tags or {}
            first = lambda k: (tags.get(k) or [""])[0]
            result[name] = {"title": first("title"), "artist": first("artist"), "album": first("album"),
                            "duration": round(f.info.length, 3)}
        except Exception as e:
            result[name] = {"unreadable": f"{type(e).__name__}: {e}"}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"mutagen": mutagen.version_string, "files": result}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return result


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "lib/src/test/resources/odd"
    build(out)
    for name, value in expected(out).items():
        print(f"{name:26} {value}")
    print(f"{sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out))} bytes in {out}")
