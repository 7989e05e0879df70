"""The data checked: read (the records, then data/dossier.yml) → validate, every error collected. No Jinja,
no MkDocs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from macros.records.dossier_meta import load_meta
from macros.records.fonts import characters_of
from macros.records.load import FileToParse, Loaded, ParseCache, Parsed, ParseMany, load, load_file
from macros.records.schema import DOSSIER_FILE
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
    """Load and validate a data folder; the dossier carries every error found, a character no font draws
    among them, and the characters its fonts are cut to.

    With the speed-ups of a `mkdocs serve`, unchanged files are neither parsed nor validated again."""
    if speed is None:
        loaded = read(data_dir)
        dossier = validate(loaded)
    else:
        with speed.collector_paused():
            loaded = read(data_dir, speed.parsed, speed.parse_many)
            dossier = validate(loaded, speed.validated)
    add_characters(dossier, loaded, data_dir)
    return dossier


def add_characters(dossier: Dossier, loaded: Loaded, data_dir: Path) -> None:
    """The characters the fonts are cut to, onto `dossier`, and an error for each field holding one no font
    draws: the build's check and `python -m macros check` alike."""
    dossier.characters, not_drawn = characters_of(_texts(loaded, data_dir))
    # A field another rule refuses (a blank name of braille blanks, a non-character) gets that rule's
    # message alone: the fix it names removes the characters too.
    refused = {(error.path, error.field) for error in dossier.errors}
    not_drawn = [error for error in not_drawn if (error.path, error.field) not in refused]
    if not_drawn:
        dossier.errors = sorted(dossier.errors + not_drawn)


def _texts(loaded: Loaded, data_dir: Path) -> Iterator[tuple[str, str, Any]]:
    """Each data file as (path shown, text, parsed data): the records, readable or not yet valid, and dossier.yml."""
    for raw in loaded.records:
        yield raw.path, raw.text, raw.data
    meta_file = data_dir / DOSSIER_FILE
    if meta_file.is_file():
        raw_meta, _ = load_file("dossier", meta_file)  # its errors are load_meta's
        if raw_meta is not None:
            yield raw_meta.path, raw_meta.text, raw_meta.data



