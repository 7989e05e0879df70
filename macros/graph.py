"""Who speaks about whom, who disputes whose claim, who belongs to what: actor relations from records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .index import DossierIndex
from .schema import Actor, Claim, Statement, Topic

MAX_EDGES = 40  # beyond this a diagram stops being readable; the lists on the page remain complete


@dataclass(frozen=True, order=True)
class Relation:
    source: str  # actor id
    label: str
    target: str  # actor id


def _statement_relations(index: DossierIndex, statement: Statement) -> Iterable[Relation]:
    for actor_id in statement.about:
        if actor_id != statement.speaker:
            yield Relation(statement.speaker, "spoke about", actor_id)
    for stance in index.stances_in(statement):
        if stance.claim.claimant != statement.speaker:
            label = {"supports": "backs claim of", "refutes": "disputes claim of", "qualifies": "qualifies claim of"}[stance.stance]
            yield Relation(statement.speaker, label, stance.claim.claimant)


def _claim_relations(claim: Claim) -> Iterable[Relation]:
    for actor_id in claim.about:
        if actor_id != claim.claimant:
            yield Relation(claim.claimant, "made a claim about", actor_id)


def actor_relations(index: DossierIndex, actor: Actor) -> list[Relation]:
    """Every relation with `actor` at one end."""
    relations: set[Relation] = set()
    relations.update(Relation(actor.id, "member of", other) for other in actor.affiliations)
    relations.update(Relation(member.id, "member of", actor.id) for member in index.members(actor))
    statements = {s.id: s for s in [*index.statements_by(actor), *index.statements_about(actor)]}
    for stance_statement in index.referrers(actor, "statements"):
        statements.setdefault(stance_statement.id, stance_statement)  # type: ignore[arg-type]
    for claim in [*index.claims_by(actor), *index.claims_about(actor)]:
        relations.update(_claim_relations(claim))
        for group in index.evidence(claim).values():
            for statement in group:
                statements.setdefault(statement.id, statement)
    for statement in statements.values():
        relations.update(_statement_relations(index, statement))
    return sorted(r for r in relations if actor.id in (r.source, r.target))[:MAX_EDGES]


def topic_relations(index: DossierIndex, topic: Topic) -> list[Relation]:
    """Relations arising from the statements and claims tagged with a topic."""
    tagged = index.in_topic(topic)
    relations: set[Relation] = set()
    for statement in tagged["statements"]:
        relations.update(_statement_relations(index, statement))  # type: ignore[arg-type]
    for claim in tagged["claims"]:
        relations.update(_claim_relations(claim))  # type: ignore[arg-type]
    return sorted(relations)[:MAX_EDGES]


def mermaid_label(text: str) -> str:
    """Mermaid-safe text: every character that is not a letter, digit or space becomes an entity code."""
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in text)


def mermaid(index: DossierIndex, relations: list[Relation]) -> str:
    """A Mermaid flowchart of the relations, actors named by their display names."""
    ids: dict[str, str] = {}
    lines = ["graph LR"]
    for relation in relations:
        for actor_id in (relation.source, relation.target):
            if actor_id not in ids:
                ids[actor_id] = f"a{len(ids)}"
                name = index.get("actors", actor_id).name  # type: ignore[attr-defined]
                lines.append(f'  {ids[actor_id]}["{mermaid_label(name)}"]')
    for relation in relations:
        lines.append(f'  {ids[relation.source]} -->|"{mermaid_label(relation.label)}"| {ids[relation.target]}')
    return "\n".join(lines)
