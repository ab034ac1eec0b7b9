"""nbgrader configuration of the book's course folder (this folder is the course root).

Each chapter with exercises is an assignment of the same name, with one notebook:
source/CHAPTER/CHAPTER.ipynb is a link to the book's chapters/CHAPTER.ipynb, so the
instructor's source is always the book itself. See the book's page "Using this book in a
course" for the commands.
"""

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)

c.CourseDirectory.course_id = "recurrent-networks-lab-book"
c.CourseDirectory.root = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

# Student editions: the solution is replaced by this stub (nbgrader's default wording).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Autograding: a test cell that a student deleted is put back and run, so that the
# exercise is graded (to zero if its solution is missing) rather than silently skipped.
c.OverwriteCells.add_missing_cells = True
# A cell that runs longer than this is interrupted (an infinite loop costs that cell only).
c.Execute.timeout = 120

# Student editions: drop the chapter's Jupytext pairing from the notebook metadata, so that a
# student's JupyterLab does not write a paired .py next to the hand-in; keep the kernel.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.converters import GenerateAssignment  # noqa: E402

nbgrader_defaults = GenerateAssignment.class_traits()["preprocessors"].default()
c.GenerateAssignment.preprocessors = nbgrader_defaults + [ClearMetadataPreprocessor]
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.clear_cell_metadata = False
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {"kernelspec", "language_info"}
