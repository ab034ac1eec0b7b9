"""Check that every number in a chapter's prose is printed by the chapter or quoted from a source.

    .venv/bin/python tools/check_prose_numbers.py                           # every chapter of _toc.yml
    .venv/bin/python tools/check_prose_numbers.py chapters/3_forecasting/forecast_ibm.py  # some chapters

The book promises that every number comes from executing it. For each chapter of `_toc.yml`
this reads the markdown cells of `NAME.ipynb` (the cells of `NAME.py`, as the pairing test
proves) and its stored outputs (which nbval proves current), and reports each number of the
prose that no output prints and that is not marked as a quote, as
`chapters/NAME.py:LINE: NUMBER is printed by no cell ...: the sentence`. Exit status 1 if any.

What is not prose (not checked):
  * code blocks (``` or ~~~, and directives such as {code-block} and {math}); other
    directives ({note}, {dropdown}, ...) are prose, title and body, but not their :options:;
  * inline code, with or without a role ({ref}`...`): code, output, or text copied verbatim;
  * math ($...$, $$...$$, \\begin{..}...\\end{..}): formulas, mostly constants and indices;
    a value written in math is not checked, so write a reported value as text;
  * link targets, URLs, HTML tags and comments, MyST labels `(name)=`, heading numbers (`## 4.`);
  * references: the numbers after report, section, part, Fig., figure, epoch, iteration,
    commit and `In [` (`sections 3.1 and 4.1`, `Figs. 25 to 28`), and the year of a
    citation, `(Cho et al., 2014)` or `(2017)`.
Every number written in digits is checked, small or not. Number words (`four`, `twice`) are
not: they are small counts, which nearly always equal some printed number, so checking them
would prove nothing.

Printed. A prose number is printed when an output or a code cell of the chapter shows it to
the prose's own digits: |shown - prose| <= half a unit of the prose's last digit, so 6.72
matches a shown 6.7176, 1.13 a ratio 1.133 and 6.0e-04 a loss 6.02e-04; thousands separators
and the sign are ignored (1,536 matches 1536; a fall of 0.11 matches -0.1100); a percentage
also matches a fraction (95 % matches 0.9526); a date (2018-09-28) must appear as written.
Nothing is computed from the outputs: a ratio, a difference or a percentage must be printed
itself. Outputs are stdout, text/plain (not a figure's `<Figure size ...>`), HTML tables,
markdown and error messages; code counts without its comments (`WINDOW = 60`, `epochs=15`).
A number that only happens to equal some other printed value passes: the check proves that
a number is on the page, not that it is the value the sentence says it is.

Quotes. A number from a source is marked as a quote in one of two ways:
  * verbatim, as the source prints it, in inline code: report 000 prints `6.3220e-04`;
  * inside double quotes ("..." or “...”) in a sentence that names the source as report 00N:
    report 002 says RNNs are "good for storing memory 3-4 instances of past iterations".
Both render as what they are, on the site and in JupyterLab. Double quotes in a sentence
that names no report are not a quote (the chapters also use them for their own paraphrases).
"""

import argparse
import bisect
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# A number: digits with optional thousands separators, decimals, exponent and percent sign;
# not part of a word or of a version such as 3.2.2 (dates are found apart, by DATE).
NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
                    r"(?![\w]|\.\d)(\s?%)?")
DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
REFERENCE_WORD = re.compile(r"\b(?:reports?|sections?|parts?|figs?\.|figures?|epochs?|iterations?|"
                            r"commit)\s*$|In \[$", re.IGNORECASE)
LIST_GLUE = re.compile(r"\s*(?:,|and|or|to|-|–)\s*")
NAMES_A_REPORT = re.compile(r"\breports? \d{3}\b", re.IGNORECASE)
CODE_DIRECTIVES = {"code-block", "code", "code-cell", "sourcecode", "math", "raw", "literalinclude"}


@dataclass
class ProseNumber:
    """A number written in a markdown cell, and what the rules make of it."""
    text: str  # as written: "1,536", "95 %", "2018-09-28"
    kind: str  # "checked", "date", "quote" or "reference"
    line: int  # 0-based line in the cell
    sentence: str


@dataclass
class Violation:
    """A prose number that the chapter does not show and does not mark as a quote."""
    where: str  # "chapters/NAME.py:LINE", or "chapters/NAME.ipynb, cell N" if the line is unknown
    number: str
    sentence: str

    def __str__(self):
        return f"{self.where}: {self.number} is printed by no cell and not marked as a quote: {self.sentence}"


# --- what is prose ---------------------------------------------------------------------------

def _blank(text, start, end):
    """The text with [start, end) turned into spaces, newlines kept (positions do not move)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _blank_all(text, pattern, group=0, flags=0):
    for match in reversed(list(re.finditer(pattern, text, flags))):
        text = _blank(text, match.start(group), match.end(group))
    return text


def _blank_fences(text):
    """Blank code blocks, fence lines and directive options; keep prose directives' title and body."""
    out, stack, in_options = [], [], False  # stack: (fence, is_prose) of the open blocks
    for line in text.split("\n"):
        fence = re.match(r"\s*(`{3,}|~{3,}|:{3,})(.*)$", line)
        inside_prose = all(is_prose for _, is_prose in stack)
        if fence and stack and fence.group(1)[0] == stack[-1][0][0] \
                and len(fence.group(1)) >= len(stack[-1][0]) and not fence.group(2).strip():
            stack.pop()
            out.append(" " * len(line))
        elif fence and inside_prose:
            directive = re.match(r"\{([\w-]+)\}(.*)", fence.group(2).strip())
            is_prose = bool(directive) and directive.group(1) not in CODE_DIRECTIVES
            stack.append((fence.group(1), is_prose))
            title = directive.group(2) if is_prose else ""
            out.append(" " * (len(line) - len(title)) + title)
            in_options = is_prose
        elif not inside_prose or in_options and re.match(r"\s*:[\w-]+:", line):
            out.append(" " * len(line))
        else:
            out.append(line)
            in_options = False
    return "\n".join(out)


def mask_non_prose(markdown):
    """The markdown with everything that is not prose turned into spaces (same length, same lines)."""
    text = _blank_fences(markdown)
    text = _blank_all(text, r"<!--.*?-->", flags=re.DOTALL)
    text = _blank_all(text, r"(?:\{[\w:-]+\})?(`+)(?:(?!\1).)+?\1", flags=re.DOTALL)
    text = _blank_all(text, r"\$\$.+?\$\$", flags=re.DOTALL)
    text = _blank_all(text, r"(?<![\\$])\$[^$\n]+?\$")
    text = _blank_all(text, r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", flags=re.DOTALL)
    text = _blank_all(text, r"\]\(([^)\n]*)\)", group=1)
    text = _blank_all(text, r"<[^<>\n]+>")
    text = _blank_all(text, r"https?://\S+")
    text = _blank_all(text, r"^\([\w-]+\)=[ \t]*$", flags=re.MULTILINE)
    text = _blank_all(text, r"^#{1,6}[ \t]+(\d+(?:\.\d+)*\.?)\s", group=1, flags=re.MULTILINE)
    return text


def sentence_spans(text):
    """(start, end) of each sentence: paragraphs, list items and table rows, split after . ? !"""
    spans = []
    block_pattern = r"(?:[^\n]|\n(?![ \t]*(?:\n|$|[*+-] |\d+\. |\||#)))+"
    for block in re.finditer(block_pattern, text):
        start = block.start()
        for end in re.finditer(r"(?<=[.!?])\s+(?=[A-Z*_(\"“])|$", block.group()):
            spans.append((start, block.start() + end.start()))
            start = block.start() + end.end()
    return spans


# --- numbers in prose ------------------------------------------------------------------------

def _value(number):
    """The Decimal a number's text stands for, without separators, percent sign or sign."""
    return Decimal(number.rstrip("% ").replace(",", ""))


def _is_reference(masked, start):
    """True if the number at `start` follows a reference word, directly or in a list after one."""
    before = masked[:start]
    while not REFERENCE_WORD.search(before):
        previous = [m for m in NUMBER.finditer(before) if LIST_GLUE.fullmatch(before[m.end():])]
        if not previous:
            return False
        before = before[:previous[-1].start()]
    return True


def _is_citation_year(masked, start, end):
    """True for the year of a citation: (2017) or (Cho et al., 2014)."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", masked[start:end])) and masked[end:end + 1] == ")" \
        and (masked[start - 1:start] == "(" or masked[start - 2:start] == ", ")


def prose_numbers(markdown):
    """The numbers written in the prose of a markdown cell, each with its kind and sentence."""
    masked = mask_non_prose(markdown)
    quotes = [m.span() for m in re.finditer(r"\"[^\"]*\"|“[^”]*”", masked)]
    sentences = sentence_spans(masked)
    dates = [m.span() for m in DATE.finditer(masked)]
    found = []
    for match in sorted(list(DATE.finditer(masked)) + list(NUMBER.finditer(masked)), key=lambda m: m.start()):
        start, end = match.span()
        is_date = match.re is DATE
        if not is_date and any(s <= start < e for s, e in dates):
            continue
        s_start, s_end = next(((s, e) for s, e in sentences if s <= start < e), (start, end))
        sentence = markdown[s_start:s_end]
        if is_date:
            kind = "date"
        elif any(s < start < e for s, e in quotes) and NAMES_A_REPORT.search(sentence):
            kind = "quote"
        elif _is_reference(masked, start) or _is_citation_year(masked, start, end):
            kind = "reference"
        else:
            kind = "checked"
        found.append(ProseNumber(match.group().strip(), kind, markdown.count("\n", 0, start),
                                 re.sub(r"\s+", " ", sentence).strip()))
    return found


# --- what a chapter shows --------------------------------------------------------------------

def shown_numbers(text):
    """The absolute values of the numbers written in a text (an output or code)."""
    values = []
    for match in NUMBER.finditer(text):
        values.append(float(_value(match.group())))
        if "," in match.group():  # 1,234 may also be the list 1, 234 printed without a space
            values += [float(part) for part in match.group().rstrip("% ").split(",")]
    return values


def output_text(output):
    """The text an output shows on the page: stdout, text/plain, HTML without tags, errors."""
    kind = output.get("output_type")
    if kind == "stream":
        return "".join(output.get("text", "")) if output.get("name") == "stdout" else ""
    if kind == "error":
        return f"{output.get('ename', '')}: {output.get('evalue', '')}"
    data = output.get("data", {})
    texts = ["".join(data[key]) for key in ("text/markdown", "text/latex") if key in data]
    if "text/plain" in data and not any(key.startswith("image/") for key in data):
        texts.append("".join(data["text/plain"]))
    if "text/html" in data:
        texts.append(re.sub(r"<[^>]*>", " ", "".join(data["text/html"])))
    return "\n".join(texts)


def code_without_comments(source):
    """A code cell's source without its comments, and with 100_000 written 100000."""
    source = re.sub(r"(?<=\d)_(?=\d)", "", source)
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return tokenize.untokenize(t for t in tokens if t.type != tokenize.COMMENT)
    except (tokenize.TokenError, SyntaxError):  # not Python (a magic): drop what looks like a comment
        return re.sub(r"#.*", "", source)


def shown_text(notebook):
    """Everything the chapter's code cells show: their code (no comments) and their outputs."""
    texts = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            texts.append(code_without_comments("".join(cell["source"])))
            texts += [output_text(output) for output in cell.get("outputs", [])]
    return "\n".join(texts)


def is_shown(number, shown):
    """True if a prose number, to its own digits, is among `shown` (sorted absolute values)."""
    value = _value(number)
    half = 0.5 * 10.0 ** value.as_tuple().exponent * (1 + 1e-9)
    candidates = [(float(value), half)] + ([(float(value) / 100, half / 100)] if number.endswith("%") else [])
    for target, tolerance in candidates:
        i = bisect.bisect_left(shown, target - tolerance)
        if i < len(shown) and shown[i] <= target + tolerance:
            return True
    return False


# --- chapters --------------------------------------------------------------------------------

def _cell_lines(py_path, notebook):
    """The 1-based line in the .py of the first source line of each cell (None if unknown)."""
    if not py_path.is_file():
        return [None] * len(notebook["cells"])
    lines = py_path.read_text(encoding="utf-8").splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if line.startswith("# %%")]
    if len(headers) != len(notebook["cells"]):
        return [None] * len(notebook["cells"])
    return [header + 1 for header in headers]


def check_chapter(root, name):
    """The violations of one chapter, named as in _toc.yml (e.g. 'chapters/3_forecasting/forecast_tata')."""
    ipynb = root / f"{name}.ipynb"
    if not ipynb.is_file():
        raise FileNotFoundError(f"{name}: {ipynb.relative_to(root)} not found (the chapter's stored outputs)")
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    text = shown_text(notebook)
    shown = sorted(shown_numbers(text))
    violations = []
    for index, (cell, first_line) in enumerate(zip(notebook["cells"], _cell_lines(root / f"{name}.py", notebook))):
        if cell["cell_type"] != "markdown":
            continue
        for number in prose_numbers("".join(cell["source"])):
            if number.kind == "date" and number.text not in text \
                    or number.kind == "checked" and not is_shown(number.text, shown):
                where = f"{name}.py:{first_line + number.line}" if first_line else f"{name}.ipynb, cell {index}"
                violations.append(Violation(where, number.text, number.sentence))
    return violations


def toc_chapters(root):
    """The documents of _toc.yml that are notebooks, in the order of the toc."""
    def files(node):
        if isinstance(node, dict):
            yield from (node[key] for key in ("root", "file") if isinstance(node.get(key), str))
            for key in ("parts", "chapters", "sections"):
                for item in node.get(key) or []:
                    yield from files(item)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [name for name in files(toc) if (root / f"{name}.ipynb").is_file()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("chapters", nargs="*", help="chapters/NAME.py or .ipynb (default: every chapter of _toc.yml)")
    args = parser.parse_args(argv)
    names = [str(Path(chapter).with_suffix("")) for chapter in args.chapters] or toc_chapters(ROOT)
    try:
        violations = [violation for name in names for violation in check_chapter(ROOT, name)]
    except FileNotFoundError as error:
        sys.exit(f"error: {error}")
    for violation in violations:
        print(violation)
    print(f"{len(violations)} number(s) in the prose printed by no cell and not marked as a quote, "
          f"in {len(names)} chapter(s)")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
