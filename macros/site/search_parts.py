"""The search index cut into parts, once the site has more pages than one Pagefind index serves well.

Before its first search, Pagefind's browser side loads the index's page list (`pf_meta`): 78 KB gzipped at
12,300 pages, so some 800 KB at 120,000, over the 300 KB a query's first results may cost (issue 27), and
Pagefind aims at tens of thousands of pages. Past SEARCH_PART_PAGES pages the web build writes several
Pagefind indexes instead: part 1 in `pagefind/`, part n in `pagefind-n/`, each of at most that many pages,
and `pagefind/dossier-parts.json` lists them. assets/search.js answers from part 1 and adds the others
(Pagefind's mergeIndex) when part 1 has too few results or the reader asks for all.

Part 1 holds what a reader most often looks for: the pages that are no record (home, lists, the editors'
pages), then the kinds with the fewest records (briefs, actors, claims…), each newest first; the kinds with
the most records (statements) come last, newest first, so their oldest records are in the last part.
A dossier of ordinary size has one part, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from macros.records.errors import DataError, DossierInvalid
from macros.records.schema import KINDS, Record

# The one threshold: more indexed pages than this, and the index is cut. A query fetches each of its words'
# index chunk, which grows with the part's pages: on the 10,000-statement synthetic dossier a three-word query
# fetched 294 KB with parts of 10,000 pages and 195 KB with parts of 5,000, a five-word one 243 KB
# (maintainers/performance.md). A setting changes it (mkdocs.yml `extra.dossier.search_part_pages`).
SEARCH_PART_PAGES = 5_000
SETTING = "search_part_pages"
PARTS_FILE = "dossier-parts.json"  # in the first part's folder


def part_folder(part: int) -> str:
    """The site folder of part `part` (1-based): "pagefind", "pagefind-2", …"""
    return "pagefind" if part == 1 else f"pagefind-{part}"


def search_parts(pages: Iterable[tuple[str, str | None, Record | None]], part_pages: int) -> dict[str, int]:
    """{page URL: its part (1-based)} for `pages` (URL, the kind folder of its record or None, the record
    or None for a page that is no record's), at most `part_pages` pages a part, in the order above."""
    plain: list[str] = []
    by_kind: dict[str, list[tuple[str, Record]]] = {}
    for url, kind, record in pages:
        if kind is None or record is None:
            plain.append(url)
        else:
            by_kind.setdefault(kind, []).append((url, record))
    order = {kind: at for at, kind in enumerate(KINDS)}
    kinds = sorted(by_kind, key=lambda kind: (len(by_kind[kind]), order.get(kind, len(order)), kind))
    ordered = plain + [url for kind in kinds
                       for url, _ in sorted(by_kind[kind], key=lambda pair: pair[1].sort_key(), reverse=True)]
    return {url: 1 + at // part_pages for at, url in enumerate(ordered)}


def parts_listing(counts: Sequence[int], filters: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """What dossier-parts.json says: the pages each part indexes, the other parts' folders (site-relative), and
    the values of each filter search.js offers (Pagefind's filter name → its values, in the order offered)."""
    return {"pages": list(counts), "more": [f"{part_folder(part)}/" for part in range(2, len(counts) + 1)],
            "filters": {name: list(values) for name, values in filters.items()}}


def search_part_pages(extra: Mapping[str, Any]) -> int:
    """mkdocs.yml `extra.dossier.search_part_pages` (SEARCH_PART_PAGES when not set)."""
    value = (extra.get("dossier") or {}).get(SETTING)
    if value is None:
        return SEARCH_PART_PAGES
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DossierInvalid([DataError("mkdocs.yml", 0, f"extra.dossier.{SETTING}", f"is {value!r}, not a whole number above 0",
                                        f"remove it for the default of {SEARCH_PART_PAGES:,} pages")])
    return int(value)
