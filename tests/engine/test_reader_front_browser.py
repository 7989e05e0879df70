"""The reader's front in Chromium: a citation marker shows its reference on hover and, in place, on tap or Enter, the pages this
front owns fit a phone's width, and the 404 page's search button opens search. That the dossier's subject is
on a phone's first screen: tests/dossier/test_reader_front_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


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


def test_a_citation_marker_is_a_tap_target_of_24_px(phone: Page, mini_url: str) -> None:
    phone.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    boxes = phone.eval_on_selector_all("article a.footnote-ref", "links => links.map(a => [a.offsetWidth, a.offsetHeight])")
    assert boxes and all(width >= 24 and height >= 24 for width, height in boxes), boxes


def test_a_tap_on_a_citation_marker_shows_its_reference_in_place(phone: Page, mini_url: str) -> None:
    phone.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    marker = phone.locator(".dossier-lead .footnote-ref")
    expect(marker).to_have_attribute("aria-expanded", "false")
    before = phone.evaluate("() => window.scrollY")
    marker.tap()
    popover = phone.locator(".dossier-reference-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(REFERENCE)
    expect(popover).not_to_contain_text("\u21a9")  # the way back is for the list, not the popover
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(popover).to_be_focused()
    expect(phone.locator(".md-tooltip2--active .md-tooltip2__inner")).to_be_hidden()  # not the same text twice
    assert phone.evaluate("() => window.scrollY") == before
    assert phone.url == mini_url + "topics/riverton-bridge/"
    box = popover.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")


def test_a_citation_marker_opens_its_reference_from_the_keyboard(desktop: Page, mini_url: str) -> None:
    desktop.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    desktop.locator(".dossier-lead .footnote-ref").focus()
    desktop.keyboard.press("Enter")
    popover = desktop.locator(".dossier-reference-popover")
    expect(popover).to_be_focused()
    expect(popover).to_have_accessible_name("Reference 1")
    desktop.keyboard.press("Tab")  # into the reference: its link to the record
    expect(desktop.locator(".dossier-reference-popover a").first).to_be_focused()
    popover.get_by_role("button", name="Close").click()
    expect(popover).to_have_count(0)


def test_without_javascript_a_citation_marker_leads_to_its_reference(chromium: Browser, mini_url: str) -> None:
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, java_script_enabled=False)
    phone = context.new_page()
    try:
        phone.goto(mini_url + "topics/riverton-bridge/")
        phone.locator(".dossier-lead .footnote-ref").tap()
        expect(phone).to_have_url(mini_url + "topics/riverton-bridge/#fn:claims-bridge-opens-in-2027")
        reference = phone.locator("#fn\\:claims-bridge-opens-in-2027")
        expect(reference).to_be_in_viewport()
        expect(reference).to_contain_text(REFERENCE)
    finally:
        context.close()


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


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]])
def test_a_claims_verdict_is_at_least_as_prominent_as_the_claim(chromium: Browser, mini_url: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(mini_url + "claims/bridge-opens-in-2027/", wait_until="networkidle")
        verdict = page.locator("article .dossier-verdict > .admonition-title")
        expect(verdict).to_have_text("Status: disputed")
        expect(verdict).to_be_in_viewport()
        sizes = page.evaluate("""() => [document.querySelector('article h1'), document.querySelector('article .dossier-verdict > .admonition-title')]
            .map(element => parseFloat(getComputedStyle(element).fontSize))""")
        assert sizes[1] >= sizes[0], f"verdict {sizes[1]} px under a {sizes[0]} px claim"
    finally:
        context.close()


def test_a_printed_page_names_site_address_and_date_and_leaves_out_what_is_folded(desktop: Page, mini_url: str) -> None:
    address = mini_url + "topics/riverton-bridge/"
    desktop.goto(address, wait_until="networkidle")
    desktop.emulate_media(media="print")
    running = desktop.locator(".dossier-print-running")
    expect(running).to_be_visible()
    expect(running).to_contain_text("The Riverton bridge dossier")
    expect(running).to_contain_text(address)
    expect(running).to_contain_text(re.compile(r"Printed \d{1,2} [A-Z][a-z]+ \d{4}"))
    # Repeated on every sheet (Chromium repeats a fixed element on each printed page), at its foot.
    assert running.evaluate("e => [getComputedStyle(e).position, getComputedStyle(e).bottom]") == ["fixed", "0px"]
    # Folded appendices stay out; the references' way-back arrows too.
    assert desktop.locator("details.dossier-appendix").count() > 0
    expect(desktop.locator("details.dossier-appendix").first).to_be_hidden()
    expect(desktop.locator("h2#appendix")).to_be_hidden()
    expect(desktop.locator(".footnote-backref").first).to_be_hidden()
    # What the reader opens prints.
    desktop.emulate_media(media="screen")
    desktop.locator("details.dossier-appendix summary").first.click()
    desktop.emulate_media(media="print")
    expect(desktop.locator("details.dossier-appendix").first).to_be_visible()
    expect(desktop.locator("h2#appendix")).to_be_visible()
    expect(desktop.locator("details.dossier-appendix").nth(1)).to_be_hidden()


def test_a_printed_page_leaves_out_buttons_and_a_diagrams_fold(desktop: Page, mini_url: str) -> None:
    """On paper the button copying a citation does nothing (the citation prints above it), and the folded
    diagram printed as a bare "Diagram of these relations" line (the relations' list below it prints)."""
    for page, shown in (("topics/riverton-bridge/", ".dossier-copy-citation"), ("actors/ana-lopez/", "details.dossier-diagram")):
        desktop.emulate_media(media="screen")
        desktop.goto(mini_url + page, wait_until="networkidle")
        expect(desktop.locator(shown)).to_be_visible()  # the control: on screen (the button once a script shows it)
        desktop.emulate_media(media="print")
        expect(desktop.locator(shown)).to_be_hidden()
    desktop.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    expect(desktop.locator(".dossier-citation")).to_be_visible()


def test_on_screen_the_print_line_is_not_shown(desktop: Page, mini_url: str) -> None:
    desktop.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    expect(desktop.locator(".dossier-print-running")).to_be_hidden()


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_also_known_as_line_leaves_no_empty_band_under_the_heading(chromium: Browser, mini_url: str, width: ViewportSize) -> None:
    # The heading's permanent link (¶) follows the also-known-as line in the markup; on a line of its own it
    # left an empty band of the heading's height (about 40 px) between the name and the page's first line.
    context = chromium.new_context(viewport=width)
    page = context.new_page()
    # A statement's words, the second line of its heading, left the same band (80 px on a phone).
    page.goto(mini_url + "statements/okafor-doubts/", wait_until="networkidle")
    heading, words, link = (page.locator(selector).bounding_box() for selector in ("h1", "h1 .dossier-words", "h1 .headerlink"))
    assert heading and words and link
    assert heading["y"] + heading["height"] - (words["y"] + words["height"]) < 4
    assert link["y"] + link["height"] <= words["y"] + 1
    # The name keeps the heading's width: a long line of words under it widened the ¶'s column instead, and the
    # name wrapped in what was left. Its width with the words' line, against without it (a plain block).
    widths = page.evaluate("""() => {
      const h1 = document.querySelector('article h1'), words = h1.querySelector('.dossier-words');
      const name = () => { const r = document.createRange(); r.selectNodeContents(h1.firstChild); return r.getBoundingClientRect().width; };
      words.textContent = (words.textContent + ' ').repeat(12);
      const beside = name();
      words.remove();
      return [beside, name(), h1.getBoundingClientRect().width]; }""")
    assert widths[0] >= widths[1] - 0.05 * widths[2], widths
    page.goto(mini_url + "actors/lin-weiqiang/", wait_until="networkidle")
    heading, aka, link = (page.locator(selector).bounding_box() for selector in ("h1", "h1 .dossier-aka", "h1 .headerlink"))
    assert heading and aka and link
    assert heading["y"] + heading["height"] - (aka["y"] + aka["height"]) < 4  # the aka line closes the heading
    assert link["y"] + link["height"] <= aka["y"] + 1  # the ¶ sits on the name's line, above
    # A name of several lines (the heading narrowed until it wraps): still no band, the ¶ beside the name.
    page.add_style_tag(content=".md-typeset h1 { max-width: 2.2em; }")
    heading, aka, link = (page.locator(selector).bounding_box() for selector in ("h1", "h1 .dossier-aka", "h1 .headerlink"))
    assert heading and aka and link and aka["y"] - heading["y"] > 60  # the name takes two lines or more
    assert heading["y"] + heading["height"] - (aka["y"] + aka["height"]) < 4
    assert link["y"] + link["height"] <= aka["y"] + 1
    # Control: with the heading laid out as a plain block again, the band is back.
    page.add_style_tag(content=".md-typeset h1:has(> .dossier-aka) { display: block !important; }")
    heading, aka = (page.locator(selector).bounding_box() for selector in ("h1", "h1 .dossier-aka"))
    assert heading and aka and heading["y"] + heading["height"] - (aka["y"] + aka["height"]) > 20
    context.close()


def test_a_page_outside_the_navigation_has_its_contents_on_a_phone(phone: Page, desktop: Page, mini_url: str) -> None:
    """Material shows a page's table of contents on a phone only in the menu, under the page's entry in the
    navigation: record pages and briefs, outside it, had none. They open with it, folded, on a phone only."""
    page = mini_url + "claims/bridge-opens-in-2027/"
    phone.goto(page, wait_until="networkidle")
    contents = phone.locator("nav.dossier-page-toc")
    expect(contents).to_be_visible()
    headings = phone.locator("article h2").evaluate_all("hs => hs.map(h => [h.id, h.textContent.replace('¶', '').trim()])")
    listed = contents.locator("details > ul > li > a").evaluate_all("links => links.map(a => [a.hash.slice(1), a.textContent])")
    assert len(listed) > 1 and listed == headings  # every section, in order, and only those
    expect(contents.locator("a").first).to_be_hidden()  # folded
    contents.locator("summary").click()
    contents.locator("a").last.click()
    phone.wait_for_url(f"{page}#{listed[-1][0]}")
    expect(phone.locator(f"[id='{listed[-1][0]}']")).to_be_in_viewport()
    assert phone.locator("article nav.dossier-page-toc").count() == 0  # not the article's text
    # Beside the page on a wide screen, Material's own; a page in the navigation has its contents in the menu.
    desktop.goto(page, wait_until="networkidle")
    expect(desktop.locator("nav.dossier-page-toc")).to_be_hidden()
    expect(desktop.locator(".md-sidebar--secondary .md-nav__link").first).to_be_visible()
    phone.goto(mini_url + "methodology/", wait_until="networkidle")
    assert phone.locator("nav.dossier-page-toc").count() == 0


@pytest.mark.parametrize("width", [1366, 1100, 960, 800])
def test_the_claim_ledger_fits_its_column_wherever_it_is_a_table(chromium: Browser, mini_url: str, width: int) -> None:
    """At 1100 px its last columns lay past the column's edge, their scroll bar at the foot of the table."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(mini_url + "claims/", wait_until="networkidle")
        table, column = page.evaluate("""() => { const table = document.querySelector('#claim-ledger table');
          return [table.getBoundingClientRect().right, document.querySelector('article').getBoundingClientRect().right]; }""")
        assert page.locator("#claim-ledger thead th").count() == 7
        assert table <= column + 1, (table, column)
    finally:
        context.close()
