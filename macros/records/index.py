"""Stage 3: cross-references computed once, both ways, from the single direction the records store.

Nobody writes a backlink: a statement names its speaker, and the speaker's profile lists the statement
because `DossierIndex` inverted the edge.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from macros.records.dates import format_date
from macros.records.errors import plural
from macros.records.schema import KINDS, MODELS, NOT_STATED, Actor, Claim, Event, Figure, Record, Source, Statement, Topic, date_start_key
from macros.records.schema import date_key as date_key  # re-exported: pages and exports sort by it too
from macros.records.validate import Dossier, Edge

R = TypeVar("R", bound=Record)

# The fields holding the date a record's evidence carries: when it was said, published, happened, made, or
# what a figure refers to. Never a claim's status history (a correction's or review's date) or a review date.
EVIDENCE_DATE_FIELDS = ("date", "published", "first_made", "as_of")


def evidence_date(record: Record) -> str | None:
    """The date of the evidence a record is, if it carries one (actors and briefs carry none)."""
    fields = record.__dict__
    for name in EVIDENCE_DATE_FIELDS:
        value = fields.get(name)
        if isinstance(value, str) and value != NOT_STATED:
            return value
    return None


def evidence_period(records: Iterable[Record]) -> tuple[str, str] | None:
    """(earliest, latest) evidence date among `records`, by where each date's span begins and ends."""
    dates = {date for date in map(evidence_date, records) if date}
    if not dates:
        return None
    # Both ends by where a span begins: a year alone ("2026") must not stretch the period past the
    # precise dates it holds ("to 2026" when the latest dated evidence is of February 2026).
    return min(dates, key=date_start_key), max(dates, key=lambda date: (date_start_key(date), -len(date)))


def record_date(record: Record) -> str | None:
    """The latest date a record itself carries, if any (for "as of" lines and the feed)."""
    # Fields straight from the model's __dict__: getattr() on a field a kind lacks goes through
    # pydantic's slow __getattr__, and this runs for every link on every page.
    fields = record.__dict__
    dates = [fields.get(name) for name in ("date", "published", "first_made", "as_of")]
    if isinstance(record, Claim):
        dates += [change.date for change in record.history]
    known = [d for d in dates if isinstance(d, str) and d != NOT_STATED]
    return max(known, key=date_key) if known else None


@dataclass(frozen=True)
class Tally:
    """Evidence counted by what is independent in it (`DossierIndex.tally`)."""

    statements: int
    speakers: int
    sources: int
    by_claimant: bool = False  # the claimant is one of the speakers

    def text(self) -> str:
        """'4 statements by 1 speaker, in 1 source'; '2 statements by 1 speaker (the claimant), in 3 sources'; 'none'."""
        if not self.statements:
            return "none"
        who = plural(self.speakers, "speaker")
        if self.by_claimant:
            who += " (the claimant)" if self.speakers == 1 else ", one the claimant"
        return f"{plural(self.statements, 'statement')} by {who}, in {plural(self.sources, 'source')}"


class HomeWords:
    """Counts and dates as the home page's key facts print them (schema.FactWords)."""

    def count(self, number: int, noun: str) -> str:
        return plural(number, noun)

    def date(self, date: str | None) -> str:
        return format_date(date)


@dataclass(frozen=True)
class HomeFact:
    """One kind on the home page's key facts: its count, linking its index page, and what follows."""

    count: str
    index_page: str
    detail: str


@dataclass(frozen=True)
class HomeFacts:
    own_lines: list[HomeFact]  # the kinds with more to say than their count, a line each
    shared_line: list[HomeFact]  # the others, counted together on the last line


@dataclass(frozen=True)
class Stance:
    statement: Statement
    claim: Claim
    stance: str


class _Listed(Generic[R]):
    """`index.<folder>`: the records of one kind, sorted by the kind's own key."""

    def __init__(self, model: type[R]) -> None:
        self.model = model

    def __get__(self, index: DossierIndex, owner: type | None = None) -> list[R]:
        return index.listed(self.model.folder)  # type: ignore[return-value]  # every record of the kind's folder is of its model


class DossierIndex:
    """Read-only lookups over a validated dossier. Built once per build; every list is sorted."""

    def __init__(self, dossier: Dossier):
        self.dossier = dossier
        # (kind, id) → the docs path of the index part whose table holds the row of a record without a page
        # of its own (`listed_on_index`), where its kind's index is split; absent, its kind's index page.
        # The site's renderer fills it (macros/site/index_parts.py decides the parts): links follow it.
        self.row_pages: dict[tuple[str, str], str] = {}
        self._incoming: dict[tuple[str, str], list[Edge]] = defaultdict(list)
        for edge in dossier.edges:
            self._incoming[(edge.target_kind, edge.target_id)].append(edge)

    # --- records -------------------------------------------------------------------------------
    def all(self, kind: str) -> list[Record]:
        return sorted(self.dossier.records[kind].values(), key=lambda r: r.id)

    def get(self, kind: str, record_id: str) -> Record:
        record = self.dossier.get(kind, record_id)
        if record is None:
            raise KeyError(f"no {kind} record '{record_id}'")
        return record

    def resolve(self, kind: str, ids: Iterable[str]) -> list[Record]:
        return [self.get(kind, record_id) for record_id in ids]

    def listed(self, kind: str) -> list[Record]:
        """A kind's records in the order its model gives (`Record.sort_key`)."""
        return sorted(self.dossier.records[kind].values(), key=MODELS[kind].sort_key)

    # Typed names for templates and callers; the order is the kind's own.
    actors = _Listed(Actor)
    claims = _Listed(Claim)
    statements = _Listed(Statement)
    events = _Listed(Event)
    figures = _Listed(Figure)
    sources = _Listed(Source)
    topics = _Listed(Topic)

    def home_facts(self) -> HomeFacts:
        """What the home page's key facts say of each kind, in the kinds' nav order (`Record.home_fact`)."""
        own_lines: list[HomeFact] = []
        shared_line: list[HomeFact] = []
        for model in sorted(MODELS.values(), key=lambda model: model.nav_position):
            records = self.listed(model.folder)
            detail = model.home_fact(records, HomeWords())
            if detail is None:
                continue
            fact = HomeFact(plural(len(records), model.home_noun or model.singular), f"/{model.folder}/index.md", detail)
            (own_lines if detail else shared_line).append(fact)
        return HomeFacts(own_lines, shared_line)

    def timeline(self, events: Sequence[Event] | None = None) -> list[tuple[str, list[Event]]]:
        """Events (all, or `events` in the kind's order) grouped by month, or by year where only the year is
        known, oldest first."""
        groups: list[tuple[str, list[Event]]] = []
        for event in self.events if events is None else events:
            heading = format_date(event.date[:7])
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append(event)
        return groups

    @staticmethod
    def chronological(records: Iterable[R]) -> list[R]:
        return sorted(records, key=lambda r: (date_key(r.__dict__.get("date")), r.id))  # __dict__: see record_date

    # --- backlinks -----------------------------------------------------------------------------
    def referrers(self, record: Record, from_kind: str | None = None, via: str | None = None) -> list[Record]:
        """Records pointing at `record`, optionally only from one kind and through one field."""
        found: dict[tuple[str, str], Record] = {}
        for edge in self._incoming.get((record.folder, record.id), ()):
            if (from_kind is None or edge.source.folder == from_kind) and (via is None or edge.field == via):
                found[(edge.source.folder, edge.source.id)] = edge.source
        return sorted(found.values(), key=lambda r: (r.folder, date_key(r.__dict__.get("date")), r.id))

    def referrers_of(self, model: type[R], record: Record, via: str | None) -> list[R]:
        """`referrers` from one kind, typed as its model."""
        return typing.cast(list[R], self.referrers(record, model.folder, via))  # a kind's records are of its model

    def get_as(self, model: type[R], record_id: str) -> R:
        """`get`, typed as the kind's model."""
        return typing.cast(R, self.get(model.folder, record_id))

    def statements_by(self, actor: Actor) -> list[Statement]:
        return self.chronological(self.referrers_of(Statement, actor, "speaker"))

    def statements_about(self, actor: Actor) -> list[Statement]:
        return self.chronological(self.referrers_of(Statement, actor, "about"))

    def claims_by(self, actor: Actor) -> list[Claim]:
        return self.referrers_of(Claim, actor, "claimant")

    def claims_about(self, actor: Actor) -> list[Claim]:
        return self.referrers_of(Claim, actor, "about")

    def events_with(self, actor: Actor) -> list[Event]:
        return self.chronological(self.referrers_of(Event, actor, "actors"))

    def sources_published_by(self, actor: Actor) -> list[Source]:
        return self.referrers_of(Source, actor, "outlet")

    def sources_written_by(self, actor: Actor) -> list[Source]:
        return self.referrers_of(Source, actor, "author")

    def members(self, actor: Actor) -> list[Actor]:
        return self.referrers_of(Actor, actor, "affiliations")

    def figures_about(self, actor: Actor) -> list[Figure]:
        return self.referrers_of(Figure, actor, "actors")

    def mentions(self, record: Record) -> list[Record]:
        """Records whose prose links to `record` with [[kind/id]]."""
        return self.referrers(record, via="prose")

    def stances_by(self, actor: Actor) -> list[Stance]:
        """The actor's statements taking a position on a claim: 'cited for' or 'against'."""
        return [stance for statement in self.statements_by(actor) for stance in self.stances_in(statement)]

    def stances_in(self, statement: Statement) -> list[Stance]:
        return [Stance(statement, self.get_as(Claim, entry.claim), entry.stance) for entry in statement.on_claims]

    def evidence(self, claim: Claim) -> dict[str, list[Statement]]:
        """Statements supporting, refuting and qualifying a claim, derived from the statements' on_claims."""
        grouped: dict[str, list[Statement]] = {"supports": [], "refutes": [], "qualifies": []}
        for edge in self._incoming.get(("claims", claim.id), ()):
            if edge.field == "on_claims" and edge.detail is not None:
                grouped[edge.detail.stance].append(edge.source)  # type: ignore[attr-defined,arg-type]  # an on_claims edge comes from a Statement and carries its ClaimStance
        return {stance: self.chronological({s.id: s for s in statements}.values()) for stance, statements in grouped.items()}

    def weighed_evidence(self, claim: Claim) -> dict[str, list[Statement]]:
        """`evidence`, without the claim's own origin: the statement in which a claim was first made is the
        claim, never evidence for it (the claim page names it apart, as where the claim was first made)."""
        return {stance: [statement for statement in statements if statement.id != claim.origin]
                for stance, statements in self.evidence(claim).items()}

    def tally(self, statements: list[Statement], claim: Claim | None = None) -> Tally:
        """How much a list of statements weighs: the statements, their distinct speakers, and the distinct
        sources that report them (four statements from one interview are one speaker in one source); with
        `claim`, whether its claimant is among the speakers (repeating a claim does not support it)."""
        speakers = {statement.speaker for statement in statements}
        sources = {reported.source for statement in statements for reported in statement.reported_in}
        return Tally(len(statements), len(speakers), len(sources), claim is not None and claim.claimant in speakers)

    def first_made_label(self, claim: Claim) -> str:
        """'First made' when the claim's origin statement is dated as the claim is; otherwise the date is
        when the sources first reported it: 'First reported'."""
        return claim.first_made_label(self.get("statements", claim.origin).__dict__.get("date") if claim.origin else None)

    def citing(self, source: Source) -> dict[str, list[Record]]:
        """Every record citing a source, by kind (statements through reported_in)."""
        grouped: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        for record in self.referrers(source):
            grouped[record.folder].append(record)
        return grouped

    def statements_at(self, event: Event) -> list[Statement]:
        return self.chronological(self.referrers_of(Statement, event, "event"))

    def claims_from(self, statement: Statement) -> list[Claim]:
        return self.referrers_of(Claim, statement, "origin")

    def figures_from(self, statement: Statement) -> list[Figure]:
        return self.referrers_of(Figure, statement, "statement")

    def in_topic(self, topic: Topic) -> dict[str, list[Record]]:
        """Records tagged with a topic, by kind."""
        grouped: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        for record in self.referrers(topic, via="topics"):
            grouped[record.folder].append(record)
        return grouped

    def sources_behind(self, records: Iterable[Record]) -> list[Source]:
        """The sources that the given records cite (a source cites itself), oldest first."""
        found: dict[str, Source] = {}
        for record in records:
            if isinstance(record, Source):
                found[record.id] = record
            ids = [r.source for r in record.reported_in] if isinstance(record, Statement) else getattr(record, "sources", [])
            for source_id in ids:
                found[source_id] = self.get_as(Source, source_id)
        return sorted(found.values(), key=Source.sort_key)

    def linked_from(self, record: Record) -> list[Record]:
        """Records that `record`'s prose links to with [[kind/id]], in a stable order."""
        targets = {(e.target_kind, e.target_id) for e in self.dossier.edges if e.source is record and e.field == "prose"}
        return [self.get(kind, record_id) for kind, record_id in sorted(targets)]

    def related_topics(self, topic: Topic) -> list[Topic]:
        """Related both ways: listed in `related`, or listing this topic in theirs."""
        ids = set(topic.related) | {t.id for t in self.referrers(topic, "topics", "related")}
        return sorted((self.get_as(Topic, i) for i in ids), key=lambda t: t.id)
