"""JupyterLab in a real browser: a chapter opened, cleared, run and checked, as a student would.

The test starts this venv's JupyterLab (so its kernel is the venv's, with labutils) on
127.0.0.1 with a token and temporary Jupyter folders, on COPIES of a chapter (JupyterLab
autosaves and Jupytext pairing rewrites both files of a pair), and drives chromium: open the
chapter (the .ipynb; the .py with Open With -> Notebook), clear its outputs, Run All Cells,
wait for the kernel, save, and check what the cells printed. The repository's chapter files
must come out unchanged.
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browsing import PageProblems

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT / "chapters" / "1_from_scratch" / "rnn_hands_on"  # fast (a few seconds), numpy only
SETTINGS = {  # JupyterLab user settings: no news pop-up, every cell in the page
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
KERNEL_IDLE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']"


def digests():
    """sha256 of the repository's files of the chapter."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (CHAPTER.with_suffix(".py"), CHAPTER.with_suffix(".ipynb"))}


def expected_lines():
    """Lines the chapter's test cells print that hold on any machine: the shapes."""
    notebook = json.loads(CHAPTER.with_suffix(".ipynb").read_text())
    lines = [line.strip() for cell in notebook["cells"] for out in cell.get("outputs", [])
             if out.get("name") == "stdout" for line in "".join(out["text"]).splitlines()
             if ".shape =" in line]
    assert "a_next.shape = (5, 10)" in lines, "the chapter no longer prints a_next.shape"
    return lines


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """This venv's JupyterLab on copies of the chapter; yields (base URL, token, folder, digests)."""
    before = digests()
    work = tmp_path_factory.mktemp("lab")
    notebooks = work / "notebooks"
    for sub in ["ipynb", "py"]:  # one fresh copy per test; the .py copied last, so it is newer
        (notebooks / sub).mkdir(parents=True)
        for suffix in [".ipynb", ".py"]:
            shutil.copy(CHAPTER.with_suffix(suffix), notebooks / sub / CHAPTER.with_suffix(suffix).name)
    shutil.copy(ROOT / "jupytext.toml", notebooks / "jupytext.toml")  # the book's pairing
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(work / "config"),
           "JUPYTER_DATA_DIR": str(work / "data"), "JUPYTER_RUNTIME_DIR": str(work / "runtime")}
    for name, values in SETTINGS.items():
        path = work / "config" / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = free_port(), hashlib.sha256(os.urandom(16)).hexdigest()[:32]
    command = [str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser",
               "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={notebooks}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = (work / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(work / 'lab.log').read_text()[-4000:]}")
                time.sleep(0.5)
        yield base, token, notebooks, before
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    assert digests() == before, "the repository's chapter files changed during the JupyterLab test"


def menu(page, top, item):
    """Click menu `top`, then its item labelled exactly `item`."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(f"^{re.escape(item)}$")).click()


def run_and_check(page, folder):
    """Clear the outputs, run all cells, wait for the kernel, save; check the printed values."""
    page.wait_for_selector(KERNEL_IDLE, timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(".jp-OutputArea-output")).to_have_count(0)  # the outputs are cleared
    menu(page, "Run", "Run All Cells")
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .map(p => p.innerText.trim());
        return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p))
            || document.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
    }""", timeout=120_000)
    page.wait_for_selector(KERNEL_IDLE, timeout=60_000)
    text = "\n".join(page.locator(".jp-OutputArea-output").all_inner_texts())
    assert "Traceback" not in text, f"a cell failed in JupyterLab:\n{text[-3000:]}"
    missing = [line for line in expected_lines() if line not in text]
    assert missing == [], f"JupyterLab's outputs lack {missing}"
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt").first.click()
    page.keyboard.press("Control+s")  # File > Save (the menu names it after the file type)
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')", timeout=30_000)
    saved = json.loads((folder / CHAPTER.with_suffix(".ipynb").name).read_text())
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] for cell in code), "not every cell ran"
    errors = [out for cell in code for out in cell["outputs"] if out["output_type"] == "error"]
    assert errors == [], f"cells raised: {[e['ename'] for e in errors]}"


def test_chapter_ipynb_runs_in_jupyterlab(browser, lab):
    """Open the .ipynb, clear it, run all cells: every cell runs and prints the published shapes."""
    base, token, notebooks, before = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)  # JupyterLab on a busy 2-core machine
    page = context.new_page()
    watch = PageProblems(context, page, base)
    try:
        page.goto(f"{base}/lab/tree/ipynb/{CHAPTER.name}.ipynb?token={token}&reset")
        run_and_check(page, notebooks / "ipynb")
        outside = [p for p in watch.problems if p.startswith("request outside")]
        assert outside == [], f"JupyterLab reached out of 127.0.0.1: {outside}"
        assert digests() == before, "the repository's chapter files changed"
    finally:
        context.close()


def test_chapter_py_opens_as_a_notebook_and_runs(browser, lab):
    """Open the .py with Open With -> Notebook, clear, run all: same outputs, saved to the pair."""
    base, token, notebooks, before = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)  # JupyterLab on a busy 2-core machine
    page = context.new_page()
    watch = PageProblems(context, page, base)
    try:
        page.goto(f"{base}/lab/tree/py?token={token}&reset")
        item = page.locator(".jp-DirListing-item").filter(
            has=page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{CHAPTER.name}\\.py$")))
        item.click(button="right")
        page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile("^Open With$")).hover()
        page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile("^Notebook$")).click()
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        run_and_check(page, notebooks / "py")
        outside = [p for p in watch.problems if p.startswith("request outside")]
        assert outside == [], f"JupyterLab reached out of 127.0.0.1: {outside}"
        assert digests() == before, "the repository's chapter files changed"
    finally:
        context.close()
