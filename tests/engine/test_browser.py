"""The site in a real browser (Debian's Chromium through Playwright): search, claim pages, navigation with
JavaScript on and off, hostile text that must never run, and no request to any third party — over HTTP
and from disk (file://, the offline build).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.hostile_records import hostile_id
from tests.real_clients import html_pages, page_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Request, Route, ViewportSize

pytestmark = pytest.mark.browser


# --- helpers -----------------------------------------------------------------------------------
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
# Material's search answers once its worker holds the index: the placeholder text changes then.
SEARCH_READY = "() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Type to start searching'"

def is_local(url: str) -> bool:
    """Requests the site may make: to the test server on 127.0.0.1, or to files on disk."""
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"


class Offline:
    """A browser context whose network stops at 127.0.0.1 and file://; every other request is aborted
    and remembered, as are dialogs (alert, confirm) and uncaught script errors."""

    def __init__(self, browser: Browser, *, javascript: bool = True):
        self.context: BrowserContext = browser.new_context(java_script_enabled=javascript, viewport=VIEWPORT)
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Route, request: Request) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(chromium: Browser) -> Iterator[Offline]:
    session = Offline(chromium)
    yield session
    session.close()
    assert session.blocked == [], "the site asked a third party for something"


@pytest.fixture
def offline_no_js(chromium: Browser) -> Iterator[Offline]:
    session = Offline(chromium, javascript=False)
    yield session
    session.close()
    assert session.blocked == []


def search(page: Page, query: str) -> list[str]:
    """Search in Material's search box; the result links, best first."""
    page.click("label.md-search__icon, .md-search__input")
    # Material answers once its worker has the index ("Initializing search" → "Type to start searching"),
    # and searches on every key release, for the box's value then. Typed key by key, the results of a
    # shorter prefix could be on screen when this read them (it did: "stabilisation force" once showed
    # results without the actor of that name). So the box gets the whole query, then one key release.
    page.wait_for_function(SEARCH_READY)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    links: list[str] = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return links


def location(url: str, base: str) -> str:
    """A result URL as a site-relative page path: 'actors/ana-lopez/' (highlight query and anchor dropped)."""
    return re.split(r"[?#]", url.removeprefix(base))[0]


# --- search ------------------------------------------------------------------------------------
def test_a_quote_fragment_finds_its_statement(offline: Offline, mini_url: str) -> None:
    offline.page.goto(mini_url)
    results = search(offline.page, "builds a bridge like that")
    assert location(results[0], mini_url) == "statements/okafor-doubts/"


def test_an_alias_finds_its_actor(offline: Offline, mini_url: str) -> None:
    offline.page.goto(mini_url)
    results = search(offline.page, "Mayor López")
    assert location(results[0], mini_url) == "actors/ana-lopez/"


def test_azerbaijani_letters_are_searchable(offline: Offline, hostile_url: str) -> None:
    offline.page.goto(hostile_url)
    results = [location(url, hostile_url) for url in search(offline.page, "Əliyev")]
    assert f"actors/{hostile_id('actors')}/" in results


# --- claim pages and navigation, with and without JavaScript --------------------------------
def open_claim_from_home(page: Page, base: str) -> None:
    """Home → the Claims tab → the first claim in the list, by clicking like a reader."""
    page.goto(base)
    page.click("nav.md-tabs a:text-is('Claims')")
    page.wait_for_url(base + "claims/")
    page.click("article table tbody tr:first-child td:first-child a")
    page.wait_for_url(re.compile(r".*/claims/[a-z0-9-]+/$"))


def assert_claim_page_readable(page: Page) -> None:
    """The status is the first thing after the title; evidence for and against is listed, with links to
    the statements (under a line counting them by speaker and source) or, where there are none, a line saying
    so, which names the statement the claim was first made in as no evidence for itself when it is the only one."""
    status = page.locator("article .admonition-title").first
    expect(status).to_be_visible()  # waits, unlike is_visible(), should the page still be loading
    assert re.fullmatch(r"Status: (unverified|disputed|denied|refuted|confirmed|partly true)", status.inner_text().strip())
    for heading, nothing in (("Evidence for", ("No statement in the dossier supports this claim.",
                                                "No statement in the dossier supports this claim besides the one it was first made in, "
                                                "which is not evidence for itself.")),
                             ("Evidence against", ("No statement in the dossier refutes this claim.",))):
        assert page.locator(f"article h2:has-text('{heading}')").is_visible()
        items = page.locator(f"article h2:has-text('{heading}') + ul > li, article h2:has-text('{heading}') + p.dossier-tally + ul > li")
        assert items.count() >= 1, heading
        for item in items.all():
            assert item.locator("a[href*='statements/']").count() >= 1 or item.inner_text().strip() in nothing


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_navigation_to_a_claim_and_its_evidence(chromium: Browser, mini_url: str, javascript: bool) -> None:
    session = Offline(chromium, javascript=javascript)
    try:
        page = session.page
        open_claim_from_home(page, mini_url)
        assert page.url == mini_url + "claims/bridge-opens-in-2027/"
        assert_claim_page_readable(page)
        assert page.locator("article .admonition-title").first.inner_text().strip() == "Status: disputed"
        page.click("article h2:has-text('Evidence against') + p.dossier-tally + ul a[href*='statements/']")
        page.wait_for_url(mini_url + "statements/okafor-doubts/")
        quote = page.locator("article h1 .dossier-words").inner_text()  # the words: the heading's second line
        assert quote == "“Nobody builds a bridge like that in a year.”"
        page.click("article .dossier-attribution a[href*='actors/ben-okafor/']")  # the speaker, under the quote
        page.wait_for_url(mini_url + "actors/ben-okafor/")
        assert page.locator("article h1").inner_text().strip().startswith("Ben Okafor")
        assert session.blocked == [] and session.errors == []
    finally:
        session.close()


def test_content_is_readable_without_javascript(offline_no_js: Offline, mini_site: Path, mini_url: str) -> None:
    """Every page shows its heading and text with scripts off: nothing is hidden behind JavaScript."""
    page = offline_no_js.page
    for relative in html_pages(mini_site):
        if relative == "404.html":
            continue
        page.goto(page_url(mini_url, relative))
        heading = page.locator("article h1").first
        assert heading.is_visible(), relative
        assert page.locator("article").inner_text().strip() != heading.inner_text().strip(), relative
    assert offline_no_js.dialogs == []


# --- hostile text never runs -------------------------------------------------------------------
def test_hostile_pages_run_nothing_from_the_data(offline: Offline, hostile_site: Path, hostile_url: str) -> None:
    pages = [p for p in html_pages(hostile_site) if "hostile-" in p] + ["figures/index.html", "claims/index.html", "index.html"]
    for relative in pages:
        offline.page.goto(page_url(hostile_url, relative), wait_until="networkidle")
        assert "{{ 7*7 }}" in offline.page.locator("article").inner_text(), relative
    offline.page.goto(hostile_url)
    search(offline.page, "milyard")  # every hostile field holds it: results show the hostile text
    offline.page.wait_for_load_state("networkidle")  # an injected image's onerror would fire once its request failed
    assert offline.dialogs == []
    injected = "article script, article img[src='x'], .md-search-result img"
    assert offline.page.evaluate("selector => document.querySelectorAll(selector).length", injected) == 0


# --- no third party, over HTTP and from disk ---------------------------------------------------
def test_no_page_asks_a_third_party_for_anything(offline: Offline, mini_site: Path, mini_url: str) -> None:
    for relative in html_pages(mini_site):
        offline.page.goto(page_url(mini_url, relative), wait_until="networkidle")
    offline.page.goto(mini_url)
    search(offline.page, "bridge")
    assert offline.errors == []


def test_the_offline_build_works_from_disk(offline: Offline, offline_build: Path) -> None:
    """Opened as files: navigation reaches pages (not folder listings), search finds a quote, nothing leaves the disk."""
    page = offline.page
    page.goto(offline_build.joinpath("index.html").as_uri())
    # wait_for_url waits for the load event too: a click returns once navigation has only started.
    page.click("nav.md-tabs a:text-is('Claims')")
    page.wait_for_url("**/claims/index.html")
    page.click("article table tbody tr:first-child td:first-child a")
    page.wait_for_url("**/claims/bridge-opens-in-2027.html")
    assert_claim_page_readable(page)
    page.click("article h2:has-text('Evidence against') + p.dossier-tally + ul a[href*='statements/']")
    page.wait_for_url("**/statements/okafor-doubts.html")
    results = search(page, "builds a bridge like that")
    assert re.split(r"[?#]", results[0])[0].endswith("/statements/okafor-doubts.html")
    assert offline.errors == []


# Attributes through which a page makes the browser fetch something without a click.
_LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
            ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data"),
            ("input", "src"), ("track", "src")}
_ATTRIBUTE = re.compile(r"<(\w+)\b([^>]*)>")
_VALUE = re.compile(r"""\b([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(\s*(?:https?:)?//[^'")\s]+)""", re.I)


def external_loads(site: Path) -> list[str]:
    """Every URL on another host that a page or stylesheet of `site` would load by itself."""
    found = []
    for path in sorted(site.rglob("*.html")):
        for tag, attributes in _ATTRIBUTE.findall(path.read_text(encoding="utf-8")):
            for name, value in _VALUE.findall(attributes):
                if (tag.lower(), name.lower()) in _LOADING and _EXTERNAL.match(value.strip("'\"")):
                    rel = re.search(r"""\brel\s*=\s*["']?([^"'>]+)""", attributes)
                    if tag.lower() == "link" and rel and rel.group(1).strip() in ("alternate", "canonical"):
                        continue  # not fetched by the browser: a pointer for feed readers and search engines
                    found.append(f"{path.relative_to(site)}: <{tag} {name}={value}>")
    for path in sorted(site.rglob("*.css")):
        found += [f"{path.relative_to(site)}: {url}" for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return found


@pytest.mark.parametrize("site_fixture", ["mini_site", "offline_build"])
def test_no_html_or_css_loads_from_another_host(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert external_loads(site) == []


def test_the_external_url_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.org/x.js"></script><link rel="canonical" href="https://example.org/">'
        '<a href="https://example.org/">a link is not a load</a>', encoding="utf-8")
    (tmp_path / "x.css").write_text("@import 'https://cdn.example.org/y.css'; b { background: url(https://t.example/p.png) }")
    assert external_loads(tmp_path) == [
        'index.html: <link href="https://fonts.googleapis.com/css?family=Roboto">',
        'index.html: <script src="//cdn.example.org/x.js">',
        "x.css: https://cdn.example.org/y.css",
        "x.css: https://t.example/p.png",
    ]
