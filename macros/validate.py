"""Stage 2: check raw records against the schema, then resolve every reference and `[[kind/id]]` link.

The result is a `Dossier`: the valid records, the reference edges between them (the one stored direction
from which the index derives backlinks) and every error found, all of them, never just the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, did_you_mean, dotted_path, with_article
from .load import Loaded, RawRecord, collector_paused, locate
from .schema import KINDS, MODELS, NOT_STATED, DossierMeta, FieldSpec, Record, field_specs

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

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def count(self) -> dict[str, int]:
        return {kind: len(by_id) for kind, by_id in self.records.items()}


# Under `mkdocs serve` only (off otherwise: a one-off build or check would pay for it and never hit it):
# the records of the last validation, by the parsed file they came from. load() then hands back the same
# RawRecord for every file that did not change, and its (frozen) record is reused instead of validated
# again; references are still checked anew below. The RawRecord is kept alive with its record, so its
# id() cannot be reused by another object while it is in here.
_validated: dict[int, tuple[RawRecord, Record]] | None = None


def remember_validated_records(enabled: bool) -> None:
    """Reuse the records of files that did not change (for `mkdocs serve`), or stop and forget them."""
    global _validated
    _validated = {} if enabled else None


@collector_paused()
def validate(loaded: Loaded) -> Dossier:
    """Validate every raw record and every reference between them."""
    global _validated
    dossier = Dossier(errors=list(loaded.errors), meta=loaded.meta)
    texts: dict[tuple[str, str], RawRecord] = {}
    validated: dict[int, tuple[RawRecord, Record]] = {}
    for raw in loaded.records:
        model = MODELS[raw.kind]
        cached = _validated.get(id(raw)) if _validated is not None else None
        if cached is not None and cached[0] is raw:
            record = cached[1]
        else:
            try:
                record = model.model_validate(raw.data)
            except ValidationError as error:
                dossier.errors.extend(_schema_errors(raw, model, error))
                continue
            record._id, record._path = raw.id, raw.path
        if _validated is not None:
            validated[id(raw)] = (raw, record)
        dossier.records[raw.kind][raw.id] = record
        texts[(raw.kind, raw.id)] = raw
    if _validated is not None:
        _validated = validated

    for kind, by_id in dossier.records.items():
        for record in by_id.values():
            values = list(_values(record))  # walked once for both checks below (0.09 s of a 10,000-statement check)
            for edge, location in _references(record, values):
                problem = _unresolved(dossier, edge, loaded.present)
                if problem:
                    message, hint = problem
                    raw = texts[(kind, record.id)]
                    dossier.errors.append(DataError(raw.path, locate(raw.text, location), dotted_path(location), message, hint))
                else:
                    dossier.edges.append(edge)
            for location, link_problem in _malformed_links(values):
                raw = texts[(kind, record.id)]
                dossier.errors.append(DataError(raw.path, locate(raw.text, location), dotted_path(location), *link_problem))
    dossier.errors.extend(_cycles(dossier, texts))
    dossier.errors.sort()
    return dossier


Location = tuple[str | int, ...]


def _values(model: BaseModel, prefix: Location = ()) -> Iterator[tuple[FieldSpec, Any, Location, BaseModel]]:
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
    kind, target_id = edge.target_kind, edge.target_id
    if edge.field == "prose":
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or f"write [[kind/id]] with kind one of: {', '.join(KINDS)}"
            return f"link [[{kind}/{target_id}]] names no record kind '{kind}'", hint
        if not target_id:
            return f"link [[{kind}/]] has no id", "write [[kind/id]] or [[kind/id|label]]"
    if dossier.get(kind, target_id) is not None:
        if edge.source.folder == kind and edge.source.id == target_id and (kind, edge.field) in SELF_REFERENCE_FIELDS:
            return f"'{target_id}' refers to itself", "remove it from the list"
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


def _malformed_links(values: Values) -> Iterator[tuple[Location, tuple[str, str]]]:
    """`[[` without a matching `]]` in a record's prose (its `_values`): a link the editor meant but the
    build would silently drop."""
    for spec, value, location, _ in values:
        leftover = PROSE_LINK.sub("", value) if spec.is_prose else ""
        if "[[" in leftover or "]]" in leftover:
            yield location, ("unbalanced [[ ]] link", "write [[kind/id]] or [[kind/id|label]]")


def _cycles(dossier: Dossier, texts: dict[tuple[str, str], RawRecord]) -> Iterator[DataError]:
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
            yield DataError(raw.path, locate(raw.text, (field_name,)), field_name, f"loop: {' → '.join([*loop, loop[0]])}",
                            f"remove one of these {field_name} so the chain ends")


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


def _fields_at(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    """The field names of the (sub-)record holding `location`, e.g. ReportedIn's for reported_in[0].sorce."""
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        nested = next((spec.nested for spec in field_specs(model) if spec.name == part), None)
        if nested is None:
            break
        model = nested
    return list(model.model_fields)


def _schema_errors(raw: RawRecord, model: type[Record], error: ValidationError) -> Iterator[DataError]:
    for problem in error.errors(include_url=False):
        # pydantic adds validator names to the location; keep only field names and list positions.
        location = tuple(part for part in problem["loc"] if isinstance(part, int) or ("[" not in part and "(" not in part))
        message, hint = _explain(problem, _fields_at(model, location), location)
        yield DataError(raw.path, locate(raw.text, location), dotted_path(location), message, hint)


def _explain(problem: dict[str, Any], fields: list[str], location: tuple[str | int, ...]) -> tuple[str, str]:
    """Turn one pydantic error into words an editor acts on: what is wrong, and what to do."""
    kind, value = problem["type"], problem.get("input")
    name = str(location[-1]) if location else ""
    if kind == "extra_forbidden":
        return "unknown field", did_you_mean(name, fields) or "remove it; the editor's guide lists the fields"
    if kind == "missing":
        return "required field is missing", f"add `{name}:`"
    if kind == "string_pattern_mismatch":
        pattern = problem.get("ctx", {}).get("pattern", "")
        if "\\d{4}" in pattern:
            return f"'{value}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD" + (" or 'not stated'" if "not stated" in pattern else "")
        if "a-z0-9" in pattern:
            from .load import suggest_id

            return f"'{value}' is not a valid id", suggest_id(str(value))
        return f"'{value}' has the wrong form", f"expected to match {pattern}"
    if kind == "literal_error":
        return f"'{value}' is not allowed", f"expected {problem['ctx']['expected']}"
    if kind.endswith("_type"):
        expected = {"string_type": "text", "list_type": "a list", "int_type": "a whole number", "float_type": "a number",
                    "model_type": "a mapping of fields", "dict_type": "a mapping of fields", "bool_type": "true or false"}
        wanted = expected.get(kind, kind.removesuffix("_type"))
        if value is None:
            return f"expected {wanted}, found nothing", "write a value after the colon, or remove the line"
        if isinstance(value, bool) and wanted == "text":
            # YAML 1.1 reads yes/no/on/off/true/false as booleans: `name: No` is not the text "No".
            return f"expected text, found true/false {value}", "YAML reads yes/no/on/off as true/false: put the text in quotes"
        return f"expected {wanted}, found {_describe(value)}", "quote text values; numbers without quotes" if wanted in ("text", "a number") else ""
    if kind == "string_too_long":
        limit = problem.get("ctx", {}).get("max_length", 0)
        return (f"{len(value):,} characters, more than the {limit:,} one field may hold",
                "split the text into several records; keep a full document as a source's archive copy")
    if kind in ("too_short", "string_too_short"):
        return "must not be empty", "give at least one" if isinstance(value, list) else "write a value or remove the field"
    if kind == "value_error":
        return str(problem["msg"]).removeprefix("Value error, "), ""
    return str(problem["msg"]), ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
    shown = repr(value) if not isinstance(value, (list, dict)) else ""
    return f"{names.get(type(value), type(value).__name__)} {shown}".strip()
