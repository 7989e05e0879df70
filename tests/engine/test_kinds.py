"""Each record kind says what it is once, on its model (schema.Record): the files that cannot be generated
from the models (mkdocs.yml, .vscode/settings.json, the templates, the home page) are checked against them."""

from __future__ import annotations

import json
import re

import pytest

from macros.index import DossierIndex
from macros.pages import INDEX_MACROS, RECORD_MACROS, record_page_meta
from macros.pipeline import build_site, check
from macros.render import TEMPLATES, page_of, summary_of, title_of
from macros.schema import KINDS, KINDS_WITH_PAGES, MODELS, Record
from tests.conftest import MINI, ROOT


def _mkdocs_config() -> dict[str, object]:
    from mkdocs.config import load_config

    return dict(load_config(str(ROOT / "mkdocs.yml")))


def test_the_nav_has_one_tab_per_kind_leading_to_its_index_page() -> None:
    tabs = {label: target for entry in _mkdocs_config()["nav"] for label, target in entry.items()}  # type: ignore[attr-defined]
    for model in MODELS.values():
        assert tabs.get(model.nav_label) == f"{model.folder}/index.md", model.folder


def test_record_pages_and_only_they_stay_out_of_the_nav() -> None:
    not_in_nav = [entry.pattern for entry in _mkdocs_config()["not_in_nav"].patterns]  # type: ignore[attr-defined]
    assert sorted(not_in_nav) == sorted([*(f"/{kind}/*.md" for kind in KINDS_WITH_PAGES), "/guide.md"])


def test_the_editor_settings_name_the_schema_of_every_kind() -> None:
    text = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    settings = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE))  # VS Code's JSON has comments
    assert settings["yaml.schemas"] == {f"./schema/{kind}.schema.json": f"data/{kind}/*.yml" for kind in KINDS}


def test_every_kind_has_its_templates_and_only_kinds_with_pages_a_record_template() -> None:
    for kind, model in MODELS.items():
        assert (TEMPLATES / f"{kind}_index.md.j2").is_file(), kind
        assert (TEMPLATES / f"{model.singular}.md.j2").is_file() == (not model.listed_on_index), kind
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
        assert page_of(record) == expected


def test_each_kind_is_listed_in_the_order_of_its_own_key(mini_index: DossierIndex) -> None:
    for kind, model in MODELS.items():
        listed = mini_index.listed(kind)
        assert listed == sorted(mini_index.dossier.records[kind].values(), key=model.sort_key), kind
        # The typed names (index.actors, …) templates use are the same lists; a new kind needs none.
        assert getattr(mini_index, kind, listed) == listed, kind


def test_the_home_page_leads_to_every_kind() -> None:
    """To its index page, or, for a kind the home page shows record by record (the briefs), to each record."""
    site = build_site(MINI, lambda target, origin: target)
    links = set(re.findall(r"\]\((/[^)#\s]+)", site.renderer.home()))
    for kind in KINDS:
        if f"/{kind}/index.md" in links:
            continue
        missing = [r.id for r in site.index.all(kind) if r.link_path not in links]
        assert not missing, f"the home page links neither /{kind}/index.md nor these {kind}: {missing}"
