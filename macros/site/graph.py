"""Who speaks about whom, who disputes whose claim, who belongs to what: actor relations from records,
and the diagram drawn from them.

A relation sums every record behind it ("made 3 statements about"), so the list of relations under a
diagram is complete and short. The diagram draws one edge per pair of actors and at most MAX_NODES actors,
the most connected; when that leaves fewer than three actors or a single edge it is not drawn: the list
says the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.records.bidi import isolated
from macros.records.index import DossierIndex
from macros.records.schema import Actor, Claim, Record, Statement, Topic

MAX_NODES = 15  # beyond this a diagram stops being readable; the list under it stays complete
MAX_EDGES = 20  # the same for lines: the strongest links are drawn

MEMBER_OF = "member of"
SPOKE_ABOUT = "spoke about"
CLAIMED_ABOUT = "claimed about"
_STANCE_KIND = {"supports": "backs", "refutes": "disputes", "qualifies": "qualifies"}
# The order of the parts of an edge's label: what was said, then claimed, then stances, then membership.
_LABEL_ORDER = {SPOKE_ABOUT: 0, CLAIMED_ABOUT: 1, "backs": 2, "disputes": 3, "qualifies": 4, MEMBER_OF: 5}

# kind → (what the list says, singular/plural of the records counted) and what an edge label says.
_RECORDS = {SPOKE_ABOUT: ("statement", "statements"), CLAIMED_ABOUT: ("claim", "claims")}


@dataclass(frozen=True, order=True)
class Relation:
    source: str  # actor id
    kind: str  # MEMBER_OF, SPOKE_ABOUT, CLAIMED_ABOUT, or a stance on claims: backs, disputes, qualifies
    target: str  # actor id
    count: int = 1  # the records behind it: statements, or the claims a stance bears on
    # The statements and claims counted: a page showing the relation depends on them, though it links none
    # of them (under `mkdocs serve`, editing one must render that page again: site.RenderCache).
    behind: tuple[Record, ...] = field(default=(), compare=False, repr=False)

    @property
    def label(self) -> str:
        """What an edge says: '3 statements about', 'disputes 2 claims of', 'member of'."""
        if self.kind == MEMBER_OF:
            return MEMBER_OF
        if self.kind in _RECORDS:
            singular, many = _RECORDS[self.kind]
            return f"{self.count} {singular if self.count == 1 else many} about"
        return f"{self.kind} {'a claim' if self.count == 1 else f'{self.count} claims'} of"

    @property
    def phrase(self) -> str:
        """What the list says between the two names: 'made 3 statements about', 'is a member of'."""
        if self.kind == MEMBER_OF:
            return "is a member of"
        if self.kind in _RECORDS:
            singular, many = _RECORDS[self.kind]
            return f"made a {singular} about" if self.count == 1 else f"made {self.count} {many} about"
        return self.label


class _Tally:
    """The records behind each (source, kind, target), so each record counts once, and the records each
    relation was read from (a stance counts the claim, and depends on every statement taking it)."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.read_from: dict[tuple[str, str, str], list[Record]] = defaultdict(list)

    def add(self, source: str, kind: str, target: str, record_id: str, record: Record | None = None) -> None:
        if source != target:
            self.records[(source, kind, target)].add(record_id)
            if record is not None:
                self.read_from[(source, kind, target)].append(record)

    def relations(self) -> list[Relation]:
        return sorted(Relation(*key, len(ids), tuple(self.read_from[key])) for key, ids in self.records.items())


def _add_statement(tally: _Tally, index: DossierIndex, statement: Statement) -> None:
    for actor_id in statement.about:
        tally.add(statement.speaker, SPOKE_ABOUT, actor_id, statement.id, statement)
    for stance in index.stances_in(statement):
        tally.add(statement.speaker, _STANCE_KIND[stance.stance], stance.claim.claimant, stance.claim.id, statement)


def _add_claim(tally: _Tally, claim: Claim) -> None:
    for actor_id in claim.about:
        tally.add(claim.claimant, CLAIMED_ABOUT, actor_id, claim.id, claim)


def actor_relations(index: DossierIndex, actor: Actor) -> list[Relation]:
    """Every relation with `actor` at one end."""
    tally = _Tally()
    for other in actor.affiliations:
        tally.add(actor.id, MEMBER_OF, other, other)
    for member in index.members(actor):
        tally.add(member.id, MEMBER_OF, actor.id, member.id)
    statements = {s.id: s for s in [*index.statements_by(actor), *index.statements_about(actor)]}
    for stance_statement in index.referrers_of(Statement, actor, None):
        statements.setdefault(stance_statement.id, stance_statement)
    for claim in [*index.claims_by(actor), *index.claims_about(actor)]:
        _add_claim(tally, claim)
        for group in index.evidence(claim).values():
            for statement in group:
                statements.setdefault(statement.id, statement)
    for statement in statements.values():
        _add_statement(tally, index, statement)
    return [r for r in tally.relations() if actor.id in (r.source, r.target)]


def topic_relations(index: DossierIndex, topic: Topic) -> list[Relation]:
    """Relations arising from the statements and claims tagged with a topic."""
    tagged = index.in_topic(topic)
    tally = _Tally()
    for statement in tagged["statements"]:
        _add_statement(tally, index, statement)  # type: ignore[arg-type]  # in_topic groups records by kind: these are Statements
    for claim in tagged["claims"]:
        _add_claim(tally, claim)  # type: ignore[arg-type]  # and these Claims
    return tally.relations()


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    both_ways: bool


@dataclass(frozen=True)
class Diagram:
    nodes: list[str]  # actor ids, the most connected first
    edges: list[Edge]  # one per pair of actors
    left_out: int = field(default=0)  # actors in the relations but not in the diagram
    edges_left_out: int = field(default=0)  # links between drawn actors too weak to be drawn


def diagram(relations: Iterable[Relation], keep: str | None = None) -> Diagram | None:
    """The diagram of `relations`: one edge per pair, labelled with every relation between the two, and
    the MAX_NODES most connected actors (`keep`, the page's own actor, always). None when it would show
    fewer than three actors or a single edge."""
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    weight: dict[str, int] = defaultdict(int)
    for relation in relations:
        first, second = sorted((relation.source, relation.target))
        by_pair[(first, second)].append(relation)
        weight[relation.source] += relation.count
        weight[relation.target] += relation.count
    ranked = sorted(weight, key=lambda actor_id: (actor_id != keep, -weight[actor_id], actor_id))
    nodes = ranked[:MAX_NODES]
    kept = set(nodes)
    weighed: list[tuple[int, Edge]] = []
    for (one, other), between in sorted(by_pair.items()):
        if one not in kept or other not in kept:
            continue
        between = sorted(between, key=lambda r: (_LABEL_ORDER.get(r.kind, 9), r.kind))
        # Drawn from the actor behind most of the relations; the others are marked "back:".
        forward = max((one, other), key=lambda actor_id: (sum(r.count for r in between if r.source == actor_id), actor_id == one))
        ahead = [r.label for r in between if r.source == forward]
        back = [r.label for r in between if r.source != forward]
        label = ", ".join(ahead) + (f"; back: {', '.join(back)}" if back else "")
        weighed.append((sum(r.count for r in between), Edge(forward, other if forward == one else one, label, bool(back))))
    strongest = sorted(weighed, key=lambda pair: -pair[0])[:MAX_EDGES]  # a stable sort: ties keep pair order
    edges = [edge for _, edge in weighed if any(edge is kept_edge for _, kept_edge in strongest)]
    linked = {actor_id for edge in edges for actor_id in (edge.source, edge.target)}
    nodes = [actor_id for actor_id in nodes if actor_id in linked]  # whose every partner was cut
    if len(nodes) < 3 or len(edges) < 2:
        return None
    return Diagram(nodes, edges, len(ranked) - len(nodes), len(weighed) - len(edges))


def mermaid_label(text: str) -> str:
    """Mermaid-safe text: every character that is not a letter, digit or space becomes an entity code."""
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in text)


def mermaid(index: DossierIndex, drawn: Diagram) -> str:
    """A Mermaid flowchart of the diagram, actors named by their display names."""
    ids = {actor_id: f"a{number}" for number, actor_id in enumerate(drawn.nodes)}
    lines = ["graph LR"]
    for actor_id, node in ids.items():
        name = index.get_as(Actor, actor_id).name
        lines.append(f'  {node}["{mermaid_label(isolated(name))}"]')  # a label is text in an SVG: the isolates as characters
    for edge in drawn.edges:
        arrow = "<-->" if edge.both_ways else "-->"
        lines.append(f'  {ids[edge.source]} {arrow}|"{mermaid_label(edge.label)}"| {ids[edge.target]}')
    return "\n".join(lines)
