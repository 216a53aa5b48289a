#!/usr/bin/env bash
# The per-file time budget's cost on a whole clean scan, the way a learner runs it: `./lab scan
# data/library` with the default budget against `--file-timeout 0` (no budget), alternating (which
# goes first flips every round), N rounds; medians of wall time and CPU time (user + sys), uptime
# printed before and after. The figures of docs/figures.md, "Budget (session 7)".
#   tools/budget_cost.sh [ROUNDS=11] [WORKLOAD=tags] [STRATEGY=sequential]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-11}
workload=${2:-tags}
strategy=${3:-sequential}
./lab scan data/library --workload "$workload" --strategy "$strategy" >/dev/null # builds, and makes the start-up cache
uptime
python3 - "$rounds" "$workload" "$strategy" <<'PY'
# CPU from getrusage(RUSAGE_CHILDREN): microseconds, where `time` prints hundredths of a second.
import resource, statistics, subprocess, sys, time
rounds, workload, strategy = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = ["./lab", "scan", "data/library", "--workload", workload, "--strategy", strategy]
runs = {"budget": [], "none": []}
def run(label):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(base + (["--file-timeout", "0"] if label == "none" else []), check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    runs[label].append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
for i in range(rounds):
    for label in (["budget", "none"] if i % 2 == 0 else ["none", "budget"]):
        run(label)
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
(bw, bc), (nw, nc) = med["budget"], med["none"]
print(f"./lab scan data/library --workload {workload} --strategy {strategy}, median of {rounds}:")
print(f"  default budget: wall {bw:.3f} s, CPU {bc:.3f} s")
print(f"  --file-timeout 0: wall {nw:.3f} s, CPU {nc:.3f} s")
print(f"  cost: wall {100 * (bw / nw - 1):+.1f}%, CPU {100 * (bc / nc - 1):+.1f}%")
PY
uptime
