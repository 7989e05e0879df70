"""The published site's search on the dossier, in Chromium (Pagefind; tests/engine/test_search_browser.py
for how it works): each actor is found first by the spellings editors recorded for search only, and by its
name typed without accents."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.dossier_data import records
from tests.engine.test_browser import location
from tests.engine.test_search_browser import WIDTHS, Reader, search_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture
def reader(chromium: Browser) -> Iterator[Reader]:
    session = Reader(chromium, WIDTHS["phone"])
    yield session
    session.close()
    assert session.blocked == [] and session.errors == []


def unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def actor_queries() -> list[tuple[str, str]]:
    """(query, actor id): each search-only spelling, and each name with letters that carry accents."""
    queries = []
    for actor_id, fields in records("actors").items():
        queries += [(str(variant), actor_id) for variant in fields.get("search_variants") or []]
        name = str(fields["name"])
        if unaccented(name) != name and unaccented(name).isascii():
            queries.append((unaccented(name).lower(), actor_id))
    return queries


def test_an_actor_is_found_first_by_its_search_only_spellings_and_its_unaccented_name(reader: Reader, real_url: str) -> None:
    queries = actor_queries()
    if not queries:
        pytest.skip("no actor has a search-only spelling or an accented name")
    missed = []
    for query, actor_id in queries:
        reader.page.goto(real_url, wait_until="networkidle")
        results = search_for(reader.page, query)
        if not results or location(results[0], real_url) != f"actors/{actor_id}/":
            missed.append(f"{query!r}: {[location(url, real_url) for url in results[:3]]}")
    assert missed == []


def test_search_only_spellings_are_not_shown(real_site: Path) -> None:
    for actor_id, fields in records("actors").items():
        html = (real_site / "actors" / actor_id / "index.html").read_text(encoding="utf-8")
        for variant in fields.get("search_variants") or []:
            assert html.count(str(variant)) == html.count(f'data-variants="{variant}'), (actor_id, variant)
