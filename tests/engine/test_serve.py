"""The editor's loop, end to end: `mkdocs serve --strict` (what `make serve` runs) over a data folder,
edited while it runs. A new record gets its page, an edit shows on its page and on the pages that link
to it, a deleted or renamed record's page and search entries go, a bad edit keeps the server up and
lays its errors over every page in the browser (the site as last built stays beneath), and fixing it
brings the pages back, all without a restart.

Every wait asks for a condition a counted number of times (real_clients.wait_until): a rebuild is over
when the server answers with its result (MkDocs holds requests while it builds)."""

from __future__ import annotations

import collections
import contextlib
import gzip
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

from benchmarks.serve_edit import free_port
from tests.conftest import MINI, ROOT
from tests.real_clients import wait_until
from tests.search_indexes import pagefind_page_files

if TYPE_CHECKING:
    from playwright.sync_api import Browser

T = TypeVar("T")
# Bounds on a hang, not performance checks: generous for a build on a busy 2-core machine.
REBUILD = 90  # seconds, for Playwright's own waits
PAUSE = 0.1  # seconds between two looks at the server
REBUILD_ATTEMPTS = 900  # looks at the server for one rebuild, PAUSE apart
FIRST_BUILD_ATTEMPTS = 1200


def stop_serving(server: subprocess.Popen[bytes]) -> None:
    """Stop `mkdocs serve` as Ctrl-C does: MkDocs then removes its site folder and the hook its pages folder.
    SIGTERM where this process ignores SIGINT (started in the background by a shell), and so the server,
    which inherited that."""
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    server.send_signal(signal.SIGTERM if ignored else signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


@contextlib.contextmanager
def mkdocs_serve(data_dir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`mkdocs serve --strict` (as `make serve`) over `data_dir` on a free port: (base URL, process).
    Its output goes to serve.log beside the data folder, and is printed at the end."""
    port = free_port()
    env = dict(os.environ, DOSSIER_DATA_DIR=str(data_dir), NO_MKDOCS_2_WARNING="1")
    log_path = data_dir.parent / "serve.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed below, after the server)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}", "-w", str(data_dir)],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        stop_serving(server)
        log.close()
        print(log_path.read_text(errors="replace")[-3000:])


# The served site's address, its data folder and the `mkdocs serve` process.
Served = tuple[str, Path, subprocess.Popen[bytes]]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    data_dir = tmp_path / "data"
    shutil.copytree(MINI, data_dir)
    with mkdocs_serve(data_dir) as (base, server):
        wait_for_page(base + "actors/ben-okafor/", "Ben Okafor", server, attempts=FIRST_BUILD_ATTEMPTS)
        yield base, data_dir, server


def test_edits_new_records_and_mistakes_are_picked_up_without_a_restart(served: Served) -> None:
    base, data_dir, server = served

    # An edited quote shows on its own page and on its speaker's profile (a backlink).
    statement = data_dir / "statements/okafor-doubts.yml"
    statement.write_text(re.sub(r'^text: "', 'text: "Freshly edited words. ', statement.read_text(encoding="utf-8"),
                                count=1, flags=re.M), encoding="utf-8")
    wait_for_page(base + "statements/okafor-doubts/", "Freshly edited words.", server)
    wait_for_page(base + "actors/ben-okafor/", "Freshly edited words.", server)

    # A new actor, copied from another file, gets its page; nobody wrote Markdown or Python.
    (data_dir / "actors/new-person.yml").write_text(
        (data_dir / "actors/ben-okafor.yml").read_text(encoding="utf-8").replace("Ben Okafor", "Nadia Newcomer"),
        encoding="utf-8")
    wait_for_page(base + "actors/new-person/", "Nadia Newcomer", server)
    wait_for_page(base + "actors/", "Nadia Newcomer", server)

    # A mistake: the server stays up and the log names the file and field (what the browser shows: below).
    good = statement.read_text(encoding="utf-8")
    statement.write_text(good.replace("speaker: ben-okafor", "speaker: ben-okafr"), encoding="utf-8")
    log = Path(data_dir.parent / "serve.log")
    wait_for_log(log, "statements/okafor-doubts.yml", server)
    assert "ben-okafr" in log.read_text(errors="replace")
    assert server.poll() is None

    # Fixed: the next build succeeds and an edit made after the fix shows.
    statement.write_text(good.replace("Freshly edited words.", "Fixed and edited again."), encoding="utf-8")
    wait_for_page(base + "statements/okafor-doubts/", "Fixed and edited again.", server)


def wait_for_log(log: Path, needle: str, server: subprocess.Popen[bytes]) -> None:
    until(lambda: needle in log.read_text(errors="replace"), f"{needle!r} in the serve log", server)


def test_serving_settles_the_heap_after_each_build_and_releases_it_on_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs serve` the objects left after a build are frozen out of the garbage collector's scans
    (plugin.fast.heap.HeapPolicy.settle); stopping undoes it. A one-off build does not do it."""
    import gc

    from macros.plugin.fast.heap import HeapPolicy
    from tests.conftest import dossier_plugin

    monkeypatch.setattr(HeapPolicy, "SETTLE_DELAY", 0.01)
    plugin = dossier_plugin()
    plugin.session.use_speed(True)
    assert plugin.session.speed is not None
    heap = plugin.session.speed.heap
    heap.build_finished()  # not serving: nothing scheduled, so nothing can freeze later either
    assert heap.settling is None
    assert gc.get_freeze_count() == 0
    plugin.start_serving(dirty=False)
    try:
        heap.build_finished()
        settling = heap.settling
        assert settling is not None
        settling.join(timeout=60)  # the timer thread that settles the heap: no polling needed
        assert not settling.is_alive(), "the heap was not settled within 60 s of the build"
        assert gc.get_freeze_count() > 0
    finally:
        plugin.stop_serving()
    assert gc.get_freeze_count() == 0


# --- helpers: HTTP as a browser sees it, and waiting for a condition ------------------------------
def article_of(page: str) -> str:
    """The page's own content, without the header, navigation and footer every page shares."""
    return page.partition("<article")[2].partition("</article>")[0]


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    """(status, body) of a GET, error statuses included; (0, "") when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def until(condition: Callable[[], T | None], what: str, server: subprocess.Popen[bytes], attempts: int = REBUILD_ATTEMPTS) -> T:
    """Ask `condition` until it returns something truthy (real_clients.wait_until), failing at once should the
    server exit meanwhile."""
    def while_serving() -> T | None:
        assert server.poll() is None, f"mkdocs serve exited while waiting for {what}"
        return condition()

    return wait_until(while_serving, what, attempts=attempts, interval=PAUSE)


def wait_for_page(url: str, needle: str, server: subprocess.Popen[bytes], attempts: int = REBUILD_ATTEMPTS) -> str:
    """Wait until the page at `url` answers 200 with `needle` in it; its body."""
    def showing() -> str | None:
        status, body = get(url)
        return body if status == 200 and needle in body else None

    return until(showing, f"{url} showing {needle!r}", server, attempts)


def wait_for_status(url: str, status: int, server: subprocess.Popen[bytes], listing: list[str] | None = None) -> str:
    """Wait until `url` answers `status` (and, given `listing`, lists exactly these errors); its body."""
    def answered() -> str | None:
        code, body = get(url)
        return body if code == status and (listing is None or error_lines(body) == listing) else None

    return until(answered, f"{url} answering {status}" + (f" with {listing}" if listing is not None else ""), server)


def search_pages(base: str) -> collections.Counter[str]:
    """The pages the served site's search (Pagefind's index) lists, each once."""
    status, body = get(base + "pagefind/pagefind-entry.json")
    assert status == 200
    pages: collections.Counter[str] = collections.Counter()
    for language in json.loads(body)["languages"].values():
        files = pagefind_page_files(get_bytes(base + f"pagefind/pagefind.{language['hash']}.pf_meta"))
        for file in files:
            fragment = gzip.decompress(get_bytes(base + f"pagefind/{file}")).decode("utf-8").removeprefix("pagefind_dcd")
            pages[json.loads(fragment)["url"].removeprefix("/")] += 1
    return pages


def get_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
        return body


def replace_in(path: Path, old: str, new: str) -> str:
    """Edit a record file in place; returns its previous text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


def error_lines(body: str) -> list[str]:
    """The errors the served error page lists, as text ([] on any other page)."""
    items = re.search(r'<ul id="build-errors">(.*?)</ul>', body, re.S)
    if items is None:
        return []
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", items[1], re.S)]


def expected_errors(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data errors as `mkdocs build` and `python -m macros check` report them (file:line: field: …),
    worked out in the server's working folder."""
    from macros.records.check import check

    monkeypatch.chdir(ROOT)
    return [str(error) for error in sorted(check(data_dir).errors)]


# --- removed records -------------------------------------------------------------------------------
def test_deleted_renamed_records_and_a_deleted_topic_leave_the_running_site(served: Served) -> None:
    base, data_dir, server = served
    before = search_pages(base)
    assert before["statements/okafor-paraphrase/"] and before["events/tender/"] and before["topics/riverton-bridge/"]

    # Deleted: the page answers 404 (MkDocs' 404 page) and search no longer lists it.
    (data_dir / "statements/okafor-paraphrase.yml").unlink()
    wait_for_status(base + "statements/okafor-paraphrase/", 404, server)
    after_delete = search_pages(base)
    assert after_delete == before - collections.Counter({"statements/okafor-paraphrase/": before["statements/okafor-paraphrase/"]})
    assert "okafor-paraphrase" not in get(base + "statements/")[1]

    # Renamed: the old URL goes, the new one comes, search follows; other pages are listed once, as before.
    (data_dir / "events/tender.yml").rename(data_dir / "events/tender-published.yml")
    wait_for_status(base + "events/tender-published/", 200, server)
    assert get(base + "events/tender/")[0] == 404
    after_rename = search_pages(base)
    assert after_rename["events/tender/"] == 0
    assert after_rename["events/tender-published/"] == before["events/tender/"]
    assert after_rename == after_delete - collections.Counter({"events/tender/": before["events/tender/"]}) + \
        collections.Counter({"events/tender-published/": before["events/tender/"]})

    # A whole topic: its record and every mention of it, in one save of several files.
    (data_dir / "topics/riverton-bridge.yml").unlink()
    for mentioning in ("figures/bridge-cost.yml", "events/bridge-announcement.yml", "claims/bridge-opens-in-2027.yml",
                       "statements/lopez-opens-2027.yml"):
        replace_in(data_dir / mentioning, "topics: [riverton-bridge]\n", "")
    wait_for_status(base + "topics/riverton-bridge/", 404, server)
    after_topic = search_pages(base)
    assert after_topic["topics/riverton-bridge/"] == 0
    assert after_topic == after_rename - collections.Counter({"topics/riverton-bridge/": before["topics/riverton-bridge/"]})
    assert "The Riverton bridge" not in article_of(get(base + "topics/")[1])  # the site name says it too
    assert get(base + "claims/bridge-opens-in-2027/")[0] == 200


# --- data errors in the browser ---------------------------------------------------------------
def break_two_files(data_dir: Path) -> tuple[str, str]:
    """Two mistakes in two files, one of them with markup in the value (it must show as text)."""
    statement = replace_in(data_dir / "statements/okafor-doubts.yml", "speaker: ben-okafor", 'speaker: "<b>ben</b>-okafr"')
    claim = replace_in(data_dir / "claims/bridge-opens-in-2027.yml", "topics: [riverton-bridge]", "topics: [riverton-brige]")
    return statement, claim


def test_a_data_error_is_shown_at_every_page_until_it_is_fixed(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    base, data_dir, server = served
    statement, claim = break_two_files(data_dir)
    expected = expected_errors(data_dir, monkeypatch)
    assert len(expected) == 2
    assert expected[0].startswith(f"{data_dir}/claims/bridge-opens-in-2027.yml:16: topics[0]: ")
    assert expected[1].startswith(f"{data_dir}/statements/okafor-doubts.yml:1: speaker: '<b>ben</b>-okafr' ")

    # (The two saves may reach the server in one rebuild or two: wait for the page listing both.)
    body = wait_for_status(base + "statements/okafor-doubts/", 500, server, listing=expected)
    assert "<b>ben</b>" not in body and "&lt;b&gt;ben&lt;/b&gt;-okafr" in body  # escaped, never markup
    assert "The dossier data has 2 errors in 2 files." in body
    assert "livereload(" in body  # MkDocs' reload script: the open page comes back by itself
    # Every page URL a reader may have open shows it: home, index pages, anything; assets are still served.
    for url in ("", "actors/", "guide/", "no/such/page/", "index.html", "actors/ben-okafor"):
        status, page = get(base + url)
        assert (status, error_lines(page)) == (500, expected), url
    # Drafting: the list lies over the site as last built, still there to look up ids; a URL with no page
    # there gets the list alone.
    status, page = get(base + "actors/")
    assert "Ben Okafor" in article_of(page) and page.count('<ul id="build-errors">') == 1
    assert "<article" not in get(base + "no/such/page/")[1]
    assert get(base + "assets/dossier.css")[0] == 200
    assert "Traceback" not in (data_dir.parent / "serve.log").read_text(errors="replace")

    # `mkdocs build --strict` fails on the same errors, listed in full.
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                            "-d", str(data_dir.parent / "site")], cwd=ROOT, capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, DOSSIER_DATA_DIR=str(data_dir), NO_MKDOCS_2_WARNING="1"))
    assert built.returncode == 1
    assert all(line in built.stderr.splitlines() for line in expected), built.stderr
    assert "Traceback" not in built.stderr

    # One fixed, one left: the page lists what is left. Both fixed: the site is back.
    (data_dir / "claims/bridge-opens-in-2027.yml").write_text(claim, encoding="utf-8")
    wait_for_status(base + "statements/okafor-doubts/", 500, server, listing=expected[1:])
    (data_dir / "statements/okafor-doubts.yml").write_text(statement, encoding="utf-8")
    page = wait_for_status(base + "statements/okafor-doubts/", 200, server)
    assert "Nobody builds a bridge like that in a year." in page and "build-errors" not in page
    assert get(base + "no/such/page/")[0] == 404


def test_a_server_started_on_wrong_data_shows_the_errors_and_then_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make serve` on a data folder with a mistake starts all the same (MkDocs would stop: its first build
    failed), every page lists the errors, and the save that fixes them builds the site."""
    data_dir = tmp_path / "data"
    shutil.copytree(MINI, data_dir)
    good = replace_in(data_dir / "statements/okafor-doubts.yml", "speaker: ben-okafor", "speaker: ben-okafr")
    expected = expected_errors(data_dir, monkeypatch)
    assert len(expected) == 1 and expected[0].startswith(f"{data_dir}/statements/okafor-doubts.yml:1: speaker: ")
    with mkdocs_serve(data_dir) as (base, server):
        wait_for_status(base, 500, server, listing=expected)
        assert error_lines(get(base + "actors/ben-okafor/")[1]) == expected
        (data_dir / "statements/okafor-doubts.yml").write_text(good, encoding="utf-8")
        assert "Ben Okafor" in wait_for_status(base + "actors/ben-okafor/", 200, server)
        assert search_pages(base)["statements/okafor-doubts/"] == 1
        assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")


# How the page now shown was reached: "navigate" (page.goto) or "reload" (livereload's location.reload()).
NAVIGATION_TYPE = "performance.getEntriesByType('navigation')[0].type"


@pytest.mark.browser
def test_the_open_page_shows_the_errors_and_comes_back_by_itself(served: Served, chromium: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    """In Chromium: the page the editor has open reloads onto the error list when a save breaks the data,
    and back onto itself when it is fixed, without anyone touching the browser."""
    from playwright.sync_api import expect

    base, data_dir, server = served
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        heading = page.locator("article h1")
        page.goto(base + "actors/ben-okafor/")
        expect(heading).to_have_text(re.compile("^Ben Okafor"))
        assert page.evaluate(NAVIGATION_TYPE) == "navigate"

        statement, claim = break_two_files(data_dir)
        expected = expected_errors(data_dir, monkeypatch)
        expect(page.locator("#build-errors li")).to_have_text(expected, timeout=REBUILD * 1000)
        expect(page.locator("#dossier-build-errors")).to_be_visible()
        expect(page.locator("#summary")).to_contain_text("The dossier data has 2 errors in 2 files.")
        expect(heading).to_have_text(re.compile("^Ben Okafor"))  # the page as last built, beneath the list
        assert (page.url, page.evaluate(NAVIGATION_TYPE)) == (base + "actors/ben-okafor/", "reload")

        (data_dir / "statements/okafor-doubts.yml").write_text(statement, encoding="utf-8")
        (data_dir / "claims/bridge-opens-in-2027.yml").write_text(claim, encoding="utf-8")
        expect(heading).to_have_text(re.compile("^Ben Okafor"), timeout=REBUILD * 1000)
        expect(page.locator("#build-errors")).to_have_count(0)
        assert (page.url, page.evaluate(NAVIGATION_TYPE)) == (base + "actors/ben-okafor/", "reload")
    finally:
        context.close()


# --- any failed rebuild, in MkDocs' own server (not bound to a port: its WSGI application is called) --
def call(app: Callable[..., Iterable[bytes]], path: str) -> tuple[str, str]:
    answered: list[str] = []
    body = app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, lambda status, headers, exc_info=None: answered.append(status))
    try:
        return answered[0], b"".join(body).decode("utf-8")
    finally:
        getattr(body, "close", lambda: None)()  # as a WSGI server does


def test_any_failed_rebuild_shows_what_mkdocs_logged_and_why_it_stopped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Not only data errors: a strict build stopped by a warning, or a bug in a plugin, shows in the
    browser too, escaped; assets are still served, and the next good rebuild serves the site again."""
    import logging

    from mkdocs.exceptions import Abort
    from mkdocs.livereload import LiveReloadServer

    from macros.plugin.serving import ServedErrors

    (tmp_path / "guide").mkdir()
    (tmp_path / "guide/index.html").write_text("<html><body><h1>Guide</h1></body></html>", encoding="utf-8")
    (tmp_path / "style.css").write_text("h1 {}", encoding="utf-8")
    failure: list[BaseException] = []

    def build() -> None:
        if failure:
            logging.getLogger("mkdocs.structure.pages").warning("Doc file 'a.md' contains a link '<b>.md', but it is not found.")
            raise failure[0]

    server = LiveReloadServer(builder=build, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))  # what makes MkDocs add its livereload script to pages (not started here)
        ServedErrors(server)
        app = server.get_app()
        assert app is not None  # set by the server's constructor

        failure.append(Abort("Aborted with 1 warnings in strict mode!"))
        server.builder()
        status, page = call(app, "/guide/")
        assert status.startswith("500")
        assert error_lines(page) == ["Doc file 'a.md' contains a link '<b>.md', but it is not found.", "Aborted with 1 warnings in strict mode!"]
        assert "&#x27;&lt;b&gt;.md&#x27;" in page and "livereload(" in page
        assert [call(app, path)[0][:3] for path in ("/", "/no/such/", "/guide", "/style.css")] == ["500", "500", "500", "200"]

        failure[0] = TypeError("a bug <here>")
        server.builder()
        assert error_lines(call(app, "/guide/")[1])[-1] == "TypeError: a bug <here>"
        assert "Traceback" in caplog.text  # a bug keeps its traceback in the terminal, as MkDocs prints it

        failure.clear()
        server.builder()
        status, page = call(app, "/guide/")
        assert status.startswith("200") and "<h1>Guide</h1>" in page and error_lines(page) == []
    finally:
        server.server_close()  # its socket, never bound
