"""The header's search box (overrides/partials/search.html) is Material's own partial with one change:
on the web build it is not Material's search component (macros/plugin/search.py). A Material upgrade that
changes the partial shows here, so the copy is brought up to date."""

from __future__ import annotations

import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent.parent
OURS = ROOT / "overrides" / "partials" / "search.html"
THEIRS = Path(material.__file__).parent / "templates" / "partials" / "search.html"


def as_material_has_it(ours: str) -> str:
    """Our partial with the web build's branches taken away: what the offline copy renders."""
    ours = re.sub(r"\{% if config\.extra\.pagefind %\}[^{]*\{% else %\}([^{]*)\{% endif %\}", r"\1", ours)
    ours = re.sub(r"\{% if not config\.extra\.pagefind %\}([^{]*)\{% endif %\}", r"\1", ours)
    ours = ours.replace(' aria-live="polite"', "")
    ours = ours.replace('lang.t("search.result.placeholder") if config.extra.pagefind else ', "")
    return ours.split("-#}\n", 1)[1]


def test_the_search_box_is_materials_own_partial() -> None:
    theirs = THEIRS.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert as_material_has_it(OURS.read_text(encoding="utf-8")) == theirs


def test_the_comparison_sees_a_changed_partial() -> None:
    """Negative control: one attribute of Material's partial changed is a difference."""
    changed = OURS.read_text(encoding="utf-8").replace('role="dialog"', 'role="search"', 1)
    assert as_material_has_it(changed) != THEIRS.read_text(encoding="utf-8").split("-#}\n", 1)[1]
