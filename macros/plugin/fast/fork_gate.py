"""The one rule for when the engine may fork: both forks (the parse pool, the pages made beside MkDocs) ask it."""

from __future__ import annotations

import threading


def may_fork(serving: bool = False) -> bool:
    """Whether this process may fork now: not under `mkdocs serve` (`serving`), and not while other threads
    run (a server, a timer, a test's), since a lock one of them holds at that moment would stay held in the
    child forever; Python 3.12 warns of it."""
    return not serving and threading.active_count() == 1
