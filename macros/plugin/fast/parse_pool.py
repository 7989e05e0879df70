"""A large data folder parsed in worker processes, one per core: speed only (load.load parses one file
after another without it)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from macros.records.load import FileToParse, Parsed, parse_entry

from .fork_gate import may_fork

# Parsing is most of a large check (libyaml parses in C, PyYAML builds the values in Python), and each
# file is independent: from this many files on, they are parsed in worker processes, one per core.
# Below it, starting the workers costs more than it saves.
PARALLEL_FROM = 2000


def parse_many(files: list[FileToParse], serving: bool = False) -> list[Parsed]:
    """Each file's (record, error), in the order given: in worker processes where the folder is large and
    `may_fork` allows it (never under `mkdocs serve`), else in this one."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) >= PARALLEL_FROM and workers > 1 and may_fork(serving):
        # fork: the workers inherit the loaded modules, nothing is imported again.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(parse_entry, files, chunksize=max(1, len(files) // (workers * 4))))
    return [parse_entry(file) for file in files]
