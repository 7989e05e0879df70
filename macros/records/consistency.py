"""What each record's fields may be alone but not together: the same entry listed twice in a list, a claim
history out of order, dates that contradict each other. Found after validation, on valid records."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from macros.records.dates import format_date
from macros.records.errors import DataError, dotted_path
from macros.records.schema import NOT_STATED, Claim, Record, Source, Statement

Location = tuple[str | int, ...]


def consistency_problems(records: dict[str, dict[str, Record]]) -> Iterator[tuple[Record, Location, str, str]]:
    """(record, where, message, hint) for every problem, in the records' order."""
    for by_id in records.values():
        for record in by_id.values():
            yield from ((record, *problem) for problem in duplicate_problems(record))
            if isinstance(record, Claim):
                yield from ((record, *problem) for problem in _chronology(record, records))
            if isinstance(record, Statement):
                yield from ((record, *problem) for problem in _printed_before_said(record, records))


def consistency_errors(records: dict[str, dict[str, Record]], line_of: Any) -> Iterator[DataError]:
    """The problems as errors; `line_of(record, location)` finds the line."""
    for record, location, message, hint in consistency_problems(records):
        yield DataError(record.path, line_of(record, location), dotted_path(location), message, hint)


# --- the same entry twice --------------------------------------------------------------------------------

# Entries of a list of sub-records that must differ, by the field naming what they are about: one printing
# per source, one stance per claim (the same claim under "for" and "against" said both).
_ENTRY_KEYS = {"reported_in": "source", "on_claims": "claim"}


def duplicate_problems(record: BaseModel) -> Iterator[tuple[Location, str, str]]:
    """The same entry twice in any list field of `record` (a record, or data/dossier.yml's DossierMeta)."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        if not isinstance(value, list) or name == "history":
            continue
        seen: dict[Any, int] = {}
        for position, entry in enumerate(value):
            key_field = _ENTRY_KEYS.get(name)
            key = getattr(entry, key_field) if key_field else entry
            if isinstance(entry, BaseModel) and not key_field:
                # Entries that are mappings (a correction, an equivalent): each one's own lists, and whole
                # entries written twice.
                yield from (((name, position, *where), message, hint) for where, message, hint in duplicate_problems(entry))
                key = repr(entry.model_dump())
            elif not isinstance(key, (str, int, float)):
                break  # entries with nothing to tell them apart by
            if key in seen:
                first = seen[key]
                location: Location = (name, position, key_field) if key_field else (name, position)
                yield location, *_duplicate_words(name, key, first, value[first], entry)
            else:
                seen[key] = position


def _duplicate_words(name: str, key: Any, first: int, earlier: Any, entry: Any) -> tuple[str, str]:
    if name == "on_claims" and earlier.stance != entry.stance:
        return (f"claim '{key}' is listed twice, as '{earlier.stance}' ({name}[{first}]) and as '{entry.stance}'",
                "keep one entry per claim: a statement takes one stance on it")
    if isinstance(entry, BaseModel) and name not in _ENTRY_KEYS:
        return f"this entry is listed twice (also {name}[{first}])", "remove this one: each is counted once"
    return f"'{key}' is listed twice (also {name}[{first}])", "remove this one: each is counted once"


# --- dates that contradict each other --------------------------------------------------------------------


def _span(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a date as precise as the sources are (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    parts = [int(part) for part in date.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, month, parts[2]), (year, month, parts[2])


def _surely_before(earlier: str, later: str) -> bool:
    """Whether `earlier` ends before `later` begins, whatever day an imprecise one means."""
    return _span(earlier)[1] < _span(later)[0]


def _chronology(claim: Claim, records: dict[str, dict[str, Record]]) -> Iterator[tuple[Location, str, str]]:

    for position in range(1, len(claim.history)):
        row, above = claim.history[position], claim.history[position - 1]
        if _surely_before(row.date, above.date):
            yield (("history", position, "date"), f"{format_date(row.date)} comes before the row above it ({format_date(above.date)})",
                   "the history is oldest first: put the rows in date order")
            break
    origin = records["statements"].get(claim.origin) if claim.origin else None
    if isinstance(origin, Statement) and origin.date != NOT_STATED and _surely_before(origin.date, claim.first_made):
        yield (("first_made",), f"{format_date(claim.first_made)} is after the statement that first made the claim "
                                f"('{origin.id}', {format_date(origin.date)})",
               "first_made is the origin statement's date, or earlier if an earlier source has the claim")
    for position, row in enumerate(claim.history):
        if _surely_before(row.date, claim.first_made):
            yield (("history", position, "date"), f"the status changed on {format_date(row.date)}, before the claim was first made "
                                                  f"({format_date(claim.first_made)})",
                   "correct this date or first_made: a status is given to a claim once it has been made")
            break


def _printed_before_said(statement: Statement, records: dict[str, dict[str, Record]]) -> Iterator[tuple[Location, str, str]]:
    """A statement dated after a source that printed it was published: no source prints words not yet said."""

    if statement.date == NOT_STATED:
        return
    for report in statement.reported_in:
        source = records["sources"].get(report.source)
        if isinstance(source, Source) and source.published != NOT_STATED and _surely_before(source.published, statement.date):
            yield (("date",), f"{format_date(statement.date)} is after '{source.id}' printed the statement "
                              f"(published {format_date(source.published)})",
                   "correct the statement's date or the source's published date: a source prints only what was said by then")
            return
