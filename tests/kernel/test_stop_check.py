"""The stop check on cell loops (StopSignal): an interrupt still stops a loop that never blocks, and the check,
which the JIT folds away until it fires, leaves a loop's result as it was."""
import time

from conftest import errors


def test_an_empty_infinite_loop_is_stopped_by_an_interrupt(kernel):
    msg_id = kernel.send("while (true) {}")
    time.sleep(1.5)  # long enough for the JIT to compile the loop, check and all
    interrupted_at = time.monotonic()
    kernel.km.interrupt_kernel()
    reply, messages = kernel.collect(msg_id, timeout=10)
    assert time.monotonic() - interrupted_at < 2.0
    assert reply["status"] == "error"
    assert errors(messages)[0]["ename"] == "Interrupted"
    assert kernel.value("1 + 1") == "2"


def test_a_loop_cells_result_is_unchanged_before_and_after_an_interrupt(kernel):
    kernel.run("long collatzSteps(int n) { long steps = 0; for (int k = 1; k < n; k++) "
               "{ long x = k; while (x != 1) { x = (x & 1) == 0 ? x / 2 : 3 * x + 1; steps++; } } return steps; }")
    expected = 0
    for k in range(1, 20_000):
        x = k
        while x != 1:
            x = x // 2 if x % 2 == 0 else 3 * x + 1
            expected += 1
    # Many calls: the JIT compiles the method with the check folded away.
    assert kernel.value("long r = 0; for (int i = 0; i < 50; i++) r = collatzSteps(20_000); r") == str(expected)
    msg_id = kernel.send("while (true) { collatzSteps(1_000); }")
    time.sleep(1.0)
    kernel.km.interrupt_kernel()
    reply, _ = kernel.collect(msg_id, timeout=10)
    assert reply["status"] == "error"
    assert kernel.value("collatzSteps(20_000)") == str(expected)
    assert kernel.value("int[] a = new int[1000]; for (int i = 0; i < a.length; i++) a[i] = i; "
                        "long s = 0; for (int v : a) s += v; s") == "499500"
