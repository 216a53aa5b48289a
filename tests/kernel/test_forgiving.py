"""The kernel forgives a learner's mistakes and rerunning a cell leaks nothing (issue 11): a rejected or
clashing import does not poison the session, %drop and %reset, recoverable definitions are reported with
the missing name, JShell's default imports are there, java.util's names mean java.util's, and a kit
resource that a rerun replaces is closed."""
import os
import signal
from pathlib import Path

from conftest import errors, streams


def children(pid: int) -> set:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def kernel_pid(kernel) -> int:
    return kernel.km.provisioner.process.pid


def test_a_clashing_import_is_refused_and_later_cells_still_work(kernel):
    kernel.stdout("record Tempo(int bpm) { }")
    # java.time.Year exists, so JShell accepts the import, which then breaks every later cell in plain JShell.
    reply, messages = kernel.run("record Year(int y) { }\nimport java.time.Year;")
    assert reply["status"] == "error"
    assert "clashes with the record Year" in errors(messages)[0]["evalue"]
    assert kernel.value("1 + 1") == "2"
    reply, messages = kernel.run("import mytasks.Tempo;")  # no such package: rejected
    assert reply["status"] == "error"
    assert kernel.value("new Tempo(120).bpm()") == "120"


def test_a_declaration_hides_a_default_single_type_import(kernel):
    out = kernel.stdout("class Stack { int depth() { return 7; } }")
    assert "hides java.util.Stack" in out
    assert kernel.value("new Stack().depth()") == "7"
    kernel.stdout("%drop Stack")


def test_drop_removes_a_definition(kernel):
    kernel.stdout("int dropMe = 5;")
    out = kernel.stdout("%drop dropMe")
    assert "dropped variable dropMe" in out
    reply, messages = kernel.run("dropMe")
    assert reply["status"] == "error"
    reply, messages = kernel.run("%drop noSuchThing")
    assert reply["status"] == "error" and "noSuchThing" in errors(messages)[0]["evalue"]


def test_recoverable_definition_is_reported_with_the_missing_name(kernel):
    reply, messages = kernel.run("class PillScanner { int scan() { return countPills(); } }")
    assert reply["status"] == "ok"
    warning = streams(messages, "stderr")
    assert "class PillScanner" in warning and "countPills" in warning, warning
    kernel.stdout("int countPills() { return 3; }")
    assert kernel.value("new PillScanner().scan()") == "3"


def test_jshell_default_imports_resolve_without_import(kernel):
    assert kernel.value("Stream.of(1, 2, 3).map(Function.<Integer>identity()).collect(Collectors.toList())") == "[1, 2, 3]"
    assert kernel.value("new AtomicInteger(4).incrementAndGet()") == "5"
    assert kernel.value("new BigInteger(\"12\").pow(2)") == "144"
    imports = kernel.stdout("%imports")
    for pkg in ["java.io", "java.util.stream", "java.util.function", "java.util.concurrent.atomic", "java.time",
                "parallellab.scan"]:
        assert f"import {pkg}.*;" in imports, imports


def test_common_names_mean_java_util(kernel):
    for name in ["Scanner", "List", "Map", "Optional", "Random", "Timer", "Stack"]:
        assert kernel.value(f"{name}.class.getName()") == f"java.util.{name}", name


def test_rerun_closes_the_replaced_pool_and_warns_about_leftovers(kernel):
    pid = kernel_pid(kernel)
    cell = "ProcessPool rerunPool = ProcessPool.create(1);\nrerunPool.awaitReady();"
    kernel.stdout(cell)
    first = children(pid)
    assert first
    reply, messages = kernel.run(cell)
    assert reply["status"] == "ok", messages
    assert "closed the ProcessPool that `rerunPool` held" in streams(messages)
    assert not (first & children(pid)), "the first pool's worker is still running"
    # A leak the kernel cannot close (an anonymous executor): the rerun warns about it.
    leak = "Executors.newSingleThreadExecutor().submit(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } });"
    kernel.stdout(leak)
    reply, messages = kernel.run(leak)
    assert "an earlier run of this cell left 1 thread" in streams(messages, "stderr"), messages
    kernel.stdout("rerunPool.close();")


def test_a_rerun_warns_about_a_child_process_an_earlier_run_left(kernel):
    """The census looks for children only when the JDK waits for one (a "process reaper" thread): a process a
    cell started and left running is still found."""
    pid = kernel_pid(kernel)
    before = children(pid)
    leak = 'new ProcessBuilder("sleep", "60").start();'
    kernel.stdout(leak)
    started = children(pid) - before
    assert len(started) == 1
    try:
        reply, messages = kernel.run(leak)
        assert reply["status"] == "ok", messages
        leftover = next(iter(started))
        warning = streams(messages, "stderr")
        assert f"an earlier run of this cell left 1 process (pid {leftover})" in warning, messages
        assert "thread" not in warning, "what the kernel's own start left is not the cell's"

    finally:
        for child in children(pid) - before:
            os.kill(child, signal.SIGKILL)


def test_reset_gives_a_fresh_shell_and_closes_what_the_old_one_held(kernel):
    pid = kernel_pid(kernel)
    kernel.stdout("int keptBefore = 1;\nProcessPool resetPool = ProcessPool.create(1);\nresetPool.awaitReady();")
    assert children(pid)
    out = kernel.stdout("%reset")
    assert "closed the ProcessPool that `resetPool` held (%reset)" in out
    assert not children(pid)
    reply, messages = kernel.run("keptBefore")
    assert reply["status"] == "error"
    assert kernel.value("1 + 1") == "2"
    assert kernel.value("new AtomicInteger(1).get()") == "1"
