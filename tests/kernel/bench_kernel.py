"""Kernel benchmark (a script, not collected by pytest): the parallel-lab kernel side by side with stock JJava.

Run: .venv/bin/python tests/kernel/bench_kernel.py [--rounds 3]   (after ./mvnw package; JJava from requirements.txt)

Both kernels run on the same JDK, alternately, in the same run; JJava gets the lib and our extension on
JJAVA_CLASSPATH, so `%%time` exists in both. Per round and kernel it measures:
- start -> first result: from KernelManager.start_kernel to the reply of the first `1+1`, and the CPU time
  the kernel's processes used until then (less sensitive than wall time to other work on the machine);
- the `1+1` round-trip median over 40 cells, and the kernel's CPU time per such cell;
- `%%time` overhead: the median, over 40 interleaved pairs, of `%%time` + `int z = 1;` minus the plain cell
  just before it (pairs cancel the JIT's warm-up trend, which dwarfs a millisecond);
- interrupt of `while (true)`: the reply, then the CPU per second the kernel's process tree burns from 2 to 4 s
  after it (the JIT may compile for a second after any cell; from /proc, children included: JJava's launcher
  runs the kernel in a child JVM);
- `System.exit(0)` in a cell: does the kernel survive it.
Then the official jupyter_kernel_test suite once per kernel. Figures are medians over the rounds; the
machine's load average is printed, because other work on the machine shifts every figure.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import conftest  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

OURS = conftest.KERNEL_NAME
JJAVA = "jjava-parallel-lab"


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants, from /proc."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


def timed(session, code, timeout=60):
    t = time.perf_counter()
    reply, messages = session.run(code, timeout=timeout)
    return time.perf_counter() - t, reply, messages


def bench(kernel_name: str) -> dict:
    started = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    session = conftest.Session.__new__(conftest.Session)
    session.km, session.kc = km, kc
    try:
        kc.wait_for_ready(timeout=120)
        reply, _ = session.run("1+1", timeout=120)
        first = time.perf_counter() - started
        pid = km.provisioner.process.pid
        start_cpu = tree_cpu_seconds(pid)
        rts = [timed(session, "1+1")[0] for _ in range(40)]
        cell_cpu = (tree_cpu_seconds(pid) - start_cpu) / len(rts)
        plain, with_time = [], []
        for _ in range(40):
            plain.append(timed(session, "int z = 1;")[0])
            with_time.append(timed(session, "%%time\nint z = 1;")[0])
        msg = session.send("long n = 0; while (true) { n++; }")
        time.sleep(1)
        km.interrupt_kernel()
        try:
            reply, _ = session.collect(msg, timeout=10)
            interrupt = reply["status"] + (" " + reply.get("ename", "") if reply["status"] == "error" else "")
        except Exception:  # noqa: BLE001 - no reply at all is a result too
            interrupt = "no reply"
        time.sleep(2.0)  # the JIT may still compile for a second after the interrupt: not the cell's doing
        c0 = tree_cpu_seconds(pid)
        time.sleep(2.0)
        burn = (tree_cpu_seconds(pid) - c0) / 2.0
        exit_outcome = system_exit(session)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return {
        "start_to_first_result_s": first,
        "cpu_to_first_result_s": start_cpu,
        "rt_1plus1_median_ms": statistics.median(rts) * 1000,
        "cpu_per_1plus1_cell_ms": cell_cpu * 1000,
        "time_magic_overhead_ms": statistics.median(w - p for w, p in zip(with_time, plain)) * 1000,
        "interrupt_reply": interrupt,
        "cpu_after_interrupt_s_per_s": burn,
        "system_exit": exit_outcome,
    }


def system_exit(session) -> str:
    msg = session.send("System.exit(0);")
    try:
        reply, messages = session.collect(msg, timeout=10)
    except Exception:  # noqa: BLE001
        reply = {"status": "no reply"}
    time.sleep(1.5)
    if not session.km.is_alive():
        return "kernel died"
    try:
        ok = session.run("1+1", timeout=10)[0]["status"] == "ok"
    except Exception:  # noqa: BLE001
        ok = False
    return f"refused ({reply['status']}), kernel lives" if ok else "kernel unusable"


def conformance(kernel_name: str) -> dict:
    """jupyter_kernel_test's verdict per test, with the samples of tests/kernel/test_protocol.py
    (the display sample names the Table class fully: JJava does not import Tablesaw)."""
    from test_protocol import ParallelLabKernelTests
    cls = type(f"Conformance_{kernel_name.replace('-', '_')}", (ParallelLabKernelTests,), {
        "kernel_name": kernel_name,
        "code_display_data": [
            {"code": 'display(tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("a", 1, 2)))',
             "mime": "text/html"},
            {"code": 'display("plain")', "mime": "text/plain"},
        ],
    })
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(cls).run(result)
    verdict = {}
    for test, _ in result.failures + result.errors:
        verdict[test.id().rsplit(".", 1)[-1].split(" ")[0]] = "FAIL"
    names = [n for n in dir(cls) if n.startswith("test_")]
    skipped = {t.id().rsplit(".", 1)[-1] for t, _ in result.skipped}
    return {n: verdict.get(n, "skip" if n in skipped else "ok") for n in names}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-conformance", action="store_true")
    args = parser.parse_args()
    prefix = Path(tempfile.mkdtemp())
    subprocess.run([conftest.java_binary(), "-cp", conftest.install_classpath(), "parallellab.kernel.Install",
                    "--prefix", str(prefix), "--java", conftest.java_binary()], check=True, capture_output=True)
    conftest.jjava_prefix(prefix, JJAVA)
    os.environ["JUPYTER_PATH"] = str(prefix / "share/jupyter")
    print(f"JDK {conftest.java_binary()}; {os.cpu_count()} cores; load average before: {load()}", flush=True)

    for name in (OURS, JJAVA):  # once untimed: warms the file cache; our first start writes its class-data archive
        bench(name)
    rounds = {OURS: [], JJAVA: []}
    for r in range(args.rounds):
        for name in (OURS, JJAVA):
            rounds[name].append(bench(name))
            print(f"round {r + 1} {name}: {rounds[name][-1]}", flush=True)
    print(f"load average after the rounds: {load()}\n")

    keys = list(rounds[OURS][0])
    summary = {}
    for name, runs in rounds.items():
        summary[name] = {k: statistics.median(x[k] for x in runs) if isinstance(runs[0][k], float)
                         else " / ".join(sorted({x[k] for x in runs})) for k in keys}
    print(f"| {'median of ' + str(args.rounds) + ' rounds':32s} | {'parallel-lab':>30s} | {'JJava 1.0a8':>30s} | {'JJava / ours':>12s} |")
    print(f"|{'-' * 34}|{'-' * 32}|{'-' * 32}|{'-' * 14}|")
    for k in keys:
        a, b = summary[OURS][k], summary[JJAVA][k]
        if isinstance(a, float):
            ratio = f"{b / a:.1f}x" if a > 0.0005 else ""
            print(f"| {k:32s} | {a:>30.3f} | {b:>30.3f} | {ratio:>12s} |")
        else:
            print(f"| {k:32s} | {a:>30s} | {b:>30s} | {'':>12s} |")
    if not args.no_conformance:
        ours, theirs = conformance(OURS), conformance(JJAVA)
        print(f"\n| {'jupyter_kernel_test':32s} | {'parallel-lab':>12s} | {'JJava 1.0a8':>12s} |")
        print(f"|{'-' * 34}|{'-' * 14}|{'-' * 14}|")
        for test in sorted(ours):
            print(f"| {test:32s} | {ours[test]:>12s} | {theirs.get(test, '?'):>12s} |")


if __name__ == "__main__":
    main()
