"""The pipeline end to end, and the list of pages it generates. No MkDocs imports here."""

from __future__ import annotations

import contextlib
import copy
import functools
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import yaml

from .errors import DossierInvalid
from .index import DossierIndex
from .load import load
from .render import TEMPLATES, MarkdownSettings, PageHtml, Renderer, UrlBetween
from .schema import KINDS, KINDS_WITH_PAGES, MODELS
from .validate import Dossier, validate

# Kinds shown as anchors on their index page rather than as a page each (schema: Record.listed_on_index).
LISTED_ON_INDEX = {kind for kind, model in MODELS.items() if model.listed_on_index}

# The macro that renders each generated page; the names editors see in the guide (each kind's own).
RECORD_MACROS = {kind: MODELS[kind].record_macro or "" for kind in KINDS_WITH_PAGES}
INDEX_MACROS = {kind: model.index_macro for kind, model in MODELS.items()}


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
    # Templates compile once, not once per build (_CompiledTemplates).
    renderer.env.bytecode_cache = COMPILED_TEMPLATES
    return Site(dossier, index, renderer)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the process (`mkdocs serve` builds many times) and on disk
    between processes, in Jinja's own private per-user folder in the temp dir: compiling the theme's
    templates took 0.2 s of every `mkdocs build`. Jinja checks each against its template's source on use,
    so an edited or upgraded template compiles again."""

    def __init__(self, directory: str | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        try:
            self.on_disk: jinja2.FileSystemBytecodeCache | None = jinja2.FileSystemBytecodeCache(directory)
        except (OSError, RuntimeError):  # no private temp folder to be had: memory only
            self.on_disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk is not None:
            self.on_disk.load_bytecode(bucket)  # checked as any cache entry: stale or damaged, it is ignored
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk costs the next build 0.2 s, nothing more
                self.on_disk.dump_bytecode(bucket)


# Shared by the engine's templates and, through the page hook's on_env, the theme's.
COMPILED_TEMPLATES = _CompiledTemplates()


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
    pages are converted here as well (render.PageHtml), and their Markdown links carry final URLs.
    With `previous` (the cache of the last build, kept by `mkdocs serve`), a record page is rendered
    again only if the edit can have changed it (see `RenderCache.stale`); the cache is then updated.
    A full build makes its record pages in the background instead (`generated_pages_in_background`).
    """
    renderer = site.renderer
    renderer.markdown_settings = markdown_settings
    pages = _index_pages(site)
    stale = None
    if previous is not None:
        edges = _references(site.dossier)  # computed once: what changed, then remembered for the next build
        stale = previous.stale(site.dossier, edges, markdown_settings)
    for key in _record_keys(site):
        path = _path_of(key)
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


def generated_pages_in_background(site: Site, markdown_settings: MarkdownSettings,
                                  other_files: dict[str, Callable[[], str]]) -> tuple[dict[str, GeneratedPage], PendingContent]:
    """A full build's generated pages and `other_files` (path → what makes its text: the exports), made by
    a forked process while MkDocs builds the site (see MadeInBackground). The pages are what MkDocs lists
    at first: index pages empty, record pages their front matter; the rest comes as PendingContent."""
    renderer = site.renderer
    renderer.markdown_settings = markdown_settings
    index_pages = {f"{kind}/index.md": functools.partial(_index_page, renderer, kind) for kind in KINDS}
    record_pages = {_path_of(key): functools.partial(_record_page_html, renderer, key) for key in _record_keys(site)}
    # In the order MkDocs needs them: index pages when it reads every page's Markdown, other files when it
    # copies the static files, record pages' HTML when it builds each page from the theme.
    made = MadeInBackground([index_pages, other_files, record_pages])
    pages = dict.fromkeys(index_pages, GeneratedPage(""))
    pages.update((path, GeneratedPage(_header_of(path.partition("/")[0]))) for path in record_pages)
    return pages, PendingContent(set(index_pages), set(other_files), set(record_pages), made)


@dataclass
class PendingContent:
    """What generated files get after MkDocs has listed them, and where it comes from (`take`): in a full
    build all of it from MadeInBackground; under `mkdocs serve`, only the record pages' HTML, made in
    process (ReadyPages). The page hook hands each over when MkDocs is about to need it."""

    markdown: set[str]  # index pages: their Markdown, before MkDocs reads them
    text: set[str]  # exports: their text, before MkDocs copies them
    html: set[str]  # record pages: their PageHtml, before MkDocs builds them from the theme
    source: ReadyPages | MadeInBackground

    def take(self, path: str) -> Any:
        return self.source.take(path)

    def discard(self, path: str) -> None:
        """`path` will not be asked for (a hand-written page of that path replaces the generated one)."""
        for paths in (self.markdown, self.text, self.html):
            paths.discard(path)

    def close(self) -> None:
        """At the end of the build, failed or not: the second process, if any, is stopped."""
        if isinstance(self.source, MadeInBackground):
            self.source.close()


def _index_pages(site: Site) -> dict[str, GeneratedPage]:
    return {f"{kind}/index.md": GeneratedPage(_index_page(site.renderer, kind)) for kind in KINDS}


def _index_page(renderer: Renderer, kind: str) -> str:
    # Kinds LISTED_ON_INDEX have no page of their own: their index page is where search must find them.
    return f"{PAGE_HEADER if kind in LISTED_ON_INDEX else INDEX_PAGE_HEADER}{renderer.index_page(kind)}\n"


def _record_keys(site: Site) -> list[RecordKey]:
    return [(kind, record_id) for kind in KINDS_WITH_PAGES for record_id in site.dossier.records[kind]]


def _path_of(key: RecordKey) -> str:
    return f"{key[0]}/{key[1]}.md"


def _header_of(kind: str) -> str:
    return RECORD_PAGE_HEADERS[kind]


def _record_page_html(renderer: Renderer, key: RecordKey) -> PageHtml:
    return renderer.page_html(renderer.record_page(*key, final_urls=True))


def _record_page(renderer: Renderer, key: RecordKey) -> GeneratedPage:
    kind, record_id = key
    if renderer.markdown_settings is None:
        return GeneratedPage(f"{_header_of(kind)}{renderer.record_page(kind, record_id)}\n")
    body = renderer.record_page(kind, record_id, final_urls=True)
    return GeneratedPage(f"{_header_of(kind)}{body}\n", renderer.page_html(body))


class ReadyPages(dict[str, PageHtml]):
    """Record pages' HTML made in this process (`generated_pages`), taken as MadeInBackground's are."""

    def take(self, path: str) -> PageHtml:
        return self.pop(path)


class MadeInBackground:
    """Pages and files made by a forked process, in the order given, while MkDocs builds the site.

    Making a record page (template, then Python-Markdown) takes 1.5-2 ms; MkDocs then spends about as long
    on it again (theme templates, search, writing), all in one process. MkDocs needs a page's HTML only
    when it builds that page from the theme, after it has read every page's Markdown and copied the
    static files: so a second process makes everything the engine generates, in the order MkDocs needs
    it, and the page hook takes each value when MkDocs gets to it (`take`). On two cores the engine's
    share of a build then runs beside MkDocs' rather than before it. A thread here receives the values as
    they come, so the second process never waits for MkDocs.
    Only for full builds: a serving process has server threads and should not fork, and its rebuilds
    make only the pages an edit can change (`generated_pages` with a RenderCache).
    """

    BATCH = 25  # values per message: fewer, larger messages cost less than one per page

    def __init__(self, makers: list[dict[str, Callable[[], Any]]]):
        """`makers`: groups of path → what makes its value, in the order they are needed; the values of a
        group are sent by BATCH, and its last ones as soon as they are made."""
        context = multiprocessing.get_context("fork")  # the process inherits the loaded dossier and renderer
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_make_in_background, args=(makers, sending), daemon=True)
        self._process.start()
        sending.close()
        self._made: dict[str, Any] = {}
        self._failure: str | None = None
        self._done = False
        self._arrived = threading.Condition()
        self._receiver = threading.Thread(target=self._receive, args=(receiving,), daemon=True)
        self._receiver.start()

    def _receive(self, receiving: Connection) -> None:
        with receiving:
            while not self._done:
                try:
                    batch = receiving.recv()
                except (EOFError, OSError):
                    batch = "the process making the dossier's pages stopped before it had made them all"
                with self._arrived:
                    if isinstance(batch, str):
                        self._failure, self._done = batch, True
                    elif batch:
                        self._made.update(batch)
                    else:
                        self._done = True  # an empty batch: everything has been sent
                    self._arrived.notify_all()

    def take(self, path: str) -> Any:
        """What was made for `path`, waiting for it if the second process has not sent it yet."""
        with self._arrived:
            self._arrived.wait_for(lambda: path in self._made or self._done)
            if path in self._made:
                return self._made.pop(path)
            raise RuntimeError(self._failure or f"nothing was made for {path}")

    def close(self) -> None:
        """At the end of the build, failed or not."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.join(timeout=5)


def _make_in_background(makers: list[dict[str, Callable[[], Any]]], sending: Connection) -> None:
    """In the forked process: each value, sent in batches, then an empty batch (or the error)."""
    try:
        for group in makers:
            batch: dict[str, Any] = {}
            for path, make in group.items():
                batch[path] = make()
                if len(batch) == MadeInBackground.BATCH:
                    sending.send(batch)
                    batch = {}
            if batch:
                sending.send(batch)
        sending.send({})
    except Exception:
        sending.send(traceback.format_exc())
    finally:
        sending.close()


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
    return sum(len(dossier.records[kind]) for kind in KINDS_WITH_PAGES)


__all__ = ["MODELS", "GeneratedPage", "PendingContent", "Site", "build_site", "check", "generated_pages", "dossier_settings"]
