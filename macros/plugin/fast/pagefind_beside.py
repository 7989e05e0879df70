"""Pagefind's index made beside MkDocs' page writing, not after it.

Run after the build, Pagefind read every page back from disk and parsed it again: 1-1.5 s of a 1,000-statement
build on two cores, with the second core idle (maintainers/performance.md). Here each page's final HTML goes to
Pagefind's own service process (`pagefind --service`, the binary of `pagefind[bin]`, spoken to as its Python
API does) as MkDocs writes it, so Pagefind parses on the other core while MkDocs renders the next pages; the
index files are written at the end.

No thread of this process takes part: a page is one message written to the service's input, and its answers
are left in its output pipe until the end, read then in one go. The API's own way (an asyncio loop on a thread
of this process, woken for every page) made the build wait on that thread for its interpreter lock at each
page and each file MkDocs wrote (0.8 s in the wake-ups alone, profiled at 1,000 statements). The service
reads its input on a thread of its own and queues every request, so a write here waits for it only while its
pipe is full; its answers' writer waits while nobody reads them, and the indexing goes on meanwhile. Only the
part of a page Pagefind reads is sent (`indexed_part`).

Started at the first page, after the engine's fork (background.may_fork), and stopped at the build's end,
failed or not. Speed code: with the speed switch off, Pagefind's CLI indexes the written site after the build
(plugin/search.index_site), and finds the same pages (its fragment files are these, byte for byte:
tests/engine/test_search_index_beside.py, test_speed_switch.py).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import select
import subprocess
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

# What plugin/search.mark_for_search puts on a page Pagefind is to index; a page without it stays out, as the
# CLI leaves it out once any page of the site has it.
MARKED = "data-pagefind-body"

_PIPE_BYTES = 1 << 20  # the service's input pipe, widened (Linux' default ceiling): a page's message seldom waits
_READ_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # linux/fcntl.h; Python 3.10+ names it


class PagefindBeside:
    """One build's Pagefind index, fed page by page (`add`) and written once (`write`)."""

    def __init__(self, exclude_selectors: tuple[str, ...]):
        binary = get_executable()
        if binary is None:
            raise FileNotFoundError("Could not find pagefind binary")
        self._said = tempfile.TemporaryFile()  # the service's own words (stderr), for an error message
        self._service = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._said)
        assert self._service.stdin is not None
        self._input = self._service.stdin.fileno()
        with contextlib.suppress(OSError):  # not Linux, or a lower ceiling: the pipe keeps its size
            fcntl.fcntl(self._input, _F_SETPIPE_SZ, _PIPE_BYTES)
        # The build never waits for the service to read: what its input pipe cannot take yet waits here, and
        # goes as it empties (a service that indexes one page at a time reads the next only then).
        os.set_blocking(self._input, False)
        self._waiting: deque[memoryview] = deque()
        self._read: list[bytes] = []  # the service's output read while waiting for its input pipe
        self._sent = 0  # the last message's id
        self._broken: str | None = None  # why the service stopped taking pages, if it did
        self._send({"type": "NewIndex", "config": {"exclude_selectors": list(exclude_selectors)}})

    def _send(self, payload: dict[str, Any], *, wait: bool = False) -> int:
        """`payload` for the service as its API writes it (base64 of JSON, ending in a comma); its id. Written
        now as far as the pipe takes it, all of it with `wait`."""
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._waiting.append(memoryview(base64.b64encode(json.dumps(message).encode("utf-8")) + b","))
        self._write_waiting(wait)
        return self._sent

    def _write_waiting(self, wait: bool) -> None:
        while self._waiting and self._broken is None:
            chunk = self._waiting[0]
            try:
                written = os.write(self._input, chunk)
            except BlockingIOError:
                if not wait:
                    return
                self._wait_for_the_pipe()
                continue
            except OSError as error:  # the service ended: said at `write`, with what it printed
                self._broken = str(error)
                self._waiting.clear()
                return
            if written < len(chunk):
                self._waiting[0] = chunk[written:]
            else:
                self._waiting.popleft()

    def _wait_for_the_pipe(self) -> None:
        """Until the input pipe takes more, its answers read meanwhile (kept for `_answers`): a service that
        could not write them would read no more."""
        assert self._service.stdout is not None
        output = self._service.stdout.fileno()
        ready = select.poll()
        ready.register(output, select.POLLIN)
        ready.register(self._input, select.POLLOUT)
        if any(fd == output for fd, _ in ready.poll()):
            chunk = os.read(output, _READ_BYTES)
            self._read.append(chunk)
            if not chunk:  # the service ended: said at `write`, with what it printed
                self._broken = "Pagefind's service ended"
                self._waiting.clear()

    def add(self, url: str, html: str) -> None:
        """A page as written, at its site-absolute URL ("/claims/x/"), as Pagefind's CLI would name it."""
        # The service's first index is number 0 (it numbers them as it makes them).
        self._send({"type": "AddFile", "index_id": 0, "url": url, "file_contents": indexed_part(html), "file_path": None})

    def write(self, output: Path) -> None:
        """Every page added, then the index files into `output` (site_dir/pagefind). Raises the service's error.

        The files are taken from the service and written here: its own `write_files` (1.5.2) answers before
        its writes reach the disk, and the service ends with its input, so under load a build could end with
        a file cut short (a 0-byte pagefind-worker.js was seen)."""
        try:
            asked = self._send({"type": "GetFiles", "index_id": 0}, wait=True)
            files = next(payload for message_id, payload in self._answers() if message_id == asked)["files"]
        finally:
            self.close()
        made: set[Path] = set()  # each folder once: 1,200 fragments share one, and a mkdir cost 0.1 ms on the benchmark machine
        for file in files:
            path = output / file["path"]
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(base64.b64decode(file["content"]))

    def _answers(self) -> Iterator[tuple[int | None, dict[str, Any]]]:
        """The service's answers in order, (message id, payload), read from its output as they come; raises
        the first error it answered, or why it ended without answering."""
        assert self._service.stdout is not None
        for message in _messages(self._read, self._service.stdout):
            response = json.loads(base64.b64decode(message))
            if not response:
                continue
            payload = response["payload"]
            if payload["type"] == "Error":
                raise RuntimeError(payload.get("message") or "Pagefind failed")
            yield response.get("message_id"), payload
        self._service.wait()
        self._said.seek(0)
        said = self._said.read().decode("utf-8", "replace").strip()
        raise RuntimeError(said or self._broken or f"Pagefind's service ended (exit status {self._service.returncode})")

    def close(self) -> None:
        """The service process ends; safe to call twice. It ends as its input does, at once: its answer holding
        the index files has been read by then, and it writes nothing to disk."""
        if self._service.stdin is not None and not self._service.stdin.closed:
            with contextlib.suppress(OSError):
                self._service.stdin.close()
        try:
            self._service.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._service.kill()
            self._service.wait()
        if self._service.stdout is not None:
            self._service.stdout.close()
        self._said.close()


def indexed_part(html: str) -> str:
    """What Pagefind reads of a marked page: its marked element (Material's content area, holding the article)
    under the page's own `<html>` tag (its language). The head, header, tabs and sidebars before it and the
    footer and scripts after it were most of the bytes Pagefind parsed (17 of a statement page's 23 KB) and
    give it nothing: no text outside the marked element is indexed, and they hold no `data-pagefind-`
    attribute nor the `<h1>` its title comes from. A page where they would goes whole. Pagefind's fragments
    of a site are the same either way (tests/engine/test_search_index_beside.py compares them with its CLI's,
    made from whole pages)."""
    marked = html.find(MARKED)
    start = html.rfind("<", 0, marked)
    opening = html.find("<html")
    opened = html.find(">", opening) + 1
    if marked < 0 or not 0 <= opening < opened <= start or not html.startswith('<div class="md-content"', start) \
            or ">" in html[start:marked]:
        return html
    article = html.rfind("</article>") + len("</article>")
    end = html.find("</div>", article) + len("</div>")
    if article <= marked or end <= article or html[article:end - len("</div>")].strip():
        return html  # the content area holds more than its article, or no article
    dropped = html[opened:start] + html[end:]
    if "data-pagefind" in dropped or "<h1" in dropped or "<h1" not in html[start:end]:
        return html
    return f"{html[:opened]}<body>{html[start:end]}</body></html>"


def _messages(read: list[bytes], output: IO[bytes]) -> Iterator[bytes]:
    """The comma-ended messages of what was `read` and then of `output`, without their commas, until it ends.
    One message can be long (the answer holding every index file: 18 MB at 10,000 statements), so its pieces
    are joined once."""
    pieces: list[bytes] = []
    chunks = itertools.chain(read, iter(lambda: output.read1(_READ_BYTES), b""))  # type: ignore[attr-defined]  # Popen's stdout
    for chunk in chunks:
        start = 0
        while (comma := chunk.find(b",", start)) >= 0:
            pieces.append(chunk[start:comma])
            yield b"".join(pieces)
            pieces = []
            start = comma + 1
        pieces.append(chunk[start:])


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
