"""Search in Chromium on a built site: how long until the first results show after typing.

    python -m benchmarks.search_latency SITE_DIR [--query "words to type"]... [--repeat 3]

Serves SITE_DIR on 127.0.0.1, opens the home page in Debian's Chromium (headless, through the python
`playwright` package; never `playwright install`), and measures two things a reader feels:
  - ready: from navigation start until Material's search worker has loaded and indexed the whole
    search index ("Type to start searching");
  - results: from the last key press of a query until its first result is on screen (the rest of the
    query is put in the box first, without key presses, so no shorter prefix is searched before it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def measure(site_dir: Path, queries: list[str], repeat: int) -> list[tuple[str, float, float, int]]:
    """[(query, seconds until the search is ready, seconds from last key to first result, results)]."""
    from playwright.sync_api import sync_playwright

    # The test suite's own server and browser launch (Debian's Chromium, the project's flags).
    from tests.real_clients import launch_chromium, serve

    rows = []
    with serve(site_dir) as url:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for query in queries:
                    for _ in range(repeat):
                        page = browser.new_page()
                        started = time.perf_counter()
                        page.goto(url)
                        page.click("label.md-search__icon, .md-search__input")
                        page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                                               ".textContent.trim() === 'Type to start searching'", timeout=120_000)
                        ready = time.perf_counter() - started
                        box = page.locator("input.md-search__input")
                        # Material searches on every key release. Typed key by key, the first results on
                        # screen could be a shorter prefix's, answered before the query was complete; so
                        # the box gets all but the last character (no key released, no search), and the
                        # time runs from the last key to the results of the whole query.
                        box.fill(query[:-1])
                        typed = time.perf_counter()
                        box.press(query[-1])
                        page.wait_for_selector(".md-search-result__item a", timeout=60_000)
                        results = time.perf_counter() - typed
                        count = page.eval_on_selector_all(".md-search-result__item", "items => items.length")
                        rows.append((query, ready, results, count))
                        page.close()
            finally:
                browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--query", action="append", help="text to type (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    queries = args.query or ["ceasefire talks", "pipeline tender"]
    rows = measure(args.site_dir, queries, args.repeat)
    for query, ready, results, count in rows:
        print(f"{query!r}: search ready {ready:.2f} s after navigation; first results {results:.3f} s after the last key ({count} shown)",
              file=sys.stderr)
    ready = statistics.median(r[1] for r in rows)
    results = statistics.median(r[2] for r in rows)
    index = args.site_dir / "search" / "search_index.json"  # Material's: the offline copy's, not the web build's
    size = f"search index {index.stat().st_size / 1e6:.2f} MB" if index.is_file() else "Pagefind's search"
    print(f"{args.site_dir} ({size}): search ready after {ready:.2f} s (median); "
          f"first results {results:.3f} s after the last key (median, max {max(r[2] for r in rows):.3f} s, {len(rows)} searches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
