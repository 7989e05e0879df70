"""What a record is called where it is shown: its title, heading, one-line summary, a source's citation
line, and how one wording differs from another."""

from __future__ import annotations

import difflib

from macros.records.bidi import isolated
from macros.records.dates import format_date, format_date_stated
from macros.records.index import DossierIndex
from macros.records.schema import NOT_STATED, Claim, Record, Source, Statement
from macros.site.lists import excerpt
from macros.site.numbers import quantity_text
from macros.site.text import WHITESPACE


def page_of(record: Record, index: DossierIndex) -> str:
    """The docs-relative Markdown path of a record: its own page, or its anchor on a list page (the part
    of its kind's index that lists it, where that index is split: `DossierIndex.row_pages`)."""
    part = index.row_pages.get((record.folder, record.id))
    return f"/{part}#{record.folder}-{record.id}" if part else record.page_path


# A source's kind as a reader names it in a citation: the names live with the kind (the home page counts by them too).
SOURCE_KIND_LABELS = Source.kind_names


def source_kind_label(source: Source) -> str:
    return SOURCE_KIND_LABELS.get(source.kind, source.kind)


class Words:
    """How the parts of records' titles and hover lines read on this site (schema.Words): each kind says
    which parts its own are made of (`Record.title_for`, `Record.summary_for`)."""

    __slots__ = ("index",)  # one is made for every title on every page: kept as light as a tuple

    def __init__(self, index: DossierIndex | None) -> None:
        self.index = index

    # Each part taken from data is isolated (bidi.isolated): a title composes it with the engine's words.
    def name(self, actor_id: str) -> str:
        return isolated(self._index.get("actors", actor_id).name)  # type: ignore[attr-defined]  # an actor id names an Actor

    def date(self, date: str | None) -> str:
        return format_date(date)

    def date_stated(self, date: str | None) -> str:
        return format_date_stated(date)

    def statement_date(self, statement_id: str | None) -> str | None:
        return self._index.get("statements", statement_id).__dict__.get("date") if statement_id else None

    def excerpt(self, text: str) -> str:
        return isolated(excerpt(text))

    def quantity(self, value: float, unit: str, qualifier: str) -> str:
        return quantity_text(value, unit, qualifier)

    def source_title(self, source: Source) -> str:
        return source_title(source, self.index)

    def source_summary(self, source: Source) -> str:
        return source_summary(self._index, source)

    @property
    def _index(self) -> DossierIndex:
        if self.index is None:
            raise ValueError("naming another record needs the dossier's index")
        return self.index


class _WholeWords(Words):
    """Words that never shorten: a reference names what it cites in full (a statement's whole quotation), since
    the reference list, its in-place popover and its print are where a reader checks the words."""

    __slots__ = ()

    def excerpt(self, text: str) -> str:
        return WHITESPACE.sub(" ", text).strip()


_WITHOUT_INDEX = Words(None)


def title_of(record: Record, index: DossierIndex | None = None) -> str:
    """The human title of any record. A source without a printed title gets the editors' supplied title
    in [square brackets] (the cataloguers' convention for a title not in the item), or else a bracketed
    description from its kind, outlet (when `index` can name it) and date: never a file name or an id."""
    return record.title_for(_WITHOUT_INDEX if index is None else Words(index))


def heading_of(index: DossierIndex, record: Record) -> str:
    """The heading of a record's own page: its title, except a claim's, which leads with its status
    (Claim.verdict_title), and a statement's, which says who spoke, when and on what (the words themselves
    are printed whole below it, and `title_of` gives them to links)."""
    if isinstance(record, Claim):
        return record.verdict_title
    if not isinstance(record, Statement):
        return isolated(title_of(record, index))  # a whole, isolated where composed with other words (a citation)
    speaker = isolated(index.get("actors", record.speaker).name)  # type: ignore[attr-defined]
    when = "date not stated" if record.date == NOT_STATED else format_date(record.date)
    subject = isolated(record.subject) if record.subject else _subject_from_about(index, record)
    return f"{speaker}, {when}: {subject}" if subject else f"{speaker}, {when}"


def _subject_from_about(index: DossierIndex, statement: Statement) -> str:
    """'on A, B and C' from the actors a statement is about: what the record itself says it is on."""
    names = [isolated(str(index.get("actors", actor_id).name)) for actor_id in statement.about if actor_id != statement.speaker]  # type: ignore[attr-defined]
    if not names:
        return ""
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} others"]
    return "on " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def summary_of(index: DossierIndex, record: Record) -> str:
    """One line about a record, for hover previews."""
    return record.summary_for(Words(index))


def source_title(source: Source, index: DossierIndex | None = None) -> str:
    if source.title != NOT_STATED:
        return source.title
    if source.supplied_title:
        return f"[{isolated(source.supplied_title)}]"
    outlet = source_outlet(index, source) if index is not None else None
    parts = [f"Untitled {source_kind_label(source)}", outlet, None if source.published == NOT_STATED else format_date(source.published)]
    return "[" + ", ".join(part for part in parts if part) + "]"


def source_brief(index: DossierIndex, source: Source) -> str:
    """A source in a few words, as a citation beside a record names it: 'news report, Trend, 5 January 2026'."""
    parts = [source_kind_label(source), source_outlet(index, source),
             None if source.published == NOT_STATED else format_date(source.published)]
    return ", ".join(part for part in parts if part)


def sources_behind(record: Record) -> list[str]:
    """The ids of the sources a record rests on, first the one that printed or gave it."""
    if isinstance(record, Statement):
        return list(dict.fromkeys(report.source for report in record.reported_in))
    return list(record.__dict__.get("sources") or [])


# The outlet's and author's names, isolated (bidi.isolated): a citation line composes them with a date.
def source_outlet(index: DossierIndex | None, source: Source) -> str | None:
    return isolated(index.get("actors", source.outlet).name) if index is not None and source.outlet != NOT_STATED else None  # type: ignore[attr-defined]


def source_author(index: DossierIndex | None, source: Source) -> str | None:
    return isolated(index.get("actors", source.author).name) if index is not None and source.author != NOT_STATED else None  # type: ignore[attr-defined]


def source_not_stated(source: Source) -> list[str]:
    """What the source itself does not state, in the order a citation gives it: said once, as one list."""
    missing = [name for name, value in (("title", source.title), ("outlet", source.outlet), ("author", source.author),
                                        ("date", source.published)) if value == NOT_STATED]
    if not source.url:
        missing.append("web address")
    return missing


def source_summary(index: DossierIndex, source: Source) -> str:
    """A source as a reader cites it, in one line: kind, outlet, author, date; what it does not state, once."""
    parts = [source_kind_label(source).capitalize(), source_outlet(index, source), source_author(index, source)]
    if source.published != NOT_STATED:
        parts.append(format_date(source.published))
    line = " · ".join(part for part in parts if part)
    missing = [name for name in source_not_stated(source) if name not in ("title", "web address")]
    return f"{line}. Not stated in the source: {', '.join(missing)}" if missing else line


# Where a wording leaves words out: highlighted like a changed word, and not by colour alone: the editorial
# "[…]", which a screen reader is spared for the words "left out here". The words themselves follow the wording.
CUT_HTML = ('<mark class="dossier-cut" data-search-exclude><span aria-hidden="true">[…]</span>'
            '<span class="dossier-visually-hidden">(left out here)</span></mark>')


def left_out_words(canonical: str, variant: str) -> list[str]:
    """The runs of the canonical wording's words a variant leaves out, with nothing in their place."""
    base, other = canonical.split(), variant.split()
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in base], b=[w.casefold() for w in other], autojunk=False)
    return [" ".join(base[i1:i2]) for op, i1, i2, _, _ in matcher.get_opcodes() if op == "delete"]


def diff_words(canonical: str, variant: str) -> list[tuple[str, str]]:
    """Word-level diff of a variant against the canonical wording: [(op, words)], op in same|changed|cut;
    a cut holds the canonical words the variant leaves out at that place, with nothing in their stead."""
    base, other = canonical.split(), variant.split()
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in base], b=[w.casefold() for w in other], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if j1 == j2:
            pieces.append(("cut", " ".join(base[i1:i2])))
        else:
            pieces.append(("same" if op == "equal" else "changed", " ".join(other[j1:j2])))
    return pieces
