"""Issue-6 features, read back from the built HTML of the mini dossier."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import extruct
import pytest
import yaml

from macros.plugin.fast.speed import Speed
from macros.records.check import check
from macros.records.index import record_date
from macros.records.load import RecordLoader
from macros.records.schema import KINDS
from tests.conftest import MINI, build, child, child_text


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld_blocks(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_claim_page_carries_a_valid_claim_review(mini_site: Path) -> None:
    html = page(mini_site, "claims/bridge-opens-in-2027")
    (review,) = json_ld_blocks(html)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The Riverton bridge will open in 2027."
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "disputed",
                                      "ratingExplanation": "credible sources contradict each other and none of them settles it"}
    assert review["name"] == "Disputed: The Riverton bridge will open in 2027."  # the verdict travels with the claim
    assert review["datePublished"] == "2026-01-20"  # the latest status change
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] == "Ana López"
    assert [work["name"] for work in claim["appearance"]] == ["Bridge plan announced", "[Untitled opinion piece]"]
    assert claim["firstAppearance"]["url"] == "https://example.org/bridge"
    extracted = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert extracted == [review]


def test_actor_pages_carry_person_or_organization(mini_site: Path) -> None:
    (person,) = json_ld_blocks(page(mini_site, "actors/ana-lopez"))
    assert person["@type"] == "Person" and person["alternateName"] == ["Mayor López"]
    (body,) = json_ld_blocks(page(mini_site, "actors/riverton-council"))
    assert body["@type"] == "Organization"
    (outlet,) = json_ld_blocks(page(mini_site, "actors/daily-ledger"))
    assert outlet["@type"] == "NewsMediaOrganization"


def test_json_ld_cannot_be_closed_by_data(mini: Path, tmp_path: Path) -> None:
    hostile = "</title></script><script>alert(1)</script> & <!--"
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace("text: The Riverton bridge will open in 2027.", f"text: {json.dumps(hostile)}"))
    site = build(mini, tmp_path / "site")
    html = page(site, "claims/bridge-opens-in-2027")
    assert "<script>alert(1)" not in html
    assert "<title>Disputed: &lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!-- - " in html
    (review,) = json_ld_blocks(html)
    assert review["claimReviewed"] == hostile


def test_open_data_export_reloads_to_the_data_folder(mini_site: Path) -> None:
    exported = json.loads((mini_site / "export/dossier.json").read_text(encoding="utf-8"))
    for kind in KINDS:
        files = sorted((MINI / kind).glob("*.yml"))
        assert sorted(exported["records"][kind]) == [f.stem for f in files]
        for file in files:
            stored = yaml.load(file.read_text(encoding="utf-8"), Loader=RecordLoader)
            record = exported["records"][kind][file.stem]
            assert record["fields"] == stored, file
            assert (mini_site / record["page"].split("#")[0] / "index.html").is_file()
    references = exported["records"]["statements"]["okafor-doubts"]["references"]
    assert {"field": "speaker", "kind": "actors", "id": "ben-okafor", "title": "Ben Okafor", "page": "actors/ben-okafor/"} in references
    assert exported["counts"] == check(MINI).count()


def test_csv_has_one_row_per_record(mini_site: Path) -> None:
    for kind in KINDS:
        rows = list(csv.DictReader(io.StringIO((mini_site / f"export/{kind}.csv").read_text(encoding="utf-8"))))
        assert sorted(row["id"] for row in rows) == sorted(f.stem for f in (MINI / kind).glob("*.yml"))
    statements = {r["id"]: r for r in csv.DictReader(io.StringIO((mini_site / "export/statements.csv").read_text()))}
    assert statements["okafor-doubts"]["speaker"] == "ben-okafor"


def exports(data_dir: Path, session: Speed | None = None) -> tuple[str, list[str]]:
    from macros.plugin.site_of_build import url_between
    from macros.site.export import dossier_json, kind_csv
    from macros.site.pipeline import build_site

    index = build_site(data_dir, url_between(True), session).index
    cache = session.exported if session else None
    return dossier_json(index, cache), [kind_csv(index, kind, cache) for kind in KINDS]


def test_exports_made_from_parts_are_plain_json_and_stay_fresh_under_serve(mini: Path) -> None:
    """dossier.json is put together from each record's part (reused under `mkdocs serve` for records that did
    not change): it must be exactly what json.dumps makes of the document, before and after an edit."""
    text, _ = exports(mini)
    assert text == json.dumps(json.loads(text), ensure_ascii=False)
    statement = mini / "statements/lopez-opens-2027.yml"
    actor = mini / "actors/ben-okafor.yml"
    session = Speed()
    session.start_serving(dirty=False)
    try:
        exports(mini, session)  # fills the caches
        statement.write_text(statement.read_text(encoding="utf-8").replace("on time and on budget", "on schedule"), encoding="utf-8")
        actor.write_text(actor.read_text(encoding="utf-8").replace("Ben Okafor", "Benedict Okafor"), encoding="utf-8")
        served = exports(mini, session)
        assert len(session.exported or {}) == sum(len(list(mini.glob(f"{kind}/*.yml"))) for kind in KINDS)  # edits leave nothing behind
    finally:
        session.stop_serving()
    assert served == exports(mini)  # the same as from scratch
    document = json.loads(served[0])
    assert document["records"]["statements"]["lopez-opens-2027"]["fields"]["text"] == "The bridge will open in 2027, on schedule."
    # A reference's title comes from the record it points at, which changed while the statement did not.
    references = document["records"]["statements"]["okafor-doubts"]["references"]
    assert {"field": "speaker", "kind": "actors", "id": "ben-okafor", "title": "Benedict Okafor", "page": "actors/ben-okafor/"} in references
    assert "on schedule" in served[1][KINDS.index("statements")]


def test_home_links_the_open_data(mini_site: Path) -> None:
    home = page(mini_site, "")
    for target in ("export/dossier.json", "export/claims.csv", "schema/statements.schema.json", "feed.xml"):
        assert f'href="{target}"' in home


def test_atom_feed_lists_records_with_working_links(mini_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring((mini_site / "feed.xml").read_text(encoding="utf-8"))
    entries = feed.findall(f"{atom}entry")
    # Every record with a date of its own has an entry; one without (an actor) has one once git knows when its
    # file changed, which a fixture not yet committed does not: the test holds either way. And each correction.
    mini = check(MINI)
    every = {f"urn:dossier:{kind}:{record_id}" for kind, records in mini.records.items() for record_id in records}
    dated = {f"urn:dossier:{kind}:{record_id}" for kind, records in mini.records.items()
             for record_id, record in records.items() if record_date(record)}
    ids = [str(entry.findtext(f"{atom}id")) for entry in entries]
    assert dated <= {id_ for id_ in ids if not id_.startswith("urn:dossier:correction:")} <= every
    assert len([id_ for id_ in ids if id_.startswith("urn:dossier:correction:")]) == len(mini.meta.corrections)
    for entry in entries:
        href = child(entry, f"{atom}link").attrib["href"]
        assert (mini_site / href.split("#")[0] / "index.html").is_file(), href
    updated = [child_text(entry, f"{atom}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert 'type="application/atom+xml"' in page(mini_site, "")


def test_every_record_page_states_its_dates(mini_site: Path) -> None:
    # The evidence's dates, never the status history's (the claim's status changed on 20 January 2026).
    assert "Evidence on this page: January 2026</span>" in page(mini_site, "claims/bridge-opens-in-2027")
    assert "Evidence on this page: 5 January 2026 to 6 January 2026</span>" in page(mini_site, "events/bridge-announcement")
    for kind in ("actors", "claims", "statements", "sources", "events", "topics"):
        for html_file in (mini_site / kind).glob("*/index.html"):
            html = html_file.read_text(encoding="utf-8")
            assert "dossier-dates" in html and "Editors' last review: 10 January 2026" in html, html_file
            assert "As of" not in html, html_file


def test_links_carry_a_one_line_preview(mini_site: Path) -> None:
    html = page(mini_site, "actors/ana-lopez")
    assert 'title="Quote by Ana López, 5 January 2026"' in html
    assert 'title="Status: disputed. Claimed by Ana López, first made 5 January 2026"' in html


def test_relation_graph_is_drawn_only_when_opened_from_the_site_itself(mini_site: Path) -> None:
    html = page(mini_site, "actors/ana-lopez")
    assert ('<details class="dossier-diagram" data-search-exclude>\n<summary>Diagram of these relations</summary>\n'
            '<pre class="dossier-diagram-source" data-search-exclude><code>graph LR') in html
    assert "Ben Okafor" in html and "disputes a claim of" in html
    # The small script that draws it is deferred; the drawing script is only named, fetched when opened.
    assert re.search(r'<script src="\.\./\.\./assets/diagram\.js" data-mermaid="\.\./\.\./assets/vendor/mermaid-[\d.]+\.min\.js" defer>'
                     r"</script>", html)
    assert not re.search(r'<script src="[^"]*mermaid', html)
    assert 'class="mermaid"' not in html  # Material's class would make its bundle fetch the script at once
    assert "diagram.js" not in page(mini_site, "figures")  # pages without a diagram do not load it
    # The topic's one relation makes a diagram of one edge, which says nothing the list does not: list only.
    topic = page(mini_site, "topics/riverton-bridge")
    assert "mermaid" not in topic and "Ana López</a> made a claim about <a" in topic


def test_claim_ledger_is_a_filterable_table(mini_site: Path) -> None:
    html = page(mini_site, "claims")
    assert 'data-dossier-filter="#claim-ledger table"' in html
    assert re.search(r"<th>Topics</th>", html)
    assert "tablesort-5.7.1.min.js" in html


def test_statement_page_highlights_words_that_differ(mini_site: Path) -> None:
    html = page(mini_site, "statements/lopez-opens-2027")
    assert "Printed by 2 sources" in html
    assert "<mark>2027</mark>" in html and "<mark>under</mark>" in html
    assert "wording differs" in page(mini_site, "actors/ana-lopez")


def test_timeline_is_grouped_by_month_at_each_dates_precision(mini_site: Path) -> None:
    html = page(mini_site, "events")
    assert html.index(">October 2025<") < html.index(">January 2026<")
    assert "2025-10-01" not in html and "1 October 2025" not in html
    assert "<strong>5 January 2026</strong>" in html


def test_topic_brief_prints_without_site_chrome(mini_site: Path) -> None:
    assert "assets/print.css" in page(mini_site, "topics/riverton-bridge")
    css = (mini_site / "assets/print.css").read_text()
    assert "@media print" in css and ".md-sidebar" in css and "size: A4" in css


@pytest.mark.parametrize("kind", ["claims", "actors"])
def test_structured_data_is_absent_elsewhere(mini_site: Path, kind: str) -> None:
    assert json_ld_blocks(page(mini_site, f"{kind}")) == []
