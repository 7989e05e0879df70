"""`python -m macros new <kind> <id>`: start a record file from a template generated from the schema.

The template leaves every required field empty, with a comment saying what goes there. An empty
required field is an error, so `make check` (and the build) lists exactly the fields still to fill in:
a half-written record can never be published by accident. Once every required field holds a real value,
the record is valid; optional fields are listed below, commented out, with what each holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from macros.records.errors import did_you_mean, with_article
from macros.records.load import RECORD_SUFFIX, display_path, id_problem
from macros.records.schema import KINDS, MODELS
from macros.site.guide import FieldDoc, field_docs

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
REQUIRED = "required"  # the word every placeholder comment starts with; the test that fills them keys on it


class ScaffoldError(Exception):
    """Why a record file was not created, and what to do instead."""

    def __init__(self, message: str, hint: str = "", usage: bool = False):
        super().__init__(message)
        self.message, self.hint, self.usage = message, hint, usage

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def resolve_kind(name: str) -> str:
    """'statement', 'statements' or 'Statement' → 'statements'."""
    wanted = name.strip().lower()
    for kind, model in MODELS.items():
        if wanted in (kind, model.singular):
            return kind
    names = [*KINDS, *(model.singular for model in MODELS.values())]
    hint = did_you_mean(wanted, names) or f"the kinds are: {', '.join(model.singular for model in MODELS.values())}"
    raise ScaffoldError(f"no record kind '{name}'", hint, usage=True)


def check_id(record_id: str, kind: str) -> str:
    """The id as given (a trailing .yml is forgiven), or an error with the loader's rule and suggestion."""
    record_id = record_id.removesuffix(RECORD_SUFFIX)
    problem = id_problem(record_id, kind)
    if problem:
        raise ScaffoldError(*problem)
    return record_id


def check_data_dir(data_dir: Path) -> None:
    """A data folder to write into: it must exist, and be the data folder, not a file or one kind's folder.

    Never created here: a mistyped --data-dir would otherwise start a second dossier without a word."""
    shown = display_path(data_dir)
    hint = "give --data-dir the folder that holds actors/, sources/ and the other kind folders"
    if data_dir.is_file():
        raise ScaffoldError(f"{shown} is a file, not a data folder", hint, usage=True)
    if not data_dir.is_dir():
        raise ScaffoldError(f"data folder {shown} not found", f"create it first (mkdir {shown}), or {hint}", usage=True)
    if data_dir.name in KINDS and not any((data_dir / kind).is_dir() for kind in KINDS):
        raise ScaffoldError(f"{shown} is the folder of the {data_dir.name}, not the data folder",
                            f"give --data-dir the folder that holds it: {display_path(data_dir.parent)}", usage=True)


@dataclass(frozen=True)
class _Line:
    text: str
    comment: str


def _placeholder(doc: FieldDoc, indent: str) -> list[_Line]:
    """Lines for a required field: empty (so the check reports it) and a comment saying what it needs."""
    what = f"{REQUIRED}: {doc.type}" + (f" — {doc.description}" if doc.description else "")
    if doc.nested is not None:
        lines = [_Line(f"{indent}{doc.key}:", f"{REQUIRED}: {doc.type}")]
        first = True
        for sub in field_docs(doc.nested):
            if not sub.required:
                continue
            bullet = "- " if first else "  "
            first = False
            sub_what = f"{REQUIRED}: {sub.type}" + (f" — {sub.description}" if sub.description else "")
            lines.append(_Line(f"{indent}  {bullet}{sub.key}:", sub_what))
        return lines
    if doc.is_list:
        return [_Line(f"{indent}{doc.key}: []", what)]  # an empty list reports "must not be empty"
    return [_Line(f"{indent}{doc.key}:", what)]


def _optional(doc: FieldDoc) -> list[_Line]:
    """Commented-out lines for an optional field, with its sub-fields when it is a list of entries."""
    what = doc.type + (f" — {doc.description}" if doc.description else "")
    if doc.default is not None:
        what += f" (default: {doc.default})"
    if doc.nested is None:
        return [_Line(f"# {doc.key}:" + (" []" if doc.is_list else ""), what)]
    lines = [_Line(f"# {doc.key}:", what)]
    for position, sub in enumerate(field_docs(doc.nested)):
        bullet = "- " if position == 0 else "  "
        sub_what = sub.type + ("" if sub.required else ", optional") + (f" — {sub.description}" if sub.description else "")
        lines.append(_Line(f"#   {bullet}{sub.key}:", sub_what))
    return lines


def _aligned(lines: list[_Line]) -> list[str]:
    width = max(len(line.text) for line in lines) + 2
    return [f"{line.text.ljust(width)}# {line.comment}" for line in lines]


def template(kind: str, schema_ref: str) -> str:
    """The text of a new record of `kind`; `schema_ref` is the JSON Schema's path relative to the file."""
    model = MODELS[kind]
    docs = [doc for doc in field_docs(model) if len(doc.path) == 1]
    required = [line for doc in docs if doc.required for line in _placeholder(doc, "")]
    optional = [line for doc in docs if not doc.required for line in _optional(doc)]
    what = (model.__doc__ or "").strip().splitlines()[0]
    head = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {with_article(model.singular).capitalize()}: {what[0].lower()}{what[1:]}",
        "# Fill in every field marked 'required'; `make check` lists those still empty.",
        "# Optional fields follow, commented out: delete the '# ' before a field to use it.",
        "# Every field is explained in the Editor's guide (docs/guide.md).",
        "",
    ]
    body = _aligned(required)
    tail = ["", "# Optional", *_aligned(optional)] if optional else []
    return "\n".join([*head, *body, *tail]) + "\n"


def record_path(data_dir: Path, kind: str, record_id: str) -> Path:
    return data_dir / kind / f"{record_id}{RECORD_SUFFIX}"


def create(data_dir: Path, kind_name: str, record_id: str) -> Path:
    """Write a new record file from the template and return its path; never overwrites."""
    kind = resolve_kind(kind_name)
    record_id = check_id(record_id, kind)
    check_data_dir(data_dir)
    path = record_path(data_dir, kind, record_id)
    if path.exists():
        raise _exists(path)
    same_id_yaml = path.with_suffix(".yaml")
    if same_id_yaml.exists():
        raise ScaffoldError(f"{display_path(same_id_yaml)} already exists; nothing was written", f"rename it to {path.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    schema_ref = Path(os.path.relpath(SCHEMA_DIR / f"{kind}.schema.json", path.parent.resolve())).as_posix()
    # "x" mode: if the file appeared since the check above, fail rather than overwrite it.
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(template(kind, schema_ref))
    except FileExistsError:
        raise _exists(path) from None
    return path


def _exists(path: Path) -> ScaffoldError:
    return ScaffoldError(f"{display_path(path)} already exists; nothing was written", "edit that file, or choose another id")
