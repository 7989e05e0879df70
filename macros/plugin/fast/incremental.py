"""What a rebuild under `mkdocs serve --dirty` renders again: RenderCache, kept by the BuildSession."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .render import TEMPLATES, MarkdownSettings
from .schema import KINDS
from .validate import Dossier

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .pages import GeneratedPage
    from .schema import Record

RecordKey = tuple[str, str]  # (kind, id)


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
    pages: dict[str, tuple[GeneratedPage, frozenset[RecordKey]]] = field(default_factory=dict)  # path → (page, shown)

    def stale(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None) -> Stale | None:
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
        return Stale(changed, around, embedding, {path: shown for path, (_, shown) in self.pages.items()})

    def remember(self, dossier: Dossier, edges: References, markdown_settings: MarkdownSettings | None = None) -> None:
        self.records = {kind: dict(by_id) for kind, by_id in dossier.records.items()}
        self.edges = edges
        self.templates = _template_times()
        self.markdown_settings = repr(markdown_settings)


def _template_times() -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in TEMPLATES.iterdir()}
