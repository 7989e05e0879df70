"""Trust, for whatever dossier data/ holds: every claim's verdict travels with it, every page describes
itself, every citable page can be cited, and no page's evidence period runs past its evidence. The checks
are the engine tests' (tests/engine/test_trust.py), run on the real dossier."""

from __future__ import annotations

from pathlib import Path

from tests.dossier_data import DATA
from tests.engine.test_trust import cite_problems, description_problems, evidence_period_problems, verdict_problems


def test_every_claim_carries_its_status_wherever_it_travels(real_site: Path) -> None:
    assert verdict_problems(real_site, DATA) == []


def test_every_page_has_a_description_of_its_own(real_site: Path) -> None:
    assert description_problems(real_site) == []


def test_every_citable_page_can_be_cited(real_site: Path) -> None:
    assert cite_problems(real_site) == []


def test_no_evidence_period_runs_past_the_evidence_on_its_page(real_site: Path) -> None:
    assert evidence_period_problems(real_site, DATA) == []
