"""The pages a build generates (a page per record, an index page per kind), their front matter, and the
macro names editors see. Made here (`generated_pages`); the speed code makes them beside MkDocs in a
forked process, or only those an edit changed (plugin.fast.background, plugin.fast.incremental)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml

from macros.records.schema import KINDS, KINDS_WITH_PAGES, MODELS
from macros.records.validate import Dossier
from macros.site.conversion import MarkdownSettings, PageConverter, PageHtml
from macros.site.pipeline import Site
from macros.site.renderer import PageContext, Renderer, record_page_context

RecordKey = tuple[str, str]  # (kind, id)

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
    converted by the engine, its HTML (renderer.PageHtml)."""

    markdown: str
    html: PageHtml | None = None


def generated_pages(site: Site, markdown_settings: MarkdownSettings | None = None) -> dict[str, GeneratedPage]:
    """Docs-relative path → the page, every page rendered once per build, in this process.

    Without `markdown_settings`, each page's Markdown is the same the page macros (RECORD_MACROS,
    INDEX_MACROS) return on a hand-written page, for MkDocs to convert. With the site's settings, record
    pages are converted here as well (renderer.PageConverter), and their Markdown links carry final URLs.
    """
    renderer = site.renderer
    converter = PageConverter(markdown_settings) if markdown_settings is not None else None
    pages = {path: GeneratedPage(index_page_markdown(renderer, path)) for path in index_page_paths(renderer)}
    for key in record_keys_of(site):
        pages[path_of(key)], _ = record_page(renderer, key, converter)
    return pages


def kind_index_paths() -> list[str]:
    """Each kind's index page: its navigation tab."""
    return [f"{kind}/index.md" for kind in KINDS]


def index_page_paths(renderer: Renderer) -> list[str]:
    """The kinds' index pages, and the parts of those too long for one page (index_parts)."""
    return [path for kind_index in kind_index_paths()
            for path in (kind_index, *(part.path for part in renderer.index_parts(kind_index.partition("/")[0])))]


def index_page_markdown(renderer: Renderer, path: str) -> str:
    kind, _, name = path.partition("/")
    # Kinds LISTED_ON_INDEX have no page of their own: the page holding their rows (the index, or each of its
    # parts once split, index_parts) is where search must find them.
    if name != "index.md":  # a part of a split index
        return f"{PAGE_HEADER if kind in LISTED_ON_INDEX else INDEX_PAGE_HEADER}{renderer.index_part_page(path)}\n"
    rows_here = kind in LISTED_ON_INDEX and not renderer.index_parts(kind)
    return f"{PAGE_HEADER if rows_here else INDEX_PAGE_HEADER}{renderer.index_page(kind)}\n"


def record_keys_of(site: Site) -> list[RecordKey]:
    """Every record with a page of its own, in the order its pages are made."""
    return [(kind, record_id) for kind in KINDS_WITH_PAGES for record_id in site.dossier.records[kind]]


def path_of(key: RecordKey) -> str:
    return f"{key[0]}/{key[1]}.md"


def key_of(path: str) -> RecordKey:
    kind, _, name = path.partition("/")
    return kind, name.removesuffix(".md")


def header_of(kind: str) -> str:
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
    return GeneratedPage(f"{header_of(kind)}{body}\n", converter.page_html(body) if converter else None), page


def page_count_expected(dossier: Dossier) -> int:
    """Record pages the site must contain: every record except those shown as anchors."""
    return sum(len(dossier.records[kind]) for kind in KINDS_WITH_PAGES)
