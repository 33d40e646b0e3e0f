"""Every page of the built website, opened in headless Chromium with the network cut off.

The site is served from ``_build/html`` on 127.0.0.1 (a free port); every request to any other
host is blocked and recorded. For each page (one test per page, listed from ``_toc.yml``) the
test asserts that it loads with status 200, logs no console error and throws no exception,
sends no request off the machine, typesets every math element without a MathJax error, loads
every image, renders every widget snapshot, does not scroll sideways, and that every
matplotlib animation advances when its Play button is pressed. Every page is opened twice: in a
desktop window (1280 px) and in a phone-sized one (390 px), where, in addition, every figure
keeps its drawn size (a figure shrunk to the column has text a few pixels tall; a wide one
scrolls sideways in its own box instead). A full-page screenshot of each page in each window is
saved in ``_build/screenshots/`` for a person to look at.

Chromium is Debian's (``apt-get install chromium``; ``.ci/run`` installs it) driven by
Playwright for Python, which needs no browser download of its own.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import BUILD_DIR, site_pages

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = BUILD_DIR / "screenshots"
TIMEOUT_MS = 30_000
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
VIEWPORT = VIEWPORTS["desktop"]
# A figure on a phone may be shown a little smaller than drawn, not more (text stays legible).
MIN_FIGURE_SCALE = 0.95

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file():
        return
    reason = (f"BROWSER TEST SKIPPED: no Chromium at {CHROMIUM}. Install Debian's browser with "
              "`apt-get install chromium` (as root; .ci/run does this) to open every page.")
    if os.environ.get("CI"):
        pytest.fail(reason.replace("SKIPPED", "CANNOT RUN IN CI"))
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        # launch() gives every run a fresh, empty profile (user data dir) of its own.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _screenshot_path(page_path: str, window: str = "desktop") -> Path:
    suffix = "" if window == "desktop" else f".{window}"
    return SCREENSHOTS / (page_path.removesuffix(".html").replace("/", "__") + suffix + ".png")


# JavaScript run in the page. Each returns a list of human-readable problems (empty = fine).
MATH_PROBLEMS = r"""async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
        await MathJax.startup.promise;
    }
    const problems = [];
    const sources = Array.from(document.querySelectorAll('span.math, div.math'));
    if (sources.length && !window.MathJax) problems.push('page has math but MathJax did not load');
    sources.filter(el => !el.querySelector('mjx-container')).forEach(el =>
        problems.push('math not typeset: ' + el.textContent.trim().slice(0, 80)));
    document.querySelectorAll('mjx-merror').forEach(el =>
        problems.push('MathJax error: ' + (el.getAttribute('data-mjx-error') || el.textContent)));
    // TeX left as text: math that never became a math element (e.g. $$ in displayed Markdown).
    const skip = 'pre, code, script, style, textarea, mjx-container, .math, .highlight';
    const walker = document.createTreeWalker(document.querySelector('article') || document.body,
                                             NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        if (/\$\$|\\(?:frac|sum|partial|mathbf|left|right|begin)\b|\\\(/.test(text)
                && !node.parentElement.closest(skip)) {
            problems.push('raw TeX in the text: ' + text.trim().slice(0, 80));
        }
    }
    return problems;
}"""

IMAGE_PROBLEMS = """async () => {
    const images = Array.from(document.images);
    images.forEach(img => { img.loading = 'eager'; });
    await Promise.all(images.map(img => img.complete ? null : new Promise(resolve => {
        img.addEventListener('load', resolve); img.addEventListener('error', resolve);
    })));
    return images.filter(img => !(img.naturalWidth > 0))
                 .map(img => 'image not loaded: ' + (img.currentSrc || img.src || img.outerHTML)
                             .slice(0, 120));
}"""

WIDGETS_RENDERED = """() => Array.from(document.querySelectorAll('%s')).every(script => {
    const area = script.previousElementSibling;
    return area && area.classList.contains('widget-subarea')
        && area.querySelector('.jupyter-widgets, [class*="widget-"]') !== null;
})""" % WIDGET_VIEW

# Figures (notebook image outputs, widget images, animation frames) shown smaller than drawn.
FIGURE_SCALE_PROBLEMS = """(minScale) => Array.from(
        document.querySelectorAll('.bd-article .cell_output img'))
    .filter(img => img.naturalWidth > 0 && img.getClientRects().length > 0)
    .map(img => [img, img.getBoundingClientRect().width / img.naturalWidth])
    .filter(([img, scale]) => scale < minScale)
    .map(([img, scale]) => `figure shown at ${Math.round(100 * scale)} % of its drawn size `
         + `(${img.naturalWidth} px): its text is too small to read: `
         + (img.getAttribute('alt') || img.getAttribute('src') || '').slice(0, 60))"""

ANIMATION_STATE = """(animation) => [
    animation.querySelector('input.anim-slider').value,
    animation.querySelector('img').getAttribute('src')]"""


def _check_animations(page: object) -> list[str]:
    problems = []
    animations = page.locator("div.animation")
    for index in range(animations.count()):
        animation = animations.nth(index)
        before = animation.evaluate(ANIMATION_STATE)
        animation.locator('button[title="Play"]').click()
        try:
            page.wait_for_function(
                "([el, before]) => { const s = el.querySelector('input.anim-slider').value;"
                " const src = el.querySelector('img').getAttribute('src');"
                " return s !== before[0] || src !== before[1]; }",
                arg=[animation.element_handle(), before], timeout=5_000)
        except Exception:  # playwright's TimeoutError
            problems.append(f"animation {index} did not advance after pressing Play")
        animation.locator('button[title="Pause"]').click()
    return problems


@pytest.mark.parametrize("window", list(VIEWPORTS))
@pytest.mark.parametrize("page_path", site_pages())
def test_page_in_browser(browser: object, site_url: str, page_path: str, window: str) -> None:
    viewport = VIEWPORTS[window]
    origin = urlsplit(site_url).netloc
    left_machine: list[str] = []
    console_errors: list[str] = []
    failed_local: list[str] = []

    context = browser.new_context(viewport=viewport)

    def only_this_server(route: object) -> None:
        url = route.request.url
        if urlsplit(url).scheme in {"data", "blob"} or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            left_machine.append(url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on("console", lambda message: console_errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    page.on("response", lambda response: failed_local.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed_local.append(
        f"failed {request.url}: {request.failure}") if urlsplit(request.url).netloc == origin
        else None)
    try:
        response = page.goto(site_url + page_path, wait_until="load")
        assert response is not None and response.status == 200, (
            f"{page_path}: status {response.status if response else 'none'}")
        page.wait_for_load_state("networkidle")

        problems = page.evaluate(MATH_PROBLEMS)
        problems += page.evaluate(IMAGE_PROBLEMS)
        widget_views = page.locator(WIDGET_VIEW).count()
        if widget_views:
            try:
                page.wait_for_function(WIDGETS_RENDERED, timeout=TIMEOUT_MS)
            except Exception:  # playwright's TimeoutError
                problems.append(f"{widget_views} widget snapshot(s), not all rendered")
        problems += _check_animations(page)
        page.evaluate("document.fonts.ready.then(() => true)")

        # Clicking Play scrolled and focused; a full-page shot of a scrolled page with sticky
        # sidebars comes out garbled, so go back to the top first.
        page.evaluate("() => { document.activeElement && document.activeElement.blur();"
                      " window.scrollTo(0, 0); }")
        # A wide equation, table or figure must scroll inside its own box, not drag the whole
        # page sideways.
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        if page_width > viewport["width"]:
            problems.append(f"page is {page_width} px wide in a {viewport['width']} px window: "
                            "something overflows its column")
        if window == "phone":
            problems += page.evaluate(FIGURE_SCALE_PROBLEMS, MIN_FIGURE_SCALE)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=_screenshot_path(page_path, window), full_page=True)
    finally:
        context.close()

    problems += [f"request to another host (blocked): {url}" for url in left_machine]
    problems += [f"console error: {text}" for text in console_errors]
    problems += [f"local resource: {text}" for text in failed_local]
    assert not problems, (f"{page_path} ({window}, {viewport['width']} px): {len(problems)} "
                          "problem(s):\n" + "\n".join(problems))
