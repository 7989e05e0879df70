"""Speed behind one switch: the code that exists only for speed lives in macros/plugin/fast/, and the dossier
plugin's `fast` setting (DOSSIER_FAST=false) turns all of it off. The mini dossier built with it off and on
is the same site, byte for byte (but for Pagefind's files that differ between any two builds); with it off,
no speed code runs at all.

Pagefind's index is made two ways: on, each page is fed to Pagefind's Python API as MkDocs writes it
(fast/pagefind_beside.py); off, Pagefind's CLI indexes the written site after the build. Both index the same
pages with the same words: their fragment files (one per page, named by its content) are compared byte for
byte; the word index, which numbers the pages in the order Pagefind got them, is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI, build, dossier_plugin, forks_beside_test_threads
from tests.engine.test_search_index_beside import fragments, page_count
from tests.real_clients import sites_differ, word_index_left_out


def _refuse(what: str) -> object:
    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"{what} ran with the speed switch off")

    return refused


def _without_speed_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way into the speed code made to fail: a build with the switch off must not take one."""
    from macros.plugin.fast import background, heap, incremental, link_brackets, pagefind_beside, parse_pool, shared_partials, template_cache

    monkeypatch.setattr(background.MadeInBackground, "__init__", _refuse("the second process"))
    monkeypatch.setattr(parse_pool, "parse_many", _refuse("the parse pool"))
    monkeypatch.setattr(incremental.RenderCache, "stale", _refuse("the incremental rebuild"))
    monkeypatch.setattr(template_cache.CompiledTemplates, "get_bucket", _refuse("the template cache"))
    monkeypatch.setattr(shared_partials, "render_once_per_folder", _refuse("the theme's parts rendered once per folder"))
    monkeypatch.setattr(heap.HeapPolicy, "hold_long_lived", _refuse("the heap policy"))
    monkeypatch.setattr(heap, "collector_paused", _refuse("the collector pause"))
    monkeypatch.setattr(pagefind_beside.PagefindBeside, "__init__", _refuse("Pagefind fed beside the page writing"))
    monkeypatch.setattr(pagefind_beside, "read_back", _refuse("Pagefind's read-back of a dirty build"))
    monkeypatch.setattr(link_brackets.LinkBrackets, "extendMarkdown", _refuse("the links' text found by reading the link"))


@forks_beside_test_threads
def test_the_site_is_the_same_with_the_speed_code_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.plugin import search_index

    monkeypatch.setenv("DOSSIER_FAST", "true")
    with monkeypatch.context() as patched:  # on: Pagefind is fed beside the build, its CLI never runs
        patched.setattr(search_index, "index_site", _refuse("Pagefind's CLI"))
        fast = build(MINI, tmp_path / "fast")
    speed = dossier_plugin().session.speed
    assert speed is not None and speed.compiled_templates.compiled  # on: the speed code ran
    monkeypatch.setenv("DOSSIER_FAST", "false")
    with monkeypatch.context() as patched:
        _without_speed_code(patched)
        plain = build(MINI, tmp_path / "plain")
    assert dossier_plugin().session.speed is None
    assert word_index_left_out(sites_differ(fast, plain)) == []
    assert len(list(plain.rglob("*.html"))) > 20
    assert page_count(fast) == page_count(plain) > 20
    assert fragments(fast) == fragments(plain)


@forks_beside_test_threads
def test_the_speed_code_refused_would_fail_a_fast_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control for the test above: with the switch on, the refused speed code is reached."""
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("DOSSIER_FAST", "true")
    _without_speed_code(monkeypatch)
    with pytest.raises((AssertionError, Abort)):
        build(MINI, tmp_path / "fast")


def test_pagefind_fed_beside_refused_would_fail_a_fast_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control for Pagefind's part of the refusal: with the switch on, the build reaches Pagefind's API
    beside the page writing (and not only the other speed code, refused here on its own)."""
    from mkdocs.exceptions import Abort

    from macros.plugin.fast import pagefind_beside

    monkeypatch.setenv("DOSSIER_FAST", "true")
    monkeypatch.setattr(pagefind_beside.PagefindBeside, "__init__", _refuse("Pagefind fed beside the page writing"))
    with pytest.raises((AssertionError, Abort)):
        build(MINI, tmp_path / "fast")


def test_the_comparison_sees_one_changed_byte(tmp_path: Path) -> None:
    """The control for the comparison: a byte changed, a file added, and Pagefind's build-stamped files left out."""
    one, other = tmp_path / "one", tmp_path / "other"
    for site in (one, other):
        (site / "pagefind" / "filter").mkdir(parents=True)
        (site / "page.html").write_bytes(b"<p>same</p>")
        (site / "pagefind" / "filter" / f"en_{site.name}.pf_filter").write_bytes(site.name.encode())
    assert sites_differ(one, other) == []
    (other / "page.html").write_bytes(b"<p>sane</p>")
    (other / "extra.html").write_bytes(b"")
    assert sites_differ(one, other) == ["extra.html", "page.html"]


def test_the_word_index_left_out_is_the_only_file(tmp_path: Path) -> None:
    """The control for leaving the word index out: its numbering differs, and nothing else is let through,
    not a page's fragment (a page indexed with other words, or missing)."""
    one, other = tmp_path / "one", tmp_path / "other"
    for site in (one, other):
        for folder in ("index", "fragment"):
            (site / "pagefind" / folder).mkdir(parents=True)
        (site / "pagefind" / "index" / f"en_{site.name}.pf_index").write_bytes(site.name.encode())
        (site / "pagefind" / "fragment" / "en_page.pf_fragment").write_bytes(b"same words")
    assert word_index_left_out(sites_differ(one, other)) == []
    (other / "pagefind" / "fragment" / "en_page.pf_fragment").write_bytes(b"other words")
    (one / "pagefind" / "fragment" / "en_gone.pf_fragment").write_bytes(b"a page")
    assert word_index_left_out(sites_differ(one, other)) == ["pagefind/fragment/en_gone.pf_fragment", "pagefind/fragment/en_page.pf_fragment"]
    assert fragments(one) != fragments(other)


def test_pages_sharing_the_navigations_html_get_the_same_links_from_it() -> None:
    """fast/shared_partials renders the theme's tabs and navigation once for all the pages it gives one key
    (`shared_folder`): from each of them, every link of the navigation must have the same relative form, as
    MkDocs' `url` filter makes it (get_relative_url). Pages at several depths, in both URL styles (the offline
    copy's end in .html), some linked from the navigation, some whose folder it links into."""
    from collections import defaultdict

    from mkdocs.utils import get_relative_url

    from macros.plugin.fast.shared_partials import shared_folder

    nav = ["", "methodology/", "claims/", "guide/advanced/", "statements/by/2026/", "about.html", "claims/index.html"]
    pages = ["", "methodology/", "claims/a/", "claims/b/", "actors/c/", "guide/", "other/", "a.b/", "statements/by/2026/",
             "statements/by/2026/x/", "statements/by/2025/", "statements/by/2024/", "x/y/z/", "x/y/w/", "claims/a.html", "guide.html"]
    keys = {page: shared_folder(page, nav) for page in pages}
    own = {page for page, key in keys.items() if key is None}
    # Linked from the navigation (an item is active there), or holding a link's target in the page's folder.
    assert own >= {"", "methodology/", "guide/", "statements/by/2026/", "claims/a.html", "guide.html"}
    sharing: defaultdict[str, list[str]] = defaultdict(list)
    for page, key in keys.items():
        if key is not None:
            sharing[key].append(page)
    assert sorted(sorted(pages) for pages in sharing.values() if len(pages) > 1) == [
        ["a.b/", "other/"], ["claims/a/", "claims/b/"], ["statements/by/2024/", "statements/by/2025/"], ["x/y/w/", "x/y/z/"]]
    for pages_of_one_key in sharing.values():
        links = {tuple(get_relative_url(target, page) for target in nav) for page in pages_of_one_key}
        assert len(links) == 1, pages_of_one_key


def test_a_theme_part_that_reads_the_page_is_rendered_for_each_page() -> None:
    """fast/shared_partials shares a part of the theme that names neither the page nor the navigation (an HTML
    `<nav>` element or a comment does not count); once an override of it reads the page, every page renders
    its own, and so does a block it cannot isolate."""
    from types import SimpleNamespace

    import jinja2

    from macros.plugin.fast.shared_partials import reads_no_page, render_once_per_folder

    assert reads_no_page('{# the page #}<nav class="x">{{ page_url("about") }} {{ config.site_name }}</nav>')
    assert not reads_no_page("{{ page.title }}")
    assert not reads_no_page("{% if nav.homepage %}home{% endif %}")
    assert not reads_no_page('{{ "page" }}')  # in doubt: a string naming it counts
    base = "{% block styles %}{{ config }}{% endblock %}{% block config %}{% block inner %}{% endblock %}{% endblock %}"
    assert reads_no_page(base, "styles")
    assert not reads_no_page(base, "config")  # a block within: not isolated
    assert not reads_no_page(base, "scripts")  # no such block

    def pages_footers(copyright: str) -> list[str]:
        env = jinja2.Environment(loader=jinja2.DictLoader({
            "partials/copyright.html": copyright, "partials/top.html": "top of {{ config }}",
            "main.html": '{% include "partials/copyright.html" %} / {% include "partials/top.html" %}'}))
        render_once_per_folder(env)
        nav = SimpleNamespace(items=[SimpleNamespace(url="claims/", children=None)])
        return [env.get_template("main.html").render(page=SimpleNamespace(url=f"statements/{name}/", title=name), nav=nav, config="the site")
                for name in ("a", "b")]

    assert pages_footers("© {{ config }}") == ["© the site / top of the site"] * 2
    assert pages_footers("© {{ page.title }}") == ["© a / top of the site", "© b / top of the site"]
