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

# One group of values made in the background: the paths, in order, and what makes the value of one path.
MadeGroup = tuple[list[str], Callable[[str], Any]]


class MadeInBackground:
    """Pages and files made by a forked process, in the order given, while MkDocs builds the site.

    Making a record page (template, then Python-Markdown) takes 1.5-2 ms; MkDocs then spends about as long
    on it again (theme templates, search, writing), all in one process. MkDocs needs a page's HTML only
    when it builds that page from the theme, after it has read every page's Markdown and copied the
    static files: so a second process makes everything the engine generates, in the order MkDocs needs
    it, and the page hook takes each value when MkDocs gets to it (`take`). On two cores the engine's
    share of a build then runs beside MkDocs' rather than before it. A thread here receives the values as
    they come, so the second process never waits for MkDocs.
    Only where `may_fork` allows it: a serving process has server threads, and its rebuilds make only the
    pages an edit can change (incremental.generated_pages_again).
    """

    BATCH = 25  # values per message: fewer, larger messages cost less than one per page

    def __init__(self, groups: list[MadeGroup]):
        """`groups`: (paths, what makes one path's value), in the order they are needed; the values of a
        group are sent by BATCH, and its last ones as soon as they are made."""
        context = multiprocessing.get_context("fork")  # the process inherits the loaded dossier and renderer
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_make_in_background, args=(groups, sending, receiving, os.getpid()), daemon=True)
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


def _make_in_background(groups: list[MadeGroup], sending: Connection, receiving: Connection, parent: int) -> None:
    """In the forked process: each value, sent in batches, then an empty batch (or the error)."""
    _stop_when_the_parent_dies(receiving, parent)
    try:
        for paths, make in groups:
            batch: dict[str, Any] = {}
            for path in paths:
                batch[path] = make(path)
                if len(batch) == MadeInBackground.BATCH:
                    sending.send(batch)
                    batch = {}
            if batch:
                sending.send(batch)
        sending.send({})
    except (BrokenPipeError, ConnectionResetError):
        return  # the build is gone: nobody reads what was made
    except Exception:
        sending.send(traceback.format_exc())
    finally:
        sending.close()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _stop_when_the_parent_dies(receiving: Connection, parent: int) -> None:
    """Make the forked process end with the build. Ctrl-C reaches the whole process group, but SIGTERM or
    SIGKILL sent to the build's own process left this one alive, blocked writing to a pipe nobody read: the
    fork had inherited the pipe's reading end, so the pipe never broke. It closes that end (a write once the
    build is gone fails, and the process ends), and on Linux asks the kernel for SIGTERM when the parent
    dies, which also ends it while it is busy making a page."""
    receiving.close()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass  # no prctl: the broken pipe still ends the process at its next write
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the request was made


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
        """At the end of the build, failed or not: the second process, if any, is stopped."""
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
    made = MadeInBackground([(index_pages, make_index_page), (exports, make_export), (record_pages, make_record_page_html)])
    pages = dict.fromkeys(index_pages, GeneratedPage(""))
    pages.update((path, GeneratedPage(header_of(path.partition("/")[0]))) for path in record_pages)
    return pages, PendingContent(set(index_pages), set(exports), set(record_pages), made)
