"""The pages a build generates (a page per record, an index page per kind), their front matter, and the
macro names editors see. Made in this process (`generated_pages`) or beside MkDocs in a forked one
(`generated_pages_in_background`, see background.py)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from .background import MadeInBackground, PendingContent
from .incremental import RecordKey, RenderCache, record_keys, references
from .pipeline import Site
from .render import MarkdownSettings, PageContext, PageConverter, PageHtml, Renderer, record_page_context
from .schema import KINDS, KINDS_WITH_PAGES, MODELS
from .validate import Dossier

# Kinds shown as anchors on their index page rather than as a page each (schema: Record.listed_on_index).
LISTED_ON_INDEX = {kind for kind, model in MODELS.items() if model.listed_on_index}

# The macro that renders each generated page; the names editors see in the guide (each kind's own).
RECORD_MACROS = {kind: MODELS[kind].record_macro or "" for kind in KINDS_WITH_PAGES}
INDEX_MACROS = {kind: model.index_macro for kind, model in MODELS.items()}


# The navigation tabs already show the sections; without the left sidebar, tables get the full width.
# `render_macros: false`: the Markdown below is final, rendered by our templates with every data value
# escaped, so mkdocs-macros must neither read record text as Jinja nor compile one template per page
# (the macro layer was a fifth of the time spent on each generated page; see maintainers/performance.md).
PAGE_META: dict[str, Any] = {"hide": ["navigation"], "render_macros": False}
# Index pages list titles that each record's own page already puts in the search index; indexed too,
# they tripled its size at 10,000 statements and buried the record pages under index-page hits.
INDEX_PAGE_META: dict[str, Any] = {**PAGE_META, "search": {"exclude": True}}


def record_page_meta(kind: str) -> dict[str, Any]:
    """A record page's front matter, as MkDocs would read it (a fresh copy: plugins may add to it).
    A kind with a search boost (schema: Record.search_boost) ranks above others matching as well."""
    boost = MODELS[kind].search_boost
    return copy.deepcopy(PAGE_META if boost is None else {**PAGE_META, "search": {"boost": boost}})


def _front_matter(meta: dict[str, Any]) -> str:
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n"


PAGE_HEADER, INDEX_PAGE_HEADER = map(_front_matter, (PAGE_META, INDEX_PAGE_META))
RECORD_PAGE_HEADERS = {kind: _front_matter(record_page_meta(kind)) for kind in KINDS_WITH_PAGES}


@dataclass
class GeneratedPage:
    """One generated page: its Markdown with front matter (what MkDocs reads), and for a record page
    converted by the engine, its HTML (render.PageHtml)."""

    markdown: str
    html: PageHtml | None = None


def generated_pages(site: Site, previous: RenderCache | None = None,
                    markdown_settings: MarkdownSettings | None = None) -> dict[str, GeneratedPage]:
    """Docs-relative path → the page, every page rendered once per build, in this process.

    Without `markdown_settings`, each page's Markdown is the same the page macros (RECORD_MACROS,
    INDEX_MACROS) return on a hand-written page, for MkDocs to convert. With the site's settings, record
    pages are converted here as well (render.PageConverter), and their Markdown links carry final URLs.
    With `previous` (the cache of the last build, kept by the session of `mkdocs serve --dirty`), a record
    page is rendered again only if the edit can have changed it (see `RenderCache.stale`); the cache is
    then updated. A full build makes its record pages in the background instead
    (`generated_pages_in_background`).
    """
    renderer = site.renderer
    converter = PageConverter(markdown_settings) if markdown_settings is not None else None
    pages = {path: GeneratedPage(index_page_markdown(renderer, path)) for path in index_page_paths(renderer)}
    if previous is None:
        for key in _record_keys(site):
            pages[_path_of(key)], _ = record_page(renderer, key, converter)
        return pages
    edges = references(site.dossier)  # computed once: what changed, then remembered for the next build
    stale = previous.stale(site.dossier, edges, markdown_settings)
    for key in _record_keys(site):
        path = _path_of(key)
        if stale is not None and not stale.must_render(key, path):
            pages[path] = previous.pages[path][0]
            continue
        pages[path], page = record_page(renderer, key, converter)
        previous.pages[path] = (pages[path], record_keys(page.shown))
    for path in previous.pages.keys() - pages.keys():  # pages of removed records
        del previous.pages[path]
    previous.remember(site.dossier, edges, markdown_settings)
    return pages


def generated_pages_in_background(site: Site, markdown_settings: MarkdownSettings,
                                  exports: list[str], make_export: Callable[[str], str]) -> tuple[dict[str, GeneratedPage], PendingContent]:
    """A full build's generated pages and `exports` (paths; `make_export(path)` makes one's text), made by
    a forked process while MkDocs builds the site (see background.MadeInBackground). The pages are what
    MkDocs lists at first: index pages empty, record pages their front matter; the rest comes as
    PendingContent."""
    renderer, converter = site.renderer, PageConverter(markdown_settings)
    index_pages = index_page_paths(renderer)
    record_pages = [_path_of(key) for key in _record_keys(site)]

    def make_index_page(path: str) -> str:
        return index_page_markdown(renderer, path)

    def make_record_page_html(path: str) -> PageHtml:
        return record_page_html(renderer, converter, _key_of(path))

    # In the order MkDocs needs them: index pages when it reads every page's Markdown, exports when it
    # copies the static files, record pages' HTML when it builds each page from the theme.
    made = MadeInBackground([(index_pages, make_index_page), (exports, make_export), (record_pages, make_record_page_html)])
    pages = dict.fromkeys(index_pages, GeneratedPage(""))
    pages.update((path, GeneratedPage(_header_of(path.partition("/")[0]))) for path in record_pages)
    return pages, PendingContent(set(index_pages), set(exports), set(record_pages), made)


def kind_index_paths() -> list[str]:
    """Each kind's index page: its navigation tab."""
    return [f"{kind}/index.md" for kind in KINDS]


def index_page_paths(renderer: Renderer) -> list[str]:
    """The kinds' index pages, and the parts of those too long for one page (index_parts)."""
    return [path for kind_index in kind_index_paths()
            for path in (kind_index, *(part.path for part in renderer.index_parts(kind_index.partition("/")[0])))]


def index_page_markdown(renderer: Renderer, path: str) -> str:
    kind, _, name = path.partition("/")
    if name != "index.md":  # a part of a split index: never a kind LISTED_ON_INDEX (index_parts)
        return f"{INDEX_PAGE_HEADER}{renderer.index_part_page(path)}\n"
    # Kinds LISTED_ON_INDEX have no page of their own: their index page is where search must find them.
    return f"{PAGE_HEADER if kind in LISTED_ON_INDEX else INDEX_PAGE_HEADER}{renderer.index_page(kind)}\n"


def _record_keys(site: Site) -> list[RecordKey]:
    return [(kind, record_id) for kind in KINDS_WITH_PAGES for record_id in site.dossier.records[kind]]


def _path_of(key: RecordKey) -> str:
    return f"{key[0]}/{key[1]}.md"


def _key_of(path: str) -> RecordKey:
    kind, _, name = path.partition("/")
    return kind, name.removesuffix(".md")


def _header_of(kind: str) -> str:
    return RECORD_PAGE_HEADERS[kind]


def record_page_html(renderer: Renderer, converter: PageConverter, key: RecordKey) -> PageHtml:
    """A record page converted by the engine: its Markdown with final URLs, then Python-Markdown."""
    return converter.page_html(renderer.record_page(*key, page=record_page_context(*key, final_urls=True)))


def record_page(renderer: Renderer, key: RecordKey, converter: PageConverter | None = None) -> tuple[GeneratedPage, PageContext]:
    """A record page's Markdown, and its HTML when there is a converter (the site's Markdown settings);
    with the context it was rendered in, which says what the page showed."""
    kind, record_id = key
    page = record_page_context(kind, record_id, final_urls=converter is not None)
    body = renderer.record_page(kind, record_id, page=page)
    return GeneratedPage(f"{_header_of(kind)}{body}\n", converter.page_html(body) if converter else None), page


def page_count_expected(dossier: Dossier) -> int:
    """Record pages the site must contain: every record except those shown as anchors."""
    return sum(len(dossier.records[kind]) for kind in KINDS_WITH_PAGES)
