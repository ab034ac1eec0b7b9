"""Write the book's status page, status.md, from the last measured runs (never by hand).

    python tools/status.py suite _build/reports/junit.xml   # record a test-suite run, rewrite the page
    python tools/status.py                                   # rewrite the page from the records

Two records, committed in tools/measurements/, hold the last measured runs:
* suite.json: each chapter's time in the test suite, the sum of its cells' times in pytest's
  junit report (nbval runs one test per cell), written by `suite` from the report that
  `bash .ci/run` leaves in _build/reports/junit.xml, with the machine it ran on;
* alone.json: each chapter's wall time alone in a fresh kernel and the kernel's peak memory,
  written by `python tools/chapters.py time`, with the machine it ran on.
The page also states what the precomputed runs of data/precomputed/ cost, from their files.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import sys
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from chapters import toc_chapters  # noqa: E402

STATUS_PAGE = ROOT / "status.md"
RECORDS = ROOT / "tools" / "measurements"
SUITE, ALONE = RECORDS / "suite.json", RECORDS / "alone.json"
PRECOMPUTED = ROOT / "data" / "precomputed"
PACKAGES = ["tensorflow-cpu", "keras", "numpy", "jupyter-book", "nbval", "pytest"]


def environment():
    """The machine and software of a measurement: CPU, cores, memory, load, Python, packages."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")]
        cpu = models[0] if models else cpu
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(pages / 2**30, 1),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "system": f"{platform.system()} {platform.release()} {platform.machine()}",
            "python": platform.python_version(), "packages": versions}


def suite_times(junit_path):
    """From a junit report: {chapter: (cells, seconds)} and the run's start time and length."""
    root = ET.parse(junit_path).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    chapters = {}
    for case in suite.iter("testcase"):
        module = case.get("classname", "")
        if module.startswith("chapters.") and module.endswith(".ipynb"):  # chapters.PART.NAME.ipynb
            name = module.removesuffix(".ipynb").rsplit(".", 1)[-1]
            cells, seconds = chapters.get(name, (0, 0.0))
            chapters[name] = (cells + 1, seconds + float(case.get("time", 0)))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return chapters, suite.get("timestamp"), float(suite.get("time", 0)), failed


def record_suite(junit_path, by):
    """Write suite.json from a junit report of the test suite, with this machine's description."""
    chapters, started, seconds, failed = suite_times(junit_path)
    if not chapters:
        sys.exit(f"{junit_path} has no chapter (nbval) tests: give the report of the full test suite")
    record = {"measured": started, "by": by, "tests_seconds": round(seconds, 1), "failed": failed,
              "environment": environment(),
              "chapters": {name: {"cells": cells, "seconds": round(s, 1)}
                           for name, (cells, s) in chapters.items()}}
    write_record(SUITE, record)


def record_alone(timings, jobs):
    """Write alone.json from `tools/chapters.py time`: [(chapter, wall s, peak MiB)]."""
    write_record(ALONE, {"measured": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                         "jobs": jobs, "environment": environment(),
                         "chapters": {name: {"seconds": round(wall, 1), "peak_mib": round(peak)}
                                      for name, wall, peak in timings}})


def write_record(path, record):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {path}")


def load(path):
    return json.loads(path.read_text()) if path.is_file() else None


def run_table(suite, alone):
    """A table saying when, where and with what each run was measured."""
    runs = [(label, r) for label, r in [("in the test suite", suite), ("alone", alone)] if r]
    if not runs:
        return ("No run is recorded yet: `bash .ci/run` records the times in the test suite, "
                "`python tools/chapters.py time -j 2` the times alone.")

    def row(label, value):
        return f"| {label} | {' | '.join(value(r) for _, r in runs)} |"

    def when(r):
        return f"{datetime.datetime.fromisoformat(r['measured']).astimezone(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"

    names = sorted({n for _, r in runs if r for n in r["environment"]["packages"]}, key=PACKAGES.index)
    lines = [f"| | {' | '.join(label for label, _ in runs)} |", "|---" * (len(runs) + 1) + "|",
             row("measured", when),
             row("by", lambda r: f"`tools/chapters.py time`, {r['jobs']} chapter(s) at a time"
                 if "jobs" in r else r["by"]),
             row("result", lambda r: f"{r['tests_seconds']:.0f} s of tests, "
                 + (f"**{r['failed']} failed**" if r["failed"] else "all passed")
                 if "tests_seconds" in r else "every chapter ran to the end"),
             row("CPU", lambda r: f"{r['environment']['cpu']}, {r['environment']['cores']} cores"),
             row("memory", lambda r: f"{r['environment']['memory_gib']} GiB"),
             row("system", lambda r: r["environment"]["system"]),
             row("load average at the end (1, 5, 15 min)",
                 lambda r: " / ".join(f"{x:.1f}" for x in r["environment"]["load_average"])),
             row("Python", lambda r: r["environment"]["python"])]
    lines += [row(name, lambda r, n=name: r["environment"]["packages"].get(n, "?")) for name in names]
    return "\n".join(lines)


def precomputed_costs():
    """Lines saying what each precomputed run cost, from the training CPU times in its file."""
    lines = []
    for dataset in ["tata", "aapl"]:
        path = PRECOMPUTED / f"{dataset}_by_epoch.csv"
        if path.is_file():
            rows = list(csv.DictReader(line for line in path.open() if not line.startswith("#")))
            per_seed = {}
            for row in rows:  # cumulative CPU time: the last epoch's value is the run's
                per_seed[row["seed"]] = (int(row["epoch"]), float(row["training CPU s"]))
            epochs = max(e for e, _ in per_seed.values())
            cpu = sorted(s for _, s in per_seed.values())
            lines.append(f"`{path.relative_to(ROOT)}`: {len(per_seed)} runs of {epochs} epochs, "
                         f"{cpu[0]:.0f} to {cpu[-1]:.0f} s of training CPU each")
    path = PRECOMPUTED / "ibm_seed_spread.csv"
    if path.is_file():
        runs = {}
        for row in csv.DictReader(line for line in path.open() if not line.startswith("#")):
            runs.setdefault(row["model"], []).append(float(row["training CPU s"]))
        models = "; ".join(f"{model} {len(cpu)} runs, {min(cpu):.0f} to {max(cpu):.0f} s"
                           for model, cpu in runs.items())
        lines.append(f"`{path.relative_to(ROOT)}` (training CPU per run): {models}")
    for name in ["memory_over_lags.csv", "lstm_vs_gru.csv", "beat_persistence_runs.csv"]:
        path = PRECOMPUTED / name
        if path.is_file():  # one row per run, with its training CPU seconds
            cpu = [float(row["training CPU s"])
                   for row in csv.DictReader(line for line in path.open() if not line.startswith("#"))]
            lines.append(f"`{path.relative_to(ROOT)}`: {len(cpu)} runs, {min(cpu):.0f} to {max(cpu):.0f} s "
                         f"of training CPU each, {sum(cpu) / 60:.1f} min in all")
    return lines


def render():
    """The text of status.md, from the records, the table of contents and data/precomputed."""
    suite, alone = load(SUITE), load(ALONE)
    paths = {path.stem: path.relative_to(ROOT).with_suffix("").as_posix() for path in toc_chapters()}
    names = list(paths)
    rows = []
    for name in names:
        in_suite = (suite or {}).get("chapters", {}).get(name)
        by_itself = (alone or {}).get("chapters", {}).get(name)
        cells = str(in_suite["cells"]) if in_suite else "–"
        suite_s = f"{in_suite['seconds']:.1f}" if in_suite else "–"
        alone_s = f"{by_itself['seconds']:.1f}" if by_itself else "–"
        peak = str(by_itself["peak_mib"]) if by_itself else "–"
        rows.append(f"| [{name}]({paths[name]}) | {cells} | {suite_s} | {alone_s} | {peak} |")
    total = sum(suite["chapters"].get(n, {}).get("seconds", 0) for n in names) if suite else 0
    costs = "\n".join(f"* {line}" for line in precomputed_costs())
    return f"""# Execution status

How long each chapter takes to execute, and how much memory it needs. This page is written
by `tools/status.py` from the last measured runs (`tools/measurements/`); do not edit it by
hand.

* **time in the test suite**: the sum of the chapter's cell times in a run of the README's test
  command (pytest with nbval, two chapters at a time), from pytest's junit report, which
  `bash .ci/run` writes to `_build/reports/junit.xml`; `python tools/status.py suite
  _build/reports/junit.xml` records it. Two chapters run side by side on the two cores and
  slow each other down.
* **alone**: wall time of the chapter in a fresh kernel, start to end, and the kernel's peak
  memory, measured in a child process by `python tools/chapters.py time -j 2`.

{run_table(suite, alone)}

| chapter | cells | time in the test suite (s) | alone (s) | peak memory (MiB) |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}
| **total (sequential sum)** | | **{total:.1f}** | | |

Runs too slow for a page are precomputed: the TATA and Apple chapters train the first epochs
on the page and read the published 100-epoch runs, several seeds each, from
`data/precomputed/` (`tools/tata_aapl_runs.py`), as the IBM chapter does with its seed study
(`tools/seed_spread.py`), and the memory, LSTM-against-GRU and capstone chapters with
theirs. They are not part of the times above; `data/precomputed/README.md` gives the
commands that regenerate them. What they cost, from the CPU times their files
record:

{costs}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    suite = commands.add_parser("suite", help="record a test-suite run from its junit report")
    suite.add_argument("junit", type=Path, help="pytest's --junitxml report of the test suite")
    suite.add_argument("--by", default="the README's test command, in `bash .ci/run`",
                       help="what produced the report (shown on the page)")
    args = parser.parse_args()
    if args.command == "suite":
        record_suite(args.junit, args.by)
    STATUS_PAGE.write_text(render())
    print(f"wrote {STATUS_PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
