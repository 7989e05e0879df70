"""Clients nobody on the project wrote, driven against a built site: Chromium (Playwright), axe-core,
the Nu HTML Checker (vnu) and LinkChecker.

Each tool is found or reported missing by `require_*`: off CI a missing tool skips the test with the
command that installs it; under CI=true it fails, because CI installs everything (.ci/run).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_FILTER = Path(__file__).resolve().parent / "vnu-filter.txt"
CHROMIUM = "/usr/bin/chromium"

# Flags for a root, headless, offline machine: without the background-networking ones Chromium tries
# to reach Google's hosts at start-up, which this project's tests must never do.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# WCAG 2.1 level AA, as axe-core tags its rules.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --- which tools are here ----------------------------------------------------------------------
def on_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(what: str, install: str) -> None:
    """Skip (on a developer's machine) or fail (on CI, which must have every tool) for a missing tool."""
    message = f"{what} is not installed: {install}"
    if on_ci():
        pytest.fail(f"{message} (CI=true: .ci/run must install it)")
    pytest.skip(message)


def require_chromium() -> str:
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    if not path:
        missing("Chromium", "apt-get install -y chromium (Debian's build; never `playwright install`)")
    return str(path)


def require_java() -> str:
    path = shutil.which("java")
    if not path:
        missing("Java", "apt-get install -y default-jre-headless")
    return str(path)


def require_node_module(path: Path) -> Path:
    if not path.is_file():
        missing(f"{path.relative_to(ROOT)}", "run `npm ci --ignore-scripts` at the repository root (`make test` does it)")
    return path


# --- waiting for a condition ------------------------------------------------------------------
T = TypeVar("T")


def wait_until(condition: Callable[[], T | None], what: str, *, attempts: int, interval: float = 0.1) -> T:
    """Ask `condition` until it returns something truthy, and return that: at most `attempts` times, with a pause
    of `interval` seconds after each miss. Counted, not timed, so that a busy machine only makes the wait longer;
    the count bounds a hang and is no performance check. Fails naming `what` was waited for."""
    pause = threading.Event()  # never set: its wait() is the pause, with no clock read here
    for _ in range(attempts):
        result = condition()
        if result:
            return result
        pause.wait(interval)
    raise AssertionError(f"waited for {what}: not so after {attempts} attempts {interval} s apart")


# --- serving a built site ----------------------------------------------------------------------
class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, no request log; tells LinkChecker it may go at full speed on this local server."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def end_headers(self) -> None:
        # LinkChecker throttles every host to ~10 requests/s unless the server sends this header.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # Chromium and LinkChecker open many connections at once


@contextmanager
def serve(site: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the duration; yields the base URL ending in '/'.
    `handler`: how files are answered (benchmarks.weights gzips them, as GitHub Pages does)."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as site-relative paths ('index.html', 'actors/x/index.html')."""
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def page_url(base: str, relative: str) -> str:
    """The URL a reader uses for a page: directory URLs end in '/', not 'index.html'."""
    return base + re.sub(r"(^|/)index\.html$", r"\1", relative)


# --- Chromium ----------------------------------------------------------------------------------
def launch_chromium(playwright: Any) -> Browser:
    browser: Browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
    return browser


# --- axe-core ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.target}: {self.summary}"


_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: v.impact || '', target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ')
  })));
}"""


# True once no finite CSS animation or transition is running. Material fades the search dialog and its
# results in: measured mid-fade, text has a lighter colour than the reader ends up seeing (axe once found
# 24 contrast violations in the search dialog that way, on every run of a quiet machine).
_SETTLED = """() => document.getAnimations().every(animation =>
    animation.playState !== "running" || animation.effect.getComputedTiming().iterations === Infinity)"""


def wait_until_settled(page: Page) -> None:
    """Wait for the page as a reader sees it once it stops moving: every animation and transition ended."""
    page.wait_for_function(_SETTLED, timeout=15_000)


# Long lists lay out an item only as it nears the screen (`content-visibility: auto`, dossier.css); one laid out
# while axe runs moves what follows it, and axe read a link against the footer that had moved under it
# (the events index, with the second core busy: a contrast of 2.34 that no reader sees).
# Every item laid out first, as each is once the reader scrolls to it: the colours checked are the same.
_LAID_OUT = "* { content-visibility: visible !important; }"


def run_axe(page: Page) -> list[Violation]:
    """Inject axe-core into the page as it is once settled (`wait_until_settled`), every item of a long list
    laid out, and return every WCAG 2.1 AA violation, node by node."""
    page.add_style_tag(content=_LAID_OUT)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    wait_until_settled(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=require_node_module(AXE_SCRIPT).read_text(encoding="utf-8"))
    return [Violation(**item) for item in page.evaluate(_RUN_AXE, WCAG_21_AA)]


# --- pa11y ------------------------------------------------------------------------------------
PA11Y = NODE_MODULES / "pa11y" / "bin" / "pa11y.js"


@dataclass(frozen=True)
class Pa11yIssue:
    runner: str
    code: str
    selector: str
    context: str
    message: str

    def __str__(self) -> str:
        return f"{self.runner} {self.code} at {self.selector}: {self.message} [{self.context[:120]}]"


def require_node() -> str:
    path = shutil.which("node")
    if not path:
        missing("Node.js", "apt-get install -y nodejs npm")
    return str(path)


def run_pa11y(url: str, workdir: Path) -> list[Pa11yIssue]:
    """pa11y's errors (WCAG 2 AA) on the page at `url`, from both its runners, HTML_CodeSniffer and axe-core,
    in Debian's Chromium (puppeteer's own browser is never downloaded: PUPPETEER_SKIP_DOWNLOAD=1)."""
    node, pa11y = require_node(), require_node_module(PA11Y)
    config = workdir / "pa11y.json"
    config.write_text(json.dumps({
        "chromeLaunchConfig": {"executablePath": require_chromium(), "args": CHROMIUM_ARGS},
        "runners": ["htmlcs", "axe"], "standard": "WCAG2AA", "timeout": 120_000,
    }), encoding="utf-8")
    completed = subprocess.run([node, str(pa11y), "--config", str(config), "--reporter", "json", url],
                               capture_output=True, text=True, check=False, timeout=600)
    # pa11y exits 2 when it found issues, 0 when none; anything else is a failure to run.
    if completed.returncode not in (0, 2):
        raise RuntimeError(f"pa11y failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return [Pa11yIssue(item["runner"], item["code"], item.get("selector", ""), item.get("context", ""), item["message"])
            for item in json.loads(completed.stdout or "[]") if item["type"] == "error"]


# --- the Nu HTML Checker -----------------------------------------------------------------------
@dataclass(frozen=True)
class FilterEntry:
    """One accepted vnu message: a regular expression and the comment saying why it is accepted."""

    pattern: re.Pattern[str]
    why: str


def load_vnu_filter(path: Path = VNU_FILTER) -> list[FilterEntry]:
    """Entries of the committed filter: `# why` comment lines, then the regular expression they justify."""
    entries, why = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            why.append(line.lstrip("# ").strip())
        elif line.strip():
            if not why:
                raise ValueError(f"{path.name}: entry {line!r} has no comment saying why it is accepted")
            entries.append(FilterEntry(re.compile(line.strip()), " ".join(why)))
            why = []
    return entries


@dataclass(frozen=True)
class VnuMessage:
    url: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.url}:{self.line}: {self.message}  [{self.extract.strip()[:120]}]"


def run_vnu(site: Path) -> tuple[list[VnuMessage], int]:
    """Every error vnu reports over all HTML files of `site`, and how many files it checked."""
    java = require_java()
    jar = require_node_module(VNU_JAR)
    pages = html_pages(site)
    completed = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors; anything else is a crash.
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"vnu failed ({completed.returncode}): {completed.stderr[-2000:]}")
    report = json.loads(completed.stderr or '{"messages": []}')
    messages = [
        VnuMessage(item.get("url", ""), int(item.get("lastLine", 0)), item.get("message", ""), item.get("extract", ""))
        for item in report["messages"]
        if item.get("type") in ("error", "non-document-error")
    ]
    return messages, len(pages)


def split_accepted(messages: list[VnuMessage], entries: list[FilterEntry]) -> tuple[list[VnuMessage], dict[str, int]]:
    """(messages no filter entry accepts, how many messages each entry accepted keyed by its pattern)."""
    used = {entry.pattern.pattern: 0 for entry in entries}
    unaccepted = []
    for message in messages:
        entry = next((e for e in entries if e.pattern.search(message.message)), None)
        if entry is None:
            unaccepted.append(message)
        else:
            used[entry.pattern.pattern] += 1
    return unaccepted, used


# --- LinkChecker -------------------------------------------------------------------------------
LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


@dataclass(frozen=True)
class LinkResult:
    url: str
    parent: str
    result: str
    warning: str
    valid: bool

    def __str__(self) -> str:
        return f"{self.url} (linked from {self.parent}): {self.result} {self.warning}".strip()


def run_linkchecker(start_url: str, workdir: Path) -> tuple[list[LinkResult], int]:
    """LinkChecker over everything reachable from `start_url`, external links not followed, anchors checked.

    Returns (every problem: errors and warnings, the number of links checked).
    """
    config = workdir / "linkcheckerrc"
    # Read before LinkChecker, run as root, drops its privileges to `nobody`.
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    executable = Path(sys.executable).parent / "linkchecker"
    completed = subprocess.run(
        [str(executable), "--config", str(config), "--no-status", "--verbose", "--output", "csv", start_url],
        capture_output=True, text=True, check=False, timeout=600,
    )
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed ({completed.returncode}): {completed.stderr[-2000:]}")
    rows = [line for line in completed.stdout.splitlines() if line and not line.startswith("#")]
    results = [
        LinkResult(row["url"], row["parentname"], row["result"], row["warningstring"], row["valid"] == "True")
        for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
    ]
    problems = [result for result in results if not result.valid or result.warning]
    return problems, len(results)


def differs_between_builds(path: Path) -> bool:
    """Pagefind's filter and metadata files, and the entry file naming them, differ between two builds of the
    same pages (its maintainers say so: only the fragment files are stable since 1.3), so two fresh builds
    differ there too. Comparisons of two built sites leave them out; the fragments (each page's indexed
    text) and the word index are compared. `path`: relative to the site."""
    parts = path.parts
    return len(parts) > 1 and parts[0] == "pagefind" and (
        parts[1] == "filter" or path.name == "pagefind-entry.json" or path.suffix == ".pf_meta")


def word_index_left_out(differences: list[str]) -> list[str]:
    """`sites_differ`'s answer without Pagefind's word index, for a site indexed by Pagefind's API beside the
    build and one indexed by its CLI after it: the word index numbers pages in the order Pagefind got them
    (MkDocs' order beside the build, the folder's walk for the CLI). Their fragment files, one per page,
    named by its indexed content, stay compared byte for byte."""
    return [path for path in differences if not path.startswith("pagefind/index/")]


def sites_differ(one: Path, other: Path) -> list[str]:
    """The files (relative paths) two built sites do not hold byte for byte alike: in one only, or
    different in both; Pagefind's files that differ between any two builds left out (`differs_between_builds`)."""
    def files(site: Path) -> dict[str, Path]:
        return {path.relative_to(site).as_posix(): path for path in site.rglob("*")
                if path.is_file() and not differs_between_builds(path.relative_to(site))}

    ones, others = files(one), files(other)
    return sorted(ones.keys() ^ others.keys()) + sorted(path for path in ones.keys() & others.keys()
                                                         if ones[path].read_bytes() != others[path].read_bytes())
