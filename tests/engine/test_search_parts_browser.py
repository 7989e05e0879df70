"""The published site's search over an index cut into parts (assets/search.js; the parts' contract:
pagefind/ and pagefind-2/, pagefind-3/… at the site's root, pagefind/dossier-parts.json listing them), in
Chromium at desktop and phone widths: a query is answered from the first part and the next parts are merged
while it finds fewer than a screenful; the count says how many pages were searched while parts remain, and
the list then ends with a button that searches them all; the parts load no second wasm.

The site: the mini fixture, 120 statements more (each holding "quayside" and a word of its own) and a claim, its index
cut into parts of 60 pages by the build (`extra.dossier.search_part_pages`), so three parts: the first holds
more than a screenful of "quayside" pages, the last the oldest statements. Which page is in which part is
read from the parts' own fragment files, never assumed.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import MINI, ROOT, write
from tests.engine.test_browser import location
from tests.engine.test_search_browser import Reader, open_search, search_for
from tests.real_clients import run_axe, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Route

pytestmark = pytest.mark.browser

PART_PAGES = 60
STATEMENTS = 120
SHOWN = 20  # the results search.js lists: a screenful
SYLLABLES = ["ka", "lu", "mi", "no", "pe", "ri", "so", "tu", "ve", "zo"]


def own_word(number: int) -> str:
    """A word only statement `number` holds: three syllables and an x, none the start of another."""
    return "".join(SYLLABLES[int(digit)] for digit in f"{number:03d}") + "x"


def parts_data(base: Path) -> Path:
    """The mini fixture and STATEMENTS statements more, a day apart from 1 January 2025: quay-000 the oldest."""
    data = base / "data"
    shutil.copytree(MINI, data)
    for number in range(STATEMENTS):
        month, day = 1 + number // 28 % 12, 1 + number % 28
        write(data, f"statements/quay-{number:03d}.yml", f"""\
            speaker: ben-okafor
            date: "2025-{month:02d}-{day:02d}"
            form: paraphrase
            text: "The engineer said the quayside ledger {own_word(number)} was checked."
            reported_in:
              - source: blog-post
            """)
    # A claim holding a word of the statements, of a status the mini fixture's claim (its note holding the word
    # too) has not: the filters' tests.
    write(data, "claims/engineers-report-late.yml", """\
        text: The engineer's report was filed late.
        claimant: ben-okafor
        first_made: "2025-01-01"
        status: unverified
        status_note: Only the engineer says so ([[statements/quay-000]]).
        sources: [blog-post]
        """)
    return data


# --- what each part holds ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Parts:
    pages: list[int]  # dossier-parts.json
    folders: list[str]  # pagefind/, then the others
    texts: list[dict[str, str]]  # per part: page URL (site-relative) -> its indexed text

    @property
    def all_pages(self) -> int:
        return sum(self.pages)

    def holding(self, word: str, parts: int | None = None) -> int:
        """How many pages of the first `parts` parts (all if None) hold `word`."""
        return sum(word in text for part in self.texts[:parts] for text in part.values())


def read_parts(site: Path) -> Parts:
    listed = json.loads((site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))
    folders = ["pagefind/", *listed["more"]]
    texts = []
    for folder in folders:
        fragments = [json.loads(gzip.decompress(path.read_bytes())[len("pagefind_dcd"):])
                     for path in (site / folder / "fragment").iterdir()]
        texts.append({fragment["url"].lstrip("/"): fragment["content"] for fragment in fragments})
    return Parts(listed["pages"], folders, texts)


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web build, its index cut into parts of PART_PAGES pages (mkdocs.yml extra.dossier.search_part_pages)."""
    base = tmp_path_factory.mktemp("search-parts")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    data, site = parts_data(base), base / "site"
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True,
                      extra={"dossier": {"data_dir": str(data), "search_part_pages": PART_PAGES}, "generator": False}))
    return site


@pytest.fixture(scope="module")
def parts_url(parts_site: Path) -> Iterator[str]:
    with serve(parts_site) as url:
        yield url


@pytest.fixture(scope="module")
def parts(parts_site: Path) -> Parts:
    found = read_parts(parts_site)
    # What the tests below rely on: three parts at least, more than a screenful of "quayside" in the first.
    assert len(found.folders) >= 3 and found.holding("quayside", 1) > SHOWN, found.pages
    assert [len(texts) for texts in found.texts] == found.pages
    return found


# --- what the reader sees -------------------------------------------------------------------------
INDEX_FILE = re.compile(r"/(pagefind(?:-\d+)?)/(.*?)(?:\?.*)?$")


def index_files(urls: list[str]) -> list[tuple[str, str]]:
    """(bundle folder, file in it) of every request for a part of the index."""
    return [(found.group(1), found.group(2)) for url in urls if (found := INDEX_FILE.search(url))]


# What a merged part may be asked for: its entry, its pages' metadata, word index chunks, result fragments, and
# filter chunks (a filtered search: the reader's filter, or the actors a query may name).
PART_FILE = re.compile(r"pagefind-entry\.json|pagefind\.[\w-]+\.pf_meta|index/\w+\.pf_index|fragment/[\w-]+\.pf_fragment|filter/[\w-]+\.pf_filter")


def foreign_part_files(urls: list[str]) -> list[str]:
    """Files of a merged part other than those it needs (a second wasm, its own copy of Pagefind's script)."""
    return [f"{folder}/{name}" for folder, name in index_files(urls) if folder != "pagefind" and not PART_FILE.fullmatch(name)]


def count_text(page: Page) -> str:
    return page.locator(".md-search-result__meta").inner_text()


def search_all_button(page: Page) -> list[str]:
    return page.locator(".md-search-result__list .dossier-search-all button").all_inner_texts()


def own_word_in_last_part(parts: Parts, part: int = -1) -> tuple[str, str]:
    """(a word only one page holds, that page), the page in the last part (or in `parts.texts[part]`)."""
    for url in sorted(parts.texts[part]):
        found = re.fullmatch(r"statements/quay-(\d{3})/", url)
        if found and parts.holding(own_word(int(found.group(1)))) == 1:
            return own_word(int(found.group(1))), url
    raise AssertionError(f"no statement of its own word in part {part}: {sorted(parts.texts[part])}")


def test_nothing_of_any_part_is_fetched_before_the_reader_types(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    page.goto(parts_url + "claims/", wait_until="networkidle")
    open_search(page)
    page.wait_for_load_state("networkidle")
    assert index_files(reader.requested) == []
    search_for(page, "quayside")
    assert index_files(reader.requested)  # the control: the check sees the index once the reader types


def test_a_page_in_the_last_part_alone_is_found_by_searching_on(reader: Reader, parts_url: str, parts: Parts) -> None:
    word, url = own_word_in_last_part(parts)
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    assert [location(found, parts_url) for found in search_for(page, word)] == [url]
    assert count_text(page) == "1 matching document"  # every part searched: the count is the total
    assert search_all_button(page) == []
    assert {folder for folder, _ in index_files(reader.requested)} == {folder.rstrip("/") for folder in parts.folders}


def test_a_count_from_the_first_part_says_how_many_pages_were_searched(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    results = search_for(page, "quayside")
    first, everywhere = parts.holding("quayside", 1), parts.holding("quayside")
    assert len(results) == SHOWN
    assert count_text(page) == f"{first} matching documents in the first {parts.pages[0]} of {parts.all_pages} pages"
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]
    assert {folder for folder, _ in index_files(reader.requested)} == {"pagefind"}  # the first part alone
    page.locator(".md-search-result__list .dossier-search-all button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="quayside")
    assert count_text(page) == f"{everywhere} matching documents"
    assert search_all_button(page) == []
    # Merged parts stay merged: the next query searches them all without loading them again.
    loaded = len(index_files(reader.requested))
    word, url = own_word_in_last_part(parts)
    assert [location(found, parts_url) for found in search_for(page, word)] == [url]
    assert count_text(page) == "1 matching document"
    assert [name for _, name in index_files(reader.requested)[loaded:] if "pagefind-entry" in name] == []


def test_the_search_all_button_is_reached_and_pressed_with_the_keyboard(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    # From the search box: the results' scrolling box, the filter of kinds (its radio buttons one tab stop), each
    # result in order, then the button.
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => [document.activeElement.type, document.activeElement.parentNode.textContent]") == ["radio", "All"]
    for link in links:
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.href") == link
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == f"Search all {parts.all_pages} pages"
    page.keyboard.press("Enter")
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"
    assert search_all_button(page) == []
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__scrollwrap')")


def test_merged_parts_fetch_only_their_index_files_never_a_second_wasm(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="quayside")
    fetched = index_files(reader.requested)
    assert {folder for folder, _ in fetched} == {folder.rstrip("/") for folder in parts.folders}
    assert foreign_part_files(reader.requested) == []
    assert [name for _, name in fetched if name.startswith("wasm.")] == ["wasm.en.pagefind"]  # the first part's


def test_the_fetch_check_sees_a_second_wasm() -> None:
    """Negative control: a merged part's own wasm or script is caught; its index files are not."""
    base = "http://127.0.0.1:1/"
    urls = [base + "pagefind/wasm.en.pagefind", base + "pagefind-2/pagefind-entry.json?ts=1",
            base + "pagefind-2/pagefind.en_a572da8c78.pf_meta", base + "pagefind-2/index/en_1.pf_index",
            base + "pagefind-3/fragment/en_2b.pf_fragment", base + "pagefind-2/wasm.en.pagefind",
            base + "pagefind-3/pagefind.js"]
    assert foreign_part_files(urls) == ["pagefind-2/wasm.en.pagefind", "pagefind-3/pagefind.js"]


# dossier-parts.json as search.js must not read it: (HTTP status, body).
UNREADABLE_LISTS = {
    "absent": (404, "not found"),
    "not JSON": (200, "{pages: [53"),
    "a folder on another site": (200, json.dumps({"pages": [53, 97], "more": ["https://example.org/pagefind-2/"]})),
    "a folder above the site": (200, json.dumps({"pages": [53, 97], "more": ["../pagefind-2/"]})),
    "counts that do not fit the folders": (200, json.dumps({"pages": [53], "more": ["pagefind-2/"]})),
}


@pytest.mark.parametrize("listed", list(UNREADABLE_LISTS))
def test_without_the_list_of_parts_the_first_part_is_searched_and_said_to_be_so(reader: Reader, parts_url: str, parts: Parts, listed: str) -> None:
    """dossier-parts.json unreadable: search still answers, from the first part, fetches nothing the list names
    (the reader fixture fails on any request beyond this machine), and its count never claims every page: the
    list could not say how many there are. Once the list reads, "Try again" searches them all."""
    status, body = UNREADABLE_LISTS[listed]
    page = reader.page
    page.route("**/pagefind/dossier-parts.json", lambda route: route.fulfill(status=status, body=body))
    page.goto(parts_url, wait_until="networkidle")
    assert len(search_for(page, "quayside")) == SHOWN
    assert count_text(page) == f"{parts.holding('quayside', 1)} matching documents. Pages beyond these may not have been searched"
    assert search_all_button(page) == ["Try again"]
    assert {folder for folder, _ in index_files(reader.requested)} == {"pagefind"}
    page.unroute("**/pagefind/dossier-parts.json")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"
    assert search_all_button(page) == []


def test_a_site_of_one_part_shows_no_button_and_no_partial_count(reader: Reader, mini_url: str, mini_site: Path) -> None:
    """The control: the mini site, its index one part, counts its matches as the total."""
    assert not (mini_site / "pagefind-2").exists()
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    results = search_for(page, "bridge")
    counted = re.fullmatch(r"(\d+) matching documents", count_text(page))
    assert len(results) > 1 and counted and int(counted.group(1)) >= len(results)
    assert search_all_button(page) == []
    assert {folder for folder, _ in index_files(reader.requested)} == {"pagefind"}


@pytest.mark.parametrize("query", ["Was the quayside ledger {word} checked?", "quayside ledger {word}"])
def test_words_the_first_part_holds_but_one_are_searched_for_in_every_part(reader: Reader, parts_url: str, parts: Parts, query: str) -> None:
    """Pagefind leaves out a word no page of the parts searched holds, and finds more than a screenful by the
    others: search goes on, the page holding every word (in the last part) comes first; a question's flow
    (one search per word, ranked by the words a page holds) too, over the merged parts."""
    word, url = own_word_in_last_part(parts)
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    results = [location(found, parts_url) for found in search_for(page, query.format(word=word))]
    assert results[0] == url
    # Every part searched: no "first". One page holds every word; the others listed, only some of them.
    some = re.fullmatch(r"1 matching document; (\d+) more hold some of its words", count_text(page))
    assert some and int(some.group(1)) >= len(results) - 1  # every other page listed, at least
    assert search_all_button(page) == []
    assert {folder for folder, _ in index_files(reader.requested)} == {folder.rstrip("/") for folder in parts.folders}


def test_page_counts_are_written_as_the_sites_language_writes_numbers(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The counts come from dossier-parts.json: given a first part of 10,000 pages, English groups thousands."""
    listed = {"pages": [10_000, 60, 112_255], "more": ["pagefind-2/", "pagefind-3/"]}
    page = reader.page
    page.route("**/pagefind/dossier-parts.json", lambda route: route.fulfill(status=200, json=listed))
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside', 1)} matching documents in the first 10,000 of 122,315 pages"
    assert search_all_button(page) == ["Search all 122,315 pages"]


def open_without(page: Page, pattern: str, url: str) -> None:
    """The site at `url`, opened with the files matching `pattern` not served (404)."""
    page.route(pattern, lambda route: route.fulfill(status=404, body="not found"))
    page.goto(url, wait_until="networkidle")


def test_a_part_that_fails_to_load_leaves_what_was_searched_said_so_and_a_retry(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The last part's files are not served: the answer of the parts that loaded stays, its count saying how many
    pages that was and that the rest could not be loaded, never a bare "No matching documents"; once the part is
    served again, the button finds the word only it holds (Pagefind let go of the part that failed)."""
    word, url = own_word_in_last_part(parts)
    last = parts.folders[-1]
    page = reader.page
    open_without(page, f"**/{last}**", parts_url)
    assert search_for(page, word) == []
    searched = sum(parts.pages[:-1])
    assert count_text(page) == f"No matching documents in the first {searched} of {parts.all_pages} pages. The rest could not be loaded"
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]
    page.unroute(f"**/{last}**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=word)
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert [location(found, parts_url) for found in links] == [url]
    assert count_text(page) == "1 matching document"
    assert search_all_button(page) == []


def test_an_index_that_fails_to_load_is_said_so_and_tried_again(reader: Reader, parts_url: str, parts: Parts) -> None:
    """Pagefind's own script is not served (a dropped connection): search says it is unavailable, never "No
    matching documents", and offers to try again; once it is served, trying again answers, and so does the
    next query typed."""
    page = reader.page
    page.route("**/pagefind/pagefind.js*", lambda route: route.fulfill(status=503, body="unavailable"))
    page.goto(parts_url, wait_until="networkidle")
    assert search_for(page, "ledger") == []
    assert count_text(page) == "Search is unavailable: its index could not be loaded"
    assert search_all_button(page) == ["Try again"]
    assert search_for(page, "quayside") == []  # still failing: said so again
    assert search_all_button(page) == ["Try again"]
    page.unroute("**/pagefind/pagefind.js*")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"
    assert len(search_for(page, "ledger")) == SHOWN


def results_of(page: Page, parts_url: str) -> list[str]:
    return [location(found, parts_url) for found in page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")]


def answered(page: Page, query: str) -> None:
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=query)


def test_searching_all_while_a_part_still_fails_keeps_what_the_others_found(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The button pressed while the last part still fails: the first parts' answer again, said to be partial,
    with the button; never "unavailable", which the first parts are not."""
    word, _ = own_word_in_last_part(parts)
    last = parts.folders[-1]
    page = reader.page
    open_without(page, f"**/{last}**", parts_url)
    search_for(page, word)
    expected = f"No matching documents in the first {sum(parts.pages[:-1])} of {parts.all_pages} pages. The rest could not be loaded"
    assert count_text(page) == expected
    for _ in range(2):
        page.locator(".md-search-result__list .dossier-search-all button").click()
        answered(page, word)
        assert count_text(page) == expected
        assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]


def test_a_query_typed_while_a_part_is_arriving_is_answered_when_it_fails(reader: Reader, parts_url: str, parts: Parts) -> None:
    """A query typed while another's second part is on its way waits for it, and the first query's results
    are not left under the new query meanwhile; when the part then fails, the new query gets the first part's
    answer, said to be partial, not "unavailable"."""
    second = parts.folders[1]
    held: list[Route] = []

    def hold_then_fail(route: Route) -> None:
        if not held:
            held.append(route)  # answered below, once the new query is typed
        else:
            route.fulfill(status=503, body="unavailable")

    page = reader.page
    page.route(f"**/{second}pagefind-entry.json*", hold_then_fail)
    page.goto(parts_url, wait_until="networkidle")
    open_search(page)
    last_word, _ = own_word_in_last_part(parts)
    with page.expect_request(f"**/{second}pagefind-entry.json*"):
        page.locator("input.md-search__input").fill(last_word)
    first_word, url = own_word_in_last_part(parts, 0)  # a word the first part holds once, and no other part
    page.locator("input.md-search__input").fill(first_word)
    assert count_text(page) == "Searching…"
    assert results_of(page, parts_url) == []
    held[0].fulfill(status=503, body="unavailable")
    answered(page, first_word)
    assert count_text(page) == f"1 matching document in the first {parts.pages[0]} of {parts.all_pages} pages. The rest could not be loaded"
    assert results_of(page, parts_url) == [url]
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]


def failing(times: int) -> Callable[[Route], None]:
    """A route's handler: the first `times` requests answered 503 (unavailable), the later ones passed on."""
    left = [times]

    def handle(route: Route) -> None:
        if left[0]:
            left[0] -= 1
            route.fulfill(status=503, body="unavailable")
        else:
            route.continue_()

    return handle


def test_trying_again_while_the_first_part_still_fails_says_so_and_search_recovers(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The first part's files fail twice: "Try again" pressed while they still fail says so again, with the button
    back, and never leaves search waiting (Pagefind merges no part into a first part that did not load); once
    they are served, the next query is answered."""
    page = reader.page
    page.route("**/pagefind/pagefind-entry.json*", failing(2))
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    assert count_text(page) == "Search is unavailable: its index could not be loaded"
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == "Search is unavailable: its index could not be loaded"
    assert search_all_button(page) == ["Try again"]
    assert page.locator(".md-search-result__list .dossier-search-all button").is_enabled()
    assert len(search_for(page, "ledger")) == SHOWN
    # Pagefind's own words for each failed load, thrown where nobody awaits its loading: the only errors.
    assert set(reader.errors) == {"Failed to load Pagefind metadata"}
    reader.errors.clear()


def test_a_merged_parts_result_that_fails_to_load_keeps_what_the_first_parts_found(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The second part loads but its result fragments do not: the first part's answer stays, said to be partial,
    never "unavailable"."""
    word, _ = own_word_in_last_part(parts, 1)  # held by one page of the second part
    second = parts.folders[1]
    page = reader.page
    open_without(page, f"**/{second}fragment/**", parts_url)
    assert search_for(page, word) == []
    assert count_text(page) == f"No matching documents in the first {parts.pages[0]} of {parts.all_pages} pages. The rest could not be loaded"
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]


INCOMPLETE = "Part of the index could not be loaded, so some may be missing"


def searched_on(parts: Parts, word: str, lost: int) -> int:
    """How many parts search.js searches for `word` while part `lost` (0: the first) finds nothing: more while
    fewer than a screenful hold it, as always."""
    searched = 1
    while searched < len(parts.pages) and holding_but(parts, word, searched, lost) < SHOWN:
        searched = min(len(parts.pages), searched * 2)
    return searched


def holding_but(parts: Parts, word: str, searched: int, lost: int) -> int:
    """Pages of the first `searched` parts holding `word`, but for part `lost`'s."""
    return sum(word in text for number, part in enumerate(parts.texts[:searched]) if number != lost for text in part.values())


def test_a_chunk_of_the_word_index_that_fails_to_load_says_the_count_may_be_short(reader: Reader, parts_url: str, parts: Parts) -> None:
    """Pagefind (1.5.2) takes a chunk of its word index that it could not fetch for an empty one and reports
    nothing: with the first part's chunks not served, it finds none of its pages holding "quayside". Search goes
    on into the next parts, and the count says part of the index could not be loaded, never a bare count; once
    the chunks are served, the button counts every page holding the word."""
    page = reader.page
    open_without(page, "**/pagefind/index/**", parts_url)
    search_for(page, "quayside")
    searched = searched_on(parts, "quayside", 0)
    found = holding_but(parts, "quayside", searched, 0)
    assert searched < len(parts.pages), "the parts after the first hold a screenful: a button follows"
    assert count_text(page) == (f"{found} matching documents in the first {sum(parts.pages[:searched])} of {parts.all_pages} pages. "
                                f"{INCOMPLETE}")
    assert len(results_of(page, parts_url)) == min(found, SHOWN)
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]
    page.unroute("**/pagefind/index/**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"
    assert len(results_of(page, parts_url)) == SHOWN
    # Pagefind searched in its worker, started as search.js's watching one: never in the page.
    assert [worker.url.split("?")[0] for worker in page.workers] == [parts_url + "assets/search-worker.js"]


def test_a_merged_parts_chunk_that_fails_to_load_says_the_count_may_be_short(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The last part's word index chunks are not served: a word only it holds is searched for in every part, and
    the count says part of the index could not be loaded, with "Try again"; once they are served, it finds the page."""
    word, url = own_word_in_last_part(parts)
    last = parts.folders[-1]
    page = reader.page
    open_without(page, f"**/{last}index/**", parts_url)
    assert search_for(page, word) == []
    assert count_text(page) == f"No matching documents. {INCOMPLETE}"
    assert search_all_button(page) == ["Try again"]
    page.unroute(f"**/{last}index/**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, word)
    assert results_of(page, parts_url) == [url]
    assert count_text(page) == "1 matching document"
    assert search_all_button(page) == []


def test_a_lost_chunk_in_a_middle_part_leaves_the_parts_after_it_searched(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The second part's chunks are not served: the word only the last part holds is still found there, and the
    count says part of the index could not be loaded."""
    word, url = own_word_in_last_part(parts)
    second = parts.folders[1]
    page = reader.page
    open_without(page, f"**/{second}index/**", parts_url)
    assert [location(found, parts_url) for found in search_for(page, word)] == [url]
    assert count_text(page) == f"1 matching document. {INCOMPLETE}"
    assert search_all_button(page) == ["Try again"]


@pytest.mark.parametrize("served", ["a portal's page", "half the chunk", "nothing"])
def test_a_chunk_served_but_not_whole_is_lost_too(reader: Reader, parts_url: str, parts: Parts, served: str) -> None:
    """A chunk answered 200 with what is not a whole Pagefind file (a captive portal's page, a transfer cut short,
    an empty body) is as lost as one not served: the count says so, and the button, once it is served, counts
    every page holding the word."""
    def broken(route: Route) -> None:
        if served == "a portal's page":
            route.fulfill(status=200, content_type="text/html", body="<html><body>Sign in to the network</body></html>")
        else:
            whole = route.fetch().body()
            route.fulfill(status=200, content_type="application/octet-stream", body=whole[: len(whole) // 2] if served == "half the chunk" else b"")

    page = reader.page
    page.route("**/pagefind/index/**", broken)
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    assert count_text(page).endswith(INCOMPLETE)
    page.unroute("**/pagefind/index/**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"


class _NotFoundOnceCached(SimpleHTTPRequestHandler):
    """The site, but the first request for a chunk of the first part's word index is answered 404 with leave to
    cache it for ten minutes, as some hosts answer; each such request is counted (`asked`)."""

    asked: list[str] = []

    def do_GET(self) -> None:
        if "/pagefind/index/" in self.path:
            self.asked.append(self.path)
            if len(self.asked) == 1:
                self.send_response(404)
                self.send_header("Cache-Control", "max-age=600")
                self.send_header("Content-Length", "9")
                self.end_headers()
                self.wfile.write(b"not found")
                return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_lost_chunk_is_fetched_again_from_the_server_not_the_browsers_cache(chromium: Browser, parts_site: Path, parts: Parts) -> None:
    """The host let the browser keep its 404: the button still fetches the chunk from the server, and finds every
    page holding the word, where the browser's cache would have answered the 404 again. A tab of its own: the
    reader's tab routes its requests, and Chromium caches nothing while a page routes them."""
    _NotFoundOnceCached.asked = []
    context = chromium.new_context()
    try:
        page = context.new_page()
        with serve(parts_site, _NotFoundOnceCached) as url:
            page.goto(url, wait_until="networkidle")
            search_for(page, "quayside")
            assert count_text(page).endswith(INCOMPLETE)
            page.locator(".md-search-result__list .dossier-search-all button").click()
            answered(page, "quayside")
            assert count_text(page) == f"{parts.holding('quayside')} matching documents"
    finally:
        context.close()
    assert len(_NotFoundOnceCached.asked) == 2 and len(set(_NotFoundOnceCached.asked)) == 1


PATIENCE = "PATIENCE = 20000;"  # search.js, search-worker.js: how long a file may take before it is given up


def impatient_worker(page: Page, milliseconds: int) -> None:
    """search.js and search-worker.js served with a shorter patience than their own twenty seconds, for a test
    not to wait them."""
    def served(route: Route) -> None:
        script = route.fetch().text()
        assert PATIENCE in script
        route.fulfill(status=200, content_type="text/javascript", body=script.replace(PATIENCE, f"PATIENCE = {milliseconds};"))

    page.route("**/assets/search-worker.js*", served)
    page.route("**/assets/search.js*", served)


def test_a_chunk_that_never_comes_is_given_up_and_said_so(reader: Reader, parts_url: str, parts: Parts) -> None:
    """A network that stalls rather than fails: the first part's chunk for "quayside" is asked for and never
    answered. Once the worker's patience is spent (two seconds here), the chunk is given up: the count says part
    of the index could not be loaded, with the button, where it said "Searching…" for as long as the browser
    waited; once chunks come again, the button finds every page holding the word."""
    page = reader.page
    impatient_worker(page, 2000)
    page.goto(parts_url, wait_until="networkidle")
    hold_the_first_chunk(page)
    type_while_held(page, "quayside")
    assert count_text(page) == "Searching…"
    answered(page, "quayside")
    searched = searched_on(parts, "quayside", 0)
    found = holding_but(parts, "quayside", searched, 0)
    assert count_text(page) == (f"{found} matching documents in the first {sum(parts.pages[:searched])} of {parts.all_pages} pages. "
                                f"{INCOMPLETE}")
    assert search_all_button(page) == [f"Search all {parts.all_pages} pages"]
    page.unroute("**/pagefind/index/**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"


# Pagefind's other files, each held forever when first asked for, and how Pagefind's own words for the failed
# load begin (thrown where nobody awaits its loading), if it has any.
STALLED_FILES = {
    "a result's fragment": ("**/pagefind/fragment/**", None),
    "the index's entry": ("**/pagefind/pagefind-entry.json*", "Failed to load Pagefind metadata"),
    "its page list": ("**/pagefind/pagefind.*.pf_meta*", "Pagefind: WASM Error (No pointer)"),
    "its wasm": ("**/pagefind/wasm.*", "Failed to load the Pagefind WASM"),
}


@pytest.mark.parametrize("stalled", sorted(STALLED_FILES))
def test_a_pagefind_file_that_never_comes_is_given_up_and_said_so(reader: Reader, parts_url: str, parts: Parts, stalled: str) -> None:
    """The first part's entry, page list, wasm or a result's fragment asked for and never answered: once the
    worker's patience is spent (two seconds here), the count says search is unavailable, with "Try again",
    where it said "Searching…" for as long as the browser waited; once the file comes, the button finds every
    page holding the word."""
    pattern, reported = STALLED_FILES[stalled]
    page = reader.page
    impatient_worker(page, 2000)
    assert len(given_up(page, parts_url, pattern)) == 1
    assert count_text(page) == "Search is unavailable: its index could not be loaded"
    assert search_all_button(page) == ["Try again"]
    searched_again_once_it_comes(page, pattern, parts)
    assert len(results_of(page, parts_url)) == SHOWN
    assert all(reported and error.startswith(reported) for error in reader.errors), reader.errors
    reader.errors.clear()


def test_a_script_of_search_or_the_list_of_parts_that_never_comes_is_given_up(reader: Reader, parts_url: str, parts: Parts) -> None:
    """Pagefind's own script, the worker search.js starts or Pagefind's worker script it loads, or the list of
    the index's parts, asked for and never answered, where search said "Searching…" for as long as the browser
    waited. Once search.js's patience is spent (two seconds here; four and a half for a worker, under Pagefind's
    own five, after which it searched in the page without a word): a script given up, the count says search is
    unavailable, with "Try again"; a worker given up, Pagefind searches in the page, as when a worker fails to
    start, and the count says pages may be missing, nothing being checked there; the list given up, it is asked
    for again, as after one that failed, and the search answers as it would have. Each time the button then finds
    every page holding the word."""
    searched = searched_on(parts, "quayside", -1)
    first_round = (f"{holding_but(parts, 'quayside', searched, -1)} matching documents in the first {sum(parts.pages[:searched])} "
                   f"of {parts.all_pages} pages")
    unavailable = ("Search is unavailable: its index could not be loaded", "Try again")
    in_the_page = (f"{first_round}. {INCOMPLETE}", f"Search all {parts.all_pages} pages")  # unchecked: may be short
    said = {"**/pagefind/pagefind.js*": unavailable, "**/assets/search-worker.js*": in_the_page,
            "**/pagefind/pagefind-worker.js*": in_the_page,
            "**/pagefind/dossier-parts.json*": (first_round, f"Search all {parts.all_pages} pages")}
    page = reader.page
    impatient_worker(page, 2000)
    for pattern, (count, button) in said.items():
        assert len(given_up(page, parts_url, pattern)) == 1
        assert (count_text(page), search_all_button(page)) == (count, [button])
        searched_again_once_it_comes(page, pattern, parts)


def given_up(page: Page, parts_url: str, pattern: str) -> list[Route]:
    """The site opened, the first request matching `pattern` held from then on, and "quayside" typed: the count
    says "Searching…" until search has given the request up and answered. The requests held."""
    page.goto(parts_url, wait_until="networkidle")
    held = hold_the_first(page, pattern)
    open_search(page)
    with page.expect_request(pattern):
        page.locator("input.md-search__input").fill("quayside")
    assert count_text(page) == "Searching…"
    answered(page, "quayside")
    return held


def searched_again_once_it_comes(page: Page, pattern: str, parts: Parts) -> None:
    """Requests matching `pattern` served again, the button below the answer finds every page holding "quayside"."""
    page.unroute(pattern)
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"


def hold_the_first_chunk(page: Page) -> list[Route]:
    """From now on the first request for a chunk of the first part's word index is held, kept in the list
    returned for the test to let go; the others pass."""
    return hold_the_first(page, "**/pagefind/index/**")


def hold_the_first(page: Page, pattern: str) -> list[Route]:
    """From now on the first request matching `pattern` is held, kept in the list returned; the others pass."""
    held: list[Route] = []
    page.route(pattern, lambda route: held.append(route) if not held else route.fallback())
    return held


def type_while_held(page: Page, query: str) -> None:
    """The query typed into the opened search box, once its first chunk has been asked for (and held)."""
    open_search(page)
    with page.expect_request("**/pagefind/index/**"):
        page.locator("input.md-search__input").fill(query)


def searching_until_the_chunk_comes(page: Page, parts: Parts) -> None:
    """"quayside" typed while its first chunk is held: the count says "Searching…" until the chunk is let go,
    then gives the answer."""
    held = hold_the_first_chunk(page)
    type_while_held(page, "quayside")
    assert count_text(page) == "Searching…"
    held[0].continue_()
    answered(page, "quayside")
    assert count_text(page).startswith(f"{parts.holding('quayside', 1)} matching documents")


def test_while_the_first_query_is_searched_the_count_says_so(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The first part's chunk is held by the test: the count says "Searching…", not the prompt to type, until the
    answer comes."""
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    searching_until_the_chunk_comes(page, parts)


def test_a_chunk_lost_again_and_again_is_not_reloaded_for_every_query(reader: Reader, mini_url: str) -> None:
    """Pagefind's destroy() leaves each index it loaded in its wasm memory: an index that lost a chunk is loaded
    afresh for the next query once, and if that one loses it too, kept, its answers said to be incomplete, until
    the reader presses the button. Then every word is found again."""
    page = reader.page
    metadata: list[str] = []
    page.on("request", lambda request: metadata.append(request.url) if request.url.endswith(".pf_meta") else None)
    open_without(page, "**/pagefind/index/**", mini_url)
    for query in ("bridge", "port", "quarry", "bridge port"):
        search_for(page, query)
        assert count_text(page).endswith(INCOMPLETE), query
        assert search_all_button(page) == ["Try again"]
    assert len(metadata) == 2  # the first index, and one loaded afresh: then kept
    page.unroute("**/pagefind/index/**")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "bridge port")
    assert not count_text(page).endswith(INCOMPLETE)
    assert len(metadata) == 3
    search_for(page, "bridge")
    assert re.fullmatch(r"\d+ matching documents", count_text(page))


def test_clearing_the_box_while_a_query_is_searched_keeps_it_clear(reader: Reader, parts_url: str) -> None:
    """The × pressed while the first part's chunk is held: when the chunk comes, its answer does not fill the
    emptied box, and the box has the focus for the next query."""
    page = reader.page
    held = hold_the_first_chunk(page)
    page.goto(parts_url, wait_until="networkidle")
    page.evaluate(RECORD_COUNTS)
    type_while_held(page, "quayside")
    page.locator(".md-search__form button[type=reset]").click()
    page.wait_for_function("() => document.activeElement === document.querySelector('input.md-search__input')")
    assert count_text(page) == "Type to start searching"
    held[0].continue_()
    # Searches run one at a time, in order: once the next query is answered, the held one has been too.
    page.keyboard.type("ledger")
    answered(page, "ledger")
    assert len(results_of(page, parts_url)) == SHOWN
    shown = page.evaluate("() => window.shownCounts")
    assert [count for count, query in shown if query == "quayside" or "matching" in count and query != "ledger"] == []


def test_a_query_after_a_failure_says_searching_while_it_is_searched(reader: Reader, parts_url: str, parts: Parts) -> None:
    """After "Search is unavailable" (Pagefind's script not served once), the next query's count says
    "Searching…" while its chunk is held, not the last query's failure under its button."""
    page = reader.page
    page.route("**/pagefind/pagefind.js*", failing(1))
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "ledger")
    assert count_text(page) == "Search is unavailable: its index could not be loaded"
    searching_until_the_chunk_comes(page, parts)


def test_without_its_worker_search_answers_and_says_it_may_be_short(reader: Reader, parts_url: str, parts: Parts) -> None:
    """assets/search-worker.js not served (the network failing as search starts): Pagefind searches in the page,
    where a lost chunk would pass unseen, so every answer says it may be short, a lost chunk's too; once the
    worker is served, the button answers in full."""
    page = reader.page
    page.route("**/assets/search-worker.js*", lambda route: route.fulfill(status=404, body="not found"))
    open_without(page, "**/pagefind/index/**", parts_url)
    search_for(page, "ledger")
    assert count_text(page).endswith(INCOMPLETE)  # the lost chunks, unseen
    page.unroute("**/pagefind/index/**")
    search_for(page, "quayside")
    assert count_text(page).endswith(INCOMPLETE)  # nothing lost, but nothing checked
    page.unroute("**/assets/search-worker.js*")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    assert count_text(page) == f"{parts.holding('quayside')} matching documents"


def test_other_workers_on_the_page_are_made_as_before(reader: Reader, mini_url: str) -> None:
    """search.js starts Pagefind's worker its own way (a subclass of Worker): a page's own subclass of Worker still
    gets its methods, and Worker called without `new` still fails, after a search."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    search_for(page, "bridge")
    made = page.evaluate("""() => {
        const url = URL.createObjectURL(new Blob(["onmessage = event => postMessage(event.data + 1)"], {type: "text/javascript"}));
        class Mine extends Worker { hello() { return "hello"; } }
        const mine = new Mine(url);
        let called;
        try { Worker(url); called = "made"; } catch (error) { called = error.constructor.name; }
        return new Promise(resolve => {
            mine.onmessage = event => resolve([typeof mine.hello, mine instanceof Mine, mine instanceof Worker, event.data, called]);
            mine.postMessage(41);
        });
    }""")
    assert made == ["function", True, True, 42, "TypeError"]


def test_a_chunk_that_loads_leaves_the_count_as_it_is(reader: Reader, mini_url: str) -> None:
    """The control: on the mini site every chunk loads, and a word no page holds is "No matching documents",
    nothing more, while the page's other fetches still answer (the watcher hands back fetch's own answer)."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "zzyzxq") == []
    assert count_text(page) == "No matching documents"
    assert search_all_button(page) == []
    assert page.evaluate("() => fetch('sitemap.xml').then(response => response.status)") == 200


def test_the_focused_search_all_button_passes_axe(reader: Reader, parts_url: str, parts: Parts) -> None:
    """WCAG 2.1 AA on the open results, the button focused; the control: Material's own focus colours (white on
    its accent colour, 4.25:1), which dossier.css replaces, are caught."""
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    page.locator(".md-search-result__list .dossier-search-all button").focus()
    assert run_axe(page) == []
    page.add_style_tag(content=".md-search-result .dossier-search-all .md-button:focus {"
                               " background-color: var(--md-accent-fg-color); border-color: var(--md-accent-fg-color); }")
    assert [violation.rule for violation in run_axe(page)] == ["color-contrast"]


# Every text the count shows, in order (each change of the count's text node, as a mutation record), and
# which query search.js then says the results on screen are for (data-shown: set with the first results).
RECORD_COUNTS = """() => {
  window.shownCounts = [];
  const box = document.querySelector('.md-search');
  new MutationObserver(records => records.forEach(record => record.addedNodes.forEach(node =>
    window.shownCounts.push([node.textContent, box.dataset.shown])))).observe(box.querySelector('.md-search-result__meta'), {childList: true});
}"""


def test_while_it_searches_on_every_count_says_how_many_pages_it_covers(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The first parts' answer is shown while the next are merged: never as the total. Before it, the first query
    finding nothing on screen, "Searching…"."""
    word, _ = own_word_in_last_part(parts)
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    page.evaluate(RECORD_COUNTS)
    search_for(page, word)
    searched = [sum(parts.pages[:number]) for number in range(1, len(parts.pages))]
    assert page.evaluate("() => window.shownCounts") == [
        ["Searching…", None],
        *([f"No matching documents in the first {pages} of {parts.all_pages} pages", word] for pages in searched),
        ["1 matching document", word]]


def test_search_in_the_page_after_its_worker_was_given_up_gives_up_a_stalled_file_too(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The worker's script never comes, and neither does the index's entry that Pagefind, searching in the page
    instead, then asks for: once search.js's patience is spent, the count says search is unavailable, with "Try
    again", where it said "Searching…" for as long as the browser waited; once they come, the button finds every
    page holding the word."""
    page = reader.page
    impatient_worker(page, 2000)
    page.goto(parts_url, wait_until="networkidle")
    workers = hold_the_first(page, "**/assets/search-worker.js*")
    entries = hold_the_first(page, "**/pagefind/pagefind-entry.json*")
    open_search(page)
    page.locator("input.md-search__input").fill("quayside")
    assert count_text(page) == "Searching…"
    answered(page, "quayside")
    assert (count_text(page), search_all_button(page)) == ("Search is unavailable: its index could not be loaded", ["Try again"])
    assert (len(workers), len(entries)) == (1, 1)
    assert reader.errors == ["Failed to load Pagefind metadata"]  # Pagefind's own words, where nobody awaits them
    reader.errors.clear()
    page.unroute("**/assets/search-worker.js*")
    searched_again_once_it_comes(page, "**/pagefind/pagefind-entry.json*", parts)


# --- filters by kind and by a claim's status ----------------------------------------------------------
def fragment_filters(site: Path, folders: list[str]) -> list[dict[str, list[str]]]:
    """Pagefind's filters of every page of every part, from the parts' own fragment files."""
    return [json.loads(gzip.decompress(path.read_bytes())[len("pagefind_dcd"):]).get("filters", {})
            for folder in folders for path in (site / folder / "fragment").iterdir()]


def test_the_filters_offered_are_the_kinds_and_statuses_of_the_indexed_pages(parts_site: Path, parts: Parts) -> None:
    listed = json.loads((parts_site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))["filters"]
    indexed = fragment_filters(parts_site, parts.folders)
    assert set(listed) == {"kind", "status"}
    for name in listed:  # every value a page of some part has, and none that no page has
        assert set(listed[name]) == {value for filters in indexed for value in filters.get(name, [])}, name
    assert len(listed["kind"]) == len(set(listed["kind"]))
    # In the order of the navigation's tabs (briefs, claims, statements…), lists and other pages last; the
    # statuses in the order the methodology explains them.
    assert listed["kind"][:3] == ["Brief", "Claim", "Statement"] and listed["kind"][-2:] == ["List", "Page"]
    assert listed["status"] == ["unverified", "disputed"]


def press(page: Page, name: str, value: str) -> None:
    """Choose a filter's value above the results, as a reader taps it; wait for the query's answer under it."""
    query = page.input_value("input.md-search__input")
    page.locator(f".dossier-search-filters [data-filter='{name}']").get_by_role("radio", name=value, exact=True).click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=query)


def listed(page: Page, url: str) -> list[tuple[str, str]]:
    """(kind, page) of each result listed."""
    items = page.locator(".md-search-result__item:has(a)")
    kinds = items.locator("h1 .dossier-kind").all_text_contents()
    links = items.locator("> a").evaluate_all("links => links.map(a => a.href)")
    return list(zip(kinds, [location(link, url) for link in links], strict=True))


def pressed(page: Page, name: str) -> list[str]:
    """The value chosen of a filter, by its label."""
    return page.locator(f".dossier-search-filters [data-filter='{name}'] label:has(input:checked)").all_text_contents()


def test_results_are_filtered_by_kind_and_by_a_claims_status_in_every_part(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "engineer")
    assert pressed(page, "kind") == ["All"]
    assert {kind for kind, _ in listed(page, parts_url)} >= {"Claim", "Statement"}
    assert page.locator(".dossier-search-filters [data-filter='status']").is_hidden()  # claims only, once chosen
    # Statements: more than a screenful in the first part, so the count is said to be of the first part.
    first_part = f" matching documents in the first {parts.pages[0]} of {parts.all_pages} pages"
    press(page, "kind", "Statement")
    assert {kind for kind, _ in listed(page, parts_url)} == {"Statement"} and len(listed(page, parts_url)) == SHOWN
    assert re.fullmatch(r"Statement only: \d+" + re.escape(first_part), count_text(page))  # the count says its filter
    # Two claims hold the word, in the first part: too few for a screenful, so every part is searched, and the
    # count is the total.
    claims = {("Claim", "claims/engineers-report-late/"), ("Claim", "claims/bridge-opens-in-2027/")}
    press(page, "kind", "Claim")
    assert set(listed(page, parts_url)) == claims
    assert count_text(page) == "Claim only: 2 matching documents" and search_all_button(page) == []
    assert pressed(page, "kind") == ["Claim"] and pressed(page, "status") == ["Any"]
    press(page, "status", "disputed")
    assert listed(page, parts_url) == [("Claim", "claims/bridge-opens-in-2027/")]
    assert page.locator(".md-search-result__item .dossier-search-status").inner_text() == "Status: disputed"
    press(page, "status", "unverified")
    assert listed(page, parts_url) == [("Claim", "claims/engineers-report-late/")]
    assert count_text(page) == "Claim, unverified only: 1 matching document"
    # Another kind: the status is let go of, its row hidden; every part is merged by now.
    press(page, "kind", "Statement")
    assert pressed(page, "status") == ["Any"] and page.locator(".dossier-search-filters [data-filter='status']").is_hidden()
    assert {kind for kind, _ in listed(page, parts_url)} == {"Statement"}
    assert re.fullmatch(r"Statement only: \d+ matching documents", count_text(page))
    # The filter stays for the next query, and its count says so: a statement of the last part is found, no claim is.
    word, url = own_word_in_last_part(parts)
    assert [location(found, parts_url) for found in search_for(page, word)] == [url]
    assert count_text(page) == "Statement only: 1 matching document"
    press(page, "kind", "Claim")
    assert listed(page, parts_url) == [] and count_text(page) == "Claim only: No matching documents"
    press(page, "kind", "All")
    assert listed(page, parts_url) == [("Statement", url)] and count_text(page) == "1 matching document"


def test_no_filters_are_offered_without_their_listing(reader: Reader, parts_url: str, parts: Parts) -> None:
    """dossier-parts.json of an earlier build, without filters: search answers as before and offers none."""
    page = reader.page
    listing = {"pages": parts.pages, "more": parts.folders[1:]}
    page.route("**/pagefind/dossier-parts.json", lambda route: route.fulfill(status=200, content_type="application/json",
                                                                              body=json.dumps(listing)))
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    assert count_text(page).startswith(f"{parts.holding('quayside', 1)} matching documents in the first")
    assert page.locator(".dossier-search-filters").count() == 0
    page.unroute("**/pagefind/dossier-parts.json")


# --- every result the count says, and Enter -----------------------------------------------------------
def quayside_in_every_part(page: Page, parts_url: str) -> Locator:
    """"quayside" searched in every part (its search-all button pressed): the button showing more results."""
    page.goto(parts_url, wait_until="networkidle")
    search_for(page, "quayside")
    page.locator(".md-search-result__list .dossier-search-all button").click()
    answered(page, "quayside")
    return page.locator(".md-search-result__list .dossier-search-more button")


def results_listed(page: Page, count: int) -> None:
    """Until `count` results are listed."""
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item > a').length === n", arg=count)


def test_every_result_the_count_says_can_be_shown(reader: Reader, parts_url: str, parts: Parts) -> None:
    page = reader.page
    more = quayside_in_every_part(page, parts_url)
    total = parts.holding("quayside")
    assert count_text(page) == f"{total} matching documents" and total > 2 * SHOWN
    shown = SHOWN
    while shown < total:
        assert page.locator(".md-search-result__item > a").count() == shown
        more.click()
        shown = min(total, shown + SHOWN)
        results_listed(page, shown)
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert len(set(links)) == total and more.count() == 0  # each page once, and no button once all are shown
    assert {location(link, parts_url) for link in links} == {url for texts in parts.texts for url, text in texts.items() if "quayside" in text}


def test_enter_opens_the_first_result_of_the_query_typed_never_of_the_one_before(reader: Reader, parts_url: str, parts: Parts) -> None:
    """Enter pressed while the query just typed is still searched, its results' fragments held: the results on
    screen are the last query's, and the first of those was opened. Now the query's own first result is, once
    it has come."""
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    shown = [location(found, parts_url) for found in search_for(page, "quayside")]
    word, url = next((own_word(int(found.group(1))), page_url) for page_url in sorted(parts.texts[0])
                     if (found := re.fullmatch(r"statements/quay-(\d{3})/", page_url)) and page_url not in shown)
    held: list[Route] = []
    holding = [True]
    page.route("**/*.pf_fragment", lambda route: held.append(route) if holding[0] else route.fallback())
    with page.expect_request("**/*.pf_fragment"):
        page.locator("input.md-search__input").fill(word)
    page.keyboard.press("Enter")
    assert location(page.url, parts_url) == ""  # still the home page: its results are "quayside"'s
    assert page.eval_on_selector(".md-search-result__item > a", "a => a.href") == parts_url + shown[0]
    holding[0] = False
    with page.expect_navigation():
        for route in held:
            route.fallback()
    assert location(page.url, parts_url) == url


def test_the_arrow_keys_move_through_the_results_and_enter_opens_one(reader: Reader, parts_url: str, parts: Parts) -> None:
    """Material's own search moves through its results with the arrow keys: search.js, in its place, had results
    no keyboard could reach but the first, which Enter opened."""
    page = reader.page
    page.goto(parts_url, wait_until="networkidle")
    links = search_for(page, "quayside")
    focused = "() => document.activeElement.href || document.activeElement.className"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == links[1]


def test_showing_more_results_with_the_keyboard_goes_on_from_the_first_one_added(reader: Reader, parts_url: str, parts: Parts) -> None:
    """The button was disabled while the next results loaded, and the keyboard's focus fell to the page behind."""
    page = reader.page
    more = quayside_in_every_part(page, parts_url)
    more.focus()
    page.keyboard.press("Enter")
    results_listed(page, 2 * SHOWN)
    page.wait_for_function("() => document.activeElement.matches('a.md-search-result__link')")
    assert page.evaluate("() => document.activeElement.href") == \
        page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")[SHOWN]
    for _ in range(SHOWN):  # on through the added results to the button again, still in the results
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Show more results"
    page.keyboard.press("Enter")
    results_listed(page, 3 * SHOWN)
