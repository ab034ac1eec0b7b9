"""The book's diagrams: labutils/figures/NAME.svg, their alt texts, show(), and the chapters' cells."""

import importlib.util
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import jupytext
import pytest
from IPython.display import SVG

from labutils import diagrams

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "labutils" / "figures"
SVG_NS = "{http://www.w3.org/2000/svg}"
NAMES = sorted(diagrams.ALT)


def load_drawer():
    """tools/draw_diagrams.py as a module."""
    spec = importlib.util.spec_from_file_location("draw_diagrams", ROOT / "tools" / "draw_diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_diagram_has_a_file_an_alt_text_and_a_drawing():
    assert NAMES, "no diagrams"
    assert sorted(p.stem for p in FIGURES.glob("*.svg")) == NAMES
    assert sorted(load_drawer().DIAGRAMS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_file_is_what_the_script_draws(name):
    expected = load_drawer().draw(name)
    assert (FIGURES / f"{name}.svg").read_text(encoding="utf-8") == expected, (
        f"{name}.svg is not current: run python tools/draw_diagrams.py")


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_self_contained_titled_and_legible_on_a_dark_page(name):
    path = FIGURES / f"{name}.svg"
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size < 30_000
    root = ET.fromstring(text)
    assert root.tag == f"{SVG_NS}svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{SVG_NS}title").text.strip()
    assert root.find(f"{SVG_NS}desc").text == diagrams.ALT[name]
    # an opaque light card behind everything: dark lines stay visible on a dark page
    card = root.find(f"{SVG_NS}rect")
    assert float(card.get("width")) >= width - 2 and float(card.get("height")) >= height - 2
    assert card.get("fill").lower() == "#ffffff"
    # nothing from the network, only fonts every system has a fallback for
    assert not re.search(r"href|@import|url\(|<image|<script", text)
    families = {element.get("font-family") for element in root.iter() if element.get("font-family")}
    assert families and all(f.endswith(("serif", "sans-serif")) for f in families)


@pytest.mark.parametrize("name", NAMES)
def test_alt_text_reads_well_in_a_cell_header(name):
    alt = diagrams.ALT[name]
    # plain ASCII: Jupytext writes other characters as \u escapes in the .py cell header
    assert alt.isascii() and 100 < len(alt) < 400 and alt.endswith(".")


@pytest.mark.parametrize("name", NAMES)
def test_show_returns_the_svg_itself(name):
    shown = diagrams.show(name)
    assert isinstance(shown, SVG)
    # the file is the <svg> element as IPython re-serialises it, plus the file's final newline
    assert shown.data + "\n" == (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    assert shown._repr_svg_() == diagrams.show(name)._repr_svg_()  # nbval compares it as text


def test_show_names_the_diagrams_when_one_is_unknown():
    with pytest.raises(KeyError, match="lstm_cell"):
        diagrams.show("lstm")


def test_package_data_carries_the_figures():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["labutils"]
    for path in FIGURES.glob("*.svg"):
        assert any(path.relative_to(ROOT / "labutils").match(p) for p in patterns), path


def diagram_cells(path):
    """(diagram name, cell metadata) of each cell of a chapter that calls diagrams.show."""
    found = []
    for cell in jupytext.read(path).cells:
        match = re.search(r"diagrams\.show\(\s*[\"'](\w+)[\"']\s*\)", cell.source)
        if cell.cell_type == "code" and match:
            found.append((match.group(1), cell.metadata))
    return found


CHAPTERS = sorted((ROOT / "chapters").rglob("*.py")) + sorted((ROOT / "chapters").rglob("*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapters_show_diagrams_with_their_alt_text(chapter):
    for name, metadata in diagram_cells(chapter):
        assert name in diagrams.ALT, f"{chapter.name}: no diagram {name!r}"
        assert "remove-input" in metadata.get("tags", []), f"{chapter.name}: tag the {name} cell remove-input"
        alt = metadata.get("mystnb", {}).get("image", {}).get("alt")
        assert alt == diagrams.ALT[name], (
            f"{chapter.name}: the {name} cell needs the metadata "
            f"mystnb={{\"image\": {{\"alt\": diagrams.ALT[{name!r}]}}}} (MyST-NB's alt for the page)")
