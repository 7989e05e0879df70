"""The dossier's home page in Chromium: its subject is on a phone's first screen (the rest of the front:
tests/engine/test_reader_front_browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.dossier_data import dossier_meta, site_title
from tests.engine.test_reader_front_browser import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_the_subject_is_on_a_phones_first_screen(phone: Page, real_url: str) -> None:
    title = site_title()
    phone.goto(real_url, wait_until="networkidle")
    heading = phone.locator("article h1")
    assert heading.evaluate("h1 => h1.firstChild.textContent") == title  # the heading's text, without its ¶ permalink
    expect(heading).to_be_in_viewport(ratio=1)
    if dossier_meta().get("scope"):  # dossier.yml is optional, and its scope
        expect(phone.locator("article .dossier-scope")).to_be_in_viewport()
