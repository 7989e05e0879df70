"""Pagefind's index of the web build, after search.py has marked each page for it. The dossier plugin calls
these after search.py's marking, so every page Pagefind gets is final.

With the speed switch on, Pagefind indexes each page as MkDocs writes it (fast/pagefind_beside.py) and the
index files are written once the site is; under `mkdocs serve --dirty` (MkDocs writes only the pages an edit
changed) every page is read back from the site folder after the build instead, in the order a full build
writes them (fast/pagefind_beside.read_back). With it off, the plain way: Pagefind's CLI indexes the written
site after the build (search.index_site). Both find the same pages, each with the same words (the fragment
files, byte for byte: tests/engine/test_speed_switch.py); only the word index numbers pages in another order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from macros.plugin.fast import pagefind_beside
from macros.plugin.fast.pagefind_beside import MARKED, PagefindBeside
from macros.plugin.search import EXCLUDED, index_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@dataclass
class SearchIndexBuild:
    """One build's Pagefind index, from its first page to the build's end (held by the plugin's session)."""

    index: PagefindBeside | None = None  # with the speed switch on: fed page by page
    pages: list[tuple[str, str]] = field(default_factory=list)  # (URL, written file) of every page, in MkDocs' order


def list_pages(build: SearchIndexBuild, files: Files) -> None:
    """on_files: every page, in the order MkDocs writes them."""
    build.pages = [(page_url(file.url), file.abs_dest_path) for file in files.documentation_pages()]


def add_page(build: SearchIndexBuild, output: str, page: Page, config: MkDocsConfig, dirty: bool, *, fast: bool) -> None:
    """on_post_page, with the speed switch on: a marked page of a web build that writes every page goes to
    Pagefind as it is written."""
    if fast and config.extra.get("pagefind") and not dirty and MARKED in output:
        if build.index is None:
            build.index = _started()
        build.index.add(page_url(page.url), output)


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
    """on_post_build: the index files into site_dir/pagefind (the web build only)."""
    if not config.extra.get("pagefind"):
        return
    index, build.index = build.index, None
    if index is None and dirty and fast:
        index = pagefind_beside.read_back(build.pages, _started)
    if index is None:
        # The switch off, or a site without a marked page (then the CLI indexes every page).
        index_site(Path(config.site_dir))
        return
    try:
        index.write(Path(config.site_dir) / "pagefind")
    except PluginError:
        raise
    except Exception as error:
        raise PluginError(f"search index: Pagefind failed: {error}") from None


def stop(build: SearchIndexBuild) -> None:
    """on_build_error: Pagefind's service ends with the failed build."""
    index, build.index = build.index, None
    if index is not None:
        index.close()
