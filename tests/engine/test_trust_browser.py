"""'Cite this page' in Chromium: one tap on the button puts the citation, as printed, on the clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(chromium: Browser, mini_url: str) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                   permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def test_one_tap_copies_the_citation(phone: Page, mini_url: str) -> None:
    phone.goto(mini_url + "claims/bridge-opens-in-2027/", wait_until="networkidle")
    citation = phone.locator(".dossier-citation").inner_text()
    button = phone.locator(".dossier-copy-citation")
    expect(button).to_be_visible()
    button.tap()
    expect(phone.locator(".dossier-copy-status")).to_have_text("Citation copied.")
    assert phone.evaluate("() => navigator.clipboard.readText()") == citation.strip()
    assert citation.startswith("“Disputed: The Riverton bridge will open in 2027.”")
