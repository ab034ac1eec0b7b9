"""Each chapter's .ipynb (the stored outputs) must hold exactly the cells of its .py source."""

from pathlib import Path

import jupytext
import pytest

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
SOURCES = sorted(CHAPTERS.rglob("*.py"))


def cells(path):
    """(type, source, tags, nbgrader and mystnb metadata) of each cell, as Jupytext reads them."""
    return [(cell.cell_type, cell.source.strip(), sorted(cell.metadata.get("tags", [])),
             cell.metadata.get("nbgrader"), cell.metadata.get("mystnb"))
            for cell in jupytext.read(path).cells]


def test_every_chapter_is_a_pair():
    notebooks = sorted(CHAPTERS.rglob("*.ipynb"))
    assert [p.with_suffix("") for p in SOURCES] == [p.with_suffix("") for p in notebooks]
    assert SOURCES, "no chapters found"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_cells_equal_source(source):
    notebook = source.with_suffix(".ipynb")
    assert cells(notebook) == cells(source), (
        f"{notebook.name} differs from {source.name}: re-run "
        f"`python tools/chapters.py execute {source.relative_to(CHAPTERS.parent)}`")
