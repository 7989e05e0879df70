"""The page budget on the real dossier: every page's first visit within 500 KB gzipped, no render-blocking
script above 100 KB but Material's bundle (the check itself: tests/engine/test_page_budget.py)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.page_weight import budget_problems
from macros.records.schema import KINDS_WITH_PAGES
from macros.site.index_parts import INDEX_PAGE_ROWS
from tests.dossier_data import DATA


def test_every_page_of_the_dossier_is_within_budget(real_site: Path) -> None:
    assert budget_problems(real_site) == []


def test_an_index_is_split_into_parts_only_past_the_threshold(real_site: Path) -> None:
    """An index of INDEX_PAGE_ROWS records or fewer stays one page, as it always read (macros/site/index_parts.py)."""
    for kind in KINDS_WITH_PAGES:
        count = len(list((DATA / kind).glob("*.yml")))
        assert (real_site / kind / "by").is_dir() == (count > INDEX_PAGE_ROWS), kind
