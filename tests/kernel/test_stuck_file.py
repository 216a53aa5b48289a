"""A file that once hung a notebook: jflac looped forever on a FLAC with random bytes after a cut,
and an interrupt could not stop it. Now the decoder's guard ends it as a failure, and an interrupt
stops a long analyze scan within 2 s, leaving no scanner or budget thread running."""
import time
from pathlib import Path

from conftest import errors

ROOT = Path(__file__).resolve().parents[2]

# The same bytes as lib's test helper parallellab.fuzz.StuckFlac: the library's first FLAC cut
# after a random length, then random bytes (java.util.Random, seed 5).
MAKE_STUCK_FLAC = f"""
java.nio.file.Path stuckFlac;
{{
    java.nio.file.Path first;
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("{ROOT}/data/library"))) {{
        first = files.filter(p -> p.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
    }}
    byte[] original = java.nio.file.Files.readAllBytes(first);
    var random = new java.util.Random(5);
    int keep = 30000 + random.nextInt(60000);
    byte[] garbage = new byte[1000 + random.nextInt(100000)];
    random.nextBytes(garbage);
    byte[] bytes = java.util.Arrays.copyOf(original, keep + garbage.length);
    System.arraycopy(garbage, 0, bytes, keep, garbage.length);
    stuckFlac = java.nio.file.Files.createTempFile("stuck", ".flac");
    java.nio.file.Files.write(stuckFlac, bytes);
}}
"""

BUSY_SCAN_THREADS = """
Thread.getAllStackTraces().keySet().stream()
    .filter(t -> t.getState() == Thread.State.RUNNABLE)
    .filter(t -> t.getName().startsWith("file-budget-")
            || parallellab.scan.ThreadCensus.SCANNER_WORKERS.stream().anyMatch(t.getName()::startsWith))
    .count()
"""


def test_the_stuck_flac_is_a_failure_not_a_hang(kernel):
    reply, messages = kernel.run(MAKE_STUCK_FLAC)
    assert reply["status"] == "ok", messages
    started = time.monotonic()
    value = kernel.value("new parallellab.work.AnalyzeWorkload(3).withDefaultBudget().process(stuckFlac)")
    assert time.monotonic() - started < 15
    assert "the decoder stopped making progress" in value
    kernel.run("java.nio.file.Files.deleteIfExists(stuckFlac)")


def test_an_interrupt_stops_an_analyze_scan_within_two_seconds_and_no_thread_keeps_running(kernel):
    msg_id = kernel.send(f"""
parallellab.scan.Strategies.create("executor", parallellab.scan.ScanOptions.workers(2))
    .scan(java.nio.file.Path.of("{ROOT}/data/library"), new parallellab.work.AnalyzeWorkload(10).withDefaultBudget())
    .size()
""")
    time.sleep(3)
    interrupted_at = time.monotonic()
    kernel.km.interrupt_kernel()
    reply, messages = kernel.collect(msg_id, timeout=30)
    assert time.monotonic() - interrupted_at < 2.0
    assert reply["status"] == "error", messages
    time.sleep(1)
    assert kernel.value(BUSY_SCAN_THREADS) == "0"
