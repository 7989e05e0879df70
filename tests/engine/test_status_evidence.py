"""A claim's status is never stronger than the evidence recorded for it: the rules (macros/records/status_rules.py,
run by `python -m macros check`) proven on tiny dossiers written here.

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

import io
import textwrap
from pathlib import Path

import pytest

from macros.cli import run_check
from macros.records.check import check
from macros.records.status_rules import status_problems
from macros.records.validate import Dossier

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


def test_check_fails_on_a_status_stronger_than_its_evidence_at_the_status_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m macros check` runs the rules: the claim's file and `status:` line, then the summary; exit 1."""
    tiny(tmp_path, "confirmed", ("rival", "supports"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    out, err = io.StringIO(), io.StringIO()
    assert run_check(Path("data"), out, err) == 1
    assert err.getvalue().splitlines()[:3] == [
        "data/claims/state-took-the-money.yml  (1 error)",
        "  line 5   status: 'confirmed' is stronger than the recorded evidence: it needs a supporting statement by a speaker "
        "independent of the claimant and of the party concerned (supports: ['rival'])",
        "           hint: record the statements bearing on the claim (their on_claims), or choose a weaker status"]


def test_check_passes_the_same_claim_with_independent_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tiny(tmp_path, "confirmed", ("auditor", "supports"))
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert (run_check(Path("data"), out, err), err.getvalue()) == (0, "")
