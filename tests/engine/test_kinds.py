"""Each record kind says what it is once, on its model (schema.Record). The nav's tabs (front), the
record pages' place outside the nav (generated_files), the home page's key facts (home.md.j2) and the editor
settings (`make schema`) follow from the models; what must be written by hand for a kind (its templates,
its guide section) is checked against them."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from macros.cli import editor_settings
from macros.plugin.front import nav_with_kinds, not_in_nav_with_kinds
from macros.records.check import check
from macros.records.index import DossierIndex
from macros.records.schema import KINDS, KINDS_WITH_PAGES, MODELS, Record
from macros.site.pages import INDEX_MACROS, RECORD_MACROS, record_page_meta
from macros.site.pipeline import build_site
from macros.site.renderer import TEMPLATES
from macros.site.words import page_of, summary_of, title_of
from tests.conftest import MINI, ROOT, build

GUIDE = ROOT / "docs" / "guide.md"
SETTINGS = ROOT / ".vscode" / "settings.json"


def _mkdocs_config() -> dict[str, Any]:
    from mkdocs.config import load_config

    return dict(load_config(str(ROOT / "mkdocs.yml")))


def _kind_tabs() -> list[dict[str, str]]:
    return [{model.nav_label: f"{model.folder}/index.md"} for model in sorted(MODELS.values(), key=lambda m: m.nav_position)]


def test_each_kind_has_a_place_of_its_own_among_the_tabs() -> None:
    positions = [model.nav_position for model in MODELS.values()]
    labels = [model.nav_label for model in MODELS.values()]
    assert len(set(positions)) == len(positions) and len(set(labels)) == len(labels)


def test_the_kinds_tabs_follow_the_home_page_of_the_hand_written_nav() -> None:
    nav = _mkdocs_config()["nav"]
    kind_pages = {f"{kind}/index.md" for kind in KINDS}
    assert not kind_pages & {target for entry in nav for target in entry.values()}, "mkdocs.yml's nav lists only hand-written pages"
    assert nav_with_kinds(nav) == [nav[0], *_kind_tabs(), *nav[1:]]


def test_a_kinds_page_the_editor_places_stays_where_the_editor_put_it() -> None:
    hand_ordered = [{"Home": "index.md"}, {"About": "about.md"}, {"When": "/events/index.md"},
                    {"More": [{"Figures, by hand": "figures/index.md"}]}]
    tabs = [tab for tab in _kind_tabs() if set(tab.values()) - {"events/index.md", "figures/index.md"}]
    assert nav_with_kinds(hand_ordered) == [hand_ordered[0], *tabs, *hand_ordered[1:]]
    assert nav_with_kinds([]) == _kind_tabs()
    assert nav_with_kinds(None) is None  # MkDocs then lists every page itself, index pages included


def test_the_built_site_has_the_tabs_in_that_order(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*(.*?)\s*</a>', home)
    nav = _mkdocs_config()["nav"]
    assert tabs == [*nav[0], *(label for tab in _kind_tabs() for label in tab), *(label for entry in nav[1:] for label in entry)]


def test_record_pages_stay_out_of_the_nav_without_a_pattern_per_kind(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    not_in_nav = _mkdocs_config()["not_in_nav"]
    assert [entry.pattern for entry in not_in_nav.patterns] == ["/guide.md"]
    # The hook adds the kinds' folders, for a hand-written page there (one replacing a record's page).
    with_kinds = not_in_nav_with_kinds(not_in_nav)
    assert [entry.pattern for entry in with_kinds.patterns] == ["/guide.md", *(f"/{kind}/*.md" for kind in KINDS_WITH_PAGES)]
    assert with_kinds.match_file("actors/extra.md") and with_kinds.match_file("guide.md") and not with_kinds.match_file("about.md")
    # mkdocs.yml makes a page in no nav and not marked so a warning (validation.omitted_files), which fails
    # the strict build. A nav leaving out about.md is the control: MkDocs names that page, and no record page.
    nav = [entry for entry in _mkdocs_config()["nav"] if "about.md" not in entry.values()]
    with pytest.raises(Abort, match="^Aborted with 1 warnings in strict mode!$"):
        build(MINI, tmp_path / "site", nav=nav)
    unlisted = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert unlisted == ['The following pages exist in the docs directory, but are not included in the "nav" configuration:\n'
                        "  - about.md"]


def _schema_map(settings_text: str) -> dict[str, str]:
    settings = json.loads(re.sub(r"^\s*//.*$", "", settings_text, flags=re.MULTILINE))  # VS Code's JSON has comments
    schemas: dict[str, str] = settings["yaml.schemas"]
    return schemas


def test_the_editor_settings_are_what_make_schema_writes() -> None:
    """Add a kind without `make schema` and this fails: VS Code would not check its records."""
    committed = SETTINGS.read_text(encoding="utf-8")
    assert _schema_map(committed) == {f"./schema/{kind}.schema.json": f"data/{kind}/*.yml" for kind in KINDS}
    assert editor_settings(committed) == committed, ".vscode/settings.json is stale: run `make schema` and commit the result"


def test_make_schema_rewrites_only_the_schema_map_of_the_editor_settings() -> None:
    stale = '{\n  // why this setting\n  "yaml.schemas": {\n    "./schema/actors.schema.json": "data/actors/*.yml"\n  },\n  "yaml.hover": true\n}\n'
    fresh = editor_settings(stale)
    assert fresh != stale
    assert _schema_map(fresh) == {f"./schema/{kind}.schema.json": f"data/{kind}/*.yml" for kind in KINDS}
    assert fresh.startswith('{\n  // why this setting\n  "yaml.schemas": {\n') and fresh.endswith('\n  },\n  "yaml.hover": true\n}\n')
    assert _schema_map(editor_settings(None)) == _schema_map(fresh)  # no file yet: one is started
    with_others = editor_settings('{\n  "yaml.hover": true\n}\n')  # no map yet: it comes first
    assert json.loads(with_others) == {"yaml.schemas": _schema_map(fresh), "yaml.hover": True}
    with pytest.raises(ValueError, match=r"^line 2: not JSON \(Expecting property name enclosed in double quotes\)$"):
        editor_settings('{\n  "a": 1,,\n}\n')


def _kinds_without_a_guide_section(guide: str) -> list[str]:
    """The kinds the guide lacks a part of: the field reference of the kind, and its page macros' rows."""
    def documented(model: type[Record]) -> bool:
        rows = [f"| `{model.index_macro}()` |", *([f"| `{model.record_macro}(id)` |"] if model.record_macro else [])]
        return f'{{{{ field_reference("{model.folder}") }}}}' in guide and all(row in guide for row in rows)

    return [kind for kind, model in MODELS.items() if not documented(model)]


def test_every_kind_has_its_section_in_the_guide() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert _kinds_without_a_guide_section(guide) == []
    assert _kinds_without_a_guide_section(guide.replace('field_reference("figures")', "")) == ["figures"]
    assert _kinds_without_a_guide_section(guide.replace("| `timeline()` |", "")) == ["events"]
    assert _kinds_without_a_guide_section(guide.replace("| `claim_page(id)` |", "")) == ["claims"]


def _kinds_without_templates(templates: set[str]) -> list[str]:
    return [kind for kind, model in MODELS.items()
            if f"{kind}_index.md.j2" not in templates or (f"{model.singular}.md.j2" in templates) == model.listed_on_index]


def test_every_kind_has_its_templates_and_only_kinds_with_pages_a_record_template() -> None:
    templates = {path.name for path in TEMPLATES.glob("*.md.j2")}
    assert _kinds_without_templates(templates) == []
    assert _kinds_without_templates(templates - {"source.md.j2"}) == ["sources"]
    assert _kinds_without_templates(templates - {"topics_index.md.j2"}) == ["topics"]
    assert _kinds_without_templates(templates | {"figure.md.j2"}) == ["figures"]
    for kind, model in MODELS.items():
        assert (model.record_macro is None) == model.listed_on_index, kind


def test_macro_names_come_from_the_kinds_and_are_all_different() -> None:
    assert RECORD_MACROS == {kind: MODELS[kind].record_macro for kind in KINDS_WITH_PAGES}
    assert INDEX_MACROS == {kind: model.index_macro for kind, model in MODELS.items()}
    names = [*RECORD_MACROS.values(), *INDEX_MACROS.values()]
    assert len(names) == len(set(names))


def test_page_metadata_follows_each_kinds_search_boost() -> None:
    assert record_page_meta("actors") == {"hide": ["navigation"], "render_macros": False, "search": {"boost": 1.3}}
    assert record_page_meta("claims")["search"] == {"boost": 1.3}
    assert record_page_meta("statements") == {"hide": ["navigation"], "render_macros": False}
    # A fresh copy each time: a plugin adding to one page's metadata changes no other page's.
    record_page_meta("actors")["search"]["boost"] = 9
    assert record_page_meta("actors")["search"] == {"boost": 1.3}


@pytest.fixture(scope="module")
def mini_index() -> DossierIndex:
    return DossierIndex(check(MINI))


def test_every_kind_gives_its_records_a_title_and_a_hover_line_of_its_own(mini_index: DossierIndex) -> None:
    for kind in KINDS:
        records = mini_index.all(kind)
        assert records, f"the mini fixture has no {kind}"
        for record in records:
            # The base class's fallback is the id, which readers must never see.
            assert title_of(record, mini_index) not in ("", record.id), record.path
            assert summary_of(mini_index, record) not in ("", record.id), record.path
    assert Record.title_for(records[0], None) == records[0].id  # type: ignore[arg-type]  # the fallback itself


def test_a_kind_listed_on_its_index_page_links_there(mini_index: DossierIndex) -> None:
    for kind, model in MODELS.items():
        record = mini_index.all(kind)[0]
        expected = f"/{kind}/index.md#{kind}-{record.id}" if model.listed_on_index else f"/{kind}/{record.id}.md"
        assert page_of(record, mini_index) == expected


def test_each_kind_is_listed_in_the_order_of_its_own_key(mini_index: DossierIndex) -> None:
    for kind, model in MODELS.items():
        listed = mini_index.listed(kind)
        assert listed == sorted(mini_index.dossier.records[kind].values(), key=model.sort_key), kind
        # The typed names (index.actors, …) templates use are the same lists; a new kind needs none.
        assert getattr(mini_index, kind, listed) == listed, kind


def test_the_home_pages_key_facts_follow_the_kinds(mini_index: DossierIndex) -> None:
    """Each kind counted once, in the tabs' order; the kinds with nothing to add share the last line."""
    facts = mini_index.home_facts()
    ordered = [page for tab in _kind_tabs() for page in tab.values()]
    pages = [fact.index_page.lstrip("/") for fact in facts.own_lines]
    shared = [fact.index_page.lstrip("/") for fact in facts.shared_line]
    assert pages == [page for page in ordered if page in pages] and shared == [page for page in ordered if page in shared]
    left_out = [kind for kind in KINDS if f"{kind}/index.md" not in pages + shared]
    assert left_out == [kind for kind, model in MODELS.items() if model.home_fact(mini_index.listed(kind), _Words()) is None]
    assert all(fact.detail for fact in facts.own_lines) and not any(fact.detail for fact in facts.shared_line)
    home = build_site(MINI, lambda target, origin: target).renderer.home()
    for fact in facts.own_lines:
        assert f"- [{fact.count}]({fact.index_page}){fact.detail}.\n" in home
    shared_links = [f"[{fact.count}]({fact.index_page})" for fact in facts.shared_line]
    assert f"- {', '.join(shared_links[:-1])} and {shared_links[-1]}.\n" in home


class _Words:
    def count(self, number: int, noun: str) -> str:
        return f"{number} {noun}"

    def date(self, date: str | None) -> str:
        return str(date)


def test_the_home_page_leads_to_every_kind() -> None:
    """To its index page, or, for a kind the home page shows record by record (the briefs), to each record."""
    site = build_site(MINI, lambda target, origin: target)
    links = set(re.findall(r"\]\((/[^)#\s]+)", site.renderer.home()))
    for kind in KINDS:
        if f"/{kind}/index.md" in links:
            continue
        missing = [r.id for r in site.index.all(kind) if r.link_path not in links]
        assert not missing, f"the home page links neither /{kind}/index.md nor these {kind}: {missing}"
