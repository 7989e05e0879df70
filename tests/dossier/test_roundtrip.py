"""Round trip of the dossier in data/: every record is on the built site and in its search index, and the site
has no record page that data/ does not hold. The same four tests as tests/engine/test_roundtrip.py, which runs
them on the mini fixture: pytest collects them here too, and this module's `built` fixture gives them data/."""

from __future__ import annotations

import pytest

from macros.records.check import check
from tests.dossier_data import DATA
from tests.engine import test_roundtrip as on_the_fixture
from tests.engine.test_roundtrip import Built


@pytest.fixture(params=["data"])
def built(request: pytest.FixtureRequest) -> Built:
    """The dossier as validated from data/, and the site built from it."""
    site = request.getfixturevalue("real_site")
    dossier = check(DATA)
    assert [str(error) for error in dossier.errors] == []
    return Built(request.param, dossier, site)


test_every_record_has_its_page_with_its_title = on_the_fixture.test_every_record_has_its_page_with_its_title
test_the_site_has_no_record_page_without_a_record = on_the_fixture.test_the_site_has_no_record_page_without_a_record
test_every_record_is_in_the_search_index = on_the_fixture.test_every_record_is_in_the_search_index
test_the_counts_match = on_the_fixture.test_the_counts_match
