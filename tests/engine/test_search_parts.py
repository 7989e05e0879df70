"""The search index cut into parts (macros/site/search_parts.py, issue 27): past `search_part_pages` indexed pages
the web build writes one Pagefind index a part (`pagefind/`, `pagefind-2/`, …) and lists them in
`pagefind/dossier-parts.json`; every marked page is in exactly one part, part 1 first holds the pages that are
no record and the smallest kinds, the largest kind comes last, newest first. The same parts with the speed
switch off (Pagefind's CLI) as on (Pagefind beside the page writing), fragment for fragment. A dossier of
ordinary size keeps one index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from benchmarks.synthetic import generate
from macros.site.search_parts import SEARCH_PART_PAGES
from tests.conftest import MINI, ROOT

PART_PAGES = 60  # the threshold these tests lower SEARCH_PART_PAGES to
STATEMENTS = 200  # benchmarks.synthetic: 200 statements, 4 actors, 20 sources, 10 claims, 10 events, 1 brief


def build(data_dir: Path, site_dir: Path, part_pages: int | None = PART_PAGES) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    settings: dict[str, object] = {"data_dir": str(data_dir)}
    if part_pages is not None:
        settings["search_part_pages"] = part_pages
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True,
                         extra={"dossier": settings, "generator": False})
    mkdocs_build(config)
    return site_dir


def fragments(folder: Path) -> dict[str, dict[str, object]]:
    """{fragment file name: its JSON} of one Pagefind index folder."""
    found = {}
    for path in sorted((folder / "fragment").iterdir()):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert text.startswith("pagefind_dcd{")
        found[path.name] = json.loads(text.removeprefix("pagefind_dcd"))
    return found


def marked_urls(site: Path) -> set[str]:
    """The site-absolute URLs of the pages marked for Pagefind, read from the written site."""
    urls = set()
    for page in site.rglob("index.html"):
        if "data-pagefind-body" in page.read_text(encoding="utf-8"):
            folder = page.parent.relative_to(site).as_posix()
            urls.add("/" if folder == "." else f"/{folder}/")
    return urls


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    generate(data, STATEMENTS)
    return data


@pytest.fixture(scope="module")
def parted(synthetic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(synthetic, tmp_path_factory.mktemp("parted"))


def parts_of(site: Path) -> list[Path]:
    listing = json.loads((site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))
    return [site / "pagefind", *(site / folder for folder in listing["more"])]


def test_every_marked_page_is_in_exactly_one_part_of_at_most_the_threshold(parted: Path) -> None:
    listing = json.loads((parted / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))
    folders = parts_of(parted)
    assert len(folders) >= 4  # some 250 marked pages, 60 a part
    assert listing["more"] == [f"pagefind-{n}/" for n in range(2, len(folders) + 1)]
    urls_by_part = [[str(f["url"]) for f in fragments(folder).values()] for folder in folders]
    assert listing["pages"] == [len(urls) for urls in urls_by_part]
    assert all(0 < len(urls) <= PART_PAGES for urls in urls_by_part)
    every = [url for urls in urls_by_part for url in urls]
    assert len(every) == len(set(every))  # no page in two parts
    assert set(every) == marked_urls(parted)
    for folder in folders:  # each part a whole Pagefind index
        assert (folder / "pagefind-entry.json").is_file() and list(folder.glob("*.pf_meta"))
    assert not (parted / f"pagefind-{len(folders) + 1}").exists()


def test_part_one_holds_the_pages_that_are_no_record_and_the_smallest_kinds(parted: Path) -> None:
    first = {str(f["url"]) for f in fragments(parted / "pagefind").values()}
    assert {"/", "/about/", "/topics/topic-000/"} <= first
    assert {f"/claims/claim-{n:05d}/" for n in range(10)} <= first  # 10 claims, fewer than the statements
    assert {f"/actors/actor-{n:05d}/" for n in range(4)} <= first
    assert len(first) <= PART_PAGES


def test_the_largest_kind_comes_last_newest_first(synthetic: Path, parted: Path) -> None:
    # Each part's statements are no older than the next part's, and every part but the first holds
    # statements only.
    dated = {path.stem: path.read_text(encoding="utf-8").split("\ndate: ")[1][1:11] for path in (synthetic / "statements").glob("*.yml")}
    dates = []
    for at, folder in enumerate(parts_of(parted)):
        urls = [str(f["url"]) for f in fragments(folder).values()]
        held = [dated[url.split("/")[2]] for url in urls if url.startswith("/statements/")]
        assert at == 0 or len(held) == len(urls)
        dates.append(held)
    dates = [held for held in dates if held]
    assert len(dates) >= 3 and max(dated.values()) in dates[0] and min(dated.values()) in dates[-1]
    assert all(min(newer) >= max(older) for newer, older in zip(dates, dates[1:], strict=False))


def test_the_parts_are_the_same_with_the_speed_switch_off(synthetic: Path, parted: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_FAST", "false")
    plain = build(synthetic, tmp_path / "plain")
    assert (plain / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8") == \
        (parted / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8")
    for fast_part, plain_part in zip(parts_of(parted), parts_of(plain), strict=True):
        assert sorted(p.name for p in (plain_part / "fragment").iterdir()) == sorted(p.name for p in (fast_part / "fragment").iterdir())
    # The hard links Pagefind's CLI read each part from are gone.
    assert not list(tmp_path.glob(".search-part-*"))


def test_a_dossier_of_ordinary_size_keeps_one_index(tmp_path: Path) -> None:
    site = build(MINI, tmp_path / "site", part_pages=None)
    listing = json.loads((site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))
    assert listing["more"] == [] and listing["pages"] == [len(marked_urls(site))] and SEARCH_PART_PAGES > listing["pages"][0]
    assert not (site / "pagefind-2").exists()
    # Control: the same dossier with the threshold below its page count is cut.
    cut = build(MINI, tmp_path / "cut", part_pages=10)
    assert (cut / "pagefind-2" / "pagefind-entry.json").is_file()


@pytest.mark.parametrize("value", [0, -3, "many", True, 2.5])
def test_a_bad_threshold_is_an_error_naming_the_setting(value: object, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort):
        build(MINI, tmp_path / "site", part_pages=value)  # type: ignore[arg-type]
    assert f"mkdocs.yml: extra.dossier.search_part_pages: is {value!r}, not a whole number above 0 " \
           "(remove it for the default of 5,000 pages)" in caplog.text


@pytest.mark.parametrize("fast", ["true", "false"])
def test_parts_of_pages_none_of_which_is_searched_are_not_listed(fast: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One page a part: the parts of the lists and other pages left out of search hold no index. Listed, search.js
    # would fetch a folder that is not there and say search is unavailable.
    monkeypatch.setenv("DOSSIER_FAST", fast)
    site = build(MINI, tmp_path / "site", part_pages=1)
    listing = json.loads((site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))
    assert listing["pages"] == [1] * len(marked_urls(site))  # every marked page a part of its own, no empty part
    assert listing["more"] == [f"pagefind-{n}/" for n in range(2, len(listing["pages"]) + 1)]
    assert all(len(fragments(folder)) == 1 for folder in parts_of(site))
    assert not (site / f"pagefind-{len(listing['pages']) + 1}").exists()
