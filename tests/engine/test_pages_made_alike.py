"""A build's generated pages are the same however they are made: incrementally under `mkdocs serve`
(incremental.RenderCache), or in a second process during a full build (background.MadeInBackground).

The timed performance targets are not tests: `make bench` (python -m benchmarks.guard) measures them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import forks_beside_test_threads

if TYPE_CHECKING:
    from macros.plugin.fast.incremental import RenderCache
    from macros.site.conversion import MarkdownSettings
    from macros.site.pages import GeneratedPage
    from macros.site.pipeline import Site


# --- the edit loop: `mkdocs serve --dirty` renders again only the pages an edit can change ----------
def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    # (file, old text, new text): one edit per rebuild, each reaching other pages a different way
    ("statements/statement-000010.yml", 'text: "', 'text: "Edited words. '),  # its title, on many pages
    ("statements/statement-000011.yml", "speaker: ", "speaker: actor-00003\nx-old-speaker: "),  # backlinks move
    ("actors/actor-00002.yml", "name: ", 'name: "Renamed"\nx-old-name: '),  # names in other records' summaries
    ("claims/claim-00003.yml", "status: ", "status: refuted\nx-old-status: "),  # a badge on statement pages
    ("statements/statement-000013.yml", "on_claims:", "about: [actor-00001]\non_claims:"),  # a new "about" backlink
]


def _markdown_settings() -> MarkdownSettings:
    """The project's Markdown extensions and their settings, as MkDocs hands them to the page hook."""
    from mkdocs.config import load_config

    from tests.conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def _comparable(pages: dict[str, GeneratedPage]) -> dict[str, tuple[object, ...]]:
    """Generated pages with their search-excluded blocks back in place: the random tokens that hold their
    places (renderer.set_aside_html) differ from one render to the next."""
    from macros.site.html_blocks import put_back_html

    def page_as_served(page: GeneratedPage) -> tuple[object, ...]:
        html = page.html
        if html is None:
            return page.markdown, None
        return page.markdown, put_back_html(html.html, html.unsearched), html.toc, html.title, html.anchors

    return {path: page_as_served(page) for path, page in pages.items()}


def test_incremental_pages_equal_a_full_render(tmp_path: Path) -> None:
    """Under `mkdocs serve`, a rebuild renders again only the pages an edit can change (incremental.RenderCache):
    every page, its Markdown and the HTML the engine makes of it, equals a full render's."""
    from benchmarks.synthetic import generate
    from macros.plugin.fast.incremental import RenderCache, generated_pages_again
    from macros.plugin.site_of_build import url_between
    from macros.site.pages import generated_pages
    from macros.site.pipeline import build_site

    urls = url_between(use_directory_urls=True)
    settings = _markdown_settings()

    def pages(site: Site, cache: RenderCache | None = None) -> dict[str, tuple[object, ...]]:
        made = generated_pages_again(site, cache, settings) if cache is not None else generated_pages(site, settings)
        return _comparable(made)

    data_dir = tmp_path / "data"
    generate(data_dir, 200)
    cache = RenderCache()
    pages(build_site(data_dir, urls), cache)
    for relative, old, new in EDITS:
        path = data_dir / relative
        _edit(path, old, new)
        # The x-old-* keys keep the replaced line's value out of the way; drop them again.
        path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("x-old-")) + "\n", encoding="utf-8")
        site = build_site(data_dir, urls)
        rendered: list[str] = []
        record_page = site.renderer.record_page
        site.renderer.record_page = lambda kind, record_id, rendered=rendered, record_page=record_page, **options: (  # type: ignore[method-assign]  # a spy, put back below
            rendered.append(record_id) or record_page(kind, record_id, **options))
        incremental = pages(site, cache)
        site.renderer.record_page = record_page  # type: ignore[method-assign]  # the method back
        full = pages(site)
        # A statement edit reaches its own page, what it links, and pages showing it or a record linking it:
        # 14-25 of 252 pages with these links (an actor speaks a quarter of the statements here).
        if relative.startswith("statements/"):
            assert 0 < len(rendered) < len(full) // 8, f"after editing {relative}: {len(rendered)} of {len(full)} pages rendered: {rendered}"
        assert incremental.keys() == full.keys()
        stale = [page for page in full if incremental[page] != full[page]]
        assert stale == [], f"after editing {relative}: pages not rendered again: {stale[:5]}"
    # A new record, and one removed.
    (data_dir / "statements/statement-000999.yml").write_text(
        (data_dir / "statements/statement-000013.yml").read_text(encoding="utf-8"), encoding="utf-8")
    site = build_site(data_dir, urls)
    assert pages(site, cache) == pages(site)
    (data_dir / "statements/statement-000999.yml").unlink()
    site = build_site(data_dir, urls)
    assert pages(site, cache) == pages(site)
    assert all(page[1] is not None for path, page in pages(site).items() if not path.endswith("index.md"))


@forks_beside_test_threads
def test_pages_made_in_the_background_equal_pages_made_in_process(tmp_path: Path) -> None:
    """A full build has its pages and exports made by a forked process while MkDocs works
    (background.MadeInBackground): the same index pages, record pages (Markdown's HTML, table of contents,
    title, anchors) and files as this process makes them."""
    from mkdocs.utils.meta import get_data

    from benchmarks.synthetic import generate
    from macros.plugin.fast.background import generated_pages_in_background
    from macros.plugin.site_of_build import url_between
    from macros.site.pages import generated_pages, record_page_meta
    from macros.site.pipeline import build_site

    data_dir = tmp_path / "data"
    generate(data_dir, 200)
    settings = _markdown_settings()
    here = generated_pages(build_site(data_dir, url_between(use_directory_urls=True)), markdown_settings=settings)
    site = build_site(data_dir, url_between(use_directory_urls=True))
    pages, pending = generated_pages_in_background(site, settings, ["export/a.txt"], lambda path: "made in the background")
    try:
        made = {path: pending.take(path) for path in [*pending.markdown, *pending.text, *pending.html]}
    finally:
        pending.close()
    assert made.pop("export/a.txt") == "made in the background"
    assert {path: made[path] for path in pending.markdown} == {path: here[path].markdown for path in pending.markdown}
    record_pages = {path: here[path] for path in pending.html}
    assert all(page.html is not None for page in record_pages.values()) and len(record_pages) > 200
    in_background = {path: dataclasses.replace(record_pages[path], html=made[path]) for path in record_pages}
    assert _comparable(in_background) == _comparable(record_pages)
    # A record page's file holds its front matter, its HTML comes separately. MkDocs reads neither: the
    # page's own Page class (generated_files._ConvertedByTheEngine) takes its metadata from record_page_meta,
    # which must say what that front matter says, as MkDocs would read it.
    for path in record_pages:
        front_matter = pages[path].markdown
        assert front_matter.startswith("---\n") and front_matter.endswith("---\n") and here[path].markdown.startswith(front_matter)
        assert get_data(front_matter) == ("", record_page_meta(path.partition("/")[0]))


@forks_beside_test_threads
def test_a_failure_in_the_background_reaches_the_build() -> None:
    """What the forked process could not make fails the build with the error, not a hang."""
    from macros.plugin.fast.background import MadeInBackground

    values: dict[str, Callable[[], float]] = {"first": lambda: 1, "second": lambda: 1 / 0, "third": lambda: 3}

    def make(path: str) -> float:
        return values[path]()

    made = MadeInBackground([(["first"], make), (["second", "third"], make)])
    try:
        assert made.take("first") == 1  # its group was sent before the failure
        for path in ("second", "third"):
            with pytest.raises(RuntimeError, match="ZeroDivisionError"):
                made.take(path)
    finally:
        made.close()


# --- the engine's conversion: Python-Markdown with the site's settings, and one shortcut -------------
TRICKY_MARKDOWN = {
    # Raw HTML blocks wherever Markdown may put one; the engine's shortcut (conversion._StashedHtmlParagraph)
    # must leave the tree as Python-Markdown's ParagraphProcessor makes it, or leave the block alone.
    "top level": "Text.\n\n<!-- a comment -->\n\n<div>raw</div>\n\nMore *text*.",
    "indented one to three spaces": " <!-- one -->\n\n   <div>three</div>\n\nText.",
    "indented four spaces (code)": "Text.\n\n    <!-- code, not HTML -->\n\nText.",
    "in a tight list": "- one\n- <!-- in an item -->\n- <div>two</div>\n",
    "in a loose list": "- one\n\n    <!-- in an item -->\n\n- two\n\n    <div>raw</div>\n",
    "in a quote": "> Quoted.\n>\n> <!-- in a quote -->\n",
    "in an admonition": '!!! note "Note"\n    Text.\n\n    <!-- in a note -->\n\n    <div>raw</div>\n',
    "in a footnote": "Text.[^1]\n\n[^1]: Note.\n\n    <!-- in a footnote -->\n",
    "in md_in_html": '<div markdown>\n\n<!-- inside -->\n\n*Markdown*\n\n</div>\n\n<div markdown="1">\n<div>raw</div>\n</div>',
    "placeholder look-alikes": "\x02wzxhzdk:0\x03\n\n\x02wzxhzdk:99\x03\n\n<!-- a real one -->\n\n\x02wzxhzdk:0\x03",
    "set-aside blocks": "# Title\n\n<!-- dossier:html -->\n<p>searched</p>\n<!-- /dossier:html -->\n\n"
                        "<!-- dossier:html search-exclude -->\n<ul data-search-exclude><li>x</li></ul>\n<!-- /dossier:html -->\n\n"
                        "## Heading { data-search-exclude }\n\n<!-- dossier:html -->\n<table><tr><td>1</td></tr></table>\n<!-- /dossier:html -->\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY_MARKDOWN))
def test_the_engines_conversion_makes_what_python_markdown_makes(name: str) -> None:
    """Record pages are converted by the engine (conversion.PageConverter) only for speed: whatever Markdown a
    template or an editor's prose holds, its HTML, table of contents and title are Python-Markdown's, with the
    site's extensions and settings, as MkDocs would make them."""
    import markdown

    from macros.site.conversion import PageConverter
    from macros.site.html_blocks import put_back_html, set_aside_html

    extensions, configs = settings = _markdown_settings()
    page = PageConverter(settings).page_html(TRICKY_MARKDOWN[name])
    text, searched, unsearched = set_aside_html(TRICKY_MARKDOWN[name])
    plain = markdown.Markdown(extensions=extensions, extension_configs=configs)
    expected = put_back_html(put_back_html(plain.convert(text), searched), unsearched)
    assert put_back_html(page.html, page.unsearched) == expected
    assert page.toc == plain.toc_tokens  # type: ignore[attr-defined]


@forks_beside_test_threads
def test_processes_taking_turns_make_every_value_each_in_its_turn() -> None:
    """With several processes (background.MAKING_PROCESSES on two cores or more), each makes every BATCH-th run of
    values, the first process the first run, of each group: every value arrives, made once, by the process
    whose turn it was; a failure in any turn reaches the build."""
    import os

    from macros.plugin.fast.background import MadeInBackground

    batch = MadeInBackground.BATCH
    groups: list[tuple[list[str], Callable[[str], object]]] = [
        (["index"], lambda path: (path, os.getpid())),  # one value: the first process's
        ([f"page-{number}" for number in range(5 * batch + 3)], lambda path: (path, os.getpid())),
    ]
    made = MadeInBackground(groups, processes=3)
    try:
        values = {path: made.take(path) for paths, _ in groups for path in paths}
    finally:
        made.close()
    assert all(value[0] == path for path, value in values.items())
    makers = [value[1] for value in values.values()]
    assert os.getpid() not in makers and len(set(makers)) == 3
    runs = [[values[f"page-{number}"][1] for number in range(start, min(start + batch, 5 * batch + 3))]
            for start in range(0, 5 * batch + 3, batch)]
    assert all(len(set(run)) == 1 for run in runs)  # a run of BATCH values is one process's turn
    assert [run[0] for run in runs] == [runs[0][0], runs[1][0], runs[2][0], runs[0][0], runs[1][0], runs[2][0]]
    assert values["index"][1] == runs[0][0]

    def fails_in_the_second_turn(path: str) -> object:
        if path == f"page-{batch + 1}":
            raise ValueError("a template bug")
        return path

    failing = MadeInBackground([([f"page-{number}" for number in range(3 * batch)], fails_in_the_second_turn)], processes=2)
    try:
        # The failure is the value's own: the other process's values still come, and the values before it.
        assert [failing.take(f"page-{number}") for number in range(batch + 1)] == [f"page-{number}" for number in range(batch + 1)]
        with pytest.raises(RuntimeError, match="ValueError: a template bug"):
            failing.take(f"page-{batch + 1}")
        assert failing.take(f"page-{2 * batch}") == f"page-{2 * batch}"
        with pytest.raises(RuntimeError, match="ValueError: a template bug"):
            failing.take(f"page-{batch + 2}")  # the failed process's: nobody made it
    finally:
        failing.close()
