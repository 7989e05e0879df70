"""The editor's guide documents every record kind, every field, every status and every macro, with
examples taken from the data folder being built, escaped like all other data."""

from __future__ import annotations

import html
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.config import load_config

from macros import define_env
from macros.records.schema import KINDS, MODELS, ClaimStatus, Strict
from macros.records.validate import Dossier
from macros.site import guide
from macros.site.guide import all_field_names, field_docs, field_reference
from tests.conftest import MINI, ROOT, build, write

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


def guide_article(site: Path) -> str:
    page = (site / "guide" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S)
    assert match
    return match.group(1)


def field_table(article: str, kind: str) -> str:
    """The table under the field reference heading of one kind."""
    section = article.split(f'<h3 id="{kind}">', 1)[1]
    return section.split("</table>", 1)[0]


class RecordingEnv:
    """Stands in for mkdocs-macros' env (macros.MacrosEnv) to learn which macros define_env registers."""

    page: Page  # set by mkdocs-macros for each page; only the macros read it, when a page calls them

    def __init__(self) -> None:
        self.conf = load_config(str(ROOT / "mkdocs.yml"), extra={"dossier": {"data_dir": str(MINI)}})
        self.project_dir = str(ROOT)
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Callable[..., Any]] = {}

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name or function.__name__] = function
        return function


def registered_macros() -> dict[str, Callable[..., Any]]:
    env = RecordingEnv()
    define_env(env)
    return env.macros


def test_every_record_kind_is_documented(mini_site: Path) -> None:
    article = guide_article(mini_site)
    kinds_table = article.split('id="record-kinds"', 1)[1].split("</table>", 1)[0]
    for kind in KINDS:
        assert f"<code>data/{kind}/</code>" in kinds_table
        assert f'<a href="#{kind}">{MODELS[kind].singular}</a>' in kinds_table
        assert f'<h3 id="{kind}">' in article, kind


def test_every_field_of_every_model_is_documented(mini_site: Path) -> None:
    article = guide_article(mini_site)
    for kind, names in all_field_names().items():
        table = field_table(article, kind)
        for name in names:
            assert f"<td><code>{name}</code></td>" in table, f"{kind}: {name}"


def test_reference_fields_link_the_kind_they_point_at(mini_site: Path) -> None:
    article = guide_article(mini_site)
    for kind in KINDS:
        table = field_table(article, kind)
        for doc in field_docs(MODELS[kind]):
            if doc.reference:
                row = table.split(f"<td><code>{doc.name}</code></td>", 1)[1].split("</tr>", 1)[0]
                link = f'<a href="../{doc.reference}/">{MODELS[doc.reference].singular}</a>'
                assert link in row, f"{kind}.{doc.name}"


def test_the_field_list_covers_every_model_including_sub_records() -> None:
    def fields(model: type[Strict], prefix: str = "") -> set[str]:
        names = set()
        for name, info in model.model_fields.items():
            names.add(prefix + name)
            for arg in typing.get_args(info.annotation):
                if isinstance(arg, type) and issubclass(arg, Strict):
                    names |= fields(arg, f"{prefix}{name}[].")
        return names

    for kind, names in all_field_names().items():
        assert set(names) == fields(MODELS[kind])
    assert "reported_in[].wording" in all_field_names()["statements"]
    assert "history[].by" in all_field_names()["claims"]


def test_every_registered_macro_is_documented(mini_site: Path) -> None:
    article = guide_article(mini_site)
    macros = registered_macros()
    assert {"field_reference", "record_kinds", "home_overview", "claim_page"} <= set(macros)
    for name in macros:
        assert re.search(rf"<code>{name}\(", article), f"macro {name} is not in docs/guide.md"


def test_every_claim_status_is_explained(mini_site: Path) -> None:
    article = guide_article(mini_site)
    statuses = article.split('id="choosing-a-claims-status"', 1)[1].split("</table>", 1)[0]
    for status in typing.get_args(ClaimStatus):
        assert f"<td><code>{status}</code></td>" in statuses
    assert "becomes <code>denied</code>, not <code>refuted</code>" in article


def test_the_guide_covers_links_quotes_and_publishing(mini_site: Path) -> None:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", guide_article(mini_site))).split())
    for needle in ("[[actors/jane-doe]]", "[[kind/id]]", ".venv/bin/python -m macros verify-quotes", "--archive DIR",
                   ".venv/bin/python -m macros new statement doe-2026-01-05-interview", "make check", "make serve PORT=8001",
                   "Writing YAML: five slips",
                   ".github/workflows/pages.yml", "Source: GitHub Actions", "DOSSIER_SITE_URL"):
        assert needle in text, needle


def test_examples_come_from_the_data_being_built_and_are_escaped(mini: Path, tmp_path: Path) -> None:
    hostile = "<b>bold</b> {{ config }} [x](javascript:alert(1)) **strong**"
    # "aaa-…" sorts first, so its values are the examples shown.
    write(mini, "actors/aaa-first.yml", f'name: First Actor\nkind: person\nrole: "{hostile}"\n')
    site = build(mini, tmp_path / "site")
    actors = field_table(guide_article(site), "actors")
    row = actors.split("<td><code>role</code></td>", 1)[1].split("</tr>", 1)[0]
    assert "First Actor" in actors
    assert "&lt;b&gt;bold&lt;/b&gt; {{ config }} [x](javascript:alert(1)) **strong**" in row
    assert "<b>" not in row and "<strong>" not in row and "href=" not in row


def test_a_kind_with_no_records_shows_no_example_and_nothing_from_the_tests() -> None:
    """The guide of another dossier shows that dossier's records only: never this project's fixtures."""
    table = field_reference(Dossier(), "claims")
    assert table.count("\n") == 2 + len(field_docs(MODELS["claims"]))
    assert "| `status` | one of: unverified \\| disputed \\| denied \\| refuted \\| confirmed \\| partly true | yes |" in table
    assert table.count(f"*{guide.NO_EXAMPLE_YET}*") == len(field_docs(MODELS["claims"]))
    fixture_words = {"Riverton", "bridge", "example.org", "Okafor", "Lopez"}
    assert [word for word in fixture_words if word in table] == []


def test_production_code_reads_nothing_under_tests() -> None:
    """No module of the engine names the tests folder: what it publishes comes from data/ and itself."""
    engine = Path(guide.__file__).parent
    naming_tests = [path.name for path in engine.rglob("*") if path.is_file() and path.suffix in (".py", ".j2")
                    and re.search(r"""["'/]tests?["'/]""", path.read_text(encoding="utf-8"))]
    assert naming_tests == []


def test_an_unknown_kind_is_a_build_error() -> None:
    with pytest.raises(ValueError, match="no record kind 'memos'"):
        field_reference(Dossier(), "memos")
