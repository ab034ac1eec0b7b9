"""Helpers of the browser tests: which chromium to drive, and what went wrong on a page."""

import os
import shutil

INSTALL_HINT = ("install Debian's chromium: `apt-get install -y chromium` as root "
                "(`sudo apt install chromium`), or point LABBOOK_CHROMIUM at a chromium binary")
# Keep chromium from calling Google's hosts (updates, sync, first-run pages).
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def chromium_path():
    """The chromium binary to drive: $LABBOOK_CHROMIUM, else `chromium` on the PATH, else None."""
    return os.environ.get("LABBOOK_CHROMIUM") or shutil.which("chromium")


class PageProblems:
    """Collects what went wrong while a page was open: console errors, page errors,
    failed or refused requests, and requests to any origin but the allowed one."""

    def __init__(self, context, page, origin):
        self.origin = origin.rstrip("/")
        self.problems = []
        context.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.add(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.add(f"uncaught exception: {e}"))
        page.on("requestfailed", lambda r: self.add(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.add(f"HTTP {r.status}: {r.url}"))

    def add(self, problem):
        self.problems.append(problem)

    def _route(self, route):
        """Let requests to the local server through; refuse (and record) all others."""
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.add(f"request outside {self.origin}: {url}")
            route.abort()
