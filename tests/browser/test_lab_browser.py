"""A learner's first minutes, in a real browser: `./lab --no-browser --port=N` starts JupyterLab, which
opens lessons 00 and 05, runs every cell, and shows charts and tables without errors; then the learner
edits the parameters cell, reruns, and sees the new result; then Ctrl-C (SIGINT) on ./lab leaves no
JupyterLab, kernel or worker JVM running.

It drives Debian's Chromium through Playwright (no browser download). Without Chromium the test
says how to install it and is skipped, except under CI=true, where it is required.
"""
import json
import os
import pathlib
import shutil
import socket
import time
import urllib.request

import pytest

from lab_command import LabCommand

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOKEN = "parallel-lab-browser-test"
pytestmark = pytest.mark.browser
ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def chromium_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser_path():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (Debian/Ubuntu: sudo apt install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ": the browser test is required under CI=true")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started the user's way, `./lab --no-browser --port=N` (as root in CI, so --allow-root is
    exercised), serving a copy of the lessons (the originals stay untouched)."""
    work = tmp_path_factory.mktemp("lab")
    notebooks = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    command = LabCommand(free_port(), work, f"--ServerApp.root_dir={notebooks}", "--LabApp.news_url=None", token=TOKEN)
    try:
        command.wait_for_url()
    except BaseException:
        command.kill()
        raise
    yield f"http://127.0.0.1:{command.port}", notebooks, command
    if command.proc.poll() is None:
        command.kill()


@pytest.fixture(scope="module")
def page(browser_path):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path, headless=True,
            args=["--no-sandbox", "--disable-gpu"])  # what a container needs
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        yield page
        context.close()
        browser.close()


def open_notebook(page, base, name):
    # ?reset: a clean layout with just this notebook, not the tabs of the previous test.
    page.goto(f"{base}/lab/tree/{name}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # Wait until the notebook's session has its kernel: the status bar names it and says Idle.
    # (The toolbar's execution indicator says "idle" from the start, before any kernel is attached;
    # Run All at that moment does nothing, or asks to select a kernel. On a fresh server's first page
    # load that window lasts a few seconds, which once made this test flaky.)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-Widget')]"
        ".some(e => e.textContent.includes('(parallel-lab) | Idle'))", timeout=60_000)


def click_run_all(page):
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")


def run_all(page, timeout_s=300):
    click_run_all(page)
    deadline = time.time() + timeout_s
    prompts = []
    while time.time() < deadline:
        if page.query_selector(".jp-Dialog"):
            break
        prompts = page.eval_on_selector_all(
            ACTIVE + " .jp-CodeCell .jp-InputPrompt", "els => els.map(e => e.textContent.trim())")
        if prompts and all(p.startswith("[") and p not in ("[ ]:", "[*]:") for p in prompts):
            if page.query_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']"):
                return
        page.wait_for_timeout(500)
    page.screenshot(path=str(ROOT / "target" / "test-output" / "browser-stuck.png"))
    dialog = page.query_selector(".jp-Dialog")
    pytest.fail("the notebook did not finish running within %d s; prompts: %s; dialog: %s"
                % (timeout_s, prompts, dialog.inner_text() if dialog else None))


def saved_outputs(page, base, name):
    """Saves the notebook from the browser, then reads back the outputs the kernel produced."""
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1500)
    with urllib.request.urlopen(f"{base}/api/contents/{name}?token={TOKEN}&content=1", timeout=10) as r:
        nb = json.load(r)["content"]
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]


@pytest.mark.parametrize("name", ["00_start_here.ipynb", "05_speedup.ipynb"])
def test_lesson_runs_in_jupyterlab(page, lab, name, out_dir):
    base, _, _ = lab
    open_notebook(page, base, name)
    run_all(page)
    page.screenshot(path=str(out_dir / f"browser-{name}.png"), full_page=False)
    outputs = saved_outputs(page, base, name)
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, [f"{e['ename']}: {e['evalue']}" for e in errors]
    expect = json.loads((ROOT / "notebooks" / name).read_text())["metadata"].get("parallel_lab", {}).get("expect", {})
    if expect.get("image/png", 0) > 0:
        assert page.locator(".jp-OutputArea-output img").count() >= 1, "no chart was rendered"
    if expect.get("text/html", 0) > 0:
        assert page.locator(".jp-OutputArea-output table").count() >= 1, "no table was rendered"


def test_learner_edits_workers_and_reruns(page, lab, out_dir):
    base, _, _ = lab
    open_notebook(page, base, "00_start_here.ipynb")
    params = page.locator(ACTIVE + " .jp-CodeCell").first
    assert params.locator(".cm-line").first.inner_text().startswith("int workers = Cores.available();")
    # Replace just the first line of the parameters cell, as a learner would.
    params.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")
    page.keyboard.insert_text("int workers = 1;")
    page.keyboard.press("Escape")
    run_all(page)
    page.screenshot(path=str(out_dir / "browser-edited.png"), full_page=False)
    assert page.locator(".jp-OutputArea-output:has-text('with 1 worker')").count() >= 1


def test_ctrl_c_on_lab_stops_jupyterlab_kernels_and_workers(page, lab):
    """Last in this file: SIGINT to ./lab, after the lessons above ran (lesson 05 starts a process pool)."""
    _, _, command = lab
    command.interrupt_and_check_all_gone()
