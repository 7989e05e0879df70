"""Quotes are verbatim: checked against archive copies of the sources (the shared archive folder, in CI)."""

from __future__ import annotations

from pathlib import Path

from macros.cli import main
from macros.records.check import check
from macros.records.quotes import normalise, verify_quotes
from macros.records.schema import Statement
from macros.records.validate import Dossier
from tests.conftest import FIXTURES, build

ARCHIVE = FIXTURES / "mini-archive"


def quote_printings_with_archive(dossier: Dossier) -> int:
    """How many printings of quotes `verify_quotes` checks: each source printing a quote that names an archive copy."""
    quotes = [statement for statement in dossier.records["statements"].values() if isinstance(statement, Statement) and statement.form == "quote"]
    return len([reported for statement in quotes for reported in statement.reported_in
                if getattr(dossier.get("sources", reported.source), "archive", None)])


def test_normalise_only_quote_marks_and_whitespace() -> None:
    assert normalise("“It’s  fine,”\n she said") == "\"It's fine,\" she said"
    assert normalise("fine.") != normalise("fine")


def test_mini_dossier_quotes_are_verbatim(mini: Path) -> None:
    report = verify_quotes(check(mini), ARCHIVE)
    assert report.errors == [] and report.checked == quote_printings_with_archive(check(mini)) > 3


def test_a_tampered_quote_is_reported(mini: Path) -> None:
    path = mini / "statements/lopez-opens-2027.yml"
    path.write_text(path.read_text().replace("on time and under budget", "on time and within budget"))
    report = verify_quotes(check(mini), ARCHIVE)
    assert [str(e) for e in report.errors] == [
        "data/statements/lopez-opens-2027.yml:10: reported_in[1].wording: not found verbatim in blog.txt (blog-post) "
        "(copy the words exactly as printed; only quote marks and spaces may differ)"
    ]


def test_a_tidied_canonical_text_is_reported(mini: Path) -> None:
    path = mini / "statements/okafor-doubts.yml"
    path.write_text(path.read_text().replace("in a year.", "in one year."))
    assert main(["verify-quotes", str(mini), "--archive", str(ARCHIVE)]) == 1


def test_a_dropped_comma_is_reported(mini: Path) -> None:
    """One punctuation mark is enough: a quote is the words as printed, not as tidied."""
    path = mini / "statements/lopez-opens-2027.yml"
    path.write_text(path.read_text().replace("open in 2027, on time", "open in 2027 on time"))
    report = verify_quotes(check(mini), ARCHIVE)
    assert [str(e) for e in report.errors] == [
        "data/statements/lopez-opens-2027.yml:6: text: not found verbatim in ledger.txt (ledger-bridge-report) "
        "(copy the words exactly as printed; only quote marks and spaces may differ)"
    ]


def test_a_source_without_archive_copy_is_unverifiable_never_verified(mini: Path) -> None:
    path = mini / "sources/blog-post.yml"
    path.write_text(path.read_text().replace("archive: blog.txt\n", ""))
    dossier = check(mini)
    report = verify_quotes(dossier, ARCHIVE)
    assert report.errors == []
    assert report.unverifiable == ["lopez-opens-2027 via blog-post", "okafor-doubts via blog-post"]
    assert report.checked == quote_printings_with_archive(dossier)  # the blog's printings were not checked


def test_missing_archive_file_is_an_error(mini: Path, tmp_path: Path) -> None:
    report = verify_quotes(check(mini), tmp_path)
    missing = [error.message for error in report.errors]
    assert len(missing) == quote_printings_with_archive(check(mini))  # one for each printing it could not check
    assert any("archive copy 'ledger.txt' of source 'ledger-bridge-report' not found" in message for message in missing)




def test_a_source_page_says_when_its_quotes_were_not_checked_against_an_archived_copy(mini: Path, tmp_path: Path) -> None:
    path = mini / "sources/blog-post.yml"
    path.write_text(path.read_text().replace("archive: blog.txt\n", ""))
    site = build(mini, tmp_path / "site")
    unchecked = "The quotes from this source were not checked against an archived copy: the editors hold none."
    assert unchecked in (site / "sources/blog-post/index.html").read_text(encoding="utf-8")
    ledger = (site / "sources/ledger-bridge-report/index.html").read_text(encoding="utf-8")
    assert unchecked not in ledger and "Quotes checked against an archived copy" in ledger
    # Where the words are: the statement it printed says so, naming that source; a paraphrase (no quotation
    # to check) and a quote printed only by archived sources say nothing.
    opens = (site / "statements/lopez-opens-2027/index.html").read_text(encoding="utf-8")
    assert ('<p class="dossier-archive" data-search-exclude>Not checked against an archived copy, which the editors do not hold: '
            'the words as printed by <a href="../../sources/blog-post/"') in opens
    for unaffected in ("okafor-paraphrase", "haddad-scoring-grid"):
        assert "Not checked against an archived copy" not in (site / f"statements/{unaffected}/index.html").read_text(encoding="utf-8")
