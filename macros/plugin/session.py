"""What lives between builds: the dossier plugin's BuildSession (`mkdocs build` or `mkdocs serve`).

The session holds the speed-ups (`speed`, plugin.fast.speed.Speed: every cache kept across rebuilds, the
heap policy, the compiled templates) while the speed switch is on, and what the engine changes of `mkdocs
serve` itself; the stages keep no state of their own and are handed their caches. The dossier plugin
(plugin.dossier_plugin.DossierPlugin) owns the session and wires MkDocs' events to it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from mkdocs.structure.files import Files

from macros.plugin.fast.background import PendingContent
from macros.plugin.fast.speed import Speed
from macros.plugin.other_plugins import RecordPages
from macros.plugin.search_index import SearchIndexBuild
from macros.plugin.serving import DirtyOutput, ServeCommand


@dataclass
class BuildInProgress:
    """What one build's generated files still get (background.PendingContent), from on_files to the build's
    end, and the build's files, for the events MkDocs does not give them to (on_post_build, on_build_error)."""

    pending: PendingContent
    files: Files
    record_pages: RecordPages = RecordPages.ENGINE  # how record pages reach MkDocs this build (other_plugins)


@dataclass
class BuildSession:
    """What the builds of one process share: the speed-ups while the switch is on (`speed`), and under
    `mkdocs serve` what the engine changes of the serve command itself (serving.ServeCommand) and, with
    `--dirty`, what the last build left in the site folder (serving.DirtyOutput)."""

    speed: Speed | None = field(default_factory=Speed)  # None: the speed switch is off (DossierConfig.fast)
    serving: bool = False  # this process is `mkdocs serve` (between on_startup and on_shutdown)
    command: str | None = None  # the MkDocs command this process runs (on_startup), if it said
    built: bool = False  # the last build got through its post_build without an error (MkDocs' strict check comes after)
    dirty: bool = False  # … with --dirty
    only_build: bool = False  # `mkdocs build` or `gh-deploy`: one build, then the process ends
    dirty_output: DirtyOutput | None = None
    serve_command: ServeCommand | None = None
    build: BuildInProgress | None = None  # between on_files and the build's end
    # Each page's HTML blocks set aside from its Markdown (renderer.set_aside_html), by page, from
    # on_page_markdown to on_page_context: (the blocks search reads, those it skips).
    set_aside: dict[str, tuple[dict[str, str], dict[str, str]]] = field(default_factory=dict)
    search_index: SearchIndexBuild = field(default_factory=SearchIndexBuild)  # Pagefind's, page by page

    def use_speed(self, fast: bool) -> None:
        """The speed switch, read from the plugin's settings at each build: on, the speed-ups are made (as
        for a process starting now); off, they are dropped, and nothing is done only for speed."""
        if fast and self.speed is None:
            self.speed = Speed()
            if self.serving:
                self.speed.start_serving(self.dirty)
            elif self.only_build:
                self.speed.start_one_build()
        elif not fast and self.speed is not None:
            self.speed.stop_serving()
            self.speed = None

    def may_fork(self) -> bool:
        """Whether this build may fork (background.may_fork, the one rule for it): never with the switch off."""
        return self.speed is not None and self.speed.may_fork()

    def start_one_build(self) -> None:
        """`mkdocs build` or `gh-deploy` (and `mkdocs serve --clean`, until it serves)."""
        self.only_build = True
        if self.speed is not None:
            self.speed.start_one_build()

    def start_serving(self, dirty: bool, dirty_output: DirtyOutput | None = None,
                      serve_command: ServeCommand | None = None) -> None:
        """`mkdocs serve` from now on: with `dirty`, `dirty_output` tracks the site folder. `serve_command`:
        the glue's changes to the command, kept here until `stop_serving`, which the plugin then undoes."""
        self.serving, self.dirty, self.only_build = True, dirty, False
        self.serve_command = serve_command
        self.dirty_output = dirty_output if dirty else None
        if self.speed is not None:
            self.speed.start_serving(dirty)

    def stop_serving(self) -> None:
        self.serving = self.dirty = False
        if self.speed is not None:
            self.speed.stop_serving()
        self.dirty_output = self.serve_command = None

    def start_build(self) -> None:
        """At on_files, before the build's pages are made."""
        self.built = False
        self._end_pending()  # a previous build's, if that build ended without on_post_build or on_build_error
        self.set_aside.clear()
        if self.dirty_output is not None:
            self.dirty_output.start_build()

    def finish_build(self) -> None:
        """The build's end, failed or not: the processes making its pages, if any, are stopped, and the
        heap policy runs."""
        self._end_pending()
        if self.speed is not None:
            self.speed.heap.build_finished()

    def end_of_command(self) -> None:
        """on_shutdown, MkDocs' last event: after a `mkdocs build` that succeeded, with the speed switch on,
        the process ends at once (heap.HeapPolicy.end_the_process). After a failure it ends as Python ends it,
        with MkDocs' status; and `gh-deploy` still has its deploying to do."""
        if self.command == "build" and self.built and self.speed is not None and threading.active_count() == 1:
            self.speed.heap.end_the_process()  # (another thread, a plugin's, would be waited for: then Python ends it)

    def _end_pending(self) -> None:
        if self.build is not None:
            self.build.pending.close()
            self.build = None
