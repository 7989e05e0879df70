"""What a rebuild under `mkdocs serve --dirty` renders again (RenderCache), and its pages kept on disk
(PagesOnDisk): speed only, kept by plugin.fast.speed.Speed. Without them a rebuild renders every page,
which gives the same site (tests/engine/test_serve_equals_build.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.records.schema import KINDS, Record
from macros.records.validate import Dossier
from macros.site.conversion import MarkdownSettings, PageConverter
from macros.site.pages import GeneratedPage, RecordKey, index_page_markdown, index_page_paths, record_keys_of, record_page
from macros.site.pipeline import Site
from macros.site.renderer import TEMPLATES


def record_keys(records: Iterable[Record]) -> frozenset[RecordKey]:
    return frozenset((record.folder, record.id) for record in records)


References = tuple[dict[RecordKey, set[RecordKey]], dict[RecordKey, set[RecordKey]]]


def references(dossier: Dossier) -> References:
    """(record → records it references, record → records referencing it), prose links included."""
    outgoing: dict[RecordKey, set[RecordKey]] = {}
    incoming: dict[RecordKey, set[RecordKey]] = {}
    for edge in dossier.edges:
        source, target = (edge.source.folder, edge.source.id), (edge.target_kind, edge.target_id)
        outgoing.setdefault(source, set()).add(target)
        incoming.setdefault(target, set()).add(source)
    return outgoing, incoming


@dataclass
class Stale:
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
    """What the previous build rendered, kept across the rebuilds of one `mkdocs serve --dirty`.

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
    row_pages: dict[RecordKey, str] = field(default_factory=dict)  # DossierIndex.row_pages: where a figure's row is
    pages: dict[str, tuple[GeneratedPage, frozenset[RecordKey]]] = field(default_factory=dict)  # path → (page, shown)

    def stale(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None,
              row_pages: dict[RecordKey, str] | None = None) -> Stale | None:
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
        # A record listed on a split index whose row moved to another part (an edit elsewhere moved it): the
        # pages linking it link the other part now.
        rows = row_pages or {}
        embedding |= {key for key in self.row_pages.keys() | rows.keys() if self.row_pages.get(key) != rows.get(key)}
        return Stale(changed, around, embedding, {path: shown for path, (_, shown) in self.pages.items()})

    def remember(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None,
                 row_pages: dict[RecordKey, str] | None = None) -> None:
        self.records = {kind: dict(by_id) for kind, by_id in dossier.records.items()}
        self.edges = edges
        self.templates = _template_times()
        self.markdown_settings = repr(markdown_settings)
        self.row_pages = dict(row_pages or {})


def _template_times() -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in TEMPLATES.iterdir()}


def generated_pages_again(site: Site, previous: RenderCache, markdown_settings: MarkdownSettings | None = None) -> dict[str, GeneratedPage]:
    """pages.generated_pages, with the cache of the last build: a record page is rendered again only if the
    edit can have changed it (see `RenderCache.stale`); the cache is then updated."""
    renderer = site.renderer
    converter = PageConverter(markdown_settings) if markdown_settings is not None else None
    pages = {path: GeneratedPage(index_page_markdown(renderer, path)) for path in index_page_paths(renderer)}
    edges = references(site.dossier)  # computed once: what changed, then remembered for the next build
    stale = previous.stale(site.dossier, edges, markdown_settings, site.index.row_pages)
    for key in record_keys_of(site):
        path = f"{key[0]}/{key[1]}.md"
        if stale is not None and not stale.must_render(key, path):
            pages[path] = previous.pages[path][0]
            continue
        pages[path], page = record_page(renderer, key, converter)
        previous.pages[path] = (pages[path], record_keys(page.shown))
    for path in previous.pages.keys() - pages.keys():  # pages of removed records
        del previous.pages[path]
    previous.remember(site.dossier, edges, markdown_settings, site.index.row_pages)
    return pages


class PagesOnDisk:
    """Generated pages kept as files, for `mkdocs serve --dirty`.

    MkDocs' dirty build re-renders a page only when its source file is newer than its HTML, and an
    in-memory page (`File.generated(content=...)`) always counts as changed: editing one record would
    re-render all of them. Here each page is a file rewritten only when its Markdown changed, so after an
    edit MkDocs rebuilds the edited record's page and the pages that show it, and nothing else.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: dict[str, str] = {}
        self.render_cache = RenderCache()  # and pages are rendered again only where an edit can show

    def path_for(self, relative: str, content: str) -> str:
        """The file holding `content`, written only if it differs from what the file holds."""
        path = self.folder / relative
        if self.written.get(relative) != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            self.written[relative] = content
        return str(path)

    def keep_only(self, relatives: Iterable[str]) -> None:
        """Delete the files of pages no longer generated (a removed record's)."""
        for relative in self.written.keys() - set(relatives):
            (self.folder / relative).unlink(missing_ok=True)
            del self.written[relative]
