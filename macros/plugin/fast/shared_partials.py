"""The parts of the theme's page template that are not the page's own, rendered once for all the pages of a
folder that are outside the navigation (record pages), not once per page.

Material renders them all for every page. The tabs and the navigation sidebar were a third of a record page's
theme template time (0.47 of 1.44 s of CPU at 1,000 statements, maintainers/performance.md); the search box,
the logo, the footer's links, the back-to-top button, the stylesheet links and the script configuration another
fifth. On a page outside the navigation, nothing in them is the page's own: no item is active, the page is
never an item, and the others never read the page at all. What differs from page to page is only where their
links lead from: MkDocs' `url` filter makes each link relative to the page's folder. Two pages of one parent
folder (claims/a/ and claims/b/), with no link of the navigation into either's own folder, get the same links,
so the same HTML (`shared_folder`). The other parts link only to the theme's files, the site's fixed files
(feed, exports) and its navigation's pages, none of which lies inside a record page's folder.

Speed code: with the switch off every page renders its own, and any page this module cannot vouch for renders
its own too (tests/engine/test_speed_switch.py: the same site, byte for byte, and the same links from every
page sharing a key).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

# Partials whose only link to the page being built is the navigation's state and the page's folder.
NAVIGATION = ("partials/tabs.html", "partials/nav.html")
# Partials and blocks of Material 9's base template that read neither the page nor the navigation (the dossier
# overrides two of them): the search box, the logo, the footer's links, the back-to-top button, the stylesheets'
# links, the configuration its script reads (the site's root, features, translations)… What they read of the
# including template's variables, they set first. Each is shared only while its source names neither the page
# nor the navigation (`reads_no_page`): a theme or an override that starts to is rendered per page.
PAGE_FREE = ("partials/search.html", "partials/logo.html", "partials/source.html", "partials/palette.html",
             "partials/copyright.html", "partials/social.html", "partials/top.html", "partials/icons.html",
             "partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/content.html",
             "partials/integrations/analytics.html")
BLOCKS = (("base.html", "styles"), ("base.html", "config"))

RenderFunction = Callable[[Any], Iterator[str]]


def render_once_per_folder(env: jinja2.Environment) -> None:
    """on_env: the theme environment's PARTIALS and BLOCKS render once per (part, folder of pages outside the
    navigation) for this build; every other page renders them itself."""
    shared = _Shared()
    for name in (*NAVIGATION, *PAGE_FREE):
        template = _template(env, name)
        if template is not None and (name in NAVIGATION or reads_no_page(_source(env, name))):
            template.root_render_func = shared.render(name, template.root_render_func)  # what `{% include %}` runs
    for name, block in BLOCKS:
        template = _template(env, name)
        if template is not None and block in template.blocks and reads_no_page(_source(env, name), block):
            template.blocks[block] = shared.render(f"{name} {block}", template.blocks[block])  # what a page runs for it


def reads_no_page(source: str, block: str | None = None) -> bool:
    """Whether a template's source (or that of one of its blocks) names neither the page, the navigation nor
    the table of contents in its tags and expressions: where MkDocs' page context keeps what is a page's own.
    A word in a string counts too: a part is rendered per page when in doubt."""
    source = _COMMENT.sub("", source)
    if block is not None:
        found = re.search(r"{%-?\s*block\s+" + re.escape(block) + r"\s*-?%}(.*?){%-?\s*endblock", source, re.DOTALL)
        if found is None or re.search(r"{%-?\s*block\b", found[1]):
            return False
        source = found[1]
    return not any(_PAGE_WORDS.search(code) for code in _CODE.findall(source))


_COMMENT = re.compile(r"{#.*?#}", re.DOTALL)
_CODE = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_PAGE_WORDS = re.compile(r"\b(?:page|nav|toc)\b")


def _template(env: jinja2.Environment, name: str) -> jinja2.Template | None:
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound:  # another theme
        return None


def _source(env: jinja2.Environment, name: str) -> str:
    return env.loader.get_source(env, name)[0] if env.loader is not None else ""


class _Shared:
    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], str] = {}
        self._nav: tuple[object, list[str]] | None = None  # MkDocs' navigation, and every URL it links to
        self._folders: dict[str, str | None] = {}  # page URL → its key (shared_folder), for the navigation above

    def render(self, name: str, render: RenderFunction) -> RenderFunction:
        def once_per_folder(context: Any) -> Iterator[str]:
            # MkDocs' Page and Navigation, read by their attributes: this floor imports nothing of MkDocs.
            url, nav = getattr(context.get("page"), "url", None), context.get("nav")
            items = getattr(nav, "items", None)
            folder = self._folder(url, nav, items) if isinstance(url, str) and isinstance(items, list) else None
            if folder is None:
                yield from render(context)
                return
            key = (name, folder)
            if key not in self.rendered:
                self.rendered[key] = "".join(render(context))
            yield self.rendered[key]

        return once_per_folder

    def _folder(self, page_url: str, nav: object, items: list[Any]) -> str | None:
        """shared_folder, found once per page and navigation: a page renders a dozen of the parts."""
        if self._nav is None or self._nav[0] is not nav:
            self._nav = (nav, [url for item in _walk(items) if isinstance(url := getattr(item, "url", None), str)])
            self._folders = {}
        if page_url not in self._folders:
            self._folders[page_url] = shared_folder(page_url, self._nav[1])
        return self._folders[page_url]


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
