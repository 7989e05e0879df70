"""Relation diagrams in Chromium: nothing of the drawing script is fetched until the reader opens the
diagram, and then it is drawn, served or opened from disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.engine.test_browser import Offline

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

MERMAID = "mermaid-"  # the drawing script's file name, assets/vendor/mermaid-<version>.min.js


@pytest.fixture
def reader(chromium: Browser) -> Iterator[Offline]:
    """A reader's browser tab whose network stops at this machine (test_browser.Offline)."""
    session = Offline(chromium)
    yield session
    session.close()
    assert session.blocked == []


def open_and_draw(reader: Offline, url: str) -> list[str]:
    """Load the page, open its diagram, wait for the drawing; the requests made before opening."""
    page = reader.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    before = list(requested)
    assert page.locator(".dossier-diagram-drawn svg").count() == 0
    page.click("details.dossier-diagram > summary")
    drawn = page.locator(".dossier-diagram-drawn svg")
    drawn.wait_for()
    box = drawn.bounding_box()
    assert box and box["height"] > 50 and box["width"] > 100
    # Mermaid draws each actor as a node with the actor's name.
    names = drawn.text_content() or ""
    assert "Ben Okafor" in names and "Ana López" in names
    assert page.locator("pre.dossier-diagram-source").is_hidden()
    assert reader.errors == []
    return before


def test_the_diagram_is_fetched_and_drawn_only_when_opened(reader: Offline, mini_url: str) -> None:
    before = open_and_draw(reader, mini_url + "actors/ana-lopez/")
    assert [url for url in before if MERMAID in url] == []
    assert [url for url in before if url.endswith("/assets/diagram.js")] != []


def test_the_offline_copy_draws_the_diagram_from_disk(reader: Offline, offline_build: Path) -> None:
    before = open_and_draw(reader, offline_build.joinpath("actors", "ana-lopez.html").as_uri())
    assert [url for url in before if MERMAID in url] == []


def test_on_a_phone_a_wide_diagram_keeps_readable_labels_and_scrolls(chromium: Browser, mini_url: str) -> None:
    """Mermaid fits a drawing to the column: on a phone a wide diagram's labels were 4 px high. It shrinks to
    three quarters of its size at most; the rest is scrolled sideways, by touch or by the keyboard."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(mini_url + "actors/ana-lopez/", wait_until="networkidle")
        page.click("details.dossier-diagram > summary")
        page.locator(".dossier-diagram-drawn svg").wait_for()
        natural, width, shown, scrolled, focusable = page.evaluate("""() => {
          const figure = document.querySelector('.dossier-diagram-drawn'), svg = figure.querySelector('svg');
          return [parseFloat(svg.style.maxWidth), svg.getBoundingClientRect().width, figure.clientWidth, figure.scrollWidth,
                  figure.tabIndex]; }""")
        assert natural > shown  # the control: this diagram is wider than a phone's column
        assert width >= 0.75 * natural - 1 and scrolled > shown and focusable == 0
        label = page.locator(".dossier-diagram-drawn svg .nodeLabel").first
        assert label.evaluate("e => e.getBoundingClientRect().height") >= 12
    finally:
        context.close()
