"""Browser tests: Playwright driving Debian's chromium (Playwright's own browser download is not used).

Where no chromium is installed the browser tests skip, saying how to install one; with
LABBOOK_REQUIRE_BROWSER=1 (set by CI) a missing browser is a failure.
"""

import os

import pytest

from browsing import CHROMIUM_ARGS, INSTALL_HINT, chromium_path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the system chromium (or skip/fail)."""
    path = chromium_path()
    if not path or not os.access(path, os.X_OK):
        message = f"no chromium browser found: {INSTALL_HINT}"
        if os.environ.get("LABBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"LABBOOK_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": path, "headless": True,
            "args": CHROMIUM_ARGS}
