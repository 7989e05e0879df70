"""The reader's pages in Chromium: at 390x844 (a phone) no page and no table is wider than the screen, on
one page of every template; search results say what each result is, and "7 billion" finds the $7 billion
claim first; a status badge shows its meaning on hover.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from macros.records.check import check
from macros.records.schema import KINDS_WITH_PAGES, MODELS, STATUS_MEANINGS
from tests.dossier_data import DATA, claim_naming_a_sum, most_quoted_actor, records
from tests.engine.test_browser import Offline, location, search

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


def one_page_of_each_template() -> list[str]:
    """Site-relative paths: the home page, one record page of each kind that has pages, every index,
    the methodology and about pages and the 404 page."""
    dossier = check(DATA)
    pages = ["", "methodology/", "about/", "404.html"]
    for kind in KINDS_WITH_PAGES:
        records = dossier.records[kind]
        if not records:
            continue
        # The record with most to show: its page is the longest of its kind (tables, lists, diagram).
        pages.append(f"{kind}/{max(records, key=lambda record_id: len(str(records[record_id])))}/")
    pages += [f"{kind}/" for kind in MODELS]
    return pages


# What is wider than the viewport: the page itself, any table (Material wraps tables in a scrolling box,
# so a table can be cut off without widening the page), a table's content scrolled inside it, or any cell.
WIDER_THAN_THE_SCREEN = """() => {
  const width = window.innerWidth, found = [];
  if (document.documentElement.scrollWidth > width) found.push('page: ' + document.documentElement.scrollWidth);
  document.querySelectorAll('article table').forEach((table, n) => {
    const right = table.getBoundingClientRect().right;
    if (right > width + 0.5) found.push('table ' + n + ': right edge at ' + Math.round(right));
    if (table.scrollWidth > table.clientWidth + 1) found.push('table ' + n + ': content scrolls inside it');
    const wrapper = table.closest('.md-typeset__scrollwrap');
    if (wrapper && wrapper.scrollWidth > wrapper.clientWidth + 1) found.push('table ' + n + ': scrolls in its wrapper');
    table.querySelectorAll('td, th').forEach(cell => {
      const box = cell.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5) found.push('table ' + n + ' cell "' + cell.textContent.trim().slice(0, 30) + '"');
    });
  });
  return found;
}"""


@pytest.fixture(scope="module")
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", one_page_of_each_template())
def test_no_page_or_table_is_wider_than_a_phone(phone: Page, real_url: str, path: str) -> None:
    phone.goto(real_url + path, wait_until="load")
    phone.wait_for_function("() => document.fonts.status === 'loaded'")
    assert phone.evaluate(WIDER_THAN_THE_SCREEN) == []


def test_the_width_check_finds_a_clipped_table(phone: Page, real_url: str) -> None:
    """Negative control: a table wider than the screen inside Material's scrolling wrapper leaves the page
    itself no wider, and the check still reports it."""
    phone.goto(real_url + "claims/", wait_until="load")
    phone.evaluate("""() => {
      const wrapper = document.createElement('div');
      wrapper.className = 'md-typeset__scrollwrap';
      wrapper.style.overflowX = 'auto';  // as Material styles it: the page does not widen
      wrapper.innerHTML = '<div class="md-typeset__table"><table style="display:table;min-width:900px">'
        + '<tbody><tr><td>wide</td></tr></tbody></table></div>';
      document.querySelector('article').appendChild(wrapper);
    }""")
    found = phone.evaluate(WIDER_THAN_THE_SCREEN)
    assert not any(problem.startswith("page") for problem in found)
    assert any(problem.startswith("table") and "right edge" in problem for problem in found), found


def test_the_ledger_keeps_each_claims_status_in_view_on_a_phone(phone: Page, real_url: str) -> None:
    phone.goto(real_url + "claims/", wait_until="load")
    rows = phone.eval_on_selector_all("#claim-ledger tbody tr", """rows => rows.map(row => {
      const badge = row.querySelector('.dossier-status').getBoundingClientRect();
      return [row.querySelector('.dossier-status').textContent, badge.left >= 0 && badge.right <= window.innerWidth];
    })""")
    assert rows and all(visible for _, visible in rows)
    assert {status for status, _ in rows} <= set(STATUS_MEANINGS)


# --- search --------------------------------------------------------------------------------------
@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Offline]:
    context = Offline(chromium)
    yield context
    context.close()


# What search results call each kind's pages: the kind's own noun (schema.Record.noun).
KINDS = {kind: model.noun().capitalize() for kind, model in MODELS.items()}


def test_a_sum_finds_the_claim_naming_it_first(desktop: Offline, real_url: str) -> None:
    # "7 billion" finds "$7 billion": the search separator splits off currency signs (mkdocs.yml).
    found = claim_naming_a_sum()
    if found is None:
        pytest.skip("no claim of this dossier names a sum such as $7 billion")
    claim_id, words = found
    desktop.page.goto(real_url)
    results = [location(url, real_url) for url in search(desktop.page, words)]
    # A claim naming that sum first: the one found here, or another naming the same sum.
    naming = {f"claims/{other}/" for other, claim in records("claims").items() if re.search(rf"[^\d]{words}\b", str(claim.get("text", "")))}
    assert f"claims/{claim_id}/" in naming and results[0] in naming


def test_every_search_result_says_what_it_is(desktop: Offline, real_url: str) -> None:
    desktop.page.goto(real_url)
    search(desktop.page, str(records("actors")[most_quoted_actor()]["name"]).split()[-1])
    items = ".md-search-result__item"
    desktop.page.wait_for_function(f"() => [...document.querySelectorAll('{items}')].every(i => i.querySelector('h1 .dossier-kind'))")
    labelled = desktop.page.eval_on_selector_all(
        items, "items => items.map(i => [i.querySelector('a').href, i.querySelector('h1 .dossier-kind').textContent])")
    assert len(labelled) >= 2
    for href, label in labelled:
        path = location(href, real_url).split("/")
        # A kind's list is a list, the figures list too: a figure has no page, and the list is not one figure.
        expected = KINDS[path[0]] if path[0] in KINDS and path[1] else ("List" if path[0] in KINDS else "Page")
        assert label == expected, href
    # The speaker's name finds their statements and records of other kinds: every one is labelled by its own.
    assert "Statement" in {label for _, label in labelled} and len({label for _, label in labelled}) >= 2
    assert desktop.errors == []


def test_a_badge_shows_its_plain_meaning_on_hover(desktop: Offline, real_url: str) -> None:
    desktop.page.goto(real_url + "claims/", wait_until="load")
    badge = desktop.page.locator("#claim-ledger .dossier-status").first  # whatever status this dossier's first claim has
    status = badge.inner_text().strip()
    badge.hover()
    desktop.page.get_by_text(f"{status}: {STATUS_MEANINGS[status].plain}", exact=True).last.wait_for(state="visible")
