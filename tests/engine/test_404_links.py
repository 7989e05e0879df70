"""The 404 page's links, checked by LinkChecker where a reader meets the page.

MkDocs makes an error page's links absolute from site_url's path, since a server shows that page at any
depth. Without a site_url that path is "/": right only for a site at a domain's root, and broken opened
from a folder or from disk (the page hook makes them relative to the site's root folder then). With a
site_url, a deployed 404 shown at a deep URL must still find its assets.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, build
from tests.real_clients import run_linkchecker, serve

DEPLOYED_AT = "https://example.org/dossier/"


@pytest.fixture(scope="module")
def deployed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini dossier built for publishing under /dossier/ (site_url set)."""
    return build(MINI, tmp_path_factory.mktemp("deployed"), site_url=DEPLOYED_AT)


def served_under(site: Path, folder: str, root: Path, start: str) -> Path:
    """A web root with the site in `folder` (a server that does not hold it at its root), and a start page
    linking to `start`. LinkChecker checks only what lies below its start URL's folder: started at the
    root, it checks every link of the 404 page, wherever it points on this server."""
    shutil.copytree(site, root / folder)
    (root / "index.html").write_text(f'<!doctype html><title>start</title><a href="{start}">404</a>', encoding="utf-8")
    return root


def links_of(page: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"#]*)"', page.read_text(encoding="utf-8"))


def test_a_local_build_404_has_no_broken_link_served_from_a_folder(mini_site: Path, tmp_path: Path) -> None:
    links = links_of(mini_site / "404.html")
    assert links and not [link for link in links if link.startswith("/")]
    with serve(served_under(mini_site, "local", tmp_path / "root", "local/404.html")) as base:
        problems, checked = run_linkchecker(base, tmp_path)
    assert checked > 20  # its stylesheets, scripts, and every page of the site, reached from it
    assert [str(problem) for problem in problems] == []


def test_a_deployed_404_finds_its_assets_at_a_deep_url(deployed_site: Path, tmp_path: Path) -> None:
    """A server answers a missing /dossier/a/b/c/ with 404.html's content: its links, absolute from
    site_url's path, still resolve there."""
    links = [link for link in links_of(deployed_site / "404.html") if not link.startswith("https://")]
    assert links and all(link.startswith("/dossier/") for link in links)
    root = served_under(deployed_site, "dossier", tmp_path / "root", "dossier/a/b/c/")
    deep = root / "dossier/a/b/c"
    deep.mkdir(parents=True)
    shutil.copy(deployed_site / "404.html", deep / "index.html")
    with serve(root) as base:
        problems, checked = run_linkchecker(base, tmp_path)
    assert checked > 20
    assert [str(problem) for problem in problems] == []


def test_linkchecker_reports_a_404_whose_links_miss_the_folder_it_is_served_from(deployed_site: Path, tmp_path: Path) -> None:
    """The control: the deployed build's 404 (links from /dossier/) served from /local/ instead: every
    stylesheet and script it links is reported."""
    with serve(served_under(deployed_site, "local", tmp_path / "root", "local/404.html")) as base:
        problems, _ = run_linkchecker(base, tmp_path)
    broken = {problem.url for problem in problems if not problem.valid}
    assert {base + path for path in ("dossier/assets/dossier.css", "dossier/assets/dossier.js", "dossier/actors/")} <= broken
