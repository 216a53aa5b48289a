"""Kernel benchmark (not collected by pytest): parallel-lab kernel side by side with stock JJava.

Run: .venv/bin/python tests/kernel/bench_kernel.py   (after ./mvnw package; JJava from `pip install jjava==1.0a8`)
Prints start -> first result, `1+1` round-trip median, %%time overhead, and whether an interrupted
`while (true)` keeps burning CPU (kernel process CPU time from /proc/<pid>/stat, 1 s apart).
"""
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import conftest  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(kernel_name: str, env=None):
    started = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(env={**os.environ, **(env or {})})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    session = conftest.Session.__new__(conftest.Session)
    session.km, session.kc = km, kc
    session.run("1+1", timeout=120)
    first = time.perf_counter() - started
    rts = []
    for _ in range(40):
        t = time.perf_counter()
        session.run("1+1")
        rts.append(time.perf_counter() - t)
    plain, timed = [], []
    magic = kernel_name == conftest.KERNEL_NAME
    for _ in range(20):
        t = time.perf_counter(); session.run("int z = 1;"); plain.append(time.perf_counter() - t)
        if magic:
            t = time.perf_counter(); session.run("%%time\nint z = 1;"); timed.append(time.perf_counter() - t)
    msg = session.send("long n = 0; while (true) { n++; }")
    time.sleep(1)
    km.interrupt_kernel()
    try:
        reply, _ = session.collect(msg, timeout=10)
        status = reply["status"]
    except Exception:
        status = "no reply"
    pid = km.provisioner.process.pid
    time.sleep(0.5)
    c0 = cpu_seconds(pid); time.sleep(1.0); c1 = cpu_seconds(pid)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return {
        "first_result_s": first,
        "rt_median_ms": statistics.median(rts) * 1000,
        "time_overhead_ms": (statistics.median(timed) - statistics.median(plain)) * 1000 if timed else float("nan"),
        "interrupt_status": status,
        "cpu_after_interrupt_s_per_s": c1 - c0,
    }


def main():
    import subprocess, tempfile, json
    prefix = Path(tempfile.mkdtemp())
    subprocess.run([conftest.java_binary(), "-cp", conftest.install_classpath(), "parallellab.kernel.Install",
                    "--prefix", str(prefix), "--java", conftest.java_binary()], check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = str(prefix / "share/jupyter")
    rows = {"parallel-lab": bench(conftest.KERNEL_NAME)}
    rows["parallel-lab (2nd start, CDS archive)"] = bench(conftest.KERNEL_NAME)
    jdir = conftest.jjava_kernel_dir()
    if jdir:
        os.environ["JUPYTER_PATH"] = str(jdir.parent.parent)
        java_dir = conftest.which_java_dir()
        rows["JJava 1.0a8"] = bench("java", {"PATH": java_dir + os.pathsep + os.environ["PATH"],
                                             "JAVA_HOME": str(Path(java_dir).parent)})
    keys = ["first_result_s", "rt_median_ms", "time_overhead_ms", "interrupt_status", "cpu_after_interrupt_s_per_s"]
    print(f"{'kernel':40s}" + "".join(f"{k:>28s}" for k in keys))
    for name, r in rows.items():
        print(f"{name:40s}" + "".join(f"{r[k]:>28.3f}" if isinstance(r[k], float) else f"{r[k]:>28s}" for k in keys))


if __name__ == "__main__":
    main()
