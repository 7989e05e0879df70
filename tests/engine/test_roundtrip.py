"""Round trip: every record in the data folder is on the built site and in its search index, and the
site has no record page that the data folder does not hold. Checked here for the mini fixture, and for the
dossier in data/ by tests/dossier/test_roundtrip.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.records.bidi import isolated
from macros.records.check import check
from macros.records.index import DossierIndex
from macros.records.schema import KINDS, Actor, Record, Statement
from macros.records.validate import Dossier
from macros.site.pages import LISTED_ON_INDEX
from macros.site.words import heading_of
from tests.conftest import MINI
from tests.search_indexes import web_search_pages


@dataclass(frozen=True)
class Built:
    name: str
    dossier: Dossier
    site: Path


@pytest.fixture(params=["mini"])
def built(request: pytest.FixtureRequest) -> Built:
    """The dossier as validated from its folder, and the site built from that folder (tests/dossier/test_roundtrip.py
    gives these tests the dossier in data/)."""
    site = request.getfixturevalue("mini_site")
    dossier = check(MINI)
    assert [str(error) for error in dossier.errors] == []
    return Built(request.param, dossier, site)


def plain(markup: str) -> str:
    """Text as a reader sees it: tags dropped, entities decoded, whitespace folded."""
    markup = re.sub(r"</?(?:span|bdi)\b[^>]*>", "", markup)  # inline: the language and isolation of data text (renderer.py)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def heading(page: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert match, page
    return plain(re.sub(r'<a class="headerlink".*?</a>', "", match.group(1)))


def search_docs(site: Path) -> list[dict[str, str]]:
    """The web build's search index (Pagefind's), a page's {"location", "title", "text"}."""
    return [{"location": url.removeprefix("/"), "title": fragment["meta"]["title"], "text": fragment["content"]}
            for url, fragment in web_search_pages(site).items()]


def expected_title(record: Record, dossier: Dossier) -> str:
    """The heading of the record's page: a statement's says who spoke, when and on what, then the words."""
    title = heading_of(DossierIndex(dossier), record)
    # Right-to-left data is isolated where engine words surround it, by the characters FSI … PDI in text
    # read without its tags (macros/records/bidi.py): each name, each alias, the words.
    if isinstance(record, Statement):
        title += f" “{isolated(record.text)}”" if record.form == "quote" else f" {isolated(record.text)}"
    else:
        title = isolated(title)
    if isinstance(record, Actor) and record.aliases:
        title += " also known as " + "; ".join(isolated(alias) for alias in record.aliases)
    return re.sub(r"\s+", " ", title).strip()


def test_every_record_has_its_page_with_its_title(built: Built) -> None:
    missing = []
    for kind in KINDS:
        for record in built.dossier.records[kind].values():
            if kind in LISTED_ON_INDEX:
                listing = (built.site / kind / "index.html").read_text(encoding="utf-8")
                if f'id="{kind}-{record.id}"' not in listing:
                    missing.append(f"{kind}/{record.id}: no anchor on {kind}/")
                continue
            page = built.site / kind / record.id / "index.html"
            if not page.is_file():
                missing.append(f"{kind}/{record.id}: no page")
            elif heading(page) != expected_title(record, built.dossier):
                missing.append(f"{kind}/{record.id}: heading {heading(page)!r} != {expected_title(record, built.dossier)!r}")
    assert missing == []


def test_the_site_has_no_record_page_without_a_record(built: Built) -> None:
    for kind in KINDS:
        pages = {path.parent.name for path in (built.site / kind).glob("*/index.html")}
        assert pages == set() if kind in LISTED_ON_INDEX else pages == set(built.dossier.records[kind]), kind


def test_every_record_is_in_the_search_index(built: Built) -> None:
    docs = search_docs(built.site)
    titles = {doc["location"]: plain(doc["title"]) for doc in docs}
    listed_text = {kind: " ".join(plain(doc["text"]) for doc in docs if doc["location"].startswith(f"{kind}/"))
                   for kind in LISTED_ON_INDEX}
    missing = []
    for kind in KINDS:
        for record in built.dossier.records[kind].values():
            if kind in LISTED_ON_INDEX:
                if expected_title(record, built.dossier) not in listed_text[kind]:
                    missing.append(f"{kind}/{record.id}: {expected_title(record, built.dossier)!r} not in the index of {kind}/")
            elif titles.get(f"{kind}/{record.id}/") != expected_title(record, built.dossier):
                missing.append(f"{kind}/{record.id}: indexed as {titles.get(f'{kind}/{record.id}/')!r}")
    assert missing == []


def test_the_counts_match(built: Built) -> None:
    """One number per kind, as a reader would count: records in data, pages (or anchors) on the site, search entries."""
    docs = {doc["location"] for doc in search_docs(built.site)}
    for kind in KINDS:
        records = len(built.dossier.records[kind])
        if kind in LISTED_ON_INDEX:
            anchors = re.findall(rf'id="{kind}-[a-z0-9-]+"', (built.site / kind / "index.html").read_text(encoding="utf-8"))
            assert len(set(anchors)) == records, kind
        else:
            pages = len(list((built.site / kind).glob("*/index.html")))
            indexed = len([d for d in docs if re.fullmatch(rf"{kind}/[a-z0-9-]+/", d)])
            assert (pages, indexed) == (records, records), kind
    assert sum(built.dossier.count().values()) > 0
