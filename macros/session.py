"""What lives between builds: one BuildSession per process (`mkdocs build` or `mkdocs serve`).

The session owns every cache kept across rebuilds and the heap policy; the stages keep no state of their
own and are handed their cache (load.load(…, cache), validate.validate(…, cache), export.dossier_json(…,
cache)). A one-off build keeps no caches: it reads every file once anyway. `mkdocs_glue` creates the
session and the page hook wires MkDocs' events to it. No MkDocs imports here.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import background
from .export import ExportedRecords
from .fonts import SubsetCache
from .incremental import RenderCache
from .load import ParseCache
from .plugin_compat import RecordPages
from .template_cache import CompiledTemplates
from .validate import ValidatedRecords

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .background import PendingContent
    from .mkdocs_glue import DirtyOutput, ServeCommand


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


class HeapPolicy:
    """When the garbage collector walks the dossier, and when it is kept out of its way (gc.freeze).

    Under `mkdocs serve` the process keeps the dossier and its caches: hundreds of thousands of objects
    that Python's full collections scan again and again while a rebuild allocates, 0.4-0.6 s of each
    rebuild at 3,000 statements. So a while after each build, once the browser has reloaded and the server
    is idle, the heap is settled (`settle`). In a full build the long-lived objects are frozen as soon as
    they are made instead (`hold_long_lived`).
    """

    SETTLE_DELAY = 1.0  # seconds after a build: the browser has reloaded by then

    def __init__(self) -> None:
        self.serving = False
        self.only_build = False  # `mkdocs build` or `gh-deploy`: one build, then the process ends
        self.settling: threading.Timer | None = None
        self._lock = threading.Lock()  # stop_serving may run while a settle does: once it has, nothing stays frozen

    def settle(self) -> None:
        """Collect the last build's garbage, then freeze what is left out of the garbage collector's way.
        Unfreezing first lets each settle collect whatever the previous one froze and has since been dropped."""
        with self._lock:
            if self.serving:
                gc.unfreeze()
                gc.collect()
                gc.freeze()

    def hold_long_lived(self) -> None:
        """In a full build, once the dossier is loaded and its pages made: keep what lives until the build
        ends out of the garbage collector's full collections, which otherwise walk it again each time the
        build allocates enough (the 10,000-statement dossier, its index and pages: 1.3 s of full
        collections). Under `mkdocs serve`, `settle` does this between builds instead."""
        if not self.serving:
            gc.freeze()

    def build_finished(self) -> None:
        """At the end of every build, failed or not; under `mkdocs serve`, settles the heap once the server
        is idle."""
        if not self.serving:
            # What hold_long_lived held is garbage now, or soon: collected as usual again. Unless the process
            # ends with this build (`mkdocs build`): Python's last collection would then walk the whole heap
            # for nothing (0.25 s of a 1,000-statement build).
            if not self.only_build:
                gc.unfreeze()
            return
        if self.settling is not None:
            self.settling.cancel()
        self.settling = threading.Timer(self.SETTLE_DELAY, self.settle)
        self.settling.daemon = True
        self.settling.start()

    def start_serving(self) -> None:
        self.serving, self.only_build = True, False
        gc.unfreeze()

    def stop_serving(self) -> None:
        with self._lock:
            self.serving = False
            if self.settling is not None:
                self.settling.cancel()
            gc.unfreeze()


@dataclass
class BuildInProgress:
    """What one build's generated files still get (background.PendingContent), from on_files to the build's
    end, and the build's files, for the events MkDocs does not give them to (on_post_build, on_build_error)."""

    pending: PendingContent
    files: Files
    record_pages: RecordPages = RecordPages.ENGINE  # how record pages reach MkDocs this build (plugin_compat)


@dataclass
class BuildSession:
    """Every cache kept across the builds of one process, and its heap policy.

    The stage caches (parsed files, validated records, exported records) exist under `mkdocs serve` only,
    with what the engine changes of the serve command itself (mkdocs_glue.ServeCommand); with `--dirty`
    also the pages kept on disk with their render cache, and what the last build left in the site folder
    (mkdocs_glue.DirtyOutput). Compiled templates are kept for any process.
    """

    heap: HeapPolicy = field(default_factory=HeapPolicy)
    compiled_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    font_subsets: SubsetCache = field(default_factory=SubsetCache)  # a serve rebuild cuts no font again
    parsed: ParseCache | None = None
    validated: ValidatedRecords | None = None
    exported: ExportedRecords | None = None
    pages_on_disk: PagesOnDisk | None = None
    dirty_output: DirtyOutput | None = None
    serve_command: ServeCommand | None = None
    build: BuildInProgress | None = None  # between on_files and the build's end

    @property
    def serving(self) -> bool:
        """Whether this process is `mkdocs serve` (between on_startup and on_shutdown)."""
        return self.heap.serving

    def may_fork(self) -> bool:
        """Whether this build may fork (background.may_fork, the one rule for it)."""
        return background.may_fork(self.serving)

    def start_one_build(self) -> None:
        """`mkdocs build` or `gh-deploy` (and `mkdocs serve --clean`, until it serves)."""
        self.heap.only_build = True

    def start_serving(self, dirty: bool, dirty_output: DirtyOutput | None = None,
                      serve_command: ServeCommand | None = None) -> None:
        """`mkdocs serve` from now on: rebuilds reuse what did not change; with `dirty`, generated pages go
        to a temporary folder and `dirty_output` tracks the site folder. `serve_command`: the glue's
        changes to the command, kept here until `stop_serving`, which the glue then undoes."""
        self.heap.start_serving()
        self.serve_command = serve_command
        self.parsed, self.validated, self.exported = ParseCache(), ValidatedRecords(), ExportedRecords()
        if dirty:
            self.pages_on_disk = PagesOnDisk(Path(tempfile.mkdtemp(prefix="dossier-pages-")))
            self.dirty_output = dirty_output

    def stop_serving(self) -> None:
        self.heap.stop_serving()
        if self.pages_on_disk is not None:
            shutil.rmtree(self.pages_on_disk.folder, ignore_errors=True)
        self.parsed = self.validated = self.exported = None
        self.pages_on_disk = self.dirty_output = self.serve_command = None

    def start_build(self) -> None:
        """At on_files, before the build's pages are made."""
        self._end_pending()  # a previous build's, if that build ended without on_post_build or on_build_error
        if self.dirty_output is not None:
            self.dirty_output.start_build()

    def finish_build(self) -> None:
        """The build's end, failed or not: a second process making its pages, if any, is stopped, and the
        heap policy runs."""
        self._end_pending()
        self.heap.build_finished()

    def _end_pending(self) -> None:
        if self.build is not None:
            self.build.pending.close()
            self.build = None
