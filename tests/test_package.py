"""labutils declares exactly the third-party packages it imports."""
import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# import name -> distribution name, where they differ
DISTRIBUTION = {"sklearn": "scikit-learn", "IPython": "ipython"}


def imported_packages():
    """Top-level modules imported anywhere in labutils (lazy imports included), minus the standard library."""
    names = set()
    for path in (ROOT / "labutils").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return {DISTRIBUTION.get(name, name) for name in names
            if name not in sys.stdlib_module_names and name not in {"labutils", "__future__"}}


def test_dependencies_are_what_labutils_imports():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    assert declared == imported_packages()


def test_every_dependency_is_pinned_or_installed_with_the_pins():
    """requirements.txt is the one place for pins; a dependency not pinned there comes with a pinned package."""
    pinned = {line.split("==")[0].strip().lower() for line in (ROOT / "requirements.txt").read_text().splitlines()
              if "==" in line and not line.startswith("#")}
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    assert declared - pinned <= {"ipython"}  # ipython comes with the pinned jupyterlab and ipykernel
