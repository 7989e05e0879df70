"""What `python -m macros check` uses of the speed code: the parse pool and the collector paused. No
Jinja, no MkDocs: the check must not pay for importing them (tests/engine/test_cli.py)."""

from __future__ import annotations

from contextlib import AbstractContextManager

from macros.records.load import FileToParse, ParseCache, Parsed
from macros.records.validate import ValidatedRecords

from . import heap, parse_pool


class CheckingFast:
    """A check's speed-ups (check.CheckSpeed): parsing in worker processes, the collector paused. It
    keeps no cache: a check reads every file once."""

    parsed: ParseCache | None = None
    validated: ValidatedRecords | None = None
    serving = False

    def parse_many(self, files: list[FileToParse]) -> list[Parsed]:
        return parse_pool.parse_many(files, self.serving)

    def collector_paused(self) -> AbstractContextManager[None]:
        return heap.collector_paused()
