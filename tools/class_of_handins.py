"""A made-up class of RNN hands-on hand-ins: correct, wrong, blank and hostile ones.

    python tools/class_of_handins.py OUT_DIR [--copies N]   # writes OUT_DIR/STUDENT.ipynb

Used by the course tests (tests/test_course.py) and by the grading benchmark
(tools/benchmark_grading.py). Every hand-in starts from the student edition
(course/release/rnn_hands_on/rnn_hands_on.ipynb) the way a student's does: the exercise cells
are filled in, the rest is left as released. ``KINDS`` lists what each hand-in does and, for
the tests, what its grade must be.
"""

import argparse
import copy
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "rnn_hands_on"
EDITION = ROOT / "course" / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
CHAPTER = ROOT / "chapters" / "1_from_scratch" / f"{ASSIGNMENT}.ipynb"

# One wrong line per exercise: (exercise, line in the solution, its wrong version).
MISTAKES = {
    "rnn_cell_forward": ("np.dot(Waa, a_prev) + ba)", "np.dot(Waa, a_prev) - ba)"),
    "rnn_forward": ("    a_next = a0\n", "    a_next = np.zeros_like(a0)\n"),
    "lstm_cell_forward": ("c_next = ft * c_prev + it * cct", "c_next = it * c_prev + ft * cct"),
    "lstm_forward": ("c_next = np.zeros((n_a, m))", "c_next = np.ones((n_a, m))"),
    "rnn_cell_backward": ("dz = da_next * (1 - a_next**2)", "dz = da_next * (1 - a_next)"),
    "rnn_backward": ("da[:, :, t] + da_prevt", "da[:, :, t]"),
}

# Code put at the top of an exercise cell by the hostile hand-ins.
HOSTILE_CODE = {
    "reads_source": "print(open('../../../source/rnn_hands_on/rnn_hands_on.ipynb').read()[:100])\n",
    "reads_chapter": f"exec(open({str(CHAPTER.with_suffix('.py'))!r}).read())\n",
    "changes_chapter": f"open({str(CHAPTER.with_suffix('.py'))!r}, 'a').write('# hacked')\n",
    "reads_gradebook": "import sqlite3\nprint(sqlite3.connect('../../../gradebook.db').execute("
                       "'select * from grade_cell').fetchall())\n",
    "imports_solutions": f"import sys\nsys.path.insert(0, {str(CHAPTER.parent)!r})\n"
                         "from rnn_hands_on import rnn_backward\n",
    "runs_a_program": "import subprocess\nsubprocess.run(['cat', '../../../gradebook.db'])\n",
    "endless_loop": "while True:\n    pass\n",
    "eats_memory": "hoard = [bytearray(2**30) for _ in range(1000)]\n",
    "floods_output": "while True:\n    print('spam ' * 1000)\n",
    "kills_its_kernel": "import os\nos._exit(1)\n",
}


def solutions():
    """The instructor's code of every exercise cell, by grade id."""
    chapter = nbformat.read(CHAPTER, as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in chapter.cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def solved(edition, answers):
    """The student edition with the given exercise cells filled in."""
    notebook = copy.deepcopy(edition)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return notebook


def cell(notebook, grade_id):
    return next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def make_class(out_dir):
    """Write the class; return {student: (what the hand-in does, points it must lose per exercise)}.

    The expected losses map exercise -> True (loses all its points); hand-ins graded as a
    whole (unreadable, killed) are marked with the key "*".
    """
    edition = nbformat.read(EDITION, as_version=4)
    answers = solutions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    every = set(MISTAKES)
    kinds = {}

    def write(student, notebook, what, loses):
        nbformat.write(notebook, out_dir / f"{student}.ipynb")
        kinds[student] = (what, set(loses))

    write("correct", solved(edition, answers), "every exercise right", [])
    write("blank", edition, "the student edition, untouched", every)
    for exercise, (right, wrong) in MISTAKES.items():
        assert answers[exercise].count(right) == 1, exercise
        write(f"wrong_{exercise}", solved(edition, {**answers, exercise: answers[exercise].replace(right, wrong)}),
              f"one wrong line in {exercise}", [exercise])

    forged = solved(edition, answers)
    cell(forged, "rnn_cell_forward").source = answers["rnn_cell_forward"].replace(
        "    ### BEGIN SOLUTION\n",
        "    ### BEGIN SOLUTION\n    if xt.shape != (3, 10):  # right on the visible test only\n"
        "        return np.zeros((parameters['Waa'].shape[0], xt.shape[1])), None, None\n")
    write("forged", forged, "right on the visible test's draws only", ["rnn_cell_forward"])

    edited_test = solved(edition, {**answers, "rnn_backward": answers["rnn_backward"].replace(*MISTAKES["rnn_backward"])})
    cell(edited_test, "test_rnn_backward").source = "print('all tests passed')\n"
    write("edited_test", edited_test, "a wrong rnn_backward, its test cell edited to pass", ["rnn_backward"])

    deleted = solved(edition, answers)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") not in ("lstm_forward", "test_lstm_forward")]
    write("deleted_cells", deleted, "lstm_forward's exercise and test cells deleted", ["lstm_forward"])

    renamed = solved(edition, answers)
    cell(renamed, "rnn_forward").metadata["nbgrader"]["grade_id"] = "my_rnn_forward"
    write("renamed_cell", renamed, "an exercise cell's id changed (its code is right)", [])

    moved = solved(edition, answers)
    test_cell = cell(moved, "test_rnn_cell_forward")
    moved.cells.remove(test_cell)
    moved.cells.insert(0, test_cell)
    write("moved_cell", moved, "a test cell moved before the code it tests", ["rnn_cell_forward"])

    duplicated = solved(edition, answers)
    index = duplicated.cells.index(cell(duplicated, "rnn_cell_backward"))
    pasted = copy.deepcopy(duplicated.cells[index])
    pasted.id = "pasted-copy"  # JupyterLab gives a pasted cell an id of its own
    duplicated.cells.insert(index + 1, pasted)
    write("duplicated_cell", duplicated, "an exercise cell duplicated", [])

    syntax = solved(edition, {**answers, "lstm_cell_forward": answers["lstm_cell_forward"].replace("concat = ", "concat == = ")})
    write("syntax_error", syntax, "a syntax error in lstm_cell_forward", ["lstm_cell_forward"])

    for kind, code in HOSTILE_CODE.items():
        exercise = "rnn_forward"
        hostile = solved(edition, {**answers, exercise: code + answers[exercise]})
        write(kind, hostile, f"{kind.replace('_', ' ')} in {exercise}", [exercise])

    (out_dir / "not_json.ipynb").write_text('{"cells": [ this is not JSON')
    kinds["not_json"] = ("a file that is not JSON", {"*"})
    (out_dir / "not_a_notebook.ipynb").write_text('{"hello": "world"}')
    kinds["not_a_notebook"] = ("JSON that is not a notebook", {"*"})
    kinds["kills_its_kernel"] = (kinds["kills_its_kernel"][0], {"*"})  # nothing after it can run
    (out_dir / "wrong_file.pdf").write_bytes(b"%PDF-1.4")
    kinds["wrong_file"] = ("a PDF instead of a notebook", {"*"})
    return kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    for student, (what, loses) in make_class(args.out_dir).items():
        print(f"{student:<28} {what}")


if __name__ == "__main__":
    main()
