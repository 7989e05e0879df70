"""Links: MkDocs' own validation fails the strict build on a broken link or anchor in a hand-written page,
and LinkChecker (PyPI, pinned) finds no broken internal link or anchor anywhere on the built sites.

LinkChecker checks each distinct URL once, anchor included, but never follows a link that is only a
fragment (`href="#x"`, the tables of contents and skip links): a short check of those closes that gap.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from mkdocs.exceptions import Abort

from tests.conftest import ROOT, build
from tests.real_clients import run_linkchecker, serve


# --- MkDocs validation (mkdocs.yml `validation:` warn + strict) --------------------------------
def docs_with_page(tmp_path: Path, markdown: str) -> Path:
    """The docs folder plus one hand-written page. It lives in actors/, which mkdocs.yml keeps out of the
    navigation, so the strict build has nothing else to warn about than the page's links."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "actors").mkdir(exist_ok=True)
    (docs / "actors" / "extra.md").write_text(markdown, encoding="utf-8")
    return docs


@pytest.mark.parametrize(
    ("link", "complaint"),
    [
        ("[x](ana-lopez.md#no-such-heading)",
         "Doc file 'actors/extra.md' contains a link 'ana-lopez.md#no-such-heading', "
         "but the doc 'actors/ana-lopez.md' does not contain an anchor '#no-such-heading'."),
        ("[x](#nowhere)", "Doc file 'actors/extra.md' contains a link '#nowhere', but there is no such anchor on this page."),
        ("[x](../claims/no-such-claim.md)",
         "Doc file 'actors/extra.md' contains a link '../claims/no-such-claim.md', "
         "but the target 'claims/no-such-claim.md' is not found among documentation files."),
    ],
    ids=["anchor-on-a-record-page", "anchor-on-the-same-page", "missing-record-page"],
)
def test_a_broken_link_or_anchor_fails_the_strict_build(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, link: str, complaint: str
) -> None:
    docs = docs_with_page(tmp_path, f"# Extra\n\n## Here\n\nSee {link}.\n")
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
        build(mini, tmp_path / "site", docs_dir=str(docs))
    assert complaint in caplog.text


def test_good_links_and_anchors_build(mini: Path, tmp_path: Path) -> None:
    """The control: the same page with links that resolve builds, so the failures above are the links'."""
    docs = docs_with_page(tmp_path, "# Extra\n\n## Here\n\nSee [x](ana-lopez.md#statements-by-ana-lopez-1), [y](#here), "
                                    "[z](../figures/index.md#figures-bridge-cost).\n")
    site = build(mini, tmp_path / "site", docs_dir=str(docs))
    assert 'href="../ana-lopez/#statements-by-ana-lopez-1"' in (site / "actors/extra/index.html").read_text(encoding="utf-8")


# --- LinkChecker over the built sites ------------------------------------------------------------
def linkchecker_over(site: Path, work: Path) -> tuple[list[str], int, int]:
    """LinkChecker over `site` served on 127.0.0.1: (the problems it reports, URLs checked, HTML pages)."""
    with serve(site) as base:
        problems, checked = run_linkchecker(base, work)
    return [str(problem) for problem in problems], checked, len(list(site.rglob("*.html")))


# offline_build: links end in .html there, and the ones written as HTML must too (url_between reads the
# setting Material's offline plugin changes after the dossier is loaded).
@pytest.mark.parametrize("site_fixture", ["mini_site", "hostile_site", "offline_build"])
def test_no_broken_internal_link_or_anchor(request: pytest.FixtureRequest, tmp_path: Path, site_fixture: str) -> None:
    problems, checked, pages = linkchecker_over(request.getfixturevalue(site_fixture), tmp_path)
    assert checked > pages  # every page was reached, and more: assets and anchors
    assert problems == []


def test_linkchecker_finds_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    """The control: a two-page site with one dead link and one dead anchor, both reported."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><title>a</title><h1 id="top">A</h1>'
        '<a href="b.html">b</a> <a href="b.html#there">there</a> <a href="b.html#nowhere">nowhere</a> '
        '<a href="gone.html">gone</a>', encoding="utf-8")
    (site / "b.html").write_text('<!doctype html><title>b</title><h1 id="there">B</h1><a href="index.html#top">top</a>',
                                 encoding="utf-8")
    with serve(site) as base:
        problems, checked = run_linkchecker(base, tmp_path)
    found = sorted((problem.url.removeprefix(base), problem.valid, "not found" in f"{problem.warning} {problem.result}".lower())
                   for problem in problems)
    assert found == [("b.html#nowhere", True, True), ("gone.html", False, True)]
    assert checked >= 5


# --- same-page anchors: LinkChecker 10.6 skips links that are only a fragment ("#x") -------------
_ID = re.compile(r"""\s(?:id|name)\s*=\s*["']([^"']+)["']""")
_FRAGMENT_LINK = re.compile(r"""\shref\s*=\s*["']#([^"']+)["']""")


def broken_same_page_anchors(site: Path) -> tuple[list[str], int]:
    """(every `href="#x"` whose page has no element with id or name x, how many such links were checked)."""
    broken, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        ids = set(_ID.findall(text))
        for fragment in _FRAGMENT_LINK.findall(text):
            checked += 1
            if unquote(fragment) not in ids:
                broken.append(f"{path.relative_to(site)}: #{fragment}")
    return broken, checked


@pytest.mark.parametrize("site_fixture", ["mini_site", "hostile_site"])
def test_no_broken_same_page_anchor(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    broken, checked = broken_same_page_anchors(site)
    assert checked > len(list(site.rglob("*.html")))  # every page has at least its skip link and table of contents
    assert broken == []


def test_the_same_page_anchor_check_finds_a_broken_one(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<h1 id="top">A</h1><a href="#top">up</a> <a href="#missing">m</a>', encoding="utf-8")
    assert broken_same_page_anchors(tmp_path) == (["index.html: #missing"], 2)
