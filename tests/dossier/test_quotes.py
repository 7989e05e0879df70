"""The dossier's quotes are verbatim: checked against the archive copies of its sources (the shared archive
folder, in CI). The check itself, on the mini dossier: tests/engine/test_quotes.py."""

from __future__ import annotations

import os

import pytest

from macros.pipeline import check
from macros.quotes import verify_quotes
from tests.conftest import ROOT
from tests.dossier_data import ARCHIVE as DOSSIER_ARCHIVE
from tests.dossier_data import DATA

ARCHIVED_SOURCES = DOSSIER_ARCHIVE  # DOSSIER_ARCHIVE_DIR, as mkdocs.yml extra.dossier.archive_dir


@pytest.mark.skipif(not ARCHIVED_SOURCES.is_dir() and os.environ.get("CI") != "true",
                    reason="the archive folder (DOSSIER_ARCHIVE_DIR, default ../shared/seeds) is not beside the clone")
def test_the_dossier_quotes_are_verbatim_in_the_archived_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    dossier = check(DATA)
    assert dossier.errors == []
    report = verify_quotes(dossier, ARCHIVED_SOURCES)
    assert [str(e) for e in report.errors] == []
    assert report.unverifiable == []
