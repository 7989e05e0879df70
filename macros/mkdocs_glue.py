"""The MkDocs boundary: one Site per build, shared by the macros module and the page hook.

Data errors become a single PluginError listing all of them, so `mkdocs build` fails once, completely.
Under `mkdocs serve`, a failed build shows its errors in the browser (ServedErrors; the server starts
even if the data is wrong from the first build), and a dirty rebuild takes away what a removed record
left in the site folder and the search index (DirtyOutput).
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import os
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .editor_pages import editor_page_errors
from .errors import DataError, DossierInvalid, plural
from .fonts import pages_characters
from .pipeline import Site, build_site, dossier_settings
from .session import BuildSession

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

_ATTRIBUTE = "_dossier_site"
_log = logging.getLogger("mkdocs.plugins.dossier")


def site_for(config: MkDocsConfig, config_dir: Path | None = None) -> Site:
    """The Site of this build, built on first use. It lives on the config object, which MkDocs creates
    anew for every build (also under `mkdocs serve`), so a module-level cache can never go stale."""
    site = config.__dict__.get(_ATTRIBUTE)
    if site is None:
        config_dir = config_dir or Path(config.config_file_path).parent
        try:
            data_dir, _ = dossier_settings(config.extra, config_dir)
            # `mkdocs serve` sets site_url to its own address: a preview, not a publication.
            # Read with getattr: write-site hands in only what the engine needs (plain_project.BuildConfig).
            site_url = "" if _SESSION.serving else getattr(config, "site_url", None) or ""
            repo_url = getattr(config, "repo_url", None) or ""
            site = build_site(data_dir, url_between(lambda: config.use_directory_urls), _SESSION, site_url, repo_url)
        except DossierInvalid as error:
            raise DossierDataErrors(error.errors) from None
        # An editor's page naming no record, or a macro that does not exist: one line each, before Jinja
        # renders anything (its error would come as a traceback, or as "'x' is undefined" with no line).
        # (A stand-in config without docs_dir, plain_project's, reads docs/ beside mkdocs.yml, as MkDocs does.)
        docs_dir = Path(getattr(config, "docs_dir", None) or config_dir / "docs")
        page_errors = editor_page_errors(docs_dir, site.dossier.records, config_dir)
        if page_errors:
            raise DossierDataErrors(page_errors)
        site.characters = site.dossier.characters | pages_characters(docs_dir)
        config.__dict__[_ATTRIBUTE] = site
    return site


class DossierDataErrors(PluginError):
    """The dossier's data errors, as MkDocs reports a plugin's: the full list in one message. They stay
    attached, for `mkdocs serve` to show them in the browser (ServedErrors)."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__(f"the dossier data has errors:\n{DossierInvalid(errors)}")


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


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' warning that a dirty build is being performed: under `serve --dirty` it is the point,
    and with `strict: true` that one warning would abort every preview build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_DIRTY_NOTICE = _DirtyNotice()  # holds nothing: one filter to add and remove by identity
# The one session of this process, and this module's only state. MkDocs 1.6 imports a hook once per
# process (`Hooks._load_hook` is cached), but that is its detail, not a promise: the session lives here,
# not in the hook module.
_SESSION = BuildSession()


def session() -> BuildSession:
    """This process's BuildSession: its caches between builds, its heap policy, its build in progress."""
    return _SESSION


def start_one_build() -> None:
    """Called when `mkdocs build` or `gh-deploy` starts (and by `mkdocs serve --clean`, until it serves)."""
    _SESSION.start_one_build()


def start_serving(dirty: bool) -> None:
    """Called once when `mkdocs serve` starts; with --dirty, generated pages go to a temporary folder."""
    if _SESSION.serve_command is not None:  # started twice: the first one's changes are put back first
        _SESSION.serve_command.stop()
    serve_command = ServeCommand()
    _SESSION.start_serving(dirty, DirtyOutput() if dirty else None, serve_command)
    serve_command.start(dirty)


def refuse_a_busy_port(server: LiveReloadServer) -> None:
    """Stop with one line when the server's port is taken (MkDocs would print a 30-line traceback): called
    from on_serve, before MkDocs binds it."""
    address = server.server_address
    host, port = address[0].decode() if isinstance(address[0], bytes) else address[0], int(address[1])
    with socket.socket(server.address_family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
        try:
            probe.bind((host, port))
        except OSError as error:
            raise Abort(f"Cannot serve on {host}:{port}: {error.strerror} (another `make serve` may be running: "
                        f"stop it, or serve on another port, e.g. make serve PORT={port + 1})") from None


def show_errors_in_browser(server: LiveReloadServer) -> None:
    """Called once the server exists (on_serve), after the first build."""
    if _SESSION.serve_command is None:
        raise RuntimeError("show_errors_in_browser before start_serving")
    _SESSION.serve_command.server_made(server)


def stop_serving() -> None:
    serve_command = _SESSION.serve_command
    _SESSION.stop_serving()
    if serve_command is not None:
        serve_command.stop()


class ServeCommand:
    """What this process changes of `mkdocs serve` itself, from on_startup to on_shutdown: it starts even
    when its first build fails on data errors, shows them in the browser once the server exists
    (ServedErrors), and under --dirty keeps MkDocs' dirty-build warning out of the log. Held by the
    session (BuildSession.serve_command); `stop` puts everything back as it was."""

    def __init__(self) -> None:
        self.server_started = False  # the server exists (on_serve): a failing build no longer stops `serve`
        self.first_build_failure: BaseException | None = None  # why its first build failed, if it did (data errors)
        self._restore: list[Callable[[], None]] = []  # what `stop` puts back as it was, last change first

    def start(self, dirty: bool) -> None:
        self._start_even_on_data_errors()
        self._log_every_rebuild()
        if dirty:
            build_log = logging.getLogger("mkdocs.commands.build")
            build_log.addFilter(_DIRTY_NOTICE)
            self._restore.append(lambda: build_log.removeFilter(_DIRTY_NOTICE))

    def server_made(self, server: LiveReloadServer) -> None:
        """From now on a failed build shows its errors in the browser; the first build's, if it failed, at once."""
        self.server_started = True
        ServedErrors(server).show(self.first_build_failure)

    def stop(self) -> None:
        while self._restore:
            self._restore.pop()()

    def _log_every_rebuild(self) -> None:
        """MkDocs prints a build message only the first time it is logged (mkdocs.utils.DuplicateFilter, on
        the build's logger): under `serve`, a rebuild failing again on the same error printed nothing of its
        own under an older error's, and "Documentation built in" showed once. Every rebuild logs in full here."""
        from mkdocs.utils import DuplicateFilter

        build_log = logging.getLogger("mkdocs.commands.build")
        for duplicates in [f for f in build_log.filters if isinstance(f, DuplicateFilter)]:
            build_log.removeFilter(duplicates)
            self._restore.append(lambda duplicates=duplicates: build_log.addFilter(duplicates))  # type: ignore[misc]

    def _start_even_on_data_errors(self) -> None:
        """`mkdocs serve` stops if its first build fails, before there is a server to show why: with data
        errors it starts all the same here, and every page shows them (ServedErrors), as after a rebuild.
        MkDocs' serve command calls its module's `build` for every build; that one is wrapped until the
        server stops. (With `--no-livereload` nothing would rebuild once the data is fixed: serving a site
        that never was built is no help then, but neither is it harm; the terminal has the errors.)"""
        from mkdocs.commands import serve as serve_command

        # The serve module's own name for the build function, which it calls for every build (not re-exported).
        build: Callable[..., None] = vars(serve_command)["build"]

        def build_unless_the_data_is_wrong(config: MkDocsConfig, **options: Any) -> None:
            try:
                build(config, **options)
            except Abort as failure:
                if self.server_started or _data_errors(failure) is None:
                    raise
                self.first_build_failure = failure

        setattr(serve_command, "build", build_unless_the_data_is_wrong)  # noqa: B010 (the name is not exported)
        self._restore.append(lambda: setattr(serve_command, "build", build))


class DirtyOutput:
    """What the last build of `mkdocs serve --dirty` left in the site folder, to take away what the next
    build no longer makes.

    A dirty build writes what changed and deletes nothing: a deleted or renamed record's old page would
    answer until the server restarts. And Material's search, under --dirty, writes the previous build's
    entries minus those of the first page it rebuilt, plus the new ones (SearchIndex.generate_search_index):
    a removed page stayed searchable and every other rebuilt page was listed twice.
    """

    def __init__(self) -> None:
        self.written: set[str] | None = None  # the site folder's files the last finished build made
        self.built: set[str] = set()  # URLs of the pages this build rendered (and search indexed again)

    def start_build(self) -> None:
        self.built = set()

    def page_built(self, url: str) -> None:
        self.built.add(url)

    def finish_build(self, files: Files, site_dir: str, search: BasePlugin[Any] | None) -> list[str]:
        """Before search writes its index: delete the files of the previous build this one did not make
        (their emptied folders too) and drop their search entries. Returns the files deleted."""
        made = {file.abs_dest_path for file in files}
        gone = sorted(self.written - made) if self.written is not None else []
        for path in gone:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
            _remove_empty_folders(Path(path).parent, Path(site_dir))
        self.written = made
        if search is not None:
            # As Page.url gives them, the URLs search entries start with: the home page's is "", not "./".
            pages = {"" if file.url in (".", "./") else file.url for file in files.documentation_pages()}
            _update_search_entries(search, pages, self.built)
        return gone


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and site_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or already gone
            return
        folder = folder.parent


def _update_search_entries(search: BasePlugin[Any], pages: set[str], built: set[str]) -> None:
    """Material's search index after a dirty build: the previous entries of pages that still exist and
    were not rendered again, then this build's. Handed to the plugin as its previous index with nothing
    new, which it then writes as it is."""
    previous, current = getattr(search, "search_index_prev", None), getattr(search, "search_index", None)
    if previous is None or current is None:  # the first build, or a search plugin that keeps no index
        return
    kept = [entry for entry in previous.entries
            if (url := entry["location"].partition("#")[0]) in pages and url not in built]
    previous.entries, current.entries = kept + current.entries, []


class ServedErrors:
    """Under `mkdocs serve`, a rebuild that fails shows why in the browser, at every page's URL.

    MkDocs keeps serving the last good pages after a failed rebuild, but holds every request until a
    build succeeds ("The server will appear stuck until build errors are resolved"): the reader's tab
    waits, and the errors are only in the terminal. Here the failed rebuild counts as finished, so open
    pages reload (MkDocs' livereload) and every page answers with the error list laid over it: the last
    site built stays readable beneath, to look up ids while drafting (data errors stop a build before it
    touches the site folder). A URL with no page there (the first build failed, a page not built) answers
    with the error list alone. The next good rebuild reloads them again, onto the site. `mkdocs build` is
    not affected: it fails.
    """

    # In the served site folder, where MkDocs never writes a dot-file. Left there once the errors are fixed:
    # a request decided just before the fixing rebuild may still ask for it.
    PAGE = ".dossier-build-errors.html"

    def __init__(self, server: LiveReloadServer) -> None:
        self.server = server
        self.build_site = server.builder
        app = server.get_app()
        if app is None:  # LiveReloadServer sets its own application when it is made
            raise RuntimeError("the server has no application to serve the site")
        self.serve_site: Callable[..., Iterable[bytes]] = app
        self.failing = False
        self.failure: tuple[str, list[str]] = ("", [])  # (summary, error lines) of the failed build
        server.builder = self.build
        server.set_app(self.serve)

    def build(self) -> None:
        logged = _Logged()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(logged)
        try:
            self.build_site()
        except (Exception, SystemExit) as failure:  # an Abort is a SystemExit
            if not isinstance(failure, (Abort, BuildError)):  # a bug: its traceback, as MkDocs prints it
                _log.exception("The rebuild failed:")
            self.show(failure, logged.messages)
        else:
            self.show(None)
        finally:
            mkdocs_log.removeHandler(logged)

    def show(self, failure: BaseException | None, logged: list[str] | None = None) -> None:
        """From now on, pages show why the build failed; or, given None, the site."""
        if failure is not None:
            self.failure = _failure_lines(failure, logged or [])
            (Path(self.server.root) / self.PAGE).write_text(error_page(self.failure), encoding="utf-8")
            _log.error("The site was not built: every page in the browser shows the errors above, and reloads "
                       "once they are fixed.")
        self.failing = failure is not None

    def serve(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not _is_page(environ.get("PATH_INFO", "")):
            return self.serve_site(environ, start_response)
        # MkDocs answers once a rebuild in progress has finished: whether it failed is known only then.
        answer: list[tuple[str, list[tuple[str, str]]]] = []
        body = self.serve_site(environ, lambda status, headers, exc_info=None: answer.append((status, headers)))
        if not self.failing:
            start_response(*answer[0])
            return body
        status, headers = answer[0]
        if status.startswith("200") and any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers):
            page = b"".join(body)
            if hasattr(body, "close"):
                body.close()
            page = _with_overlay(page, self.failure)
            headers = [(name, str(len(page)) if name.lower() == "content-length" else value) for name, value in headers]
            start_response("500 Internal Server Error", [*headers, ("Cache-Control", "no-store")])
            return [page]
        if hasattr(body, "close"):
            body.close()
        # The errors page, served by MkDocs like any page: with its livereload script, at this build's epoch.
        errors_page = dict(environ, PATH_INFO=self.server.mount_path + self.PAGE)

        def failed(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response("500 Internal Server Error" if status.startswith("200") else status,
                                  [*headers, ("Cache-Control", "no-store")])

        return self.serve_site(errors_page, failed)


def _is_page(path: str) -> bool:
    """A URL a reader opens as a page (not an asset, not livereload's poll)."""
    last = path.rpartition("/")[2]
    return not path.startswith("/livereload/") and (last == "" or last.endswith(".html") or "." not in last)


class _Logged(logging.Handler):
    """The warnings and errors MkDocs and the plugins log during one build, as printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _failure_lines(failure: BaseException, logged: list[str]) -> tuple[str, list[str]]:
    """(a summary, one line per error) for a failed build: the data errors, each as the terminal shows it,
    or else what MkDocs logged, then why it stopped."""
    errors = _data_errors(failure)
    if errors is not None:
        files = len({error.path for error in errors})
        return f"The dossier data has {plural(len(errors), 'error')} in {plural(files, 'file')}.", [str(e) for e in errors]
    stopped = str(failure) if isinstance(failure, (Abort, BuildError)) else f"{type(failure).__name__}: {failure}"
    return "The build failed.", [*logged, stopped]


def _data_errors(failure: BaseException | None) -> list[DataError] | None:
    """The data errors behind a failed build: MkDocs turns the plugin's error into an Abort raised while
    handling it, so it is the Abort's context."""
    seen: set[int] = set()
    while failure is not None and id(failure) not in seen:
        if isinstance(failure, DossierDataErrors):
            return failure.errors
        seen.add(id(failure))
        failure = failure.__cause__ or failure.__context__
    return None


def _with_overlay(page: bytes, failure: tuple[str, list[str]]) -> bytes:
    """The last good page with the error list laid over its top, styled on its own (the theme's CSS may be
    what fails), every line escaped."""
    summary, lines = failure
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    overlay = f"""<div id="dossier-build-errors" role="alert">
<style>
#dossier-build-errors {{ position: fixed; inset: 0 0 auto 0; z-index: 10000; max-height: 75vh; overflow: auto;
  font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; padding: 1rem 1.25rem;
  border-bottom: .3rem solid #b3261e; box-shadow: 0 .5rem 1.5rem rgba(0, 0, 0, .35); }}
#dossier-build-errors summary {{ cursor: pointer; }}
#dossier-build-errors h2 {{ display: inline; font-size: 1.25rem; color: #8a1c1c; margin: 0; }}
#dossier-build-errors ul {{ list-style: none; padding: 0; margin: .5rem 0 0; }}
#dossier-build-errors li {{ font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem;
  white-space: pre-wrap; overflow-wrap: anywhere; margin: .4rem 0; padding: .4rem .75rem; background: #fdf1f1;
  border-left: .25rem solid #b3261e; }}
</style>
<details open>
<summary><h2>The site could not be rebuilt</h2></summary>
<p id="summary">{html.escape(summary)} Below is the site as last built (fold this list to read it). Fix and save: this page
reloads by itself.</p>
<ul id="build-errors">
{items}
</ul>
</details>
</div>""".encode()
    at = page.rfind(b"</body>")
    return page + overlay if at < 0 else page[:at] + overlay + page[at:]


def error_page(failure: tuple[str, list[str]]) -> str:
    """A page of its own (no theme, no assets: the theme may be what fails), every line escaped."""
    summary, lines = failure
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: {html.escape(summary)}</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }}
main {{ max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem; }}
h1 {{ font-size: 1.5rem; color: #8a1c1c; margin: 0 0 .5rem; }}
ul {{ list-style: none; padding: 0; }}
li {{ font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem;
     white-space: pre-wrap; overflow-wrap: anywhere; margin: .5rem 0; padding: .5rem .75rem;
     background: #fdf1f1; border-left: .25rem solid #b3261e; }}
</style>
</head>
<body>
<main>
<h1>The site could not be rebuilt</h1>
<p id="summary">{html.escape(summary)} Fix and save: this page reloads by itself.</p>
<ul id="build-errors">
{items}
</ul>
</main>
</body>
</html>
"""
