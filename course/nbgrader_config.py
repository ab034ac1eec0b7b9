"""nbgrader configuration of the book's course folder (this folder is the course root).

Each chapter with exercises is an assignment of the same name, with one notebook:
source/CHAPTER/CHAPTER.ipynb is a link to the book's chapters/CHAPTER.ipynb, so the
instructor's source is always the book itself. The book's page "Using this book in a course"
gives the commands; run them with the book's virtual environment active (nbgrader calls
programs of that environment by name).
"""

import sys
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import Execute

COURSE = Path(__file__).absolute().parent  # where this file is (a copy may link to it)
BOOK = Path(__file__).resolve().parent.parent  # the book's repository
sys.path.insert(0, str(BOOK / "tools"))
from grading_guard import CappedExecute  # noqa: E402 (the book's tools folder, added above)

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)

c.CourseDirectory.course_id = "recurrent-networks-lab-book"
c.CourseDirectory.root = str(COURSE)

# Student editions: the solution is replaced by nbgrader's usual stub; the chapter's Jupytext
# pairing is dropped from the notebook metadata, so that a student's JupyterLab does not write
# a paired .py next to the hand-in.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
generate_defaults = GenerateAssignment.class_traits()["preprocessors"].default()
c.GenerateAssignment.preprocessors = generate_defaults + [ClearMetadataPreprocessor]
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.clear_cell_metadata = False
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {"kernelspec", "language_info"}

# Autograding. tools/course.py puts back test cells that a student deleted before nbgrader
# runs (nbgrader's own add_missing_cells fails on hand-ins with renamed or duplicated cells).
# A cell running longer than this is interrupted (an endless loop costs that cell only);
# tools/course.py also limits the whole hand-in, its memory and the size of its output.
c.Execute.timeout = 300
# How long to wait for a cell's last outputs after it finished (nbgrader's 4 s is too short
# on a busy 2-core machine; nbgrader stops grading the hand-in when it runs out).
c.Execute.iopub_timeout = 60
autograde_defaults = Autograde.class_traits()["autograde_preprocessors"].default()
c.Autograde.autograde_preprocessors = [CappedExecute if step is Execute else step
                                       for step in autograde_defaults]
c.CappedExecute.max_output_bytes = 1_000_000
