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

CHAPTERS = sorted((ROOT / "chapters").glob("*.py"))
SOLUTION = re.compile(r"^ *### BEGIN SOLUTION\n(.*?)^ *### END SOLUTION", re.DOTALL | re.MULTILINE)
HIDDEN = re.compile(r"^ *### BEGIN HIDDEN TESTS\n(.*?)^ *### END HIDDEN TESTS", re.DOTALL | re.MULTILINE)


def chapters_with_exercises():
    return [p.stem for p in CHAPTERS if "### BEGIN SOLUTION" in p.read_text()]


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
        assert link.resolve() == ROOT / "chapters" / f"{name}.ipynb", f"{link} must link to the chapter"
        assert (COURSE / "release" / name / f"{name}.ipynb").is_file(), f"no student edition of {name}"


@pytest.mark.parametrize("chapter", chapters_with_exercises())
def test_every_exercise_has_a_graded_test_with_hidden_tests(chapter):
    cells = jupytext.read(ROOT / "chapters" / f"{chapter}.py").cells
    meta = [cell.metadata.get("nbgrader", {}) for cell in cells]
    for index, (cell, info) in enumerate(zip(cells, meta)):
        if "### BEGIN SOLUTION" in cell.source:
            assert info.get("solution"), f"{chapter}: cell {index} has a solution but no nbgrader metadata"
        if info.get("grade"):
            assert info.get("points", 0) > 0 and info.get("locked"), f"{chapter}: {info['grade_id']}"
            assert HIDDEN.search(cell.source), f"{chapter}: {info['grade_id']} has no hidden tests"
    graded = {info["grade_id"] for info in meta if info.get("grade")}
    for info in meta:
        if info.get("solution") and info["grade_id"] != "from_rnn_hands_on":
            assert f"test_{info['grade_id']}" in graded, f"{chapter}: {info['grade_id']} has no graded test"


@pytest.mark.parametrize("chapter", chapters_with_exercises())
def test_graded_cells_pass_in_the_instructor_notebook(chapter):
    """nbgrader gives a test cell its points when it neither raises nor writes to stderr.

    nbval proves the stored outputs current, so empty outputs here mean full marks."""
    notebook = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert cell.outputs == [], f"{chapter}: {cell.metadata['nbgrader']['grade_id']} printed {cell.outputs}"


def secret_blocks():
    """Each solution and hidden test of the chapters, as the set of its lines that appear
    nowhere else in the book (a line such as ``rng = np.random.default_rng(seed)`` is no
    secret when a visible test has it too, nor is code that the prose quotes)."""
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
                 if len(line) >= 25 and not line.startswith(("#", '"""')) and line not in public}
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
    chapter = jupytext.read(ROOT / "chapters" / "rnn_hands_on.py")
    solved = "\n".join(cell.source for cell in chapter.cells if cell.metadata.get("nbgrader", {}).get("solution"))
    assert len(leaks(solved, secret_blocks())) > 20
    one_function = next(c.source for c in chapter.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "rnn_backward")
    assert leaks(one_function, secret_blocks())
    assert not leaks("def f(model):\n    return model\n", secret_blocks())


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
QUICK_CHAPTERS = ["rnn_hands_on", "lstm_backward", "theory_rnn_by_hand", "theory_vanishing_gradients"]


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
        (handins / "instructor.ipynb").write_bytes((ROOT / "chapters" / f"{chapter}.ipynb").read_bytes())
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
