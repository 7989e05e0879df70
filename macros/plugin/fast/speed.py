"""`Speed`: every speed-up of one MkDocs process, owned by the plugin's session (session.BuildSession.speed)
while the switch is on. Handed to the stages as what they reuse (check.CheckSpeed,
pipeline.BuildSpeed): the lower floors never import this."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import jinja2

from macros.records.fonts import SubsetCache
from macros.records.load import FileToParse, ParseCache, Parsed
from macros.records.validate import ValidatedRecords
from macros.site.export import ExportedRecords

from . import heap, parse_pool, shared_partials
from .fork_gate import may_fork
from .heap import HeapPolicy
from .incremental import PagesOnDisk
from .link_brackets import LinkBrackets
from .template_cache import CompiledTemplates


class Speed:
    """The speed-ups of one process: its heap policy and compiled templates; under `mkdocs serve` the
    stage caches (parsed files, validated records, exported records: a rebuild redoes only what changed),
    and with `--dirty` the generated pages kept on disk with their render cache."""

    def __init__(self) -> None:
        self.heap = HeapPolicy()
        self.compiled_templates = CompiledTemplates()
        self.font_subsets = SubsetCache()  # a serve rebuild cuts no font again
        self.parsed: ParseCache | None = None
        self.validated: ValidatedRecords | None = None
        self.exported: ExportedRecords | None = None
        self.pages_on_disk: PagesOnDisk | None = None

    def may_fork(self) -> bool:
        """Whether this build may fork (background.may_fork, the one rule for it)."""
        return may_fork(self.heap.serving)

    def parse_many(self, files: list[FileToParse]) -> list[Parsed]:
        return parse_pool.parse_many(files, self.heap.serving)

    def theme_environment(self, env: jinja2.Environment) -> None:
        """on_env: the theme's templates compiled once per process, the parts of its page template that are not a
        page's own (its navigation among them) rendered once per folder of record pages."""
        env.bytecode_cache = self.compiled_templates
        shared_partials.render_once_per_folder(env)

    def markdown_extensions(self, extensions: list[Any]) -> None:
        """on_config, after the plugins that add Markdown extensions: links' text found by reading the link
        (link_brackets.LinkBrackets), for MkDocs' conversions and the engine's alike."""
        if not any(isinstance(extension, LinkBrackets) for extension in extensions):
            extensions.append(LinkBrackets())

    def collector_paused(self) -> AbstractContextManager[None]:
        return heap.collector_paused()

    def start_one_build(self) -> None:
        self.heap.only_build = True

    def start_serving(self, dirty: bool) -> None:
        """`mkdocs serve` from now on: rebuilds reuse what did not change; with `dirty`, generated pages go
        to a temporary folder."""
        self.heap.start_serving()
        self.parsed, self.validated, self.exported = ParseCache(), ValidatedRecords(), ExportedRecords()
        if dirty:
            self.pages_on_disk = PagesOnDisk(Path(tempfile.mkdtemp(prefix="dossier-pages-")))

    def stop_serving(self) -> None:
        self.heap.stop_serving()
        if self.pages_on_disk is not None:
            shutil.rmtree(self.pages_on_disk.folder, ignore_errors=True)
        self.parsed = self.validated = self.exported = None
        self.pages_on_disk = None
