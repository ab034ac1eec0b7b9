"""Execute the book's chapters and time them.

    python tools/chapters.py execute chapters/1_from_scratch/rnn_hands_on.py ...   # store fresh outputs
    python tools/chapters.py execute --all                           # every chapter in _toc.yml
    python tools/chapters.py time                                    # time all, write status.md

`execute` rebuilds each chapter's .ipynb from its paired .py source (the .py is the
one you edit), runs it top to bottom in a fresh kernel, and stores the outputs:
those are the book's published outputs, which the tests (nbval) check.
`time` runs every chapter in a fresh kernel without storing anything, records the wall
time and peak memory of each (tools/measurements/alone.json) and rewrites the book's status
page from the records (tools/status.py).
"""

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbclient
import yaml

ROOT = Path(__file__).resolve().parent.parent
STATUS_PAGE = ROOT / "status.md"


def toc_chapters():
    """The chapter sources listed in _toc.yml, in book order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node and str(node["file"]).startswith("chapters/"):
                files.append(ROOT / (node["file"] + ".py"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return files


def merge_streams(outputs):
    """Join consecutive stdout (or stderr) outputs: how a print is split is arbitrary."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (previous is not None and output.output_type == previous.output_type == "stream"
                and output.name == previous.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def drop_hidden_stderr(cell):
    """Drop the stderr of a cell tagged ``remove-stderr`` (progress bars): the page hides it anyway."""
    if "remove-stderr" in cell.metadata.get("tags", []):
        cell.outputs = [output for output in cell.outputs
                        if not (output.output_type == "stream" and output.name == "stderr")]


# TensorFlow's start-up lines on stderr (absl and oneDNN), with a time stamp and a process id
# that change on every run: "I0000 00:00:1796189245.253778   20569 port.cc:153] oneDNN ...",
# "2026-12-02 05:53:12.123456: I tensorflow/...", and absl's notice before it logs.
LOG_NOISE = re.compile(r"^(?:[IWEF]\d{4} [\d:.]+ +\d+ \S+:\d+\] .*"
                       r"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] .*"
                       r"|WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR)\n?",
                       re.MULTILINE)


def drop_log_noise(cell):
    """Drop TensorFlow's start-up log lines from the stderr of a cell; no page should show them."""
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stderr":
            output.text = LOG_NOISE.sub("", output.text)
    cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.text == "")]


def run_notebook(py_path, store):
    """Execute one chapter in a fresh kernel; store its outputs in the .ipynb if asked."""
    py_path = Path(py_path).resolve()
    notebook = jupytext.read(py_path)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # stable ids keep the stored notebook's diffs small
    client = nbclient.NotebookClient(
        notebook, timeout=None, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(py_path.parent)}},
    )
    client.execute()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            drop_hidden_stderr(cell)
            drop_log_noise(cell)
            cell.outputs = merge_streams(cell.outputs)
    if store:
        jupytext.write(notebook, py_path.with_suffix(".ipynb"), fmt="ipynb")


def measure(py_path, store):
    """Run one chapter in a child process; return its wall time (s) and peak memory (MiB)."""
    command = [sys.executable, __file__, "_one", str(py_path)] + (["--store"] if store else [])
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{py_path} failed:\n{result.stderr[-4000:]}")
    peak_mib = json.loads(result.stdout.strip().splitlines()[-1])["peak_mib"]
    return wall, peak_mib


def run_many(paths, store, jobs):
    """Run chapters, `jobs` at a time, printing a line per chapter; return the timings."""
    def one(path):
        wall, peak = measure(path, store)
        print(f"{Path(path).stem:<28} {wall:8.1f} s {peak:8.0f} MiB", flush=True)
        return Path(path).stem, wall, peak

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, paths))


def write_status(timings, jobs):
    """Record the timings in tools/measurements/alone.json and rewrite the status page from the records."""
    import status  # tools/status.py, which imports this module

    status.record_alone(timings, jobs)
    STATUS_PAGE.write_text(status.render())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    execute = commands.add_parser("execute", help="execute chapters and store their outputs")
    execute.add_argument("chapters", nargs="*", help="chapter .py sources")
    execute.add_argument("--all", action="store_true", help="every chapter in _toc.yml")
    execute.add_argument("-j", "--jobs", type=int, default=1)
    timing = commands.add_parser("time", help="time every chapter and write status.md")
    timing.add_argument("-j", "--jobs", type=int, default=1)
    one = commands.add_parser("_one")  # internal: one chapter in this process
    one.add_argument("chapter")
    one.add_argument("--store", action="store_true")
    args = parser.parse_args()

    if args.command == "_one":
        run_notebook(args.chapter, store=args.store)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(json.dumps({"peak_mib": peak_kib / 1024}))
    elif args.command == "execute":
        paths = toc_chapters() if args.all else [Path(p).with_suffix(".py") for p in args.chapters]
        if not paths:
            parser.error("name chapters to execute, or --all")
        run_many(paths, store=True, jobs=args.jobs)
    else:
        write_status(run_many(toc_chapters(), store=False, jobs=args.jobs), args.jobs)
        print(f"wrote {STATUS_PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
