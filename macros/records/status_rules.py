"""A claim's status is never stronger than the evidence recorded for it: the rules, for any dossier.

The evidence on a claim is the statements whose `on_claims` name it, each with a stance (supports,
refutes, qualifies) and a speaker.

- `disputed`: evidence on both sides. At least one statement supports the claim and at least one refutes
  it, and some refuting speaker is not a supporting speaker (one voice does not make a dispute).
- `denied`: a refuting statement by the party concerned: an actor in the claim's `about`, or one connected
  to it, and not connected to the claimant.
- `refuted` / `confirmed`: a refuting (supporting) statement by a speaker connected neither to the
  claimant nor to any actor in the claim's `about`.
- `unverified` and `partly true` need no particular evidence.

"Connected" is identity, or the reachability of one actor from the other along `affiliations`, in either
direction, at any depth. Two actors that merely share a parent are not connected to each other.

`python -m macros check` reports each broken rule at the claim's `status:` line (cli.run_check).
"""

from __future__ import annotations

from macros.records.errors import DataError
from macros.records.load import Loaded, locate
from macros.records.schema import Actor, Claim, Statement
from macros.records.validate import Dossier


def _reachable(dossier: Dossier, start: str) -> set[str]:
    """`start` and every actor it belongs to through `affiliations`, at any depth."""
    actors = dossier.records["actors"]
    seen, todo = {start}, [start]
    while todo:
        actor = actors.get(todo.pop())
        for parent in actor.affiliations if isinstance(actor, Actor) else []:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def connected(dossier: Dossier, one: str, other: str) -> bool:
    return other in _reachable(dossier, one) or one in _reachable(dossier, other)


def evidence(dossier: Dossier, claim: Claim) -> list[tuple[str, str, str]]:
    """(stance, speaker, statement id) for every statement that bears on `claim`."""
    return _all_evidence(dossier).get(claim.id, [])


def _all_evidence(dossier: Dossier) -> dict[str, list[tuple[str, str, str]]]:
    """The evidence of every claim, in one pass over the statements (one pass a claim was 5,000 × 100,000
    at the synthetic dossier's largest size)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for statement in dossier.records["statements"].values():
        if isinstance(statement, Statement):
            for on in statement.on_claims:
                found.setdefault(on.claim, []).append((on.stance, statement.speaker, statement.id))
    return {claim: sorted(items) for claim, items in found.items()}


def _party(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    """The speaker is, belongs to, or speaks for an actor the claim is about."""
    return any(connected(dossier, speaker, actor) for actor in claim.about)


def _claimant_side(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    return connected(dossier, speaker, claim.claimant)


def _independent(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    return not _party(dossier, claim, speaker) and not _claimant_side(dossier, claim, speaker)


def status_problem(dossier: Dossier, claim: Claim, found: list[tuple[str, str, str]] | None = None) -> str | None:
    """What the evidence lacks for the claim's status, or None when the status is backed. `found`: the claim's
    evidence when the caller has it (status_problems reads every claim's at once)."""
    found = evidence(dossier, claim) if found is None else found
    supporters = {speaker for stance, speaker, _ in found if stance == "supports"}
    refuters = {speaker for stance, speaker, _ in found if stance == "refutes"}
    if claim.status == "disputed" and not (supporters and refuters - supporters):
        return (f"needs a supporting and a refuting statement by different speakers "
                f"(supports: {sorted(supporters)}, refutes: {sorted(refuters)})")
    if claim.status == "denied" and not any(_party(dossier, claim, s) and not _claimant_side(dossier, claim, s) for s in refuters):
        return (f"needs a refuting statement by the party concerned ({', '.join(claim.about) or 'about is empty'}), "
                f"not the claimant (refutes: {sorted(refuters)})")
    if claim.status == "refuted" and not any(_independent(dossier, claim, s) for s in refuters):
        return ("needs a refuting statement by a speaker independent of the claimant and of "
                f"the party concerned (refutes: {sorted(refuters)})")
    if claim.status == "confirmed" and not any(_independent(dossier, claim, s) for s in supporters):
        return ("needs a supporting statement by a speaker independent of the claimant and of "
                f"the party concerned (supports: {sorted(supporters)})")
    return None


def status_problems(dossier: Dossier) -> list[str]:
    """One message per claim whose status is stronger than its recorded evidence: `claims/<id>: status <s>: …`."""
    problems = []
    found = _all_evidence(dossier)
    for claim in sorted(dossier.records["claims"].values(), key=lambda c: c.id):
        if isinstance(claim, Claim) and (problem := status_problem(dossier, claim, found.get(claim.id, []))) is not None:
            problems.append(f"claims/{claim.id}: status {claim.status}: {problem}")
    return problems


def status_errors(dossier: Dossier, loaded: Loaded) -> list[DataError]:
    """The same, as errors at each claim's `status:` line (`loaded`: the files the dossier was validated from)."""
    files = {(raw.kind, raw.id): raw for raw in loaded.records}
    errors = []
    found = _all_evidence(dossier)
    for claim in sorted(dossier.records["claims"].values(), key=lambda c: c.id):
        if isinstance(claim, Claim) and (problem := status_problem(dossier, claim, found.get(claim.id, []))) is not None:
            raw = files.get(("claims", claim.id))
            path, line = (raw.path, locate(raw.text, ("status",))) if raw else (f"claims/{claim.id}", 0)
            errors.append(DataError(path, line, "status", f"'{claim.status}' is stronger than the recorded evidence: it {problem}",
                                    "record the statements bearing on the claim (their on_claims), or choose a weaker status"))
    return errors
