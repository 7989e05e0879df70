"""Issue-6 features that only a browser can prove: the ledger's sort and filter, diagrams, previews, print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.dossier_data import most_quoted_actor, records

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser


def first_page(site: Path, kind: str, containing: str) -> str:
    """The site path of the first page of `kind` (by id) whose HTML contains `containing`: the record to try a
    feature on comes from whatever dossier is built."""
    for page in sorted((site / kind).glob("*/index.html")):
        if containing in page.read_text(encoding="utf-8"):
            return f"{kind}/{page.parent.name}/"
    pytest.fail(f"no page of {kind} contains {containing!r}")


def a_word_of_one_claim() -> str:
    """The longest word of the claims' text that only one claim uses: a filter on it must keep some rows, not all."""
    texts = [str(claim.get("text", "")).lower() for claim in records("claims").values()]
    words: set[str] = {word for text in texts for word in re.findall(r"[^\W\d_]{5,}", text)}
    once = [word for word in words if sum(word in text for text in texts) == 1]
    return max(once, key=lambda word: (len(word), word))


@pytest.fixture(scope="module")
def browser_page(chromium: Browser, real_url: str) -> Iterator[tuple[Page, str]]:
    """One tab on the real dossier, in the session's Chromium (conftest.py): Playwright's sync API
    allows one running instance per thread."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield page, real_url
    page.close()


def ledger_rows(page: Page) -> list[list[str]]:
    """[claim, status] of the visible ledger rows, top to bottom."""
    rows: list[list[str]] = page.eval_on_selector_all(
        "#claim-ledger tbody tr:not([hidden])",
        "rows => rows.map(r => [r.cells[0].innerText, r.querySelector('.dossier-status').innerText])",
    )
    return rows


def test_claim_ledger_filters_by_status_and_words(browser_page: tuple[Page, str]) -> None:
    if len(records("claims")) < 2:
        pytest.skip("a filter needs two claims to keep one and hide the other; this dossier has fewer")
    page, base = browser_page
    page.goto(base + "claims/")
    everything = ledger_rows(page)
    assert len(everything) == len(records("claims"))
    # A status this dossier uses (the first dossier's "denied" is not in every dossier).
    status = min(str(claim.get("status")) for claim in records("claims").values())
    page.select_option(".dossier-filter select", status)
    kept = ledger_rows(page)
    assert kept and {shown for _, shown in kept} == {status}
    assert len(kept) == sum(1 for _, shown in everything if shown == status)
    assert page.inner_text(".dossier-filter output") == f"{len(kept)} shown"
    page.select_option(".dossier-filter select", "")
    word = a_word_of_one_claim()
    page.fill(".dossier-filter input", word.capitalize())
    by_words = ledger_rows(page)
    assert by_words and len(by_words) < len(everything)
    assert all(word in row.lower() for row in page.eval_on_selector_all(
        "#claim-ledger tbody tr:not([hidden])", "rows => rows.map(r => r.innerText)"))


# What a reader sees, not what the DOM says: a row is shown when it takes up room on the screen (a stacked row's
# display rule once overrode the hidden attribute, so every row stayed while the counter said "3 shown").
# textContent, not innerText: on a phone a row off the screen is laid out only when scrolled near
# (content-visibility: auto), and until then its innerText is empty though the row is shown.
SHOWN_ROWS = "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.querySelector('.dossier-status').textContent.trim())"


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}], ids=["phone", "desktop"])
def test_claim_ledger_filter_shows_exactly_the_rows_it_counts(chromium: Browser, real_url: str, viewport: ViewportSize) -> None:
    statuses = {str(claim.get("status")) for claim in records("claims").values()}
    if len(statuses) < 2:
        pytest.skip("a status filter needs claims of two statuses to hide some rows; this dossier has fewer")
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(real_url + "claims/", wait_until="networkidle")
        everything = page.eval_on_selector_all("#claim-ledger tbody tr", SHOWN_ROWS)
        assert len(everything) == len(records("claims"))
        for status in sorted(statuses):
            page.select_option(".dossier-filter select", status)
            shown = page.eval_on_selector_all("#claim-ledger tbody tr", SHOWN_ROWS)
            assert shown == [status] * everything.count(status), status
            assert page.inner_text(".dossier-filter output") == f"{len(shown)} shown"
        # The intro's sorting hint is there only where the header row to click is on screen.
        header_shown = page.eval_on_selector("#claim-ledger thead", "h => h.getClientRects().length > 0")
        hint_shown = page.eval_on_selector(".dossier-sort-hint", "h => h.getClientRects().length > 0")
        assert hint_shown == header_shown == (viewport["width"] > 800)
    finally:
        context.close()


def test_claim_ledger_sorts_by_column(browser_page: tuple[Page, str]) -> None:
    page, base = browser_page
    page.goto(base + "claims/")
    page.click("#claim-ledger th:nth-child(5)")  # First made: read "5 January 2026", sorted by its ISO date
    dates = page.eval_on_selector_all("#claim-ledger tbody tr", "rows => rows.map(r => r.cells[4].dataset.sort)")
    assert all(dates) and dates in (sorted(dates), sorted(dates, reverse=True))
    page.click("#claim-ledger th:nth-child(2)")  # Status
    statuses = page.eval_on_selector_all("#claim-ledger tbody tr", "rows => rows.map(r => r.cells[1].innerText)")
    assert statuses in (sorted(statuses), sorted(statuses, reverse=True))


def test_relation_diagram_is_drawn_without_any_cdn(browser_page: tuple[Page, str], real_site: Path) -> None:
    page, base = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + first_page(real_site, "actors", 'class="dossier-diagram"'), wait_until="networkidle")
    assert not [url for url in requested if "mermaid" in url]  # the drawing script waits for the reader
    page.click("details.dossier-diagram > summary")
    diagram = page.locator(".dossier-diagram-drawn svg").first
    diagram.wait_for()
    box = diagram.bounding_box()
    assert box and box["height"] > 50
    assert all(url.startswith(base) for url in requested), [u for u in requested if not u.startswith(base)]


def test_hovering_a_record_link_previews_it(browser_page: tuple[Page, str]) -> None:
    page, base = browser_page
    actor = most_quoted_actor()
    page.goto(base + f"actors/{actor}/", wait_until="networkidle")
    # A statement of theirs links back to them; the link previews its kind and role.
    page.goto(page.locator("article a[href*='statements/']").first.evaluate("a => a.href"), wait_until="networkidle")
    link = page.locator(f"article a[href*='actors/{actor}/']").first
    title = link.get_attribute("title")
    fields = records("actors")[actor]
    assert title and title.startswith(str(fields["kind"]).capitalize())
    assert not fields.get("role") or title.endswith(f" · {fields['role']}")
    link.hover()
    tooltip = page.get_by_text(title, exact=True).last
    tooltip.wait_for(state="visible", timeout=5000)


def test_brief_prints_to_a4_without_site_chrome(browser_page: tuple[Page, str], tmp_path: Path) -> None:
    page, base = browser_page
    page.goto(base + f"topics/{next(iter(records('topics')))}/", wait_until="networkidle")
    page.emulate_media(media="print")
    try:
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--secondary").is_visible()
        assert page.locator("h1").is_visible() and page.locator("#sources-behind-this-brief").is_visible()
        pdf = tmp_path / "brief.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 20_000
    finally:
        page.emulate_media(media="screen")
