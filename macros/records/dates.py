"""Dates as readers see them, at the precision a record gives them. Used by the index and by the checks
(consistency.py), which the index is built from: so here, below both."""

from __future__ import annotations

from macros.records.schema import NOT_STATED

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def format_date(date: str | None) -> str:
    """A date shown at the precision it has: '2025', 'October 2025', '5 January 2026'."""
    if not date or date == NOT_STATED:
        return NOT_STATED
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


def format_date_stated(date: str | None) -> str:
    """`format_date`, except that a year alone says so where it stands beside full dates and could be read
    as one: '2026, month not stated'."""
    text = format_date(date)
    return f"{text}, month not stated" if date and len(date) == 4 and date.isdigit() else text
