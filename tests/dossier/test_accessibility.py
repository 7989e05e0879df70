"""Accessibility of the dossier in data/: axe-core at WCAG 2.1 AA on one page of each template of its site
(the engine's pages are checked in tests/engine/test_accessibility.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from macros.records.schema import KINDS
from tests.engine.test_accessibility import one_page_per_template, violations_on

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_one_page_per_template_of_the_real_dossier(chromium: Browser, real_site: Path, real_url: str) -> None:
    pages = one_page_per_template(real_site)
    assert len(pages) == 3 + len(KINDS) + len(KINDS) - 1  # figures have no page of their own
    assert violations_on(chromium, real_url, pages) == []
