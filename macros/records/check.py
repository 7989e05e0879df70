"""The data checked: read (the records, then data/dossier.yml) → validate, every error collected. No Jinja,
no MkDocs."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from macros.records.dossier_meta import load_meta
from macros.records.load import FileToParse, Loaded, ParseCache, Parsed, ParseMany, load
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


def read(data_dir: Path, cache: ParseCache | None = None, parse_many: ParseMany | None = None) -> Loaded:
    """Every record file under `data_dir` (load.load), then the dossier's own file, data/dossier.yml, whose
    corrections log names records read before it."""
    loaded = load(data_dir, cache, parse_many=parse_many)
    loaded.meta, meta_errors = load_meta(data_dir, loaded.present)
    loaded.errors.extend(meta_errors)
    return loaded


def check(data_dir: Path, speed: CheckSpeed | None = None) -> Dossier:
    """Load and validate a data folder; the dossier carries every error found.

    With the speed-ups of a `mkdocs serve`, unchanged files are neither parsed nor validated again."""
    if speed is None:
        return validate(read(data_dir))
    with speed.collector_paused():
        return validate(read(data_dir, speed.parsed, speed.parse_many), speed.validated)



