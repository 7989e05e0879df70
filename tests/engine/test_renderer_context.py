"""One Renderer renders any number of pages in any order: a page's state is each render's PageContext,
and what the Renderer is given is fixed at construction. And `mkdocs serve`'s own state lives on the
plugin's session (serving.ServeCommand), put back as it was when serving stops."""

from __future__ import annotations

import itertools
import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import MINI, ROOT

if TYPE_CHECKING:
    from macros.site.renderer import PageContext, Renderer


def _renderer() -> Renderer:
    from macros.plugin.site_of_build import url_between
    from macros.site.pipeline import build_site

    return build_site(MINI, url_between(use_directory_urls=True)).renderer


def _pages(renderer: Renderer) -> list[tuple[str, str, dict[str, Any], bool]]:
    """(docs path, template, its variables, final URLs): pages at three depths of folder, each linking
    records in folders of its own and others', so a link made for the wrong page has another URL."""
    index = renderer.index
    actor = sorted(index.dossier.records["actors"].values(), key=lambda record: record.id)[0]
    claim = sorted(index.dossier.records["claims"].values(), key=lambda record: record.id)[0]
    return [
        (f"actors/{actor.id}.md", "actor.md.j2", {"record": actor, "actor": actor}, True),
        (f"claims/{claim.id}.md", "claim.md.j2", {"record": claim, "claim": claim}, False),
        ("statements/index.md", "statements_index.md.j2", {"records": index.listed("statements"), "parts": [], "part": None}, False),
        ("index.md", "home.md.j2", {}, False),
    ]


def _rendering(renderer: Renderer, page: PageContext, template: str, variables: dict[str, Any]) -> Iterator[str]:
    """The template's output piece by piece (Jinja's `generate`): a render that can be left half done."""
    if "record" in variables:
        page.shown.append(variables["record"])  # as Renderer.render does
    return renderer.env.get_template(template).generate(page=page, **variables)


def _interleaved(renderer: Renderer, contexts: list[PageContext]) -> list[str]:
    """Every page rendered at once: one piece of each in turn, all of them begun before any is finished."""
    renderings = [_rendering(renderer, page, template, variables)
                  for page, (_, template, variables, _) in zip(contexts, _pages(renderer), strict=True)]
    outputs: list[list[str]] = [[] for _ in renderings]
    for pieces in itertools.zip_longest(*renderings):
        for output, piece in zip(outputs, pieces, strict=True):
            if piece is not None:
                output.append(piece)
    return ["".join(output) for output in outputs]


def _separately(renderer: Renderer) -> tuple[list[str], list[PageContext]]:
    from macros.site.renderer import PageContext

    contexts = [PageContext(path, final_urls) for path, _, _, final_urls in _pages(renderer)]
    return [
        "".join(_rendering(renderer, page, template, variables))
        for page, (_, template, variables, _) in zip(contexts, _pages(renderer), strict=True)
    ], contexts


def _record_keys(page: PageContext) -> list[tuple[str, str]]:
    return [(record.folder, record.id) for record in page.shown]


def test_pages_rendered_interleaved_equal_pages_rendered_one_by_one() -> None:
    """Four pages begun together and rendered a piece of each in turn with one Renderer: each page's
    Markdown, what it showed and what it cited are those of the page rendered alone, by a fresh Renderer."""
    from macros.site.renderer import PageContext

    alone, alone_contexts = _separately(_renderer())
    renderer = _renderer()
    contexts = [PageContext(path, final_urls) for path, _, _, final_urls in _pages(renderer)]
    together = _interleaved(renderer, contexts)
    assert [len(text) > 500 for text in alone] == [True] * 4
    assert together == alone
    assert [_record_keys(page) for page in contexts] == [_record_keys(page) for page in alone_contexts]
    assert [list(page.cited) for page in contexts] == [list(page.cited) for page in alone_contexts]
    assert any(page.cited for page in contexts)  # a record page with citations: their order is compared too


def test_pages_sharing_one_context_are_told_apart_by_nothing() -> None:
    """The negative control: the same interleaving with one context for every page (as when the page was
    held on the Renderer) links from the wrong page and mixes what the pages showed."""
    from macros.site.renderer import PageContext

    alone, alone_contexts = _separately(_renderer())
    renderer = _renderer()
    shared = PageContext("actors/index.md", final_urls=True)
    together = _interleaved(renderer, [shared] * 4)
    assert together != alone
    assert len(shared.shown) == sum(len(page.shown) for page in alone_contexts)


def test_record_pages_in_any_order_are_the_same_pages() -> None:
    """Every record page of the mini dossier rendered forwards, then backwards with the same Renderer (its
    memoised links warm), equals a fresh Renderer's; through the public call, with and without final URLs."""
    from macros.records.schema import KINDS_WITH_PAGES
    from macros.site.renderer import record_page_context

    def all_pages(renderer: Renderer, keys: list[tuple[str, str]], final_urls: bool) -> dict[tuple[str, str], str]:
        return {key: renderer.record_page(*key, page=record_page_context(*key, final_urls)) for key in keys}

    renderer = _renderer()
    keys = [(kind, record_id) for kind in KINDS_WITH_PAGES for record_id in sorted(renderer.index.dossier.records[kind])]
    assert len(keys) > 10
    for final_urls in (False, True):
        forwards = all_pages(renderer, keys, final_urls)
        backwards = all_pages(renderer, keys[::-1], final_urls)
        assert backwards == forwards == all_pages(_renderer(), keys, final_urls)
    assert renderer.record_page(*keys[0]) == all_pages(renderer, keys[:1], final_urls=False)[keys[0]]


def test_what_a_renderer_is_given_cannot_be_reassigned(tmp_path: Path) -> None:
    """The Renderer's index and URL rule and the PageConverter's Markdown settings are Final: mypy (the
    project's strict settings) rejects assigning them, and accepts reading them (the control lines)."""
    checked = tmp_path / "assigns.py"
    checked.write_text(textwrap.dedent("""\
        from macros.site.conversion import PageConverter
        from macros.site.renderer import Renderer


        def reassign(renderer: Renderer, converter: PageConverter) -> None:
            print(renderer.index, renderer.url_between, converter.settings)
            renderer.index = renderer.index
            renderer.url_between = renderer.url_between
            converter.settings = ([], {})
        """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", "--config-file", str(ROOT / "pyproject.toml"), str(checked)],
                            cwd=ROOT, capture_output=True, text=True)
    # After the file name: mypy's cache (keyed by module, not path) may report an earlier run's copy of it.
    errors = [line.split(checked.name, 1)[1] for line in result.stdout.splitlines()]
    assert errors == [
        ':7: error: Cannot assign to final attribute "index"  [misc]',
        ':8: error: Cannot assign to final attribute "url_between"  [misc]',
        ':9: error: Cannot assign to final attribute "settings"  [misc]',
    ], result.stdout + result.stderr


def test_serving_changes_the_serve_command_until_it_stops() -> None:
    """What the glue changes of `mkdocs serve` (its build function wrapped, under --dirty a log filter) is
    held by the session's ServeCommand, and all of it is put back when serving stops, even if serving was
    started twice."""
    from mkdocs.commands import serve

    from tests.conftest import dossier_plugin

    plugin = dossier_plugin()
    build_log = logging.getLogger("mkdocs.commands.build")
    original_build, original_filters = vars(serve)["build"], list(build_log.filters)
    assert plugin.session.serve_command is None
    plugin.start_serving(dirty=True)
    try:
        first = plugin.session.serve_command
        assert first is not None and not first.server_started and first.first_build_failure is None
        assert vars(serve)["build"] is not original_build
        assert len(build_log.filters) == len(original_filters) + 1
        plugin.start_serving(dirty=True)
        assert plugin.session.serve_command is not first
        assert len(build_log.filters) == len(original_filters) + 1
    finally:
        plugin.stop_serving()
    assert plugin.session.serve_command is None
    assert vars(serve)["build"] is original_build
    assert build_log.filters == original_filters


def test_a_first_build_failing_on_data_is_kept_by_the_serve_command(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the server exists, a build failing on data errors is remembered (to show once the server is
    made) rather than stopping `mkdocs serve`; any other failure, or one after the server exists, stops it."""
    from mkdocs.commands import serve
    from mkdocs.exceptions import Abort

    from macros.plugin import site_of_build
    from macros.records.errors import DataError
    from tests.conftest import dossier_plugin

    plugin = dossier_plugin()
    failures: list[BaseException] = []

    def failing_build(config: object, **options: object) -> None:
        raise failures[-1]

    def data_failure() -> Abort:
        try:
            raise site_of_build.DossierDataErrors([DataError(path="data/x.yml", line=1, field="name", message="missing")])
        except site_of_build.DossierDataErrors:
            try:
                raise Abort("Aborted with a BuildError!")
            except Abort as abort:
                return abort

    monkeypatch.setitem(vars(serve), "build", failing_build)
    plugin.start_serving(dirty=False)
    try:
        command = plugin.session.serve_command
        assert command is not None
        failures.append(data_failure())
        vars(serve)["build"](object())  # does not raise
        assert command.first_build_failure is failures[-1]
        failures.append(Abort("not the data"))
        with pytest.raises(Abort, match="not the data"):
            vars(serve)["build"](object())
        command.server_started = True
        failures.append(data_failure())
        with pytest.raises(Abort):
            vars(serve)["build"](object())
    finally:
        plugin.stop_serving()
    assert vars(serve)["build"] is failing_build
