"""Small fixes to the HTML that Jupyter Book 1 writes, loaded through ``_config.yml``
(``sphinx.local_extensions``). The browser tests (tests/site/test_browser.py, tests/site/test_a11y.py)
are what find the need for each of them.

- Drop repeated ``<script>`` tags. With Sphinx 7.4, sphinx-thebe's inline configuration
  (``const THEBE_JS_URL = ...``) reaches every page twice, and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared" in the browser console.
- No widget renderer on a page that shows no widget snapshot. myst-nb puts a notebook's saved
  widget state (kept for JupyterLab readers) and the html-manager script (1.9 MB) on its page
  whenever the notebook has that state, even when every widget output is removed on the site
  (the live versions run nnlib.js); parsing them cost the largest page a fifth of its load time.
- Drop the Font Awesome 4 stylesheet that matplotlib's JavaScript animations
  (``Animation.to_jshtml()``) link from a CDN: the site must not load anything from another
  host, and the book theme already serves Font Awesome, which knows the same icon names.
- Alternative text for every figure. A notebook cell that shows a figure holds the text in
  its metadata, ``mystnb: {image: {alt: "..."}}``: myst-nb puts it on the cell's image outputs
  itself; here it also goes onto the frames of a matplotlib animation and, through a small
  JSON script beside the output, onto the images of a widget snapshot (book_assets/site/
  widgets-a11y.js applies it once the snapshot is drawn). A figure without the text is a
  build warning, so an error under ``-W``.
- The animation's frame slider gets a visible label ("Frame") tied to it, and its frame a box
  of its own that can scroll sideways on a phone.
- Accessible names that match the visible text (axe's ``label-content-name-mismatch``): the
  show/hide summary of a hidden code cell is named by its visible words, not by a different
  ``aria-label``; the search field by its own text; the theme switch's icons lose the titles
  that Font Awesome turns into a visible-text name ("Light") that the button's label
  ("Color mode") does not contain.
- Bibliography entries are list items (``role="listitem"``) of their ``role="list"``.
- The book's stylesheet and the widget accessibility script (book_assets/site/) on every page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

REMOTE_FONT_AWESOME = re.compile(
    r"""<link\b[^>]*\bhref=["']https?://[^"']*font-awesome[^"']*\.css["'][^>]*>\s*""",
    re.IGNORECASE)
ANIMATION_IMAGE = re.compile(r'<img id="(_anim_img\w+)"([^>]*>)')
ANIMATION_SLIDER = re.compile(r'(<input id="(_anim_slider\w+)" type="range" class="anim-slider")')
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

# (what it fixes, pattern, replacement) applied to every written page. Each must match on
# some page: a theme update that changes the markup shows up as a warning, not as a silent
# return of the violation.
PAGE_FIXES = [
    ("hidden-cell summary named by its visible text",
     re.compile(r'<summary aria-label="Toggle hidden content">'), "<summary>"),
    ("search field named by its visible text",
     re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="Search"'),
     r'\1 aria-keyshortcuts="Control+K"'),
    ("theme switch icons without a visible-text title",
     re.compile(r'(<i class="theme-switch [^"]*" data-mode="\w+")\s+title="[^"]*"'),
     r'\1 aria-hidden="true"'),
    # sphinxcontrib-bibtex's entries use role doc-biblioentry, deprecated in ARIA 1.2, inside
    # a role="list": axe wants list items (aria-required-children, aria-deprecated-role).
    ("bibliography entries as list items",
     re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"'),
     r'\1 role="listitem"'),
]

SITE_CSS = "site/book.css"
SITE_JS = "site/widgets-a11y.js"


def _script_key(script: Any) -> tuple:
    # An inline script has filename None or "" depending on how it was added.
    return (script.filename or None, tuple(sorted(script.attributes.items())))


def drop_repeated_scripts(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    no_widget_view = WIDGET_VIEW not in context.get("body", "")
    renderer = set(app.config.nb_ipywidgets_js or {})
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        if no_widget_view and (script.attributes.get("type") == WIDGET_STATE
                               or (script.filename or "").removeprefix("_static/") in renderer):
            continue
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # the builder restores its own list after each page


def _replace_raw(node: nodes.raw, text: str) -> None:
    node.replace_self(nodes.raw(node.rawsource, text, **node.attributes))


def drop_remote_font_awesome(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        cleaned = REMOTE_FONT_AWESOME.sub("", text)
        if cleaned != text:
            _replace_raw(node, cleaned)


def cell_alt_text(cell: nodes.Element) -> str | None:
    """The alternative text a notebook cell's metadata gives its figures, or None."""
    options = (cell.get("cell_metadata") or {}).get("mystnb", {})
    alt = options.get("image", {}).get("alt") if isinstance(options, dict) else None
    return alt.strip() if isinstance(alt, str) and alt.strip() else None


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def figures_get_alt_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for cell in list(doctree.findall(_is_cell)):
        alt = cell_alt_text(cell)
        where = f"{docname}, code cell {cell.get('cell_index')}"
        missing = "add its alternative text as cell metadata mystnb: {image: {alt: ...}}"
        for image in cell.findall(nodes.image):
            if not image.get("alt"):
                logger.warning(f"{where} shows an image with no alternative text: {missing}",
                               location=cell)
        widget = False
        for raw in list(cell.findall(nodes.raw)):
            text = raw.astext()
            widget = widget or WIDGET_VIEW in text
            if "_anim_img" not in text:
                continue
            if alt is None:
                logger.warning(f"{where} shows an animation with no alternative text: {missing}",
                               location=cell)
                continue
            # The frame sits in a box of its own, which scrolls sideways on a phone while
            # the controls under it stay in the column (book_assets/site/book.css).
            text = ANIMATION_IMAGE.sub(
                lambda m: f'<div class="anim-frame-box"><img id="{m.group(1)}" '
                          f'alt="{html.escape(alt)}"{m.group(2)}</div>', text)
            text = ANIMATION_SLIDER.sub(
                lambda m: f'<label for="{m.group(2)}" class="anim-frame-label">Frame</label>\n'
                          f'    {m.group(1)}', text)
            _replace_raw(raw, text)
        if widget and alt is not None:
            # Read by widgets-a11y.js: the alt text for the images of this cell's snapshot.
            data = json.dumps({"alt": alt}).replace("</", "<\\/")
            cell += nodes.raw("", f'<script type="application/json" class="widget-alt">{data}'
                                  "</script>", format="html")


def fix_written_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    applied = {name: 0 for name, _, _ in PAGE_FIXES}
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text
        for name, pattern, replacement in PAGE_FIXES:
            fixed, count = pattern.subn(replacement, fixed)
            applied[name] += count
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    for name, count in applied.items():
        if count == 0:
            logger.warning(f"book_html: the page fix '{name}' matched no page; the theme's "
                           "markup changed, see _ext/book_html.py")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", drop_remote_font_awesome)
    app.connect("doctree-resolved", figures_get_alt_text)
    # After the other extensions (myst-nb adds each page's widget scripts in this event).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("build-finished", fix_written_pages)
    app.add_css_file(SITE_CSS)
    app.add_js_file(SITE_JS, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
