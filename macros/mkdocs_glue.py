"""The MkDocs boundary: one Site per build, shared by the macros module and the page hook.

Data errors become a single PluginError listing all of them, so `mkdocs build` fails once, completely.
"""

from __future__ import annotations

import functools
import gc
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .errors import DossierInvalid
from .export import remember_exported_records
from .load import remember_parsed_files
from .site import RenderCache, Site, build_site, dossier_settings
from .validate import remember_validated_records

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_ATTRIBUTE = "_dossier_site"


def site_for(config: MkDocsConfig, config_dir: Path | None = None) -> Site:
    """The Site of this build, built on first use. It lives on the config object, which MkDocs creates
    anew for every build (also under `mkdocs serve`), so a module-level cache can never go stale."""
    site = config.__dict__.get(_ATTRIBUTE)
    if site is None:
        config_dir = config_dir or Path(config.config_file_path).parent
        data_dir, _ = dossier_settings(config.extra, config_dir)
        try:
            site = build_site(data_dir, url_between(lambda: config.use_directory_urls))
        except DossierInvalid as error:
            raise PluginError(f"the dossier data has errors:\n{error}") from None
        config.__dict__[_ATTRIBUTE] = site
    return site


def url_between(use_directory_urls: bool | Callable[[], bool]) -> Callable[[str, str], str]:
    """(target, origin) docs paths → the relative URL MkDocs itself gives a link from origin to target.

    For the lists and tables the renderer writes as HTML (render.py, `html_link`): MkDocs rewrites only
    Markdown links, and this is its own path-to-URL rule, so the two kinds of link always agree.
    `use_directory_urls`: the setting, or a function that reads it when a link is made. The dossier is
    loaded in mkdocs-macros' on_config, and Material's offline plugin turns the setting off in its own
    on_config, later; pages are rendered after both.
    """
    if not callable(use_directory_urls):
        return _relative_urls(use_directory_urls)
    setting = use_directory_urls
    by_setting = {setting_now: _relative_urls(setting_now) for setting_now in (True, False)}
    return lambda target, origin: by_setting[bool(setting())](target, origin)


def _relative_urls(use_directory_urls: bool) -> Callable[[str, str], str]:
    @functools.cache
    def url_of(path: str) -> str:
        return File(path, None, "", use_directory_urls).url

    # A large build makes hundreds of thousands of these links, from pages that share a folder: the
    # relative URL depends on the folder the origin's URL is in, not on its last part, unless the target
    # is the origin or lies below it (then it is computed each time, as it is from the home page).
    between_folders: dict[tuple[str, str], str] = {}

    def url(target: str, origin: str) -> str:
        path, hash_, anchor = target.partition("#")
        target_url, origin_url = url_of(path), url_of(origin)
        origin_path = origin_url.rstrip("/")
        if target_url.startswith(origin_url) or origin_path in ("", "."):
            return get_relative_url(target_url, origin_url) + hash_ + anchor
        key = (target_url, origin_path.rpartition("/")[0])
        relative = between_folders.get(key)
        if relative is None:
            relative = between_folders[key] = get_relative_url(target_url, origin_url)
        return relative + hash_ + anchor

    return url


class PagesOnDisk:
    """Generated pages kept as files, for `mkdocs serve --dirty`.

    MkDocs' dirty build re-renders a page only when its source file is newer than its HTML, and an
    in-memory page (`File.generated(content=...)`) always counts as changed: editing one record would
    re-render all of them. Here each page is a file rewritten only when its Markdown changed, so after an
    edit MkDocs rebuilds the edited record's page and the pages that show it, and nothing else.
    One instance lives for the whole `mkdocs serve` (MkDocs reloads the hook module on every rebuild).
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: dict[str, str] = {}
        self.render_cache = RenderCache()  # and pages are rendered again only where an edit can show

    def path_for(self, relative: str, content: str) -> str:
        """The file holding `content`, written only if it differs from what the file holds."""
        path = self.folder / relative
        if self.written.get(relative) != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            self.written[relative] = content
        return str(path)


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' warning that a dirty build is being performed: under `serve --dirty` it is the point,
    and with `strict: true` that one warning would abort every preview build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


pages_on_disk: PagesOnDisk | None = None
_DIRTY_NOTICE = _DirtyNotice()
_serving = False
_only_build = False  # `mkdocs build` or `gh-deploy`: one build, then the process ends
_settling: threading.Timer | None = None
_heap_lock = threading.Lock()
SETTLE_DELAY = 1.0  # seconds after a build: the browser has reloaded by then


def settle_heap() -> None:
    """Collect the last build's garbage, then freeze what is left out of the garbage collector's way.

    Under `mkdocs serve` the process keeps the dossier and its caches: hundreds of thousands of objects
    that Python's full collections scan again and again while a rebuild allocates, 0.4-0.6 s of each
    rebuild at 3,000 statements. Frozen after the build, while the server is idle, they are skipped.
    Unfreezing first lets each settle collect whatever the previous one froze and has since been dropped.
    """
    with _heap_lock:  # stop_serving may run meanwhile: once it has, nothing stays frozen
        if _serving:
            gc.unfreeze()
            gc.collect()
            gc.freeze()


def hold_long_lived() -> None:
    """In a full build, once the dossier is loaded and its pages made: keep what lives until the build ends
    out of the garbage collector's full collections, which otherwise walk it again each time the build
    allocates enough (the 10,000-statement dossier, its index and pages: 1.3 s of full collections).
    Under `mkdocs serve`, `settle_heap` does this between builds instead."""
    if not _serving:
        gc.freeze()


def build_finished() -> None:
    """Called at the end of every build, failed or not; under `mkdocs serve`, settles the heap once the
    server is idle."""
    global _settling
    if not _serving:
        # What hold_long_lived held is garbage now, or soon: collected as usual again. Unless the process
        # ends with this build (`mkdocs build`): Python's last collection would then walk the whole heap
        # for nothing (0.25 s of a 1,000-statement build).
        if not _only_build:
            gc.unfreeze()
        return
    if _settling is not None:
        _settling.cancel()
    _settling = threading.Timer(SETTLE_DELAY, settle_heap)
    _settling.daemon = True
    _settling.start()


def serving() -> bool:
    """Whether this process is `mkdocs serve` (between on_startup and on_shutdown)."""
    return _serving


def may_fork() -> bool:
    """Whether this build may make its pages in a forked process (site.MadeInBackground): not under
    `mkdocs serve`, and not while other threads run (a server, a test's), since a lock one of them holds
    at that moment would stay held in the child forever; Python 3.12 warns of it."""
    return not _serving and threading.active_count() == 1


def start_one_build() -> None:
    """Called when `mkdocs build` or `gh-deploy` starts (and by `mkdocs serve --clean`, until it serves)."""
    global _only_build
    _only_build = True


def start_serving(dirty: bool) -> None:
    """Called once when `mkdocs serve` starts; with --dirty, generated pages go to a temporary folder."""
    global pages_on_disk, _serving, _only_build
    _serving, _only_build = True, False
    gc.unfreeze()
    remember_parsed_files(True)
    remember_validated_records(True)
    remember_exported_records(True)
    if dirty:
        pages_on_disk = PagesOnDisk(Path(tempfile.mkdtemp(prefix="dossier-pages-")))
        logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)


def stop_serving() -> None:
    global pages_on_disk, _serving
    with _heap_lock:
        _serving = False
        if _settling is not None:
            _settling.cancel()
        gc.unfreeze()
    if pages_on_disk is not None:
        shutil.rmtree(pages_on_disk.folder, ignore_errors=True)
        pages_on_disk = None
    logging.getLogger("mkdocs.commands.build").removeFilter(_DIRTY_NOTICE)
    remember_parsed_files(False)
    remember_validated_records(False)
    remember_exported_records(False)
