"""Grade a class with nbgrader, one hand-in at a time, and write what nbgrader does not.

    python tools/course.py grade ASSIGNMENT [HANDINS]      # autograde, feedback, CSV, report
    python tools/course.py release [ASSIGNMENT ...]        # nbgrader generate_assignment, all chapters by default
    python tools/course.py kit [OUT.zip]                   # what students receive: editions, labutils, data

The course root is ``course/`` (``course/nbgrader_config.py``). An assignment is a chapter
with exercises, e.g. ``rnn_hands_on``. HANDINS is a folder holding one ``STUDENT.ipynb`` per
student (or ``STUDENT/ASSIGNMENT.ipynb``); without it, the hand-ins already in nbgrader's
``course/submitted/STUDENT/ASSIGNMENT/`` are graded.

nbgrader does the grading (``nbgrader autograde``: locked test cells restored, hidden tests
run, scores in the SQLite gradebook) and the feedback (``nbgrader generate_feedback``). This
tool adds what it lacks:

* each hand-in is graded in a process of its own, with a time limit for the whole hand-in,
  memory and file-size limits, and a guard against reading the instructor's files
  (``tools/grading_guard.py``), so one bad hand-in cannot stop the class from being graded;
* a check of each hand-in against the student edition (not a notebook, cells deleted,
  renamed, moved, duplicated, test cells edited), which becomes report lines, and a repaired
  copy for nbgrader, which stops on renamed or duplicated exercise cells;
* ``course/grades/ASSIGNMENT.csv``, a score per exercise per student (``nbgrader export``
  gives totals only), and ``course/grades/ASSIGNMENT-report.txt``, a line per student and a
  line per lost exercise saying why.
"""

import argparse
import copy
import csv
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
COURSE = Path(os.environ.get("LABBOOK_COURSE", ROOT / "course"))  # the tests grade in a copy
sys.path.insert(0, str(ROOT / "tools"))
import grading_guard  # noqa: E402

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Limits:
    """What one hand-in may use while it is graded."""

    handin_seconds: int = 900
    cell_seconds: int = 300
    memory_mib: int = 6144
    file_mib: int = 200


@dataclass
class HandinResult:
    """Everything the report says about one student's hand-in."""

    student: str
    scores: dict = field(default_factory=dict)  # exercise -> (score, max score)
    reasons: dict = field(default_factory=dict)  # exercise -> why points were lost
    notes: list = field(default_factory=list)  # lines about the hand-in as a whole
    seconds: float = 0.0

    @property
    def total(self):
        return sum(score for score, _ in self.scores.values())


# ---------------------------------------------------------------- nbgrader, as a program

def nbgrader(*args):
    """Run one nbgrader command in the course root; return its exit code and its log."""
    env = dict(os.environ)  # nbgrader calls programs of its environment (alembic) by name
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=COURSE, env=env,
                            capture_output=True, text=True, errors="replace")
    return result.returncode, result.stdout + result.stderr


def release(assignments):
    """``nbgrader generate_assignment`` for the given assignments, or for all of them."""
    for assignment in assignments or ["*"]:
        code, log = nbgrader("generate_assignment", assignment, "--force")
        if code != 0:
            sys.exit(f"nbgrader generate_assignment {assignment} failed:\n{log}")
    for edition in sorted((COURSE / "release").glob("*/*.ipynb")):
        print(f"student edition: {edition}")


# The packages a student needs to run the assignments in JupyterLab (pins from requirements.txt).
STUDENT_PACKAGES = ["numpy", "pandas", "scikit-learn", "matplotlib", "tensorflow-cpu", "keras", "tqdm",
                    "ipykernel", "jupytext", "jupyterlab"]

STUDENT_README = """# Recurrent Networks Lab Book: assignments

Set up once (Python 3.11):

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt

Then start JupyterLab on the assignments:

    .venv/bin/jupyter lab assignments/

In each notebook, write each function where it says `# YOUR CODE HERE` (and delete the
`raise NotImplementedError()` line), run the notebook top to bottom (Run > Run All Cells),
and check that the test cells run without an error: more tests run when your notebook is
graded. Save, and hand in the .ipynb file of the assignment.
"""


def student_kit(out_path):
    """A zip of what students receive: the student editions, labutils, the data and the pins."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name = line.split("==")[0].strip()
            pins[name.lower()] = line.strip()
    missing = [p for p in STUDENT_PACKAGES if p not in pins]
    if missing:
        sys.exit(f"requirements.txt pins no version of {', '.join(missing)}")
    editions = sorted((COURSE / "release").glob("*/*.ipynb"))
    if not editions:
        sys.exit(f"no student editions in {COURSE / 'release'}: run `python tools/course.py release`")
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as kit:
        kit.writestr("README.md", STUDENT_README)
        kit.writestr("requirements.txt", "\n".join([pins[p] for p in STUDENT_PACKAGES] + ["-e ."]) + "\n")
        kit.write(ROOT / "pyproject.toml", "pyproject.toml")
        datasets = [line.split()[-1] for line in (ROOT / "data" / "SHA256SUMS").read_text().splitlines() if line]
        shipped = ([*sorted((ROOT / "labutils").glob("*.py")), *sorted((ROOT / "labutils" / "figures").glob("*.svg")),
                    ROOT / "data" / "SOURCES.md"]
                   + [ROOT / "data" / name for name in datasets] + sorted((ROOT / "data" / "precomputed").iterdir()))
        for path in shipped:
            kit.write(path, str(path.relative_to(ROOT)))
        for edition in editions:
            kit.write(edition, f"assignments/{edition.name}")
    print(f"wrote {out_path}: {len(editions)} assignments, labutils and the data")


# ---------------------------------------------------------------- what the class handed in

def collect(assignment, handins_dir, results):
    """Copy each hand-in to nbgrader's submitted/ folder; return the students to grade.

    Entries that cannot be graded (not a notebook, a bad name) get a result with a note.
    """
    students = []
    for entry in sorted(Path(handins_dir).iterdir()):
        student = entry.stem if entry.is_file() else entry.name
        notebook = entry if entry.is_file() else entry / f"{assignment}.ipynb"
        if not STUDENT_ID.match(student):
            print(f"skipped {entry.name}: a student id may hold only letters, digits, '.', '_' and '-'")
            continue
        if entry.is_file() and entry.suffix != ".ipynb" or not notebook.is_file():
            results[student] = HandinResult(student, notes=[f"no notebook handed in ({entry.name})"])
            continue
        target = COURSE / "submitted" / student / assignment
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copyfile(notebook, target / f"{assignment}.ipynb")
        students.append(student)
    return students


def read_notebook(path):
    """The hand-in as a notebook, or the reason it is not one."""
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        return notebook, None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, f"not a notebook: the file is not JSON ({error})"
    except Exception as error:  # nbformat's validation and reader errors
        return None, f"not a notebook: {str(error).splitlines()[0][:200]}"


def repair(handin, edition):
    """The hand-in made safe for nbgrader, and report lines on what was wrong with it.

    nbgrader itself stops on hand-ins whose exercise cells were renamed or duplicated, and
    skips a deleted test cell. So, before it runs: the nbgrader metadata of every known cell
    is the student edition's; a cell with an unknown id, or an earlier copy of a duplicated
    cell, loses its nbgrader metadata (it runs as ordinary code); a deleted test cell is put
    back after the cell that preceded it in the edition. Test cells that a student edited are
    left to nbgrader, which grades them with the original code.
    """
    def grade_id(cell):
        return cell.metadata.get("nbgrader", {}).get("grade_id")

    official = {grade_id(cell): cell for cell in edition.cells if grade_id(cell)}
    order = list(official)
    notebook = copy.deepcopy(handin)
    found = [grade_id(cell) for cell in notebook.cells if grade_id(cell)]
    notes = []
    for name in sorted(set(found) - set(official)):
        notes.append(f"a cell with the unknown id {name} (renamed?) was graded as ordinary code")
    for name in sorted({g for g in found if g in official and found.count(g) > 1}):
        notes.append(f"cell {name} appears {found.count(name)} times: the last one counts")
    known = [g for g in dict.fromkeys(reversed(found)) if g in official][::-1]
    if known != [g for g in order if g in known]:
        notes.append("exercise cells were moved: they ran in the hand-in's order")
    ids = [cell.get("id") for cell in notebook.cells]
    for index, cell in enumerate(notebook.cells):  # copied cells share an id, which nbformat rejects
        if cell.get("id") and ids.index(cell.id) != index:
            cell.id = f"{cell.id}-copy-{index}"
    seen = set()
    for cell in reversed(notebook.cells):  # the last copy of a duplicated cell keeps its metadata
        name = grade_id(cell)
        if name in official and name not in seen:
            cell.metadata["nbgrader"] = copy.deepcopy(official[name].metadata["nbgrader"])
            seen.add(name)
            if official[name].metadata["nbgrader"].get("locked") and cell.source.strip() != official[name].source.strip():
                notes.append(f"locked cell {name} was edited: it was graded with the original code")
        elif "nbgrader" in cell.metadata:
            del cell.metadata["nbgrader"]
    for position, name in enumerate(order):
        if name in seen:
            continue
        if official[name].metadata["nbgrader"].get("grade"):
            after = next((g for g in reversed(order[:position]) if g in seen), None)
            index = next((i + 1 for i, cell in enumerate(notebook.cells) if after and grade_id(cell) == after), 0)
            notebook.cells.insert(index, copy.deepcopy(official[name]))
            seen.add(name)
            notes.append(f"test cell {name} was deleted: it was put back and run")
        else:
            notes.append(f"exercise cell {name} is missing")
    return notebook, notes


# ---------------------------------------------------------------- grading one hand-in

def grade_one(assignment, student, limits, work_dir):
    """Autograde one hand-in and write its feedback, in a child process of its own.

    The child is forked from this process, which has imported nbgrader once for the class
    (importing it costs seconds); it runs nbgrader's own Autograde and GenerateFeedback steps
    under the resource limits, with the kernel guard on, and is killed with its kernel when
    the hand-in's time is up. Returns the report notes and the seconds it took.
    """
    own_folder = COURSE / "autograded" / student / assignment
    for earlier in (own_folder, COURSE / "feedback" / student / assignment):
        shutil.rmtree(earlier, ignore_errors=True)
    ipython_dir = work_dir / f"ipython-{student}"
    grading_guard.write_kernel_guard(ipython_dir)
    guard_log = work_dir / f"guard-{student}.log"
    guard_log.write_text("")
    child_log = work_dir / f"nbgrader-{student}.log"
    env = grading_guard.guard_environment(
        ipython_dir, denied=[ROOT, COURSE], log_path=guard_log,
        allowed=[own_folder, ROOT / "labutils", ROOT / "data", Path(sys.prefix), ipython_dir])
    start = time.perf_counter()
    code = run_in_child(lambda: nbgrader_steps(assignment, student, limits, env), child_log,
                        limits, timeout=limits.handin_seconds)
    notes = []
    if code is None:
        notes.append(f"stopped: grading took longer than the {limits.handin_seconds} s allowed for a hand-in")
    elif code != 0:
        notes.append(f"nbgrader could not grade it: {last_error(child_log.read_text(errors='replace'))}")
    refused = sorted(set(guard_log.read_text(errors="replace").splitlines()))
    if refused:
        notes.append("refused by the grading guard: " + "; ".join(refused[:3])
                     + (f" (and {len(refused) - 3} more)" if len(refused) > 3 else ""))
    return notes, time.perf_counter() - start


def nbgrader_steps(assignment, student, limits, env):
    """What ``nbgrader autograde`` and ``nbgrader generate_feedback`` do, for one student."""
    from nbgrader.converters import Autograde, GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    logging.basicConfig(level=logging.INFO, format="[%(levelname)s] %(message)s")  # nbgrader's log
    os.environ.update(env)
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    os.chdir(COURSE)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()
    config.Execute.timeout = limits.cell_seconds
    coursedir = CourseDirectory(config=config, assignment_id=assignment, student_id=student)
    for step in (Autograde, GenerateFeedback):
        app = step(coursedir=coursedir, config=config)
        app.force = True
        app.start()


def run_in_child(work, log_path, limits, timeout):
    """Run ``work()`` in a forked child under the limits; return its exit code, None if killed."""
    import psutil

    pid = os.fork()
    if pid == 0:  # the child: its own session, limits and log; never returns
        code = 1
        try:
            os.setsid()
            grading_guard.limit_resources(limits.memory_mib, limits.file_mib)()
            log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(log, 1)
            os.dup2(log, 2)
            work()
            code = 0
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    family = psutil.Process(pid).children(recursive=True)  # the kernel runs in a session of its own
    for process in [psutil.Process(pid), *family]:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    os.waitpid(pid, 0)
    return None


def last_error(log):
    """What stopped nbgrader, from its log, in words."""
    if "DeadKernelError" in log:
        return ("the notebook's Python process (its kernel) died: the hand-in ended it (e.g. "
                "os._exit or sys.exit in a loop) or crashed it, so no exercise could be graded")
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for marker in ("MemoryError", "Error:", "ERROR", "Exception"):
        found = [line for line in lines if marker in line]
        if found:
            return found[-1][:300]
    return lines[-1][:300] if lines else "no output"


def describe_error(output, limits):
    """An error output of the graded notebook, in a report line's words."""
    name, value = output.ename, " ".join(str(output.evalue).split())
    if name == "NotImplementedError":
        return "not done (the exercise still raises NotImplementedError)"
    if name in ("CellTimeoutError", "KeyboardInterrupt"):
        return f"stopped after the {limits.cell_seconds} s allowed for a cell"
    if name == "MemoryError":
        return f"ran out of memory (the limit is {limits.memory_mib} MiB)"
    if grading_guard.GUARD_MARKER in value:
        return value
    if name == "AssertionError":  # numpy's messages: the first lines say what differs
        value = "; ".join(line.strip() for line in str(output.evalue).splitlines()[:4] if line.strip())
    return f"{name}: {value}"[:200] if value else name


def why_lost(cell, limits):
    """Why a graded test cell did not get its points, from its outputs in the graded notebook."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return describe_error(output, limits)
        if output.output_type == "stream" and output.name == "stderr":
            return ("wrote to stderr, which nbgrader counts as a failure: "
                    + " ".join(output.text.split())[:160])
    return "no points (see the feedback file)"


def exercise_errors(graded, limits):
    """Report lines for exercise cells that failed to run (a syntax error, a refused read...)."""
    lines = []
    for cell in graded.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            if errors and errors[0].ename != "NotImplementedError":
                lines.append(f"exercise cell {meta['grade_id']}: {describe_error(errors[0], limits)}")
    return lines


def scores_from_gradebook(assignment, students, results, limits):
    """Fill each result with its scores (gradebook) and the reasons for lost points (graded notebook)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        test_cells = gradebook.find_notebook(assignment, assignment).grade_cells
        maxima = {cell.name: cell.max_score for cell in test_cells}
        for student in students:
            result = results[student]
            graded_path = COURSE / "autograded" / student / assignment / f"{assignment}.ipynb"
            graded, scores = None, {}  # no graded notebook: this run could not grade the hand-in
            if graded_path.is_file():
                graded = nbformat.read(graded_path, as_version=4)
                try:
                    submission = gradebook.find_submission_notebook(assignment, assignment, student)
                    scores = {grade.name: grade.score for grade in submission.grades}
                except MissingEntry:
                    pass
            cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in graded.cells} if graded else {}
            for name, maximum in maxima.items():
                score = scores.get(name) or 0.0
                result.scores[exercise_name(name)] = (score, maximum)
                if score < maximum and name in cells:
                    result.reasons[exercise_name(name)] = why_lost(cells[name], limits)
            if graded is not None:
                result.notes.extend(exercise_errors(graded, limits))
    return maxima


def exercise_name(grade_id):
    """``test_rnn_forward`` -> ``rnn_forward``: the test cell's grade id names its exercise."""
    return grade_id.removeprefix("test_")


def grade(assignment, handins_dir, limits):
    """Grade every hand-in of the assignment; write the CSV and the report; return the results."""
    edition_path = COURSE / "release" / assignment / f"{assignment}.ipynb"
    if not edition_path.is_file():
        sys.exit(f"no student edition {edition_path}: run `python tools/course.py release {assignment}`")
    if not (COURSE / "gradebook.db").is_file() or not gradebook_knows(assignment):
        sys.exit(f"the gradebook does not know '{assignment}': run `python tools/course.py release {assignment}` "
                 f"(nbgrader generate_assignment records the assignment's test cells)")
    edition = nbformat.read(edition_path, as_version=4)
    results = {}
    if handins_dir is not None:
        students = collect(assignment, handins_dir, results)
    else:
        students = sorted(p.parent.name for p in (COURSE / "submitted").glob(f"*/{assignment}/{assignment}.ipynb"))
    to_grade = []
    for student in students:
        path = COURSE / "submitted" / student / assignment / f"{assignment}.ipynb"
        original = path.with_name(path.name + ".handed-in")  # kept by an earlier repair
        handin, problem = read_notebook(original if original.is_file() else path)
        if problem:
            results[student] = HandinResult(student, notes=[problem])
            continue
        repaired, notes = repair(handin, edition)
        if notes:  # nbgrader grades the repaired copy; the hand-in itself is kept beside it
            if not original.is_file():
                shutil.copyfile(path, original)
            nbformat.write(repaired, path)
        results[student] = HandinResult(student, notes=notes)
        to_grade.append(student)
    import nbgrader.converters  # noqa: F401 (imported once, here: every forked child has it)

    with tempfile.TemporaryDirectory(prefix="grading-") as work:
        for student in to_grade:
            notes, seconds = grade_one(assignment, student, limits, Path(work))
            results[student].notes.extend(notes)
            results[student].seconds = seconds
            print(f"graded {student} in {seconds:.1f} s", flush=True)
    maxima = scores_from_gradebook(assignment, to_grade, results, limits)
    for result in results.values():  # hand-ins that could not be graded score zero
        for name, maximum in maxima.items():
            result.scores.setdefault(exercise_name(name), (0.0, maximum))
        if not (COURSE / "feedback" / result.student / assignment / f"{assignment}.html").is_file():
            write_plain_feedback(assignment, result)
    write_csv(assignment, results, maxima)
    write_report(assignment, results, maxima)
    return results


def gradebook_knows(assignment):
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        try:
            gradebook.find_notebook(assignment, assignment)
            return True
        except MissingEntry:
            return False


# ---------------------------------------------------------------- what the instructor gets

def write_csv(assignment, results, maxima):
    """One row per student: the score of each exercise, the total and the notes' count."""
    path = COURSE / "grades" / f"{assignment}.csv"
    path.parent.mkdir(exist_ok=True)
    exercises = [exercise_name(name) for name in maxima]
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", *(f"{e} ({maxima['test_' + e]:g})" for e in exercises),
                         f"total ({sum(maxima.values()):g})", "notes"])
        for student, result in sorted(results.items()):
            writer.writerow([student, *(f"{result.scores[e][0]:g}" for e in exercises),
                             f"{result.total:g}", len(result.notes)])
    print(f"wrote {path}")


def report_lines(assignment, results, maxima):
    """The grading report: a line per student, then a line per lost exercise and per note."""
    total = sum(maxima.values())
    lines = [f"{assignment}: {len(results)} hand-ins, {total:g} points"]
    for student, result in sorted(results.items()):
        lost = result.reasons
        if result.total == total:
            verdict = "full marks"
        elif lost:
            verdict = f"lost points in {len(lost)} of {len(maxima)} exercises"
        else:
            verdict = "not graded"
        timing = f", graded in {result.seconds:.1f} s" if result.seconds else ""
        lines.append(f"{student}: {result.total:g} / {total:g} ({verdict}{timing})")
        for exercise, reason in lost.items():
            score, maximum = result.scores[exercise]
            lines.append(f"    {exercise} {score:g}/{maximum:g}: {reason}")
        lines.extend(f"    note: {note}" for note in result.notes)
    return lines


def write_report(assignment, results, maxima):
    path = COURSE / "grades" / f"{assignment}-report.txt"
    path.parent.mkdir(exist_ok=True)
    lines = report_lines(assignment, results, maxima)
    path.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"wrote {path}")


def write_plain_feedback(assignment, result):
    """A feedback file for a hand-in nbgrader could not grade, where its feedback would be."""
    folder = COURSE / "feedback" / result.student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    items = "".join(f"<li>{escape(note)}</li>" for note in result.notes)
    (folder / f"{assignment}.html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{assignment}: feedback</title></head>"
        f"<body><h1>{assignment}: 0 points</h1><p>Your hand-in could not be graded:</p><ul>{items}</ul>"
        f"<p>Hand in the notebook you worked on ({assignment}.ipynb), saved from JupyterLab.</p></body></html>\n")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    releasing = commands.add_parser("release", help="generate the student editions (nbgrader generate_assignment)")
    releasing.add_argument("assignments", nargs="*")
    packing = commands.add_parser("kit", help="zip what students receive (student editions, labutils, data)")
    packing.add_argument("out", nargs="?", type=Path, default=None, help="default: course/student-kit.zip")
    grading = commands.add_parser("grade", help="grade a class: autograde, feedback, CSV and report")
    grading.add_argument("assignment")
    grading.add_argument("handins", nargs="?", type=Path, help="a folder with one STUDENT.ipynb per student")
    defaults = Limits()
    grading.add_argument("--handin-seconds", type=int, default=defaults.handin_seconds)
    grading.add_argument("--cell-seconds", type=int, default=defaults.cell_seconds)
    grading.add_argument("--memory-mib", type=int, default=defaults.memory_mib)
    args = parser.parse_args()
    if args.command == "release":
        release(args.assignments)
    elif args.command == "kit":
        student_kit(args.out or COURSE / "student-kit.zip")
    else:
        limits = Limits(args.handin_seconds, args.cell_seconds, args.memory_mib)
        grade(args.assignment, args.handins, limits)


if __name__ == "__main__":
    main()
