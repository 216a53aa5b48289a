#!/usr/bin/env python3
"""Whole-process start-up (a script, not a test): `./lab scan DIR --workload tags` against the post's sequential
Python scanner (tools/py_scan.py, mutagen), timed from outside as `time` would, side by side.

Usage: .venv/bin/python tools/startup_bench.py [--rounds 7] [--direct] [--tty] [--other-lab OTHER_CHECKOUT/lab]

Two libraries: 57 files (the first 57 audio files of data/library, copied to a temporary folder) and the whole
bundled data/library. The commands alternate within each round; figures are medians over the rounds, of the wall time and of the CPU time
(user + sys), which a busy machine disturbs less. --direct also
times `java ... parallellab.cli.Main scan` without the wrapper, with and without the CLI's AOT cache, to show
where the time goes. --tty gives each command's stderr a terminal (a pseudo-terminal), as a learner typing `time ./lab scan`
has: ./lab then draws its progress bar, which piped stderr never shows. --other-lab times another checkout's ./lab
beside this one (for before/after: its own jars and caches). The load average is printed: other work on the machine
shifts every figure.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDIO = {".flac", ".mp3", ".m4a", ".ogg", ".wav"}


def wall(command: list[str], tty: bool = False) -> tuple[float, float]:
    """Wall time and CPU time (user + sys of the process and the children it waited for) of one run;
    with tty, stderr is a pseudo-terminal (drained by a thread) instead of a pipe."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    master = slave = None
    if tty:
        master, slave = os.openpty()
        seen = bytearray()
        drain = threading.Thread(target=_drain, args=(master, seen), daemon=True)
        drain.start()
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=slave if tty else subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if tty:
        os.close(slave)
        drain.join(5)
        os.close(master)
    err = bytes(seen).decode(errors="replace") if tty else done.stderr.decode()
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{err}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _drain(master: int, seen: bytearray) -> None:
    """Reads a pseudo-terminal until its other end is closed (a full terminal would block the writer)."""
    try:
        while chunk := os.read(master, 65536):
            seen.extend(chunk)
    except OSError:  # EIO: the other end is closed
        pass


def small_library(target: Path, count: int = 57) -> Path:
    files = sorted(p for p in (ROOT / "data/library").rglob("*") if p.suffix.lower() in AUDIO and p.stat().st_size > 0)
    for i, p in enumerate(files[:count]):
        shutil.copy2(p, target / f"{i:02d}-{p.name}")
    return target


def direct_commands(library: Path) -> dict[str, list[str]]:
    """The java command ./lab runs, without the wrapper; with the AOT cache when ./lab made one."""
    env = dict(os.environ, LAB_PRINT_JAVA="1")
    printed = subprocess.run([str(ROOT / "lab"), "scan"], capture_output=True, text=True, cwd=ROOT, env=env)
    if printed.returncode != 0:
        return {}
    java = printed.stdout.split("\0")[:-1]
    without = [a for a in java if not a.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile="))]
    args = ["scan", str(library), "--workload", "tags"]
    commands = {"java, no wrapper, no cache": without + args}
    if without != java:
        commands["java, no wrapper, cache"] = java + args
    return commands


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--direct", action="store_true", help="also time java without the wrapper, with and without the cache")
    ap.add_argument("--other-lab", metavar="SCRIPT", help="also time another ./lab: a version copied into this checkout, or another checkout's")
    ap.add_argument("--tty", action="store_true", help="give the commands' stderr a terminal, as `time ./lab scan` typed in one has")
    args = ap.parse_args()
    python = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        libraries = {"57 files": small_library(Path(tmp)), "data/library": ROOT / "data/library"}
        for label, library in libraries.items():
            commands = {
                "python py_scan.py (mutagen)": [python, str(ROOT / "tools/py_scan.py"), str(library)],
                "./lab scan --workload tags": [str(ROOT / "lab"), "scan", str(library), "--workload", "tags"],
            }
            if args.other_lab:
                commands[f"{Path(args.other_lab).resolve().parent.name}/lab scan (other)"] = [str(Path(args.other_lab).resolve()), "scan", str(library), "--workload", "tags"]
            if args.direct:
                commands.update(direct_commands(library))
            for command in commands.values():  # warm: page cache, build, caches
                wall(command, args.tty)
            times = {name: [] for name in commands}
            cpus = {name: [] for name in commands}
            for _ in range(args.rounds):
                for name, command in commands.items():
                    w, c = wall(command, args.tty)
                    times[name].append(w)
                    cpus[name].append(c)
            base = statistics.median(times["python py_scan.py (mutagen)"])
            base_cpu = statistics.median(cpus["python py_scan.py (mutagen)"])
            print(f"\n{label}: medians of {args.rounds} runs, alternating      wall            cpu (user+sys)")
            for name in commands:
                m, c = statistics.median(times[name]), statistics.median(cpus[name])
                print(f"  {name:34s} {m:6.3f} s {m / base:5.1f}x   {c:6.3f} s {c / base_cpu:5.1f}x")
    print("\nload average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), f"({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
