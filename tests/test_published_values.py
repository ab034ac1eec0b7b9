"""The page of published values is current, every registry row holds, and its comparisons are right."""

import csv
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import published_values as pv  # noqa: E402


# --- the book's own registry and page -------------------------------------------------------

def test_every_registry_row_finds_its_value_and_its_status_holds():
    _, problems = pv.check(ROOT)
    assert not problems, "\n".join(problems)


def test_the_committed_page_is_current():
    results, problems = pv.check(ROOT)
    assert not problems, "\n".join(problems)
    assert (ROOT / pv.PAGE).read_text(encoding="utf-8") == pv.render(results), (
        f"{pv.PAGE} is out of date: run {pv.COMMAND}")


def test_the_page_is_in_the_book():
    assert pv.PAGE.stem in pv.toc_chapters(ROOT), f"{pv.PAGE} is not listed in _toc.yml"


# --- numbers as printed ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("[ 0.59584544 -0.18887155\n 0.6531151 ]", ["0.59584544", "-0.18887155", "0.6531151"]),
    ("(5, 10) {2, 10} [-10.] [0.80517166]", ["5", "10", "2", "10", "-10.", "0.80517166"]),
    ("2018-09-28 234.05 1/3/2017 10-10-19 Epoch 25/50", ["234.05"]),
    ("1,657,300 and 1.434232e+09 and loss: 2.4715e-04", ["1657300", "1.434232e+09", "2.4715e-04"]),
    ("The root mean squared error is 5.1719587568926935.", ["5.1719587568926935"]),
    ("85/85 13s 151ms/step", []),
    ("a_next[4] = 0.5", ["4", "0.5"]),  # a label's digits count: the locator's prefix removes them
])
def test_numbers_finds_printed_numbers_and_skips_dates_units_and_labels(text, expected):
    assert pv.numbers(text) == expected


@pytest.mark.parametrize("published, ours", [
    ("0.59584544", "0.5958454398"),  # ours rounded to the published decimals
    ("-0.4605641030588796", "-0.46056410305887957"),
    ("0.10000000000000001", "0.1"),  # two spellings of the same double
    ("3069914", "3069914.0"),
    ("775.8", "775.80"),
    ("0.0016", "0.00157"),
])
def test_same_number_at_the_published_digits(published, ours):
    assert pv.same_number(published, ours)


@pytest.mark.parametrize("published, ours", [
    ("2.30333126579893", "2.303333126579893"),  # a digit lost by the text copy
    ("0.76560531", "0.76566531"),  # an OCR-garbled digit
    ("0.0021", "0.00228"),
    ("0.08429686538067718", "0.0842968653806773"),  # fewer digits of ours: another double
    ("0.17211776753291672", "0.1721177675329167"),
])
def test_different_numbers_are_not_the_same(published, ours):
    assert not pv.same_number(published, ours)


# --- rules ----------------------------------------------------------------------------------

@pytest.mark.parametrize("published, ours, rule, expected", [
    ("[0.1 0.2]", ["0.1", "0.2"], "exact", "exact"),
    ("[0.1 0.2]", ["0.1", "0.3"], "exact", "differs"),
    ("[0.1 0.2]", ["0.1"], "rel:1", "differs"),  # not the same count of numbers
    ("-0.3149423751266499", ["-0.3149423751266506"], "rel:1e-9", "within"),
    ("2.30333126579893", ["2.303333126579893"], "rel:1e-9", "differs"),
    ("Loss: 22.408924", ["22.281022"], "abs:0.4", "within"),
    ("Loss: 22.408924", ["21.9"], "abs:0.4", "differs"),
    ("loss: 2.4715e-04", ["2.7003e-04"], "factor:2", "within"),
    ("loss: 2.4715e-04", ["5.0e-04"], "factor:2", "differs"),
    ("0.949104", ["0.94910177", "0.94910384"], "range", "within"),  # thanks to its own rounding
    ("0.949105", ["0.94910177", "0.94910384"], "range", "differs"),
    ("5.0", ["5.0", "5.0"], "range", "within"),  # a summary is never "exact"
    ("is 10.885092347608268.", ["11.41", "3.99"], "sd:1", "within"),
    ("is 10.885092347608268.", ["11.41", "3.99"], "sd:0.1", "differs"),
    ("loss: 0.0016", ["0.00157"], "mean:0.1", "within"),
    ("loss: 0.0021", ["0.00260"], "mean:0.1", "differs"),
    ("Eb . Xwt", ["Eb", "Xwt"], "text", "exact"),  # a stray '.' is not a word
    ("Eb Xwt", ["Eb", "Xwtd"], "text", "differs"),
])
def test_compare(published, ours, rule, expected):
    assert pv.compare(published, ours, rule) == expected


@pytest.mark.parametrize("rule", ["approx", "rel", "rel:x", "exact:1"])
def test_unknown_rules_are_errors(rule):
    with pytest.raises(pv.RegistryError, match="unknown rule"):
        pv.parse_rule(rule)


def test_a_range_needs_two_numbers_of_ours():
    with pytest.raises(pv.RegistryError, match="check `pick`"):
        pv.compare("5.17", ["3.0", "4.0", "5.6"], "range")


# --- locating a value in stored outputs -----------------------------------------------------

def demo_notebook():
    """A notebook with a wrapped array, an ignored cell, a wrapped table and a log."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Demo: a chapter\n\n(demo-summary)=\n## 2. Summary"),
        nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
            "stream", text="a_next[4] = [ 0.1  0.2\n  0.3]\na_next.shape = (5, 10)\n")]),
        nbformat.v4.new_code_cell("", metadata={"tags": ["nbval-ignore-output"]}, outputs=[
            nbformat.v4.new_output("stream", text="a_next[4] = [9.9]\nLoss: 22.28\n")]),
        nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/plain": "        Open  High  \\\nDate\n2018-09-28  234.05  235.95  \n"
                                                  "2018-09-27  234.55  236.80  \n\n        Volume\n"
                                                  "2018-09-28  3069914.0\n2018-09-27  5082859.0"})]),
        nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
            "stream", text="Iteration: 0, Loss: 23.087336\n\nNkz\nKneb\nidentical: True\n")]),
    ]
    return nb


def locate(row):
    lines = pv.notebook_lines(demo_notebook())
    full = dict.fromkeys(pv.COLUMNS, "") | {"rule": "exact"} | row
    return pv.our_value(full, lines)


def test_a_wrapped_array_is_read_to_its_closing_bracket():
    assert locate({"prefix": "a_next[4] ="})[:2] == (["0.1", "0.2", "0.3"], "[ 0.1 0.2 0.3]")


def test_compared_outputs_come_first_and_ignored_ones_are_marked():
    assert locate({"prefix": "a_next[4] ="})[2] is True
    assert locate({"prefix": "Loss:"}) == (["22.28"], "22.28", False)


def test_a_prefix_matches_whole_words_only():
    with pytest.raises(pv.RegistryError, match="no output line starting with 'a_next'"):
        locate({"prefix": "a_next"})


def test_row_span_joins_a_table_wrapped_in_blocks_and_after_and_pick_select():
    assert locate({"prefix": "2018-09-27", "span": "row"})[0] == ["234.55", "236.80", "5082859.0"]
    assert locate({"prefix": "2018-09-27", "span": "row", "pick": "1,3"})[1] == "234.55 5082859.0"
    assert locate({"prefix": "2018-09-27", "after": "Volume"})[0] == ["5082859.0"]


def test_next_span_takes_the_lines_after_the_anchor():
    ours, text, _ = locate({"prefix": "Iteration: 0, Loss:", "span": "next:2", "rule": "text"})
    assert (ours, text) == (["Nkz", "Kneb"], "Nkz Kneb")


def test_section_titles_drop_numbers_and_keep_labels():
    assert pv.section_titles(demo_notebook()) == {"Demo: a chapter": "", "Summary": "demo-summary"}


# --- the whole check, on a small book -------------------------------------------------------

def write_book(tmp_path, rows, document="chapters/demo"):
    """A book with one chapter (the demo notebook) and a registry of the given rows."""
    (tmp_path / document).parent.mkdir(parents=True)
    nbformat.write(demo_notebook(), tmp_path / f"{document}.ipynb")
    (tmp_path / "_toc.yml").write_text(f"format: jb-book\nroot: intro\nchapters:\n  - file: {document}\n")
    (tmp_path / "data").mkdir()
    with open(tmp_path / pv.REGISTRY, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=pv.COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(dict.fromkeys(pv.COLUMNS, "") | {
                "report": "000", "section": "4.1", "chapter": "demo", "quantity": "`a_next[4]`",
                "rule": "exact"} | row)


def test_a_good_row_gives_a_page(tmp_path):
    write_book(tmp_path, [{"published": "[ 0.1 0.2 0.3 ]", "prefix": "a_next[4] ="},
                          {"published": "[0.1 0.2 0.4]", "prefix": "a_next[4] =", "status": "corrected",
                           "note": "OCR", "evidence": "Summary"}])
    results, problems = pv.check(tmp_path)
    assert problems == []
    assert [r.status for r in results] == ["exact", "corrected"]
    page = pv.render(results)
    assert "| `a_next[4]` | `[ 0.1 0.2 0.3 ]` | `[ 0.1 0.2 0.3]` | **reproduced exactly** |" in page
    assert "{ref}`Summary <demo-summary>`" in page and "Checked in [Demo](chapters/demo)." in page


def test_a_chapter_is_found_in_a_folder_and_with_a_number_in_front(tmp_path):
    write_book(tmp_path, [{"published": "[0.1 0.2 0.3]", "prefix": "a_next[4] ="}], "chapters/numpy/02_demo")
    results, problems = pv.check(tmp_path)
    assert problems == [] and results[0].link == "chapters/numpy/02_demo"


@pytest.mark.parametrize("row, message, names_the_notebook", [
    ({"published": "[0.1 0.2 0.4]", "prefix": "a_next[4] ="}, "differs from the published", True),
    ({"published": "[0.1 0.2 0.3]", "prefix": "a_next[4] =", "status": "corrected", "note": "x",
      "evidence": "Summary"}, "the row is not 'corrected'", True),
    ({"published": "[0.1 0.2 0.4]", "prefix": "a_next[4] =", "status": "corrected"}, "needs a note", False),
    ({"published": "[0.1 0.2 0.4]", "prefix": "a_next[4] =", "status": "corrected", "note": "x",
      "evidence": "Nowhere"}, "no heading or dropdown titled 'Nowhere'", True),
    ({"published": "[0.1]", "prefix": "b ="}, "no output line starting with 'b ='", True),
    ({"published": "[0.1]", "prefix": "a_next[4] =", "chapter": "other"}, "'other' is not in _toc.yml", False),
    ({"published": "[0.1]", "prefix": "a_next[4] =", "report": "007"}, "unknown report", False),
])
def test_problems_name_the_registry_line_and_the_problem(tmp_path, row, message, names_the_notebook):
    write_book(tmp_path, [row])
    _, problems = pv.check(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{pv.REGISTRY} line 2 (report ")
    assert message in problems[0]
    assert ("chapters/demo.ipynb" in problems[0]) == names_the_notebook
