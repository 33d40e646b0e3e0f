"""Every page of the built website passes axe-core's WCAG 2.1 A and AA rules with no critical
or serious violation, in the light and the dark theme and in a phone-sized window.

axe-core is vendored in tests/site/vendor/axe-core/ (version and licence in its README) and put
into the page from disk, so the test needs no network; the site is served on 127.0.0.1 by the
same fixtures as tests/site/test_browser.py. axe runs after the widget snapshots are drawn and
after book_assets/site/widgets-a11y.js has named their controls.

Beyond axe, two things axe lets pass:
- every image in a page's text has alternative text that says something: a few words, not a
  file name (axe accepts ``alt="../_images/1a2b.png"``, which is what the build writes when a
  cell has no ``mystnb.image.alt``);
- every form control in a page's text has a label a reader can see: the element that names it
  (``aria-labelledby``, ``<label for>``, or a wrapping ``<label>``) is displayed and has text;
  or, for one of several controls under one visible label, a group (``role="group"`` with
  ``aria-labelledby``, or a ``<fieldset>`` and ``<legend>``) names them together and an
  ``aria-label`` each one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import site_pages
from test_browser import TIMEOUT_MS, VIEWPORT, WIDGET_VIEW, WIDGETS_RENDERED, browser, site_url  # noqa: F401

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"critical", "serious"}
PHONE = {"width": 390, "height": 844}

RUN_AXE = """async (tags) => {
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + '  ' + n.html.slice(0, 120))}));
}"""

# Switches the theme as the theme's own button does, with colour transitions off so that axe
# reads the final colours, not ones half-way.
SET_THEME = """(theme) => {
    if (!document.getElementById('a11y-no-transitions')) {
        const style = document.createElement('style');
        style.id = 'a11y-no-transitions';
        style.textContent = '*, *::before, *::after { transition: none !important; }';
        document.head.appendChild(style);
    }
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.mode = theme;
    return getComputedStyle(document.body).backgroundColor;
}"""

# Images in the page's text whose alt text is missing, fewer than four words (a path is one),
# or a file name.
IMAGE_ALT_PROBLEMS = r"""() => Array.from(document.querySelectorAll('.bd-article img'))
    .map(img => [img, (img.getAttribute('alt') || '').trim()])
    .filter(([img, alt]) => alt.split(/\s+/).length < 4 || /\.(png|jpe?g|svg|gif)$/i.test(alt))
    .map(([img, alt]) => 'image without alternative text that says what it shows: alt='
         + JSON.stringify(alt) + ' ' + (img.id || (img.getAttribute('src') || '').slice(0, 60)))"""

# Form controls in the page's text without a visible label.
LABEL_PROBLEMS = r"""() => {
    const visible = el => el && el.getClientRects().length > 0 && el.textContent.trim() !== ''
        && getComputedStyle(el).visibility !== 'hidden';
    const controls = document.querySelectorAll(
        '.bd-article :is(input:not([type=hidden]), select, textarea, [role=slider],'
        + ' [role=spinbutton], [role=combobox], [role=listbox], [role=textbox])');
    const problems = [];
    controls.forEach(control => {
        if (control.getClientRects().length === 0) return;  // not displayed: nothing to label
        const by = (control.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
            .map(id => document.getElementById(id));
        const labels = Array.from(control.labels || []);
        if (by.some(visible) || labels.some(visible)) return;
        // A radio button or checkbox whose text sits right after it in the same label box.
        if (control.type === 'radio' || control.type === 'checkbox') {
            const wrap = control.closest('label');
            if (visible(wrap)) return;
        }
        // One of several controls under a common visible label: a group named by it
        // (role="group" with aria-labelledby, or a fieldset with its legend), and the control
        // named on its own (aria-label, e.g. "units in hidden layer 2").
        const group = control.closest('[role=group], fieldset');
        if (group && control.getAttribute('aria-label')) {
            const legend = group.tagName === 'FIELDSET' ? group.querySelector('legend') : null;
            const names = (group.getAttribute('aria-labelledby') || '').split(/\s+/)
                .filter(Boolean).map(id => document.getElementById(id));
            if (visible(legend) || names.some(visible)) return;
        }
        problems.push('control without a visible label: ' + control.outerHTML.slice(0, 120));
    });
    return problems;
}"""


def _violations(page: object, where: str) -> tuple[list[str], list[str]]:
    """(failing, other) violations of one axe run, as readable lines."""
    failing, other = [], []
    for violation in page.evaluate(RUN_AXE, AXE_TAGS):
        lines = [f"{where}: {violation['impact']} {violation['id']} ({violation['help']}), "
                 f"{len(violation['nodes'])} element(s):"] + [
            f"    {node}" for node in violation["nodes"][:5]]
        (failing if violation["impact"] in FAILING_IMPACTS else other).extend(lines)
    return failing, other


def _open(browser: object, site_url: str, page_path: str, viewport: dict) -> tuple:
    """A page of the site in a fresh context, loaded, widgets drawn, axe in it."""
    context = browser.new_context(viewport=viewport)
    origin = site_url.rstrip("/")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith((origin, "data:", "blob:")) else route.abort())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(site_url + page_path, wait_until="networkidle")
    if page.locator(WIDGET_VIEW).count():
        page.wait_for_function(WIDGETS_RENDERED, timeout=TIMEOUT_MS)
    page.evaluate("() => window.MathJax && MathJax.startup"
                  " ? MathJax.startup.promise.then(() => true) : true")
    page.add_script_tag(path=str(AXE))
    return context, page


@pytest.mark.parametrize("page_path", site_pages())
def test_page_accessibility(browser: object, site_url: str, page_path: str) -> None:
    # A desktop window in the light theme, then the same page switched to the dark theme.
    context, page = _open(browser, site_url, page_path, VIEWPORT)
    try:
        failing, other = _violations(page, "light theme")
        problems = page.evaluate(IMAGE_ALT_PROBLEMS) + page.evaluate(LABEL_PROBLEMS)
        light_background = page.evaluate(SET_THEME, "light")
        dark_background = page.evaluate(SET_THEME, "dark")
        assert light_background != dark_background, (
            f"{page_path}: setting data-theme=dark did not change the page's background")
        dark_failing, dark_other = _violations(page, "dark theme")
    finally:
        context.close()
    # A phone: loaded at that width, as a phone would (the theme decides at load which boxes
    # scroll and can take focus).
    context, page = _open(browser, site_url, page_path, PHONE)
    try:
        phone_failing, phone_other = _violations(page, f"{PHONE['width']} px wide")
        problems += page.evaluate(LABEL_PROBLEMS)
    finally:
        context.close()

    if other + dark_other + phone_other:
        print(f"{page_path}: moderate or minor axe findings (not failures):\n"
              + "\n".join(other + dark_other + phone_other))
    failures = failing + dark_failing + phone_failing + sorted(set(problems))
    assert not failures, f"{page_path}: {len(failures)} line(s):\n" + "\n".join(failures)
