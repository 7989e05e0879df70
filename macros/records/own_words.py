"""Own words: no run of 8 or more consecutive words from an archived source appears in the editors' own text.

Summaries, notes, context, briefs, bottom lines, key questions, titles, labels, status notes, date notes,
supplied titles: everything an editor writes is checked against the archive copies of the dossier's
sources (each source's `archive:` file in the archive folder). What is not checked is an attributed
quotation: the `text` and `wording` of a statement whose `form` is `quote`, which quotes.py checks against
the same copies. A paraphrase's `text` is our words by definition, so it is checked like any other text.
Quotation marks inside a summary or a note do not make a copy ours: a quotation is a statement, with its
speaker and its source.

Words are compared casefolded, with punctuation, Markdown and typographic quote marks ignored. In
`[[kind/id|label]]` links only the label counts (the id is not prose); a bare `[[kind/id]]` is skipped.
Printed names may be repeated anywhere: each source's `title` as printed and each actor's `name`,
`aliases` and `role` (the schema asks for them as the sources spell them). A name is still a word of the
article: a copied run that goes beyond the name counts, name included; only a run that lies wholly inside
one printed name is let through.

`python -m macros check` reports each copied run at its field's line (cli.run_check).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.records.errors import DataError, dotted_path
from macros.records.load import Locator
from macros.records.schema import NOT_STATED, Actor, Record, Source, Statement, Strict, field_specs
from macros.records.validate import Dossier

RUN = 8  # the shortest run of copied words that counts as pasted prose

_LINK = re.compile(r"\[\[[a-z]+/[a-z0-9-]+(?:\|([^\]]*))?\]\]")
_WORD = re.compile(r"\w+(?:'\w+)*")
_BREAK = "\x00"  # stands where a bare link was: no run of words continues across it
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

Location = tuple[str | int, ...]


def words(text: str) -> list[str]:
    """The words of `text`, casefolded, typographic apostrophes made plain, punctuation dropped."""
    return _WORD.findall(text.casefold().translate(_APOSTROPHES))


def shingles(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


@dataclass(frozen=True)
class Stretch:
    """Words a reader reads without a break, with where each stands in `shown` (the text as read)."""

    shown: str
    words: list[str]
    spans: list[tuple[int, int]]

    def excerpt(self, start: int, end: int) -> str:
        """The words [start, end) as the editor wrote them."""
        return self.shown[self.spans[start][0] : self.spans[end - 1][1]]


def reader_text(value: str) -> list[Stretch]:
    """The stretches of words a reader sees in `value`: a bare link ends a stretch, a labelled one reads as its label."""
    shown = _LINK.sub(lambda link: link.group(1) or _BREAK, value)
    stretches = []
    for part in shown.split(_BREAK):
        found = list(_WORD.finditer(part.translate(_APOSTROPHES)))  # the same length: spans hold in `part`
        stretches.append(Stretch(part, [match.group().casefold() for match in found], [match.span() for match in found]))
    return stretches


def within_a_name(stretch: list[str], start: int, end: int, allowed: list[list[str]]) -> bool:
    """Whether the words stretch[start:end] all lie inside one occurrence of one allowed phrase."""
    for phrase in allowed:
        size = len(phrase)
        for at in range(max(0, end - size), min(start, len(stretch) - size) + 1):
            if stretch[at : at + size] == phrase:
                return True
    return False


def free_text(record: Strict, path: Location = ()) -> Iterator[tuple[Location, str]]:
    """(location, text) for every text an editor wrote in `record`: not ids, not attributed quotations."""
    references = {spec.name for spec in field_specs(type(record)) if spec.reference_kind}
    quoted = isinstance(record, Statement) and record.form == "quote"
    for name in type(record).model_fields:
        if name in references or (quoted and name == "text"):
            continue
        value = getattr(record, name)
        items: list[tuple[int | None, object]] = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for position, item in items:
            here = (*path, name) if position is None else (*path, name, position)
            if isinstance(item, str):
                yield here, item
            elif isinstance(item, Strict):
                for inner, text in free_text(item, here):
                    if not (quoted and inner[-1] == "wording"):
                        yield inner, text


@dataclass(frozen=True)
class Copy:
    """One run of copied words: where it is, how many words, from which sources, as the editor wrote it."""

    record: Record
    location: Location
    count: int
    sources: list[Source]
    excerpt: str


def copied_runs(dossier: Dossier, archive_dir: Path, allowed_phrases: tuple[str, ...] = ()) -> list[Copy]:
    """Every run of RUN or more words that an editor's text shares with an archived source.

    `allowed_phrases`: further fixed phrases that may be repeated, besides the printed names."""
    sources = [s for s in dossier.records["sources"].values() if isinstance(s, Source) and s.archive]
    archived: dict[str, set[tuple[str, ...]]] = {}
    for source in sources:
        path = archive_dir / str(source.archive)
        if str(source.archive) not in archived and path.is_file():
            try:
                archived[str(source.archive)] = shingles(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue  # an unreadable copy is reported once, by the quote check, at the source's archive: line
    phrases = {s.title for s in sources} | set(allowed_phrases) | {
        n for a in dossier.records["actors"].values() if isinstance(a, Actor) for n in (a.name, a.role or "", *a.aliases)
    }
    allowed = [named for named in (words(phrase) for phrase in phrases) if len(named) >= RUN]  # shorter ones hold no run
    found = []
    for records in dossier.records.values():
        for record in records.values():
            for location, value in free_text(record):
                for stretch in reader_text(value):
                    said = stretch.words
                    copied = {i for i in range(len(said) - RUN + 1) if any(tuple(said[i : i + RUN]) in runs for runs in archived.values())}
                    for start in sorted(p for p in copied if p - 1 not in copied):
                        end = start
                        while end + 1 in copied:
                            end += 1
                        if within_a_name(said, start, end + RUN, allowed):
                            continue
                        first = tuple(said[start : start + RUN])
                        named = [s for s in sources if first in archived.get(str(s.archive), set())]
                        found.append(Copy(record, location, end - start + RUN, named, stretch.excerpt(start, end + RUN)))
    return found


def reader_name(source: Source) -> str:
    """A source as a reader names it: its printed title in quotation marks, else our [supplied title]."""
    if source.title != NOT_STATED:
        return f"“{source.title}”"
    if source.supplied_title:
        return f"[{source.supplied_title}]"
    return f"an untitled {source.kind_name}"


def own_words_errors(dossier: Dossier, archive_dir: Path, allowed_phrases: tuple[str, ...] = ()) -> list[DataError]:
    """Each copied run as an error at its field's line:
    `text: 9 words copied from “Title” outside quotation marks: "…" (hint)`."""
    locators: dict[str, Locator] = {}
    errors = []
    for copy in copied_runs(dossier, archive_dir, allowed_phrases):
        path = copy.record.path
        if path not in locators:
            file = Path(path)
            locators[path] = Locator(file.read_text(encoding="utf-8") if file.is_file() else "")
        names = " and ".join(dict.fromkeys(reader_name(source) for source in copy.sources))
        errors.append(DataError(path, locators[path].line(copy.location), dotted_path(copy.location),
                                f"{copy.count} words copied from {names} outside quotation marks: \"{copy.excerpt}\"",
                                "record them as a quote statement that cites the source, or say it in our own words"))
    return sorted(errors)
