"""The reader's front in Chromium: a citation marker shows its reference on hover and on tap, the pages this
front owns fit a phone's width, and the 404 page's search button opens search. That the dossier's subject is
on a phone's first screen: tests/dossier/test_reader_front_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    yield context.new_page()
    context.close()


REFERENCE = "Claim: The Riverton bridge will open in 2027. — Status: disputed. Claimed by Ana López, first made 5 January 2026"


def test_a_citation_marker_shows_its_reference_on_hover(desktop: Page, mini_url: str) -> None:
    desktop.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    marker = desktop.locator(".dossier-lead .footnote-ref")
    expect(marker).to_have_text("[1]")
    marker.hover()
    tooltip = desktop.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(REFERENCE)


def test_a_citation_marker_leads_to_its_reference_on_tap(phone: Page, mini_url: str) -> None:
    phone.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    phone.locator(".dossier-lead .footnote-ref").tap()
    expect(phone).to_have_url(mini_url + "topics/riverton-bridge/#fn:claims-bridge-opens-in-2027")
    reference = phone.locator("#fn\\:claims-bridge-opens-in-2027")
    expect(reference).to_be_in_viewport()
    expect(reference).to_contain_text(REFERENCE)


@pytest.mark.parametrize("path", ["", "topics/", "topics/riverton-bridge/", "sources/", "sources/blog-post/",
                                  "sources/ledger-bridge-report/", "about/", "404.html"])
def test_the_fronts_pages_fit_a_phone(phone: Page, mini_url: str, path: str) -> None:
    phone.goto(mini_url + path, wait_until="networkidle")
    widths = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == PHONE["width"], widths
    footer = phone.locator(".dossier-footer__links a").last
    footer.scroll_into_view_if_needed()
    box = footer.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def test_the_404_search_button_opens_search(phone: Page, mini_url: str) -> None:
    phone.goto(mini_url + "404.html", wait_until="networkidle")
    toggle = phone.locator("#__search")
    expect(toggle).not_to_be_checked()
    phone.locator("article label[for='__search']").tap()
    expect(toggle).to_be_checked()
    # Material answers once its worker has the index, and searches on a key release (tests/engine/test_browser.py).
    phone.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Type to start searching'")
    box = phone.locator(".md-search__input")
    box.fill("bridge")
    box.press("End")
    expect(phone.locator(".md-search-result__item").first).to_be_visible()
