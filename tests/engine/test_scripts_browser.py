"""Right-to-left data in Chromium: a date or count after an Arabic or Hebrew name stays where the engine's
words put it (macros/records/bidi.py). Each page is measured as built, then as the same text without isolation,
the negative control: there the bidirectional algorithm reorders it, so the measure does see the fault."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# The left edge of the name's text and of the engine's text after it ("8" of the date, "(" of the count),
# in the element `selector`: as built, or its text alone ("characters": every <bdi> dropped, the isolates
# FSI and PDI kept, as in a page title or a search entry), or that text without the isolates ("none").
MEASURE = """([selector, name, after, isolation]) => {
  const element = document.querySelector(selector);
  if (isolation === 'characters') element.textContent = element.textContent;
  if (isolation === 'none') {  // on one line, so that a phone's narrow heading cannot wrap the fault away
    element.textContent = element.textContent.replace(/[\u2066-\u2069]/g, '');
    element.style.whiteSpace = 'nowrap';
  }
  const left = (needle, skip) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + skip);
      range.setEnd(node, at + skip + 1);
      const box = range.getBoundingClientRect();
      return [box.top, box.left];
    }
    throw new Error('not found: ' + needle);
  };
  return [left(name, 0), left(after, after.length - 1)];
}"""


@pytest.fixture(params=[{"width": 1366, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def screen(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = chromium.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def reads_after(page: Page, selector: str, name: str, after: str, isolation: str) -> bool:
    """Whether the engine's text `after` comes after `name` in reading order (left to right, line by line): on a
    later line, or on the same line to its right. A phone may wrap the heading between the two."""
    (name_top, name_left), (after_top, after_left) = page.evaluate(MEASURE, [selector, name, after, isolation])
    if abs(after_top - name_top) > 4:  # another line: the text wrapped there
        return bool(after_top > name_top)
    return bool(after_left > name_left)


@pytest.mark.parametrize(("path", "selector", "name", "after"), [
    ("statements/haddad-scoring-grid/", "article h1", "كريم حداد", ", 8"),  # the heading: name, date, subject
    ("actors/noa-ben-harush/", "h2[id^=statements-by]", "נועה בן-הרוש", " ("),  # "Statements by <name> (2)"
    # A reference as cited: kind · outlet · author · date (the outlet and author were swapped, the day cut off).
    ("sources/", "article tbody tr:first-child td:nth-child(2)", "عمر الخطيب", " · 24"),
])
def test_words_after_a_right_to_left_name_keep_their_place(screen: Page, mini_url: str, path: str, selector: str,
                                                            name: str, after: str) -> None:
    for isolation in ("as built", "characters"):
        screen.goto(mini_url + path)
        assert reads_after(screen, selector, name, after, isolation), isolation  # the name, then what follows it
    screen.reload()
    assert not reads_after(screen, selector, name, after, "none")  # the control: without isolation, it jumps before the name


# The quotes and wordings in another language, from the data: (page, the words, their language, their direction).
FOREIGN_WORDS = [
    ("statements/haddad-scoring-grid/", "جدول التقييم نُشر كاملاً قبل فتح العروض.", "ar", "rtl"),
    ("statements/ben-harush-margin/", "Le calendrier ne laisse que 20 % de marge", "fr", "ltr"),
    ("actors/noa-ben-harush/", "נועה בן-הרוש", "he", "rtl"),
    ("actors/lin-weiqiang/", "林伟强", "zh", "ltr"),
    ("sources/sahil-tender-report/", "لجنة المناقصة تنشر جدول التقييم", "ar", "rtl"),
    ("statements/", "Le calendrier ne laisse que 20 % de marge", "fr", "ltr"),
]
# Every text node holding the words: the language and direction Chromium reads it in (its element's
# computed `lang` from the nearest ancestor, and computed `direction`).
READ_AS = """(words) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes(words)) continue;
    const element = node.parentElement;
    found.push([element.closest('[lang]').getAttribute('lang'), getComputedStyle(element).direction]);
  }
  return found;
}"""


@pytest.mark.parametrize(("path", "words", "lang", "direction"), FOREIGN_WORDS, ids=[f"{p}{lang}" for p, _, lang, _ in FOREIGN_WORDS])
def test_every_quote_and_name_in_another_language_is_read_in_it(screen: Page, mini_url: str, path: str, words: str,
                                                                lang: str, direction: str) -> None:
    """WCAG 2.1 SC 3.1.2: a screen reader takes its voice from the language Chromium computes for the text."""
    screen.goto(mini_url + path)
    read_as = screen.evaluate(READ_AS, words)
    assert read_as and set(map(tuple, read_as)) == {(lang, direction)}
    # The control: the page itself is English, so the same words without their element's lang read as English.
    assert screen.evaluate("() => document.documentElement.lang") == "en"


def test_a_search_result_keeps_the_date_after_a_right_to_left_name(screen: Page, mini_url: str) -> None:
    """Search results print the page's title (Pagefind's index, docs/assets/search.js): the isolates it carries
    as characters keep the date after the speaker's name, as on the page."""
    from tests.engine.test_search_browser import search_for

    screen.goto(mini_url + "claims/", wait_until="networkidle")
    results = search_for(screen, "scoring grid")
    assert any("statements/haddad-scoring-grid/" in url for url in results)
    result = '.md-search-result__item:has(a[href*="haddad-scoring-grid"])'
    assert reads_after(screen, result, "كريم حداد", ", 8", "as built")
    assert not reads_after(screen, result, "كريم حداد", ", 8", "none")  # the control, as above
