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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./lab scan data/library --workload "$workload" --strategy "$strategy" >/dev/null # builds, and makes the start-up cache
uptime
run() { # $1 = label, the rest: extra options
  local label=$1
  shift
  /usr/bin/time -f "$label %e %U %S" -a -o "$log" ./lab scan data/library --workload "$workload" --strategy "$strategy" "$@" >/dev/null
}
for ((i = 0; i < rounds; i++)); do
  if ((i % 2 == 0)); then
    run budget
    run none --file-timeout 0
  else
    run none --file-timeout 0
    run budget
  fi
done
uptime
python3 - "$log" "$workload" "$strategy" "$rounds" <<'PY'
import statistics, sys
log, workload, strategy, rounds = sys.argv[1:]
rows = {}
for line in open(log):
    label, wall, user, sys_ = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(sys_)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in rows.items()}
(bw, bc), (nw, nc) = med["budget"], med["none"]
print(f"./lab scan data/library --workload {workload} --strategy {strategy}, median of {rounds}:")
print(f"  default budget: wall {bw:.3f} s, CPU {bc:.3f} s")
print(f"  --file-timeout 0: wall {nw:.3f} s, CPU {nc:.3f} s")
print(f"  cost: wall {100 * (bw / nw - 1):+.1f}%, CPU {100 * (bc / nc - 1):+.1f}%")
PY
