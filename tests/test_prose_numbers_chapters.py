"""Every number in a chapter's prose is printed by a cell of the chapter or marked as a quote.

The rules are those of tools/check_prose_numbers.py (see its docstring); run it for the list.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_prose_numbers as cpn  # noqa: E402


@pytest.mark.parametrize("chapter", cpn.toc_chapters(ROOT))
def test_every_number_in_the_prose_is_printed_or_quoted(chapter):
    violations = cpn.check_chapter(ROOT, chapter)
    assert not violations, (
        f"{len(violations)} number(s) in the prose of {chapter} printed by no cell and not marked as "
        "a quote (print it from a cell, quote the source as `printed` or in \"...\" in a sentence "
        "naming report 00N, or drop it):\n" + "\n".join(map(str, violations)))
