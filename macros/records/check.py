"""The data checked: load → validate, every error collected. No Jinja, no MkDocs."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from macros.records.load import FileToParse, ParseCache, Parsed, load
from macros.records.validate import Dossier, ValidatedRecords, validate


class CheckSpeed(Protocol):
    """What a check may reuse of earlier ones, and how it may go faster: the speed code's
    (plugin.fast.speed.Speed, plugin.fast.checking.CheckingFast). Without one, a check is plain."""

    @property
    def parsed(self) -> ParseCache | None: ...

    @property
    def validated(self) -> ValidatedRecords | None: ...

    def parse_many(self, files: list[FileToParse]) -> list[Parsed]: ...

    def collector_paused(self) -> AbstractContextManager[None]: ...


def check(data_dir: Path, speed: CheckSpeed | None = None) -> Dossier:
    """Load and validate a data folder; the dossier carries every error found.

    With the speed-ups of a `mkdocs serve`, unchanged files are neither parsed nor validated again."""
    if speed is None:
        return validate(load(data_dir))
    with speed.collector_paused():
        return validate(load(data_dir, speed.parsed, parse_many=speed.parse_many), speed.validated)



