"""When the garbage collector walks the dossier, and when it is kept out of its way: speed only."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while loading and validating, back as it was after.

    These stages make hundreds of thousands of objects that all stay alive and form no garbage cycles,
    and each full collection walks every one made so far: 0.4–0.9 s of a 10,000-statement check.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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

    def end_the_process(self) -> NoReturn:
        """`mkdocs build` has succeeded and has nothing left to do: the process exits now, with status 0, after
        what Python does at exit (atexit's handlers: logging flushed, temporary folders removed,
        multiprocessing's clean-up) but without tearing its heap down object by object, the dossier, its
        pages and MkDocs' own: 0.3 s of a 1,000-statement build, from the last atexit handler to the end."""
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a closed or broken stream: nothing left to say on it
                stream.flush()
        os._exit(0)

    def start_serving(self) -> None:
        self.serving, self.only_build = True, False
        gc.unfreeze()

    def stop_serving(self) -> None:
        with self._lock:
            self.serving = False
            if self.settling is not None:
                self.settling.cancel()
            gc.unfreeze()
