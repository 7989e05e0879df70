"""Pagefind's index made beside MkDocs' page writing, not after it.

Run after the build, Pagefind read every page back from disk and parsed it again: 1-1.5 s of a 1,000-statement
build on two cores, with the second core idle (maintainers/performance.md). Here each page's final HTML goes to
Pagefind's own service process (`pagefind.index.PagefindIndex`, the Python API of `pagefind[bin]`) as MkDocs
writes it, so Pagefind parses on the other core while MkDocs renders the next pages; the index files are
written at the end. A thread in this process runs the API's event loop and only forwards the pages.

Started at the first page, after the engine's fork (background.may_fork: no thread may run when it forks),
and stopped at the build's end, failed or not.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex


class PagefindBeside:
    """One build's Pagefind index, fed page by page (`add`) and written once (`write`)."""

    def __init__(self, exclude_selectors: tuple[str, ...]):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._index = PagefindIndex(config={"exclude_selectors": list(exclude_selectors)})
        self._started: Future[Any] = self._submit(self._index.__aenter__())
        self._added: list[Future[Any]] = []

    def _submit(self, work: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def add(self, url: str, html: str) -> None:
        """A page as written, at its site-absolute URL ("/claims/x/"), as Pagefind's CLI would name it."""
        self._added.append(self._submit(self._add(url, html)))

    async def _add(self, url: str, html: str) -> None:
        await asyncio.wrap_future(self._started)
        await self._index.add_html_file(content=html, url=url)

    def write(self, output: Path) -> None:
        """Every page added, then the index files into `output` (site_dir/pagefind). Raises the API's error."""
        try:
            self._started.result()
            for added in self._added:
                added.result()
            self._submit(self._index.write_files(output_path=str(output))).result()
        finally:
            self.close()

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
        if service is not None:
            await service.close()
