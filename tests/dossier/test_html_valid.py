"""Valid HTML of the dossier's site: the Nu HTML Checker over every page, with the accepted messages of
tests/vnu-filter.txt (the engine's sites and the checker's control: tests/engine/test_html_valid.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.real_clients import load_vnu_filter, run_vnu, split_accepted


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_every_page_is_valid_html(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    messages, pages = run_vnu(site)
    unaccepted, _ = split_accepted(messages, load_vnu_filter())
    assert pages >= 20
    assert [str(message) for message in unaccepted] == []
