"""Material's tooltips on a page's first links and citation markers only (macros/site/tooltips.py): inside folds
and past the first THEME_TOOLTIPS a link's preview is kept in data-dossier-title, and becomes its title (the
browser's own tooltip) when the reader points at it (dossier.js); a citation marker there takes the class
dossier-footnote-ref, looks the same, opens its reference in place and is titled with its words. A long list
of references is laid out only when the reader nears it (dossier.css), and still prints whole."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from macros.site.tooltips import KEPT_AS, MARKER_KEPT_AS, THEME_TOOLTIPS, fewer_theme_tooltips
from tests.conftest import MINI, build, write
from tests.real_clients import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def links(count: int, title: str = "t") -> str:
    return "".join(f'<a href="x{n}/" title="{title}{n}">x</a>' for n in range(count))


def markers(count: int, label: str = "a") -> str:
    """Citation markers as Python-Markdown's footnotes write them (the second of a footnote's is fnref2, …)."""
    return "".join(f'<sup id="fnref{n + 1 if n else ""}:{label}"><a class="footnote-ref" href="#fn:{label}">[1]</a></sup>'
                   for n in range(count))


def test_a_page_with_few_titles_and_no_folds_is_left_as_it_is() -> None:
    html = f"<p>{links(THEME_TOOLTIPS)}</p>"
    assert fewer_theme_tooltips(html) == html


def test_titles_past_the_first_ones_and_inside_folds_are_kept_aside() -> None:
    html = f'<p>{links(2)}</p><details><summary>3 more</summary><ul><li>{links(1, "f")}</li></ul></details><span class="b" title="s">s</span>'
    assert fewer_theme_tooltips(html, keep=1) == (
        '<p><a href="x0/" title="t0">x</a><a href="x1/" data-dossier-title="t1">x</a></p>'
        '<details><summary>3 more</summary><ul><li><a href="x0/" data-dossier-title="f0">x</a></li></ul></details>'
        '<span class="b" data-dossier-title="s">s</span>')


def test_a_fold_inside_a_fold_closes_where_it_ends() -> None:
    html = f"<details><details>{links(1)}</details>{links(1, 'u')}</details>{links(1, 'v')}"
    assert fewer_theme_tooltips(html) == (
        f'<details><details><a href="x0/" {KEPT_AS}="t0">x</a></details><a href="x0/" {KEPT_AS}="u0">x</a></details>'
        '<a href="x0/" title="v0">x</a>')


def test_citation_markers_count_with_titles_and_past_the_first_ones_take_their_own_class() -> None:
    html = f"<p>{links(1)}{markers(2)}</p><details><summary>s</summary><p>{markers(1, 'b')}</p></details>"
    assert fewer_theme_tooltips(html, keep=2) == (
        '<p><a href="x0/" title="t0">x</a><sup id="fnref:a"><a class="footnote-ref" href="#fn:a">[1]</a></sup>'
        f'<sup id="fnref2:a"><a class="{MARKER_KEPT_AS}" href="#fn:a">[1]</a></sup></p>'
        f'<details><summary>s</summary><p><sup id="fnref:b"><a class="{MARKER_KEPT_AS}" href="#fn:b">[1]</a></sup></p></details>')


def test_a_page_with_few_markers_and_titles_is_left_as_it_is() -> None:
    html = f"<p>{links(THEME_TOOLTIPS - 2)}{markers(2)}</p>"
    assert fewer_theme_tooltips(html) == html
    assert fewer_theme_tooltips(html + markers(1, "c")).count(MARKER_KEPT_AS) == 1  # one more is one too many


def test_the_look_alikes_of_a_marker_or_a_title_in_the_text_are_left_as_they_are() -> None:
    """The page's text has its "<" escaped and an attribute's value its quotes: neither can hold a tag."""
    text = '<p>&lt;a class="footnote-ref" href="#x"&gt; class="footnote-ref" title="t"</p>'
    value = '<a href="y/" data-x="&quot; class=&quot;footnote-ref&quot;">y</a>'
    html = f"{markers(1)}{text}{value}{markers(1, 'b')}"
    assert fewer_theme_tooltips(html, keep=0) == html.replace('class="footnote-ref" href="#fn:', f'class="{MARKER_KEPT_AS}" href="#fn:')
    assert fewer_theme_tooltips(html, keep=0).count(MARKER_KEPT_AS) == 2


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_a_folded_link_gets_its_preview_as_its_title_when_pointed_at(desktop: Page, mini_url: str) -> None:
    desktop.goto(mini_url + "topics/riverton-bridge/", wait_until="networkidle")
    folded = desktop.locator(f"details.dossier-appendix a[{KEPT_AS}]").first
    preview = folded.get_attribute(KEPT_AS)
    assert preview and folded.get_attribute("title") is None
    folded.evaluate("a => a.closest('details').open = true")
    folded.hover()
    assert folded.get_attribute("title") == preview


# --- a brief citing more than THEME_TOOLTIPS times, from 24 claims: a list of references long enough to wait ------
CITED = 24


@pytest.fixture(scope="module")
def cited_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("cited") / "data"
    shutil.copytree(MINI, data)
    for n in range(CITED):
        write(data, f"claims/numbered-claim-{n}.yml", f"""
            text: Numbered claim {n} says the bridge needs part {n}.
            claimant: ana-lopez
            first_made: "2026-01-05"
            status: unverified
            status_note: No source in the dossier confirms or contradicts it.
            sources: [ledger-bridge-report]
            topics: [riverton-bridge]
            """)
    brief = data / "topics" / "riverton-bridge.yml"
    citing = " ".join(f"Part {n} is asked for twice ([[claims/numbered-claim-{n}]]; [[claims/numbered-claim-{n}]])." for n in range(CITED))
    brief.write_text(brief.read_text(encoding="utf-8").replace("brief: |\n", f"brief: |\n  {citing}\n\n", 1), encoding="utf-8")
    site = build(data, tmp_path_factory.mktemp("cited-site"))
    with serve(site) as url:
        yield url + "topics/riverton-bridge/"


@pytest.mark.browser
def test_a_marker_past_the_first_tooltips_looks_and_opens_as_the_others(desktop: Page, cited_url: str) -> None:
    desktop.goto(cited_url, wait_until="networkidle")
    kept, past = desktop.locator("article a.footnote-ref"), desktop.locator(f"article a.{MARKER_KEPT_AS}")
    assert 0 < kept.count() <= THEME_TOOLTIPS < kept.count() + past.count()
    looks = "a => { const s = getComputedStyle(a); return [s.fontWeight, s.fontSize, a.offsetHeight, s.verticalAlign] }"
    # Beside the last marker Material keeps, in the same paragraph (the lead's are larger).
    assert past.first.evaluate("(a, b) => a.closest('p') === b.closest('p')", kept.last.element_handle())
    assert past.first.evaluate(looks) == kept.last.evaluate(looks)
    # Material gives it no tooltip; pointed at, it is titled with its reference's words, its way back left out.
    marker = desktop.locator(f"article a.{MARKER_KEPT_AS}[href='#fn:claims-numbered-claim-23']").first
    marker.scroll_into_view_if_needed()
    marker.hover()
    expect(desktop.locator(".md-tooltip2--active")).to_have_count(0)
    expect(marker).to_have_attribute("title", re.compile(r"^Claim: Numbered claim 23 says the bridge needs part 23\. — Status: unverified"))
    title = marker.get_attribute("title") or ""
    assert "\u21a9" not in title and title == title.strip(), title
    # A click opens its reference in place, as a first marker's does.
    marker.click()
    popover = desktop.locator(".dossier-reference-popover")
    expect(popover).to_contain_text("Numbered claim 23 says the bridge needs part 23.")
    expect(marker).to_have_attribute("aria-expanded", "true")


@pytest.mark.browser
def test_a_long_list_of_references_waits_yet_is_reached_and_printed_whole(chromium: Browser, cited_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    phone = context.new_page()
    try:
        phone.goto(cited_url)
        references = phone.locator(".footnote")
        assert references.evaluate("e => getComputedStyle(e).contentVisibility") == "auto"  # the control: it waits
        # A marker's jump (no script: the link itself) lands on its reference, laid out and in view.
        phone.locator(f"article a.{MARKER_KEPT_AS}[href='#fn:claims-numbered-claim-23']").first.click()
        reference = phone.locator("#fn\\:claims-numbered-claim-23")
        expect(reference).to_be_in_viewport()
        expect(reference).to_contain_text("Numbered claim 23")
    finally:
        context.close()
    # Printed, the list is all there: as many sheets as with it laid out, more than without it.
    sheets: dict[str, int] = {}
    for name, style in (("as is", ""), ("laid out", ".footnote { content-visibility: visible !important; }"),
                        ("without it", ".footnote { display: none !important; }")):
        printed = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            printed.goto(cited_url, wait_until="networkidle")
            if style:
                printed.add_style_tag(content=style)
            sheets[name] = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", printed.pdf()))
        finally:
            printed.close()
    assert sheets["as is"] == sheets["laid out"] > sheets["without it"], sheets


WITHOUT_WAITING = """() => { for (const sheet of document.styleSheets) {
  for (let n = sheet.cssRules.length - 1; n >= 0; n--) if ((sheet.cssRules[n].selectorText || "").includes("li:nth-child(20)")) sheet.deleteRule(n);
} }"""


# Where the list, the headings around it and each reference are, and how far the list's box reaches before each
# reference's text (on its left, or right to left on its right), against the width of the widest number ("24."),
# set in the reference's font.
GEOMETRY = """() => {
  const list = document.querySelector('.dossier-references'), box = list.querySelector('.footnote'), items = [...box.querySelectorAll('li')];
  const rtl = getComputedStyle(box).direction === 'rtl', edge = box.getBoundingClientRect(), first = items[0].getBoundingClientRect();
  const at = e => { const r = e.getBoundingClientRect(); return [r.left, r.top + scrollY, r.width, r.height].map(v => Math.round(v * 2) / 2) };
  const number = document.createElement('span');
  number.textContent = items.length + '. ';  // as a list marker is drawn: the number, a full stop and a space
  number.style.cssText = 'position: absolute; white-space: pre; font: ' + getComputedStyle(items[0]).font;
  document.body.append(number);
  const widest = number.getBoundingClientRect().width;
  number.remove();
  return { places: [list.previousElementSibling, ...items, list.nextElementSibling].map(at),
           room: rtl ? edge.right - first.right : first.left - edge.left, widest: widest }
}"""


@pytest.mark.browser
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("width", [390, 1366])
def test_a_long_list_of_references_that_waits_is_laid_out_as_it_would_be_at_once(chromium: Browser, cited_url: str, width: int,
                                                                                   direction: str) -> None:
    """Its numbers are not clipped ("24." once showed as "4.": the list clips what it draws to its box), and the list
    and what follows it sit where they would without the rules that make it wait. Right to left too: a dossier
    whose `theme.language` is written so gets `dir="rtl"` on its `<body>` from Material, set here on the same page."""
    page = chromium.new_page(viewport={"width": width, "height": 844})
    try:
        page.goto(cited_url, wait_until="networkidle")
        if direction == "rtl":
            page.evaluate("() => { document.body.dir = 'rtl' }")
            assert page.locator(".footnote li").first.evaluate("e => getComputedStyle(e).direction") == "rtl"  # the control
        references = page.locator(".footnote")
        assert references.evaluate("e => getComputedStyle(e).contentVisibility") == "auto"
        references.locator("li").last.scroll_into_view_if_needed()
        waiting = page.evaluate(GEOMETRY)
        assert waiting["room"] >= waiting["widest"], waiting  # the numbers are inside the box that clips
        page.evaluate(WITHOUT_WAITING)
        assert references.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"  # the control: the rules are gone
        assert page.evaluate(GEOMETRY)["places"] == waiting["places"]
    finally:
        page.close()
