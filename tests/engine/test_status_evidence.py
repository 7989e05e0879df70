"""A claim's status is never stronger than the evidence recorded for it.

The evidence on a claim is the statements whose `on_claims` name it, each with a stance (supports,
refutes, qualifies) and a speaker. The rules, for any dossier:

- `disputed`: evidence on both sides. At least one statement supports the claim and at least one refutes
  it, and some refuting speaker is not a supporting speaker (one voice does not make a dispute).
- `denied`: a refuting statement by the party concerned. The party concerned is the set of actors in the
  claim's `about`. A speaker belongs to it when the speaker is one of those actors, or is connected to one
  of them through `affiliations` in either direction, at any depth: an official speaks for the state he
  serves (Presidential Assistant → Presidential Administration → the state), and a state speaks for its
  officials. A denial by the claimant, or by anyone connected to the claimant that way, does not count.
- `refuted` / `confirmed`: independent evidence. A refuting (for `refuted`) or supporting (for
  `confirmed`) statement whose speaker is connected, in the same sense, neither to the claimant nor to
  any actor in the claim's `about`. The claimant repeating a claim is not confirmation, and the accused
  party's denial is not refutation.
- `unverified` and `partly true` need no particular evidence (`partly true` is explained in its note).

"Connected" is identity, or the reachability of one actor from the other along `affiliations`. Two
actors that merely share a parent (two officials of one state) are not connected to each other.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.pipeline import check
from macros.schema import Actor, Claim, Statement
from macros.validate import Dossier


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
    found = []
    for statement in dossier.records["statements"].values():
        assert isinstance(statement, Statement)
        found += [(on.stance, statement.speaker, statement.id) for on in statement.on_claims if on.claim == claim.id]
    return sorted(found)


def _party(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    """The speaker is, belongs to, or speaks for an actor the claim is about."""
    return any(connected(dossier, speaker, actor) for actor in claim.about)


def _claimant_side(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    return connected(dossier, speaker, claim.claimant)


def _independent(dossier: Dossier, claim: Claim, speaker: str) -> bool:
    return not _party(dossier, claim, speaker) and not _claimant_side(dossier, claim, speaker)


def status_problems(dossier: Dossier) -> list[str]:
    """One message per claim whose status is stronger than its recorded evidence."""
    problems = []
    for claim in sorted(dossier.records["claims"].values(), key=lambda c: c.id):
        assert isinstance(claim, Claim)
        found = evidence(dossier, claim)
        supporters = {speaker for stance, speaker, _ in found if stance == "supports"}
        refuters = {speaker for stance, speaker, _ in found if stance == "refutes"}

        where = f"claims/{claim.id}: status {claim.status}"
        if claim.status == "disputed" and not (supporters and refuters - supporters):
            problems.append(f"{where}: needs a supporting and a refuting statement by different speakers "
                            f"(supports: {sorted(supporters)}, refutes: {sorted(refuters)})")
        elif claim.status == "denied" and not any(_party(dossier, claim, s) and not _claimant_side(dossier, claim, s) for s in refuters):
            problems.append(f"{where}: needs a refuting statement by the party concerned ({', '.join(claim.about) or 'about is empty'}), "
                            f"not the claimant (refutes: {sorted(refuters)})")
        elif claim.status == "refuted" and not any(_independent(dossier, claim, s) for s in refuters):
            problems.append(f"{where}: needs a refuting statement by a speaker independent of the claimant and of "
                            f"the party concerned (refutes: {sorted(refuters)})")
        elif claim.status == "confirmed" and not any(_independent(dossier, claim, s) for s in supporters):
            problems.append(f"{where}: needs a supporting statement by a speaker independent of the claimant and of "
                            f"the party concerned (supports: {sorted(supporters)})")
    return problems


# --- negative controls: a tiny synthetic dossier --------------------------------------------------
# A state, its ministry and the ministry's spokesman; a rival who makes the claim; an outside auditor.
ACTORS = {
    "state": "name: State\nkind: state\n",
    "ministry": "name: Ministry\nkind: body\naffiliations: [state]\n",
    "spokesman": "name: Spokesman\nkind: person\naffiliations: [ministry]\n",
    "rival": "name: Rival\nkind: person\n",
    "rival-aide": "name: Rival's aide\nkind: person\naffiliations: [rival]\n",
    "auditor": "name: Auditor\nkind: organisation\n",
}


def tiny(tmp_path: Path, status: str, *evidence_by: tuple[str, str]) -> Dossier:
    """A claim by the rival about the state, with `status`, and one statement per (speaker, stance)."""
    data = tmp_path / "data"
    files = {f"actors/{name}.yml": text for name, text in ACTORS.items()}
    files["sources/paper.yml"] = "title: Paper\nkind: news report\noutlet: not stated\nauthor: not stated\npublished: not stated\n"
    files["claims/state-took-the-money.yml"] = textwrap.dedent(f"""\
        text: The state took the money.
        claimant: rival
        first_made: '2026'
        about: [state]
        status: {status}
        status_note: Synthetic.
        sources: [paper]
        """)
    for number, (speaker, stance) in enumerate(evidence_by):
        files[f"statements/s{number}.yml"] = textwrap.dedent(f"""\
            speaker: {speaker}
            date: not stated
            form: paraphrase
            text: Said something.
            reported_in: [{{source: paper}}]
            on_claims: [{{claim: state-took-the-money, stance: {stance}}}]
            """)
    for relative, text in files.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    dossier = check(data)
    assert [str(e) for e in dossier.errors] == []
    return dossier


@pytest.mark.parametrize(
    ("status", "evidence_by"),
    [
        ("disputed", [("rival", "supports"), ("auditor", "refutes")]),
        ("denied", [("spokesman", "refutes")]),  # through the ministry, to the state
        ("denied", [("state", "refutes")]),
        ("refuted", [("auditor", "refutes"), ("spokesman", "refutes")]),
        ("confirmed", [("auditor", "supports")]),
        ("unverified", []),
        ("partly true", []),
    ],
)
def test_enough_evidence_passes(tmp_path: Path, status: str, evidence_by: list[tuple[str, str]]) -> None:
    assert status_problems(tiny(tmp_path, status, *evidence_by)) == []


@pytest.mark.parametrize(
    ("status", "evidence_by", "message"),
    [
        ("disputed", [("rival", "supports"), ("rival", "qualifies")],
         "needs a supporting and a refuting statement by different speakers (supports: ['rival'], refutes: [])"),
        ("disputed", [("auditor", "refutes")],
         "needs a supporting and a refuting statement by different speakers (supports: [], refutes: ['auditor'])"),
        ("denied", [("auditor", "refutes")],
         "needs a refuting statement by the party concerned (state), not the claimant (refutes: ['auditor'])"),
        ("denied", [("spokesman", "qualifies")],
         "needs a refuting statement by the party concerned (state), not the claimant (refutes: [])"),
        ("refuted", [("spokesman", "refutes")],
         "needs a refuting statement by a speaker independent of the claimant and of the party concerned (refutes: ['spokesman'])"),
        ("confirmed", [("rival", "supports"), ("rival-aide", "supports")],
         "needs a supporting statement by a speaker independent of the claimant and of the party concerned "
         "(supports: ['rival', 'rival-aide'])"),
        ("confirmed", [("ministry", "supports")],
         "needs a supporting statement by a speaker independent of the claimant and of the party concerned (supports: ['ministry'])"),
    ],
)
def test_a_status_stronger_than_its_evidence_is_caught(
    tmp_path: Path, status: str, evidence_by: list[tuple[str, str]], message: str
) -> None:
    assert status_problems(tiny(tmp_path, status, *evidence_by)) == [f"claims/state-took-the-money: status {status}: {message}"]


def test_a_denial_by_the_claimants_side_is_not_a_denial(tmp_path: Path) -> None:
    """A refutation from the claimant's own side (the rival's aide) is not the party concerned denying it."""
    dossier = tiny(tmp_path, "denied", ("rival-aide", "refutes"))
    assert status_problems(dossier) == [
        "claims/state-took-the-money: status denied: needs a refuting statement by the party concerned (state), "
        "not the claimant (refutes: ['rival-aide'])"
    ]
