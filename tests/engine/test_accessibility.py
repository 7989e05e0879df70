"""Accessibility: axe-core (npm, pinned in package.json) run in Chromium on every page template, at WCAG
2.1 AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa), with no rule disabled. Zero violations.

The mini site is checked page by page (it has every template), the hostile site on its record pages
(right-to-left and combining text, long unbroken words), and the search dialog open with results. The
dossier in data/ is checked on one page of each template by tests/dossier/test_accessibility.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from macros.records.schema import KINDS
from tests.engine.test_browser import search
from tests.real_clients import html_pages, page_url, run_axe

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def one_page_per_template(site: Path) -> list[str]:
    """Home, 404, the editor's guide, and for each kind its index page and its first record page."""
    pages = ["index.html", "404.html", "guide/index.html"]
    for kind in KINDS:
        pages.append(f"{kind}/index.html")
        records = sorted((site / kind).glob("*/index.html"))
        if records:
            pages.append(str(records[0].relative_to(site)))
    return [page for page in pages if (site / page).is_file()]


def violations_on(browser: Browser, base: str, pages: list[str]) -> list[str]:
    """Every axe violation on `pages`, one line per page, rule and element."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = []
    try:
        for relative in pages:
            page.goto(page_url(base, relative), wait_until="networkidle")
            found += [f"{relative}: {violation}" for violation in run_axe(page)]
    finally:
        context.close()
    return found


def test_every_page_of_the_mini_site(chromium: Browser, mini_site: Path, mini_url: str) -> None:
    pages = html_pages(mini_site)
    assert len(pages) >= len(one_page_per_template(mini_site))
    assert violations_on(chromium, mini_url, pages) == []


def test_hostile_record_pages(chromium: Browser, hostile_site: Path, hostile_url: str) -> None:
    pages = [page for page in html_pages(hostile_site) if "/hostile-" in page] + ["figures/index.html"]
    assert len(pages) == len(KINDS)
    assert violations_on(chromium, hostile_url, pages) == []


def test_the_search_dialog_with_results(chromium: Browser, mini_url: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(mini_url, wait_until="networkidle")
        search(page, "bridge")  # the dialog open, with results
        assert [str(violation) for violation in run_axe(page)] == []
    finally:
        context.close()
