"""MkDocs hook: Pagefind indexes each page as MkDocs writes it (macros/pagefind_beside.py), after
macros/search_hook.py has marked the page for it; the index files are written once the site is. Listed after
search_hook.py in mkdocs.yml, so every page it gets is final.

Under `mkdocs serve --dirty` MkDocs writes only the pages an edit changed, so there every page is read back from
the site folder after the build and given to Pagefind in the order a full build writes them (MkDocs' list of
pages): Pagefind numbers pages in the order it gets them, and the index is then the full build's, byte for
byte (tests/engine/test_serve_equals_build.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from mkdocs.exceptions import PluginError  # noqa: E402

from macros import mkdocs_glue  # noqa: E402
from macros.pagefind_beside import PagefindBeside  # noqa: E402
from macros.search_hook import EXCLUDED, index_site  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# What search_hook.on_post_page puts on a page Pagefind is to index; a page without it stays out, as the CLI
# leaves it out once any page of the site has it.
_MARKED = "data-pagefind-body"


class _ThisBuild:
    index: PagefindBeside | None = None
    pages: list[tuple[str, str]] = []  # (URL, written file) of every page, in the order MkDocs writes them


_this_build = _ThisBuild()


def _beside(config: MkDocsConfig) -> bool:
    """Pagefind's step runs beside the page writing: a web build that writes every page."""
    return bool(config.extra.get("pagefind")) and mkdocs_glue.session().dirty_output is None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _this_build.pages = [(page_url(file.url), file.abs_dest_path) for file in files.documentation_pages()]
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _beside(config) and _MARKED in output:
        if _this_build.index is None:
            _this_build.index = _started()
        _this_build.index.add(page_url(page.url), output)
    return output


def page_url(url: str) -> str:
    """The URL Pagefind's CLI gives the page written at MkDocs' `page.url` ("" or "./" → "/", "claims/x/" →
    "/claims/x/"; the offline copy's "x.html" stays a file name)."""
    return "/" if url in ("", "./") else f"/{url}"  # the home page's File.url is "./", its Page.url ""


def _started() -> PagefindBeside:
    try:
        return PagefindBeside(EXCLUDED)
    except Exception as error:  # the API finds no binary, or cannot start it
        raise PluginError(f"search index: could not start Pagefind ({error}; install it: pip install -r requirements.txt)") from None


def on_post_build(config: MkDocsConfig) -> None:
    if not config.extra.get("pagefind"):
        return
    index, _this_build.index = _this_build.index, None
    output = Path(config.site_dir) / "pagefind"
    if index is None and mkdocs_glue.session().dirty_output is not None:
        index = _read_back(_this_build.pages)
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


def on_build_error(error: Exception) -> None:
    index, _this_build.index = _this_build.index, None
    if index is not None:
        index.close()
