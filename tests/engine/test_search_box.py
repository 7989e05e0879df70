"""The header's search box (overrides/partials/search.html) is Material's own partial with one change:
on the web build it is not Material's search component (macros/plugin/search.py). A Material upgrade that
changes the partial shows here, so the copy is brought up to date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from material.plugins.search.plugin import SearchPlugin

from macros.plugin import search

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


# --- what the web build does to a page in place of Material's search indexing ---------------------------
# Attributes as the dossier's pages and a theme or a hand-written page may carry them: bare (Pagefind's
# exclusion, which Material's plugin leaves), valued, empty, after a newline, of another name.
PAGE_CONTENTS = [
    '<p data-search-exclude>a</p>',
    '<h2 data-search-exclude id="x">b</h2>\n<div data-search-boost="2" class="y">c</div>',
    '<table data-search-exclude="">\n<td\ndata-search-exclude="yes">d</td></table>',
    '<span data-searchable="no" data-search-x="a b">e</span><a data-search-boost="1">f</a>',
    "<p>no attribute at all: data-search-exclude=\"as text\"</p>",
]


@dataclass
class _Page:
    content: str


def materials_stripping(content: str) -> str:
    """What Material's search plugin itself does to a page's HTML as it indexes it (its on_page_context), the
    indexing stubbed out."""
    plugin = SearchPlugin()
    plugin.load_config({})
    plugin.search_index = SimpleNamespace(add_entry_from_context=lambda page: None)
    page = _Page(content)
    plugin.on_page_context(None, page=page, config=None, nav=None)
    return page.content


def test_the_web_build_strips_from_a_page_what_materials_search_would() -> None:
    """The web build swaps Material's on_page_context for its one change to the page (plugin/search.py): a
    Material upgrade that strips otherwise shows here."""
    for content in PAGE_CONTENTS:
        ours = _Page(content)
        search._strip_search_attributes(None, page=ours, config=None, nav=None)  # type: ignore[arg-type]
        assert ours.content == materials_stripping(content), content
    assert materials_stripping(PAGE_CONTENTS[1]) != PAGE_CONTENTS[1]  # the comparison sees a change


def test_the_comparison_sees_a_stripping_that_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: a copy that also strips bare attributes differs from Material's on the same pages."""
    monkeypatch.setattr(search, "_MATERIAL_STRIPS", re.compile(r"\s?data-search-\w+(=\"[^\"]+\")?"))
    ours = _Page(PAGE_CONTENTS[0])
    search._strip_search_attributes(None, page=ours, config=None, nav=None)  # type: ignore[arg-type]
    assert ours.content != materials_stripping(PAGE_CONTENTS[0])
