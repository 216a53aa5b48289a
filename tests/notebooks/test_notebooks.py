"""Every lesson, executed top to bottom with the real parallel-lab kernel, as a learner would.

A notebook fails the build when any cell produces an error output, and when the charts
(image/png) and tables (text/html) that its metadata promises are missing. The executed copies
are written to target/test-output/notebooks for a look afterwards; the lessons themselves are not
modified.
"""
import json
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KERNEL = "parallel-lab"


def outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def count_mime(nb, mime):
    return sum(1 for o in outputs(nb) if mime in o.get("data", {}))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_runs_clean(path, out_dir):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    executed = out_dir / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)

    errors = [o for o in outputs(nb) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: error output: " + "; ".join(
        f"{e.get('ename')}: {e.get('evalue')}" for e in errors)

    expect = nb.metadata.get("parallel_lab", {}).get("expect", {})
    for mime, at_least in expect.items():
        found = count_mime(nb, mime)
        assert found >= at_least, f"{path.name}: expected at least {at_least} {mime} outputs, found {found}"


def test_every_lesson_is_found():
    names = [p.name for p in NOTEBOOKS]
    assert names and names[0].startswith("00_"), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_is_committed_clean(path):
    """The lessons are stored as a learner should first see them: no outputs, our kernel, a
    parameters cell to change, and exercises at the end."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == KERNEL
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code"
    for cell in code:
        assert not cell.get("outputs") and cell.get("execution_count") is None, \
            f"{path.name}: commit the lesson without outputs (Edit > Clear Outputs of All Cells)"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), \
        f"{path.name}: the lesson opens with its title"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "## Exercises" in markdown, f"{path.name}: every lesson ends with exercises"
    assert "parallel_lab" in nb.metadata and "expect" in nb.metadata["parallel_lab"]
