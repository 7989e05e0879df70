"""Valid HTML of the dossier's site: the Nu HTML Checker over every page, with the accepted messages of
tests/vnu-filter.txt (the engine's sites and the checker's control: tests/engine/test_html_valid.py)."""

from __future__ import annotations

import pytest

from tests.engine.test_html_valid import unaccepted_messages


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_every_page_is_valid_html(request: pytest.FixtureRequest, site_fixture: str) -> None:
    unaccepted, pages = unaccepted_messages(request.getfixturevalue(site_fixture))
    assert pages >= 20
    assert unaccepted == []
