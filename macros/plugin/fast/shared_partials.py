"""The theme's tabs and navigation sidebar, rendered once for all the pages of a folder that are outside the
navigation (record pages), not once per page.

Material renders both partials for every page: a third of a record page's theme template time (0.47 of 1.44 s
of CPU at 1,000 statements, maintainers/performance.md). On a page outside the navigation, nothing in them is
the page's own: no item is active, and the page is never an item. What differs from page to page is only where
their links lead from: MkDocs' `url` filter makes each link relative to the page's folder. Two pages of one
parent folder (claims/a/ and claims/b/), with no link of the navigation into either's own folder, get the
same links, so the same HTML (`shared_folder`).

Speed code: with the switch off every page renders its own, and any page this module cannot vouch for renders
its own too (tests/engine/test_speed_switch.py: the same site, byte for byte, and the same links from every
page sharing a key).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

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
        self._nav: tuple[object, list[str]] | None = None  # MkDocs' navigation, and every URL it links to

    def render(self, name: str, render: RenderFunction) -> RenderFunction:
        def once_per_folder(context: Any) -> Iterator[str]:
            # MkDocs' Page and Navigation, read by their attributes: this floor imports nothing of MkDocs.
            url, nav = getattr(context.get("page"), "url", None), context.get("nav")
            items = getattr(nav, "items", None)
            folder = shared_folder(url, self._urls(nav, items)) if isinstance(url, str) and isinstance(items, list) else None
            if folder is None:
                yield from render(context)
                return
            key = (name, folder)
            if key not in self.rendered:
                self.rendered[key] = "".join(render(context))
            yield self.rendered[key]

        return once_per_folder

    def _urls(self, nav: object, items: list[Any]) -> list[str]:
        if self._nav is None or self._nav[0] is not nav:
            self._nav = (nav, [url for item in _walk(items) if isinstance(url := getattr(item, "url", None), str)])
        return self._nav[1]


def shared_folder(page_url: str, nav_urls: list[str]) -> str | None:
    """The key under which a page at `page_url` shares its navigation's HTML with others, or None when it
    must render its own. A page the navigation links to, or one whose folder it links into, renders its own
    (an item is active on it, or a link's relative form is its alone); any other page shares with the pages
    of the same parent folder, from where every link of the navigation has the same relative form."""
    base = _base(page_url)
    if not base or any((url := target.strip("/")) == base or url.startswith(base + "/") for target in nav_urls):
        return None
    return posixpath.dirname(base)


def _walk(items: list[Any]) -> Iterator[Any]:
    """Every item of the navigation, its sections' children (MkDocs' Section) too."""
    for item in items:
        yield item
        children = getattr(item, "children", None)
        if isinstance(children, list):
            yield from _walk(children)


def _base(url: str) -> str:
    """The folder MkDocs' `get_relative_url` makes a link relative to, for a page at `url`: "claims/x/" gives
    "claims/x", "claims/x.html" gives "claims"."""
    head, tail = posixpath.split(url)
    return (head if "." in tail else url).strip("/")
