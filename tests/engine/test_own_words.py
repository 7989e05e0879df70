"""Own words: no run of 8 or more consecutive words from an archived source appears in our free text.

Summaries, notes, context, briefs, bottom lines, key questions, titles, labels, status notes, date notes,
supplied titles: everything an editor writes is checked against the archive copies of the dossier's
sources (each source's `archive:` file in the archive folder that mkdocs.yml's `extra.dossier.archive_dir`
names). What is not checked is an attributed quotation: the `text` and `wording` of a statement whose
`form` is `quote`, which verify-quotes checks against the same copies. A paraphrase's `text` is our
words by definition, so it is checked like any other free text.

Words are compared casefolded, with punctuation, Markdown and typographic quote marks ignored. In
`[[kind/id|label]]` links only the label counts (the id is not prose); a bare `[[kind/id]]` is skipped.
Printed names may be repeated anywhere: each source's `title` as printed and each actor's `name`,
`aliases` and `role` (the schema asks for them as the sources spell them). A name is still a word of the
article: a copied run that goes beyond the name counts, name included; only a run that lies wholly inside
one printed name is let through. (Deleting the names first split runs such as "Azerbaijan used a Turkish
port on the eastern" at "Azerbaijan" and hid them.) ALLOWED lists any further fixed phrase, each with its
justification; keep it short.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from macros.pipeline import check
from macros.schema import Actor, Source, Statement, field_specs
from macros.validate import Dossier

RUN = 8  # the shortest run of copied words that counts as pasted prose

# Fixed phrases that may appear in our text although a source prints them too: phrase -> why.
ALLOWED: dict[str, str] = {}

_LINK = re.compile(r"\[\[[a-z]+/[a-z0-9-]+(?:\|([^\]]*))?\]\]")
_WORD = re.compile(r"\w+(?:'\w+)*")
_BREAK = " \x00 "  # stands where a bare link was: no run of words continues across it


def words(text: str) -> list[str]:
    """The words of `text`, casefolded, typographic apostrophes made plain, punctuation dropped."""
    plain = text.casefold().replace("’", "'").replace("‘", "'")
    return _WORD.findall(plain)


def shingles(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def reader_text(value: str) -> list[list[str]]:
    """The stretches of words a reader sees in `value`: a bare link ends a stretch, a labelled one reads as its label."""
    shown = _LINK.sub(lambda link: link.group(1) or _BREAK, value)
    return [words(part) for part in shown.split(_BREAK)]


def within_a_name(stretch: list[str], start: int, end: int, allowed: list[list[str]]) -> bool:
    """Whether the words stretch[start:end] all lie inside one occurrence of one allowed phrase."""
    for phrase in allowed:
        size = len(phrase)
        for at in range(max(0, end - size), min(start, len(stretch) - size) + 1):
            if stretch[at : at + size] == phrase:
                return True
    return False


def free_text(record: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every text an editor wrote in `record`: not ids, not attributed quotations."""
    references = {spec.name for spec in field_specs(type(record)) if spec.reference_kind}
    quoted = isinstance(record, Statement) and record.form == "quote"
    for name in type(record).model_fields:
        if name in references or (quoted and name == "text"):
            continue
        value = getattr(record, name)
        where = f"{path}{name}"
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for position, item in items:
            here = where if position is None else f"{where}[{position}]"
            if isinstance(item, str):
                yield here, item
            elif isinstance(item, BaseModel):
                for inner, text in free_text(item, f"{here}."):
                    if not (quoted and inner.endswith(".wording")):
                        yield inner, text


def copied_runs(dossier: Dossier, archive_dir: Path) -> list[str]:
    """Every run of RUN or more words that a free-text field shares with an archived source."""
    sources = [s for s in dossier.records["sources"].values() if isinstance(s, Source) and s.archive]
    printed = {s.archive: (archive_dir / str(s.archive)) for s in sources}
    archived = {name: shingles(path.read_text(encoding="utf-8")) for name, path in printed.items() if path.is_file()}
    phrases = {s.title for s in sources} | set(ALLOWED) | {
        n for a in dossier.records["actors"].values() if isinstance(a, Actor) for n in (a.name, a.role or "", *a.aliases)
    }
    allowed = [named for named in (words(phrase) for phrase in phrases) if len(named) >= RUN]  # shorter ones hold no run
    found = []
    for kind, records in dossier.records.items():
        for record in records.values():
            for field, value in free_text(record):
                for stretch in reader_text(value):
                    copied = [i for i in range(len(stretch) - RUN + 1)
                              if any(tuple(stretch[i : i + RUN]) in runs for runs in archived.values())]
                    for start in _run_starts(copied):
                        end = start
                        while end + 1 in copied:
                            end += 1
                        if within_a_name(stretch, start, end + RUN, allowed):
                            continue
                        run = " ".join(stretch[start : end + RUN])
                        names = sorted(n for n, runs in archived.items() if tuple(stretch[start : start + RUN]) in runs)
                        found.append(f"{kind}/{record.id}: {field}: {end - start + RUN} words copied from {', '.join(names)}: '{run}'")
    return found


def _run_starts(positions: list[int]) -> list[int]:
    """The first position of each unbroken sequence of overlapping copied windows."""
    return [p for p in positions if p - 1 not in positions]


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
        "actors/engineer: summary: 10 words copied from article.txt: 'the harbour bridge will finally open to traffic next spring'"
    ]


def test_seven_words_are_not_a_copy(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="In her words, the harbour bridge will finally open to cars.")
    assert copied_runs(dossier, archive) == []


def test_case_punctuation_and_typographic_quotes_do_not_hide_a_copy(tmp_path: Path) -> None:
    dossier, archive = synthetic(tmp_path, summary="“WE EXPECT the first cars — to cross the new span” soon.")
    assert copied_runs(dossier, archive) == [
        "actors/engineer: summary: 10 words copied from article.txt: 'we expect the first cars to cross the new span'"
    ]


def test_a_link_label_is_checked_and_a_link_id_is_not(tmp_path: Path) -> None:
    dossier, archive = synthetic(
        tmp_path, summary="See [[statements/first-cars|the first cars to cross the new span before]] here."
    )
    assert copied_runs(dossier, archive) == [
        "actors/engineer: summary: 9 words copied from article.txt: 'the first cars to cross the new span before'"
    ]


def test_an_attributed_quotation_may_copy_and_a_paraphrase_may_not(tmp_path: Path) -> None:
    quoted, archive = synthetic(tmp_path / "quote")
    assert copied_runs(quoted, archive) == []
    paraphrased, archive = synthetic(tmp_path / "paraphrase", form="paraphrase")
    assert copied_runs(paraphrased, archive) == [
        "statements/first-cars: text: 15 words copied from article.txt: "
        "'we expect the first cars to cross the new span before the end of april'"
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
        "actors/engineer: summary: 9 words copied from article.txt: 'next spring the city engineer told reporters on friday'"
    ]


def test_a_run_beyond_a_printed_title_counts(tmp_path: Path) -> None:
    # The title alone may be repeated (test_a_printed_title_may_be_repeated); the article's words around it may not.
    dossier, archive = synthetic(
        tmp_path, summary="In April she said “Title of the long printed report on the harbour bridge works”."
    )
    assert copied_runs(dossier, archive) == [
        "actors/engineer: summary: 14 words copied from article.txt: "
        "'april she said title of the long printed report on the harbour bridge works'"
    ]
