"""Real builds into tmp_path, read back as HTML: pages, backlinks, escaping, search, rebuilds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import Abort

from macros.records.check import check
from macros.records.schema import KINDS, Statement
from macros.site.pages import LISTED_ON_INDEX, page_count_expected
from tests.conftest import MINI, build, forks_beside_test_threads, write
from tests.hostile_records import hostile_id
from tests.search_indexes import offline_search_docs

if TYPE_CHECKING:
    from macros.site.conversion import MarkdownSettings
    from macros.site.pipeline import Site


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def article(site: Path, page: str) -> str:
    """The page's content area, without Material's navigation and search chrome."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html(site, page), re.S)
    assert match, page
    return match.group(1)


def search_entries(site: Path) -> dict[str, dict[str, str]]:
    """Material's search index of an offline copy, entry by location."""
    return {doc["location"]: doc for doc in offline_search_docs(site)}


def test_every_record_has_a_page_and_nothing_else_is_generated(mini_site: Path) -> None:
    dossier = check(MINI)
    for kind in KINDS:
        ids = set(dossier.records[kind])
        if kind in LISTED_ON_INDEX:
            page = html(mini_site, kind)
            assert {i for i in ids if f'id="{kind}-{i}"' in page} == ids
        else:
            built = {p.parent.name for p in (mini_site / kind).glob("*/index.html")}
            assert built == ids, kind
    record_pages = [p for p in mini_site.glob("*/*/index.html") if p.parent.parent.name in KINDS]
    assert len(record_pages) == page_count_expected(dossier)


def test_backlinks_are_derived_both_ways(mini_site: Path) -> None:
    statement = article(mini_site, "statements/okafor-doubts")
    assert 'href="../../actors/ben-okafor/"' in statement  # stored direction: speaker
    speaker = article(mini_site, "actors/ben-okafor")
    assert 'href="../../statements/okafor-doubts/"' in speaker  # derived: statements by the actor
    subject = article(mini_site, "actors/ana-lopez")
    assert "Statements about Ana López" in subject and 'href="../../statements/okafor-doubts/"' in subject
    claim = article(mini_site, "claims/bridge-opens-in-2027")
    evidence_for = claim.split('id="evidence-for"')[1].split('id="evidence-against"')[0]
    evidence_against = claim.split('id="evidence-against"')[1].split('id="qualifications"')[0]
    # The claim's origin is where it was first made, never evidence for itself.
    assert "statements/lopez-opens-2027/" in claim.split('id="evidence-for"')[0] and "okafor-doubts" not in evidence_for
    assert "statements/lopez-opens-2027/" not in evidence_for and "which is not evidence for itself" in evidence_for
    assert "statements/okafor-doubts/" in evidence_against
    source = article(mini_site, "sources/blog-post")
    for cited_by in ("statements/okafor-doubts/", "claims/bridge-opens-in-2027/", "events/tender/"):
        assert cited_by in source


def test_claim_page_shows_status_prominently(mini_site: Path) -> None:
    claim = article(mini_site, "claims/bridge-opens-in-2027")
    assert '<p class="admonition-title">Status: disputed</p>' in claim
    assert claim.index("Status: disputed") < claim.index("Evidence for")


def test_wording_variants_are_shown_per_source(mini_site: Path) -> None:
    statement = article(mini_site, "statements/lopez-opens-2027")
    assert "Printed by 2 sources" in statement
    assert "<mark>under</mark>" in statement


def test_search_index_finds_quotes_names_and_aliases(offline_build: Path) -> None:
    by_location = search_entries(offline_build)
    assert "builds a bridge like that" in by_location["statements/okafor-doubts.html"]["title"]  # the words end the heading
    # Other names are the heading's second line, so a search for one ranks the actor first.
    assert by_location["actors/ana-lopez.html"]["title"].startswith("Ana López also known as ")
    assert "Mayor López" in by_location["actors/ana-lopez.html"]["title"]



def test_search_indexes_each_record_on_its_own_page_only(mini_site: Path, offline_build: Path) -> None:
    """Sections listing other records stay on the page but out of search: a quote finds its statement,
    not every actor, claim and source page that lists it."""
    from macros.records.check import check
    from tests.conftest import MINI

    docs = offline_search_docs(offline_build)
    statements = check(MINI).records["statements"]
    assert statements
    # Actor, source, event and topic pages list statements; a claim's own status note may quote one.
    listing = [doc for doc in docs if doc["location"].partition("/")[0] in {"actors", "sources", "events", "topics"}]
    assert listing
    for statement_id, statement in statements.items():
        assert isinstance(statement, Statement)
        assert any(statement.text in doc["title"] for doc in docs if doc["location"] == f"statements/{statement_id}.html")
        assert [doc["location"] for doc in listing if statement.text in doc["text"]] == []
    titles = {doc["title"] for doc in docs}
    assert {"Evidence for", "Statements printed here", "Positions on claims", "Relations"}.isdisjoint(titles)
    assert not any("the latest date among the records on this page" in doc["text"] for doc in docs)
    # …while the pages still show those sections.
    assert "Evidence for" in article(mini_site, "claims/bridge-opens-in-2027")


def test_a_statement_is_searched_by_its_own_words(mini_site: Path, offline_build: Path) -> None:
    """A statement's search entry holds its quote, the speaker's name and our context: the facts list, the
    speaker's role, source titles, "as above", the words a wording shares with the quote and the paraphrase
    notice repeat the page or other records, and stay out. The page shows all of it."""
    by_location = search_entries(offline_build)
    page = by_location["statements/lopez-opens-2027.html"]
    # Its heading: who spoke and when (no subject recorded), then the words, which rank first so.
    assert page["title"] == "Ana López, 5 January 2026 “The bridge will open in 2027, on time and on budget.”"
    assert page["text"] == "<p>— Ana López</p>"
    printed = by_location["statements/lopez-opens-2027.html#printed-by-2-sources"]
    assert printed["text"] == "2027 under"  # what the blog printed differently ("2027," and "on" at the top)
    paraphrase = by_location["statements/okafor-paraphrase.html"]
    assert paraphrase["title"] == "Ben Okafor, date not stated The engineer said the schedule left no margin."
    assert paraphrase["text"] == "<p>— Ben Okafor</p>"  # not the paraphrase notice
    # Printed by one source in the words at the top: nothing of its own, no search entry.
    assert not [location for location in by_location if location.startswith("statements/okafor-doubts.html#")]
    shown = article(mini_site, "statements/lopez-opens-2027")
    for text in ("Speaker:", "press conference", "Bridge plan announced", "<em>as above</em>", "highlighted",
                 "Mayor of Riverton", "<mark>under</mark>"):
        assert text in shown, text
    assert "The bridge will open in <mark>2027</mark> on time and <mark>under</mark> budget." in re.sub(r"</?span[^>]*>", "", shown)
    assert "not a verbatim quotation" in article(mini_site, "statements/okafor-paraphrase")


def test_other_records_words_stay_out_of_claim_event_and_figure_entries(mini_site: Path, offline_build: Path) -> None:
    """The statement a claim was first made in, an event's sources, a figure's sources and table headings
    are indexed on their own pages or nowhere; the claimant, actors and each figure's own words stay in."""
    docs = search_entries(offline_build)
    claim = docs["claims/bridge-opens-in-2027.html"]["text"]
    assert "Claimant: Ana López" in claim and "First made in" not in claim
    assert docs["claims/bridge-opens-in-2027.html#status-history"]["text"] == "5 January 2026 unverified 20 January 2026 disputed"
    event = docs["events/bridge-announcement.html"]["text"]
    assert "Actors: Ana López" in event and "Sources:" not in event
    figures = docs["figures/index.html#brief-riverton-bridge"]["text"]  # the table of the brief's figures
    assert "Bridge budget about $120 million about 120,000,000 USD" in figures  # the amount as read, then exactly
    assert "Bridge plan announced" not in figures and "Stated equivalents" not in figures
    for page, shown in (("claims/bridge-opens-in-2027", "First made in"), ("events/bridge-announcement", "Sources:"),
                        ("figures", "Stated equivalents")):
        assert shown in article(mini_site, page), page


def test_citations_in_prose_stay_on_the_page_but_out_of_search(mini_site: Path, offline_build: Path) -> None:
    """A parenthesis holding only [[kind/id]] links cites records whose words are indexed on their own pages;
    a link inside a sentence ("see [[actors/ben-okafor]]") is part of what the sentence says and stays."""
    docs = search_entries(offline_build)
    assert "<p>The mayor says so; an engineer doubts it.</p>" in docs["claims/bridge-opens-in-2027.html"]["text"]
    topic = docs["topics/riverton-bridge.html"]["text"]
    assert "The mayor says yes; an engineer doubts it.</p>" in topic and "The Riverton bridge will open" not in topic
    assert docs["topics/riverton-bridge.html#key-questions"]["text"] == "<ul> <li>Is the 2027 date realistic? See Ben Okafor.</li> </ul>"
    assert docs["topics/riverton-bridge.html#brief"]["text"] == ("<p>The mayor announced the plan on 5 January.</p> "
                                                             "<p>The budget is about 120 million dollars.</p>")
    assert "see the opening claim" in docs["actors/ana-lopez.html"]["text"]  # labelled, in a sentence
    # On the page, a citation is a numbered footnote marker; the reference list names the quote.
    claim = re.sub(r"<[^>]+>", "", article(mini_site, "claims/bridge-opens-in-2027"))
    assert "The mayor says so[1]; an engineer doubts it[2]." in claim
    assert "Statement: “The bridge will open in 2027, on time and on budget.” — Quote by Ana López" in claim


LINKED_IN_A_SENTENCE = ("Compare [[claims/bridge-opens-in-2027]] with the doubt recorded in [[statements/okafor-doubts]] "
                        "([[statements/lopez-opens-2027]]).")


def test_a_bare_link_in_a_sentence_is_a_titled_link_and_searched_with_it(mini: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25 §9: a bare [[claims/…]] or [[statements/…]] inside a sentence reads as the guide promises, a link
    titled with the record's words (a claim's sentence in quotation marks, its full stop left to the sentence),
    never "Compare [2]."; search keeps the words. The parenthesis after it is a citation: a numbered reference,
    out of search (the negative control: the same kind of link, cited, is still a footnote)."""
    source = mini / "sources/ledger-bridge-report.yml"
    source.write_text(source.read_text() + f"summary: {LINKED_IN_A_SENTENCE}\n", encoding="utf-8")
    site = build(mini, tmp_path / "site")
    page = article(site, "sources/ledger-bridge-report")
    shown = re.sub(r"[\u2066-\u2069]", "", re.sub(r"<[^>]+>", "", page))
    assert ("Compare “The Riverton bridge will open in 2027” with the doubt recorded in "
            "“Nobody builds a bridge like that in a year.”[1].") in shown
    assert '<a href="../../claims/bridge-opens-in-2027/" title="Status: disputed.' in page
    assert '<a href="../../statements/okafor-doubts/" title="Quote by Ben Okafor' in page
    monkeypatch.setenv("DOSSIER_OFFLINE", "true")  # Material's index, which the offline copy searches
    entry = search_entries(build(mini, tmp_path / "offline"))["sources/ledger-bridge-report.html"]["text"]
    assert ("Compare “The Riverton bridge will open in 2027” with the doubt recorded in "
            "“Nobody builds a bridge like that in a year.”.") in re.sub(r"[\u2066-\u2069]", "", entry)
    assert "recorded in ." not in entry and "The bridge will open in 2027, on time" not in entry


def test_a_citation_is_a_parenthesis_of_links_and_nothing_else() -> None:
    from macros.site.renderer import CITATION

    def cited(text: str) -> list[str]:
        return [match.group() for match in CITATION.finditer(text)]

    assert cited("about 20 countries ([[claims/x]], [[figures/y|the figure]]).") == [" ([[claims/x]], [[figures/y|the figure]])"]
    assert cited("so ( [[a/b]] ;\n  [[c/d]] ) too") == [" ( [[a/b]] ;\n  [[c/d]] )"]
    assert cited("Compare [[statements/a]] and [[actors/b|her rival]].") == []
    assert cited("as reported (see [[sources/s]]).") == []  # words of ours inside: a sentence, not a citation
    assert cited("one paragraph.\n\n([[a/b]]) starts the next") == ["([[a/b]])"]  # never across a blank line
    assert cited("([[a/b]],\n\n[[c/d]])") == []


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "{{ config }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "**bold** _it_ `code` # heading",
    "&amp; &#60;b&#62;",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_text_from_yaml_is_shown_literally(mini: Path, tmp_path: Path, payload: str) -> None:
    quoted = json.dumps(payload)  # a valid YAML double-quoted scalar
    write(mini, "actors/hostile.yml", f"name: {quoted}\nkind: person\nrole: {quoted}\nsummary: {quoted}\naliases: [{quoted}]\n")
    write(mini, "statements/hostile.yml", f"""
        speaker: hostile
        date: "2026-01-01"
        form: quote
        text: {quoted}
        context: {quoted}
        reported_in:
          - source: blog-post
            wording: {quoted}
    """)
    site = build(mini, tmp_path / "site")
    for page in ("actors/hostile", "statements/hostile", "actors", "statements"):
        content = article(site, page)
        assert "<script>alert" not in content and "onerror=alert" not in content.replace("onerror=alert(2)&gt;", "")
        assert "<img" not in content
        assert 'href="javascript:' not in content
        assert "config" not in payload or "{{ config }}" in content
        assert "range(3)" not in payload or "{% for x in range(3) %}" in content
    quote = article(site, "statements/hostile").split('<span class="dossier-words">')[1].split("</h1>")[0]
    assert "<strong>" not in quote and "<em>" not in quote and "<code>" not in quote


def test_hostile_text_survives_as_text(mini: Path, tmp_path: Path) -> None:
    payload = "<script>alert(1)</script> {{ config }}"
    write(mini, "actors/hostile.yml", f"name: {json.dumps(payload)}\nkind: person\nsummary: See [[actors/ana-lopez]].\n")
    site = build(mini, tmp_path / "site")
    content = article(site, "actors/hostile")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ config }}" in content


def test_a_bad_record_fails_the_strict_build_with_every_error(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = mini / "statements/okafor-doubts.yml"
    path.write_text(path.read_text().replace("speaker: ben-okafor", "speaker: ben-okafr"))
    write(mini, "events/tender.yml", 'title: Tender\ndate: "2026-02-30"\nsources: [blog-post]\n')
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    message = caplog.text
    assert "data/statements/okafor-doubts.yml:1: speaker: no actor 'ben-okafr' (did you mean 'ben-okafor'?)" in message
    assert "data/events/tender.yml:2: date: '2026-02-30' is not a calendar date" in message
    assert "2 errors in 2 files" in message


def test_an_edit_is_picked_up_by_the_next_build_in_the_same_process(mini: Path, tmp_path: Path) -> None:
    first = build(mini, tmp_path / "first")
    assert not (first / "actors/new-person").exists()
    shutil.copy(mini / "actors/ben-okafor.yml", mini / "actors/new-person.yml")
    path = mini / "actors/new-person.yml"
    path.write_text(path.read_text().replace("Ben Okafor", "New Person"))
    doubts = (mini / "statements/okafor-doubts.yml").read_text()
    write(mini, "statements/okafor-doubts.yml", doubts.replace("about: [ana-lopez]", "about: [new-person]"))
    second = build(mini, tmp_path / "second")
    assert "New Person" in article(second, "actors/new-person")
    assert "statements/okafor-doubts/" in article(second, "actors/new-person")
    assert "okafor-doubts" not in article(second, "actors/ana-lopez").split("Statements about")[-1]


def test_broken_link_in_a_hand_written_page_fails_the_build(mini: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(MINI.parent.parent.parent / "docs", docs)
    (docs / "extra.md").write_text("# Extra\n\n[gone](/actors/nobody.md)\n")
    with pytest.raises(Abort):
        build(mini, tmp_path / "site", docs_dir=str(docs))


def test_html_links_use_the_url_mkdocs_gives_each_page() -> None:
    """The statements index is written as HTML, so its links are computed, with MkDocs' own rule."""
    from macros.plugin.site_of_build import url_between

    web, offline = url_between(use_directory_urls=True), url_between(use_directory_urls=False)
    assert web("statements/a-quote.md", "statements/index.md") == "a-quote/"
    assert offline("statements/a-quote.md", "statements/index.md") == "a-quote.html"
    assert web("actors/ana.md", "statements/index.md") == "../actors/ana/"
    assert offline("actors/ana.md", "statements/index.md") == "../actors/ana.html"
    assert web("figures/index.md#figures-cost", "statements/index.md") == "../figures/#figures-cost"
    assert offline("figures/index.md#figures-cost", "guide.md") == "figures/index.html#figures-cost"


def test_html_links_are_mkdocs_own_relative_urls_from_every_page() -> None:
    """url_between remembers a URL per target and origin folder: it must give MkDocs' answer for every
    pair, pages in the same folder, the folder's index, a page and a folder of the same name, the home."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from macros.plugin.site_of_build import url_between

    paths = ["index.md", "guide.md", "actors.md", "statements/index.md", "statements/s3.md", "statements/s30.md",
             "statements/s3/deep.md", "actors/index.md", "actors/a1.md", "figures/index.md"]
    for use_directory_urls in (True, False):
        url = url_between(use_directory_urls)
        for _ in range(2):  # the second time from what it remembers
            for target in paths:
                for origin in paths:
                    target_url, origin_url = (File(path, None, "", use_directory_urls).url for path in (target, origin))
                    assert url(f"{target}#x", origin) == get_relative_url(target_url, origin_url) + "#x", (target, origin)


def test_prose_inside_an_html_block_is_converted_there(mini: Path) -> None:
    """A note in a list or table written as HTML (a date note, a note on a wording) is prose: emphasis
    works, [[links]] become links at MkDocs' URL, HTML and block syntax stay text, labels stay literal."""
    from macros.plugin.site_of_build import url_between
    from macros.site.pipeline import build_site
    from macros.site.renderer import PageContext

    write(mini, "actors/odd-name.yml", "name: Snake_case_name *star*\nkind: person\n")
    renderer = build_site(mini, url_between(use_directory_urls=True)).renderer
    page = PageContext("statements/okafor-doubts.md")

    def note(text: str | None) -> str:
        return renderer.prose_html_inline(page, text)
    assert note("A *moved* date, see [[actors/odd-name]].") == (
        'A <em>moved</em> date, see <a href="../../actors/odd-name/" title="Person">Snake_case_name *star*</a>.')
    assert note("[[actors/ben-okafor|the _engineer_]] <b>x</b>") == (
        '<a href="../../actors/ben-okafor/" title="Person · engineer">the _engineer_</a> &lt;b&gt;x&lt;/b&gt;')
    assert [note(text) for text in ("1. one", "# two", "> three", "- four")] == ["1. one", "# two", "&gt; three", "- four"]
    assert note(None) == note("") == ""


def test_the_statements_index_table_skips_markdown_and_lands_whole(mini_site: Path) -> None:
    """Set aside before Markdown and put back after (renderer.set_aside_html): one row per statement, every
    link to that statement's page, and no marker or token left on the page."""
    content = article(mini_site, "statements")
    rows = re.findall(r"<tr><td[ >].*?</tr>", content, re.S)
    statements = sorted(check(MINI).records["statements"])
    assert len(rows) == len(statements)
    linked = sorted(re.findall(r'<a href="([a-z0-9-]+)/"', "".join(rows)))  # the speakers' links start "../actors/"
    assert linked == statements
    assert "dossier:html" not in content and "dossierhtml" not in content
    assert content.count("<table>") == 1 and content.index("<table>") > content.index("statement")


def test_an_html_block_set_aside_comes_back_in_its_place_or_fails_loudly() -> None:
    from macros.site.html_blocks import put_back_html, set_aside_html

    markdown = "# Title\n\n<!-- dossier:html -->\n<table><tr><td>[not](markdown) *at all*</td></tr></table>\n<!-- /dossier:html -->\n\nAfter.\n"
    stripped, blocks, unsearched = set_aside_html(markdown)
    [(token, block)] = blocks.items()
    assert unsearched == {}
    assert block == "<table><tr><td>[not](markdown) *at all*</td></tr></table>" and token in stripped and "<table>" not in stripped
    assert put_back_html(f"<h1>Title</h1>\n<!-- {token} -->\n<p>After.</p>", blocks) == f"<h1>Title</h1>\n{block}\n<p>After.</p>"
    assert set_aside_html("no block here") == ("no block here", {}, {})
    with pytest.raises(ValueError, match="not found"):
        put_back_html(f"<ul><li>{token}</li></ul>", blocks)


def test_a_block_marked_search_exclude_is_set_aside_apart() -> None:
    """Blocks marked `search-exclude` go back only after the search plugin has read the page (generated_files)."""
    from macros.site.html_blocks import html_block, set_aside_html

    markdown = f"# Title\n\n{html_block('<ul data-search-exclude><li>x</li></ul>', searched=False)}\n\n{html_block('<p>y</p>')}\n"
    stripped, searched, unsearched = set_aside_html(markdown)
    assert list(searched.values()) == ["<p>y</p>"] and list(unsearched.values()) == ["<ul data-search-exclude><li>x</li></ul>"]
    assert [line for line in stripped.splitlines() if line.startswith("<!--")] == [f"<!-- {token} -->" for token in (*unsearched, *searched)]


def test_blocks_search_skips_would_add_nothing_to_the_index(hostile_offline: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks marked search-exclude go back after Material's search plugin has read the page: a speed-up
    only. Read by search like any other block, they give the very same index, since each is excluded by
    its own data-search-exclude; and the pages are the same."""
    import macros.site.conversion
    from macros.site.html_blocks import set_aside_html as set_aside  # what macros.site.conversion calls
    from tests.hostile_records import write_hostile_dossier

    def all_read_by_search(markdown: str) -> tuple[str, dict[str, str], dict[str, str]]:
        stripped, searched, unsearched = set_aside(markdown)
        return stripped, searched | unsearched, {}

    monkeypatch.setattr(macros.site.conversion, "set_aside_html", all_read_by_search)
    monkeypatch.setenv("DOSSIER_OFFLINE", "true")  # Material's search reads the pages only in the offline copy
    read_by_search = build(write_hostile_dossier(tmp_path / "data"), tmp_path / "site")
    assert search_entries(read_by_search) == search_entries(hostile_offline)
    page = f"statements/{hostile_id('statements')}.html"
    assert (hostile_offline / page).read_text(encoding="utf-8").count("data-search-exclude") > 2
    assert (read_by_search / page).read_bytes() == (hostile_offline / page).read_bytes()


@forks_beside_test_threads
def test_record_pages_converted_by_the_engine_equal_mkdocs_own_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine converts record pages itself (renderer.PageHtml), in a full build in a second process
    (background.MadeInBackground): a speed-up only. Left to MkDocs, with Markdown links to `.md` paths for it to
    rewrite and check, the hostile dossier gives the same site: every page byte for byte (table of
    contents, title, permalinks, links), the same exports and the same search index."""
    from macros.plugin import generated_files as generated_files
    from macros.site.pages import GeneratedPage
    from macros.site.pages import generated_pages as engine_pages  # what generated_files calls
    from tests.conftest import dossier_plugin
    from tests.hostile_records import write_hostile_dossier

    data_dir = write_hostile_dossier(tmp_path / "data")
    session = dossier_plugin().session
    monkeypatch.setattr(session, "may_fork", lambda: True)
    by_engine = build(data_dir, tmp_path / "by-engine")

    converted: list[int] = []

    def markdown_only(site: Site, markdown_settings: MarkdownSettings | None = None) -> dict[str, GeneratedPage]:
        pages = engine_pages(site)
        converted.append(sum(page.html is not None for page in pages.values()))
        return pages

    monkeypatch.setattr(generated_files, "generated_pages", markdown_only)
    monkeypatch.setattr(session, "may_fork", lambda: False)  # pages made in this process, as under `mkdocs serve`
    by_mkdocs = build(data_dir, tmp_path / "by-mkdocs")
    assert converted == [0]
    pages = sorted(path.relative_to(by_engine) for path in by_engine.rglob("*.html"))
    assert pages == sorted(path.relative_to(by_mkdocs) for path in by_mkdocs.rglob("*.html"))
    assert len(pages) > page_count_expected(check(data_dir))
    different = [page for page in pages if (by_engine / page).read_bytes() != (by_mkdocs / page).read_bytes()]
    assert different == []
    for path in ("export/dossier.json", "export/statements.csv", "feed.xml"):
        assert (by_engine / path).read_bytes() == (by_mkdocs / path).read_bytes(), path


@forks_beside_test_threads
def test_a_record_page_the_second_process_cannot_make_fails_the_build_naming_it(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A full build makes record pages in a forked process (background.MadeInBackground): an error there fails
    the build with the page and the error, rather than hanging it or leaving the page out."""
    import macros.site.conversion
    from tests.conftest import dossier_plugin

    monkeypatch.setattr(dossier_plugin().session, "may_fork", lambda: True)

    def broken(self: object, page_markdown: str) -> object:
        raise ValueError("a template bug")

    monkeypatch.setattr(macros.site.conversion.PageConverter, "page_html", broken)
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    first_record_page = f"actors/{sorted(check(mini).records['actors'])[0]}.md"
    assert f"{first_record_page} could not be made" in caplog.text
    assert "ValueError: a template bug" in caplog.text


def test_theme_and_engine_templates_share_one_compiled_cache(mini: Path, tmp_path: Path) -> None:
    """One process compiles each template once (the session's compiled_templates), the theme's too: under
    `mkdocs serve` recompiling Material's templates was ~0.2 s of every rebuild."""
    from macros.site.renderer import TEMPLATES
    from tests.conftest import dossier_plugin

    build(mini, tmp_path / "site")
    engine_templates = len(list(TEMPLATES.glob("*.j2")))
    speed = dossier_plugin().session.speed
    assert speed is not None and len(speed.compiled_templates.compiled) > engine_templates  # the theme's are in it as well


def test_compiled_templates_outlive_the_process_and_follow_their_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled templates also go to disk (Jinja's own cache), so the next `mkdocs build`, a new
    process, compiles nothing; a template whose source changed compiles again."""
    import jinja2

    from macros.plugin.fast.template_cache import CompiledTemplates as _CompiledTemplates

    templates, cache_dir = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache_dir.mkdir(mode=0o700)
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")

    def render_in_a_new_process(compiled: list[str]) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
        env.bytecode_cache = _CompiledTemplates(str(cache_dir))  # a new process starts with nothing in memory
        compile_source = env.compile

        def compile_counted(source: str, *a: Any, **k: Any) -> object:
            compiled.append(source)
            return compile_source(source, *a, **k)

        monkeypatch.setattr(env, "compile", compile_counted)
        return env.get_template("page.html").render(name="<b>")

    compiled: list[str] = []
    assert render_in_a_new_process(compiled) == "Hello &lt;b&gt;" and len(compiled) == 1
    assert list(cache_dir.iterdir())
    compiled.clear()
    assert render_in_a_new_process(compiled) == "Hello &lt;b&gt;" and compiled == []
    (templates / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert render_in_a_new_process(compiled) == "Goodbye &lt;b&gt;" and len(compiled) == 1


def test_compiled_templates_follow_the_environment_too(tmp_path: Path) -> None:
    """Whether a filter is handed the render's context is compiled into the template: the same source, in a
    new process whose filter now takes the context, must compile again, not run the old code (which then
    handed the filter its value as the context)."""
    import jinja2

    from macros.plugin.fast.template_cache import CompiledTemplates as _CompiledTemplates

    templates, cache_dir = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache_dir.mkdir(mode=0o700)
    (templates / "page.md").write_text("{{ name | shout }}", encoding="utf-8")

    def render_in_a_new_process(shout: object) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=_CompiledTemplates(str(cache_dir)))
        env.filters["shout"] = shout
        return env.get_template("page.md").render(name="ana", page="home")

    assert render_in_a_new_process(lambda value: value.upper()) == "ANA"
    on_the_page = jinja2.pass_context(lambda context, value: f"{value.upper()} on {context['page']}")
    assert render_in_a_new_process(on_the_page) == "ANA on home"
    assert len(list(cache_dir.iterdir())) == 2  # one entry per environment, the first still good for its own


# `mkdocs build` as a reader's editor runs it, with os._exit reporting whether the process ended early.
_MKDOCS_BUILD = """
import os, sys
real_exit = os._exit
build_process = os.getpid()
def reported_exit(status):
    if os.getpid() == build_process:  # not a forked page process, which multiprocessing ends this way
        sys.stderr.write(f"ended without teardown, status {status}\\n")
        sys.stderr.flush()
    real_exit(status)
os._exit = reported_exit
if sys.argv[3] == "warn":  # a warning while pages are built: --strict fails the build after its post_build
    import logging
    from mkdocs.commands import build
    build_page = build._build_page
    def warned(*args, **kwargs):
        logging.getLogger("mkdocs").warning("a warning a page gave")
        return build_page(*args, **kwargs)
    build._build_page = warned
from mkdocs.__main__ import cli
cli(["build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]])
"""


@pytest.mark.parametrize("case", ["built", "failed", "failed after its post_build", "switch off"])
def test_a_build_that_succeeded_ends_its_process_without_tearing_the_heap_down(tmp_path: Path, case: str) -> None:
    """`mkdocs build`, once it has succeeded, ends at once (heap.HeapPolicy.end_the_process): status 0, everything
    it printed, its site whole. A failed build ends as Python ends it, with MkDocs' status 1, whether it failed
    early (no data folder) or once every page was written (--strict and a warning); so does any build with the
    speed switch off."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    data = MINI if case != "failed" else tmp_path / "no-such-folder"
    env = dict(os.environ, DOSSIER_DATA_DIR=str(data), NO_MKDOCS_2_WARNING="1", DOSSIER_FAST="false" if case == "switch off" else "true")
    warn = "warn" if case == "failed after its post_build" else "-"
    done = subprocess.run([sys.executable, "-c", _MKDOCS_BUILD, str(ROOT / "mkdocs.yml"), str(tmp_path / "site"), warn],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    ended_early = "ended without teardown" in done.stderr
    if case.startswith("failed"):
        assert (done.returncode, ended_early) == (1, False), done.stderr[-2000:]
        said = done.stdout + done.stderr
        assert "Aborted with a BuildError!" in said if case == "failed" else re.search(r"Aborted with \d+ warnings in strict mode!", said)
        return
    assert (done.returncode, ended_early) == (0, case == "built"), done.stderr[-2000:]
    assert done.stderr.rstrip().splitlines()[-2 if case == "built" else -1].startswith("INFO    -  Documentation built in")
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
