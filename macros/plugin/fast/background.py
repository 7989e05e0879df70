"""Work done in a forked process while MkDocs builds.

Both forks of the engine go through `fork_gate.may_fork`: the load stage's parse pool (parse_pool.parse_many) and
the pages made beside MkDocs (MadeInBackground, `generated_pages_in_background`). Nothing here imports MkDocs, but PendingContent follows its
event order: what MkDocs reads first (index pages' Markdown) is made first.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from macros.site.conversion import MarkdownSettings, PageConverter, PageHtml
from macros.site.pages import GeneratedPage, header_of, index_page_markdown, index_page_paths, key_of, path_of, record_keys_of, record_page_html
from macros.site.pipeline import Site

# Processes making the pages beside MkDocs on a machine of two cores or more. Two on two cores: with one, MkDocs'
# process waited for it (maintainers/performance.md).
MAKING_PROCESSES = 2

# One group of values made in the background: the paths, in order, and what makes the value of one path.
MadeGroup = tuple[list[str], Callable[[str], Any]]


class MadeInBackground:
    """Pages and files made by forked processes, in the order given, while MkDocs builds the site.

    Making a record page (template, then Python-Markdown) takes 1.5-2 ms; MkDocs then spends about as long
    on it again (theme templates, search, writing), all in one process. MkDocs needs a page's HTML only
    when it builds that page from the theme, after it has read every page's Markdown and copied the
    static files: so other processes make everything the engine generates, in the order MkDocs needs
    it, and the page hook takes each value when MkDocs gets to it (`take`). On two cores the engine's
    share of a build then runs beside MkDocs' rather than before it. With `processes` > 1 they take turns
    by BATCH (the first makes values 0-24 of each group, the second 25-49, …): one making process was the
    one MkDocs waited for, while MkDocs' own process sat idle for a fifth of the build (maintainers/performance.md).
    A thread here per process receives the values as they come, so no making process waits for MkDocs.
    Only where `may_fork` allows it: a serving process has server threads, and its rebuilds make only the
    pages an edit can change (incremental.generated_pages_again).
    """

    BATCH = 25  # values per message: fewer, larger messages cost less than one per page

    def __init__(self, groups: list[MadeGroup], processes: int = 1):
        """`groups`: (paths, what makes one path's value), in the order they are needed; the values of a
        group are sent by BATCH, and its last ones as soon as they are made. `processes`: how many make them,
        taking turns."""
        context = multiprocessing.get_context("fork")  # the processes inherit the loaded dossier and renderer
        receiving_ends: list[Connection] = []
        self._processes = []
        for turn in range(processes):  # every fork before the first thread starts (fork_gate.may_fork)
            receiving, sending = context.Pipe(duplex=False)
            receiving_ends.append(receiving)
            process = context.Process(target=_make_in_background, args=(groups, (turn, processes), sending, receiving_ends, os.getpid()),
                                      daemon=True)
            process.start()
            sending.close()
            self._processes.append(process)
        self._made: dict[str, Any] = {}
        self._failed: dict[str, str] = {}  # path → why it could not be made (the making process's traceback)
        self._stopped: str | None = None  # why a making process ended without a path to blame, if one did
        self._making = processes  # processes still making
        self._arrived = threading.Condition()
        self._receivers = [threading.Thread(target=self._receive, args=(receiving,), daemon=True) for receiving in receiving_ends]
        for receiver in self._receivers:
            receiver.start()

    def _receive(self, receiving: Connection) -> None:
        with receiving:
            making = True
            while making:
                try:
                    batch = receiving.recv()
                except (EOFError, OSError):
                    batch = "a process making the dossier's pages stopped before it had made them all"
                with self._arrived:
                    if isinstance(batch, dict) and batch:
                        self._made.update(batch)
                    else:  # it has sent everything (an empty batch), or ended at a value it could not make, or died
                        making = False
                        self._making -= 1
                        if isinstance(batch, tuple):  # (path, traceback)
                            self._failed[batch[0]] = batch[1]
                        elif isinstance(batch, str):
                            self._stopped = self._stopped or batch
                    self._arrived.notify_all()

    def take(self, path: str) -> Any:
        """What was made for `path`, waiting for it if it has not been sent yet. Raises RuntimeError with the
        traceback if the value could not be made, or once no process is left to make it."""
        with self._arrived:
            self._arrived.wait_for(lambda: path in self._made or path in self._failed or self._making == 0)
            if path in self._made:
                return self._made.pop(path)
            if path in self._failed:
                raise RuntimeError(self._failed[path])
            first_failure = next(iter(self._failed.values()), None)
            raise RuntimeError(self._stopped or first_failure or f"nothing was made for {path}")

    def close(self) -> None:
        """At the end of the build, failed or not."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join()
        for receiver in self._receivers:
            receiver.join(timeout=5)


def _make_in_background(groups: list[MadeGroup], turn: tuple[int, int], sending: Connection, receiving_ends: list[Connection],
                        parent: int) -> None:
    """In a forked process: the values of its turns (`turn`: (this one, of how many), by BATCH within each
    group), sent in batches, then an empty batch; or, at the first value it cannot make, (that path, the
    traceback), and no more."""
    _stop_when_the_parent_dies(receiving_ends, parent)
    mine, turns = turn
    try:
        for paths, make in groups:
            batch: dict[str, Any] = {}
            for number, path in enumerate(paths):
                if number // MadeInBackground.BATCH % turns != mine:
                    continue
                try:
                    batch[path] = make(path)
                except Exception:
                    if batch:
                        sending.send(batch)  # what was made before it
                    sending.send((path, traceback.format_exc()))
                    return
                if len(batch) == MadeInBackground.BATCH:
                    sending.send(batch)
                    batch = {}
            if batch:
                sending.send(batch)
        sending.send({})
    except (BrokenPipeError, ConnectionResetError):
        return  # the build is gone: nobody reads what was made
    except Exception:  # not a value's: the paths themselves
        sending.send(traceback.format_exc())
    finally:
        sending.close()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _stop_when_the_parent_dies(receiving_ends: list[Connection], parent: int) -> None:
    """Make the forked process end with the build. Ctrl-C reaches the whole process group, but SIGTERM or
    SIGKILL sent to the build's own process left this one alive, blocked writing to a pipe nobody read: the
    fork had inherited the pipe's reading end, so the pipe never broke. It closes the reading ends it inherited,
    its own pipe's and those of the processes forked before it (a write once the build is gone fails, and the
    process ends), and on Linux asks the kernel for SIGTERM when the parent dies, which also ends it while it
    is busy making a page."""
    for receiving in receiving_ends:
        receiving.close()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass  # no prctl: the broken pipe still ends the process at its next write
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the request was made


def _cores() -> int:
    """The cores this process may run on (not every platform can say which: then the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ReadyPages(dict[str, PageHtml]):
    """Record pages' HTML made in this process (pages.generated_pages), taken as MadeInBackground's are."""

    def take(self, path: str) -> PageHtml:
        return self.pop(path)


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
        """At the end of the build, failed or not: the processes making pages, if any, are stopped."""
        if isinstance(self.source, MadeInBackground):
            self.source.close()


def generated_pages_in_background(site: Site, markdown_settings: MarkdownSettings,
                                  exports: list[str], make_export: Callable[[str], str]) -> tuple[dict[str, GeneratedPage], PendingContent]:
    """A full build's generated pages and `exports` (paths; `make_export(path)` makes one's text), made by
    a forked process while MkDocs builds the site (see MadeInBackground). The pages are what MkDocs lists
    at first: index pages empty, record pages their front matter; the rest comes as PendingContent."""
    renderer, converter = site.renderer, PageConverter(markdown_settings)
    index_pages = index_page_paths(renderer)
    record_pages = [path_of(key) for key in record_keys_of(site)]

    def make_index_page(path: str) -> str:
        return index_page_markdown(renderer, path)

    def make_record_page_html(path: str) -> PageHtml:
        return record_page_html(renderer, converter, key_of(path))

    # In the order MkDocs needs them: index pages when it reads every page's Markdown, exports when it
    # copies the static files, record pages' HTML when it builds each page from the theme.
    made = MadeInBackground([(index_pages, make_index_page), (exports, make_export), (record_pages, make_record_page_html)],
                            processes=MAKING_PROCESSES if _cores() > 1 else 1)
    pages = dict.fromkeys(index_pages, GeneratedPage(""))
    pages.update((path, GeneratedPage(header_of(path.partition("/")[0]))) for path in record_pages)
    return pages, PendingContent(set(index_pages), set(exports), set(record_pages), made)
