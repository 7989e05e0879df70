"""The dossier in data/ (DOSSIER_DATA_DIR), whichever it is: valid, fully sourced, no orphans, and every record on the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.records.check import check
from macros.records.index import DossierIndex
from macros.records.schema import KINDS
from macros.site.pages import LISTED_ON_INDEX, page_count_expected
from tests.conftest import build
from tests.dossier_data import DATA


@pytest.fixture(scope="module")
def index() -> DossierIndex:
    dossier = check(DATA)
    assert [str(e) for e in dossier.errors] == []
    return DossierIndex(dossier)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(DATA, tmp_path_factory.mktemp("real-site"))


def test_every_kind_has_records(index: DossierIndex) -> None:
    counts = index.dossier.count()
    assert all(counts[kind] > 0 for kind in KINDS), counts


def test_no_orphan_actor(index: DossierIndex) -> None:
    orphans = [actor.id for actor in index.actors if not index.referrers(actor)]
    assert orphans == []


def test_every_fact_cites_a_source(index: DossierIndex) -> None:
    for kind in ("statements", "claims", "figures", "events"):
        for record in index.all(kind):
            assert index.sources_behind([record]), f"{kind}/{record.id}"


def test_every_record_is_on_the_site(index: DossierIndex, real_site: Path) -> None:
    built = [p for p in real_site.glob("*/*/index.html") if p.parent.parent.name in KINDS]
    assert len(built) == page_count_expected(index.dossier)
    for kind in LISTED_ON_INDEX:
        listing = (real_site / kind / "index.html").read_text(encoding="utf-8")
        assert all(f'id="{kind}-{record.id}"' in listing for record in index.all(kind))


def test_every_topic_sentence_links_a_record(index: DossierIndex) -> None:
    import re

    for topic in index.topics:
        for paragraph in filter(None, (p.strip() for p in topic.brief.split("\n\n"))):
            for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z*])", paragraph):
                assert "[[" in sentence or len(sentence.split()) < 4, f"{topic.id}: unlinked sentence: {sentence!r}"


def test_no_free_text_names_an_archive_file_or_says_seed(index: DossierIndex) -> None:
    """Readers never see internals: an archive copy's file name or the word "seed" (what the project's
    source texts are called) in a summary, note, brief or title. Ids and `archive:` are not free text."""
    import re

    from macros.records.own_words import free_text

    archive_names = {str(s.archive) for s in index.sources if s.archive}
    # A name as written, or its stem where the stem is no word a sentence could use ("000_265c81ee"): an archive
    # copy called notice.txt does not make "the municipality's notice" an internal.
    stems = {name.rsplit(".", 1)[0] for name in archive_names}
    internal_names = archive_names | {stem for stem in stems if not re.fullmatch(r"[^\W\d_]+", stem)}
    found = []
    for kind in KINDS:
        for record in index.all(kind):
            for location, value in free_text(record):
                field = ".".join(map(str, location))
                if field == "archive":
                    continue
                shown = re.sub(r"\[\[[a-z]+/[a-z0-9-]+(\|)?", "", value)  # a link's id is not shown as written
                if re.search(r"\bseeds?\b", shown, re.IGNORECASE) or any(name in shown for name in internal_names):
                    found.append(f"{kind}/{record.id}: {field}")
    assert found == []
