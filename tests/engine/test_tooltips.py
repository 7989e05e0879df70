"""Material's tooltips on a page's first links only (macros/site/tooltips.py): inside folds and past the first
THEME_TOOLTIPS a link's preview is kept in data-dossier-title, and becomes its title (the browser's own
tooltip) when the reader points at it (dossier.js)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from macros.site.tooltips import KEPT_AS, THEME_TOOLTIPS, fewer_theme_tooltips

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def links(count: int, title: str = "t") -> str:
    return "".join(f'<a href="x{n}/" title="{title}{n}">x</a>' for n in range(count))


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
