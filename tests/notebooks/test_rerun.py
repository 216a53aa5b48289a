"""Rerunning leaks nothing (issue 11): every lesson, executed twice top to bottom in ONE kernel, gives no
error, and after the second pass the kernel has as many child processes and live threads as after the
first. "Tweak and rerun" is how the kit is used, so a rerun of any cell must not leave a worker JVM or a
thread behind; the kernel closes a kit resource whose variable a rerun replaces.

Threads are counted as the kernel counts them for its leftover warning: not the JDK's own helpers
(system thread group) and not the shared common pool's workers, which come and go by themselves.
"""
import pathlib
import time

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

COUNT = """ThreadGroup root$ = Thread.currentThread().getThreadGroup();
while (root$.getParent() != null) root$ = root$.getParent();
Thread[] all$ = new Thread[root$.activeCount() + 64];
int n$ = root$.enumerate(all$, true);
System.out.println("processes " + ProcessHandle.current().children().count());
java.util.Arrays.stream(all$, 0, n$).filter(t -> t.getThreadGroup() != null && t.getThreadGroup().getParent() != null
        && !(t instanceof java.util.concurrent.ForkJoinWorkerThread) && !t.getName().startsWith("cell-"))
    .map(Thread::getName).sorted().forEach(name -> System.out.println("thread " + name));"""


def lesson_cells():
    cells = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        cells += [c for c in nb.cells if c.cell_type == "code"]
    return cells


def run(client, start, count):
    """Executes cells start..start+count-1 of the client's notebook; returns their errors."""
    errors = []
    for i in range(start, start + count):
        cell = client.nb.cells[i]
        client.execute_cell(cell, i)
        errors += [f"{o.get('ename')}: {o.get('evalue')} in\n{cell.source[:200]}"
                   for o in cell.outputs if o.get("output_type") == "error"]
    return errors


def census(client, index):
    """Child processes and thread names of the kernel, from the census cell at index."""
    cell = client.nb.cells[index]
    cell.outputs = []
    client.execute_cell(cell, index)
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    processes = int(next(line.split()[1] for line in text.splitlines() if line.startswith("processes ")))
    threads = sorted(line[len("thread "):] for line in text.splitlines() if line.startswith("thread "))
    return processes, threads


def settled_census(client, index, want=None, wait_s=15):
    """The census, retried for a while when it differs from want (a closed pool's threads end asynchronously)."""
    deadline = time.time() + wait_s
    while True:
        found = census(client, index)
        if want is None or (found[0], len(found[1])) == (want[0], len(want[1])) or time.time() > deadline:
            return found
        time.sleep(1)


# Two passes over every lesson: longer than one lesson's run, so more than pytest.ini's per-test timeout.
@pytest.mark.timeout(2400)
def test_every_lesson_twice_in_one_kernel_leaks_nothing(out_dir):
    cells = lesson_cells()
    n = len(cells)
    def fresh(c):
        return nbformat.v4.new_code_cell(c.source, metadata=c.metadata)
    nb = nbformat.v4.new_notebook(cells=[fresh(c) for c in cells] + [nbformat.v4.new_code_cell(COUNT)]
                                  + [fresh(c) for c in cells] + [nbformat.v4.new_code_cell(COUNT)])
    client = NotebookClient(nb, kernel_name="parallel-lab", timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    started = time.monotonic()
    with client.setup_kernel():
        first_errors = run(client, 0, n)
        first_s = time.monotonic() - started
        assert not first_errors, "pass 1: " + "\n".join(first_errors)
        after_first = settled_census(client, n)
        second_errors = run(client, n + 1, n)
        both_s = time.monotonic() - started
        assert not second_errors, "pass 2: " + "\n".join(second_errors)
        after_second = settled_census(client, 2 * n + 1, want=after_first)
    (out_dir / "rerun-census.txt").write_text(f"pass 1 {first_s:.0f} s, both {both_s:.0f} s\n"
                                              f"after pass 1: {after_first}\nafter pass 2: {after_second}\n")
    assert after_second[0] == after_first[0], f"child processes: {after_first[0]} after pass 1, {after_second[0]} after pass 2"
    assert len(after_second[1]) == len(after_first[1]), \
        f"threads after pass 1: {after_first[1]}\nafter pass 2: {after_second[1]}"
