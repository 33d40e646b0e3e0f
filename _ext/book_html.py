"""Small fixes to the HTML that Jupyter Book 1 writes, loaded through ``_config.yml``
(``sphinx.local_extensions``). The browser test (tests/test_browser.py) is what finds the
need for each of them.

- Drop repeated ``<script>`` tags. With Sphinx 7.4, sphinx-thebe's inline configuration
  (``const THEBE_JS_URL = ...``) reaches every page twice, and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared" in the browser console.
- Drop the Font Awesome 4 stylesheet that matplotlib's JavaScript animations
  (``Animation.to_jshtml()``) link from a CDN: the site must not load anything from another
  host, and the book theme already serves Font Awesome, which knows the same icon names.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

REMOTE_FONT_AWESOME = re.compile(
    r"""<link\b[^>]*\bhref=["']https?://[^"']*font-awesome[^"']*\.css["'][^>]*>\s*""",
    re.IGNORECASE)


def _script_key(script: Any) -> tuple:
    # An inline script has filename None or "" depending on how it was added.
    return (script.filename or None, tuple(sorted(script.attributes.items())))


def drop_repeated_scripts(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # the builder restores its own list after each page


def drop_remote_font_awesome(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        cleaned = REMOTE_FONT_AWESOME.sub("", text)
        if cleaned != text:
            node.replace_self(nodes.raw(node.rawsource, cleaned, **node.attributes))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", drop_remote_font_awesome)
    # After the other extensions (myst-nb adds each page's widget scripts in this event).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
