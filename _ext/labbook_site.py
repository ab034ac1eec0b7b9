"""Sphinx extension of the lab book's website: self-contained, with student editions.

* Serves MathJax from the built site: copies the MathJax 3 ``es5`` build of the pinned
  PyPI package ``django-static-mathjax`` (import name ``mathjax``) into ``_static/mathjax``;
  ``mathjax_path`` in ``_config.yml`` points at it.
* Adds a "student edition" entry to a chapter's download menu when the course's release
  folder holds one (``course/release/NAME/NAME.ipynb``, nbgrader's layout).
* Numbers the parts of the book ("Part I: ...") whose toc entry is ``numbered``, and drops a
  hand-typed number from a section title of a numbered chapter ("4.1. 1. The data" becomes
  "4.1. The data"): Sphinx numbers them, the hand-typed numbers serve readers in JupyterLab.
* Reports the built site's size and page count, and warns (an error under ``-W``) about
  any image over ``IMAGE_BUDGET`` bytes.
"""

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

MATHJAX_DIR = "mathjax"  # under _static; mathjax_path must start with it
# The combined component the book loads, and what it loads on demand: fonts, TeX extensions
# (autoload), MathML entities, and the menu's accessibility tools (explorer, speech rules).
MATHJAX_PARTS = ["tex-mml-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions",
                 "input/mml", "ui", "a11y", "sre"]
STUDENT_EDITION = "course/release/{name}/{name}.ipynb"  # relative to the book's root
STUDENT_DOWNLOADS = "_downloads/student"  # in the built site
HAND_NUMBER = re.compile(r"^\d+(\.\d+)*\.\s+")  # "1. " or "2.3. " at the start of a title
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
IMAGE_BUDGET = 400_000  # bytes; the book's figures are compact PNGs of about 100 kB


def mathjax_source():
    """The ``es5`` folder of the installed MathJax package, or a clear error."""
    try:
        import mathjax
    except ImportError as error:
        raise RuntimeError("MathJax is missing: install the pins, "
                           "`.venv/bin/pip install -r requirements.txt` (django-static-mathjax)") from error
    es5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (es5 / MATHJAX_PARTS[0]).is_file():
        raise RuntimeError(f"no MathJax es5 build in {es5}")
    return es5


def check_mathjax_path(app, config):
    """Refuse a ``mathjax_path`` that does not point into the local copy."""
    if not str(config.mathjax_path).startswith(MATHJAX_DIR + "/"):
        raise RuntimeError(f"mathjax_path is {config.mathjax_path!r}: set it to "
                           f"'{MATHJAX_DIR}/{MATHJAX_PARTS[0]}' in _config.yml (served from the site)")


def numbered_docs(site_map):
    """The documents that a ``numbered`` entry of the table of contents numbers."""
    found = set()

    def walk(docname, numbered):
        for tree in site_map[docname].subtrees:
            for child in tree.files():
                if numbered or tree.numbered:
                    found.add(child)
                walk(child, numbered or bool(tree.numbered))

    walk(site_map.root.docname, False)
    return found


def number_parts_and_sections(app, doctree):
    """Prefix numbered parts with "Part I: ", ...; drop hand-typed numbers of numbered sections."""
    docname = app.env.docname
    site_map = app.env.external_site_map
    if docname == site_map.root.docname:
        parts = [tree for tree in doctree.findall(addnodes.toctree) if tree.get("caption")]
        for number, tree in enumerate((t for t in parts if t.get("numbered")), start=1):
            tree["caption"] = f"Part {ROMAN[number - 1]}: {tree['caption']}"
    if docname in numbered_docs(site_map):
        for title in doctree.findall(nodes.title):
            if isinstance(title.parent, nodes.section) and isinstance(title[0], nodes.Text):
                title[0] = nodes.Text(HAND_NUMBER.sub("", str(title[0]), count=1))


def student_edition(app, pagename):
    """The student edition of chapter ``pagename`` if it exists, else None."""
    if not pagename.startswith("chapters/"):
        return None
    name = pagename.rsplit("/", 1)[1]  # chapters/PART/NAME
    path = Path(app.srcdir) / STUDENT_EDITION.format(name=name)
    return path if path.is_file() else None


def student_edition_state(app):
    """{chapter page: modification time} of every existing student edition."""
    state = {}
    for docname in app.env.found_docs:
        path = student_edition(app, docname)
        if path:
            state[docname] = path.stat().st_mtime_ns
    return state


def rebuild_changed_editions(app, env, added, changed, removed):
    """Rewrite the pages whose student edition appeared, disappeared or changed."""
    old = getattr(env, "labbook_student_editions", {})
    new = student_edition_state(app)
    env.labbook_student_editions = new
    return [doc for doc in set(old) | set(new) if old.get(doc) != new.get(doc)]


def add_student_edition_button(app, pagename, templatename, context, doctree):
    """Add the student edition to the page's download menu (after the theme made the menu)."""
    path = student_edition(app, pagename)
    if path is None:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1, {
                "type": "link",
                "url": context["pathto"](f"{STUDENT_DOWNLOADS}/{path.name}", 1),
                "text": "student edition",
                "tooltip": "Download the student edition (.ipynb, exercises without solutions)",
                "icon": "fas fa-graduation-cap",
                "label": "download-student-edition-button",
            })
            return
    raise RuntimeError(f"{pagename}: the theme's download menu is missing")


def copy_files(app, exception):
    """Copy MathJax and the student editions into the built site; report its size."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    es5, target = mathjax_source(), out / "_static" / MATHJAX_DIR
    for part in MATHJAX_PARTS:
        source = es5 / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    shutil.copy2(es5.parent / "LICENSE", target / "LICENSE")
    students = out / STUDENT_DOWNLOADS
    shutil.rmtree(students, ignore_errors=True)
    for docname in app.env.found_docs:
        path = student_edition(app, docname)
        if path:
            students.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, students / path.name)
    report_size(out)


def report_size(out):
    """Log the site's size and page count; warn about images over the budget."""
    files = [p for p in out.rglob("*") if p.is_file() and ".doctrees" not in p.parts]
    pages = [p for p in files if p.suffix == ".html" and "_static" not in p.relative_to(out).parts]
    images = [p for p in files if p.parent.name == "_images"]
    total = sum(p.stat().st_size for p in files)
    LOGGER.info(f"built site: {total / 2**20:.1f} MiB in {len(files)} files, {len(pages)} pages, "
                f"{len(images)} figures ({sum(p.stat().st_size for p in images) / 2**20:.1f} MiB)")
    for image in images:
        if image.stat().st_size > IMAGE_BUDGET:
            LOGGER.warning(f"figure {image.name} is {image.stat().st_size / 1000:.0f} kB, over the "
                           f"{IMAGE_BUDGET / 1000:.0f} kB budget: save it as a smaller PNG")


def setup(app):
    app.connect("config-inited", check_mathjax_path)
    app.connect("doctree-read", number_parts_and_sections, priority=100)  # before the toc collector
    app.connect("env-get-outdated", rebuild_changed_editions)
    app.connect("html-page-context", add_student_edition_button, priority=900)
    app.connect("build-finished", copy_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
