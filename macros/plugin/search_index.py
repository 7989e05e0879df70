"""Pagefind's index of the web build, after search.py has marked each page for it. The dossier plugin calls
these after search.py's marking, so every page Pagefind gets is final.

With the speed switch on, Pagefind indexes each page as MkDocs writes it (fast/pagefind_beside.py) and the
index files are written once the site is; under `mkdocs serve --dirty` (MkDocs writes only the pages an edit
changed) every page is read back from the site folder after the build instead, in the order a full build
writes them (fast/pagefind_beside.read_back). With it off, the plain way: Pagefind's CLI indexes the written
site after the build (search.index_site). Both find the same pages, each with the same words (the fragment
files, byte for byte: tests/engine/test_speed_switch.py); only the word index numbers pages in another order.

Past `search_part_pages` pages the index is cut into parts (macros/site/search_parts.py), each its own
Pagefind index in its own folder, made the same ways; `pagefind/dossier-parts.json` lists them for search.js.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.exceptions import PluginError

from macros.plugin.fast import pagefind_beside
from macros.plugin.fast.pagefind_beside import MARKED, PagefindBeside
from macros.plugin.search import EXCLUDED, NAMES_FILE, WORDS_FILE, index_parts, index_site, record_of, search_filters, search_names, search_words
from macros.site.pipeline import Site
from macros.site.search_parts import PARTS_FILE, part_folder, parts_listing, search_parts

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_T = TypeVar("_T")


@dataclass
class SearchIndexBuild:
    """One build's Pagefind index, from its first page to the build's end (held by the plugin's session)."""

    indexes: dict[int, PagefindBeside] = field(default_factory=dict)  # with the speed switch on: each part's, fed page by page
    added: dict[int, int] = field(default_factory=dict)  # pages given to each part's index
    pages: list[tuple[str, str]] = field(default_factory=list)  # (URL, written file) of every page, in MkDocs' order
    parts: dict[str, int] = field(default_factory=dict)  # the part of each page's URL (search_parts); absent: part 1
    filters: dict[str, list[str]] = field(default_factory=dict)  # the kinds and statuses readers may filter by (search_filters)
    names: list[str] = field(default_factory=list)  # the words of the dossier's names (search_names)
    words: list[str] = field(default_factory=list)  # the other words of its headings and titles (search_words)


def list_pages(build: SearchIndexBuild, files: Files, site: Site, config: MkDocsConfig) -> None:
    """on_files: every page, in the order MkDocs writes them, and the part of the index each goes to; for the web
    build (Pagefind's), the names and words search.js may offer (written with the index: write_index)."""
    pages = files.documentation_pages()
    build.pages = [(page_url(file.url), file.abs_dest_path) for file in pages]
    records = [(url, file.src_uri.partition("/")[0], record_of(file.src_uri, site)) for (url, _), file in zip(build.pages, pages, strict=True)]
    build.parts = search_parts(records, site.search_part_pages)
    build.filters = search_filters((file.src_uri for file in pages), site)
    if config.extra.get("pagefind"):  # the offline copy writes neither
        build.names = search_names(site)
        build.words = search_words(site, build.names)


def add_page(build: SearchIndexBuild, output: str, page: Page, config: MkDocsConfig, dirty: bool, *, fast: bool) -> None:
    """on_post_page, with the speed switch on: a marked page of a web build that writes every page goes to
    its part's Pagefind index as it is written."""
    if fast and config.extra.get("pagefind") and not dirty and MARKED in output:
        url = page_url(page.url)
        part = build.parts.get(url, 1)
        if part not in build.indexes:
            build.indexes[part] = _started()
        build.indexes[part].add(url, output)
        build.added[part] = build.added.get(part, 0) + 1


def page_url(url: str) -> str:
    """The URL Pagefind's CLI gives the page written at MkDocs' `page.url` ("" or "./" → "/", "claims/x/" →
    "/claims/x/"; the offline copy's "x.html" stays a file name)."""
    return "/" if url in ("", "./") else f"/{url}"  # the home page's File.url is "./", its Page.url ""


def _started() -> PagefindBeside:
    try:
        return PagefindBeside(EXCLUDED)
    except Exception as error:  # the API finds no binary, or cannot start it
        raise PluginError(f"search index: could not start Pagefind ({error}; install it: pip install -r requirements.txt)") from None


def write_index(build: SearchIndexBuild, config: MkDocsConfig, dirty: bool, *, fast: bool) -> None:
    """on_post_build: the index files into site_dir/pagefind (and a folder for each further part), with the
    list of parts (the web build only)."""
    if not config.extra.get("pagefind"):
        return
    site_dir = Path(config.site_dir)
    indexes, build.indexes = build.indexes, {}
    counts, build.added = build.added, {}
    if not indexes and dirty and fast:
        for part, pages in _by_part(build, build.pages).items():
            index = pagefind_beside.read_back(pages, _started)
            if index is not None:
                indexes[part] = index
                counts[part] = sum(1 for _, written in pages if MARKED in Path(written).read_text(encoding="utf-8"))
    if not indexes:
        # The switch off, or a site without a marked page (then the CLI indexes every page).
        counts = _index_with_cli(build, site_dir)
    else:
        indexes, counts = _numbered(indexes), _numbered(counts)
        try:
            for part, index in sorted(indexes.items()):
                index.write(site_dir / part_folder(part))
        except PluginError:
            raise
        except Exception as error:
            raise PluginError(f"search index: Pagefind failed: {error}") from None
        finally:
            for index in indexes.values():
                index.close()
    listing = parts_listing([counts.get(part, 0) for part in range(1, max(counts, default=1) + 1)], build.filters)
    (site_dir / part_folder(1)).mkdir(parents=True, exist_ok=True)
    (site_dir / part_folder(1) / PARTS_FILE).write_text(json.dumps(listing), encoding="utf-8")
    (site_dir / part_folder(1) / NAMES_FILE).write_text(json.dumps({"names": build.names}, ensure_ascii=False), encoding="utf-8")
    (site_dir / part_folder(1) / WORDS_FILE).write_text(json.dumps({"words": build.words}, ensure_ascii=False), encoding="utf-8")


def _by_part(build: SearchIndexBuild, pages: list[tuple[str, str]]) -> dict[int, list[tuple[str, str]]]:
    grouped: dict[int, list[tuple[str, str]]] = {}
    for url, written in pages:
        grouped.setdefault(build.parts.get(url, 1), []).append((url, written))
    return grouped


def _index_with_cli(build: SearchIndexBuild, site_dir: Path) -> dict[int, int]:
    """Pagefind's CLI over the written site, part by part when there are several; the marked pages of each."""
    marked = {part: [written for _, written in pages if Path(written).is_file() and MARKED in Path(written).read_text(encoding="utf-8")]
              for part, pages in _by_part(build, build.pages).items()}
    marked = _numbered({part: written for part, written in marked.items() if written})
    if len(marked) <= 1:
        index_site(site_dir)
    else:
        index_parts(site_dir, marked)
    return {part: len(written) for part, written in marked.items()} or {1: 0}


def _numbered(parts: dict[int, _T]) -> dict[int, _T]:
    """The parts that hold a marked page, numbered 1, 2, … in their order: the plan counts every page, and a
    part of pages none of which is marked (lists, pages left out of search) would be listed with no index."""
    return {number: parts[part] for number, part in enumerate(sorted(parts), start=1)}


def stop(build: SearchIndexBuild) -> None:
    """on_build_error: Pagefind's services end with the failed build."""
    indexes, build.indexes = build.indexes, {}
    build.added = {}
    for index in indexes.values():
        index.close()
