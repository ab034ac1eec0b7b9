"""Benchmark: grade a class of 30 RNN hands-on hand-ins and print the seconds per hand-in.

    python tools/benchmark_grading.py [--cell-seconds 10]

The class is tools/class_of_handins.py's (correct, wrong, blank and hostile hand-ins), topped
up with correct ones to 30 notebooks. It is graded by tools/course.py in a throw-away copy of
the course folder, as an instructor would grade it. Run it on an otherwise idle machine: the
figures are wall-clock times.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import class_of_handins  # noqa: E402

SLOW_BY_DESIGN = {"endless_loop", "floods_output", "eats_memory"}  # they run into a limit


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cell-seconds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as tmp:
        tmp = Path(tmp)
        course = tmp / "course"
        (course / "source").mkdir(parents=True)
        (course / "nbgrader_config.py").symlink_to(ROOT / "course" / "nbgrader_config.py")
        (course / "source" / "rnn_hands_on").symlink_to(ROOT / "course" / "source" / "rnn_hands_on")
        env = dict(os.environ, LABBOOK_COURSE=str(course))
        tool = [sys.executable, str(ROOT / "tools" / "course.py")]
        subprocess.run(tool + ["release", "rnn_hands_on"], env=env, check=True, capture_output=True)
        kinds = class_of_handins.make_class(tmp / "handins")
        notebooks = sorted(p for p in (tmp / "handins").glob("*.ipynb"))
        for copy in range(30 - len(notebooks)):
            shutil.copyfile(tmp / "handins" / "correct.ipynb", tmp / "handins" / f"correct_{copy + 2}.ipynb")
        handed_in = len(list((tmp / "handins").iterdir()))
        start = time.perf_counter()
        result = subprocess.run(tool + ["grade", "rnn_hands_on", str(tmp / "handins"),
                                        "--cell-seconds", str(args.cell_seconds)],
                                env=env, capture_output=True, text=True)
        total = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(result.stdout[-3000:] + result.stderr[-3000:])
    seconds = {m["student"]: float(m["seconds"]) for m in re.finditer(
        r"^graded (?P<student>\S+) in (?P<seconds>[0-9.]+) s$", result.stdout, re.MULTILINE)}
    ordinary = [s for student, s in seconds.items() if student not in SLOW_BY_DESIGN]
    print(f"{len(seconds)} hand-ins graded by nbgrader, {handed_in} handed in, "
          f"{total:.1f} s in all (with start-up, CSV and report)")
    print(f"per hand-in, all but those that run into a limit ({len(ordinary)}): "
          f"mean {statistics.mean(ordinary):.2f} s, median {statistics.median(ordinary):.2f} s, "
          f"max {max(ordinary):.2f} s")
    for student in sorted(SLOW_BY_DESIGN & set(seconds)):
        print(f"  {student:<18} {seconds[student]:6.2f} s  ({kinds[student][0]})")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2-core machine: keep it near 0 for a fair figure)")


if __name__ == "__main__":
    main()
