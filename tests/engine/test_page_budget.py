"""The page budget (issue 27): a reader's first visit to any page transfers at most 500 KB gzipped, and no
page has a render-blocking script above 100 KB but Material's own bundle. Computed from the built files."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from benchmarks.page_weight import Site, budget_problems


def test_every_page_of_the_mini_site_is_within_budget(mini_site: Path) -> None:
    assert budget_problems(mini_site) == []


def test_a_page_weighs_its_html_styles_scripts_fonts_and_materials_search(mini_site: Path) -> None:
    weight = Site(mini_site).weigh("actors/ana-lopez/index.html")
    assert weight.resources[0] == "actors/ana-lopez/index.html"
    for fetched in ("assets/dossier.css", "assets/fonts/scripts.css", "assets/diagram.js", "assets/search.js"):
        assert fetched in weight.resources
    # The fonts the build cut for the characters of other scripts on her page (names in the nav, quotes), by their content's name.
    fonts = [path for path in weight.resources if path.endswith(".woff2")]
    assert fonts and all(re.fullmatch(r"assets/fonts/noto-sans-[a-z-]+-[47]00\.[0-9a-f]{12}\.woff2", path) for path in fonts), fonts
    # Search fetches nothing before the reader searches on the web build (Pagefind)…
    assert not [path for path in weight.resources if "search_index" in path or "pagefind" in path]
    # The diagram's drawing script is fetched when the reader opens the diagram, not on a first visit.
    assert not [path for path in weight.resources if "mermaid" in path]
    assert weight.blocking and all(size < 5_000 for size in weight.blocking.values())


def test_the_offline_copy_pays_for_materials_whole_index(offline_build: Path) -> None:
    """…where Material's search runs, its whole index is fetched as each page loads, and counted."""
    weight = Site(offline_build).weigh("actors/ana-lopez.html")
    assert "search/search_index.json" in weight.resources


def test_the_budget_check_finds_a_heavy_page_and_a_blocking_script(mini_site: Path, tmp_path: Path) -> None:
    """Negative control: the check would have caught the diagram script as it was loaded before."""
    site = tmp_path / "site"
    shutil.copytree(mini_site, site)
    page = site / "actors" / "ana-lopez" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<script src="../../assets/vendor/mermaid-11.14.0.min.js"></script></body>'), encoding="utf-8")
    noise = random.Random(27).randbytes(600_000).hex()  # hex of random bytes: gzip halves it, no more
    (site / "heavy.html").write_text(f"<!doctype html><title>x</title><p>{noise}</p>", encoding="utf-8")
    weigh = Site(site)
    mermaid = weigh.size("assets/vendor/mermaid-11.14.0.min.js")
    assert budget_problems(site) == [
        f"actors/ana-lopez/index.html: {weigh.weigh('actors/ana-lopez/index.html').transfer / 1000:.0f} KB on a first visit (budget 500 KB)",
        f"actors/ana-lopez/index.html: render-blocking script assets/vendor/mermaid-11.14.0.min.js, {mermaid / 1000:.0f} KB (budget 100 KB)",
        f"heavy.html: {weigh.weigh('heavy.html').transfer / 1000:.0f} KB on a first visit (budget 500 KB)",
    ]
    assert mermaid > 800_000
