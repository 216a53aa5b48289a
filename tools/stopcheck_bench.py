"""Stop-check overhead (a script, not a test): the same tight loops timed with %%timeit in a kernel cell and
compiled outside the kernel (a jar added with %jars, which the kernel does not rewrite).

Run: .venv/bin/python tools/stopcheck_bench.py [--rounds 3]   (after ./lab setup; uses the kernel in .venv)

A cell's classes get a stop check on every loop back-edge (parallellab.kernel.SnippetRewriter); a jar's classes
do not. Each loop is timed in both forms alternately, in one kernel; the figures are the median of the
per-round ratios of best-per-loop, and the best cell time over the best jar time (the steadier one under load).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests/kernel"))
import conftest  # noqa: E402

LOOPS = """
    static long sum(int[] a) { long s = 0; for (int i = 0; i < a.length; i++) s += a[i]; return s; }
    static long squares(int n) { long s = 0; for (int i = 0; i < n; i++) s += (long) i * i % 7; return s; }
    static int collatz(int n) { int steps = 0; for (int k = 1; k < n; k++) { long x = k; while (x != 1) { x = (x & 1) == 0 ? x / 2 : 3 * x + 1; steps++; } } return steps; }
"""
CALLS = {"sum": "sum(data)", "squares": "squares(100_000)", "collatz": "collatz(3_000)"}
UNITS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def best(text: str) -> float:
    m = re.search(r"best ([0-9.]+) (ns|µs|ms|s)", text)
    assert m, text
    return float(m.group(1)) * UNITS[m.group(2)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "Loops.java").write_text("package stopbench;\npublic class Loops {" + LOOPS.replace("static", "public static") + "}\n")
    javac = str(Path(conftest.java_binary()).parent / "javac")
    subprocess.run([javac, "--release", "21", "-d", str(tmp), str(tmp / "Loops.java")], check=True)
    subprocess.run([str(Path(javac).parent / "jar"), "cf", str(tmp / "loops.jar"), "-C", str(tmp), "stopbench"], check=True)
    s = conftest.Session(conftest.KERNEL_NAME)
    try:
        s.stdout(f"%jars {tmp / 'loops.jar'}")
        s.stdout("int[] data = new java.util.Random(1).ints(100_000, 0, 1000).toArray();")
        for line in LOOPS.strip().splitlines():
            s.stdout(line.strip().replace("static ", "", 1))
        ratios = {name: [] for name in CALLS}
        bests = {name: ([], []) for name in CALLS}
        for _ in range(args.rounds):
            for name, call in CALLS.items():
                jar = best(s.stdout("%%timeit\nstopbench.Loops." + call))
                cell = best(s.stdout("%%timeit\n" + call))
                ratios[name].append(cell / jar)
                bests[name][0].append(jar)
                bests[name][1].append(cell)
                print(f"{name:8s} jar {jar * 1e6:9.1f} µs  cell {cell * 1e6:9.1f} µs  cell/jar {cell / jar:.3f}", flush=True)
        print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        for name, r in ratios.items():
            jar, cell = bests[name]
            print(f"{name:8s} median cell/jar {statistics.median(r):.3f} over {len(r)} rounds; "
                  f"best cell / best jar {min(cell) / min(jar):.3f}")
    finally:
        s.close()


if __name__ == "__main__":
    main()
