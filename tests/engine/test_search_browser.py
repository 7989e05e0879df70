"""The published site's search (Pagefind's chunked index, macros/plugin/search.py) in Chromium, at desktop
and phone widths: nothing of it is fetched before the reader searches, a query's first result is the
expected page, and results say what each page is, with a claim's status. The offline copy keeps
Material's search (tests/engine/test_browser.py, test_the_offline_build_works_from_disk); what it finds of
what readers type is tested here too, where it can.

What readers type, each with the query and the expected first result, on the mini fixture (in Chinese,
Japanese, Arabic, Hebrew, French) with one statement more, written here, holding an Arabic word with its
prefixes (والكاميرات, "and the cameras"): the middle of a Chinese or Japanese name, an Arabic word without
its prefixes or with others, an amount with its currency sign, a question.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from macros.plugin.search import SEARCH_ONLY_MARK, with_search_only_text
from macros.site.search_forms import arabic_forms, arabic_stem, cjk_pairs, page_search_only_words, search_only_words
from tests.conftest import MINI, WIDTHS, build, write
from tests.engine.test_browser import Offline, location
from tests.engine.test_browser import search as offline_search
from tests.real_clients import html_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

pytestmark = pytest.mark.browser



class Reader(Offline):
    """A reader's tab (test_browser.Offline) that keeps the URL of every request it makes."""

    def __init__(self, browser: Browser, viewport: dict[str, int]):
        super().__init__(browser)
        self.page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
        self.requested: list[str] = []
        self.page.on("request", self._requested)

    def _requested(self, request: Request) -> None:
        self.requested.append(request.url)


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


def test_only_the_offline_copy_writes_materials_index_and_both_have_the_search_box(mini_site: Path, offline_build: Path) -> None:
    """The web build runs Material's search plugin (its header shows the search box only while the plugin is
    enabled) but not its indexing: no page there fetches search/search_index.json."""
    assert not (mini_site / "search").exists()
    assert json.loads((offline_build / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for home in (mini_site / "index.html", offline_build / "index.html"):
        header = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser").select_one("header.md-header")
        assert header is not None and header.select_one(".md-search input.md-search__input"), home
        assert header.select_one('label.md-header__button[for="__search"]'), home


# --- what readers type ---------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["ana lopez", "LÓPEZ", "Lopes", "Who is Ana López?"])
def test_what_readers_type_finds_the_actor_first(reader: Reader, mini_url: str, query: str) -> None:
    """Accents and case folded; a search-only spelling the editors recorded (Lopes); a question's words."""
    reader.page.goto(mini_url, wait_until="networkidle")
    assert location(search_for(reader.page, query)[0], mini_url) == "actors/ana-lopez/"


def test_a_search_only_spelling_is_never_shown(mini_site: Path) -> None:
    html = (mini_site / "actors" / "ana-lopez" / "index.html").read_text(encoding="utf-8")
    assert html.count("Lopes") == 1 and ' data-variants="Lopes"></div>' in html
    # Among the page's search-only text, after the mark where search.js cuts every excerpt.
    only = html[html.index("<div hidden data-search-only>"):]
    assert only.startswith(f"<div hidden data-search-only>{SEARCH_ONLY_MARK} ")
    assert '<div hidden data-pagefind-weight="10" data-pagefind-index-attrs="data-variants" data-variants="Lopes"></div></div>' in only


def test_an_excerpt_never_shows_search_only_text(reader: Reader, mini_url: str) -> None:
    """Lopes matches only the search-only spelling; the excerpt shows the page's own words, as without it."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert location(search_for(page, "Lopes")[0], mini_url) == "actors/ana-lopez/"
    shown = page.locator(".md-search-result__list").inner_text()
    assert "López" in shown and "Lopes" not in shown and SEARCH_ONLY_MARK not in shown


def test_the_excerpt_check_sees_search_only_text(reader: Reader, mini_url: str) -> None:
    """Negative control: Pagefind's own excerpt, which search.js replaces, shows the search-only spelling."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    excerpt = page.evaluate("""async () => {
      const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
      const found = await pagefind.search('Lopes');
      return (await found.results[0].data()).excerpt; }""")
    assert "Lopes" in excerpt


# --- what readers type, in other scripts --------------------------------------------------------
CAMERAS = """\
    speaker: karim-haddad
    date: "2025-10-08"
    form: paraphrase
    text: "قال حداد إن اللجنة فحصت الأقفال والكاميرات قبل فتح العروض."
    subject: on the locks and cameras
    reported_in:
      - source: sahil-tender-report
"""


def multilingual_data(base: Path) -> Path:
    """The mini fixture and one statement more, with والكاميرات: "and" and "the" joined to "cameras"."""
    import shutil

    data = base / "data"
    shutil.copytree(MINI, data)
    write(data, "statements/haddad-cameras.yml", CAMERAS)
    return data


@pytest.fixture(scope="module")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("multilingual")
    return build(multilingual_data(base), base / "site")


@pytest.fixture(scope="module")
def multilingual_url(multilingual_site: Path) -> Iterator[str]:
    from tests.real_clients import serve

    with serve(multilingual_site) as url:
        yield url


@pytest.fixture(scope="module")
def multilingual_offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("multilingual-offline")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_OFFLINE", "true")
        return build(multilingual_data(base), base / "site")


# (query, the expected first result): the published site's search, at both widths.
WHAT_READERS_TYPE = [
    ("伟强", "actors/lin-weiqiang/"),  # the end of 林伟强
    ("伟", "actors/lin-weiqiang/"),  # its middle character
    ("藤由", "actors/sato-yuki/"),  # the middle of 佐藤由紀
    ("由紀", "actors/sato-yuki/"),
    ("الكاميرات", "statements/haddad-cameras/"),  # finds والكاميرات
    ("كاميرات", "statements/haddad-cameras/"),  # without the article too
    ("والكاميرات", "statements/haddad-cameras/"),  # as written
    ("تقييم", "statements/haddad-scoring-grid/"),  # finds التقييم
    ("والتقييم", "statements/haddad-scoring-grid/"),  # with prefixes the page does not have
    ("نشر", "statements/haddad-scoring-grid/"),  # finds نُشر, its vowel sign left out
    ("للكاميرات", "statements/haddad-cameras/"),  # "for the cameras": finds والكاميرات
    ("$120 million", "figures/"),  # the figure's row ("about $120 million"); the brief saying so is second
    ("Will the Riverton bridge open in 2027?", "claims/bridge-opens-in-2027/"),
]


def test_for_the_committee_finds_the_committee_and_paradise_does_not(reader: Reader, multilingual_url: str) -> None:
    """للجنة ("for the committee", or "for paradise": written alike) finds the pages with اللجنة and لجنة; الجنة
    ("paradise"), a letter away, finds neither. Read only as ل + الجنة, للجنة found nothing."""
    committee = {"statements/haddad-cameras/", "sources/sahil-tender-report/"}
    found = {}
    for query in ("للجنة", "وللجنة", "لجنة", "الجنة"):
        reader.page.goto(multilingual_url, wait_until="networkidle")
        found[query] = {location(url, multilingual_url) for url in search_for(reader.page, query)}
    assert committee <= found["للجنة"] and committee <= found["وللجنة"] and committee <= found["لجنة"], found
    assert not committee & found["الجنة"], found


@pytest.mark.parametrize(("query", "first"), WHAT_READERS_TYPE)
def test_what_readers_type_finds_the_expected_page_first(reader: Reader, multilingual_url: str, query: str, first: str) -> None:
    reader.page.goto(multilingual_url, wait_until="networkidle")
    assert location(search_for(reader.page, query)[0], multilingual_url) == first


@pytest.mark.parametrize(("query", "marked"), [("كاميرات", "والكاميرات"), ("伟", "林伟强")])
def test_the_excerpt_marks_the_pages_own_word_holding_what_was_typed(reader: Reader, multilingual_url: str, query: str, marked: str) -> None:
    """Found by a search-only form, the result marks the page's word that holds the query, never the form."""
    reader.page.goto(multilingual_url, wait_until="networkidle")
    search_for(reader.page, query)
    marks = reader.page.locator(".md-search-result__item").first.locator("mark").all_text_contents()
    assert marks and {mark.strip(".,“”\u2068\u2069") for mark in marks} == {marked}


def test_a_sum_with_its_currency_sign_keeps_its_number(reader: Reader, multilingual_url: str) -> None:
    """"$120" is 120 (Pagefind alone drops the word, and finds pages by "million" only)."""
    page = reader.page
    page.goto(multilingual_url, wait_until="networkidle")
    with_sign = [location(url, multilingual_url) for url in search_for(page, "$120 million")]
    marked = page.locator(".md-search-result__item mark").all_inner_texts()
    without = [location(url, multilingual_url) for url in search_for(page, "120 million")]
    assert with_sign == without == ["figures/", "topics/riverton-bridge/"]
    # The figures list's result links to the figure's row, not the top of the list.
    assert page.eval_on_selector(".md-search-result__item > a", "a => a.href") == f"{multilingual_url}figures/#figures-bridge-cost"
    assert "120" in marked


def test_the_currency_check_sees_a_lost_number(reader: Reader, multilingual_url: str) -> None:
    """Negative control: Pagefind asked for "$120 million" as typed matches "million" alone."""
    page = reader.page
    page.goto(multilingual_url, wait_until="networkidle")
    excerpts = page.evaluate("""async () => {
      const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
      const found = await pagefind.search('$120 million');
      return Promise.all(found.results.map(async r => (await r.data()).excerpt)); }""")
    assert excerpts and not any("<mark>120" in excerpt or "<mark>$120" in excerpt for excerpt in excerpts)


def test_a_question_ranks_the_claim_then_the_brief_that_answer_it(reader: Reader, multilingual_url: str) -> None:
    page = reader.page
    page.goto(multilingual_url, wait_until="networkidle")
    results = [location(url, multilingual_url) for url in search_for(page, "Will the Riverton bridge open in 2027?")]
    assert results[:2] == ["claims/bridge-opens-in-2027/", "topics/riverton-bridge/"]
    first = page.locator(".md-search-result__item").first
    assert first.locator(".dossier-search-status").inner_text() == "Status: disputed"


def test_the_figures_list_is_a_list_in_results(reader: Reader, multilingual_url: str) -> None:
    page = reader.page
    page.goto(multilingual_url, wait_until="networkidle")
    results = [location(url, multilingual_url) for url in search_for(page, "120 million")]
    item = page.locator(".md-search-result__item").nth(results.index("figures/"))
    assert item.locator("h1 .dossier-kind").text_content() == "List"
    assert item.locator("h1").text_content() == "ListFigures"


def test_search_only_forms_are_hidden_from_readers_and_screen_readers(chromium: Browser, multilingual_site: Path, multilingual_url: str) -> None:
    html = (multilingual_site / "statements" / "haddad-cameras" / "index.html").read_text(encoding="utf-8")
    only = html[html.index("<div hidden data-search-only>"):]
    assert only.startswith(f"<div hidden data-search-only>{SEARCH_ONLY_MARK} ") and BARE.search(only)
    session = Reader(chromium, WIDTHS["phone"])
    try:
        session.page.goto(multilingual_url + "statements/haddad-cameras/", wait_until="networkidle")
        assert session.page.locator("[data-search-only]").is_hidden()
        tree = session.page.locator("body").aria_snapshot()
        text = session.page.locator("body").inner_text()
        for shown in (tree, text):
            assert "والكاميرات" in shown  # the page's own word
            assert not BARE.search(shown) and SEARCH_ONLY_MARK not in shown
    finally:
        session.close()


def test_the_hidden_check_sees_a_shown_form(chromium: Browser, multilingual_url: str) -> None:
    """Negative control: the same element without `hidden` is read out."""
    session = Reader(chromium, WIDTHS["phone"])
    try:
        session.page.goto(multilingual_url + "statements/haddad-cameras/", wait_until="networkidle")
        session.page.eval_on_selector("[data-search-only]", "element => element.hidden = false")
        assert BARE.search(session.page.locator("body").aria_snapshot())
    finally:
        session.close()


# كاميرات as a word of its own, not the end of والكاميرات.
BARE = re.compile("(?<![\u0621-\u064a])كاميرات")


def test_search_only_forms_stay_out_of_materials_index(multilingual_offline: Path) -> None:
    """Material's index (the offline copy's search) has the page's words as written, never the search-only forms."""
    index = json.loads((multilingual_offline / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "والكاميرات" in text and "林伟强" in text
    assert "林伟 伟强" not in text and not BARE.search(text) and SEARCH_ONLY_MARK not in text
    assert "data-search-only" not in (multilingual_offline / "statements" / "haddad-cameras.html").read_text(encoding="utf-8")


# (query, the expected first result): the offline copy, Material's search, opened from disk.
OFFLINE_FINDS = [
    ("伟强", "actors/lin-weiqiang.html"),
    ("藤由", "actors/sato-yuki.html"),
    ("الكاميرات", "statements/haddad-cameras.html"),
    ("$120 million", "figures/index.html"),
    ("Will the Riverton bridge open in 2027?", "claims/bridge-opens-in-2027.html"),
]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_offline_copy_finds_what_readers_type(chromium: Browser, multilingual_offline: Path, width: str) -> None:
    """Material's search parts Chinese and Japanese characters and a prefix joined to ال (mkdocs.yml's
    separator); its index has no search-only text, so an Arabic word without its article (كاميرات) and an
    editor's search-only spelling (Lopes) are found on the published site only."""
    session = Offline(chromium)
    session.page.set_viewport_size({"width": WIDTHS[width]["width"], "height": WIDTHS[width]["height"]})
    base = multilingual_offline.as_uri() + "/"
    try:
        for query, first in OFFLINE_FINDS:
            session.page.goto(base + "index.html")
            if width == "phone":
                session.page.click("label.md-header__button[for='__search']")
            assert location(offline_search(session.page, query)[0], base) == first, query
        # Every result says what it is (dossier.js labels Material's results as they are added).
        session.page.wait_for_function(
            "() => [...document.querySelectorAll('.md-search-result__item')].every(i => i.querySelector('h1 .dossier-kind'))")
        session.page.goto(base + "index.html")
        if width == "phone":
            session.page.click("label.md-header__button[for='__search']")
        offline_search(session.page, "$120 million")
        figures = session.page.locator(".md-search-result__item").first
        assert figures.locator("h1 .dossier-kind").text_content() == "List"  # the list, not one figure
        assert session.errors == [] and session.blocked == []
    finally:
        session.close()


# --- the search-only forms, made at build time ----------------------------------------------------
def test_cjk_runs_are_indexed_as_overlapping_pairs() -> None:
    assert cjk_pairs("林伟强 and 佐藤由紀, 佐藤") == ["林伟", "伟强", "佐藤", "藤由", "由紀"]


def test_arabic_words_are_indexed_without_their_prefixes() -> None:
    """Each with its stem after "for the" (لل), as a query starting لل is searched."""
    assert arabic_forms("والكاميرات") == ["الكاميرات", "للكاميرات", "كاميرات"]
    assert arabic_forms("بالكاميرات") == ["الكاميرات", "للكاميرات", "كاميرات"]
    assert arabic_forms("نُشر") == ["للنشر", "نشر"]
    assert arabic_forms("جدول") == ["للجدول"] and arabic_forms("وقت") == ["للوقت"]
    assert arabic_forms("في") == [] and arabic_forms("وفي") == ["للوفي"]  # a stem keeps three letters


def test_a_word_starting_lam_lam_is_read_both_ways() -> None:
    """ل + ال is written لل, and so is ل + ال + a word starting ل (one ل of three left out): للجنة is "for
    paradise" (الجنة) or "for the committee" (اللجنة). Read one way only, "للجنة" missed the committee."""
    assert arabic_forms("للجنة") == ["اللجنة", "لجنة", "الجنة", "جنة"]
    assert arabic_forms("وللجنة") == ["للجنة", "اللجنة", "لجنة", "الجنة", "جنة"]
    assert arabic_forms("اللجنة") == ["للجنة", "لجنة"] and arabic_forms("لجنة") == ["للجنة"]
    assert arabic_forms("الجنة") == ["للجنة", "جنة"]
    assert arabic_stem("للجنة") == "جنة" and arabic_stem("اللجنة") == "لجنة" and arabic_stem("لجنة") == "لجنة"
    # A stem of three letters starting ل: للون is ل + اللون ("for the colour") only, لون its stem.
    assert arabic_forms("للون") == ["اللون", "لون"] and arabic_forms("لون") == ["للون"]
    assert arabic_forms("الله") == [] and arabic_forms("لله") == []  # short words starting ال or لل: kept whole


# Stems, three of them starting ل (for the لل cases), and each as readers write it with its prefixes.
ARABIC_STEMS = ["جنة", "لجنة", "كاميرات", "تقييم", "ليبيا", "قوة", "نشر", "لون"]


def arabic_spellings(stem: str) -> list[str]:
    article = "ال" + stem
    for_the = ("ل" if stem.startswith("ل") else "لل") + stem  # ل + ال + stem: one ل of three left out
    return [stem, "و" + stem, article, "و" + article, "ب" + article, "ك" + article, for_the, "و" + for_the, "ف" + for_the]


def test_every_spelling_of_an_arabic_word_finds_every_other(tmp_path: Path) -> None:
    """search.js's arabicBare, run in Node, against search_forms.arabic_forms: for each stem, the query form of
    each way of writing it starts one of the indexed forms of each other way (Pagefind finds a word by its
    start). The nearest wrong: a query of one stem starts no indexed form of another, but for جنة and لجنة,
    which للجنة is both of. And search.js's arabicStem (what an excerpt marks) is search_forms.arabic_stem for
    every way of writing each: the one rule, written in both languages."""
    from tests.real_clients import require_node

    script = (Path(__file__).parents[2] / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    functions = script[script.index("  function arabicBare(word)"):]
    functions = functions[:functions.index("\n  }\n", functions.index("  function arabicStem(word)")) + 4]
    queries = sorted({spelling for stem in ARABIC_STEMS for spelling in arabic_spellings(stem)})
    run = tmp_path / "bare.js"
    run.write_text(functions + f"\nconst queries = {json.dumps(queries)};\n"
                   "console.log(JSON.stringify(queries.map(word => [word, arabicBare(word), arabicStem(word)])));\n", encoding="utf-8")
    import subprocess

    ran = json.loads(subprocess.run([require_node(), str(run)], capture_output=True, text=True, check=True).stdout)
    searched = {word: bare for word, bare, _ in ran}
    assert searched["والكاميرات"] == "كاميرات" and searched["للجنة"] == "للجنة"  # the control: both run
    assert [(word, stem) for word, _, stem in ran if stem != arabic_stem(word)] == []
    assert {word: stem for word, _, stem in ran}["وللجنة"] == "جنة"  # the control: a stem other than arabicBare's

    def finds(query: str, page_word: str) -> bool:
        return any(form.startswith(searched[query]) for form in [page_word, *arabic_forms(page_word)])

    missed = [(query, word) for stem in ARABIC_STEMS for query in arabic_spellings(stem) for word in arabic_spellings(stem)
              if not finds(query, word)]
    assert missed == []
    ambiguous = {"جنة", "لجنة"}
    crossed = [(query, word) for stem in ARABIC_STEMS for other in ARABIC_STEMS if other != stem and {stem, other} != ambiguous
               for query in arabic_spellings(stem) for word in arabic_spellings(other) if finds(query, word)]
    assert crossed == []


def test_search_only_text_is_escaped_and_left_out_where_search_leaves_out() -> None:
    page = ('<div class="md-content" data-md-component="content"><article><h1>林伟强</h1>'
            '<p>والكاميرات&lt;img src=x onerror=alert(1)&gt;&amp;</p><section data-search-exclude><p>佐藤由紀</p></section></article>')
    assert search_only_words("no forms for Latin text <b>") == []
    assert page_search_only_words(page, frozenset({"data-search-exclude"}), frozenset()) == ["林伟", "伟强", "الكاميرات", "للكاميرات", "كاميرات"]
    marked = with_search_only_text(page, 0, [], 10)
    only = marked[marked.index("<div hidden data-search-only>"):]
    assert only == (f'<div hidden data-search-only>{SEARCH_ONLY_MARK} <p data-pagefind-weight="10">林伟 伟强</p>'
                    "<p>الكاميرات للكاميرات كاميرات</p></div></article>")
    assert "<img" not in marked


def _fragments(site: Path) -> list[str]:
    """Pagefind's fragment of each page: what a result's excerpt is cut from (gzip, after a signature)."""
    return [gzip.decompress(path.read_bytes()).decode("utf-8") for path in sorted((site / "pagefind" / "fragment").iterdir())]


def test_a_footnotes_way_back_is_not_in_an_excerpt(mini_site: Path) -> None:
    """The sign of a footnote's way back ("↩", an icon on the page) showed in results' excerpts as text."""
    with_footnotes = [path for path in html_pages(mini_site) if "footnote-backref" in (mini_site / path).read_text(encoding="utf-8")]
    assert with_footnotes  # the control: pages whose footnotes have their way back
    fragments = _fragments(mini_site)
    assert len(fragments) > 10 and all(fragment.startswith("pagefind_dcd{") for fragment in fragments)
    assert not [fragment[:80] for fragment in fragments if "\u21a9" in fragment]


def test_a_sources_facts_are_indexed_as_words_apart(mini_site: Path) -> None:
    """A source page's facts are a <dl>; with no space between `</dt>` and `<dd>` Pagefind took "Kind" and
    "Interview" for one word ("KindInterview"): a search for the kind missed it, and excerpts read glued."""
    facts = [json.loads(fragment.removeprefix("pagefind_dcd"))["content"] for fragment in _fragments(mini_site)
             if '"url":"/sources/' in fragment and "Published" in fragment]
    assert facts  # the control: source pages with their facts
    glued = re.compile(r"\b(?:Kind|Outlet|Author|Published|Title|Web address)(?=[^\s.,:;])")
    assert [glued.findall(content) for content in facts if glued.search(content)] == []
    assert glued.search("KindInterview OutletThe Times")  # the check finds what it looks for


def test_a_phrase_in_quotes_finds_only_the_pages_holding_it(reader: Reader, mini_url: str, mini_site: Path) -> None:
    """Its function words kept, in order: without them, "a bridge like that" became `"bridge like"`, and every page
    holding either word was listed. The pages listed are those whose indexed text holds the phrase."""
    holding = {json.loads(fragment.removeprefix("pagefind_dcd"))["url"].lstrip("/") for fragment in _fragments(mini_site)
               if "a bridge like that" in " ".join(json.loads(fragment.removeprefix("pagefind_dcd"))["content"].lower().split())}
    assert "statements/okafor-doubts/" in holding
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    for typed in ('"a bridge like that"', "\u201ca bridge like that\u201d"):
        assert {location(url, mini_url) for url in search_for(page, typed)} == holding, typed
    assert len(search_for(page, "a bridge like that")) > len(holding)  # the control: unquoted, any page of the words


def test_letters_typed_full_width_find_what_the_letters_find(reader: Reader, mini_url: str) -> None:
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    found = search_for(page, "Lopez")
    assert found and search_for(page, "\uff2c\uff4f\uff50\uff45\uff5a") == found  # "Ｌｏｐｅｚ", as a Japanese keyboard types it


def test_what_someone_said_about_something_finds_their_statement_first(reader: Reader, mini_url: str) -> None:
    """"say" and "about" are a question's words, not the subject's: kept, they ranked first the pages using them
    (a brief's question "What do the sources say about…", the About page) over the speaker's statement."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    results = [location(url, mini_url) for url in search_for(page, "what did Lopez say about the bridge?")]
    assert results[0] == "statements/lopez-opens-2027/"


@pytest.mark.parametrize("spaced", ["120 000 000", "120\u202f000\u202f000", "120\u00a0000\u00a0000"])
def test_a_number_written_with_spaces_between_its_groups_finds_it(reader: Reader, mini_url: str, spaced: str) -> None:
    """"120 000 000" as French and others write it is the number the figures list writes "120,000,000"; its
    groups searched apart found other numbers, or none."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    written = search_for(page, "120,000,000")
    assert location(written[0], mini_url).startswith("figures/")  # the control: the list's row of the figure
    assert search_for(page, spaced)[:3] == written[:3]


# --- words no page holds ---------------------------------------------------------------------------
def count_shown(page: Page) -> str:
    return page.locator(".md-search-result__meta").inner_text()


def pagefind_alone(page: Page, query: str) -> int:
    """How many results Pagefind itself gives `query`, without search.js."""
    found: int = page.evaluate("""async query => {
      const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
      return (await pagefind.search(query)).results.length; }""", query)
    return found


def suggestion(page: Page) -> list[str]:
    return page.locator(".md-search-result__list .dossier-search-suggest").all_inner_texts()


@pytest.mark.parametrize(("typed", "name"), [("Okafur", "Okafor"), ("Okfaor", "Okafor"), ("Okafoor", "Okafor"), ("Riverten", "Riverton")])
def test_a_name_a_letter_off_is_offered_and_searched_once_chosen(reader: Reader, mini_url: str, typed: str, name: str) -> None:
    """A letter changed, swapped, doubled: no page holds the word, and Pagefind alone answers with the pages holding
    the longest word it starts with, as if found (the control). Nothing is listed; the nearest of the dossier's
    names is offered, and searched when chosen."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    right = search_for(page, name)
    counted = count_shown(page)
    assert right and re.fullmatch(r"\d+ matching documents?", counted)
    assert search_for(page, typed) == []
    assert count_shown(page) == "No matching documents"
    assert suggestion(page) == [f"Did you mean \u201c{name}\u201d?"]
    page.locator(".dossier-search-suggest button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=name)
    assert page.input_value("input.md-search__input") == name and count_shown(page) == counted and suggestion(page) == []


def test_enter_takes_the_name_offered_when_nothing_is_listed(reader: Reader, mini_url: str) -> None:
    """With no result and "Did you mean “Okafor”?", Enter searched nothing and opened nothing. Now it takes the offer:
    Okafor's results are listed, none opened. Beside a result ("Ben Okafur": Ben's), Enter opens the first result."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    right = search_for(page, "Okafor")
    assert right and search_for(page, "Okafur") == []
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="Okafor")
    assert page.input_value("input.md-search__input") == "Okafor" and suggestion(page) == []
    assert page.url == mini_url and page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)") == right
    first = search_for(page, "Ben Okafur")[0]
    assert suggestion(page) == ["Did you mean \u201cBen Okafor\u201d?"]
    with page.expect_navigation():
        page.locator("input.md-search__input").press("Enter")
    assert page.url == first


def test_a_word_that_starts_otherwise_than_a_name_is_offered_none(reader: Reader, mini_url: str) -> None:
    """"Pkafor" is as near "Okafor" as "Okafur", but an ordinary word the dossier does not hold ("rural") is
    more often a letter off a name ("Tural") than a misspelt name is off its first letter."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "Pkafor") == [] and suggestion(page) == []


@pytest.mark.parametrize(("typed", "word"), [("schedlue", "schedule"), ("Egnineer", "engineer"), ("anounced", "announced")])
def test_a_word_of_the_headings_a_letter_off_is_offered_and_searched_once_chosen(reader: Reader, mini_url: str, typed: str,
                                                                                 word: str) -> None:
    """Not only names: "troups" found nothing and offered nothing. The nearest word of the records' headings and
    titles is offered now (in lower case where they print it so), and searched when chosen."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    right = search_for(page, word)
    counted = count_shown(page)
    assert right and search_for(page, typed) == [] and count_shown(page) == "No matching documents"
    assert suggestion(page) == [f"Did you mean \u201c{word}\u201d?"]
    page.locator(".dossier-search-suggest button").click()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=word)
    assert count_shown(page) == counted and suggestion(page) == []


def test_a_word_of_the_headings_no_page_holds_is_never_offered(reader: Reader, mini_url: str) -> None:
    """The words file lists a word no page holds ("bridgework": a file of another build, or a heading Pagefind does
    not index): it is not offered. The control: "schedule", listed beside it, is. The file failing (a server error),
    no word is offered; a later search reads it again."""
    page = reader.page
    listed = json.dumps({"words": ["bridgework", "schedule"]})
    failing = [True]
    asked: list[str] = []

    def answer(route: Route) -> None:
        asked.append(route.request.url)
        if failing[0]:
            route.fulfill(status=503, body="busy")
        else:
            route.fulfill(status=200, content_type="application/json", body=listed)

    page.route("**/pagefind/dossier-words.json", answer)
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "schedlue") == [] and suggestion(page) == [] and asked
    failing[0] = False
    assert search_for(page, "brigdework") == [] and suggestion(page) == []
    assert search_for(page, "shcedule") == [] and suggestion(page) == ["Did you mean \u201cschedule\u201d?"]


def test_a_name_stays_offered_before_a_word_as_near(reader: Reader, mini_url: str, mini_site: Path) -> None:
    """A heading's word as near as a name gives way to it ("Councel": the name "Council" and the word "Counsel", each a
    letter off); a nearer word does not ("schedlue": "schedule", a letter off, before a name "Schedulex", two off).
    Names and words come from files routed here: "Counsel" is on no page, so it could not be offered anyway."""
    page = reader.page
    names = json.loads((mini_site / "pagefind" / "dossier-names.json").read_text(encoding="utf-8"))["names"]
    routed = {"dossier-names.json": {"names": [*names, "Schedulex"]}, "dossier-words.json": {"words": ["Counsel", "schedule"]}}
    def answer(route: Route) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(routed[route.request.url.rpartition("/")[2]]))

    for file in routed:
        page.route(f"**/pagefind/{file}", answer)
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "Councel") == [] and suggestion(page) == ["Did you mean \u201cCouncil\u201d?"]
    assert search_for(page, "schedlue") == [] and suggestion(page) == ["Did you mean \u201cschedule\u201d?"]


def test_the_words_offered_are_the_headings_words_never_names_numbers_or_search_only(mini_site: Path, multilingual_site: Path) -> None:
    """Words of four letters or more of the records' headings and titles, most frequent first, once each; not a name's
    word (offered as a name), nor a search-only spelling, nor a number, nor a run of a script written without
    spaces (a phrase there, not a word)."""
    for site in (mini_site, multilingual_site):
        words = json.loads((site / "pagefind" / "dossier-words.json").read_text(encoding="utf-8"))["words"]
        names = json.loads((site / "pagefind" / "dossier-names.json").read_text(encoding="utf-8"))["names"]
        assert {"schedule", "engineer", "announced", "January", "لجنة"} <= set(words)
        assert not {word.casefold() for word in words} & {name.casefold() for name in names}
        assert "Lopes" not in words and "lopes" not in words
        assert len({word.casefold() for word in words}) == len(words)
        assert all(len(word) >= 4 and all(unicodedata.category(c)[0] in "LM" for c in word) for word in words)
        assert not any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", word) for word in words)
    assert {"cameras", "فحصت"} <= set(words)  # the multilingual fixture's statement: its subject, its words in Arabic


@pytest.mark.parametrize(("searched", "offered"), [("Ben", "Ben Okafor"), ('"a bridge like that"', '"a bridge like that" Okafor')])
def test_a_name_a_letter_off_beside_other_words_leaves_them_searched(reader: Reader, mini_url: str, searched: str, offered: str) -> None:
    """Beside a word, or a phrase in quotes (searched exactly: a word beside it was not checked, and Pagefind
    matched a shorter word)."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    right = search_for(page, searched)
    counted = count_shown(page)
    assert search_for(page, f"{searched} Okafur") == right
    assert count_shown(page) == f"No page holds \u201cOkafur\u201d. Results for \u201c{searched}\u201d: {counted}"
    assert suggestion(page) == [f"Did you mean \u201c{offered}\u201d?"]


def test_a_word_no_page_holds_lists_nothing_where_pagefind_lists_a_shorter_words_pages(reader: Reader, mini_url: str) -> None:
    """"lopezqzxwvk" is on no page; Pagefind alone lists the pages holding "lopez" (the control), less than half of it."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "lopezqzxwvk") == []
    assert count_shown(page) == "No matching documents" and suggestion(page) == []
    assert pagefind_alone(page, "lopezqzxwvk") > 0


@pytest.mark.parametrize(("typed", "searched"), [("Ben lopezqzxwvk", "Ben"), ("Ben-lopezqzxwvk", "Ben"), ("Ben, lopezqzxwvk!", "Ben,")])
def test_a_word_no_page_holds_is_left_out_and_the_count_says_so(reader: Reader, mini_url: str, typed: str, searched: str) -> None:
    """Beside other words, or joined to one by a hyphen: the others are searched, and the word left out is named
    without the punctuation around it."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    right = search_for(page, searched.rstrip(","))
    counted = count_shown(page)
    assert search_for(page, typed) == right
    assert count_shown(page) == f"No page holds \u201clopezqzxwvk\u201d. Results for \u201c{searched}\u201d: {counted}"


def test_most_of_a_word_pagefind_found_stays_searched_and_said_to_be(reader: Reader, mini_url: str) -> None:
    """"announcemnt": no page holds it; Pagefind's shorter word "announce…" is most of it, and its pages are kept
    (they hold "announced", "announcement"), the count saying what was searched for."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    found = search_for(page, "announcemnt")
    assert found and found == search_for(page, "announce")
    search_for(page, "announcemnt")
    said = r"No page holds \u201cannouncemnt\u201d, only words beginning \u201cannounce\u201d: \d+ matching documents?"
    assert re.fullmatch(said, count_shown(page))


def test_a_word_on_pages_a_filter_leaves_out_is_not_said_to_be_on_no_page(reader: Reader, mini_url: str) -> None:
    """With a filter, a word held by no page of that kind is still on some page: nothing is said of it."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "Ledger")
    page.locator(".dossier-search-filters [data-filter='kind']").get_by_role("radio", name="List", exact=True).click()
    page.wait_for_function("() => /^List only: /.test(document.querySelector('.md-search-result__meta').textContent)")
    assert "No page holds" not in count_shown(page) and suggestion(page) == []


def test_an_earlier_querys_count_gives_way_while_the_next_is_searched(reader: Reader, mini_url: str) -> None:
    """On a slow network the count of the results on screen ("3 matching documents") stood beside the query typed
    since, read as its count, for as long as that query's files took. Now it gives way to "Searching…" while
    those results stay; the answer comes with its own count."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    before = search_for(page, "Okafor")
    held: list[Route] = []
    holding = [True]

    def wait(route: Route) -> None:  # every file a new query needs waits, until let go
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    page.route("**/pagefind/**", wait)
    page.locator("input.md-search__input").fill("伟强")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent === 'Searching\u2026'")
    assert held  # the control: the query waits on a file it needs
    assert page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)") == before
    holding[0] = False
    for route in held:
        route.continue_()
    page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg="伟强")
    first = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")[0]
    assert location(first, mini_url) == "actors/lin-weiqiang/" and re.fullmatch(r"\d+ matching documents?", count_shown(page))


def test_the_names_are_read_again_after_a_failure(reader: Reader, mini_url: str) -> None:
    """dossier-names.json failing (a server error): no name is offered then; a later search reads it again."""
    page = reader.page
    failing = [True]
    failed: list[str] = []

    def answer(route: Route) -> None:
        if failing[0]:
            failed.append(route.request.url)
            route.fulfill(status=503, body="busy")
        else:
            route.continue_()

    page.route("**/pagefind/dossier-names.json", lambda route: answer(route))
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "Okafur") == [] and suggestion(page) == [] and failed
    failing[0] = False
    search_for(page, "Okafir")
    assert suggestion(page) == ["Did you mean \u201cOkafor\u201d?"]


@pytest.mark.parametrize(("typed", "first"), [("Okaf", "actors/ben-okafor/"), ("Okafors", "actors/ben-okafor/"), ("Riverto", None)])
def test_a_word_half_typed_or_inflected_is_found_as_it_was(reader: Reader, mini_url: str, typed: str, first: str | None) -> None:
    """A word's start (the reader still typing) and another form of it (Pagefind's stem): pages hold them, and
    nothing is said of them."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    found = search_for(page, typed)
    assert found and "No page holds" not in count_shown(page)
    assert first is None or location(found[0], mini_url) == first


def test_the_names_offered_are_the_words_of_names_the_dossier_prints(mini_site: Path) -> None:
    """Actors' names and aliases, events' places, as printed, word by word; never a search-only spelling (Lopes)."""
    names = json.loads((mini_site / "pagefind" / "dossier-names.json").read_text(encoding="utf-8"))["names"]
    assert {"Ana", "López", "Mayor", "Okafor", "Riverton", "Council", "Courrier", "de", "الساحل", "hall"} <= set(names)
    assert "Lopes" not in names and "" not in names
    assert len(names) == len(set(names))


# --- an actor named exactly -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def town_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini fixture and an actor named by a word on most of its pages: the town of Riverton."""
    import shutil

    from tests.real_clients import serve

    base = tmp_path_factory.mktemp("town")
    shutil.copytree(MINI, base / "data")
    write(base / "data", "actors/riverton.yml", "name: Riverton\nkind: body\nsummary: The fictional town where the bridge is planned.\n")
    with serve(build(base / "data", base / "site")) as url:
        yield url


@pytest.mark.parametrize("typed", ["Riverton", "riverton"])
def test_an_actor_named_exactly_is_listed_first(reader: Reader, town_url: str, typed: str) -> None:
    """Pagefind alone ranks first the pages holding the word more often (the control: another actor); the actor
    the query names is listed first, once."""
    page = reader.page
    page.goto(town_url, wait_until="networkidle")
    first = page.evaluate("""async query => {
      const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
      return (await (await pagefind.search(query)).results[0].data()).url; }""", typed)
    assert first != "/actors/riverton/"
    found = [location(url, town_url) for url in search_for(page, typed)]
    assert found[0] == "actors/riverton/" and found.count("actors/riverton/") == 1


def test_an_actor_whose_name_is_part_of_the_query_is_not_moved(reader: Reader, town_url: str) -> None:
    page = reader.page
    page.goto(town_url, wait_until="networkidle")
    assert location(search_for(page, "Riverton bridge")[0], town_url) != "actors/riverton/"


def test_an_actors_names_are_given_to_search_escaped(mini_site: Path) -> None:
    heading = BeautifulSoup((mini_site / "actors" / "ana-lopez" / "index.html").read_text(encoding="utf-8"), "html.parser").h1
    assert heading is not None and heading["data-pagefind-meta"] == "names[data-names]"
    assert json.loads(str(heading["data-names"])) == ["Ana López", "Mayor López"]


@pytest.mark.parametrize("typed", ["Okafur?", "Who is Okafur?", "\uff2f\uff4b\uff41\uff46\uff55\uff52", "Oka\u00adfur", "Oka\u200bfur"])
def test_a_misspelt_name_is_offered_however_it_was_typed(reader: Reader, mini_url: str, typed: str) -> None:
    """A question mark after it, full-width letters, a soft hyphen or a zero-width space pasted inside it."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    search_for(page, typed)
    assert "Okafor" in " ".join(suggestion(page))


def test_an_apostrophe_is_no_break_between_words(reader: Reader, mini_url: str) -> None:
    """"lopezqzxwvk's" is one word no page holds: not "lopezqzxwvk" left out and "s" searched."""
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    assert search_for(page, "lopezqzxwvk's") == [] and count_shown(page) == "No matching documents"


def test_the_arrow_keys_reach_the_name_offered(reader: Reader, mini_url: str) -> None:
    page = reader.page
    page.goto(mini_url, wait_until="networkidle")
    search_for(page, "Ben Okafur")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.dossier-search-suggest') !== null")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Did you mean \u201cBen Okafor\u201d?"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
