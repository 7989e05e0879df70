"""Long lists: excerpts, folded tails, records grouped by month."""

from __future__ import annotations

from macros.records.dates import format_date
from macros.records.schema import NOT_STATED, Record
from macros.site.text import WHITESPACE

LONG_LIST = 15  # entries: past this, a list folds its tail (`folded_list`) or groups by date (`by_month`)
EXCERPT_LENGTH = 120  # characters: a line or two of a list, enough to read what was said
# Stripped before the ellipsis, so a cut after "fate." reads "fate…", not "fate.…"; closing quotation
# marks stay, they pair with an opening one inside the excerpt.
_TRAILING_PUNCTUATION = " \t.,;:!?…—–-‘“(["


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """`text` on one line, cut at the last word boundary within `limit` characters and ended with "…";
    never mid-word (a first word longer than `limit` is kept whole)."""
    text = WHITESPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut <= 0:
        cut = text.find(" ")
        if cut < 0:
            return text
    return text[:cut].rstrip(_TRAILING_PUNCTUATION) + "…"


MAX_GROUPS = 12  # folded groups on one list before months give way to years


def folded_list(entries: list[str]) -> str:
    """`<li>` entries as one list; past LONG_LIST, the rest folded under "N more", so a page listing
    hundreds of records still shows what follows the list."""
    shown, rest = entries[:LONG_LIST], entries[LONG_LIST:]
    if not rest:
        return f"<ul data-search-exclude>\n{list_items(shown)}\n</ul>"
    return f"<div data-search-exclude>\n<ul>\n{list_items(shown)}\n</ul>\n{folded_tail(rest)}</div>"


def list_items(entries: list[str]) -> str:
    return "\n".join(f"<li>{entry}</li>" for entry in entries)


def folded_tail(rest: list[str]) -> str:
    """The entries of a long list past its first LONG_LIST, folded under "N more"; nothing when none."""
    if not rest:
        return ""
    return f'<details class="dossier-more">\n<summary>{len(rest):,} more</summary>\n<ul>\n{list_items(rest)}\n</ul>\n</details>\n'


def by_month(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """Dated records (already in date order) grouped under 'January 2026', 'October 2025', …, under years
    ('2025') when months would make more than MAX_GROUPS groups, or under days ('5 January 2026') when all
    fall in one month; undated ones last, 'Date not stated'."""
    def grouped(width: int) -> list[tuple[str, list[Record]]]:
        groups: list[tuple[str, list[Record]]] = []
        for record in records:
            date = record.__dict__.get("date")
            heading = "Date not stated" if not date or date == NOT_STATED else format_date(date[:width])
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append(record)
        return groups

    months = grouped(7)
    if len(months) > MAX_GROUPS:
        return grouped(4)
    # All in one month (a burst of statements around one event): days, so the list still opens short.
    return months if len(months) > 1 else grouped(10)
