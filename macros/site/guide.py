"""The editor's guide, generated where it lists fields: one table per record kind, straight from the
pydantic models in schema.py, with an example of each field taken from the data folder being built.

The same field descriptions feed the scaffolder (`python -m macros new`), so the guide, the templates
editors start from and the validator can never disagree about which fields exist.
"""

from __future__ import annotations

import builtins
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from macros.records.schema import KINDS, MODELS, NOT_STATED, ProseMarker, Record, Reference, Statement, Strict
from macros.records.validate import Dossier
from macros.site.numbers import format_number
from macros.site.text import SITE_LANGUAGE, Md, in_language, literal

# Examples come only from the data being built: the guide of another dossier must not show this
# project's test records. A field with no value in the data yet says so.
NO_EXAMPLE_YET = "no record has this field yet"

EXAMPLE_LENGTH = 90  # characters of an example shown in a table cell


@dataclass(frozen=True)
class FieldDoc:
    """One field of a record kind as editors need to know it."""

    path: tuple[str, ...]  # ("reported_in", "source") for a field inside each entry of a list
    type: str  # in words: "actor id", "list of source ids", "date: YYYY, YYYY-MM or YYYY-MM-DD"
    required: bool
    description: str
    reference: str | None = None  # the kind this field's ids point at
    default: Any = None
    is_list: bool = False
    min_items: int = 0
    nested: builtins.type[Strict] | None = None  # `type` alone is the field above; the model of each entry, for a list of sub-records
    choices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """How the guide and error messages spell it: `reported_in[].source`."""
        return "[].".join(self.path)

    @property
    def key(self) -> str:
        return self.path[-1]


# --- reading the models ----------------------------------------------------------------------------


@dataclass
class _Shape:
    core: Any  # the innermost type: str, float, a Literal, a model
    metadata: list[Any]
    optional: bool = False
    is_list: bool = False
    min_items: int = 0


def _peel(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """Strip Optional[...] and Annotated[...], collecting their metadata (FieldInfo contents included)."""
    collected = list(metadata)
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                collected.extend([*item.metadata, item] if isinstance(item, FieldInfo) else [item])
        elif origin in (Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            optional = optional or len(members) < len(typing.get_args(annotation))
            annotation = members[0]
        else:
            return annotation, collected, optional


def _shape(info: FieldInfo) -> _Shape:
    core, metadata, optional = _peel(info.annotation, list(info.metadata))
    shape = _Shape(core, metadata, optional)
    if typing.get_origin(core) is list:
        shape.is_list = True
        shape.min_items = max([getattr(m, "min_length", 0) or 0 for m in metadata], default=0)
        shape.core, shape.metadata, _ = _peel(typing.get_args(core)[0], [])
    return shape


def _pattern(metadata: list[Any]) -> str:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
        extra = getattr(item, "json_schema_extra", None)
        extra_pattern = extra.get("pattern") if isinstance(extra, dict) else None
        if isinstance(extra_pattern, str):
            return extra_pattern
    return ""


def _is_url(metadata: list[Any]) -> bool:
    return any(isinstance(getattr(item, "json_schema_extra", None), dict) and item.json_schema_extra.get("format") == "uri"
               for item in metadata)


def _describe(shape: _Shape) -> tuple[str, str, str | None, tuple[str, ...]]:
    """(singular, plural, reference kind, choices) in words, for one value of a field."""
    core, metadata = shape.core, shape.metadata
    pattern = _pattern(metadata)
    reference = next((item.kind for item in metadata if isinstance(item, Reference)), None)
    if reference:
        noun = MODELS[reference].singular
        if NOT_STATED in pattern:
            return f"{noun} id or '{NOT_STATED}'", f"{noun} ids or '{NOT_STATED}'", reference, ()
        return f"{noun} id", f"{noun} ids", reference, ()
    if typing.get_origin(core) is Literal:
        choices = tuple(str(choice) for choice in typing.get_args(core))
        words = "one of: " + " | ".join(choices)
        return words, words, None, choices
    if isinstance(core, type) and issubclass(core, Strict):
        return "entry", "entries", None, ()
    if core is float or core is int:
        return "number", "numbers", None, ()
    if any(isinstance(item, ProseMarker) for item in metadata):
        return "Markdown, [[kind/id]] links allowed", "Markdown texts, [[kind/id]] links allowed", None, ()
    if r"\d{4}" in pattern:
        # The format (YYYY, YYYY-MM or YYYY-MM-DD) is in the date type's own description.
        words = f"date or '{NOT_STATED}'" if NOT_STATED in pattern else "date"
        return words, words.replace("date", "dates", 1), None, ()
    if _is_url(metadata):
        return "web address (http:// or https://)", "web addresses", None, ()
    if pattern:
        return f"text matching {pattern}", f"texts matching {pattern}", None, ()
    return "text", "texts", None, ()


def _description(info: FieldInfo, shape: _Shape, choices: tuple[str, ...]) -> str:
    if info.description and info.description != " | ".join(choices):  # no need to list the choices twice
        return info.description
    if isinstance(shape.core, type) and issubclass(shape.core, Strict) and shape.core.__doc__:
        return shape.core.__doc__.strip().splitlines()[0]
    return ""


def field_docs(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[FieldDoc]:
    """Every field of `model` in declaration order, each list of sub-records followed by its own fields."""
    docs: list[FieldDoc] = []
    for name, info in model.model_fields.items():
        shape = _shape(info)
        singular, plural, reference, choices = _describe(shape)
        description = _description(info, shape, choices)
        if description and singular.startswith("text matching"):
            singular, plural = "text", "texts"  # the description says it better than a regular expression
        nested = shape.core if isinstance(shape.core, type) and issubclass(shape.core, Strict) else None
        if shape.is_list:
            words = f"list of {plural}"
            if shape.min_items:
                words += ", at least one" if shape.min_items == 1 else f", at least {shape.min_items}"
        else:
            words = singular
        default = None if info.is_required() or info.default in (None, PydanticUndefined) else info.default
        docs.append(FieldDoc((*prefix, name), words, info.is_required(), description, reference,
                             default, shape.is_list, shape.min_items, nested, choices))
        if nested is not None:
            docs.extend(field_docs(nested, (*prefix, name)))
    return docs


def all_field_names() -> dict[str, list[str]]:
    """kind → every field name the guide must document (nested ones as `reported_in[].source`)."""
    return {kind: [doc.name for doc in field_docs(MODELS[kind])] for kind in KINDS}


# --- examples from the data ------------------------------------------------------------------------


def _values(item: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at `path` inside a record, looking into every entry of a list of sub-records."""
    if not path:
        return [item]
    if isinstance(item, list):
        return [value for entry in item for value in _values(entry, path)]
    if not isinstance(item, BaseModel) or path[0] not in item.model_fields_set:
        return []  # only values an editor wrote count as examples, never defaults
    return _values(getattr(item, path[0]), path[1:])


def example_value(dossier: Dossier | None, kind: str, doc: FieldDoc) -> Any:
    """The first value of this field, in id order, in the given dossier; None when no record has one."""
    return example_of(dossier, kind, doc)[0]


def example_of(dossier: Dossier | None, kind: str, doc: FieldDoc) -> tuple[Any, str | None]:
    """(`example_value`, the language of the record it is from): records in the guide's own language first,
    in id order, so an English guide shows English examples where the data has them."""
    if dossier is None or doc.nested is not None:
        return None, None  # a list of entries has no one-cell example: each of its fields has its own row
    languages = {record_id: _language(dossier, record) for record_id, record in dossier.records[kind].items()}
    for record_id in sorted(languages, key=lambda record_id: (languages[record_id] not in (None, SITE_LANGUAGE), record_id)):
        for value in _values(dossier.records[kind][record_id], doc.path):
            if value not in (None, "", []) and not isinstance(value, BaseModel):
                return value, languages[record_id]
    return None, None


# The fields holding words as printed, in the language of their record (`_language`).
_PRINTED_WORDS = ("name", "aliases", "title", "text", "wording")


def _language(dossier: Dossier, record: Record) -> str | None:
    """The language of a record's words as printed (renderer.Renderer.language_of, without a renderer)."""
    if isinstance(record, Statement) and record.form == "quote":
        source = dossier.get("sources", record.reported_in[0].source)
        return record.language or getattr(source, "language", None)
    return getattr(record, "language", None)


def _shorten(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= EXAMPLE_LENGTH:
        return text
    cut = text[:EXAMPLE_LENGTH].rsplit(" ", 1)[0]
    return cut + " …"


def _as_yaml(value: Any) -> str:
    """An example as an editor would type it after the colon."""
    if isinstance(value, list):
        shown = [_as_yaml(item) for item in value[:3]]
        return "[" + ", ".join(shown) + (", …" if len(value) > 3 else "") + "]"
    if isinstance(value, float):
        return format_number(value).replace(",", "")
    return _shorten(str(value))


def format_example(value: Any) -> Md:
    """Data is data: the example is escaped exactly as every other text from YAML (renderer.literal)."""
    return literal(_as_yaml(value)) if value is not None else Md("")


# --- Markdown --------------------------------------------------------------------------------------


def _required(doc: FieldDoc) -> str:
    if doc.required:
        return "yes, in each entry" if len(doc.path) > 1 else "yes"
    return f"no (default: {doc.default})" if doc.default is not None else "no"


def _type_cell(doc: FieldDoc) -> Md:
    """The type in words; for a reference, the kind it points at links to that kind's index page."""
    words = literal(doc.type)
    if doc.reference is None:
        return words
    noun = MODELS[doc.reference].singular
    return Md(words.replace(noun, f"[{noun}](/{doc.reference}/index.md)", 1))


def field_reference(dossier: Dossier | None, kind: str) -> Md:
    """The Markdown table of every field of one record kind, with an example of each from the data."""
    if kind not in MODELS:
        raise ValueError(f"field_reference: no record kind '{kind}' (the kinds are: {', '.join(KINDS)})")
    rows = ["| Field | Type | Required | What it holds | Example |", "| --- | --- | --- | --- | --- |"]
    for doc in field_docs(MODELS[kind]):
        value, language = example_of(dossier, kind, doc)
        if doc.path[-1] not in _PRINTED_WORDS:
            language = None  # an id, a date, a choice: the editors' notation, not the record's words
        example = in_language(format_example(value), language) if value is not None else Md(f"*{NO_EXAMPLE_YET}*")
        cells = [Md(f"`{doc.name}`"), _type_cell(doc), literal(_required(doc)), literal(doc.description), example]
        rows.append("| " + " | ".join(cells) + " |")
    return Md("\n".join(rows) + "\n")


def record_kinds(dossier: Dossier | None) -> Md:
    """The table of record kinds: folder, what one record is, how many this dossier holds."""
    rows = ["| Kind | Folder | One record is | Records here | Start one with |", "| --- | --- | --- | --- | --- |"]
    for kind in KINDS:
        model = MODELS[kind]
        count = len(dossier.records[kind]) if dossier is not None else 0
        what = (model.__doc__ or "").strip().splitlines()[0]
        rows.append(f"| [{model.singular}](#{kind}) | `data/{kind}/` | {literal(what)} | [{count}](/{kind}/index.md) "
                    f"| `python -m macros new {model.singular} <id>` |")
    return Md("\n".join(rows) + "\n")
