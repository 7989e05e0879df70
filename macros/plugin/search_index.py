"""Pagefind indexes each page as MkDocs writes it (pagefind_beside.py), after search.py has marked the page
for it; the index files are written once the site is. The dossier plugin calls these after search.py's
marking, so every page it gets is final.

Under `mkdocs serve --dirty` MkDocs writes only the pages an edit changed, so there every page is read back from
the site folder after the build and given to Pagefind in the order a full build writes them (MkDocs' list of
pages): Pagefind numbers pages in the order it gets them, and the index is then the full build's, byte for
byte (tests/engine/test_serve_equals_build.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from macros.plugin.pagefind_beside import PagefindBeside
from macros.plugin.search import EXCLUDED, index_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# What search.mark_for_search puts on a page Pagefind is to index; a page without it stays out, as the CLI
# leaves it out once any page of the site has it.
_MARKED = "data-pagefind-body"


@dataclass
class SearchIndexBuild:
    """One build's Pagefind index, from its first page to the build's end (held by the plugin's session)."""

    index: PagefindBeside | None = None
    pages: list[tuple[str, str]] = field(default_factory=list)  # (URL, written file) of every page, in MkDocs' order


def list_pages(build: SearchIndexBuild, files: Files) -> None:
    """on_files: every page, in the order MkDocs writes them."""
    build.pages = [(page_url(file.url), file.abs_dest_path) for file in files.documentation_pages()]


def add_page(build: SearchIndexBuild, output: str, page: Page, config: MkDocsConfig, dirty: bool) -> None:
    """on_post_page: a marked page of a web build that writes every page goes to Pagefind as it is written."""
    if config.extra.get("pagefind") and not dirty and _MARKED in output:
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


def write_index(build: SearchIndexBuild, config: MkDocsConfig, dirty: bool) -> None:
    """on_post_build: the index files into site_dir/pagefind (the web build only)."""
    if not config.extra.get("pagefind"):
        return
    index, build.index = build.index, None
    output = Path(config.site_dir) / "pagefind"
    if index is None and dirty:
        index = _read_back(build.pages)
    if index is None:
        index_site(Path(config.site_dir))  # a site without a marked page: the CLI indexes every page
        return
    try:
        index.write(output)
    except PluginError:
        raise
    except Exception as error:
        raise PluginError(f"search index: Pagefind failed: {error}") from None


def _read_back(pages: list[tuple[str, str]]) -> PagefindBeside | None:
    """Every written page Pagefind is to index, read from the site folder, in the order of `pages`."""
    index = None
    for url, written in pages:
        path = Path(written)
        output = path.read_text(encoding="utf-8") if path.is_file() else ""
        if _MARKED in output:
            index = index or _started()
            index.add(url, output)
    return index


def stop(build: SearchIndexBuild) -> None:
    """on_build_error: Pagefind's service ends with the failed build."""
    index, build.index = build.index, None
    if index is not None:
        index.close()
