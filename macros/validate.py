"""Stage 2: check raw records against the schema, then resolve every reference and `[[kind/id]]` link.

The result is a `Dossier`: the valid records, the reference edges between them (the one stored direction
from which the index derives backlinks) and every error found, all of them, never just the first.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .consistency import consistency_errors
from .errors import DataError, did_you_mean, dotted_path, with_article
from .id_rules import lookalike_problem
from .load import Loaded, Locator, RawRecord, YamlReading, collector_paused, suggest_id
from .schema import ID_PATTERN, KINDS, MODELS, NOT_STATED, DossierMeta, FieldSpec, Record, Strict, check_calendar, field_specs

_ID = re.compile(ID_PATTERN)
# [[kind/id]] or [[kind/id|label]]
PROSE_LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")

# Where a record pointing at itself makes no sense.
SELF_REFERENCE_FIELDS = {("actors", "affiliations"), ("topics", "related")}
# Where a loop of such pointers makes no sense either: affiliations form a hierarchy. Related topics
# may name each other (A related to B, B related to A): that is a relation, not a loop.
ACYCLIC_FIELDS = {("actors", "affiliations")}


@dataclass(frozen=True)
class Edge:
    """One reference as stored: `source` record's `field` points at `target_kind/target_id`."""

    source: Record
    field: str  # top-level field name, or "prose" for a [[...]] link
    target_kind: str
    target_id: str
    detail: BaseModel | None = None  # the sub-record holding the reference (e.g. the on_claims entry)


@dataclass
class Dossier:
    """Validated records by kind and id, the edges between them, and every error found."""

    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    edges: list[Edge] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    meta: DossierMeta = field(default_factory=DossierMeta)  # data/dossier.yml
    # The characters of its text beyond the basic set every system draws (fonts.characters_of, run by
    # pipeline.check): the fonts the build cuts are cut to them.
    characters: frozenset[int] = frozenset()

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def count(self) -> dict[str, int]:
        return {kind: len(by_id) for kind, by_id in self.records.items()}


class ValidatedRecords(dict[str, tuple[RawRecord, Record]]):
    """The records of the last validation, by the path of the file they came from. A ParseCache hands back
    the same RawRecord for every file that did not change, and its (frozen) record is then reused instead
    of validated again; references are still checked anew. Kept by the session of `mkdocs serve`
    (session.BuildSession): a one-off build or check would pay for it and never hit it."""


@collector_paused()
def validate(loaded: Loaded, cache: ValidatedRecords | None = None) -> Dossier:
    """Validate every raw record and every reference between them; with `cache`, reuse and update it."""
    dossier = Dossier(errors=list(loaded.errors), meta=loaded.meta)
    texts: dict[tuple[str, str], RawRecord] = {}
    invalid: list[tuple[RawRecord, list[Location]]] = []  # with the locations of their schema errors
    validated: dict[str, tuple[RawRecord, Record]] = {}
    lines = Lines()
    for raw in loaded.records:
        model = MODELS[raw.kind]
        cached = cache.get(raw.path) if cache is not None else None
        if cached is not None and cached[0] is raw:
            record = cached[1]
        else:
            try:
                record = model.model_validate(raw.data)
            except ValidationError as error:
                schema_errors = list(_schema_errors(raw, model, error, lines))
                dossier.errors.extend(schema_error for schema_error, _ in schema_errors)
                invalid.append((raw, [location for _, location in schema_errors]))
                continue
            record._id, record._path = raw.id, raw.path
        if cache is not None:
            validated[raw.path] = (raw, record)
        dossier.records[raw.kind][raw.id] = record
        texts[(raw.kind, raw.id)] = raw
    if cache is not None:  # this validation's records only: an edited or deleted file's old one is dropped
        cache.clear()
        cache.update(validated)

    for kind, by_id in dossier.records.items():
        for record in by_id.values():
            values = list(_values(record))  # walked once for both checks below (0.09 s of a 10,000-statement check)
            for edge, location in _references(record, values):
                problem = _unresolved(dossier, edge, loaded.present)
                if problem:
                    raw = texts[(kind, record.id)]
                    dossier.errors.append(DataError(raw.path, lines.of(raw, location), dotted_path(location), *problem))
                else:
                    dossier.edges.append(edge)
            for location, link_problem in _malformed_links(values):
                raw = texts[(kind, record.id)]
                dossier.errors.append(DataError(raw.path, lines.of(raw, location), dotted_path(location), *link_problem))
    # A record with schema errors has no page and no edges, but its references are checked all the same:
    # a bad `date:` must not hide a misspelt `speaker:` until the date is fixed.
    for raw, error_locations in invalid:
        dossier.errors.extend(_reference_errors_of_invalid(dossier, raw, error_locations, loaded.present, lines))
    dossier.errors.extend(_cycles(dossier, texts, lines))
    dossier.errors.extend(consistency_errors(dossier.records, lambda record, location: lines.of(texts[(record.folder, record.id)], location)))
    dossier.errors.extend(_uncorrected_changes(dossier, texts, lines))
    dossier.errors.sort()
    return dossier


class Lines:
    """Line lookups for the files that have errors, each file's YAML composed once (load.Locator)."""

    def __init__(self) -> None:
        self._locators: dict[str, Locator] = {}

    def locator(self, raw: RawRecord) -> Locator:
        locator = self._locators.get(raw.path)
        if locator is None:
            locator = self._locators[raw.path] = Locator(raw.text)
        return locator

    def of(self, raw: RawRecord, location: Location) -> int:
        return self.locator(raw).line(location)


Location = tuple[str | int, ...]


def _values(model: Strict, prefix: Location = ()) -> Iterator[tuple[FieldSpec, Any, Location, BaseModel]]:
    """Every reference and prose value inside a record, sub-records included: (spec, value, location, holder)."""
    for spec in field_specs(type(model)):
        value = getattr(model, spec.name)
        if value is None:
            continue
        items = [(item, (*prefix, spec.name, i)) for i, item in enumerate(value)] if spec.is_list else [(value, (*prefix, spec.name))]
        for item, location in items:
            if spec.nested is not None:
                yield from _values(item, location)
            else:
                yield spec, item, location, model


Values = list[tuple[FieldSpec, Any, Location, BaseModel]]


def _references(record: Record, values: Values) -> Iterator[tuple[Edge, Location]]:
    """Every reference and prose link a record holds (`values`: its `_values`), with the location of each."""
    for spec, value, location, holder in values:
        if spec.reference_kind is not None and value != NOT_STATED:
            detail = holder if holder is not record else None  # e.g. the on_claims entry holding the stance
            yield Edge(record, str(location[0]), spec.reference_kind, value, detail), location
        elif spec.is_prose:
            for match in PROSE_LINK.finditer(value):
                kind, _, target_id = match.group(1).strip().partition("/")
                yield Edge(record, "prose", kind, target_id, None), location


def _unresolved(dossier: Dossier, edge: Edge, present: dict[str, set[str]]) -> tuple[str, str] | None:
    """Why `edge` does not resolve (message, hint), or None when it does."""
    return _reference_problem(dossier, present, (edge.source.folder, edge.source.id), edge.field, edge.target_kind, edge.target_id)


def _reference_problem(dossier: Dossier, present: dict[str, set[str]], source: tuple[str, str], field_name: str,
                       kind: str, target_id: str) -> tuple[str, str] | None:
    """Why the reference from record `source` (kind, id) in `field_name` to `kind/target_id` does not resolve."""
    if field_name == "prose":
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or f"write [[kind/id]] with kind one of: {', '.join(KINDS)}"
            return f"link [[{kind}/{target_id}]] names no record kind '{kind}'", hint
        if not target_id:
            return f"link [[{kind}/]] has no id", "write [[kind/id]] or [[kind/id|label]]"
    if source == (kind, target_id) and (kind, field_name) in SELF_REFERENCE_FIELDS:
        return f"'{target_id}' refers to itself", "remove it from the list"
    if dossier.get(kind, target_id) is not None:
        return None
    if target_id in present[kind]:
        return None  # the file exists but is invalid: its own error says why, once
    singular = MODELS[kind].singular
    elsewhere = [other for other in KINDS if other != kind and dossier.get(other, target_id) is not None]
    if elsewhere:
        return (f"'{target_id}' is {with_article(MODELS[elsewhere[0]].singular)}, not {with_article(singular)}",
                f"this field needs the id of a record in data/{kind}/")
    hint = did_you_mean(target_id, dossier.records[kind]) or f"create data/{kind}/{target_id}.yml or fix the id"
    return f"no {singular} '{target_id}'", hint


def _raw_values(model: type[Strict], data: dict[str, Any], prefix: Location = ()) -> Iterator[tuple[FieldSpec, str, Location]]:
    """`_values` of a record that failed validation: the reference and prose texts in its raw data that
    have the right shape (anything else already has its schema error)."""
    for spec in field_specs(model):
        value = data.get(spec.name)
        if spec.is_list:
            items = [(item, (*prefix, spec.name, i)) for i, item in enumerate(value)] if isinstance(value, list) else []
        else:
            items = [(value, (*prefix, spec.name))]
        for item, location in items:
            if spec.nested is not None:
                if isinstance(item, dict):
                    yield from _raw_values(spec.nested, item, location)
            elif isinstance(item, str):
                yield spec, item, location


def _reference_errors_of_invalid(dossier: Dossier, raw: RawRecord, error_locations: list[Location],
                                 present: dict[str, set[str]], lines: Lines) -> Iterator[DataError]:
    """The reference and link errors of a record that has schema errors, except where those already are."""
    source = (raw.kind, raw.id)
    for spec, value, location in _raw_values(MODELS[raw.kind], raw.data):
        if any(location[: len(wrong)] == wrong or wrong[: len(location)] == location for wrong in error_locations):
            continue
        problems: list[tuple[str, str] | None] = []
        if spec.reference_kind is not None and value != NOT_STATED and _ID.match(value):
            problems.append(_reference_problem(dossier, present, source, str(location[0]), spec.reference_kind, value))
        elif spec.is_prose:
            for match in PROSE_LINK.finditer(value):
                kind, _, target_id = match.group(1).strip().partition("/")
                problems.append(_reference_problem(dossier, present, source, "prose", kind, target_id))
            leftover = PROSE_LINK.sub("", value)
            if "[[" in leftover or "]]" in leftover:
                problems.append(("unbalanced [[ ]] link", "write [[kind/id]] or [[kind/id|label]]"))
        for problem in problems:
            if problem:
                yield DataError(raw.path, lines.of(raw, location), dotted_path(location), *problem)


def _malformed_links(values: Values) -> Iterator[tuple[Location, tuple[str, str]]]:
    """`[[` without a matching `]]` in a record's prose (its `_values`): a link the editor meant but the
    build would silently drop."""
    for spec, value, location, _ in values:
        leftover = PROSE_LINK.sub("", value) if spec.is_prose else ""
        if "[[" in leftover or "]]" in leftover:
            yield location, ("unbalanced [[ ]] link", "write [[kind/id]] or [[kind/id|label]]")


def _cycles(dossier: Dossier, texts: dict[tuple[str, str], RawRecord], lines: Lines) -> Iterator[DataError]:
    """Loops through fields that must form a hierarchy (A affiliated to B affiliated to A)."""
    for kind, field_name in ACYCLIC_FIELDS:
        records = dossier.records[kind]
        reported: set[tuple[str, ...]] = set()
        for loop in _find_loops({rid: [t for t in getattr(r, field_name) if t in records and t != rid] for rid, r in records.items()}):
            start = loop.index(min(loop))
            loop = loop[start:] + loop[:start]  # the same loop found from another member is reported once
            if tuple(loop) in reported:
                continue
            reported.add(tuple(loop))
            raw = texts[(kind, loop[0])]
            yield DataError(raw.path, lines.of(raw, (field_name,)), field_name, f"loop: {' → '.join([*loop, loop[0]])}",
                            f"remove one of these {field_name} so the chain ends")


def _uncorrected_changes(dossier: Dossier, texts: dict[tuple[str, str], RawRecord], lines: Lines) -> Iterator[DataError]:
    """A claim's status change without a source (`by`) is a correction, and a correction is published:
    the corrections log in dossier.yml must have an entry of the same date naming the claim."""
    logged = {(correction.date, reference) for correction in dossier.meta.corrections for reference in correction.records}
    for claim in dossier.records["claims"].values():
        for i, change in enumerate(getattr(claim, "history", ())):
            reference = f"claims/{claim.id}"
            if change.by is None and (change.date, reference) not in logged:
                raw = texts[("claims", claim.id)]
                yield DataError(raw.path, lines.of(raw, ("history", i)), f"history[{i}].by",
                                "a status change without a source must be a published correction, and the corrections log "
                                f"has no entry of {change.date} naming {reference}",
                                f"name the source that moved the status in `by:`, or add the correction to dossier.yml's `corrections:` "
                                f"(date: {change.date}, records: [{reference}], note: what was wrong and why it changed)")


def _find_loops(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Depth-first search yielding one loop per back edge (enough to report every loop at least once)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in sorted(graph):
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(graph[root])]
        state[root] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                yield path[path.index(following):]
            elif following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter(graph[following]))


def _holder(model: type[Strict], location: Location) -> type[Strict]:
    """The (sub-)model holding the field at `location`, e.g. ReportedIn for reported_in[0].sorce."""
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        nested = next((spec.nested for spec in field_specs(model) if spec.name == part), None)
        if nested is None:
            break
        model = nested
    return model


def _field_location(model: type[Strict], problem: ErrorDetails) -> Location:
    """pydantic's location of a problem, with only field names and list positions: it may add the names of
    validators (e.g. "function-after[...]"), which are no fields; an unknown field keeps its name as written."""
    location: list[str | int] = []
    parts = problem["loc"]
    for position, part in enumerate(parts):
        if isinstance(part, int):
            location.append(part)
        elif part in model.model_fields:
            location.append(part)
            model = next((spec.nested for spec in field_specs(model) if spec.name == part and spec.nested), model)
        elif problem["type"] == "extra_forbidden" and position == len(parts) - 1:
            location.append(part)
    return tuple(location)


@dataclass(frozen=True)
class _Where:
    """What `_explain` needs to know about the place of an error, beyond pydantic's report of it."""

    fields: list[str]  # the field names of the (sub-)record holding it
    annotation: Any  # the type of the field, or None for an unknown field
    required: bool
    in_list: bool  # the error is about one item of a list
    written: str | None  # the text written for the value, when it is a plain value
    record_id: str


def _schema_errors(raw: RawRecord, model: type[Record], error: ValidationError, lines: Lines) -> Iterator[tuple[DataError, Location]]:
    locator = lines.locator(raw)
    for problem in error.errors(include_url=False):
        location = _field_location(model, problem)
        holder = _holder(model, location)
        name = next((part for part in reversed(location) if isinstance(part, str)), "")
        info = holder.model_fields.get(name)
        line, node = locator.find(location)
        where = _Where(list(holder.model_fields), info.annotation if info else None, bool(info and info.is_required()),
                       bool(location) and isinstance(location[-1], int), node.value if isinstance(node, yaml.ScalarNode) else None,
                       raw.id)
        message, hint = _explain(problem, where, location)
        yield DataError(raw.path, line, dotted_path(location), message, hint), location


# A date of the right form whose month or day cannot be: its message is the calendar's, not the form's.
_DATE_FORM = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _explain(problem: ErrorDetails, where: _Where, location: Location) -> tuple[str, str]:
    """Turn one pydantic error into words an editor acts on: what is wrong, and what to do."""
    kind, value = problem["type"], problem.get("input")
    name = str(location[-1]) if location else ""
    if isinstance(value, YamlReading) and kind != "extra_forbidden":
        return _yaml_reading(value)
    if kind == "extra_forbidden":
        if name == "id":
            # `id: x` is the commonest unknown field of all: the file name is the id, by design.
            return "not a field: a record's id is its file name", f"remove the line; this record's id is '{where.record_id}'"
        return "unknown field", did_you_mean(name, where.fields) or "remove it; the editor's guide lists the fields"
    allowed = _allowed_values(where.annotation)
    if kind == "missing":
        return "required field is missing", f"add `{name}:`" + (f" with one of {_one_of(allowed)}" if allowed else "")
    if value is None and (kind == "literal_error" or kind.endswith("_type")):
        # An empty `kind:` or `name:`: YAML reads nothing after the colon as null.
        if allowed:
            return "the field is empty", f"write one of {_one_of(allowed)}" + ("" if where.required else ", or remove the line")
        return f"expected {_expected(kind)}, found nothing", _fill_in(where, "write a value after the colon")
    if kind == "string_pattern_mismatch":
        pattern = problem.get("ctx", {}).get("pattern", "")
        if "\\d{4}" in pattern:
            if _DATE_FORM.match(str(value)):
                try:
                    check_calendar(str(value))
                except ValueError as calendar:
                    return str(calendar), ""
            return f"'{value}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD" + (" or 'not stated'" if "not stated" in pattern else "")
        if "a-z0-9" in pattern:
            return lookalike_problem(str(value)) or (f"'{value}' is not a valid id", suggest_id(str(value)))
        return f"'{value}' has the wrong form", f"expected to match {pattern}"
    if kind == "literal_error":
        return f"'{value}' is not allowed", f"expected {problem['ctx']['expected']}"
    if kind == "finite_number":
        return (f"'{where.written or value}' is not a finite number",
                "YAML reads .inf, .nan and numbers beyond about 1.8e308 as infinite or not a number; write the figure itself")
    if kind == "number_too_large":
        return str(problem["msg"]), "the largest number is about 1.8e308: check it, or give it in a larger unit"
    if kind == "number_inexact":
        return str(problem["msg"]), "round it, or give it in a larger unit (e.g. million)"
    if kind.endswith("_type"):
        wanted = _expected(kind)
        if isinstance(value, bool) and wanted == "text":
            # YAML 1.1 reads yes/no/on/off/true/false as booleans: `name: No` is not the text "No".
            return f"expected text, found true/false {value}", "YAML reads yes/no/on/off as true/false: put the text in quotes"
        if isinstance(value, (list, dict)):
            shape = "list" if isinstance(value, list) else "mapping"
            return f"expected {wanted}, found {_describe(value)}", f"write one value here, not a {shape}" if wanted in ("text", "a number") else ""
        return f"expected {wanted}, found {_describe(value)}", "quote text values; numbers without quotes" if wanted in ("text", "a number") else ""
    if kind == "string_too_long":
        limit = problem.get("ctx", {}).get("max_length", 0)
        return (f"{len(str(value)):,} characters, more than the {limit:,} one field may hold",
                "split the text into several records; keep a full document as a source's archive copy")
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, list):
            return "must not be empty", "give at least one"
        return "must not be empty", _fill_in(where, "write a value")
    if kind == "unbalanced_bidi":
        return str(problem["msg"]), str(problem.get("ctx", {}).get("hint", ""))
    if kind == "blank_text":
        return "is blank: only spaces or invisible characters", _fill_in(where, "write the text")
    if kind == "value_error":
        return str(problem["msg"]).removeprefix("Value error, "), ""
    return str(problem["msg"]), ""


def _fill_in(where: _Where, what: str) -> str:
    """`what` to do, and the other way out where there is one: an optional field or a list item can go."""
    if where.in_list:
        return f"{what}, or remove the item"
    return what if where.required else f"{what}, or remove the line"


_EXPECTED = {"string_type": "text", "list_type": "a list", "int_type": "a whole number", "float_type": "a number",
             "model_type": "a mapping of fields", "dict_type": "a mapping of fields", "bool_type": "true or false"}


def _expected(kind: str) -> str:
    return _EXPECTED.get(kind, kind.removesuffix("_type"))


def _allowed_values(annotation: Any) -> list[str]:
    """The values a Literal field takes (also inside `X | None`), or [] for any other type."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [value for option in typing.get_args(annotation) for value in _allowed_values(option)]
    return []


def _one_of(values: list[str]) -> str:
    """'a', 'b' or 'c': as pydantic lists the values of a Literal."""
    quoted = [f"'{value}'" for value in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _yaml_reading(value: YamlReading) -> tuple[str, str]:
    if value.how == "octal":
        decimal = value.written.replace("_", "").lstrip("+-").lstrip("0") or "0"
        sign = "-" if value.written.startswith("-") else ""
        return (f"'{value.written}' is read as the number {value.number} (YAML reads a leading 0 as octal, base 8)",
                f"for the number write {sign}{decimal}; for text, put it in quotes: '{value.written}'")
    return (f"'{value.written}' is read as the number {value.number} (YAML reads digits between colons as base 60)",
            f"for a time or other text, put it in quotes: '{value.written}'")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
    shown = repr(value) if not isinstance(value, (list, dict)) else ""
    return f"{names.get(type(value), type(value).__name__)} {shown}".strip()
