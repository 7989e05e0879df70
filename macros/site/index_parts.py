"""A kind's index split into pages a reader's phone can open, once it lists more records than one page holds.

At 10,000 statements the statements index was one page of 10,000 rows (859 KB gzipped, and no first paint in
Lighthouse's time on a phone). Past INDEX_PAGE_ROWS records, the kind's index page lists its parts, with
their counts, and each part is a page of its own at `<kind>/by/<part>/` (record ids hold no "/", so no record
page can be there): consecutive months for dated kinds, consecutive initials for actors and briefs
(`Record.index_part`), as many as fit INDEX_PAGE_ROWS records ("January 2025 to March 2025"); a month too
long still for one page is cut into numbered pages. A dossier of ordinary size keeps one index page
per kind, as before. Kinds whose records are rows on their index page with no page of their own
(`listed_on_index`: figures) are split the same way, and links to a record point at its row's anchor on
the part that lists it (`DossierIndex.row_pages`, filled by the renderer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from macros.records.dates import format_date
from macros.records.schema import Record

# The one threshold: an index of more records than this is split. A setting lowers it for tests
# (mkdocs.yml `extra.dossier.index_page_rows`: pipeline.index_page_rows).
INDEX_PAGE_ROWS = 200
SETTING = "index_page_rows"
PARTS_FOLDER = "by"

_DATED = re.compile(r"\d{4}(-\d{2})?")


@dataclass(frozen=True)
class IndexPart:
    """One page of a split index: where it is, what the reader reads as its name, and its records in the
    kind's order."""

    kind: str
    slug: str
    label: str
    records: Sequence[Record]

    @property
    def path(self) -> str:
        """Docs-relative Markdown path of the part's page."""
        return f"{self.kind}/{PARTS_FOLDER}/{self.slug}.md"


def index_parts(kind: str, records: Sequence[Record], rows: int) -> list[IndexPart]:
    """The parts of a kind's index, in the kind's order; none when its `records` fit one page."""
    if len(records) <= rows:
        return []
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.index_part(), []).append(record)
    dated = any(_DATED.fullmatch(key) for key in groups)
    parts: list[IndexPart] = []
    packed: list[str] = []  # consecutive months (or initials) gathered into one part while it fits

    def close() -> None:
        if packed:
            first, last = packed[0], packed[-1]
            slug, label = _slug(first, dated), _label(first, dated)
            if last != first:
                slug, label = f"{slug}-to-{_slug(last, dated)}", f"{label} to {_label(last, dated)}"
            parts.append(IndexPart(kind, slug, label, [record for key in packed for record in groups[key]]))
            packed.clear()

    for key in _ordered(groups):
        group = groups[key]
        if len(group) > rows:  # one month alone too long for a page: numbered pages of it
            close()
            pages = [group[start:start + rows] for start in range(0, len(group), rows)]
            slug, label = _slug(key, dated), _label(key, dated)
            parts.extend(IndexPart(kind, f"{slug}-{number}", f"{label} ({number} of {len(pages)})", page)
                         for number, page in enumerate(pages, 1))
            continue
        if sum(len(groups[other]) for other in packed) + len(group) > rows:
            close()
        packed.append(key)
    close()
    return parts


def _ordered(groups: dict[str, list[Record]]) -> list[str]:
    """Dated parts in the order their records come (the kind's order is chronological); initials
    alphabetically, whatever order the records' own sort gives; the part without a key last."""
    keys = [key for key in groups if key]
    if not all(_DATED.fullmatch(key) for key in keys):
        keys.sort()
    return keys + ([""] if "" in groups else [])


def _slug(key: str, dated: bool) -> str:
    """The part's address: its month, or its initial where that is an ASCII letter or digit, otherwise the
    initial's code points ("u0431"): addresses stay ASCII whatever the script."""
    if not key:
        return "undated" if dated else "other"
    if _DATED.fullmatch(key) or (key.isascii() and key.isalnum()):
        return key
    return "-".join(f"u{ord(char):04x}" for char in key)


def _label(key: str, dated: bool) -> str:
    """What a reader reads: "March 2025", "2025", the initial as a capital, or "Date not stated"/"Other"."""
    if not key:
        return "Date not stated" if dated else "Other"
    if _DATED.fullmatch(key):
        return format_date(key)
    return key.upper()

