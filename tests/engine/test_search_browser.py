"""The published site's search (Pagefind's chunked index, macros/plugin/search.py) in Chromium, at desktop
and phone widths: nothing of it is fetched before the reader searches, a query's first result is the
expected page, and results say what each page is, with a claim's status. The offline copy keeps
Material's search (tests/engine/test_browser.py, test_the_offline_build_works_from_disk)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.engine.test_browser import Offline, location

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


class Reader(Offline):
    """A reader's tab (test_browser.Offline) that keeps the URL of every request it makes."""

    def __init__(self, browser: Browser, viewport: dict[str, int]):
        super().__init__(browser)
        self.page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
        self.requested: list[str] = []
        self.page.on("request", self._requested)

    def _requested(self, request: Request) -> None:
        self.requested.append(request.url)


@pytest.fixture(params=list(WIDTHS))
def reader(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Reader]:
    """A reader's tab at desktop or phone width, its network stopping at this machine."""
    session = Reader(chromium, WIDTHS[request.param])
    yield session
    session.close()
    assert session.blocked == [] and session.errors == []


def open_search(page: Page) -> None:
    """The header's search box, as a reader opens it: the magnifier on a phone, the box on a desktop."""
    if page.eval_on_selector("#__search", "toggle => toggle.checked"):
        return
    phone = page.viewport_size is not None and page.viewport_size["width"] < 960
    page.click("label.md-header__button[for='__search']" if phone else ".md-search__input")


def search_for(page: Page, query: str) -> list[str]:
    """Open the header's search, type the query; the result links, best first."""
    open_search(page)
    box = page.locator("input.md-search__input")
    box.fill(query)
    # search.js marks which query the results on screen answer: never a previous query's results.
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=query)
    links: list[str] = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return links


def search_files(urls: list[str]) -> list[str]:
    return [url for url in urls if "/pagefind/" in url or "search_index" in url or "/workers/search" in url]


def test_nothing_of_search_is_fetched_before_the_reader_searches(reader: Reader, mini_url: str) -> None:
    page = reader.page
    page.goto(mini_url + "claims/", wait_until="networkidle")
    open_search(page)
    page.wait_for_load_state("networkidle")
    assert search_files(reader.requested) == []
    results = search_for(page, "builds a bridge like that")
    assert location(results[0], mini_url) == "statements/okafor-doubts/"
    assert page.locator(".md-search-result__item .dossier-kind").first.text_content() == "Statement"
    fetched = search_files(reader.requested)
    assert fetched and all("/pagefind/" in url for url in fetched)  # Pagefind's chunks, never Material's index


def test_a_claim_result_says_it_is_a_claim_and_its_status(reader: Reader, mini_url: str) -> None:
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    results = [location(url, mini_url) for url in search_for(page, "Riverton bridge will open in 2027")]
    assert results[0] == "claims/bridge-opens-in-2027/"
    claim = page.locator(".md-search-result__item").first
    assert claim.locator("h1 .dossier-kind").text_content() == "Claim"
    title = claim.locator("h1").text_content() or ""
    assert title.startswith("Claim") and title.endswith("The Riverton bridge will open in 2027.")  # the page's own title
    assert claim.locator(".dossier-search-status").inner_text() == "Status: disputed"


def test_an_actor_result_says_it_is_an_actor(reader: Reader, mini_url: str) -> None:
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    results = search_for(page, "Ana López")
    assert location(results[0], mini_url) == "actors/ana-lopez/"
    assert page.locator(".md-search-result__item .dossier-kind").first.text_content() == "Actor"


def test_the_web_build_indexes_with_pagefind_and_the_offline_copy_does_not(mini_site: Path, offline_build: Path) -> None:
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert 'data-dossier-search' in (mini_site / "index.html").read_text(encoding="utf-8")
    assert not (offline_build / "pagefind").exists()
    home = (offline_build / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' in home and "assets/search.js" not in home


# --- what readers type ---------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["ana lopez", "LÓPEZ", "Lopes", "Who is Ana López?"])
def test_what_readers_type_finds_the_actor_first(reader: Reader, mini_url: str, query: str) -> None:
    """Accents and case folded; a search-only spelling the editors recorded (Lopes); a question's words."""
    reader.page.goto(mini_url, wait_until="networkidle")
    assert location(search_for(reader.page, query)[0], mini_url) == "actors/ana-lopez/"


def test_a_search_only_spelling_is_never_shown(mini_site: Path) -> None:
    html = (mini_site / "actors" / "ana-lopez" / "index.html").read_text(encoding="utf-8")
    assert html.count("Lopes") == 1 and ' data-variants="Lopes"></div>' in html
    assert '<div hidden data-pagefind-weight="10" data-pagefind-index-attrs="data-variants" data-variants="Lopes"></div>' in html
