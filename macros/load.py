"""Stage 1: read `data/<kind>/<id>.yml` files into raw mappings, with the text kept for line lookups."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, did_you_mean
from .schema import DOSSIER_FILE, ID_PATTERN, KINDS, DossierMeta

RECORD_SUFFIX = ".yml"
_ID = re.compile(ID_PATTERN)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"


class RecordLoader(yaml.CSafeLoader):
    """libyaml's C parser with two changes that matter for records.

    Dates stay text, so "2025-10" and "2025-10-01" keep their different precision; and a key given
    twice in one mapping is an error instead of silently keeping the last value.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            # A plain text key is its own value: constructing it twice (here and in the base class)
            # was a tenth of the load time of a large data folder.
            is_text = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
            key = key_node.value if is_text else self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    f"key '{key}' appears twice in one mapping (first on line {seen[key].start_mark.line + 1})",
                    seen[key].start_mark,
                    "duplicate key",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


@dataclass
class RawRecord:
    """One record file, parsed but not yet validated."""

    kind: str
    id: str
    path: str  # the path shown in messages
    text: str
    data: dict[str, Any]


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible, so editors can click them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Loaded:
    """What a data folder holds: the parsed records, the files that could not be read, and every id
    present (readable or not), so that a reference to a broken file is not reported a second time."""

    records: list[RawRecord] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    present: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    meta: DossierMeta = field(default_factory=DossierMeta)  # data/dossier.yml (dossier_meta.load_meta)


# Under `mkdocs serve`, which loads the data folder again on every rebuild: each file's parse result,
# by path, with the (modification time, size) it had. An unchanged file is not parsed again. None
# (no cache) everywhere else: a build or a check reads every file once anyway.
_parsed: dict[str, tuple[tuple[int, int], RawRecord | None, DataError | None]] | None = None


def remember_parsed_files(enabled: bool) -> None:
    """Keep parse results between loads (for `mkdocs serve`), or stop and forget them."""
    global _parsed
    _parsed = {} if enabled else None


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


@collector_paused()
def load(data_dir: Path) -> Loaded:
    """Read every record file under `data_dir`; a bad file becomes an error and never stops the others."""
    loaded = Loaded()
    records, errors = loaded.records, loaded.errors
    files: list[tuple[str, str, str]] = []  # (kind, path, path shown in messages), in folder order
    if not data_dir.is_dir():
        errors.append(DataError(display_path(data_dir), 0, "", "data folder not found", "create it or set extra.dossier.data_dir"))
        return loaded
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name.lower().startswith("readme") or entry.name == DOSSIER_FILE:
            continue  # data/dossier.yml describes the whole dossier: read by dossier_meta.load_meta
        path = Path(entry.path)
        if not entry.is_dir():
            errors.append(DataError(display_path(path), 0, "", "records live in data/<kind>/<id>.yml, not in data/ itself",
                                    f"move it into one of: {', '.join(KINDS)}"))
            continue
        if entry.name not in KINDS:
            hint = did_you_mean(entry.name, KINDS) or f"the kinds are: {', '.join(KINDS)}"
            errors.append(DataError(display_path(path), 0, "", f"unknown record kind '{entry.name}'", hint))
            continue
        shown_folder = display_path(path)  # resolved once per folder, not once per file (a stat per path part)
        for file in sorted(os.scandir(path), key=lambda e: e.name):
            if file.name.startswith("."):
                continue
            files.append((entry.name, file.path, f"{shown_folder}/{file.name}"))
            if _ID.match(file.name.removesuffix(RECORD_SUFFIX)):
                loaded.present[entry.name].add(file.name.removesuffix(RECORD_SUFFIX))
    for record, error in _parse_all(files):
        if record:
            records.append(record)
        if error:
            errors.append(error)
    from .dossier_meta import load_meta  # it reads its file with load_file, from this module

    loaded.meta, meta_errors = load_meta(data_dir, loaded.present)
    errors.extend(meta_errors)
    return loaded


# Parsing is most of a large check (libyaml parses in C, PyYAML builds the values in Python), and each
# file is independent: from this many files on, they are parsed in worker processes, one per core.
# Below it, starting the workers costs more than it saves.
PARALLEL_FROM = 2000


def _parse_all(files: list[tuple[str, str, str]]) -> list[tuple[RawRecord | None, DataError | None]]:
    """Each file's (record, error), in the order given, from the serve cache where it is still fresh."""
    results: list[tuple[RawRecord | None, DataError | None] | None] = [None] * len(files)
    stamps: list[tuple[int, int] | None] = [None] * len(files)
    todo = []
    for i, (_, path, _) in enumerate(files):
        if _parsed is not None:
            stat = os.stat(path)
            stamps[i] = (stat.st_mtime_ns, stat.st_size)
            cached = _parsed.get(path)
            if cached is not None and cached[0] == stamps[i]:
                results[i] = (cached[1], cached[2])
                continue
        todo.append(i)
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_FROM and workers > 1:
        # fork: the workers inherit the loaded modules, nothing is imported again.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parsed = list(pool.map(_parse_one, (files[i] for i in todo), chunksize=max(1, len(todo) // (workers * 4))))
    else:
        parsed = [_parse_one(files[i]) for i in todo]
    for i, result in zip(todo, parsed, strict=True):
        results[i] = result
        if _parsed is not None:
            _parsed[files[i][1]] = (stamps[i], *result)  # type: ignore[arg-type]
    if _parsed is not None and len(_parsed) > len(files):  # files deleted since: forget them
        current = {path for _, path, _ in files}
        for gone in [path for path in _parsed if path not in current]:
            del _parsed[gone]
    return results  # type: ignore[return-value]


def _parse_one(file: tuple[str, str, str]) -> tuple[RawRecord | None, DataError | None]:
    kind, path, shown = file
    return load_file(kind, Path(path), shown)


def load_file(kind: str, path: Path, shown: str | None = None) -> tuple[RawRecord | None, DataError | None]:
    """Parse one record file, or say precisely why it cannot be read (`shown`: its path in messages)."""
    shown = shown or display_path(path)
    name = path.name
    if path.is_dir():
        return None, DataError(shown, 0, "", "unexpected folder inside a kind folder", "records are files: <id>.yml")
    if name.endswith(".yaml"):
        # One spelling only, so that `ls data/actors` shows every actor and ids never collide across spellings.
        return None, DataError(shown, 0, "", "record files end in .yml, not .yaml", f"rename it to {name[:-5]}.yml")
    if not name.endswith(RECORD_SUFFIX):
        return None, DataError(shown, 0, "", "not a record file", "records are <id>.yml; move other files out of data/")
    record_id = name[: -len(RECORD_SUFFIX)]
    if not _ID.match(record_id):
        return None, DataError(shown, 0, "", f"'{record_id}' is not a valid id", suggest_id(record_id))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, DataError(shown, line, "", f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})",
                               "save the file as UTF-8")
    try:
        data = yaml.load(text, Loader=RecordLoader)
    except yaml.MarkedYAMLError as error:
        return None, _yaml_error(shown, text, error)
    except yaml.reader.ReaderError as error:
        return None, _reader_error(shown, text, error)
    except yaml.YAMLError as error:
        return None, DataError(shown, 0, "", f"YAML error: {error}")
    if data is None:
        return None, DataError(shown, 0, "", "the file is empty", f"a record is a mapping of fields; copy another {kind} record to start")
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "text" if isinstance(data, str) else f"a {type(data).__name__}"
        hint = "write `field: value` lines at the top level, not `- item` lines" if isinstance(data, list) else (
            f"write `field: value` lines; copy another {kind} record to start")
        return None, DataError(shown, 1, "", f"expected a mapping of fields, found {found}", hint)
    return RawRecord(kind, record_id, shown, text, data), None


def _yaml_error(shown: str, text: str, error: yaml.MarkedYAMLError) -> DataError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    problem = error.problem or "invalid YAML"
    hint = ""
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        problem, hint = "a tab character where YAML expects spaces", "indent with spaces, not tabs"
    elif "duplicate key" in problem or "appears twice" in str(error.context):
        problem, hint = str(error.context), "keep one of the two"
    elif "quoted scalar" in str(error.context) and error.context_mark:
        # libyaml reports the end of the file; the editor needs the line where the quote was opened.
        line = error.context_mark.line + 1
        problem, hint = f"the quoted text opened on line {line} is never closed", "add the closing quote mark"
    elif "end of stream" in problem:
        hint = "a quoted text is not closed; check the quote marks"
    elif "could not determine a constructor for the tag" in problem:
        # e.g. `!!python/object/apply:os.system`: the safe loader refuses it; say so in an editor's words.
        problem, hint = f"YAML tags such as {_tag_in(problem)} are not allowed", "write a plain value"
    return DataError(shown, line, "", f"YAML syntax: {problem}", hint)


def _tag_in(problem: str) -> str:
    match = re.search(r"'tag:yaml\.org,2002:([^']*)'", problem)
    return f"!!{match.group(1)}" if match else "!!…"


def _reader_error(shown: str, text: str, error: yaml.reader.ReaderError) -> DataError:
    """A character YAML refuses (a control character, usually pasted in invisibly), with its line."""
    line = text.count("\n", 0, error.position) + 1
    character = error.character if isinstance(error.character, int) else ord(error.character)
    return DataError(shown, line, "", f"the invisible control character U+{character:04X} is not allowed",
                     "delete it; it often comes with text pasted from a PDF or a word processor")


def suggest_id(wrong: str) -> str:
    """A hint with the nearest valid id, transliterating letters editors commonly type."""
    table = str.maketrans({"ə": "a", "Ə": "a", "ğ": "g", "ı": "i", "İ": "i", "ö": "o", "ş": "s", "ü": "u", "ç": "c", "_": "-", " ": "-"})
    candidate = re.sub(r"[^a-z0-9-]+", "", wrong.translate(table).lower())
    candidate = re.sub(r"-{2,}", "-", candidate).strip("-")
    rule = "ids are lowercase ASCII letters and digits joined by '-'"
    return f"{rule}, e.g. '{candidate}'" if candidate else rule


def locate(text: str, location: tuple[str | int, ...]) -> int:
    """The 1-based line of the value at `location` (e.g. ("reported_in", 1, "source")) in a record's text.

    Used only when reporting an error, so the node tree is built on demand rather than kept for every file.
    Stops at the deepest part of the path that exists: a missing field points at its parent.
    """
    try:
        node = yaml.compose(text, Loader=RecordLoader)
    except yaml.YAMLError:
        return 0
    if node is None:
        return 0
    line = node.start_mark.line + 1
    for part in location:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
