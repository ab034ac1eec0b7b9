"""The course workflow on nbgrader: student editions, and grading a class with tools/course.py.

The grading tests run nbgrader for real, in a copy of the course folder (the repository's
course/ is left alone): a made-up class of RNN hands-on hand-ins (tools/class_of_handins.py)
with correct, wrong, blank and hostile ones is graded, and the CSV, the report and the
feedback files are checked.
"""

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "course"
sys.path.insert(0, str(ROOT / "tools"))
import class_of_handins  # noqa: E402
import course  # noqa: E402

CHAPTERS = sorted((ROOT / "chapters").rglob("*.py"))
SOLUTION = re.compile(r"^ *### BEGIN SOLUTION\n(.*?)^ *### END SOLUTION", re.DOTALL | re.MULTILINE)
HIDDEN = re.compile(r"^ *### BEGIN HIDDEN TESTS\n(.*?)^ *### END HIDDEN TESTS", re.DOTALL | re.MULTILINE)


def chapters_with_exercises():
    return [p.stem for p in CHAPTERS if "### BEGIN SOLUTION" in p.read_text()]


def chapter_path(name, suffix=".ipynb"):
    """chapters/PART/NAME.ipynb (or .py) of the chapter called NAME."""
    return next(p for p in CHAPTERS if p.stem == name).with_suffix(suffix)


def course_copy(tmp_path):
    """A course folder in tmp_path that links to the repository's config and sources."""
    copy = tmp_path / "course"
    (copy / "source").mkdir(parents=True)
    (copy / "nbgrader_config.py").symlink_to(COURSE / "nbgrader_config.py")
    for source in (COURSE / "source").iterdir():
        (copy / "source" / source.name).symlink_to(source)
    return copy


def run_course(course_dir, *args):
    env = dict(os.environ, LABBOOK_COURSE=str(course_dir))
    return subprocess.run([sys.executable, str(ROOT / "tools" / "course.py"), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def cell_sources(path):
    return [cell.source for cell in nbformat.read(path, as_version=4).cells]


# ---------------------------------------------------------------- what students receive

def test_every_chapter_with_exercises_is_an_assignment():
    assignments = sorted(p.name for p in (COURSE / "source").iterdir())
    assert assignments == sorted(chapters_with_exercises())
    for name in assignments:
        link = COURSE / "source" / name / f"{name}.ipynb"
        assert link.resolve() == chapter_path(name), f"{link} must link to the chapter"
        assert (COURSE / "release" / name / f"{name}.ipynb").is_file(), f"no student edition of {name}"


@pytest.mark.parametrize("chapter", chapters_with_exercises())
def test_every_exercise_has_a_graded_test_with_hidden_tests(chapter):
    cells = jupytext.read(chapter_path(chapter, ".py")).cells
    meta = [cell.metadata.get("nbgrader", {}) for cell in cells]
    for index, (cell, info) in enumerate(zip(cells, meta)):
        if "### BEGIN SOLUTION" in cell.source:
            assert info.get("solution"), f"{chapter}: cell {index} has a solution but no nbgrader metadata"
        if info.get("grade"):
            assert info.get("points", 0) > 0 and info.get("locked"), f"{chapter}: {info['grade_id']}"
            assert HIDDEN.search(cell.source), f"{chapter}: {info['grade_id']} has no hidden tests"
    graded = {info["grade_id"] for info in meta if info.get("grade")}
    for info in meta:
        if info.get("solution") and not info["grade_id"].startswith("from_"):  # pasted from an earlier chapter
            assert f"test_{info['grade_id']}" in graded, f"{chapter}: {info['grade_id']} has no graded test"


@pytest.mark.parametrize("chapter", chapters_with_exercises())
def test_graded_cells_pass_in_the_instructor_notebook(chapter):
    """nbgrader gives a test cell its points when it neither raises nor writes to stderr.

    nbval proves the stored outputs current, so empty outputs here mean full marks."""
    notebook = nbformat.read(chapter_path(chapter), as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert cell.outputs == [], f"{chapter}: {cell.metadata['nbgrader']['grade_id']} printed {cell.outputs}"


ARGUMENT_CONVERSION = re.compile(r'(\w+) = np\.asarray\(\1(, dtype="float64")?\)')


def secret_blocks():
    """Each solution and hidden test of the chapters, as the set of its lines that appear
    nowhere else in the book (a line such as ``rng = np.random.default_rng(seed)`` is no
    secret when a visible test has it too, nor is code that the prose quotes, nor converting
    an argument, ``values = np.asarray(values, dtype="float64")``)."""
    blocks, public = [], []
    for chapter in CHAPTERS:
        text = chapter.read_text()
        blocks += SOLUTION.findall(text) + HIDDEN.findall(text)
        public.append(HIDDEN.sub("", SOLUTION.sub("", text)))
    public = "\n".join(public)
    secrets = []
    for block in blocks:
        lines = {line.strip() for line in block.splitlines()}
        lines = {line for line in lines
                 if len(line) >= 25 and not line.startswith(("#", '"""')) and line not in public
                 and not ARGUMENT_CONVERSION.fullmatch(line)}
        if lines:
            secrets.append(lines)
    return secrets


def leaks(text, secrets):
    """The secret lines a shipped text holds: a block counts when two of its lines are there
    (or its only line), so that one generic line such as ``return model`` is not a leak."""
    found = []
    for lines in secrets:
        inside = sorted(line for line in lines if line in text)
        if len(inside) >= min(2, len(lines)):
            found += inside
    return found


def test_students_receive_no_solution_and_no_hidden_test():
    """Neither the released notebooks nor labutils hold a solution or a hidden test."""
    released = sorted((COURSE / "release").rglob("*.ipynb"))
    assert released
    shipped = {path: "\n".join(cell_sources(path)) for path in released}
    shipped.update({path: path.read_text() for path in (ROOT / "labutils").glob("*.py")})
    secrets = secret_blocks()
    assert len(secrets) > 50
    for path, text in shipped.items():
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, path
        leaked = leaks(text, secrets)
        assert not leaked, f"{path.relative_to(ROOT)} holds solution or hidden-test lines: {leaked[:3]}"


def test_the_leak_check_finds_a_solution_in_labutils():
    """The check above would have caught labutils.cells, which shipped the RNN hands-on solutions."""
    chapter = jupytext.read(chapter_path("rnn_hands_on", ".py"))
    solved = "\n".join(cell.source for cell in chapter.cells if cell.metadata.get("nbgrader", {}).get("solution"))
    assert len(leaks(solved, secret_blocks())) > 20
    one_function = next(c.source for c in chapter.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "rnn_backward")
    assert leaks(one_function, secret_blocks())
    assert not leaks("def f(model):\n    return model\n", secret_blocks())


def test_student_editions_are_current(tmp_path):
    """Regenerating every student edition from the chapters gives the committed files."""
    copy = course_copy(tmp_path)
    result = run_course(copy, "release")
    assert result.returncode == 0, result.stdout + result.stderr
    for committed in sorted((COURSE / "release").rglob("*.ipynb")):
        fresh = copy / committed.relative_to(COURSE)
        assert fresh.read_bytes() == committed.read_bytes(), (
            f"{committed.relative_to(ROOT)} is out of date: run `python tools/course.py release`")


# ---------------------------------------------------------------- grading a class

@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """Grade the made-up class once; return the course copy, the kinds and the command's output."""
    tmp_path = tmp_path_factory.mktemp("class")
    copy = course_copy(tmp_path)
    released = run_course(copy, "release", "rnn_hands_on")
    assert released.returncode == 0, released.stdout + released.stderr
    kinds = class_of_handins.make_class(tmp_path / "handins")
    result = run_course(copy, "grade", "rnn_hands_on", str(tmp_path / "handins"),
                        "--cell-seconds", "20", "--handin-seconds", "120", "--memory-mib", "3000")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy, kinds, result.stdout


def class_table(copy):
    with (copy / "grades" / "rnn_hands_on.csv").open() as file:
        return {row["student"]: row for row in csv.DictReader(file)}


def report(copy):
    """The report's lines, grouped by student."""
    by_student, student = {}, None
    for line in (copy / "grades" / "rnn_hands_on-report.txt").read_text().splitlines()[1:]:
        if not line.startswith(" "):
            student = line.split(":")[0]
        by_student.setdefault(student, []).append(line)
    return by_student


def test_class_table_has_a_score_per_exercise_per_student(graded_class):
    copy, kinds, _ = graded_class
    table = class_table(copy)
    assert set(table) == set(kinds)
    exercises = list(class_of_handins.MISTAKES)
    columns = list(next(iter(table.values())))
    assert columns[0] == "student" and columns[-2:] == ["total (15)", "notes"]
    assert [c.split(" (")[0] for c in columns[1:-2]] == exercises
    maxima = {c.split(" (")[0]: float(c.split("(")[1].rstrip(")")) for c in columns[1:-2]}
    for student, (what, loses) in kinds.items():
        row = table[student]
        for exercise in exercises:
            expected = 0.0 if "*" in loses or exercise in loses else maxima[exercise]
            assert float(row[f"{exercise} ({maxima[exercise]:g})"]) == expected, (student, what, exercise)
        assert float(row["total (15)"]) == sum(float(row[f"{e} ({maxima[e]:g})"]) for e in exercises)


def test_the_instructor_solutions_score_full_marks_and_the_blank_edition_zero(graded_class):
    copy, _, _ = graded_class
    lines = report(copy)
    assert lines["correct"][0].startswith("correct: 15 / 15 (full marks")
    assert lines["blank"][0].startswith("blank: 0 / 15")
    assert sum("not done (the exercise still raises NotImplementedError)" in line for line in lines["blank"]) == 6


def test_each_bad_handin_gets_a_clear_line(graded_class):
    copy, _, _ = graded_class
    lines = {student: "\n".join(text) for student, text in report(copy).items()}
    expected = {
        "wrong_rnn_backward": "rnn_backward 0/3: AssertionError",
        "forged": "rnn_cell_forward 0/2: AssertionError",
        "edited_test": "locked cell test_rnn_backward was edited: it was graded with the original code",
        "deleted_cells": "test cell test_lstm_forward was deleted: it was put back and run",
        "renamed_cell": "a cell with the unknown id my_rnn_forward (renamed?) was graded as ordinary code",
        "moved_cell": "exercise cells were moved",
        "duplicated_cell": "cell rnn_cell_backward appears 2 times: the last one counts",
        "syntax_error": "exercise cell lstm_cell_forward: SyntaxError",
        "reads_source": "refused by the grading guard: open",
        "reads_chapter": "refused by the grading guard: open",
        "reads_gradebook": "refused by the grading guard: sqlite3.connect",
        "imports_solutions": "refused by the grading guard: os.listdir",
        "runs_a_program": "refused by the grading guard: starting a program (subprocess.Popen)",
        "endless_loop": "stopped after the 20 s allowed for a cell",
        "floods_output": "stopped after the 20 s allowed for a cell",
        "eats_memory": "ran out of memory (the limit is 3000 MiB)",
        "kills_its_kernel": "its kernel) died",
        "not_json": "not a notebook: Notebook does not appear to be JSON",
        "not_a_notebook": "not a notebook:",
        "wrong_file": "no notebook handed in (wrong_file.pdf)",
    }
    for student, text in expected.items():
        assert text in lines[student], f"{student}:\n{lines[student]}"


def test_every_student_gets_a_feedback_file(graded_class):
    copy, kinds, _ = graded_class
    for student in kinds:
        feedback = copy / "feedback" / student / "rnn_hands_on" / "rnn_hands_on.html"
        assert feedback.is_file(), student
    assert "ran out of" not in (copy / "feedback" / "correct" / "rnn_hands_on" / "rnn_hands_on.html").read_text()
    assert "could not be graded" in (copy / "feedback" / "not_json" / "rnn_hands_on" / "rnn_hands_on.html").read_text()


def test_a_flood_of_output_is_cut(graded_class):
    copy, _, _ = graded_class
    graded = nbformat.read(copy / "autograded" / "floods_output" / "rnn_hands_on" / "rnn_hands_on.ipynb", as_version=4)
    size = len(nbformat.writes(graded))
    assert size < 3_000_000
    assert any("the output of this cell was cut" in o.get("text", "") for c in graded.cells
               if c.cell_type == "code" for o in c.outputs)


def test_grading_leaves_the_instructor_files_alone(graded_class):
    """A hostile hand-in tried to append to the chapter's source: the guard refused."""
    copy, _, _ = graded_class
    assert "refused by the grading guard: open" in "\n".join(report(copy)["changes_chapter"])
    assert class_of_handins.HOSTILE_CODE["changes_chapter"].count("rnn_hands_on.py") == 1
    assert "hacked" not in chapter_path("rnn_hands_on", ".py").read_text()


def test_a_grading_request_for_an_unknown_assignment_says_what_to_run(tmp_path):
    copy = course_copy(tmp_path)
    result = run_course(copy, "grade", "rnn_hands_on", str(tmp_path))
    assert result.returncode != 0
    assert "run `python tools/course.py release rnn_hands_on`" in result.stderr


def test_the_student_kit_holds_what_students_need_and_no_secret(tmp_path):
    kit_path = tmp_path / "kit.zip"
    result = run_course(COURSE, "kit", str(kit_path))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(kit_path) as kit:
        names = set(kit.namelist())
        kit.extractall(tmp_path / "kit")
    editions = {f"assignments/{p.name}" for p in (COURSE / "release").glob("*/*.ipynb")}
    assert editions and editions <= names
    assert {"README.md", "requirements.txt", "pyproject.toml", "labutils/data.py", "data/dinos.txt",
            "labutils/figures/lstm_cell.svg"} <= names
    assert not any(name.startswith(("chapters/", "course/", "tools/", "tests/")) for name in names)
    pins = set((ROOT / "requirements.txt").read_text().splitlines())
    for line in (tmp_path / "kit" / "requirements.txt").read_text().splitlines():
        assert line in pins, f"{line} is not one of the book's pins"
    secrets = secret_blocks()
    for name in names:
        text = (tmp_path / "kit" / name).read_text(errors="replace")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, name
        assert not leaks(text, secrets), f"{name} holds solution or hidden-test lines"
    # the kit's labutils finds the kit's data, wherever the student unpacks it
    check = subprocess.run([sys.executable, "-c", "import labutils.data as d; print(d.DATA_DIR, len(d.load_text()))"],
                           capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(tmp_path / "kit")))
    assert check.stdout.startswith(str(tmp_path / "kit" / "data")), check.stdout + check.stderr


# Chapters whose instructor notebook nbgrader grades here in seconds; the TensorFlow chapters
# train for minutes, and their graded cells are checked in the stored outputs above instead.
QUICK_CHAPTERS = ["rnn_hands_on", "lstm_backward", "rnn_by_hand", "vanishing_gradients", "gru_backward"]


@pytest.fixture(scope="module")
def released_course(tmp_path_factory):
    """A course copy with every student edition generated (and recorded in its gradebook)."""
    copy = course_copy(tmp_path_factory.mktemp("all"))
    result = run_course(copy, "release")
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


@pytest.mark.parametrize("chapter", chapters_with_exercises())
def test_blank_edition_scores_zero_with_a_line_per_exercise_and_the_instructor_full_marks(chapter, released_course):
    handins = released_course.parent / f"handins-{chapter}"
    handins.mkdir()
    (handins / "blank.ipynb").write_bytes((released_course / "release" / chapter / f"{chapter}.ipynb").read_bytes())
    if chapter in QUICK_CHAPTERS:
        (handins / "instructor.ipynb").write_bytes(chapter_path(chapter).read_bytes())
    result = run_course(released_course, "grade", chapter, str(handins))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = (released_course / "grades" / f"{chapter}-report.txt").read_text().splitlines()
    blank = next(line for line in lines if line.startswith("blank: "))
    exercises = len([name for name in class_table_columns(released_course, chapter) if name.endswith(")")]) - 1
    assert blank.startswith("blank: 0 / ")
    assert sum("not done (the exercise still raises NotImplementedError)" in line for line in lines) == exercises
    if chapter in QUICK_CHAPTERS:
        instructor = next(line for line in lines if line.startswith("instructor: "))
        assert "(full marks" in instructor, instructor


def class_table_columns(course_dir, chapter):
    with (course_dir / "grades" / f"{chapter}.csv").open() as file:
        return next(csv.reader(file))
