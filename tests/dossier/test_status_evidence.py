"""The statuses of the dossier in data/ are never stronger than the evidence recorded for them. The rules and
their check on tiny dossiers written in the test: tests/engine/test_status_evidence.py."""

from __future__ import annotations

from macros.records.check import check
from macros.records.status_rules import status_problems
from tests.dossier_data import DATA


def test_the_dossier_statuses_are_backed_by_their_evidence() -> None:
    dossier = check(DATA)
    assert [str(e) for e in dossier.errors] == []
    assert status_problems(dossier) == []
