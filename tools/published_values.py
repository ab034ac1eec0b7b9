"""Write the book's page of published values: every value of the source reports the book checks.

    .venv/bin/python tools/published_values.py          # write published_values.md
    .venv/bin/python tools/published_values.py --check  # exit 1 if the committed page is stale

The registry `data/published_values.csv` has one row per published value: the report and
section it comes from, the chapter that checks it, the quantity, and the value as the report
prints it (a quote, OCR damage included; line breaks and runs of spaces count as one space).
Nothing about the book's own values is typed in: each row says where the chapter prints its
value (a locator into the stored outputs of the chapter's notebook, which nbval proves
current), and the status is computed here by comparing the numbers of the two texts.

Locator columns:
  prefix      the output line starts with this text (spaces normalised); the value is the rest
              of the line, continued over the next lines while a `[` is open. An empty prefix
              takes the whole line.
  after       optional: only lines after the first line that starts with this text count
  occurrence  which matching line (1 = the first; default 1)
  span        `line` (default); `next:N`: the N lines after the matching one (the matching
              line is only an anchor); `row`: the matching line and every later line of the same
              cell output that starts with the prefix, joined (a pandas table wrapped in blocks)
  pick        optional: which numbers (or words, for the `text` rule) of the value to keep,
              1-based, e.g. `2` or `4,5` or `1-3`

Lines printed by cells whose output nbval compares are searched first; only if none matches
are the stored outputs of cells tagged `nbval-ignore-output` or `nbval-skip` searched (such
values are marked on the page).

Rules (column `rule`):
  exact       no tolerance
  rel:X       |ours - published| <= X |published|, number by number (`abs:X`: <= X;
              `factor:X`: ours within a factor X of the published number)
  range       the published number, give or take half a unit of its last digit, lies between
              the two numbers picked (say, the lowest and highest of several runs)
  sd:K        within K standard deviations of a mean (the two numbers picked: mean, deviation)
  mean:X      within a relative X of a mean over several runs (the one number picked)
  text        the same words (a punctuation mark standing alone, like a stray `.` of a text
              copy, is not a word)
A value is reproduced exactly when every published number equals ours rounded to the published
number of decimals (half to even), or both parse to the same double; `range`, `sd` and `mean`
compare one published run with a summary of several of ours, so they never count as exact.
Otherwise a value is within tolerance when its rule holds. A value that differs is an error
unless the row's `status` says `corrected` or `not reproducible`, with a `note` saying why and
an `evidence` section of the chapter (a heading or dropdown title, section numbers left out);
a row so marked whose value agrees is an error too.
"""

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Path("data/published_values.csv")
PAGE = Path("published_values.md")
COMMAND = ".venv/bin/python tools/published_values.py"

COLUMNS = ["report", "section", "chapter", "quantity", "published", "prefix", "after",
           "occurrence", "span", "pick", "rule", "status", "note", "evidence"]
DECLARED = ("corrected", "not reproducible")
SUMMARY_RULES = ("range", "sd", "mean")  # ours summarises several runs: never "exact"
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}

REPORTS = {
    "000": "Irvan Ariyanto (ITB), *Pattern Recognition Report Paper Regarding Analysis of "
           "Recurrent Neural Network (RNN) and Long Short Term Memory (LSTM)*",
    "001": "Amany Akhyar (ITB), *Laporan Tugas Recurrent Neural Network dan Long-Short Term Memory*",
    "002": "Kaggle notebook *Intro to Recurrent Neural Networks LSTM | GRU* (IBM stock prices)",
    "003": "Amir Ali, *Recurrent Neural Network & LSTM with Practical Implementation*",
    "004": "*Assignment No. 7: Develop RNN model for Cryptocurrency pricing prediction*",
}

# A number as printed: optional sign, digits (thousands separators allowed), decimals,
# exponent; not part of a word, a date (2018-09-28, 1/3/2017) or a longer number.
NUMBER = re.compile(r"(?<![\w.\-/])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
                    r"(?![\w\-/]|\.\d)")


class RegistryError(Exception):
    """A problem with a registry row, its chapter or its locator."""


@dataclass
class Line:
    """One non-blank output line of a chapter, spaces normalised."""
    text: str
    cell: int
    compared: bool


@dataclass
class Result:
    """A registry row with the book's value and the computed status."""
    row: dict
    title: str  # the chapter's short title
    link: str  # the chapter's document, as _toc.yml names it
    toc_position: int  # the chapter's place in _toc.yml
    ours: str  # the book's value, as shown on the page
    compared: bool  # printed by a cell whose output nbval compares
    status: str  # exact, within, corrected or not reproducible
    evidence_label: str  # a MyST label at the evidence section, or ""


def normalise(text):
    """Strip a line, drop pandas' trailing `\\` and collapse runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"\s+\\$", "", text.strip()))


def numbers(text):
    """The numbers printed in a text, as strings without thousands separators."""
    return [match.group().replace(",", "") for match in NUMBER.finditer(text)]


def words(text):
    """The words of a text: its space-separated pieces, punctuation-only pieces left out."""
    return re.findall(r"\S*\w\S*", text)


def decimals(number):
    """The exponent of the last printed digit: -2 for '3.32', 0 for '16', -8 for '2.4715e-04'."""
    return Decimal(number).as_tuple().exponent


def same_number(published, ours):
    """True if ours, rounded to the published digits, is the published number (or the same double)."""
    if float(published) == float(ours):
        return True
    with localcontext() as context:
        context.prec = 60
        unit = Decimal(1).scaleb(decimals(published))
        return Decimal(ours).quantize(unit, rounding=ROUND_HALF_EVEN) == Decimal(published)


def parse_rule(rule):
    """(name, tolerance or None) of a rule such as 'exact' or 'rel:1e-9'."""
    name, _, value = rule.partition(":")
    if name in ("exact", "text", "range") and not value:
        return name, None
    if name in ("rel", "abs", "factor", "sd", "mean") and value:
        try:
            return name, float(value)
        except ValueError:
            pass
    raise RegistryError(f"unknown rule {rule!r} (exact, text, range, rel:X, abs:X, factor:X, sd:K, mean:X)")


def describe_rule(rule):
    """The tolerance of a rule in words, for the page."""
    name, tolerance = parse_rule(rule)
    if name in ("exact", "text"):
        return "none"
    if name == "range":
        return "inside the chapter's range"
    if name == "sd":
        return f"within {tolerance:g} standard deviation of the chapter's mean"
    if name == "mean":
        return f"within {tolerance:.0%} of the chapter's mean"
    return {"rel": "relative", "abs": "absolute", "factor": "a factor of"}[name] + f" {tolerance:g}"


def within(published, ours, rule):
    """Whether the published numbers agree with ours under a tolerance rule (not exactness)."""
    name, tolerance = parse_rule(rule)
    p, o = [float(x) for x in published], [float(x) for x in ours]
    if name in ("range", "sd"):
        if len(p) != 1 or len(o) != 2:
            raise RegistryError(f"rule {rule!r} needs one published number and two of ours "
                                f"(got {len(p)} and {len(o)}): check `pick`")
        if name == "range":
            half = 0.5 * 10.0 ** decimals(published[0])
            return p[0] + half >= o[0] and p[0] - half <= o[1]
        return abs(p[0] - o[0]) <= tolerance * o[1]
    if name in ("exact", "text") or len(p) != len(o):
        return False
    if name in ("rel", "mean"):
        return all(abs(a - b) <= tolerance * abs(a) for a, b in zip(p, o))
    if name == "abs":
        return all(abs(a - b) <= tolerance for a, b in zip(p, o))
    return all(a > 0 and a / tolerance <= b <= a * tolerance for a, b in zip(p, o))


def compare(published_text, ours, rule):
    """'exact', 'within' or 'differs': the published text against our picked value(s)."""
    name, _ = parse_rule(rule)
    if name == "text":
        return "exact" if words(published_text) == words(" ".join(ours)) else "differs"
    published = numbers(published_text)
    if not published:
        raise RegistryError(f"the published text {published_text!r} has no number (use rule `text`)")
    if name not in SUMMARY_RULES and len(published) == len(ours) and all(
            same_number(p, o) for p, o in zip(published, ours)):
        return "exact"
    return "within" if within(published, ours, rule) else "differs"


def notebook_lines(notebook):
    """Every non-blank line of the stored text outputs of a notebook, in cell order."""
    lines = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        compared = not (IGNORE_TAGS & set(cell["metadata"].get("tags", []))
                        or "NBVAL_IGNORE_OUTPUT" in source or "NBVAL_SKIP" in source)
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                text = "".join(output["text"])
            elif output["output_type"] in ("execute_result", "display_data"):
                text = "".join(output.get("data", {}).get("text/plain", ""))
            else:
                continue
            lines += [Line(normalise(line), index, compared) for line in text.splitlines() if line.strip()]
    return lines


def starts_with(text, prefix):
    """True if a normalised line starts with the prefix as whole words (or the prefix is empty)."""
    return not prefix or text == prefix or text.startswith(prefix + " ")


def find_line(lines, prefix, after, occurrence):
    """Index of the matching line: compared outputs first, then the others."""
    for compared in (True, False):
        pool = [i for i, line in enumerate(lines) if line.compared == compared]
        if after:
            anchors = [i for i in pool if starts_with(lines[i].text, after)]
            if not anchors:
                continue
            pool = [i for i in pool if i > anchors[0]]
        hits = [i for i in pool if starts_with(lines[i].text, prefix)]
        if len(hits) >= occurrence:
            return hits[occurrence - 1]
    where = f" after a line starting with {after!r}" if after else ""
    raise RegistryError(f"no output line starting with {prefix!r}{where} (occurrence {occurrence})")


def rest(line, prefix):
    """The text of a line after its prefix."""
    return line.text[len(prefix):].strip()


def located_text(lines, index, prefix, span):
    """The value text at a matched line, according to the span."""
    cell = [i for i in range(len(lines)) if lines[i].cell == lines[index].cell]
    if span == "row":
        return " ".join(rest(lines[i], prefix) for i in cell if i >= index and starts_with(lines[i].text, prefix))
    if span.startswith("next:"):
        following = [i for i in cell if i > index][:int(span[5:])]
        if len(following) < int(span[5:]):
            raise RegistryError(f"fewer than {span[5:]} lines follow the matching line in its cell")
        return " ".join(lines[i].text for i in following)
    if span != "line":
        raise RegistryError(f"unknown span {span!r} (line, next:N, row)")
    text = rest(lines[index], prefix)
    following = [i for i in cell if i > index]
    while text.count("[") > text.count("]"):
        if not following:
            raise RegistryError(f"the value {text!r} opens a `[` that its cell never closes")
        text += " " + lines[following.pop(0)].text
    return text


def pick(items, selection):
    """The 1-based items named by a selection like '2', '4,5' or '1-3' (all if empty)."""
    if not selection:
        return items
    chosen = []
    for part in selection.split(","):
        first, _, last = part.partition("-")
        chosen += range(int(first), int(last or first) + 1)
    if max(chosen) > len(items) or min(chosen) < 1:
        raise RegistryError(f"pick {selection!r} is out of range: the value has {len(items)} items")
    return [items[i - 1] for i in chosen]


def read_registry(root):
    """The registry rows as dicts with their line numbers; checks the columns."""
    with open(root / REGISTRY, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        if reader.fieldnames != COLUMNS:
            raise RegistryError(f"{REGISTRY}: the columns must be {', '.join(COLUMNS)}")
        return [(reader.line_num, row) for row in reader]


def toc_chapters(root):
    """{stem: the document path of _toc.yml} for every file of the table of contents."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found[Path(node["file"]).name] = node["file"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")))
    return found


def section_titles(notebook):
    """{title: label} of the chapter's headings and dropdowns; label is '' when none precedes it.

    Leading section numbers ("3. ", "2.1 ") are dropped, so renumbering does not break a row.
    """
    titles, label = {}, ""
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for line in "".join(cell["source"]).splitlines():
            target = re.fullmatch(r"\((.+)\)=", line.strip())
            heading = re.match(r"(?:#{1,6}|[:`]{3,}\{dropdown\})\s+(.*)", line.strip())
            if target:
                label = target.group(1)
            elif heading:
                titles[re.sub(r"^\d+(\.\d+)*\.?\s+", "", heading.group(1).strip())] = label
                label = ""
            elif line.strip():
                label = ""
    return titles


class Chapters:
    """The chapters' notebooks, read once each."""

    def __init__(self, root):
        self.root, self.toc, self.cache = root, toc_chapters(root), {}

    def document(self, stem):
        """The _toc.yml document of a chapter stem, also when its file name has a number in front."""
        names = [name for name in self.toc if re.fullmatch(rf"(\d+[-_])?{re.escape(stem)}", name)]
        if len(names) != 1:
            raise RegistryError(f"chapter {stem!r} is not in _toc.yml" if not names
                                else f"chapter {stem!r} matches several files of _toc.yml: {names}")
        return self.toc[names[0]]

    def get(self, stem):
        """(path, output lines, section titles, short title) of a chapter named by its file stem."""
        if stem not in self.cache:
            path = self.root / (self.document(stem) + ".ipynb")
            if not path.is_file():
                raise RegistryError(f"{path.relative_to(self.root)} does not exist")
            notebook = json.loads(path.read_text(encoding="utf-8"))
            first = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
            title = "".join(first["source"]).splitlines()[0].lstrip("# ").split(":")[0]
            self.cache[stem] = (path, notebook_lines(notebook), section_titles(notebook), title)
        return self.cache[stem]


def check_columns(row):
    """Raise RegistryError if a row's own columns are incomplete or inconsistent."""
    if row["report"] not in REPORTS:
        raise RegistryError(f"unknown report {row['report']!r} (one of {', '.join(REPORTS)})")
    for column in ("section", "chapter", "quantity", "published", "rule"):
        if not row[column].strip():
            raise RegistryError(f"the column {column!r} is empty")
    parse_rule(row["rule"])
    if row["status"] and row["status"] not in DECLARED:
        raise RegistryError(f"status must be empty or one of {DECLARED}, not {row['status']!r}")
    if row["status"] and not (row["note"] and row["evidence"]):
        raise RegistryError(f"a row marked {row['status']!r} needs a note (why) and an evidence section")


def our_value(row, lines):
    """(the picked pieces of our value, the text shown, compared) located by a row."""
    prefix, after = normalise(row["prefix"]), normalise(row["after"])
    index = find_line(lines, prefix, after, int(row["occurrence"] or 1))
    text = located_text(lines, index, prefix, row["span"] or "line")
    name = parse_rule(row["rule"])[0]
    ours = pick(text.split() if name == "text" else numbers(text), row["pick"])
    if name == "range" and len(ours) == 2:
        text = f"{ours[0]} to {ours[1]}"
    elif name == "sd" and len(ours) == 2:
        text = f"{ours[0]} ± {ours[1]}"
    elif row["pick"]:
        text = " ".join(ours)
    return ours, text, lines[index].compared


def check_row(row, chapters):
    """The Result of one registry row; RegistryError names the chapter file and the problem."""
    check_columns(row)
    path, lines, titles, title = chapters.get(row["chapter"])
    where = path.relative_to(chapters.root)
    try:
        if row["evidence"] and row["evidence"] not in titles:
            raise RegistryError(f"no heading or dropdown titled {row['evidence']!r} "
                                "(leave out the section number)")
        ours, shown, compared = our_value(row, lines)
        result = compare(row["published"], ours, row["rule"])
    except RegistryError as error:
        raise RegistryError(f"{where}: {error}") from None
    if result == "differs" and not row["status"]:
        raise RegistryError(f"{where} prints {' '.join(ours)!r}, which differs from the published "
                            f"{row['published']!r} (rule {row['rule']}): fix the locator, or mark the "
                            "row corrected or not reproducible, with a note and an evidence section")
    if result != "differs" and row["status"]:
        raise RegistryError(f"{where} prints {' '.join(ours)!r}, which agrees with the published "
                            f"{row['published']!r} (rule {row['rule']}): the row is not {row['status']!r}")
    document = chapters.document(row["chapter"])
    return Result(row, title, document, list(chapters.toc.values()).index(document),
                  shown, compared, row["status"] or result, titles.get(row["evidence"], ""))


def check(root=ROOT):
    """All registry rows checked against the chapters' stored outputs: (results, problems)."""
    chapters, results, problems = Chapters(root), [], []
    for number, row in read_registry(root):
        try:
            results.append(check_row(row, chapters))
        except RegistryError as error:
            problems.append(f"{REGISTRY} line {number} (report {row['report']}, "
                            f"{row['quantity'] or '?'}): {error}")
    return results, problems


STATUS_WORDS = {"exact": "reproduced exactly", "within": "within tolerance",
                "corrected": "corrected", "not reproducible": "not reproducible"}


def cell(text):
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|")


def code(text):
    """Inline code for a table cell."""
    return f"`{cell(text)}`" if "`" not in text else cell(text)


def status_cell(result):
    """The status column: the status, its tolerance or reason, and where the evidence is."""
    row = result.row
    text = f"**{STATUS_WORDS[result.status]}**"
    if result.status == "within":
        text += f" ({describe_rule(row['rule'])})"
    if row["note"]:
        text += f": {row['note']}" if result.status in DECLARED else f"; {row['note']}"
    text = cell(text)
    if row["evidence"]:
        section = (f"{{ref}}`{row['evidence']} <{result.evidence_label}>`" if result.evidence_label
                   else f"“{cell(row['evidence'])}”")
        text += f" (see {section})"
    return text


def count_table(results, key, heading):
    """A table of counts per status for each value of key(result)."""
    order = list(STATUS_WORDS)
    groups = {}
    for result in results:
        groups.setdefault(key(result), []).append(result.status)
    lines = [f"| {heading} | " + " | ".join(STATUS_WORDS[s] for s in order) + " | all |",
             "|---|" + "---:|" * (len(order) + 1)]
    for name, statuses in groups.items():
        lines.append(f"| {name} | " + " | ".join(str(statuses.count(s)) for s in order)
                     + f" | {len(statuses)} |")
    lines.append("| **all** | " + " | ".join(f"**{sum(r.status == s for r in results)}**" for s in order)
                 + f" | **{len(results)}** |")
    return lines


def section_table(report, section, rows):
    """The heading and table of one section of a report."""
    chapters = list(dict.fromkeys(f"[{cell(r.title)}]({r.link})" for r in rows))
    lines = [f"### {section}", ""]
    if len(chapters) == 1:
        lines += [f"Checked in {chapters[0]}.", ""]
    heading = f"| quantity | report {report} prints | the book prints | status |"
    lines += [heading + (" chapter |" if len(chapters) > 1 else ""),
              "|---|---|---|---|" + ("---|" if len(chapters) > 1 else "")]
    for r in rows:
        mark = "" if r.compared else " †"
        line = f"| {cell(r.row['quantity'])} | {code(r.row['published'])} | {code(r.ours)}{mark} | {status_cell(r)} |"
        lines.append(line + (f" [{cell(r.title)}]({r.link}) |" if len(chapters) > 1 else ""))
    return lines + [""]


def render(results):
    """The Markdown page."""
    total = len(results)
    counts = {s: sum(r.status == s for r in results) for s in STATUS_WORDS}
    lines = [
        "# Published values",
        "",
        "Every value of the source reports that this book checks: the report and section it",
        "comes from, the value as the report prints it, the value the chapter prints, and its status.",
        f"Of the **{total}** values, **{counts['exact']}** are reproduced exactly (every printed digit),",
        f"**{counts['within']}** within a stated tolerance, **{counts['corrected']}** are corrected (the",
        f"report is wrong; the reason is given) and **{counts['not reproducible']}** are not reproducible",
        "(the reason is given).",
        "",
        f"This page is generated by `tools/published_values.py` from `{REGISTRY.as_posix()}` (one row per",
        "published value: the quote, and where the chapter prints its own value) and the chapters'",
        "stored outputs, which the tests re-execute and compare. The tests regenerate the page and",
        "fail when it is out of date.",
        "",
        "How to read it: quotes are exact, OCR damage included (line breaks shown as spaces). A value",
        "is *reproduced exactly* when every number of the quote equals the chapter's number rounded",
        "to the digits the report prints. A tolerance is stated where the last digits depend on the",
        "machine (the order of floating-point additions) or on a training run. Values marked † are",
        "printed by a cell whose output the tests do not compare digit for digit (training runs and",
        "outputs that depend on rounding); the page shows the stored output of the book's reference run.",
        "",
    ]
    in_toc_order = sorted(results, key=lambda r: r.toc_position)
    lines += count_table(in_toc_order, lambda r: f"[{cell(r.title)}]({r.link})", "chapter")
    lines.append("")
    for report, title in REPORTS.items():
        rows = [r for r in results if r.row["report"] == report]
        lines += [f"## Report {report}", "", f"{title}.", ""]
        if not rows:
            lines += ["No value of this report is in the registry.", ""]
        for section in dict.fromkeys(r.row["section"] for r in rows):
            lines += section_table(report, section, [r for r in rows if r.row["section"] == section])
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed page is stale")
    args = parser.parse_args()
    results, problems = check(ROOT)
    if problems:
        sys.exit(f"{len(problems)} problem(s) in the published values:\n" + "\n".join(problems))
    page = render(results)
    if args.check:
        if (ROOT / PAGE).read_text(encoding="utf-8") != page:
            sys.exit(f"{PAGE} is out of date: run {COMMAND}")
        print(f"{PAGE} is up to date ({len(results)} values)")
    else:
        (ROOT / PAGE).write_text(page, encoding="utf-8")
        print(f"wrote {PAGE} ({len(results)} values)")


if __name__ == "__main__":
    main()
