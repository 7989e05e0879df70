"""What a reader's first visit to each page of a built site transfers, computed from the built files.

A page's weight is its HTML and everything the browser fetches for it without a click, each gzipped as
GitHub Pages serves text (fonts and images are already compressed and counted as they are): the
stylesheets, scripts, icons and images the HTML names, the fonts and images the stylesheets name, and
Material's search (its worker and the whole index, which the worker fetches as the page loads) where the
page has Material's search form. The chunked search (Pagefind) fetches nothing until the reader searches
and adds nothing here. Used by the page-budget tests and `benchmarks.weights`.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

PAGE_BUDGET = 500_000  # bytes, gzipped, first visit, all resources
BLOCKING_SCRIPT_BUDGET = 100_000  # bytes, gzipped, per render-blocking script
# Material's own bundle is the one render-blocking script allowed above the budget.
MATERIAL_BUNDLE = re.compile(r"(^|/)assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
_ALREADY_COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".gz", ".br")

_TAG = re.compile(r"<(script|link|img)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""\b([\w-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")
_MATERIAL_SEARCH_FORM = re.compile(r'<form\b[^>]*\bname="search"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
# What a <link> fetches as the page loads; alternate, canonical and the like are not fetched.
_FETCHED_LINKS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "apple-touch-icon", "manifest"}


@dataclass
class PageWeight:
    page: str  # the page's path in the site
    transfer: int = 0  # bytes on a first visit
    resources: list[str] = field(default_factory=list)  # site paths fetched, the page first
    blocking: dict[str, int] = field(default_factory=dict)  # render-blocking script → gzipped bytes


class Site:
    """A built site's files, each weighed once."""

    def __init__(self, root: Path):
        self.root = root
        self._sizes: dict[str, int] = {}

    def size(self, path: str) -> int:
        """Bytes transferred for one file of the site (gzipped unless already compressed); 0 if absent."""
        if path not in self._sizes:
            file = self.root / path
            if not file.is_file():
                self._sizes[path] = 0
            elif path.endswith(_ALREADY_COMPRESSED):
                self._sizes[path] = file.stat().st_size
            else:
                self._sizes[path] = len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))
        return self._sizes[path]

    def pages(self) -> list[str]:
        return sorted(path.relative_to(self.root).as_posix() for path in self.root.rglob("*.html"))

    def weigh(self, page: str) -> PageWeight:
        html = (self.root / page).read_text(encoding="utf-8")
        here = posixpath.dirname(page)
        fetched: list[str] = [page]
        weight = PageWeight(page)
        for tag, attributes in _TAG.findall(html):
            values = {name.lower(): (value or "").strip("\"'") for name, value in _ATTRIBUTE.findall(attributes)}
            tag = tag.lower()
            if tag == "script" and "src" in values:
                target = _resolve(here, values["src"])
                if target is None:
                    continue
                fetched.append(target)
                blocking = "async" not in values and "defer" not in values and values.get("type", "").lower() != "module"
                if blocking and not MATERIAL_BUNDLE.search(target):
                    weight.blocking[target] = self.size(target)
            elif tag == "link" and set(values.get("rel", "").lower().split()) & _FETCHED_LINKS:
                target = _resolve(here, values.get("href", ""))
                if target is not None:
                    fetched.append(target)
                    if target.endswith(".css"):
                        fetched.extend(self._css_fetches(target))
            elif tag == "img":
                target = _resolve(here, values.get("src", ""))
                if target is not None and values.get("loading", "").lower() != "lazy":
                    fetched.append(target)
        fetched.extend(self._search_fetches(html, here))
        weight.resources = list(dict.fromkeys(fetched))
        weight.transfer = sum(self.size(path) for path in weight.resources)
        return weight

    def _css_fetches(self, stylesheet: str) -> list[str]:
        """Fonts, images and imported stylesheets a stylesheet names (every font counted: an upper bound)."""
        css = (self.root / stylesheet).read_text(encoding="utf-8", errors="replace")
        here = posixpath.dirname(stylesheet)
        found = [_resolve(here, url) for _, url in _CSS_URL.findall(css)] + [_resolve(here, url) for url in _CSS_IMPORT.findall(css)]
        return [path for path in found if path is not None]

    def _search_fetches(self, html: str, here: str) -> list[str]:
        """Material's search worker and its whole index, fetched as the page loads when the page has
        Material's search form (the offline copy; the web build's box answers from Pagefind on demand)."""
        config = _CONFIG.search(html)
        if not config or not _MATERIAL_SEARCH_FORM.search(html):
            return []
        settings = json.loads(config.group(1))
        worker = settings.get("search")
        if not worker:
            return []
        base = settings.get("base", ".")
        index = _resolve(here, posixpath.join(base, "search", "search_index.json"))
        return [path for path in (_resolve(here, worker), index) if path is not None]


def _resolve(here: str, url: str) -> str | None:
    """A URL on the page as a path in the site; None for another host, a data: URL or nothing."""
    url = re.split(r"[?#]", url.strip(), maxsplit=1)[0]
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
        return None
    path = posixpath.normpath(posixpath.join(here, url) if not url.startswith("/") else url.lstrip("/"))
    if path.endswith("/") or not posixpath.splitext(path)[1]:
        path = posixpath.join(path, "index.html")
    return path


def budget_problems(site_dir: Path) -> list[str]:
    """Every page over the page budget, and every render-blocking script over its own, one line each."""
    site = Site(site_dir)
    problems = []
    for page in site.pages():
        weight = site.weigh(page)
        if weight.transfer > PAGE_BUDGET:
            problems.append(f"{page}: {weight.transfer / 1000:.0f} KB on a first visit (budget {PAGE_BUDGET / 1000:.0f} KB)")
        for script, size in weight.blocking.items():
            if size > BLOCKING_SCRIPT_BUDGET:
                problems.append(f"{page}: render-blocking script {script}, {size / 1000:.0f} KB (budget {BLOCKING_SCRIPT_BUDGET / 1000:.0f} KB)")
    return problems
