"""Own words (macros/records/own_words.py): no run of 8 or more consecutive words from an archived source appears in
the editors' own text, outside an attributed quotation; each copy is an error at its line, as `check` prints it.
What counts as free text, and why names may be repeated: the module's docstring."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.records.check import check
from macros.records.own_words import own_words_errors
from macros.records.validate import Dossier

# Fixed phrases that may appear in our text although a source prints them too: phrase -> why.
ALLOWED: dict[str, str] = {}

HINT = "(record them as a quote statement that cites the source, or say it in our own words)"


def copied_runs(dossier: Dossier, archive_dir: Path) -> list[str]:
    """The own-words errors as `check` prints them, each one line."""
    return [str(error) for error in own_words_errors(dossier, archive_dir, tuple(ALLOWED))]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files as the editor sees them, relative to the working folder: data/…"""
    monkeypatch.chdir(tmp_path)


TITLE = "“Title Of The Long Printed Report On The Harbour Bridge Works”"


def test_every_allowed_phrase_says_why() -> None:
    assert all(reason.strip() for reason in ALLOWED.values())


# --- the check itself, on a tiny synthetic dossier ----------------------------------------------
ARTICLE = (
    "The harbour bridge will finally open to traffic next spring, the city engineer told reporters on Friday. "
    "“We expect the first cars to cross the new span before the end of April,” she said. "
    "Title Of The Long Printed Report On The Harbour Bridge Works"
)


def synthetic(tmp_path: Path, **free: str) -> tuple[Dossier, Path]:
    """One archived source, its outlet, and a statement; `free` sets the actor's summary and the like."""
    archive = tmp_path / "archive"
    archive.mkdir(parents=True)
    (archive / "article.txt").write_text(ARTICLE, encoding="utf-8")
    files = {
        "actors/engineer.yml": f"""
            name: City engineer
            kind: person
            summary: {free.get("summary", "An official who speaks about the bridge.")!r}
            """,
        "sources/report.yml": """
            title: Title Of The Long Printed Report On The Harbour Bridge Works
            kind: news report
            outlet: not stated
            author: not stated
            published: not stated
            archive: article.txt
            """,
        "statements/first-cars.yml": f"""
            speaker: engineer
            date: not stated
            form: {free.get("form", "quote")}
            text: {free.get("text", "We expect the first cars to cross the new span before the end of April")!r}
            reported_in:
            - source: report
            """,
    }
    data = tmp_path / "data"
    for relative, text in files.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    dossier = check(data)
    assert [str(e) for e in dossier.errors] == []
    return dossier, archive


def test_a_summary_that_copies_eight_words_is_caught(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="She said the harbour bridge will finally open to traffic next spring.")
    assert copied_runs(dossier, archive) == [
        f'data/actors/engineer.yml:3: summary: 10 words copied from {TITLE} outside quotation marks: '
        f'"the harbour bridge will finally open to traffic next spring" {HINT}'
    ]


def test_seven_words_are_not_a_copy(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="In her words, the harbour bridge will finally open to cars.")
    assert copied_runs(dossier, archive) == []


def test_case_punctuation_and_typographic_quotes_do_not_hide_a_copy(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="“WE EXPECT the first cars — to cross the new span” soon.")
    assert copied_runs(dossier, archive) == [
        f'data/actors/engineer.yml:3: summary: 10 words copied from {TITLE} outside quotation marks: '
        f'"WE EXPECT the first cars — to cross the new span" {HINT}'
    ]


def test_a_link_label_is_checked_and_a_link_id_is_not(tmp_path: Path) -> None:
    dossier, archive = synthetic(
        tmp_path, summary="See [[statements/first-cars|the first cars to cross the new span before]] here."
    )
    assert copied_runs(dossier, archive) == [
        f'data/actors/engineer.yml:3: summary: 9 words copied from {TITLE} outside quotation marks: '
        f'"the first cars to cross the new span before" {HINT}'
    ]


def test_an_attributed_quotation_may_copy_and_a_paraphrase_may_not(tmp_path: Path) -> None:
    quoted, archive = synthetic(tmp_path / "quote")
    assert copied_runs(quoted, archive) == []
    paraphrased, archive = synthetic(tmp_path / "paraphrase", form="paraphrase")
    assert copied_runs(paraphrased, archive) == [
        f'paraphrase/data/statements/first-cars.yml:4: text: 15 words copied from {TITLE} outside quotation marks: '
        f'"We expect the first cars to cross the new span before the end of April" {HINT}'
    ]


def test_a_printed_title_may_be_repeated(tmp_path: Path) -> None:
    dossier, archive = synthetic(
        tmp_path, summary="Quoted in “Title of the long printed report on the harbour bridge works”, a news report."
    )
    assert copied_runs(dossier, archive) == []


def test_a_name_is_a_word_of_the_article_too(tmp_path: Path) -> None:
    # "City engineer" is the actor's name: once deleted before counting, it split this 9-word run in two.
    dossier, archive = synthetic(tmp_path, summary="Next spring, the city engineer told reporters on Friday.")
    assert copied_runs(dossier, archive) == [
        f'data/actors/engineer.yml:3: summary: 9 words copied from {TITLE} outside quotation marks: '
        f'"Next spring, the city engineer told reporters on Friday" {HINT}'
    ]


def test_a_run_beyond_a_printed_title_counts(tmp_path: Path) -> None:
    # The title alone may be repeated (test_a_printed_title_may_be_repeated); the article's words around it may not.
    dossier, archive = synthetic(
        tmp_path, summary="In April she said “Title of the long printed report on the harbour bridge works”."
    )
    assert copied_runs(dossier, archive) == [
        f'data/actors/engineer.yml:3: summary: 14 words copied from {TITLE} outside quotation marks: '
        f'"April she said “Title of the long printed report on the harbour bridge works" {HINT}'
    ]


def test_a_source_without_its_archive_copy_is_not_compared(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="She said the harbour bridge will finally open to traffic next spring.")
    (archive / "article.txt").unlink()
    assert copied_runs(dossier, archive) == []


def test_a_bare_link_breaks_a_run(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="The harbour bridge will finally [[statements/first-cars]] open to traffic next spring.")
    assert copied_runs(dossier, archive) == []
