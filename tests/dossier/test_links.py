"""Links of the dossier's site: LinkChecker finds no broken internal link or anchor, and no same-page anchor
is broken (the checks and their controls: tests/engine/test_links.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_links import broken_same_page_anchors, linkchecker_over


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_no_broken_internal_link_or_anchor(request: pytest.FixtureRequest, tmp_path: Path, site_fixture: str) -> None:
    problems, checked, pages = linkchecker_over(request.getfixturevalue(site_fixture), tmp_path)
    assert checked > pages  # every page was reached, and more: assets and anchors
    assert problems == []


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_no_broken_same_page_anchor(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    broken, checked = broken_same_page_anchors(site)
    assert checked > len(list(site.rglob("*.html")))  # every page has at least its skip link and table of contents
    assert broken == []
