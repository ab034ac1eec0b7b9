"""Check that every chapter listed in _toc.yml produced a page in the built website.

    python tools/check_book.py        # after: jupyter-book build . -W -n --keep-going
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


def toc_files(node):
    """Every `file:` entry of the table of contents, depth first."""
    if isinstance(node, dict):
        if "file" in node:
            yield node["file"]
        for key in ("root", "parts", "chapters", "sections"):
            value = node.get(key)
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                for item in value:
                    yield from toc_files(item)


def main():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = list(toc_files(toc))
    missing = [f for f in files if not (HTML / f"{f}.html").is_file()]
    for f in files:
        print(f"{'ok     ' if f not in missing else 'MISSING'} {f}.html")
    if missing:
        sys.exit(f"{len(missing)} page(s) of _toc.yml were not built: {', '.join(missing)}")
    print(f"all {len(files)} pages of _toc.yml were built")


if __name__ == "__main__":
    main()
