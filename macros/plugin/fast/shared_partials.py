"""The theme's tabs and navigation sidebar, rendered once for all the pages of a folder that are outside the
navigation (record pages), not once per page.

Material renders both partials for every page: a third of a record page's theme template time (0.47 of 1.44 s
of CPU at 1,000 statements, maintainers/performance.md). On a page outside the navigation, nothing in them is
the page's own: no item is active, and the page is never an item. What differs from page to page is only where
their links lead from: MkDocs' `url` filter makes each link relative to the page's folder. Two pages in one
folder, with no item of the navigation inside either's own folder, get the same links, so the same HTML.

Speed code: with the switch off every page renders its own (tests/engine/test_speed_switch.py: the same site,
byte for byte), and any page this module cannot vouch for renders its own too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# Partials whose only link to the page being built is the navigation's state and the page's folder.
PARTIALS = ("partials/tabs.html", "partials/nav.html")

RenderFunction = Callable[[Any], Iterator[str]]


def render_once_per_folder(env: jinja2.Environment) -> None:
    """on_env: the theme environment's PARTIALS render once per (partial, folder of pages outside the
    navigation) for this build; every other page renders them itself."""
    shared = _Shared()
    for name in PARTIALS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:  # another theme
            continue
        template.root_render_func = shared.render(name, template.root_render_func)  # what `{% include %}` runs


class _Shared:
    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], str] = {}
        self._nav: tuple[Navigation, list[Any], list[str]] | None = None

    def render(self, name: str, render: RenderFunction) -> RenderFunction:
        def once_per_folder(context: Any) -> Iterator[str]:
            folder = self.folder(context.get("page"), context.get("nav"))
            if folder is None:
                yield from render(context)
                return
            key = (name, folder)
            if key not in self.rendered:
                self.rendered[key] = "".join(render(context))
            yield self.rendered[key]

        return once_per_folder

    def folder(self, page: object, nav: object) -> str | None:
        """The folder `page`'s partials can be shared by, or None when they must be its own."""
        if not isinstance(page, Page) or not isinstance(nav, Navigation):
            return None
        items, urls = self._items_and_urls(nav)
        if any(item is page or item.active for item in items):
            return None
        base = _base(page.url)
        if not base or any(url == base or url.startswith(base + "/") for url in urls):
            return None  # a link into the page's own folder would lead elsewhere from a sibling
        return posixpath.dirname(base)

    def _items_and_urls(self, nav: Navigation) -> tuple[list[Any], list[str]]:
        if self._nav is None or self._nav[0] is not nav:
            items = list(_walk(nav.items))
            urls = [url.lstrip("/") for item in items if isinstance(url := getattr(item, "url", None), str)]
            self._nav = (nav, items, urls)
        return self._nav[1], self._nav[2]


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.children)


def _base(url: str) -> str:
    """The folder MkDocs' `get_relative_url` makes a link relative to, for a page at `url`: "claims/x/" gives
    "claims/x", "claims/x.html" gives "claims"."""
    head, tail = posixpath.split(url)
    return (head if "." in tail else url).strip("/")
