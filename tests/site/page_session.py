"""One page of the built website in a browser context of its own, for the browser tests.

``PageSession`` opens a page of the site served by ``test_browser.site_url`` in a new context of
``test_browser.browser`` (headless Chromium), blocks and records every request to another host,
keeps every console error and uncaught exception, and waits for a selector that says the page's
live parts are ready. ``close()`` closes the context and fails the test if a request tried to
leave the machine or the page logged an error. Used by test_live_widgets.py and
test_page_playground.py (``from page_session import PageSession``: pytest puts tests/site on
the import path).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from test_browser import TIMEOUT_MS, VIEWPORT


class PageSession:
    """One browser context on one page, requests to other hosts blocked and recorded, console
    errors kept.

    Parameters
    ----------
    browser, site_url : the ``browser`` and ``site_url`` fixtures of test_browser
    path : the page and its query, relative to the site root (``chapters/xor.html?lr=1``)
    ready : a CSS selector to wait for after the ``load`` event
    context_options : passed to ``browser.new_context`` (``viewport`` defaults to the desktop
        window of test_browser; e.g. ``reduced_motion="reduce"``)
    """

    def __init__(self, browser, site_url: str, path: str, ready: str, **context_options):
        self.origin = urlsplit(site_url).netloc
        self.left_machine: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(**{"viewport": VIEWPORT, **context_options})
        self.context.route("**/*", self._only_this_server)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        response = self.page.goto(site_url + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: no page"
        self.page.wait_for_selector(ready)

    def _only_this_server(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"data", "blob"} or parts.netloc == self.origin:
            route.continue_()
        else:
            self.left_machine.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()
        assert not self.left_machine, f"requests to other hosts (blocked): {self.left_machine}"
        assert not self.errors, f"console errors: {self.errors}"
