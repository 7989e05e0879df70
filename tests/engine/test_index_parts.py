"""Long index pages split into parts (macros/site/index_parts.py, issue 27): past the threshold a kind's index page
lists its parts with their counts, each part is a page of its own listing at most the threshold's records,
and every record is reachable from the index page through its part. Below the threshold, one page as before.
The exports stay whole."""

from __future__ import annotations

import csv
import json
import logging
import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from benchmarks.page_weight import budget_problems
from benchmarks.synthetic import generate
from macros.records.schema import MODELS, Actor, Statement
from macros.site.index_parts import INDEX_PAGE_ROWS, index_parts
from macros.site.tooltips import KEPT_AS, THEME_TOOLTIPS
from tests.conftest import MINI, ROOT
from tests.real_clients import run_linkchecker, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROWS = 15  # the threshold these tests lower INDEX_PAGE_ROWS to, so a dossier that builds in seconds is split
STATEMENTS = 200  # benchmarks.synthetic: 200 statements, 4 actors, 20 sources, 10 claims, 10 events


class Links(HTMLParser):
    """The links inside a page's article, as written (relative)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article += 1
        href = dict(attrs).get("href")
        if self._in_article and tag == "a" and href and not href.startswith("#"):
            self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1


def links_from(site: Path, page: str) -> set[str]:
    """Site-relative folders ("statements/x/") the article of `page` ("statements/") links to."""
    parser = Links()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    base = Path(page)
    found = set()
    for href in parser.hrefs:
        if "://" in href:
            continue
        target = (base / href.split("#")[0]).as_posix()
        parts: list[str] = []
        for part in target.split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        found.add("/".join(parts) + "/")
    return found


def build_with_rows(data_dir: Path, site_dir: Path, rows: int) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True,
                         extra={"dossier": {"data_dir": str(data_dir), "index_page_rows": rows}, "generator": False})
    build(config)
    return site_dir


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic dossier of 200 statements, its index pages split past 15 records."""
    data = tmp_path_factory.mktemp("synthetic") / "data"
    generate(data, STATEMENTS)
    return build_with_rows(data, tmp_path_factory.mktemp("synthetic-site"), ROWS)


def records_on_disk(data_dir: Path, kind: str) -> set[str]:
    return {path.stem for path in (data_dir / kind).glob("*.yml")}


def rows_of(site: Path, page: str) -> int:
    return len(re.findall(r"<tr>\s*<td", (site / page / "index.html").read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind", ["statements", "sources"])
def test_every_record_of_a_split_index_is_reachable_from_it(large_site: Path, kind: str) -> None:
    parts = sorted(page for page in links_from(large_site, f"{kind}/") if page.startswith(f"{kind}/by/"))
    assert len(parts) > 1
    index_html = (large_site / kind / "index.html").read_text(encoding="utf-8")
    assert f"The list is split into {len(parts)} pages" in index_html
    assert rows_of(large_site, f"{kind}/") == 0  # the index page lists parts, not records
    reached: set[str] = set()
    for part in parts:
        assert 0 < rows_of(large_site, part) <= ROWS
        reached |= {link for link in links_from(large_site, part) if re.fullmatch(rf"{kind}/[^/]+/", link) and "/by/" not in link}
    pages = {path.parent.name for path in (large_site / kind).glob("*/index.html") if path.parent.name != "by"}
    assert {link.split("/")[1] for link in reached} == pages
    assert len(pages) == (STATEMENTS if kind == "statements" else STATEMENTS // 10)


def test_a_parts_page_says_which_part_it_is_and_links_its_neighbours(large_site: Path) -> None:
    parts = sorted(page for page in links_from(large_site, "statements/") if page.startswith("statements/by/"))
    middle = parts[1]
    html = (large_site / middle / "index.html").read_text(encoding="utf-8")
    assert f"page 2 of {len(parts)} of the list" in html
    assert {parts[0], parts[2], "statements/"} <= links_from(large_site, middle)


def test_the_split_indexes_are_within_the_page_budget_and_the_exports_whole(large_site: Path) -> None:
    assert budget_problems(large_site) == []
    with (large_site / "export" / "statements.csv").open(encoding="utf-8") as exported:
        assert len(list(csv.DictReader(exported))) == STATEMENTS


def test_the_parts_follow_months_for_dated_kinds_and_initials_for_actors() -> None:
    from macros.plugin.site_of_build import url_between
    from macros.site.pipeline import build_site

    index = build_site(MINI, url_between(use_directory_urls=True)).index
    statements = index.listed("statements")
    parts = index_parts("statements", statements, 3)
    assert [record for part in parts for record in part.records] == statements  # every one, in the kind's order
    assert all(len(part.records) <= 3 for part in parts)
    months = [{record.index_part() for record in part.records if isinstance(record, Statement)} for part in parts]
    assert all(not (one & other) or one == other == {"2026-01"} for one in months for other in months if one is not other)
    assert [part.label for part in parts] == ["October 2025", "January 2026 (1 of 2)", "January 2026 (2 of 2)", "Date not stated"]
    actors = index.listed("actors")
    by_initial = index_parts("actors", actors, 3)
    assert [part.label for part in by_initial] == sorted(part.label for part in by_initial)
    assert all(part.slug.isascii() for part in by_initial)  # "u4f50" for 佐: addresses stay ASCII
    assert {record.id for part in by_initial for record in part.records} == {actor.id for actor in actors}
    assert all(isinstance(actor, Actor) for actor in actors)
    # Never split: any kind within the threshold (figures too: they are split as the others, tests below).
    assert all(index_parts(kind, index.listed(kind), INDEX_PAGE_ROWS) == [] for kind in MODELS)


def test_a_small_dossier_keeps_one_index_page_per_kind(mini_site: Path) -> None:
    assert not list(mini_site.glob("*/by"))
    assert "The list is split" not in (mini_site / "statements" / "index.html").read_text(encoding="utf-8")


def test_no_page_gives_material_more_tooltips_than_the_first_ones(large_site: Path) -> None:
    """Material mounts a tooltip per titled element as a page loads (macros/site/tooltips.py)."""
    pages = list(large_site.rglob("index.html"))
    articles = [html[html.find("<article"):html.find("</article>")] for html in (page.read_text(encoding="utf-8") for page in pages)]
    assert max(article.count(' title="') for article in articles) <= THEME_TOOLTIPS
    # Negative control: the brief lists every statement of the dossier, each link titled; kept aside here.
    brief = next(article for page, article in zip(pages, articles, strict=True) if page.parent.parent.name == "topics")
    assert brief.count(f' {KEPT_AS}="') > STATEMENTS


# --- figures: rows on their list, no page each; links go to the row on the part that lists it ---------------
_FIGURE_ROW = re.compile(r'<span id="figures-([^"]+)"></span>')
_HREF = re.compile(r'\shref="([^"]*#figures-[^"]*)"')


def figure_parts(site: Path) -> list[str]:
    return sorted(page for page in links_from(site, "figures/") if page.startswith("figures/by/"))


def rows_by_page(site: Path) -> dict[str, str]:
    """Figure id → the page ("figures/by/x/") whose table holds its row (its anchor)."""
    rows: dict[str, str] = {}
    for page in [*figure_parts(site), "figures/"]:
        for figure in _FIGURE_ROW.findall((site / page / "index.html").read_text(encoding="utf-8")):
            assert figure not in rows, f"{figure} listed twice"
            rows[figure] = page
    return rows


def links_to_figures(site: Path) -> list[tuple[str, str, str]]:
    """Every link to a figure's row on the built site: (page it is on, page it leads to, figure id)."""
    found = []
    for path in sorted(site.rglob("index.html")):
        page = path.parent.relative_to(site)
        for href in _HREF.findall(path.read_text(encoding="utf-8")):
            target, _, anchor = href.partition("#")
            folder = posixpath.normpath(posixpath.join(page.as_posix(), target)) if target else page.as_posix()
            if folder.startswith("figures/") or folder == "figures":  # not a heading of another page ("Figures from this source")
                found.append((f"{page.as_posix()}/", f"{folder}/", anchor.removeprefix("figures-")))
    return found


def misplaced(site: Path, links: list[tuple[str, str, str]]) -> list[str]:
    """The links that do not land on their figure's row: on another page, or on no row at all."""
    rows = rows_by_page(site)
    return [f"{origin} → {target}#figures-{figure}" for origin, target, figure in links if rows.get(figure) != target]


def test_every_figure_of_a_split_list_is_listed_once_on_its_part(large_site: Path) -> None:
    parts = figure_parts(large_site)
    assert len(parts) > 1
    assert rows_of(large_site, "figures/") == 0  # the list page lists its parts, not figures
    assert f"The list is split into {len(parts)} pages" in (large_site / "figures/index.html").read_text(encoding="utf-8")
    assert all(0 < rows_of(large_site, part) <= ROWS for part in parts)
    rows = rows_by_page(large_site)
    assert set(rows) == {f"figure-{i:05d}" for i in range(STATEMENTS // 10)}
    assert set(rows.values()) == set(parts)
    # A part is where search finds its figures (Pagefind reads it, as a list: search.js links a result to the row).
    part = (large_site / parts[0] / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-pagefind-meta="kind:List"' in part
    assert "Cite this page" in part


def test_every_link_to_a_figure_lands_on_its_row_on_the_part_that_lists_it(large_site: Path) -> None:
    links = links_to_figures(large_site)
    origins = {origin.split("/")[0] for origin, _, _ in links}
    assert {"actors", "topics"} <= origins  # record pages link figures: the check has links to check
    assert {figure for _, _, figure in links} == set(rows_by_page(large_site))
    assert misplaced(large_site, links) == []
    # Negative control: the unsplit list's address (figures/#figures-x) is caught, as is a wrong part.
    parts = figure_parts(large_site)
    origin, target, figure = links[0]
    wrong = next(part for part in parts if part != target)
    assert misplaced(large_site, [(origin, "figures/", figure), (origin, wrong, figure)]) == [
        f"{origin} → figures/#figures-{figure}", f"{origin} → {wrong}#figures-{figure}"]


def test_the_exports_and_the_feed_give_each_figure_the_part_that_lists_it(large_site: Path) -> None:
    rows = rows_by_page(large_site)
    expected = {figure: f"{page}#figures-{figure}" for figure, page in rows.items()}
    exported = json.loads((large_site / "export/dossier.json").read_text(encoding="utf-8"))
    assert {figure: entry["page"] for figure, entry in exported["records"]["figures"].items()} == expected
    references = [reference for entry in exported["records"]["claims"].values() for reference in entry["references"]]
    references += [reference for kind in exported["records"].values() for entry in kind.values() for reference in entry["references"]]
    assert all(reference["page"] == expected[reference["id"]] for reference in references if reference["kind"] == "figures")
    with (large_site / "export/figures.csv").open(encoding="utf-8") as exported_csv:
        assert {row["id"]: row["page"] for row in csv.DictReader(exported_csv)} == expected
    feed = (large_site / "feed.xml").read_text(encoding="utf-8")
    assert all("/figures/#figures-" not in link for link in re.findall(r'href="([^"]*)"', feed))


def test_linkchecker_finds_no_broken_link_on_a_site_whose_figures_are_split(large_site: Path, tmp_path: Path) -> None:
    """LinkChecker (tests/engine/test_links.py, with its negative control there) checks each link's anchor."""
    with serve(large_site) as base:
        problems, checked = run_linkchecker(base, tmp_path)
    assert checked > len(list(large_site.rglob("*.html")))
    assert [str(problem) for problem in problems] == []


def test_write_site_keeps_the_split_figures_and_their_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    """`python -m macros write-site`: the plain project has the parts, and MkDocs' own strict validation of
    its Markdown links and anchors finds every link to a figure's row (a wrong anchor is a warning there)."""
    from macros.cli import main
    from macros.site import pipeline

    data = tmp_path / "data"
    generate(data, STATEMENTS)
    monkeypatch.setattr(pipeline, "INDEX_PAGE_ROWS", ROWS)
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(data))
    monkeypatch.delenv("DOSSIER_SITE_NAME", raising=False)
    project = tmp_path / "plain"
    assert main(["write-site", str(project), "--config", str(ROOT / "mkdocs.yml")]) == 0
    docs = project / "docs"
    assert len(list((docs / "figures/by").glob("*.md"))) > 1
    every_page = "".join(path.read_text(encoding="utf-8") for path in docs.rglob("*.md"))
    assert "figures/by/" in every_page and "index.md#figures-" not in every_page
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []


@pytest.mark.browser
def test_a_search_result_on_a_part_of_the_figures_list_links_to_the_figures_row(large_site: Path, chromium: Browser) -> None:
    """search.js links a result on a list of figures to the row its excerpt shows: on a part, that part's row."""
    from tests.conftest import WIDTHS
    from tests.engine.test_search_browser import Reader, search_for

    figure, part = sorted(rows_by_page(large_site).items())[-1]
    row = re.search(rf'<span id="figures-{figure}"></span>([^<]+)</td>', (large_site / part / "index.html").read_text(encoding="utf-8"))
    assert row is not None
    with serve(large_site) as base:
        reader = Reader(chromium, WIDTHS["phone"])
        try:
            reader.page.goto(base, wait_until="networkidle")
            links = search_for(reader.page, unescape(row.group(1)))
        finally:
            reader.close()
    assert f"{base}{part}#figures-{figure}" in links


def test_a_rebuild_under_serve_links_a_figure_whose_row_moved_to_another_part(tmp_path: Path) -> None:
    """`mkdocs serve --dirty` renders again only the pages an edit can change (fast/incremental.py): a figure
    added at the start of the list moves others to the next part, and the pages linking those follow."""
    from macros.plugin.fast.incremental import RenderCache, generated_pages_again
    from macros.plugin.site_of_build import url_between
    from macros.site.pages import generated_pages
    from macros.site.pipeline import build_site

    data = tmp_path / "data"
    generate(data, STATEMENTS)
    cache = RenderCache()
    before = build_site(data, url_between(True), index_page_rows=ROWS)
    generated_pages_again(before, cache)
    first = (data / "figures/figure-00000.yml").read_text(encoding="utf-8")
    (data / "figures/figure-earliest.yml").write_text(first.replace('as_of: "2020-01-01"', 'as_of: "2019-12-01"'), encoding="utf-8")
    after = build_site(data, url_between(True), index_page_rows=ROWS)
    again = generated_pages_again(after, cache)
    moved = {key for key, page in after.index.row_pages.items() if before.index.row_pages.get(key) not in (None, page)}
    assert moved  # the edit moved rows: the rebuild had links to follow
    fresh = build_site(data, url_between(True), index_page_rows=ROWS)
    assert {path: page.markdown for path, page in again.items()} == {path: page.markdown for path, page in generated_pages(fresh).items()}
