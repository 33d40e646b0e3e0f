"""The website builds with warnings as errors, holds exactly the pages of ``_toc.yml``, every
internal link and asset reference resolves, and no page loads anything from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from conftest import ROOT, BookBuild, site_pages, toc_docnames

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_SCRIPT = "_static/widgets/embed.js"


class _PageParser(HTMLParser):
    """Collects the references and the anchor targets of one HTML page."""

    # (tag, attribute) pairs that make the browser fetch something when the page loads.
    LOADED = {("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src"),
              ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
              ("object", "data")}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()
        self.widget_state = False
        self.widget_view = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("id", "name"):
            if attributes.get(name) and (name == "id" or tag == "a"):
                self.ids.add(attributes[name])
        if tag == "script" and attributes.get("type") == WIDGET_STATE:
            self.widget_state = True
        if tag == "script" and attributes.get("type") == WIDGET_VIEW:
            self.widget_view = True
        for attribute in ("href", "src", "data"):
            value = attributes.get(attribute)
            if value is not None:
                self.references.append((tag, attribute, value))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _built_pages(html_dir: Path) -> list[Path]:
    return sorted(path for path in html_dir.rglob("*.html")
                  if not path.relative_to(html_dir).parts[0].startswith("_"))


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def test_build_succeeds_without_warnings(book_build: BookBuild) -> None:
    assert book_build.returncode == 0 and not book_build.warnings, (
        f"`jupyter-book build . --all -W -n --keep-going` exited {book_build.returncode} "
        f"with {len(book_build.warnings)} warning(s):\n" + "\n".join(book_build.warnings))
    print(f"book built in {book_build.seconds:.1f} s")


def test_toc_files_exist() -> None:
    missing = [name for name in toc_docnames()
               if not any((ROOT / f"{name}{suffix}").exists() for suffix in (".md", ".ipynb"))]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_toc_parts_are_captioned_and_chapters_numbered() -> None:
    """Every part has a caption, the chapter parts are numbered, and the bibliography comes
    last (unnumbered back matter and appendices are allowed)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    assert toc["format"] == "jb-book"
    parts = toc["parts"]
    assert all(part.get("caption") for part in parts), "every part of _toc.yml needs a caption"
    assert any(part.get("numbered") for part in parts), "no part has `numbered: true`"
    assert toc_docnames()[-1] == "chapters/bibliography", "the bibliography should come last"


def test_built_pages_match_toc(built_site: Path) -> None:
    built = {str(path.relative_to(built_site)) for path in _built_pages(built_site)}
    expected = set(site_pages()) | {"index.html"}
    assert built == expected, (f"built but not in _toc.yml: {sorted(built - expected)}; "
                               f"in _toc.yml but not built: {sorted(expected - built)}")


def test_index_redirects_to_root_page(built_site: Path) -> None:
    index = (built_site / "index.html").read_text()
    target = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', index)
    assert target and target.group(1) == f"{toc_docnames()[0]}.html", index


def test_internal_references_resolve(built_site: Path) -> None:
    """Every href/src of every page that points inside the site names an existing file, and
    every #fragment names an id on the target page."""
    parsed = {page: _parse(page) for page in _built_pages(built_site)}
    broken = []
    for page, parser in parsed.items():
        for tag, attribute, url in parser.references:
            if _is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(built_site)}: <{tag} {attribute}={url!r}>"
            if not target.is_file() or built_site.resolve() not in target.resolve().parents:
                broken.append(f"{where}: no file {target}")
            elif parts.fragment and target.suffix == ".html":
                target_parser = parsed.get(target) or _parse(target)
                if unquote(parts.fragment) not in target_parser.ids:
                    broken.append(f"{where}: no id {parts.fragment!r} in {target.name}")
    assert not broken, f"{len(broken)} broken internal reference(s):\n" + "\n".join(broken)


def test_no_asset_from_another_host(built_site: Path) -> None:
    """The site works offline: nothing a page loads (script, stylesheet, image, frame) comes
    from another host. Links (<a href>) to other sites are fine: they load nothing."""
    remote = []
    for page in _built_pages(built_site):
        for tag, attribute, url in _parse(page).references:
            if (tag, attribute) in _PageParser.LOADED and _is_external(url):
                remote.append(f"{page.relative_to(built_site)}: <{tag} {attribute}={url!r}>")
    assert not remote, "pages load assets from other hosts:\n" + "\n".join(remote)


def test_widget_script_only_where_widgets_are(built_site: Path) -> None:
    """The vendored widget renderer and the saved widget state are on every page that shows a
    widget snapshot and on no other: not on a page whose notebook keeps widget state for
    JupyterLab while the site removes every widget output (its live widgets run nnlib.js), and
    not on every page (Jupyter Book 1 would add it there if it sat under _static/ in the
    source)."""
    assert not (ROOT / "_static").exists(), (
        "a _static/ folder in the book's source makes Jupyter Book add every .js/.css in it "
        "to every page; vendored assets belong in book_assets/")
    assert (built_site / WIDGET_SCRIPT).is_file()
    wrong = []
    for page in _built_pages(built_site):
        parser = _parse(page)
        loads = any(url.split("?")[0].endswith(WIDGET_SCRIPT.split("/", 1)[1])
                    for tag, _, url in parser.references if tag == "script")
        if not loads == parser.widget_state == parser.widget_view:
            wrong.append(f"{page.relative_to(built_site)}: widget snapshot {parser.widget_view}, "
                         f"widget state {parser.widget_state}, embed script {loads}")
    assert not wrong, "\n".join(wrong)


def test_mathjax_served_locally(built_site: Path) -> None:
    assert (built_site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    intro = _parse(built_site / f"{toc_docnames()[0]}.html")
    scripts = [url for tag, _, url in intro.references if tag == "script"]
    assert any(url.split("?")[0].endswith("_static/mathjax/tex-chtml.js") for url in scripts), scripts


def test_bibliography_lists_every_reference(built_site: Path) -> None:
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), re.M)
    page = (built_site / "chapters" / "bibliography.html").read_text()
    entries = re.findall(r'class="citation" id="[^"]+" role="listitem"', page)  # role: _ext/book_html.py
    assert len(keys) >= 12 and len(entries) == len(keys), (keys, len(entries))
