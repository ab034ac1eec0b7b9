"""The rules of tools/check_prose_numbers.py: what is prose, what counts as printed, what is a quote."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_prose_numbers as cpn  # noqa: E402


def kinds(markdown):
    """{number as written: kind} of a markdown cell's prose."""
    return {number.text: number.kind for number in cpn.prose_numbers(markdown)}


# --- what is prose ---------------------------------------------------------------------------

@pytest.mark.parametrize("markdown", [
    "The function `range(60, 2035)` and {ref}`section 7 <label-7>`.",
    "Math $\\sigma(3) = 0.9526$ and $$a_{50} = 1 + w + \\dots + w^{49}$$ too.",
    "Display math\n$$\n\\tilde c = \\tanh(W_c z + 0.5)\n$$\nends here.",
    "An environment\n\\begin{aligned}\nx &= 17.5\n\\end{aligned}\nends here.",
    "```python\nWINDOW = 60\nprint(1.234)\n```",
    "```{code-block} python\nEPOCHS = 100\n```",
    "A [link](https://example.org/v2.31/page), [data](../data/2019/prices.csv) and <https://example.org/42>, "
    "http://x.org/7.",
    "(rnn-hands-on-2)=\n## 4. Results\n### 2.1 More",
    "<!-- a comment\nwith 3.14 -->Text <img width=\"640\">.",
])
def test_code_math_links_labels_and_heading_numbers_are_not_prose(markdown):
    assert cpn.prose_numbers(markdown) == []


def test_a_prose_directive_is_checked_its_options_are_not():
    markdown = ("```{dropdown} About the source report, 12.5 of it\n:class: tip\n:name: about-17\n\n"
                "The report prints 3.75 here.\n```\n")
    assert kinds(markdown) == {"12.5": "checked", "3.75": "checked"}


def test_a_code_block_inside_a_dropdown_is_not_prose():
    markdown = "::::{dropdown} Source\nIt says 8.5.\n```python\nx = 9.25\n```\n::::\nAfter: 7.75."
    assert kinds(markdown) == {"8.5": "checked", "7.75": "checked"}


def test_a_heading_keeps_its_text_but_not_its_number():
    assert kinds("## 5. A forget gate near 0.5\n") == {"0.5": "checked"}


@pytest.mark.parametrize("markdown, expected", [
    ("It is 1,536 names and 2,000,000 seeds, 95% or 4 %.", ["1,536", "2,000,000", "95%", "4 %"]),
    ("A loss of 6.0e-04, a ratio of 1.13; 22.3 nats.", ["6.0e-04", "1.13", "22.3"]),
    ("MathJax 3.2.2, float32 and LSTM(50), a 60-day window.", ["50", "60"]),
    ("From 2018-08-28 to 2019-10-10.", ["2018-08-28", "2019-10-10"]),
])
def test_numbers_as_written(markdown, expected):
    assert [number.text for number in cpn.prose_numbers(markdown)] == expected


# --- references, citations and quotes ---------------------------------------------------------

def test_references_are_not_values_even_in_lists():
    markdown = ("Report 000, sections 3.1 and 4.1, report 001 (its Figs. 25 to 28), part 7, "
                "after epoch 15, at iterations 32,000 and 34,000, commit 2714, In [17]: 42.5 left.")
    found = kinds(markdown)
    assert found.pop("42.5") == "checked"
    assert set(found.values()) == {"reference"}, found


def test_the_year_of_a_citation_is_a_reference_other_years_are_checked():
    assert kinds("The GRU (Cho et al., 2014) and a tutorial (2017).") == {"2014": "reference", "2017": "reference"}
    assert kinds("January 2017 opened above the 2016 highs.") == {"2017": "checked", "2016": "checked"}
    assert kinds("Two values (3.5, 12) and (48).") == {"3.5": "checked", "12": "checked", "48": "checked"}


def test_small_integers_are_checked():
    assert kinds("Only 7 days above 800 USD.") == {"7": "checked", "800": "checked"}


def test_a_quotation_in_a_sentence_that_names_a_report_is_a_quote():
    markdown = 'This is report 002\'s "good for storing memory 3-4 instances", but 12.5 is ours.'
    assert kinds(markdown) == {"002": "reference", "3": "quote", "4": "quote", "12.5": "checked"}


def test_double_quotes_without_a_report_are_not_a_quote():
    assert kinds('That is "tomorrow = today, minus 12 cents".') == {"12": "checked"}
    assert kinds('The notebook says "GRU 3.32 beats LSTM 5.17".') == {"3.32": "checked", "5.17": "checked"}


def test_the_report_must_be_named_in_the_same_sentence():
    markdown = 'Report 002 is a notebook. It says "the worst around 11".'
    assert kinds(markdown) == {"002": "reference", "11": "checked"}


def test_sentences_split_at_full_stops_list_items_and_table_rows():
    markdown = "One is 1.5. Two is 2.5.\n* three 3.5\n  and more\n\n| a | 4.5 |\n| b | 5.5 |\n"
    sentences = {number.text: number.sentence for number in cpn.prose_numbers(markdown)}
    assert sentences == {"1.5": "One is 1.5.", "2.5": "Two is 2.5.", "3.5": "* three 3.5 and more",
                         "4.5": "| a | 4.5 |", "5.5": "| b | 5.5 |"}


# --- what counts as printed -------------------------------------------------------------------

@pytest.mark.parametrize("number, shown, expected", [
    ("6.72", [6.7176], True),            # rounded to the prose's digits
    ("6.72", [6.7249], True),
    ("6.73", [6.7176], False),
    ("1.13", [1.133], True),
    ("1.14", [1.133], False),
    ("323", [323.306], True),
    ("404", [323.306], False),
    ("1,536", [1536.0], True),
    ("0.11", [0.11003], True),           # the sign is ignored: shown_numbers keeps magnitudes
    ("6.0e-04", [6.02e-4], True),
    ("6.0e-04", [6.2e-4], False),
    ("95%", [0.9526], True),             # a percentage matches a fraction
    ("95 %", [95.0], True),
    ("95%", [0.9626], False),
    ("9.5", [0.095], False),             # ... but a plain number does not
    ("46%", [43.0, 0.3], False),
])
def test_is_shown(number, shown, expected):
    assert cpn.is_shown(number, sorted(shown)) is expected


def test_shown_numbers_are_magnitudes_with_or_without_separators():
    assert sorted(cpn.shown_numbers("[-0.12, 1,234] loss: 2.4715e-04 and 2018-09-28")) == sorted(
        [0.12, 1234.0, 1.0, 234.0, 2.4715e-04, 2018.0, 9.0, 28.0])


def test_output_text_reads_what_the_page_shows_and_nothing_else():
    figure = {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": ["<Figure size 700x350>"]}}
    stderr = {"output_type": "stream", "name": "stderr", "text": ["epoch 3/15 loss 0.25\n"]}
    stdout = {"output_type": "stream", "name": "stdout", "text": ["RMSE 6.718\n"]}
    table = {"output_type": "execute_result",
             "data": {"text/html": ["<td>5.931</td>"], "text/plain": ["5.931"]}}
    error = {"output_type": "error", "ename": "ValueError", "evalue": "got 250 rows", "traceback": []}
    assert cpn.output_text(figure) == cpn.output_text(stderr) == ""
    assert "6.718" in cpn.output_text(stdout)
    assert "<td>" not in cpn.output_text(table) and "5.931" in cpn.output_text(table)
    assert "250" in cpn.output_text(error)


def test_code_counts_without_its_comments():
    code = cpn.code_without_comments("EPOCHS = 100  # took 577 s\nseeds = range(100_000)\n%matplotlib inline\n")
    assert cpn.shown_numbers(code) == [100.0, 100000.0]


# --- whole chapters --------------------------------------------------------------------------

def write_chapter(root, markdown, code="", stdout=""):
    """A book in `root` with one chapter, chapters/demo (.ipynb and .py), and a _toc.yml."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown},
             {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": code,
              "outputs": [{"output_type": "stream", "name": "stdout", "text": stdout}]}]
    (root / "chapters").mkdir()
    (root / "chapters" / "demo.ipynb").write_text(json.dumps({"cells": cells, "metadata": {},
                                                              "nbformat": 4, "nbformat_minor": 5}))
    py = "# ---\n# jupyter: {}\n# ---\n\n# %% [markdown]\n" + "".join(
        f"# {line}".rstrip() + "\n" for line in markdown.split("\n")) + "\n# %%\n" + code
    (root / "chapters" / "demo.py").write_text(py)
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nparts:\n  - caption: A\n"
                                   "    chapters:\n      - file: chapters/demo\n      - file: course\n")
    return "chapters/demo"


def test_a_chapter_whose_numbers_are_printed_passes(tmp_path):
    name = write_chapter(tmp_path, "# Demo\n\nThe RMSE is 6.72 after 15 epochs, 95% of 20.",
                         code="EPOCHS = 15", stdout="RMSE 6.7176, share 0.953, 20 days\n")
    assert cpn.check_chapter(tmp_path, name) == []


def test_a_chapter_with_an_unprinted_number_fails_naming_file_line_and_sentence(tmp_path):
    name = write_chapter(tmp_path, "# Demo\n\nThe RMSE is 6.72.\nA run outside this page gave 549 USD.",
                         code="x = 1  # 549 in a comment does not count", stdout="RMSE 6.7176\n")
    violations = cpn.check_chapter(tmp_path, name)
    assert [str(v) for v in violations] == [
        "chapters/demo.py:9: 549 is printed by no cell and not marked as a quote: "
        "A run outside this page gave 549 USD."]
    assert (tmp_path / "chapters/demo.py").read_text().splitlines()[8] == "# A run outside this page gave 549 USD."


def test_an_unprinted_date_fails(tmp_path):
    name = write_chapter(tmp_path, "Split on 2017-07-14 and 2017-07-15.", stdout="split at 2017-07-15\n")
    assert [v.number for v in cpn.check_chapter(tmp_path, name)] == ["2017-07-14"]


def test_the_chapters_of_the_toc_are_its_notebooks(tmp_path):
    write_chapter(tmp_path, "Nothing.")
    assert cpn.toc_chapters(tmp_path) == ["chapters/demo"]


def test_a_missing_notebook_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"chapters/none: chapters/none.ipynb not found"):
        cpn.check_chapter(tmp_path, "chapters/none")


def test_main_exits_1_and_lists_the_violations(tmp_path, monkeypatch, capsys):
    write_chapter(tmp_path, "It gave 549 USD.")
    monkeypatch.setattr(cpn, "ROOT", tmp_path)
    assert cpn.main([]) == 1
    output = capsys.readouterr().out
    assert "chapters/demo.py:6: 549 is printed by no cell" in output
    assert output.endswith("1 number(s) in the prose printed by no cell and not marked as a quote, in 1 chapter(s)\n")
