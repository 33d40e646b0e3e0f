"""Screenshots of the built website for the README: `make screenshots`.

Serves ``_build/html`` on 127.0.0.1 and photographs the first screen of each page named on the
command line (default: the introduction). `page.html#ID` starts the picture at that element,
`page.html#widget` just above the first widget snapshot in Debian's headless Chromium, into ``docs/img/``.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import CHROMIUM, CHROMIUM_ARGS, _QuietHandler  # noqa: E402


def main(pages: list[str]) -> None:
    handler = functools.partial(_QuietHandler, directory=str(ROOT / "_build" / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for name in pages:
            path, _, anchor = name.partition("#")
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("() => window.MathJax && MathJax.startup"
                          " ? MathJax.startup.promise.then(() => true) : true")
            if anchor == "widget":
                page.wait_for_selector(".widget-subarea > *")
                page.evaluate("() => { document.querySelector('.widget-subarea')"
                              ".scrollIntoView(); window.scrollBy(0, -300); }")
            elif anchor:  # scrolled to, not navigated to: no :target highlight
                page.evaluate("(id) => document.getElementById(id).scrollIntoView()", anchor)
            page.wait_for_timeout(500)
            out = ROOT / "docs" / "img" / (Path(path).stem + ".png")
            page.screenshot(path=out)
            print(f"{name} -> {out.relative_to(ROOT)}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:] or ["chapters/intro.html"])
