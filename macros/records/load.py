"""Stage 1: read `data/<kind>/<id>.yml` files into raw mappings, with the text kept for line lookups."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.records.errors import DataError, did_you_mean, dotted_path, plural
from macros.records.id_rules import length_problem, lookalike_problem
from macros.records.schema import DOSSIER_FILE, GENERATED_PAGE_IDS, ID_PATTERN, KINDS, DossierMeta

RECORD_SUFFIX = ".yml"
_ID = re.compile(ID_PATTERN)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"

# How deep collections may nest in one file. The deepest record is three levels (the record, a list such
# as reported_in, the mapping of one entry), so anything deeper is wrong anyway; refused before parsing,
# because libyaml's composer recurses in C without a limit: about 25,000 levels of `[` overflow the
# 8 MB main-thread stack (SIGSEGV, no message), and a thread's smaller stack overflows sooner. 100 levels
# use a few tens of kilobytes of stack, safe on any thread, and leave room far beyond any real record.
MAX_NESTING = 100

# The largest record file read. A record holds a few fields of at most schema.MAX_TEXT_LENGTH
# characters each (up to 4 bytes per character in UTF-8); ten megabytes is far beyond any real record,
# and keeps a pasted dump or a wrong file from taking seconds of parsing and memory per copy.
MAX_FILE_BYTES = 10_000_000


class RecordShapeError(yaml.MarkedYAMLError):
    """A problem the loader finds in a file's YAML structure, in the editor's words, with a hint."""

    def __init__(self, message: str, hint: str, mark: yaml.Mark) -> None:
        super().__init__(problem=message, problem_mark=mark)
        # Kept apart from problem_mark, which PyYAML types as optional: this error always has its place.
        self.message, self.hint, self.mark = message, hint, mark


@dataclass(frozen=True)
class YamlReading:
    """A plain value YAML 1.1 reads as a number the editor most likely did not mean: `1:30` is 90 (base 60),
    `010` is 8 (octal). Kept as this marker, never as the number, so that every field refuses it and the
    message can show what was written."""

    written: str
    number: int | float
    how: str  # "base 60" or "octal"


class RecordLoader(yaml.CSafeLoader):
    """libyaml's C parser, with the changes that matter for records.

    - Dates stay text, so "2025-10" and "2025-10-01" keep their different precision.
    - A key given twice in one mapping is an error instead of silently keeping the last value.
    - A key is always the text written: `1:`, `null:` or `yes:` are the field names "1", "null", "yes",
      which the schema then reports as unknown fields on their own lines; a list or mapping as a key, and
      a merge key `<<:`, are refused where they are written.
    - `1:30` and `010` (YAML 1.1's base-60 and octal numbers) are kept as YamlReading, refused by every field.
    - `1e6` is a number, as in YAML 1.2 and JSON (YAML 1.1 wants `1.0e+6`).
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                found = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                raise RecordShapeError(f"{found} is used as a field name", "field names are plain words followed by a colon, e.g. `name:`",
                                       key_node.start_mark)
            if key_node.tag == _MERGE_TAG:
                raise RecordShapeError("`<<:` (a YAML merge key) is not allowed", "write the fields out in full",
                                       key_node.start_mark)
            key = key_node.value  # the text as written (a plain text key is its own value: no construction)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    f"key '{key}' appears twice in one mapping (first on line {seen[key].start_mark.line + 1})",
                    seen[key].start_mark,
                    "duplicate key",
                    key_node.start_mark,
                )
            seen[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | YamlReading:  # type: ignore[override]
        number = super().construct_yaml_int(node)
        written = node.value
        if ":" in written:
            return YamlReading(written, number, "base 60")
        digits = written.lstrip("+-").replace("_", "")
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return YamlReading(written, number, "octal")
        return number

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float | YamlReading:  # type: ignore[override]
        number = super().construct_yaml_float(node)
        return YamlReading(node.value, number, "base 60") if ":" in node.value else number


def _refuse_tag(loader: RecordLoader, node: yaml.Node) -> None:
    # An explicit !!timestamp, !!binary, !!set, !!omap or !!pairs makes a value no field takes (a date
    # object, bytes, a set), and a message would have to show it as Python writes it: refused as written.
    raise RecordShapeError(f"YAML tags such as !!{node.tag.rsplit(':', 1)[-1]} are not allowed", "write a plain value", node.start_mark)


for _tag in ("timestamp", "binary", "set", "omap", "pairs"):
    RecordLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
RecordLoader.add_constructor(_INT_TAG, RecordLoader.construct_yaml_int)
RecordLoader.add_constructor(_FLOAT_TAG, RecordLoader.construct_yaml_float)
# Exponents as YAML 1.2 and JSON write them (`1e6`, `2.5E3`): YAML 1.1 wants a point and a sign (`1.0e+6`) and
# reads the others as text.
RecordLoader.add_implicit_resolver(_FLOAT_TAG, re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789"))


@dataclass
class RawRecord:
    """One record file, parsed but not yet validated."""

    kind: str
    id: str
    path: str  # the path shown in messages
    text: str
    data: dict[str, Any]


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible, so editors can click them.

    The path itself is not resolved, only its folder: a link is named as the editor sees it, not by its target."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Loaded:
    """What a data folder holds: the parsed records, the files that could not be read, and every id
    present (readable or not), so that a reference to a broken file is not reported a second time."""

    records: list[RawRecord] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    present: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    meta: DossierMeta = field(default_factory=DossierMeta)  # data/dossier.yml, read by check.read (dossier_meta.load_meta)


class ParseCache(dict[str, tuple[tuple[int, int], RawRecord | None, DataError | None]]):
    """Each file's parse result, by path, with the (modification time, size) it had: an unchanged file is
    not parsed again. Kept under `mkdocs serve` (plugin.fast.speed.Speed), which loads the data
    folder again on every rebuild; a build or a check reads every file once and keeps none."""


# One file to parse: (kind, path, path shown in messages); and what parsing it gives.
FileToParse = tuple[str, str, str]
Parsed = tuple[RawRecord | None, DataError | None]
# Parses files, in the order given: one after another (`parse_entry` each), or faster (plugin.fast.parse_pool).
ParseMany = Callable[[list[FileToParse]], list[Parsed]]


def load(data_dir: Path, cache: ParseCache | None = None, *, parse_many: ParseMany | None = None) -> Loaded:
    """Read every record file under `data_dir`; a bad file becomes an error and never stops the others.

    `cache`: the parse results of the last load, reused where a file is unchanged, and updated.
    `parse_many`: what parses the files not in the cache; by default one after another, in this process."""
    loaded = Loaded()
    records, errors = loaded.records, loaded.errors
    files: list[tuple[str, str, str]] = []  # (kind, path, path shown in messages), in folder order
    problem = _not_a_data_folder(data_dir)
    if problem:
        errors.append(problem)
        return loaded
    for entry in _entries(data_dir, errors):
        if entry.name.startswith(".") or entry.name.lower().startswith("readme") or entry.name == DOSSIER_FILE:
            continue  # data/dossier.yml describes the whole dossier: read by dossier_meta.load_meta
        path = Path(entry.path)
        unreadable = _unreadable(path, display_path(path))
        if unreadable:
            errors.append(unreadable)
            if entry.name in KINDS:  # a kind's folder that cannot be listed: none of its records is reported missing
                loaded.present[entry.name] = _AnyId()
            continue
        if not entry.is_dir() and entry.name in KINDS:
            # A file where a kind's folder belongs: its records cannot be listed, so none is reported missing.
            errors.append(DataError(display_path(path), 0, "", f"a file where the folder of the {entry.name} should be",
                                    f"make {entry.name}/ a folder of <id>.yml files (move this file out of data/)"))
            loaded.present[entry.name] = _AnyId()
            continue
        if not entry.is_dir():
            errors.append(DataError(display_path(path), 0, "", "records live in data/<kind>/<id>.yml, not in data/ itself",
                                    f"move it into one of: {', '.join(KINDS)}"))
            continue
        if entry.name not in KINDS:
            hint = did_you_mean(entry.name, KINDS) or f"the kinds are: {', '.join(KINDS)}"
            errors.append(DataError(display_path(path), 0, "", f"unknown record kind '{entry.name}'", hint))
            continue
        shown_folder = display_path(path)  # resolved once per folder, not once per file (a stat per path part)
        listed = len(errors)
        entries = _entries(path, errors)
        if len(errors) > listed:
            loaded.present[entry.name] = _AnyId()
        for file in entries:
            if file.name.startswith("."):
                continue
            files.append((entry.name, file.path, f"{shown_folder}/{file.name}"))
            if _ID.match(file.name.removesuffix(RECORD_SUFFIX)):
                loaded.present[entry.name].add(file.name.removesuffix(RECORD_SUFFIX))
    for record, error in _parse_all(files, cache, parse_many):
        if record:
            records.append(record)
        if error:
            errors.append(error)
    return loaded


class _AnyId(set[str]):
    """The ids present in a kind folder that cannot be listed: any id may be there, so no reference to one is
    reported as missing (the folder's own error says what is wrong, once)."""

    def __contains__(self, record_id: object) -> bool:
        return True


def _not_a_data_folder(data_dir: Path) -> DataError | None:
    """Why `data_dir` is not a data folder (missing, a file, one kind's folder), or None when it is one."""
    shown = display_path(data_dir)
    if data_dir.is_file():
        return DataError(shown, 0, "", "this is a file, not the data folder",
                         "give the folder that holds actors/, sources/ and the other kind folders")
    if not data_dir.is_dir():
        return DataError(shown, 0, "", "data folder not found", "create it or set extra.dossier.data_dir")
    if data_dir.name in KINDS and not any((data_dir / kind).is_dir() for kind in KINDS):
        # e.g. `check data/actors`: the records are where they belong, one level down from where we were told.
        return DataError(shown, 0, "", f"this is the folder of the {data_dir.name}, not the data folder",
                         f"give the folder that holds it: {display_path(data_dir.parent)}")
    return None


def _entries(folder: Path, errors: list[DataError]) -> list[os.DirEntry[str]]:
    """The entries of a folder by name, or none (and an error) when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        errors.append(DataError(display_path(folder), 0, "", f"the folder cannot be read ({error.strerror})",
                                "check its permissions"))
        return []


_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _unreadable(path: Path, shown: str) -> DataError | None:
    """Why `path` cannot be read as a file or folder (a broken link, a pipe, no permission), or None.

    A pipe named x.yml would make reading it wait forever for a writer, so what a path is comes first,
    from os.stat, which does not open it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else "?"
        return DataError(shown, 0, "", f"a symbolic link to '{target}', which does not exist",
                         "remove the link, or put back what it points to")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return DataError(shown, 0, "", "a symbolic link that leads back to itself (a loop)",
                             "remove the link, or point it at a real file")
        return DataError(shown, 0, "", f"cannot be read ({error.strerror})", "check its permissions")
    for is_kind, name in _SPECIAL_FILES:
        if is_kind(info.st_mode):
            return DataError(shown, 0, "", f"this is {name}, not a file", "records are plain text files: remove it from data/")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
        return DataError(shown, 0, "", f"{info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} a record file may hold",
                         "a record is a few fields of text; keep a full document as a source's archive copy")
    return None


def _parse_all(files: list[FileToParse], cache: ParseCache | None, parse_many: ParseMany | None) -> list[Parsed]:
    """Each file's (record, error), in the order given, from the cache where it is still fresh."""
    results: list[Parsed | None] = [None] * len(files)
    stamps: list[tuple[int, int] | None] = [None] * len(files)
    todo = []
    for i, (_, path, _) in enumerate(files):
        if cache is not None:
            try:
                info = os.stat(path)
            except OSError:  # a broken link: parsed again, to say so
                todo.append(i)
                continue
            stamps[i] = (info.st_mtime_ns, info.st_size)
            cached = cache.get(path)
            if cached is not None and cached[0] == stamps[i]:
                results[i] = (cached[1], cached[2])
                continue
        todo.append(i)
    to_parse = [files[i] for i in todo]
    parsed = parse_many(to_parse) if parse_many is not None else [parse_entry(file) for file in to_parse]
    for i, result in zip(todo, parsed, strict=True):
        results[i] = result
        if cache is not None:
            stamp = stamps[i]
            if stamp is not None:  # a file that could not be stat'ed is parsed again next time, to say so
                cache[files[i][1]] = (stamp, *result)
    if cache is not None and len(cache) > len(files):  # files deleted since: forget them
        current = {path for _, path, _ in files}
        for gone in [path for path in cache if path not in current]:
            del cache[gone]
    return results  # type: ignore[return-value]


def parse_entry(file: FileToParse) -> Parsed:
    """One file of a folder's listing parsed (load_file)."""
    kind, path, shown = file
    return load_file(kind, Path(path), shown)


def load_file(kind: str, path: Path, shown: str | None = None) -> tuple[RawRecord | None, DataError | None]:
    """Parse one record file, or say precisely why it cannot be read (`shown`: its path in messages)."""
    shown = shown or display_path(path)
    name = path.name
    unreadable = _unreadable(path, shown)
    if unreadable:
        return None, unreadable
    if path.is_dir():
        return None, DataError(shown, 0, "", "unexpected folder inside a kind folder", "records are files: <id>.yml")
    if name.endswith(".yaml"):
        # One spelling only, so that `ls data/actors` shows every actor and ids never collide across spellings.
        return None, DataError(shown, 0, "", "record files end in .yml, not .yaml", f"rename it to {name[:-5]}.yml")
    if not name.endswith(RECORD_SUFFIX):
        return None, DataError(shown, 0, "", "not a record file", "records are <id>.yml; move other files out of data/")
    record_id = name[: -len(RECORD_SUFFIX)]
    problem = id_problem(record_id, kind)
    if problem:
        return None, DataError(shown, 0, "", *problem)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, DataError(shown, 0, "", f"cannot be read ({error.strerror})", "check its permissions")
    wide = wide_encoding(raw)
    if wide:
        name, how = wide
        return None, DataError(shown, 0, "", f"the file is {name[:6]} text ({how}), not UTF-8",
                               "save it as UTF-8: your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), "
                               f"or iconv -f {name} -t UTF-8 < {shown} > fixed.yml")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, not_utf8(raw, error, shown)
    stray_mark = text.find("\ufeff", 1)
    if stray_mark > 0:
        # Python keeps a mark at the very start, which YAML skips; one further on is text joined from two files or
        # pasted, invisible, and YAML reads it as part of a value or fails on it ("did not find expected key").
        return None, DataError(shown, text.count("\n", 0, stray_mark) + 1, "",
                               "an invisible byte-order mark (U+FEFF) in the middle of the file",
                               "delete it (it comes with text joined from another file or pasted): only a file's first character may be one")
    alias = _first_alias(text) if "*" in text and "&" in text else 0
    if alias:
        return None, DataError(shown, alias, "", "YAML syntax: an alias (*name) repeats a list or mapping marked with &name elsewhere",
                               "write the value out in full: a record says each thing once, where it is read")
    too_deep = _nested_too_deep(text)
    if too_deep:
        return None, DataError(shown, too_deep, "", f"YAML syntax: lists or mappings nested more than {MAX_NESTING} levels deep",
                               "a record nests at most three levels: field, list, entry")
    try:
        data = yaml.load(text, Loader=RecordLoader)
    except RecordShapeError as error:
        return None, DataError(shown, error.mark.line + 1, "", f"YAML syntax: {error.message}", error.hint)
    except yaml.MarkedYAMLError as error:
        return None, _yaml_error(shown, text, error)
    except yaml.reader.ReaderError as error:
        return None, _reader_error(shown, text, error)
    except yaml.YAMLError as error:
        return None, DataError(shown, 0, "", f"YAML error: {error}")
    cut = comment_cutting_text(text, shown) if _MAYBE_COMMENT_AFTER.search(text) else None
    if cut:
        return None, cut
    if data is None:
        if kind == "dossier":  # every field of data/dossier.yml is optional: an empty one states none of them
            return RawRecord(kind, record_id, shown, text, {}), None
        return None, DataError(shown, 0, "", "the file is empty", f"a record is a mapping of fields; copy another {kind} record to start")
    if not isinstance(data, dict):
        found = ("a list" if isinstance(data, list) else "text" if isinstance(data, str) else
                 "true/false" if isinstance(data, bool) else "a number")
        hint = "write `field: value` lines at the top level, not `- item` lines" if isinstance(data, list) else (
            f"write `field: value` lines; copy another {kind} record to start")
        return None, DataError(shown, 1, "", f"expected a mapping of fields, found {found}", hint)
    return RawRecord(kind, record_id, shown, text, data), None


# A space (or tab) then `#` after a plain value starts a YAML comment: the value silently ends before it.
_COMMENT_AFTER = re.compile(r"[ \t]+#(.*)")
_MAYBE_COMMENT_AFTER = re.compile(r"\S[ \t]+#")  # the files worth composing to look (most have no comment after a value)


def comment_cutting_text(text: str, shown: str) -> DataError | None:
    """A plain (unquoted) text value that a `#` cut short, or None.

    `text: Azerbaijan is the #1 partner` is read as "Azerbaijan is the": a verbatim quote shortened
    without a word. A comment after a value counts as cutting text when the value has a space in it (words,
    not an id) or the `#` is followed by a non-space (`#1`, a hashtag); `speaker: ben-okafor  # to check`
    stays an editor's comment."""
    try:
        root = yaml.compose(text, Loader=RecordLoader)
    except yaml.YAMLError:
        return None
    lines = text.splitlines()
    for location, node in _plain_values(root, ()):
        end = node.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        comment = _COMMENT_AFTER.match(rest)
        if comment is None or not (" " in node.value.strip() or comment.group(1)[:1] not in ("", " ", "\t")):
            continue
        whole = f"{node.value}{rest}".rstrip()
        quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return DataError(shown, end.line + 1, dotted_path(location),
                         f"the value stops before '#': YAML reads ' #' as the start of a comment, so the value is "
                         f"'{node.value}' and '{rest.strip()}' is dropped",
                         f"put the whole value in quotes: {quoted}")
    return None


def _plain_values(node: yaml.Node | None, location: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], yaml.ScalarNode]]:
    """Every plain (unquoted, not block) text value under `node`, with where it is."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _plain_values(value, (*location, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _plain_values(item, (*location, i))
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str" and location:
        yield location, node


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
    elif "another document" in problem:
        problem, hint = "a second record starts here (a `---` line): a file holds one record", (
            "delete the `---` line, or move what follows into a file of its own")
    elif "end of stream" in problem:
        hint = "a quoted text is not closed; check the quote marks"
    elif mark and (slip := yaml_slip(lines, mark.line, mark.column, problem)) is not None:
        line, problem, hint = slip
    elif "could not determine a constructor for the tag" in problem:
        # e.g. `!!python/object/apply:os.system`: the safe loader refuses it; say so in an editor's words.
        problem, hint = f"YAML tags such as {_tag_in(problem)} are not allowed", "write a plain value"
    return DataError(shown, line, "", f"YAML syntax: {problem}", hint)


# `key: value` or `- value` at the start of a line: where a line's value begins.
_VALUE_START = re.compile(r"^(\s*)(?:-\s+)?(?:[^\s'\"#][^:#]*:(?:\s+|$))?")


def yaml_slip(lines: list[str], at: int, column: int, problem: str) -> tuple[int, str, str] | None:
    """The common slip behind a parser error at 0-based line `at` and `column`, in an editor's words: (1-based line,
    message, hint), or None. A quote opened and not closed on its line (libyaml reports where a later
    apostrophe happened to close it), an apostrophe inside '…', a colon inside a plain value, a line
    indented to match nothing above it."""
    for opened in range(min(at, len(lines) - 1), -1, -1):
        quote = _quoted_value(lines[opened])
        if quote is None:
            continue
        mark, closes_at = quote
        text = lines[opened]
        if closes_at is None and opened < at:
            return (opened + 1, f"the quoted text opened on line {opened + 1} is not closed on its line",
                    f"end the value with {mark} on line {opened + 1}; an apostrophe inside '…' is written twice ('')")
        if closes_at is not None and opened == at and text[closes_at + 1:].strip()[:1] not in ("", "#"):
            start = text.index(mark, len(_VALUE_START.match(text).group()))  # type: ignore[union-attr]
            value = text[start + 1:].rstrip()
            if mark == "'":
                inner = value.removesuffix("'")
                return (at + 1, f"an apostrophe inside '…' ends the quoted text: YAML reads '{text[start + 1:closes_at]}' and "
                        f"cannot read what follows", f"write the apostrophe twice ('{inner.replace(chr(39), chr(39) * 2)}') "
                        f"or quote with double quotes (\"{inner}\")")
            return (at + 1, 'a double quote inside "…" ends the quoted text', 'write it as \\" or quote with single quotes')
        break
    if at >= len(lines):
        return None
    text = lines[at]
    key = _VALUE_START.match(text)
    if "mapping values are not allowed" in problem and key is not None and key.group().rstrip().endswith(":") \
            and column >= key.end():
        value = text[key.end():].rstrip()
        field = text[len(key.group(1)):key.end()].strip().removeprefix("-").strip()
        return (at + 1, f"a colon followed by a space inside a value: YAML reads '{value.partition(':')[0]}:' as a field name",
                f"put the value in quotes: {field} \"{value}\"")
    if "expected" in problem or "mapping values are not allowed" in problem:
        above = next((i for i in range(at - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if above is not None:
            indent = len(text) - len(text.lstrip())
            item = re.match(r"^(\s*)-\s+", lines[above])
            is_item = re.match(r"^\s*-\s", text) is not None
            # A field after a list item's first field lines up with that field; an item, with the item's '-'.
            columns = [item.end() if item and not is_item else len(lines[above]) - len(lines[above].lstrip())]
            if indent not in columns or "mapping values" in problem:
                what = "list item" if is_item else "field"
                return (at + 1, f"this {what} is indented {plural(indent, 'space')}, which lines it up with nothing on line {above + 1}",
                        f"indent it by {plural(columns[0], 'space')}, as the {what}s on line {above + 1}"
                        + ("" if is_item else "; a new list item starts with '- '"))
    return None


def _quoted_value(text: str) -> tuple[str, int | None] | None:
    """(quote mark, column of its closing mark on this line or None) when the line's value opens with a quote."""
    start = _VALUE_START.match(text)
    rest = text[start.end():] if start else text
    if rest[:1] not in ("'", '"'):
        return None
    mark, column = rest[0], len(text) - len(rest) + 1
    while column < len(text):
        if text[column] == "\\" and mark == '"':
            column += 2
            continue
        if text[column] == mark:
            if mark == "'" and text[column + 1:column + 2] == "'":
                column += 2
                continue
            return mark, column
        column += 1
    return mark, None


def _tag_in(problem: str) -> str:
    match = re.search(r"'tag:yaml\.org,2002:([^']*)'", problem)
    return f"!!{match.group(1)}" if match else "!!…"


def not_utf8(raw: bytes, error: UnicodeDecodeError, shown: str) -> DataError:
    """Bytes UTF-8 cannot read, with their line (see `windows_1252_character`)."""
    line = raw[: error.start].count(b"\n") + 1
    byte = raw[error.start]
    character = windows_1252_character(raw, error)
    if character is None:
        return DataError(shown, line, "", f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start})", "save the file as UTF-8")
    return DataError(shown, line, "", f"not UTF-8 text: byte 0x{byte:02x} is '{character}' in Windows-1252 (Latin-1), "
                     "the encoding the file seems to be saved in",
                     "save it as UTF-8: your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), "
                     f"or iconv -f WINDOWS-1252 -t UTF-8 < {shown} > fixed.yml")


def windows_1252_character(raw: bytes, error: UnicodeDecodeError) -> str | None:
    """The character the byte UTF-8 could not read is in Windows-1252 (Latin-1 and what older Windows editors
    save), when the whole file reads as that and holds no UTF-8 character at all, so most likely is that; else None."""
    try:
        as_windows = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if {ch for ch in raw.decode("utf-8", errors="replace") if not ch.isascii()} - {"\ufffd"}:
        return None  # UTF-8 elsewhere in the file: a stray byte, not another encoding
    return as_windows[len(raw[: error.start].decode("cp1252"))]


def wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """(iconv's name, how) when `raw` is UTF-32 or UTF-16 text, or None. UTF-32 first: its little-endian mark
    begins with UTF-16's. Without a mark, text in Latin script has three zero bytes in four (UTF-32) or one in
    two (UTF-16), which UTF-8 reads as the control character U+0000 (the message was "delete it")."""
    if raw[:4] == b"\xff\xfe\x00\x00":
        return "UTF-32LE", "little-endian, with a byte-order mark"
    if raw[:4] == b"\x00\x00\xfe\xff":
        return "UTF-32BE", "big-endian, with a byte-order mark"
    quads = len(raw) // 4
    if quads >= 2 and not len(raw) % 4:
        column_zeros = [raw[i::4].count(0) for i in range(4)]
        if column_zeros[3] == column_zeros[2] == quads and column_zeros[0] < quads:
            return "UTF-32LE", "little-endian, without a byte-order mark"
        if column_zeros[0] == column_zeros[1] == quads and column_zeros[3] < quads:
            return "UTF-32BE", "big-endian, without a byte-order mark"
    utf16 = utf16_encoding(raw)
    if utf16:
        return ("UTF-16BE" if "big" in utf16 else "UTF-16LE"), utf16
    return None


def utf16_encoding(raw: bytes) -> str | None:
    """How `raw` is UTF-16, or None. Without a byte-order mark, UTF-16 text in Latin script is every other
    byte zero, which UTF-8 reads as the control character U+0000 (the message was "delete it")."""
    if raw[:2] == b"\xff\xfe":
        return "little-endian, with a byte-order mark"
    if raw[:2] == b"\xfe\xff":
        return "big-endian, with a byte-order mark"
    pairs = len(raw) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    high_zero, low_zero = raw[0::2].count(0), raw[1::2].count(0)
    # Most characters of a record (field names, punctuation, digits) are ASCII: their other byte is zero.
    if low_zero >= pairs // 2 and high_zero == 0:
        return "little-endian, without a byte-order mark"
    if high_zero >= pairs // 2 and low_zero == 0:
        return "big-endian, without a byte-order mark"
    return None


def _reader_error(shown: str, text: str, error: yaml.reader.ReaderError) -> DataError:
    """A character YAML refuses (a control character, usually pasted in invisibly), with its line."""
    line = text.count("\n", 0, error.position) + 1
    character = error.character if isinstance(error.character, int) else ord(error.character)
    what = "Unicode non-character" if character >= 0xFDD0 else "invisible control character"
    return DataError(shown, line, "", f"the {what} U+{character:04X} is not allowed",
                     "delete it; it often comes with text pasted from a PDF or a word processor")


def id_problem(record_id: str, kind: str) -> tuple[str, str] | None:
    """Why `record_id` cannot name a record of `kind` (message, hint), or None. The loader and `new` both ask."""
    if not _ID.match(record_id):
        return lookalike_problem(record_id) or (f"'{record_id}' is not a valid id", suggest_id(record_id))
    if record_id in GENERATED_PAGE_IDS:
        return (f"'{record_id}' cannot be an id: {kind}/{record_id} is the page listing all {kind}",
                "rename the file after what the record is about")
    return length_problem(record_id)


def _first_alias(text: str) -> int:
    """The line of the first YAML alias of a list or mapping, or 0. Whatever walks a record's values (the fonts' characters, the
    search text) would expand an alias bomb (nine aliases of nine aliases…) into billions of strings."""
    collections: set[str] = set()  # anchors of lists and mappings: an alias of a plain value repeats one string
    try:
        for event in yaml.parse(text, Loader=RecordLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and event.anchor:
                collections.add(event.anchor)
            elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
                return (event.start_mark.line if event.start_mark else 0) + 1
    except yaml.YAMLError:
        return 0
    return 0


def _nested_too_deep(text: str) -> int:
    """The line where collections nest deeper than MAX_NESTING, or 0 (also when the YAML is malformed: the
    parser then reports that)."""
    # Every list or mapping starts with one of these characters ([ { for flow style, - ? : for block style),
    # so fewer of them cannot nest that deep: five counts in C instead of a parse (0.05 s for the 13,210 files
    # of a 10,000-statement dossier, none of which needs the parse), for all but records with many links.
    indicators = text.count("[") + text.count("{") + text.count(":") + text.count("?") + text.count("-")
    if indicators <= MAX_NESTING:
        return 0
    depth = 0
    starts, ends = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        # Events come from libyaml's parser, which keeps its own stack: no recursion, at any depth.
        for event in yaml.parse(text, Loader=RecordLoader):
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_NESTING:
                    # libyaml's events always carry their place; the stubs allow None.
                    return (event.start_mark.line if event.start_mark else 0) + 1
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError:
        return 0
    return 0


def suggest_id(wrong: str) -> str:
    """A hint with the nearest valid id, transliterating letters editors commonly type."""
    table = str.maketrans({"ə": "a", "Ə": "a", "ğ": "g", "ı": "i", "İ": "i", "ö": "o", "ş": "s", "ü": "u", "ç": "c", "_": "-", " ": "-"})
    candidate = re.sub(r"[^a-z0-9-]+", "", wrong.translate(table).lower())
    candidate = re.sub(r"-{2,}", "-", candidate).strip("-")
    rule = "ids are lowercase ASCII letters and digits joined by '-'"
    return f"{rule}, e.g. '{candidate}'" if candidate else rule


class Locator:
    """Where values are in one record's text: its YAML node tree, composed once, on the first question.

    Used only when reporting errors, so the tree is built on demand rather than kept for every file; and
    once per file, not once per error (a list of 10,000 wrong items asked 10,000 times, 137 s).
    """

    def __init__(self, text: str):
        self.text = text
        self._root: yaml.Node | None = None
        self._composed = False
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}  # per mapping node: key → (key, value)

    def find(self, location: tuple[str | int, ...]) -> tuple[int, yaml.Node | None]:
        """(1-based line, node) of the value at `location`, e.g. ("reported_in", 1, "source").

        Stops at the deepest part of the path that exists: a missing field points at its parent, and the
        node is then None. Line 0 when the text is not YAML."""
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=RecordLoader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        if node is None:
            return 0, None
        line = node.start_mark.line + 1
        for part in location:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = self._keys_of(node).get(part)
                if found is None:
                    return line, None
                line, node = found[0].start_mark.line + 1, found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line, None
        return line, node

    def line(self, location: tuple[str | int, ...]) -> int:
        return self.find(location)[0]

    def written(self, location: tuple[str | int, ...]) -> str | None:
        """The text written for the plain value at `location`, e.g. ".inf" for the infinity YAML made of it."""
        node = self.find(location)[1]
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _keys_of(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    keys.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = keys
        return keys


def locate(text: str, location: tuple[str | int, ...]) -> int:
    """The 1-based line of the value at `location` in a record's text (see Locator, for many questions)."""
    return Locator(text).line(location)
