"""Pagefind's index made beside MkDocs' page writing, not after it.

Run after the build, Pagefind read every page back from disk and parsed it again: 1-1.5 s of a 1,000-statement
build on two cores, with the second core idle (maintainers/performance.md). Here each page's final HTML goes to
Pagefind's own service process (`pagefind.index.PagefindIndex`, the Python API of `pagefind[bin]`) as MkDocs
writes it, so Pagefind parses on the other core while MkDocs renders the next pages; the index files are
written at the end. A thread in this process runs the API's event loop and only forwards the pages.

Started at the first page, after the engine's fork (background.may_fork: no thread may run when it forks),
and stopped at the build's end, failed or not. Speed code: with the speed switch off, Pagefind's CLI indexes
the written site after the build (plugin/search.index_site), and finds the same pages (its fragment files
are these, byte for byte: tests/engine/test_search_index_beside.py, test_speed_switch.py).
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService

# What plugin/search.mark_for_search puts on a page Pagefind is to index; a page without it stays out, as the
# CLI leaves it out once any page of the site has it.
MARKED = "data-pagefind-body"


class PagefindBeside:
    """One build's Pagefind index, fed page by page (`add`) and written once (`write`)."""

    def __init__(self, exclude_selectors: tuple[str, ...]):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._config = {"exclude_selectors": list(exclude_selectors)}
        self._index: PagefindIndex | None = None
        self._started: Future[Any] = self._submit(self._start())
        self._added: list[Future[Any]] = []

    async def _start(self) -> None:
        service = await _PromptService().launch()
        self._index = await service.create_index(self._config)  # type: ignore[arg-type]  # IndexConfig is a TypedDict of these keys

    def _submit(self, work: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def add(self, url: str, html: str) -> None:
        """A page as written, at its site-absolute URL ("/claims/x/"), as Pagefind's CLI would name it."""
        self._added.append(self._submit(self._add(url, html)))

    async def _add(self, url: str, html: str) -> None:
        await asyncio.wrap_future(self._started)
        assert self._index is not None
        await self._index.add_html_file(content=html, url=url)

    def write(self, output: Path) -> None:
        """Every page added, then the index files into `output` (site_dir/pagefind). Raises the API's error.

        The files are taken from the service and written here: its own `write_files` (1.5.2) answers before
        its writes reach the disk, and the service ends with its input, so under load a build could end with
        a file cut short (a 0-byte pagefind-worker.js was seen)."""
        try:
            self._started.result()
            for added in self._added:
                added.result()
            assert self._index is not None
            files = self._submit(self._index.get_files()).result()
        finally:
            self.close()
        for file in files:
            path = output / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file["content"])

    def close(self) -> None:
        """The service process and the thread end; safe to call twice."""
        if not self._thread.is_alive():
            return
        self._submit(self._stop()).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    async def _stop(self) -> None:
        service = getattr(self._index, "_service", None)
        if isinstance(service, _PromptService):
            await service.finish()


def read_back(pages: list[tuple[str, str]], start: Callable[[], PagefindBeside]) -> PagefindBeside | None:
    """Under `serve --dirty` (MkDocs writes only the pages an edit changed): every written page Pagefind is to
    index, read from the site folder and given to an index made by `start`, in the order of `pages` (URL,
    written file), MkDocs' list of pages. Pagefind numbers pages in the order it gets them, so the index is
    then the full build's, byte for byte (tests/engine/test_serve_equals_build.py). None: no page is marked."""
    index = None
    for url, written in pages:
        path = Path(written)
        output = path.read_text(encoding="utf-8") if path.is_file() else ""
        if MARKED in output:
            index = index or start()
            index.add(url, output)
    return index


_LONGEST_MESSAGE = 1 << 31  # bytes: a bound on one answer's length, not memory set aside


class _PromptService(PagefindService):
    """Pagefind's service, its answers read as they come. The API's own reader (1.5.2) sleeps 0.1 s before
    reading each answer, one per page added: 0.1 s a page, 134 s instead of 33 s for a 1,000-statement build.
    The messages are Pagefind's: base64 of JSON, each ending in a comma. The answer holding every index file
    is one message (18 MB at 10,000 statements), so the reader takes messages of any length."""

    async def launch(self) -> _PromptService:
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, limit=_LONGEST_MESSAGE)
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def finish(self) -> None:
        """The service ends as its input does, once it has written what it was asked to: the API's `close`
        kills it (SIGTERM), which could cut short the index files it was still writing."""
        assert self._backend.stdin is not None
        self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=60)
        except asyncio.TimeoutError:
            self._backend.kill()
            await self._backend.wait()
        self._poll_task.cancel()

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        while True:
            try:
                message = await self._backend.stdout.readuntil(b",")
            except asyncio.IncompleteReadError:
                return  # the service ended (finish)
            response = json.loads(base64.b64decode(message[:-1]))
            if not response:
                continue
            payload = response["payload"]
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):  # a request Pagefind could not read
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id)
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(payload.get("message", "Pagefind failed")))
            else:
                future.set_result(payload)
