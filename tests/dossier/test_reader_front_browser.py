"""The dossier's home page in Chromium: its subject and its main brief's question and bottom line are on a
phone's first screen (the rest of the front:
tests/engine/test_reader_front_browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import yaml
from playwright.sync_api import expect

from tests.dossier_data import DATA, dossier_meta, site_title
from tests.engine.test_reader_front_browser import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_the_subject_and_the_main_briefs_answer_are_on_a_phones_first_screen(phone: Page, real_url: str) -> None:
    meta = dossier_meta()  # data/dossier.yml is optional: {} without one
    title = site_title()
    phone.goto(real_url, wait_until="networkidle")
    heading = phone.locator("article h1")
    assert heading.evaluate("h1 => h1.firstChild.textContent") == title  # the heading's text, without its ¶ permalink
    expect(heading).to_be_in_viewport(ratio=1)
    if not meta.get("featured_topics"):  # no main brief chosen: the scope says what the dossier is about, if given
        if meta.get("scope"):
            expect(phone.locator("article .dossier-scope")).to_be_in_viewport()
        return
    main = yaml.safe_load((DATA / "topics" / f"{meta['featured_topics'][0]}.yml").read_text(encoding="utf-8"))
    question, bottom_line = phone.locator("article .dossier-question"), phone.locator("article .dossier-lead")
    expect(question).to_have_text(main["question"])
    expect(bottom_line).to_contain_text("Bottom line.")
    # Whole, not just begun, on the first screen: the answer is what a reader opened the dossier for.
    expect(question).to_be_in_viewport(ratio=1)
    expect(bottom_line).to_be_in_viewport(ratio=1)
