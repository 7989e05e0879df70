"""What a reader pays, on a synthetic dossier: page weights, search bytes and time, Lighthouse.

    python -m benchmarks.weights [--statements 10000] [--index-only 100000] [--lighthouse-runs 3] [--site site]

1. Builds a synthetic dossier of N statements (benchmarks.synthetic) with `mkdocs build`, Pagefind's
   step included (macros/plugin/search_index.py): wall time, CPU and peak memory; then Pagefind's step alone.
2. Weighs every page's first visit (benchmarks.page_weight: gzipped, all resources) against the 500 KB
   budget, and lists render-blocking scripts over 100 KB.
3. Serves the site gzipped, as GitHub Pages does (a small local server), and in Debian's Chromium
   searches three fixed queries, each in a fresh tab: the bytes fetched before searching (search files:
   the target is 0), the bytes fetched for the query, and the time from the last key to the first result.
4. With --index-only M: the synthetic dossier of M statements as bare pages (a page for each record with a
   page of its own: its text fields, no theme), cut into the build's search parts and each part indexed by
   Pagefind's CLI as the build does with its speed switch off, and the same three queries: a full build of
   100,000 statements is too slow for this machine.
5. Lighthouse (the version pinned in package-lock.json), mobile preset, performance only, median of
   --lighthouse-runs runs, on one page of each template of the full build (or of --site), served gzipped (a
   split index: its page of parts and its longest part). Lighthouse's 4× CPU slowdown turns a fast desktop
   into its mid-tier phone; on a slower host it emulates a slower phone, and Lighthouse warns: each run's
   score is printed beside the host's benchmarkIndex in that run. With --calibrate, the templates are scored
   again with the slowdown Lighthouse's throttling guide gives for the median of those indexes. A run whose
   first paint came long after its load event is marked "held" (LighthouseRun.paint_held): Chromium's
   frame throttling (seen here headless and headful), which the medians include.
Targets are printed beside each figure (issue 27).
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from benchmarks.page_weight import BLOCKING_SCRIPT_BUDGET, PAGE_BUDGET, Site
from benchmarks.run import BIN, ROOT, build_dossier, timed
from benchmarks.synthetic import generate
from macros.plugin.search import EXCLUDED
from macros.site.index_parts import PARTS_FOLDER

QUERIES = ("pipeline", "ceasefire agreement", "embassy diplomat insisted")
FIRST_RESULT_BUDGET = 300_000  # bytes of search files fetched for a query's first results
LIGHTHOUSE_TARGET = 95
# A first paint this long after the load event is counted as held by the browser (LighthouseRun.paint_held).
PAINT_HELD_MS = 500
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# One page of each template: the home page, each kind's index, and the first record page of each kind.
TEMPLATE_KINDS = ("topics", "claims", "statements", "actors", "sources", "events")
INDEXES = ("topics", "claims", "statements", "actors", "sources", "events", "figures")
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".mjs")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text gzipped when the client accepts it."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if not path.is_file() or not path.name.endswith(_COMPRESSIBLE) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzipped(site: Path) -> Iterator[str]:
    from tests.real_clients import serve

    with serve(site, GzipHandler) as url:
        yield url


def kb(size: float) -> str:
    return f"{size / 1000:,.0f} KB"


# --- 1, 2: build and weights ----------------------------------------------------------------------
def index_with_pagefind(site: Path) -> tuple[float, float]:
    """Pagefind's step alone on a built site: (seconds, peak MB)."""
    excludes = [part for selector in EXCLUDED for part in ("--exclude-selectors", selector)]
    scratch = site.parent / f"{site.name}-pagefind-alone"  # not into the site: its index may be in parts
    run = timed([str(BIN / "python"), "-m", "pagefind", "--site", str(site), "--quiet", *excludes, "--output-path", str(scratch)], clean=scratch)
    return run.seconds, run.peak_rss_mb


def template_pages(site: Path) -> dict[str, str]:
    """Template name → a page of it (site path)."""
    pages = {"home": "index.html"}
    for kind in TEMPLATE_KINDS:
        first = sorted(path for path in (site / kind).iterdir() if path.is_dir() and path.name != PARTS_FOLDER)
        if first:
            pages[kind.rstrip("s") if kind != "topics" else "brief"] = f"{kind}/{first[0].name}/index.html"
    for kind in INDEXES:
        if (site / kind / "index.html").is_file():
            pages[f"{kind} index"] = f"{kind}/index.html"
        # A split index (macros/site/index_parts.py): its longest part too.
        parts = sorted((site / kind / PARTS_FOLDER).glob("*/index.html"), key=lambda page: (-page.stat().st_size, page))
        if parts:
            pages[f"{kind} index part"] = parts[0].relative_to(site).as_posix()
    return pages


def report_weights(site_dir: Path) -> None:
    site = Site(site_dir)
    weights = [site.weigh(page) for page in site.pages()]
    transfers = sorted(weight.transfer for weight in weights)
    over = [weight for weight in weights if weight.transfer > PAGE_BUDGET]
    blocking = [(weight.page, script, size) for weight in weights for script, size in weight.blocking.items() if size > BLOCKING_SCRIPT_BUDGET]
    print(f"  pages weighed: {len(weights):,}; first visit median {kb(statistics.median(transfers))}, "
          f"heaviest {kb(transfers[-1])} (target ≤ {kb(PAGE_BUDGET)} each)")
    print(f"  pages over budget: {len(over)} (target 0)")
    for weight in sorted(over, key=lambda w: -w.transfer)[:10]:
        print(f"    {weight.page}: {kb(weight.transfer)}")
    print(f"  render-blocking scripts over {kb(BLOCKING_SCRIPT_BUDGET)} (Material's bundle aside): {len(blocking)} (target 0)")
    for name, page in template_pages(site_dir).items():
        print(f"    {name:<18} {page:<48} {kb(site.weigh(page).transfer):>8}")


# --- 3, 4: search in Chromium ---------------------------------------------------------------------
def search_files(url: str) -> bool:
    """What a search fetches: Pagefind's files, the worker search.js starts Pagefind in, or Material's index."""
    return "/pagefind/" in url or "/search-worker.js" in url or "search_index" in url or "/workers/search" in url


def measure_queries(site: Path, page_path: str = "", queries: tuple[str, ...] = QUERIES) -> list[tuple[str, int, int, int, float, int]]:
    """[(query, bytes of search files before searching, bytes fetched for the query, requests,
    seconds from the last key to the first result, results)], each query in a fresh tab."""
    from playwright.sync_api import sync_playwright

    from tests.real_clients import launch_chromium

    rows = []
    with serve_gzipped(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for query in queries:
                page = browser.new_page()
                responses: list[Any] = []
                page.on("requestfinished", partial(_keep, responses))
                page.goto(url + page_path, wait_until="networkidle")
                before = sum(_bytes(r) for r in responses if search_files(r.url))
                responses.clear()
                page.click(".md-search__input")
                box = page.locator("input.md-search__input")
                box.fill(query[:-1])
                started = time.perf_counter()
                box.press(query[-1])
                # The first results on screen (search.js: `shown`); more parts of the index may follow (`answered`).
                page.wait_for_function("q => document.querySelector('.md-search').dataset.shown === q", arg=query, timeout=120_000)
                seconds = time.perf_counter() - started
                fetched = [r for r in responses if search_files(r.url)]
                page.wait_for_function("q => document.querySelector('.md-search').dataset.answered === q", arg=query, timeout=120_000)
                count = page.eval_on_selector_all(".md-search-result__item", "items => items.filter(i => !i.querySelector('button')).length")
                rows.append((query, before, sum(_bytes(r) for r in fetched), len(fetched), seconds, count))
                page.close()
        finally:
            browser.close()
    return rows


def _keep(into: list[Any], request: Any) -> None:
    into.append(request)


def _bytes(request: Any) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])


def report_queries(rows: list[tuple[str, int, int, int, float, int]]) -> None:
    for query, before, fetched, requests, seconds, count in rows:
        print(f"    {query!r:<30} before searching {before:,} B (target 0); for the query {kb(fetched)} in {requests} requests "
              f"(target ≤ {kb(FIRST_RESULT_BUDGET)}); first result {seconds:.2f} s after the last key; {count} shown")


def bare_pages(data_dir: Path, out: Path) -> tuple[int, float]:
    """One bare HTML page per record with a page of its own (its title and its text fields, no theme), the
    index cut into parts as the build cuts it (macros/site/search_parts.py) and each part indexed by
    Pagefind's CLI as the build does with the speed switch off (plugin/search.index_parts).
    (pages, seconds of indexing). Pagefind's memory is not read here: a child forked from this process, which
    holds the loaded dossier, is counted at this process's size."""
    from macros.plugin.search import index_parts
    from macros.records.check import read
    from macros.records.schema import MODELS
    from macros.records.validate import validate
    from macros.site.search_parts import PARTS_FILE, SEARCH_PART_PAGES, part_folder, parts_listing, search_parts

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dossier = validate(read(data_dir))
    shutil.rmtree(out, ignore_errors=True)
    pages: list[tuple[str, str | None, Any]] = []
    written: dict[str, str] = {}
    for kind, records in dossier.records.items():
        if MODELS[kind].listed_on_index:  # no page of its own (figures: rows on their list)
            continue
        noun = MODELS[kind].noun().capitalize()
        for record_id, record in records.items():
            raw = yaml.load((data_dir / kind / f"{record_id}.yml").read_text(encoding="utf-8"), Loader=loader)
            texts = [value for value in raw.values() if isinstance(value, str)]
            folder = out / kind / record_id
            folder.mkdir(parents=True)
            page = folder / "index.html"
            page.write_text(
                f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(texts[0])}</title></head><body>'
                f'<div class="md-content" data-pagefind-body data-pagefind-meta="kind:{noun}"><h1>{html.escape(texts[0])}</h1>'
                + "".join(f"<p>{html.escape(text)}</p>" for text in texts[1:]) + "</div></body></html>", encoding="utf-8")
            url = f"/{kind}/{record_id}/"
            pages.append((url, kind, record))
            written[url] = str(page)
    parts: dict[int, list[str]] = {}
    for url, part in search_parts(pages, SEARCH_PART_PAGES).items():
        parts.setdefault(part, []).append(written[url])
    # The header's search box and its script, as the full build has them.
    copy_search_scripts(out)
    (out / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body>'
        '<input type="checkbox" id="__search"><script id="__config" type="application/json">{"base": ".", "translations": {}}</script>'
        '<div class="md-search" data-dossier-search><form class="md-search__form"><input class="md-search__input"></form>'
        '<div class="md-search-result__meta"></div><ol class="md-search-result__list"></ol></div>'
        '<script src="search.js"></script></body></html>', encoding="utf-8")
    started = time.perf_counter()
    index_parts(out, parts)
    seconds = time.perf_counter() - started
    (out / part_folder(1) / PARTS_FILE).write_text(json.dumps(parts_listing([len(parts[n]) for n in sorted(parts)], {})), encoding="utf-8")
    return len(pages), seconds


def copy_search_scripts(out: Path) -> None:
    """The search box's script beside the bare pages, and the worker it starts Pagefind in where it looks for it
    (assets/ at the site's root)."""
    shutil.copy(ROOT / "docs" / "assets" / "search.js", out / "search.js")
    (out / "assets").mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "assets" / "search-worker.js", out / "assets" / "search-worker.js")


# --- 5: Lighthouse --------------------------------------------------------------------------------
class LighthouseRun(NamedTuple):
    """One Lighthouse run of one page: its score (0–100), the host's benchmarkIndex, and the first paint and the
    load event as observed, unthrottled (ms after navigation)."""

    score: float
    benchmark_index: float
    first_paint: float
    load: float

    @property
    def paint_held(self) -> bool:
        """The first paint came long after the load event: Chromium's compositor can stop sending frames to a
        page it counts as unresponsive, and hold a page that is ready to paint by whole seconds
        (GoogleChrome/lighthouse#17148; seen here headless, and headful under a virtual display). The simulated
        paint metrics then count every request made before that late paint. A page whose HTML holds its text
        paints within a frame or two of its load event when not held."""
        return self.first_paint > self.load + PAINT_HELD_MS


def lighthouse_run(url: str, work: Path, cpu_slowdown: float | None = None) -> LighthouseRun:
    """One Lighthouse mobile run of one page, performance only. The score is 0 when there is none (the page
    painted nothing in Lighthouse's time: NO_FCP). `cpu_slowdown`: Lighthouse's CPU slowdown, when not its
    default (4×)."""
    from tests.real_clients import CHROMIUM, CHROMIUM_ARGS

    report = work / "lighthouse.json"
    env = dict(os.environ, CHROME_PATH=CHROMIUM, PUPPETEER_SKIP_DOWNLOAD="1")
    flags = " ".join(arg if arg != "--headless" else "--headless=new" for arg in CHROMIUM_ARGS)
    slowdown = [] if cpu_slowdown is None else [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:.2f}"]
    done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                           f"--output-path={report}", f"--chrome-flags={flags}", *slowdown],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:  # e.g. the page did not load in Lighthouse's time: counted as 0, said
        print(f"      Lighthouse failed on {url}: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
        return LighthouseRun(0.0, 0.0, 0.0, 0.0)
    result = json.loads(report.read_text(encoding="utf-8"))
    score = result["categories"]["performance"]["score"]
    observed = (result["audits"]["metrics"].get("details") or {"items": [{}]})["items"][0]
    return LighthouseRun(float(score or 0) * 100, float(result["environment"].get("benchmarkIndex") or 0),
                         float(observed.get("observedFirstPaint") or 0), float(observed.get("observedLoad") or 0))


def calibrated_slowdown(benchmark_index: float) -> float | None:
    """The CPU slowdown that makes this host Lighthouse's mid-tier phone, from the host's benchmarkIndex, as
    Lighthouse's throttling guide (docs/throttling.md, "Calibrating the CPU slowdown") prescribes through its
    calculator (lighthouse-cpu-throttling-calculator), whose brackets these are: 4× is right for an index of
    about 1,533 only. None below 150, too slow a host to emulate the phone at all."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    if benchmark_index >= 150:
        return 1 + (benchmark_index - 150) / 650
    return None


def report_lighthouse(site: Path, runs: int, work: Path, only: set[str] | None = None, calibrate: bool = False) -> None:
    """Each template's median score with Lighthouse's default CPU slowdown (4×), each run's beside the host's
    benchmarkIndex in that run (Lighthouse's measure of the CPU it had). With `calibrate`, then again with the
    slowdown Lighthouse's throttling guide gives for the median of those indexes, when that is not 4×."""
    if not LIGHTHOUSE.is_file():
        print("  Lighthouse is not installed: npm ci (package-lock.json pins lighthouse 12.2.3)")
        return
    pages = {name: page for name, page in template_pages(site).items() if not only or name in only}

    def scores_of(url: str, cpu_slowdown: float | None) -> list[LighthouseRun]:
        """Every template's runs, each template's median printed; what was held said after them."""
        every: list[LighthouseRun] = []
        for name, page in pages.items():
            runs_of = [lighthouse_run(url + page.removesuffix("index.html"), work, cpu_slowdown) for _ in range(runs)]
            median = statistics.median(run.score for run in runs_of)
            print(f"    {name:<18} {median:5.0f}  runs {', '.join(map(_run_figures, runs_of))}"
                  f"  (target ≥ {LIGHTHOUSE_TARGET}){'' if median >= LIGHTHOUSE_TARGET else '  MISSED'}")
            every += runs_of
        _say_held([run.paint_held for run in every])
        return every

    with serve_gzipped(site) as url:
        print("   Lighthouse's default CPU slowdown, 4× (each run's benchmarkIndex: 4× assumes about 1,533, and "
              "Lighthouse warns below 1,000):")
        indexes = [run.benchmark_index for run in scores_of(url, None) if run.benchmark_index]
        if not (calibrate and indexes):
            return
        index = statistics.median(indexes)
        slowdown = calibrated_slowdown(index)
        if slowdown is None:
            print(f"   benchmarkIndex {index:.0f}: too slow a host to emulate Lighthouse's phone, no calibrated figures")
        elif abs(slowdown - 4) < 0.25:
            print(f"   benchmarkIndex {index:.0f}: the calibrated slowdown is {slowdown:.2f}×, as good as the default")
        else:
            print(f"   the CPU slowdown calibrated to this host's median benchmarkIndex, {index:.0f}: {slowdown:.2f}× "
                  "(Lighthouse's throttling guide):")
            scores_of(url, slowdown)


def _run_figures(run: LighthouseRun) -> str:
    """A run's score and benchmarkIndex; its first paint and load event when the paint was held."""
    held = f", painted {run.first_paint / 1000:.1f} s, loaded {run.load / 1000:.1f} s: held" if run.paint_held else ""
    return f"{run.score:.0f} (index {run.benchmark_index:.0f}{held})"


def _say_held(held: list[bool]) -> None:
    if any(held):
        print(f"   {sum(held)} of {len(held)} runs painted more than {PAINT_HELD_MS / 1000:.1f} s after the load event "
              "(\"held\"): Chromium's frame throttling, GoogleChrome/lighthouse#17148; their paint metrics "
              "count that wait. The medians above include them.")


def report_templates(site: Path, args: argparse.Namespace) -> None:
    """Lighthouse on `site`'s templates, as the command line asks (--lighthouse-runs, --templates, --calibrate)."""
    if args.lighthouse_runs:
        print(f"  Lighthouse {lighthouse_version()} mobile performance, median of {args.lighthouse_runs}, served gzipped:")
        report_lighthouse(site, args.lighthouse_runs, args.work, set(args.templates.split(",")) if args.templates else None,
                          args.calibrate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.weights", description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=10_000, help="statements in the fully built dossier (0: skip)")
    parser.add_argument("--index-only", type=int, default=0, help="statements in the Pagefind-only index (0: skip)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per template, median reported (0: skip)")
    parser.add_argument("--reuse", action="store_true", help="weigh and search the site built by an earlier run, without building")
    parser.add_argument("--calibrate", action="store_true",
                        help="Lighthouse again with the CPU slowdown calibrated to this host's benchmarkIndex")
    parser.add_argument("--templates", help="Lighthouse only these templates (comma-separated names as printed)")
    parser.add_argument("--site", type=Path, help="also weigh and Lighthouse this site, already built (e.g. the real dossier's)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-weights"), help="scratch folder")
    parser.add_argument("--query", action="append", default=[], help="a query searched after the three fixed ones (repeatable)")
    args = parser.parse_args(argv)
    queries = (*QUERIES, *args.query)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.statements:
        data, site = args.work / f"data-{args.statements}", args.work / f"site-{args.statements}"
        if not (args.reuse and site.is_dir()):
            generate(data, args.statements)
            build = build_dossier(data, site)
            print(f"{args.statements:,} statements, full build with the search step: {build.seconds:.1f} s wall, "
                  f"{build.cpu_seconds:.1f} s CPU, peak {build.peak_rss_mb:.0f} MB")
        seconds, peak = index_with_pagefind(site)
        size = sum(path.stat().st_size for folder in site.glob("pagefind*") for path in folder.rglob("*") if path.is_file())
        parts = json.loads((site / "pagefind" / "dossier-parts.json").read_text(encoding="utf-8"))["pages"]
        print(f"  of which Pagefind's step alone (run again, one index): {seconds:.1f} s, peak {peak:.0f} MB; the build's index "
              f"{size / 1e6:.1f} MB on disk, in {len(parts)} part(s) of {', '.join(f'{n:,}' for n in parts)} pages")
        report_weights(site)
        print("  search, three queries in Chromium, served gzipped:")
        report_queries(measure_queries(site, queries=queries))
        report_templates(site, args)
    if args.site:
        print(f"{args.site}, as built:")
        report_weights(args.site)
        report_templates(args.site, args)
    if args.index_only:
        data, pages = args.work / f"data-{args.index_only}", args.work / f"bare-{args.index_only}"
        if not (args.reuse and (pages / "pagefind").is_dir()):
            generate(data, args.index_only)
            count, seconds = bare_pages(data, pages)
        else:  # search again in the pages and index of an earlier run (with another search.js, say)
            count, seconds = sum(1 for _ in pages.glob("*/*/index.html")), 0.0
            copy_search_scripts(pages)
        folders = sorted(pages.glob("pagefind*"))
        size = sum(path.stat().st_size for folder in folders for path in folder.rglob("*") if path.is_file())
        print(f"{args.index_only:,} statements, search index only ({count:,} bare pages of every kind with pages, in "
              f"{len(folders)} parts, Pagefind's CLI a part): {seconds:.1f} s, {size / 1e6:.1f} MB on disk")
        report_queries(measure_queries(pages, queries=queries))
    return 0


def lighthouse_version() -> str:
    """Lighthouse's version as package-lock.json pins it."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"].get("node_modules/lighthouse", {}).get("version", "?"))


if __name__ == "__main__":
    sys.exit(main())
