"""The pipeline end to end, and the list of pages it generates. No MkDocs imports here."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from .errors import DossierInvalid
from .index import DossierIndex
from .load import load
from .render import TEMPLATES, MarkdownSettings, PageHtml, Renderer, UrlBetween
from .schema import KINDS, MODELS
from .validate import Dossier, validate

# Kinds shown as anchors on their index page rather than as a page each.
LISTED_ON_INDEX = {"figures"}

# The macro that renders each generated page; the names editors see in the guide.
RECORD_MACROS = {
    "actors": "actor_profile",
    "sources": "source_page",
    "events": "event_page",
    "statements": "statement_page",
    "claims": "claim_page",
    "topics": "topic_brief",
}
INDEX_MACROS = {
    "actors": "actor_index",
    "sources": "source_register",
    "events": "timeline",
    "statements": "statement_index",
    "claims": "claim_index",
    "figures": "figures_table",
    "topics": "brief_index",
}


@dataclass
class Site:
    dossier: Dossier
    index: DossierIndex
    renderer: Renderer


def check(data_dir: Path) -> Dossier:
    """Load and validate a data folder; the dossier carries every error found."""
    return validate(load(data_dir))


def build_site(data_dir: Path, url_between: UrlBetween) -> Site:
    """The whole pipeline: load → validate → index → renderer. Raises DossierInvalid with every error.

    `url_between(target, origin)`: the site's relative URL between two docs paths (mkdocs_glue.url_between).
    """
    dossier = check(data_dir)
    if dossier.errors:
        raise DossierInvalid(dossier.errors)
    index = DossierIndex(dossier)
    renderer = Renderer(index, url_between)
    # Templates compile once per process, not once per build: `mkdocs serve` builds many times.
    renderer.env.bytecode_cache = COMPILED_TEMPLATES
    return Site(dossier, index, renderer)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source's checksum on use."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# Shared by the engine's templates and, through the page hook's on_env, the theme's.
COMPILED_TEMPLATES = _CompiledTemplates()


# The navigation tabs already show the sections; without the left sidebar, tables get the full width.
# `render_macros: false`: the Markdown below is final, rendered by our templates with every data value
# escaped, so mkdocs-macros must neither read record text as Jinja nor compile one template per page
# (the macro layer was a fifth of the time spent on each generated page; see docs/performance.md).
PAGE_HEADER = "---\nhide:\n  - navigation\nrender_macros: false\n---\n"
# Index pages list titles that each record's own page already puts in the search index; indexed too,
# they tripled its size at 10,000 statements and buried the record pages under index-page hits.
INDEX_PAGE_HEADER = "---\nhide:\n  - navigation\nrender_macros: false\nsearch:\n  exclude: true\n---\n"
# Actors are what readers search for by name or alias; their pages are short next to the claims and
# sources that mention them, so without a boost a name finds every mention before the person.
ACTOR_PAGE_HEADER = "---\nhide:\n  - navigation\nrender_macros: false\nsearch:\n  boost: 1.3\n---\n"


@dataclass
class GeneratedPage:
    """One generated page: its Markdown with front matter (what MkDocs reads), and for a record page
    converted by the engine, its HTML (render.PageHtml)."""

    markdown: str
    html: PageHtml | None = None


def generated_pages(site: Site, previous: RenderCache | None = None, parallel: bool = False,
                    markdown_settings: MarkdownSettings | None = None) -> dict[str, GeneratedPage]:
    """Docs-relative path → the page, every page rendered once per build.

    Without `markdown_settings`, each page's Markdown is the same the page macros (RECORD_MACROS,
    INDEX_MACROS) return on a hand-written page, for MkDocs to convert. With the site's settings, record
    pages are converted here as well (render.PageHtml), and their Markdown links carry final URLs.
    With `previous` (the cache of the last build, kept by `mkdocs serve`), a record page is rendered
    again only if the edit can have changed it (see `RenderCache.stale`); the cache is then updated.
    `parallel`: a large dossier's record pages may be rendered in two processes (see RENDER_IN_TWO_FROM).
    """
    renderer = site.renderer
    renderer.markdown_settings = markdown_settings
    # Kinds LISTED_ON_INDEX have no page of their own: their index page is where search must find them.
    pages = {f"{kind}/index.md": GeneratedPage(f"{PAGE_HEADER if kind in LISTED_ON_INDEX else INDEX_PAGE_HEADER}{renderer.index_page(kind)}\n")
             for kind in KINDS}
    keys = [(kind, record_id) for kind in RECORD_MACROS for record_id in site.dossier.records[kind]]
    if previous is None and parallel and len(keys) >= RENDER_IN_TWO_FROM and (os.cpu_count() or 1) > 1:
        pages.update(_render_in_two_processes(renderer, keys))
        return pages
    stale = None
    if previous is not None:
        edges = _references(site.dossier)  # computed once: what changed, then remembered for the next build
        stale = previous.stale(site.dossier, edges, markdown_settings)
    for key in keys:
        path = f"{key[0]}/{key[1]}.md"
        if stale is not None and not stale.must_render(key, path):
            pages[path] = previous.pages[path][0]  # type: ignore[union-attr]
            continue
        pages[path] = _record_page(renderer, key)
        if previous is not None:
            previous.pages[path] = (pages[path], _keys(renderer.shown))
    if previous is not None:
        for path in previous.pages.keys() - pages.keys():  # pages of removed records
            del previous.pages[path]
        previous.remember(site.dossier, edges, markdown_settings)
    return pages


def _record_page(renderer: Renderer, key: RecordKey) -> GeneratedPage:
    kind, record_id = key
    header = ACTOR_PAGE_HEADER if kind == "actors" else PAGE_HEADER
    if renderer.markdown_settings is None:
        return GeneratedPage(f"{header}{renderer.record_page(kind, record_id)}\n")
    body = renderer.record_page(kind, record_id, final_urls=True)
    return GeneratedPage(f"{header}{body}\n", renderer.page_html(body))


# Rendering and converting record pages is the engine's largest part of a build (2.0 s at 1,000
# statements) and each page is made on its own: from this many record pages on, a forked process makes
# half of them while this one makes the other half (2.0 -> 1.2-1.4 s at 1,000 statements; forking and
# sending the pages back cost about 0.1 s).
# Only for full builds (`mkdocs build`): a serving process has server threads and should not fork, and
# its rebuilds render only the pages an edit can change.
RENDER_IN_TWO_FROM = 500
_renderer_to_share: Renderer | None = None  # what the forked process renders with: it inherits it


def _render_in_two_processes(renderer: Renderer, keys: list[RecordKey]) -> dict[str, GeneratedPage]:
    """Every other page each, so that both get their share of the long pages (actors, sources)."""
    global _renderer_to_share
    _renderer_to_share = renderer
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            theirs = pool.submit(_render_shared, keys[1::2])
            mine = [_record_page(renderer, key) for key in keys[0::2]]
            rendered = [None] * len(keys)
            rendered[0::2], rendered[1::2] = mine, theirs.result()
    finally:
        _renderer_to_share = None
    return {f"{kind}/{record_id}.md": page for (kind, record_id), page in zip(keys, rendered, strict=True)}  # type: ignore[misc]


def _render_shared(keys: list[RecordKey]) -> list[GeneratedPage]:
    assert _renderer_to_share is not None
    return [_record_page(_renderer_to_share, key) for key in keys]


RecordKey = tuple[str, str]  # (kind, id)


def _keys(records: Any) -> frozenset[RecordKey]:
    return frozenset((record.folder, record.id) for record in records)


References = tuple[dict[RecordKey, set[RecordKey]], dict[RecordKey, set[RecordKey]]]


def _references(dossier: Dossier) -> References:
    """(record → records it references, record → records referencing it), prose links included."""
    outgoing: dict[RecordKey, set[RecordKey]] = {}
    incoming: dict[RecordKey, set[RecordKey]] = {}
    for edge in dossier.edges:
        source, target = (edge.source.folder, edge.source.id), (edge.target_kind, edge.target_id)
        outgoing.setdefault(source, set()).add(target)
        incoming.setdefault(target, set()).add(source)
    return outgoing, incoming


@dataclass
class _Stale:
    """Which record pages one rebuild must render again."""

    changed: set[RecordKey]  # added, removed or edited records
    around: set[RecordKey]  # records the changed ones reference, before or after the edit: their backlinks moved
    embedding: set[RecordKey]  # records whose title or summary may show a changed one (e.g. a speaker's name)
    shown: dict[str, frozenset[RecordKey]]  # page → the records it showed when last rendered

    def must_render(self, key: RecordKey, path: str) -> bool:
        shown = self.shown.get(path)  # None: a new page
        return shown is None or key in self.changed or key in self.around or not shown.isdisjoint(self.embedding)


@dataclass
class RenderCache:
    """What the previous build rendered, kept across the rebuilds of one `mkdocs serve`.

    A record page depends on its record, on the records it shows (each link, with the linked record's
    title and summary, which may name a further record: a quote's speaker) and on the records pointing
    at it (backlinks). So after an edit, only these pages are rendered again: the pages of the changed
    records and of every record they reference before or after the edit, and the pages showing a changed
    record or a record that references one. Index pages are always rendered again. A change to any
    template or to the site's Markdown settings renders everything.
    """

    records: dict[str, dict[str, Any]] | None = None
    edges: References | None = None
    templates: dict[str, int] | None = None
    markdown_settings: str | None = None
    pages: dict[str, tuple[GeneratedPage, frozenset[RecordKey]]] = field(default_factory=dict)  # path → (page, shown)

    def stale(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None) -> _Stale | None:
        """What changed since the last build, or None when everything must be rendered."""
        if (self.records is None or self.edges is None or self.templates != _template_times()
                or self.markdown_settings != repr(markdown_settings)):
            self.pages.clear()
            return None
        changed = {(kind, record_id)
                   for kind in KINDS
                   for record_id in self.records[kind].keys() | dossier.records[kind].keys()
                   if self.records[kind].get(record_id) != dossier.records[kind].get(record_id)}
        old_out, old_in = self.edges
        new_out, new_in = edges
        around = {target for key in changed for target in old_out.get(key, set()) | new_out.get(key, set())}
        embedding = set(changed)
        for key in changed:
            embedding |= old_in.get(key, set()) | new_in.get(key, set())
        return _Stale(changed, around, embedding, {path: shown for path, (_, shown) in self.pages.items()})

    def remember(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None) -> None:
        self.records = {kind: dict(by_id) for kind, by_id in dossier.records.items()}
        self.edges = edges
        self.templates = _template_times()
        self.markdown_settings = repr(markdown_settings)


def _template_times() -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in TEMPLATES.iterdir()}


def dossier_settings(extra: dict[str, Any], config_dir: Path) -> tuple[Path, Path]:
    """(data folder, archive folder) from mkdocs.yml `extra.dossier`, relative to mkdocs.yml."""
    settings = extra.get("dossier") or {}
    data_dir = config_dir / str(settings.get("data_dir", "data"))
    archive_dir = config_dir / str(settings.get("archive_dir", "archive"))
    return data_dir, archive_dir


def page_count_expected(dossier: Dossier) -> int:
    """Record pages the site must contain: every record except those shown as anchors."""
    return sum(len(dossier.records[kind]) for kind in KINDS if kind not in LISTED_ON_INDEX)


__all__ = ["MODELS", "GeneratedPage", "Site", "build_site", "check", "generated_pages", "dossier_settings"]
