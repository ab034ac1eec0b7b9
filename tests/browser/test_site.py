"""The website in a real browser: every page of the built book, served on 127.0.0.1.

The site is built (incrementally, strictly: the README's build flags) into _build/html and
served by a real HTTP server thread; chromium opens every page of _toc.yml, the search page
and the index, and checks that each works with no network: no console error, no failed
request, no request leaving the local server, every image loaded, every formula rendered by
MathJax, no traceback the chapter does not expect, the navigation and "next" links in book
order, the download menu. Screenshots go to _build/screenshots/ (desktop and phone width).
"""

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from browsing import PageProblems

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
STUDENT_EDITION = "course/release/{name}/{name}.ipynb"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DEVICES = {"desktop": DESKTOP, "phone": PHONE, "dark": {**DESKTOP, "color_scheme": "dark"}}


def toc_pages():
    """[(page, numbered)] of _toc.yml in book order: the root, then each part's chapters."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [(toc["root"], False)]

    def walk(entries, numbered):
        for entry in entries:
            pages.append((entry["file"], numbered))
            walk(entry.get("sections", []), numbered)

    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        walk(part.get("chapters", []), bool(part.get("numbered")))
    return pages


PAGES = [page for page, _ in toc_pages()]
NUMBERED = [page for page, numbered in toc_pages() if numbered]

# JavaScript run in the page --------------------------------------------------------------
WAIT_FOR_MATHJAX = """async () => {
    if (!document.querySelector('.math')) return 'no math';
    while (!(window.MathJax && MathJax.startup && MathJax.startup.promise))
        await new Promise(r => setTimeout(r, 50));
    await MathJax.startup.promise;
    return 'typeset';
}"""
BROKEN_IMAGES = """() => Array.from(document.images)
    .filter(img => !(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0))
    .map(img => img.getAttribute('src'))"""
UNRENDERED_MATH = """() => Array.from(document.querySelectorAll('.math'))
    .filter(el => !el.querySelector('mjx-container') || el.querySelector('mjx-merror'))
    .map(el => el.textContent.slice(0, 80))"""
# Text of the prose: every text node outside code, outputs, rendered math and scripts.
PROSE_TEXT = """() => {
    const skip = 'pre, code, script, style, mjx-container, .cell_output, .highlight';
    const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                             NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode())
        if (!walker.currentNode.parentElement.closest(skip)) parts.push(walker.currentNode.data);
    return parts.join(' ');
}"""
# Cells whose output shows a Python traceback, and whether the cell is tagged to raise.
TRACEBACK_CELLS = """() => Array.from(document.querySelectorAll('div.cell')).map(cell => {
    const out = cell.querySelector('.cell_output');
    const text = out ? out.innerText : '';
    const error = !!(out && out.querySelector('.traceback'))
        || /Traceback \\(most recent call last\\)/.test(text);
    return {error, expected: cell.classList.contains('tag_raises-exception'),
            code: (cell.querySelector('.cell_input') || cell).innerText.slice(0, 80)};
}).filter(c => c.error && !c.expected).map(c => c.code)"""
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\[A-Za-z]{2,}")


# The site, built and served ----------------------------------------------------------------
@pytest.fixture(scope="session")
def site():
    """Build the book afresh (`--all -W -n --keep-going`: an incremental build keeps stale navigation), serve _build/html; yield its base URL."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run([str(jupyter_book), "build", str(ROOT), "--all", "-W", "-n", "--keep-going"],
                           capture_output=True, text=True)
    assert build.returncode == 0, f"the book does not build strictly:\n{build.stdout[-6000:]}{build.stderr[-3000:]}"
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".ipynb": "application/x-ipynb+json"}

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(HTML)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def open_page(browser, site, path, **context_args):
    """Open `path` of the site in a fresh context; return (context, page, problems)."""
    context = browser.new_context(**(context_args or DESKTOP))
    page = context.new_page()
    problems = PageProblems(context, page, site)
    page.goto(f"{site}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(WAIT_FOR_MATHJAX)
    return context, page, problems


def page_url(site, page):
    return f"{site}/{page}.html"


# The checks, each returning a list of problems -----------------------------------------------
def offline_problems(page):
    """Images loaded, formulas rendered, no raw TeX in the prose, no unexpected traceback."""
    problems = [f"image not loaded: {src}" for src in page.evaluate(BROKEN_IMAGES)]
    problems += [f"formula not rendered: {tex}" for tex in page.evaluate(UNRENDERED_MATH)]
    raw = sorted(set(RAW_TEX.findall(page.evaluate(PROSE_TEXT))))
    problems += [f"raw TeX left in the prose: {raw}"] if raw else []
    problems += [f"traceback in a cell not tagged raises-exception: {code!r}"
                 for code in page.evaluate(TRACEBACK_CELLS)]
    return problems


def navigation_problems(page, site, path):
    """The left navigation lists every page of _toc.yml in order; "previous"/"next" follow it."""
    expected = [page_url(site, p) for p in PAGES]
    links = page.eval_on_selector_all("nav.bd-docs-nav a.reference", "as => as.map(a => a.href)")
    links += [page.eval_on_selector("a.navbar-brand", "a => a.href")]  # the root page
    listed = {link.split("#")[0] for link in links}
    problems = [f"the navigation does not list {p}" for p in PAGES if page_url(site, p) not in listed]
    in_order = [link.split("#")[0] for link in links[:-1] if link.split("#")[0] in expected[1:]]
    if not problems and in_order != expected[1:]:
        problems.append(f"the navigation is not in the order of _toc.yml: {in_order}")
    if path in PAGES:
        i = PAGES.index(path)
        for selector, j, name in [("a.right-next", i + 1, "next"), ("a.left-prev", i - 1, "previous")]:
            link = page.query_selector(selector)
            want = expected[j] if 0 <= j < len(PAGES) else None
            got = link.evaluate("a => a.href") if link else None
            if got != want:
                problems.append(f'"{name}" goes to {got}, not {want}')
    return problems


def numbering_problems(page, path):
    """Chapter k of the numbered parts is titled "k. ...", its sections "k.1. ...", numbered once;
    the numbered parts are "Part I: ...", ..."""
    if path not in NUMBERED:
        return []
    number, problems = NUMBERED.index(path) + 1, []
    if page.inner_text("h1 .section-number").strip() != f"{number}.":
        problems.append(f"the chapter is not numbered {number}")
    headings = page.eval_on_selector_all("h2, h3, h4", "hs => hs.map(h => h.innerText)")
    if not any(h.startswith(f"{number}.") for h in headings):
        problems.append("no numbered sections")
    problems += [f"section numbered twice: {h!r}" for h in headings if re.match(r"^[\d.]+\s+\d+\.\s", h)]
    captions = page.eval_on_selector_all("nav.bd-docs-nav p.caption", "ps => ps.map(p => p.innerText)")
    if not captions[0].startswith("Part I: "):
        problems.append(f"the parts are not numbered: {captions}")
    return problems


def download_problems(page, path):
    """The download menu gives the chapter's .ipynb (the stored notebook, byte for byte), and
    its student edition exactly when course/release/NAME/NAME.ipynb exists."""
    if not path.startswith("chapters/"):
        return []
    name, problems = Path(path).name, []
    edition = ROOT / STUDENT_EDITION.format(name=name)
    files = {"a.btn-download-source-button": ROOT / f"{path}.ipynb",
             "a.btn-download-student-edition-button": edition if edition.is_file() else None}
    for selector, file in files.items():
        link = page.query_selector(selector)
        if file is None:
            problems += [f"a student edition is offered but {edition.relative_to(ROOT)} does not exist"] if link else []
        elif link is None:
            problems.append(f"the download menu does not offer {file.relative_to(ROOT)}")
        else:
            response = page.context.request.get(link.evaluate("a => a.href"))
            if not response.ok or response.body() != file.read_bytes():
                problems.append(f"the download {link.evaluate('a => a.href')} is not "
                                f"{file.relative_to(ROOT)} (HTTP {response.status}; rebuild the site?)")
    page.click("button.dropdown-toggle[aria-label='Download this page']")
    if not page.is_visible("a.btn-download-source-button"):
        problems.append("the download menu does not open")
    return problems


@pytest.mark.parametrize("path", PAGES + ["search", "genindex"])
def test_page(browser, site, path):
    """Every page works offline (nothing fails, nothing leaves the site, images load, formulas
    render, no unexpected traceback), lists the book in order, and offers its downloads."""
    context, page, watch = open_page(browser, site, f"{path}.html")
    try:
        problems = (offline_problems(page) + navigation_problems(page, site, path)
                    + numbering_problems(page, path) + download_problems(page, path))
        problems += watch.problems
        assert page.title() and problems == [], f"{path}:\n  " + "\n  ".join(problems)
    finally:
        context.close()


def test_search_finds_chapters_by_a_word_of_their_body(browser, site):
    """Searching "persistence" lists every chapter whose text uses it, titles or not."""
    word = "persistence"
    expected = sorted(p for p in PAGES if p.startswith("chapters/")
                      and word in (ROOT / f"{p}.ipynb").read_text().lower())
    titles = {p: (HTML / f"{p}.html").read_text().split("<title>")[1].split("</title>")[0] for p in expected}
    assert any(word not in t.lower() for t in titles.values()), "pick a word that some title lacks"
    context, page, problems = open_page(browser, site, f"search.html?q={word}")
    try:
        page.wait_for_selector("#search-results .search-summary", timeout=20_000)
        found = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
        found = sorted({u.split("#")[0].split("?")[0].removeprefix(site + "/").removesuffix(".html")
                        for u in found})
        assert set(expected) <= set(found), f"search for {word!r} missed {set(expected) - set(found)}"
        assert problems.problems == []
    finally:
        context.close()


def test_built_html_loads_nothing_from_outside(site):
    """No script, stylesheet, image, font or frame of any built page, and no URL inside a
    script, points at another host (links in the prose may)."""
    loads = re.compile(r"<(?:script|img|iframe|source|embed)[^>]*\ssrc=\"((?:https?:)?//[^\"]+)\""
                       r"|<link[^>]*\shref=\"((?:https?:)?//[^\"]+)\""
                       r"|<script[^>]*>[^<]*?(https?://[^\"' ]+)")
    found = {f"{path.relative_to(HTML)}: {''.join(urls)}"
             for path in HTML.rglob("*.html") for urls in loads.findall(path.read_text())}
    assert found == set()


def test_page_checks_catch_what_they_look_for(browser, site):
    """The checks above fail on a page that has the faults they look for (so they can fail)."""
    context, page, _ = open_page(browser, site, "genindex.html")
    try:
        page.set_content("""<main><p>Raw \\(x\\) and $$y$$ and \\langle t \\rangle</p>
            <div class="cell"><div class="cell_input">1/0</div><div class="cell_output">
              <div class="output stream">Traceback (most recent call last):\n ZeroDivisionError</div></div></div>
            <div class="cell tag_raises-exception"><div class="cell_input">raise KeyError</div>
              <div class="cell_output"><div class="output traceback">KeyError</div></div></div>
            <span class="math">\\(x\\)</span><img src="missing.png"></main>""")
        assert sorted(set(RAW_TEX.findall(page.evaluate(PROSE_TEXT)))) == ["$$", "\\(", "\\)", "\\langle", "\\rangle"]
        assert page.evaluate(TRACEBACK_CELLS) == ["1/0"]
        assert page.evaluate(UNRENDERED_MATH) == ["\\(x\\)"]
        assert page.evaluate(BROKEN_IMAGES) == ["missing.png"]
    finally:
        context.close()


# the intro, the first chapter, the first chapter with a figure, the last chapter, the status page
FIGURES = [p for p in NUMBERED if '"image/png"' in (ROOT / f"{p}.ipynb").read_text()]
SHOTS = list(dict.fromkeys([PAGES[0], NUMBERED[0], FIGURES[0], NUMBERED[-1], "status"]))


@pytest.mark.parametrize("path", SHOTS)
@pytest.mark.parametrize("device", list(DEVICES))
def test_screenshots(browser, site, path, device):
    """Screenshots for a person to look at (desktop, phone, dark theme); no sideways scrolling."""
    context, page, problems = open_page(browser, site, f"{path}.html", **DEVICES[device])
    try:
        target = page.query_selector(".cell_output img") or page.query_selector("div.math")
        if target and path != PAGES[0]:
            target.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -100)")
            page.wait_for_timeout(500)  # let the page settle after the scroll
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{Path(path).name}-{device}.png")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {device} width"
        assert problems.problems == []
    finally:
        context.close()
