"""The student edition hides every solution and a hand-in is checked against the published outputs."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "student_edition.py"
CHAPTERS = sorted((ROOT / "chapters").glob("*.py"))
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402


def test_strip_solutions_keeps_signature_and_indentation():
    source = ("def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n"
              "    ### END SOLUTION\n")
    assert student_edition.strip_solutions(source) == (
        "def f(x):\n    \"\"\"Doc.\"\"\"\n    # YOUR CODE HERE\n    raise NotImplementedError()\n")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_student_edition_has_no_solution_and_compiles(chapter):
    notebook = student_edition.student_notebook(chapter)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "### BEGIN SOLUTION" not in code and "### END SOLUTION" not in code
    for cell in notebook.cells:
        if cell.cell_type == "code" and not cell.source.lstrip().startswith(("%", "!")):
            compile(cell.source, f"{chapter.name}", "exec")


def run_check(handin, tmp_path):
    return subprocess.run([sys.executable, str(TOOL), "check", str(handin),
                           "--chapter", str(ROOT / "chapters" / "rnn_hands_on.py")],
                          capture_output=True, text=True, cwd=tmp_path)


def test_check_passes_a_correct_handin_and_fails_an_unsolved_one(tmp_path):
    solved = ROOT / "chapters" / "rnn_hands_on.ipynb"
    assert run_check(solved, tmp_path).returncode == 0

    unsolved = tmp_path / "unsolved.ipynb"
    nbformat.write(student_edition.student_notebook(ROOT / "chapters" / "rnn_hands_on.py"), unsolved)
    result = run_check(unsolved, tmp_path)
    assert result.returncode != 0
    assert "NotImplementedError" in result.stdout
