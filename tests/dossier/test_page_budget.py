"""The page budget on the real dossier: every page's first visit within 500 KB gzipped, no render-blocking
script above 100 KB but Material's bundle (the check itself: tests/engine/test_page_budget.py)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.page_weight import budget_problems


def test_every_page_of_the_dossier_is_within_budget(real_site: Path) -> None:
    assert budget_problems(real_site) == []
