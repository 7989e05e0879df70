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
  if (isolation === 'none') element.textContent = element.textContent.replace(/[\u2066-\u2069]/g, '');
  const left = (needle, skip) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + skip);
      range.setEnd(node, at + skip + 1);
      return range.getBoundingClientRect().left;
    }
    throw new Error('not found: ' + needle);
  };
  return [left(name, 0), left(after, after.length - 1)];
}"""


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def positions(page: Page, selector: str, name: str, after: str, isolation: str) -> tuple[float, float]:
    name_left, after_left = page.evaluate(MEASURE, [selector, name, after, isolation])
    return float(name_left), float(after_left)


@pytest.mark.parametrize(("path", "selector", "name", "after"), [
    ("statements/haddad-scoring-grid/", "article h1", "كريم حداد", ", 8"),  # the heading: name, date, subject
    ("actors/noa-ben-harush/", "h2[id^=statements-by]", "נועה בן-הרוש", " ("),  # "Statements by <name> (2)"
])
def test_words_after_a_right_to_left_name_keep_their_place(desktop: Page, mini_url: str, path: str, selector: str,
                                                            name: str, after: str) -> None:
    for isolation in ("as built", "characters"):
        desktop.goto(mini_url + path)
        name_left, after_left = positions(desktop, selector, name, after, isolation)
        assert after_left > name_left, isolation  # read left to right: the name, then what follows it
    desktop.reload()
    name_left, after_left = positions(desktop, selector, name, after, "none")
    assert after_left < name_left  # the control: without isolation, the date or count jumps before the name
