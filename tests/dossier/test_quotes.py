"""The dossier's quotes are verbatim: checked against the archive copies of its sources (the shared archive
folder, in CI). The check itself, on the mini dossier: tests/engine/test_quotes.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.records.check import check
from macros.records.quotes import verify_quotes
from macros.records.schema import Source, Statement
from tests.conftest import ROOT, record_of, records_of
from tests.dossier_data import ARCHIVE as DOSSIER_ARCHIVE
from tests.dossier_data import DATA

ARCHIVED_SOURCES = DOSSIER_ARCHIVE  # DOSSIER_ARCHIVE_DIR, as mkdocs.yml extra.dossier.archive_dir


def _names_an_archive_copy() -> bool:
    return any(getattr(source, "archive", None) for source in check(DATA).records["sources"].values())


@pytest.mark.skipif(not ARCHIVED_SOURCES.is_dir() and os.environ.get("CI") != "true" and _names_an_archive_copy(),
                    reason="the archive folder (DOSSIER_ARCHIVE_DIR, default ../shared/seeds) is not beside the clone")
def test_the_dossier_quotes_are_verbatim_in_the_archived_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a source names an archive copy, its quotes must be in it. A source without one is legitimate:
    its page says its quotes were not checked against an archived copy (test below)."""
    monkeypatch.chdir(ROOT)
    dossier = check(DATA)
    assert dossier.errors == []
    report = verify_quotes(dossier, ARCHIVED_SOURCES)
    assert [str(e) for e in report.errors] == []


def test_a_source_without_an_archive_copy_says_its_quotes_were_not_checked(real_site: Path) -> None:
    dossier = check(DATA)
    quoting = {report.source for statement in records_of(dossier, Statement).values() if getattr(statement, "form", "") == "quote"
               for report in statement.reported_in}
    for source_id, source in records_of(dossier, Source).items():
        said = "not checked against an archived copy" in (real_site / "sources" / source_id / "index.html").read_text(encoding="utf-8")
        assert said == (source_id in quoting and not source.archive), source_id
    # And on the page of each quote such a source printed, where the reader reads the words.
    for statement_id, statement in records_of(dossier, Statement).items():
        unarchived = [report.source for report in statement.reported_in
                      if not record_of(dossier, Source, report.source).archive]
        said = "Not checked against an archived copy" in (real_site / "statements" / statement_id / "index.html").read_text(encoding="utf-8")
        assert said == (getattr(statement, "form", "") == "quote" and bool(unarchived)), statement_id
