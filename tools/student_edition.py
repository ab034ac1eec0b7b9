"""Make the student edition of a chapter, and check a student's hand-in.

    python tools/student_edition.py make chapters/rnn_hands_on.py [-o OUT_DIR]
    python tools/student_edition.py check HANDIN.ipynb --chapter chapters/rnn_hands_on.py

`make` writes a notebook in which the code between `### BEGIN SOLUTION` and
`### END SOLUTION` (nbgrader's convention) is replaced by `raise NotImplementedError()`;
everything else, including the test cells, stays, and the stored outputs are removed.

`check` re-executes the student's notebook in a fresh kernel (with nbval) and compares
every cell's output with the book's published output of the same cell: a solution that
prints the report's values passes, a wrong one fails on the test cell after it.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = re.compile(r"^( *)### BEGIN SOLUTION\n.*?^ *### END SOLUTION\n?", re.DOTALL | re.MULTILINE)


def strip_solutions(source):
    """Replace each solution block by a placeholder with the same indentation."""
    return SOLUTION.sub(lambda m: f"{m.group(1)}# YOUR CODE HERE\n{m.group(1)}raise NotImplementedError()\n",
                        source)


def student_notebook(chapter_py):
    """The chapter as a notebook with solutions removed and no outputs."""
    notebook = jupytext.read(chapter_py)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs, cell.execution_count = [], None
    return notebook


def handin_with_published_outputs(handin_path, chapter_py):
    """The student's cells, with the published outputs of the book's notebook attached."""
    handin = nbformat.read(handin_path, as_version=4)
    published = nbformat.read(Path(chapter_py).with_suffix(".ipynb"), as_version=4)
    if len(handin.cells) != len(published.cells):
        raise SystemExit(f"{handin_path}: has {len(handin.cells)} cells, the chapter has "
                         f"{len(published.cells)}; start from the student edition and do not add or remove cells")
    for mine, reference in zip(handin.cells, published.cells):
        if mine.cell_type == "code":
            mine.outputs = reference.outputs
            mine.metadata["tags"] = reference.metadata.get("tags", [])
    return handin


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("make")
    make.add_argument("chapters", nargs="+")
    make.add_argument("-o", "--out-dir", default="student_edition")
    check = commands.add_parser("check")
    check.add_argument("handin")
    check.add_argument("--chapter", required=True, help="the chapter's .py source")
    args = parser.parse_args()

    if args.command == "make":
        out_dir = Path(args.out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        for chapter in args.chapters:
            target = out_dir / (Path(chapter).stem + ".ipynb")
            nbformat.write(student_notebook(chapter), target)
            print(f"wrote {target}")
    else:
        with tempfile.TemporaryDirectory() as tmp_dir:
            notebook_path = Path(tmp_dir) / Path(args.handin).name
            nbformat.write(handin_with_published_outputs(args.handin, args.chapter), notebook_path)
            command = [sys.executable, "-m", "pytest", str(notebook_path), "-n", "0", "-q",
                       "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                       "-p", "conftest"]  # the book's nbval settings (stderr not compared)
            sys.exit(subprocess.run(command, cwd=ROOT).returncode)


if __name__ == "__main__":
    main()
