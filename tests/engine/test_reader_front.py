"""The reader's front of the site, read back as a reader checks it: the home page's cards and dates,
citations are short markers with their reference on hover and a references list, sources
are shown as a reader cites them (never by file name), the editors' and maintainers' pages stay out of the
tabs and search, the trust pages, footer and 404 say what they must, ClaimReview follows Google's guidance,
and text from configuration or prose is escaped exactly once. The same front of the dossier in data/:
tests/dossier/test_reader_front.py."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import extruct
import pytest
from bs4 import BeautifulSoup, Tag  # extruct's own HTML reader

from macros.cli import run_check
from macros.records.bidi import isolated
from macros.records.check import check
from tests.conftest import MINI, build
from tests.search_indexes import offline_search_docs, web_search_pages

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
READER_TABS = ["Home", "Briefs", "Claims", "Statements", "Actors", "Timeline", "Figures", "Sources", "Methodology", "About"]


def page(site: Path, path: str) -> BeautifulSoup:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    for permalink in soup.select("a.headerlink"):  # the ¶ after each heading: no text a reader reads
        permalink.decompose()
    return soup


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def article(site: Path, path: str) -> Tag:
    (found,) = page(site, path).select("article.md-content__inner")
    return found


def reader_pages(site: Path) -> list[Path]:
    """Every published HTML page but the editors' guide (which may name files and commands)."""
    return [path for path in sorted(site.rglob("*.html")) if path.relative_to(site).parts[0] != "guide"]


# Two marks where one belongs: "could cost lives., 5 January" ("lives." then a list's ", date"). Not an
# abbreviation's full stop before a comma ("U.S.,", "e.g.,"), an ellipsis, or a decimal or time ("1.5", "10:30").
_DOUBLE_PUNCTUATION = re.compile(r"(?<!\.)[.!?,;:]\s*[.,;:](?![\d.])|[.!?][”’\"]\s*\.(?![\d.])")  # the second: "… to us.”."
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.)+$")


def double_punctuation(html: str) -> list[str]:
    """Each place a page's visible text has two punctuation marks in a row, with some text around it."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "code", "pre"]):
        hidden.decompose()
    text = re.sub(r"\s+", " ", soup.get_text(" "))
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in _DOUBLE_PUNCTUATION.finditer(text)
            if not _ABBREVIATION.search(text[max(0, m.start() - 12) : m.start() + 1])]


def test_double_punctuation_is_found_and_abbreviations_are_not() -> None:
    assert double_punctuation("<p><a>that could cost lives.</a>, 5 January 2026</p>") == ["that could cost lives. , 5 January 2026"]
    assert double_punctuation("<p>Ends here.; next. Or?, and</p>") == ["Ends here.; next. Or?, and", "Ends here.; next. Or?, and"]
    assert double_punctuation("<p>The U.S., e.g., said so... at 10:30; 1.5, 2.5</p><code>a.,b</code>") == []
    assert double_punctuation("<p>in <a>“precious to us.”</a>.</p>") == ["in “precious to us.” ."]


def test_no_page_of_the_mini_dossier_has_double_punctuation(mini_site: Path) -> None:
    found = {str(path.relative_to(mini_site)): double_punctuation(path.read_text(encoding="utf-8")) for path in reader_pages(mini_site)}
    assert {path: places for path, places in found.items() if places} == {}


def test_a_quotation_that_ends_the_editors_sentence_takes_its_full_stop(mini: Path, tmp_path: Path) -> None:
    claim = mini / "claims" / "bridge-opens-in-2027.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace(
        "status_note: The mayor says so ([[statements/lopez-opens-2027]]);",
        "status_note: The mayor says [[statements/lopez-opens-2027]]. An engineer disagrees ([[statements/okafor-doubts]]);"), encoding="utf-8")
    page = (build(mini, tmp_path / "site") / "claims" / "bridge-opens-in-2027" / "index.html").read_text(encoding="utf-8")
    note = re.sub(r"\s+", " ", BeautifulSoup(page, "html.parser").select(".dossier-status-note, .admonition")[0].get_text(" "))
    assert "on time and on budget.” An engineer disagrees" in note  # the quotation's own full stop ends the sentence
    assert double_punctuation(page) == []


def test_a_statement_page_keeps_the_printed_wording_apart_from_the_editors_note(mini: Path, tmp_path: Path) -> None:
    statement = mini / "statements" / "lopez-opens-2027.yml"
    printed = '    wording: "The bridge will open in 2027 on time and under budget."\n'
    statement.write_text(statement.read_text(encoding="utf-8").replace(printed, printed + "    note: The blog gives no date.\n"),
                         encoding="utf-8")
    (table,) = article(build(mini, tmp_path / "site"), "statements/lopez-opens-2027").select("h2 + table")
    assert [text_of(th) for th in table.select("th")] == ["Source", "Wording as printed", "Editors' note"]
    rows = [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[1:] for row in rows] == [["as above", ""], ["The bridge will open in 2027 on time and under budget.", "The blog gives no date."]]
    assert table.select("td.dossier-editors-note")[1].get_text() == "The blog gives no date."


def test_a_paraphrase_never_says_a_source_printed_the_editors_sentence(mini: Path, tmp_path: Path) -> None:
    """A paraphrase's text is ours: a row saying "as above" under "Wording as printed" told readers the source
    printed it. The sources reported it; a source's own words show only where the editors give them, as printed."""
    (table,) = article(build(mini, tmp_path / "before"), "statements/okafor-paraphrase").select("h2 + table")
    heading = table.find_previous("h2")
    assert heading is not None and text_of(heading).startswith("Reported by 1 source")
    assert [text_of(th) for th in table.select("th")] == ["Source"]
    assert "as above" not in table.get_text()
    statement = mini / "statements" / "okafor-paraphrase.yml"
    statement.write_text(statement.read_text(encoding="utf-8").replace(
        "  - source: blog-post\n",
        "  - source: blog-post\n    wording: He said there was no margin left in the schedule.\n  - source: ledger-bridge-report\n"),
        encoding="utf-8")
    site = build(mini, tmp_path / "after")
    (table,) = article(site, "statements/okafor-paraphrase").select("h2 + table")
    assert [text_of(th) for th in table.select("th")] == ["Source", "Wording as printed"]
    rows = [[text_of(td) for td in tr.select("td")][1:] for tr in table.select("tbody tr")]
    assert rows == [["He said there was no margin left in the schedule."], ["not quoted"]]
    assert not table.select("mark") and "highlighted" not in article(site, "statements/okafor-paraphrase").get_text()
    assert "wording differs" not in article(site, "actors/ben-okafor").get_text()


def test_a_statement_without_editors_notes_has_no_empty_notes_column(mini_site: Path) -> None:
    (table,) = article(mini_site, "statements/lopez-opens-2027").select("h2 + table")
    assert [text_of(th) for th in table.select("th")] == ["Source", "Wording as printed"]


def test_positions_on_claims_have_one_row_per_claim(mini_site: Path) -> None:
    """Ben Okafor's two statements on the bridge claim (one against it, one qualifying it) are one row."""
    body = article(mini_site, "actors/ben-okafor")
    (table,) = body.select("h2#positions-on-claims + table")
    assert [text_of(th) for th in table.select("th")] == ["Claim", "Status", "Position", "Statements"]
    (row,) = table.select("tbody tr")
    assert [text_of(td) for td in row.select("td")] == ["The Riverton bridge will open in 2027.", "disputed", "refutes, qualifies",
                                                        "January 2026; not stated"]
    assert [a.get("href") for a in row.select("td[data-label=Statements] a")] == ["../../statements/okafor-doubts/",
                                                                                   "../../statements/okafor-paraphrase/"]


def test_mentions_say_what_each_record_is(mini_site: Path) -> None:
    (mentions,) = article(mini_site, "events/bridge-announcement").select("h2#mentioned-in + ul")
    assert [text_of(li) for li in mentions.select("li")] == ["Brief: The Riverton bridge"]
    assert [text_of(a) for a in mentions.select("a")] == ["The Riverton bridge"]


def test_the_timeline_links_a_statement_by_who_spoke_and_when_and_gives_its_words_as_text(mini_site: Path) -> None:
    (line,) = [li for li in article(mini_site, "events").select("li li li") if "Ana López" in text_of(li)]
    assert text_of(line) == "Ana López, 5 January 2026 — “The bridge will open in 2027, on time and on budget.”"
    assert [(text_of(a), a.get("href")) for a in line.select("a")] == [("Ana López, 5 January 2026", "../statements/lopez-opens-2027/")]


def test_the_figures_list_goes_by_brief_and_date_with_the_exact_value_and_the_note_apart(mini: Path, tmp_path: Path) -> None:
    figure = mini / "figures" / "bridge-cost.yml"
    figure.write_text(figure.read_text(encoding="utf-8") + "as_of: 2026-01\nnote: The mayor's round number.\n", encoding="utf-8")
    (mini / "figures" / "ferry-fare.yml").write_text(
        "label: Ferry fare\nvalue: 3\nunit: USD\nas_of: 2025-06\nsources: [blog-post]\n", encoding="utf-8")
    body = article(build(mini, tmp_path / "site"), "figures")
    # The groups, then the page's citation block.
    assert [text_of(h) for h in body.select("h2")] == ["Figures: The Riverton bridge", "Other figures", "Cite this page"]
    rows = [{td.get("data-label"): text_of(td) for td in tr.select("td")} for tr in body.select("tbody tr")]
    assert rows[0]["Figure"] == "Bridge budget" and rows[0]["Editors' note"] == "The mayor's round number."
    assert rows[0]["Value"] == "about $120 million about 120,000,000 USD"  # the exact value shown, not only on hover
    assert rows[1]["Figure"] == "Ferry fare" and rows[1]["Value"] == "$3"  # exact already: said once


# --- the front door -------------------------------------------------------------------------------
def test_home_cards_give_each_brief_its_question_bottom_line_and_status_counts(mini_site: Path) -> None:
    (card,) = article(mini_site, "").select(".grid.cards > ul > li")
    assert text_of(card.select("strong a")[0]) == "The Riverton bridge"
    assert text_of(card.select("em")[0]) == "Will the bridge open in 2027?"
    assert "The mayor says yes; an engineer doubts it." in text_of(card)  # the bottom line, its citation left to the brief
    assert text_of(card.select(".dossier-counts")[0]) == "1 claim: 1 disputed"
    assert [a.get("href") for a in card.select("a")][-1] == "topics/riverton-bridge/"


def test_home_states_the_editors_review_date_as_theirs(mini_site: Path) -> None:
    facts = text_of(article(mini_site, ""))
    assert "Last reviewed by the editors on 10 January 2026 (the editors' own date for their last review of the whole dossier)." in facts
    assert "As of" not in facts  # the latest date a page links is no review date


def test_a_dossier_without_its_file_builds_and_claims_nothing(mini: Path, tmp_path: Path) -> None:
    (mini / "dossier.yml").unlink()
    site = build(mini, tmp_path / "site")
    home = page(site, "")
    assert text_of(home.select("article h1")[0]) == "Briefing dossier"
    assert "The editors have not yet recorded the date of a review of the whole dossier." in text_of(home)
    assert text_of(home.select(".md-copyright__highlight")[0]) == "Licence not yet stated."
    about = text_of(article(site, "about"))
    for said in ("Publisher: not yet stated", "Contact: not yet stated", "No corrections have been published.",
                 "The editors have not yet published an address for reporting errors."):
        assert said in about


HOME_CHOICES = "featured_topics: [riverton-ferry, riverton-bridge]\nkey_claims: [bridge-opens-in-2027]\nkey_facts: [bridge-cost]\n"


def test_the_editors_choose_the_main_brief_key_claims_and_key_facts(mini: Path, tmp_path: Path) -> None:
    (mini / "topics" / "riverton-ferry.yml").write_text(
        "title: The Riverton ferry\nquestion: Will the ferry keep running?\nbottom_line: Nobody has said.\nbrief: Nothing yet.\n", encoding="utf-8")
    with (mini / "dossier.yml").open("a", encoding="utf-8") as file:
        file.write(HOME_CHOICES)
    home = article(build(mini, tmp_path / "site"), "")
    # The first chosen brief leads, whole, under the title; the other briefs follow as cards, in the chosen order.
    assert [text_of(h) for h in home.select("h1, h2")][:3] == ["The Riverton bridge dossier", "The Riverton ferry", "More briefs"]
    assert text_of(home.select(".dossier-question")[0]) == "Will the ferry keep running?"
    assert text_of(home.select(".dossier-lead")[0]) == "Bottom line. Nobody has said."
    assert [text_of(card.select("strong a")[0]) for card in home.select(".grid.cards > ul > li")] == ["The Riverton bridge"]
    # Key claims lead with their status; key facts are figures, value first, with their source.
    (claims,) = [ul for ul in home.select("h2#key-claims-and-where-they-stand + ul")]
    assert [text_of(li) for li in claims.select("li")] == [
        "disputed The Riverton bridge will open in 2027. — claimed by Ana López, first made 5 January 2026"]
    (facts,) = home.select("h2#key-facts + ul")
    assert [text_of(li) for li in facts.select("li")] == ["about $120 million: Bridge budget. Source: Bridge plan announced."]
    assert facts.select("a")[0].get("href") == "figures/#figures-bridge-cost"
    assert "What the dossier holds" in [text_of(h) for h in home.select("h2")]  # the record counts, under their own name


def test_the_home_pages_choices_name_records_of_their_kind(mini: Path) -> None:
    with (mini / "dossier.yml").open("a", encoding="utf-8") as file:
        file.write("featured_topics: [riverton-brige]\nkey_claims: [bridge-opens-in-2027, bridge-cost]\nkey_facts: [bridge-cots]\n")
    assert errors_in(mini) == [
        "data/dossier.yml:13: featured_topics[0]: no topic 'riverton-brige' (did you mean 'riverton-bridge'?)",
        "data/dossier.yml:14: key_claims[1]: no claim 'bridge-cost' (write the id of a file in data/claims/)",
        "data/dossier.yml:15: key_facts[0]: no figure 'bridge-cots' (did you mean 'bridge-cost'?)",
    ]
    (mini / "dossier.yml").write_text((MINI / "dossier.yml").read_text(encoding="utf-8") + HOME_CHOICES.replace("riverton-ferry, ", ""))
    assert errors_in(mini) == []  # negative control: the same fields naming records


def errors_in(data_dir: Path) -> list[str]:
    return [str(error) for error in check(data_dir).errors]


def test_errors_in_the_dossier_file_are_reported_with_file_and_line(mini: Path) -> None:
    (mini / "dossier.yml").write_text(
        "titel: The Riverton bridge dossier\n"
        "last_reviewed: 2026-13-01\n"
        "corrections:\n"
        "  - date: 2026-01-08\n"
        "    records: [claims/bridge-opens-in-2072, actor/ana-lopez]\n"
        "    note: A correction.\n",
        encoding="utf-8",
    )
    assert errors_in(mini) == [  # schema and reference errors of one file, in one run
        "data/dossier.yml:1: titel: unknown field (did you mean 'title'?)",
        "data/dossier.yml:2: last_reviewed: '2026-13-01' is not a calendar date (month must be in 1..12)",
        "data/dossier.yml:5: corrections[0].records[0]: no record 'claims/bridge-opens-in-2072' (did you mean 'bridge-opens-in-2027'?)",
        "data/dossier.yml:5: corrections[0].records[1]: 'actor' is not a record kind (did you mean 'actors'?)",
    ]
    (mini / "dossier.yml").write_text(
        "title: T\ncorrections:\n  - date: 2026-01-08\n    records: [claims/bridge-opens-in-2072, actor/ana-lopez]\n    note: A correction.\n",
        encoding="utf-8",
    )
    assert errors_in(mini) == [
        "data/dossier.yml:4: corrections[0].records[0]: no record 'claims/bridge-opens-in-2072' (did you mean 'bridge-opens-in-2027'?)",
        "data/dossier.yml:4: corrections[0].records[1]: 'actor' is not a record kind (did you mean 'actors'?)",
    ]
    err = io.StringIO()
    assert run_check(mini, io.StringIO(), err) == 1 and "data/dossier.yml" in err.getvalue()  # `make check` reports them too
    (mini / "dossier.yml").write_text("title: T\n", encoding="utf-8")  # negative control: a clean file
    assert errors_in(mini) == []
    assert run_check(mini, io.StringIO(), io.StringIO()) == 0


# --- citations ------------------------------------------------------------------------------------
def test_brief_citations_are_numbered_markers_with_a_references_list(mini_site: Path) -> None:
    brief = article(mini_site, "topics/riverton-bridge")
    (lead,) = brief.select(".dossier-lead")
    assert text_of(lead) == "Bottom line. The mayor says yes; an engineer doubts it[1]."
    (marker,) = lead.select("sup a.footnote-ref")
    assert marker.get("href") == "#fn:claims-bridge-opens-in-2027"
    # No link in running prose carries a whole claim sentence.
    claim_text = "The Riverton bridge will open in 2027."
    for paragraph in brief.select("p.dossier-lead, #brief ~ p, #key-questions + ul li"):
        assert all(text_of(a) != claim_text for a in paragraph.select("a")), text_of(paragraph)
    references = brief.select(".dossier-references .footnote li")
    assert [item.get("id") for item in references] == ["fn:claims-bridge-opens-in-2027", "fn:events-bridge-announcement", "fn:figures-bridge-cost"]
    first = text_of(references[0])
    # The source behind the record is named (kind, outlet, date) and linked beside it.
    assert first.startswith(f"Claim: {claim_text} — Status: disputed. Claimed by Ana López, first made 5 January 2026. "
                            "Source: news report, The Daily Ledger, 6 January 2026 and 1 other source")
    assert references[0].select("a")[1].get("href") == "../../sources/ledger-bridge-report/"
    assert references[0].select("a")[0].get("href") == "../../claims/bridge-opens-in-2027/"
    assert brief.select("h2#references")[0].get("data-search-exclude") is not None


def test_a_reference_gives_a_quotation_whole(mini: Path, tmp_path: Path) -> None:
    """Lists shorten a long quotation to a line; the reference, which its marker's popover shows in place and
    which prints, is where a reader checks the words, so it gives them all."""
    was = "The bridge will open in 2027, on time and on budget."
    words = was[:-1] + ", and every lane of it will carry traffic from the first morning it opens to the public."
    statement = mini / "statements" / "lopez-opens-2027.yml"
    statement.write_text(statement.read_text(encoding="utf-8").replace(was, words), encoding="utf-8")
    topic = mini / "topics" / "riverton-bridge.yml"
    cited = topic.read_text(encoding="utf-8").replace("([[events/bridge-announcement]])", "([[statements/lopez-opens-2027]])")
    topic.write_text(cited, encoding="utf-8")
    site = build(mini, tmp_path / "site")
    (reference,) = article(site, "topics/riverton-bridge").select("li#fn\\:statements-lopez-opens-2027")
    assert text_of(reference).startswith(f"Statement: “{words}” — Quote by Ana López, 5 January 2026")
    listed = article(site, "actors/ana-lopez").get_text()
    assert "every lane of it" in listed and words not in listed  # lists still shorten it


def test_labelled_links_in_running_text_stay_links(mini_site: Path) -> None:
    brief = article(mini_site, "topics/riverton-bridge")
    (question,) = brief.select("#key-questions + ul li")
    assert [text_of(a) for a in question.select("a")] == ["Ben Okafor"]


def test_citations_stay_out_of_search(offline_build: Path) -> None:
    """In Material's index, the offline copy's search."""
    brief = [doc for doc in offline_search_docs(offline_build) if doc["location"].startswith("topics/riverton-bridge.html")]
    assert brief
    for doc in brief:
        assert "[1]" not in doc["text"] and "Claimed by" not in doc["text"], doc
        assert "References" not in doc["title"]


def test_brief_record_lists_fold_into_a_collapsed_appendix(mini_site: Path) -> None:
    brief = article(mini_site, "topics/riverton-bridge")
    headings = [h.get("id") for h in brief.select("h2")]
    assert headings[:3] == ["key-questions", "brief", "references"] and "appendix" in headings
    folded = brief.select("details.dossier-appendix")
    assert folded and all(details.get("open") is None for details in folded)
    assert [text_of(details.select("summary")[0]) for details in folded][0] == "Key claims (1)"


# --- sources --------------------------------------------------------------------------------------
def test_an_untitled_source_is_shown_by_kind_with_what_it_does_not_state_said_once(mini_site: Path) -> None:
    source = article(mini_site, "sources/blog-post")
    assert text_of(source.select("h1")[0]) == "[Untitled opinion piece]"
    assert text_of(source.select(".dossier-not-stated")[0]) == "Not stated in the source: title, outlet, author, date, web address."
    described = " ".join(text_of(element) for element in source.select(".dossier-source-facts, .dossier-not-stated, .dossier-archive"))
    assert described.lower().count("not stated") == 1
    assert text_of(source.select(".dossier-archive")[0]) == "Quotes checked against an archived copy of the text held by the editors."


def test_a_titled_source_gives_outlet_author_date_and_address(mini_site: Path) -> None:
    source = article(mini_site, "sources/ledger-bridge-report")
    facts = [text_of(element) for element in source.select(".dossier-source-facts > *")]
    assert facts == ["Kind", "News report", "Outlet", "The Daily Ledger", "Author", "Jo Writer", "Published", "6 January 2026",
                     "Title", "Bridge plan announced", "Web address", "https://example.org/bridge"]


def test_a_supplied_title_is_shown_in_brackets(mini: Path, tmp_path: Path) -> None:
    from tests.hostile_records import payload

    hostile = payload("hostile-supplied-title")  # Jinja, HTML, a Markdown link, Unicode: all printed as written
    path = mini / "sources/blog-post.yml"
    path.write_text(path.read_text(encoding="utf-8") + "supplied_title: Blog post doubting the 2027 date\n", encoding="utf-8")
    (mini / "sources/other-blog.yml").write_text(
        path.read_text(encoding="utf-8").replace("Blog post doubting the 2027 date", "").replace("supplied_title: \n", "")
        + f"supplied_title: {json.dumps(hostile)}\n", encoding="utf-8")
    site = build(mini, tmp_path / "site")
    assert text_of(article(site, "sources/blog-post").select("h1")[0]) == "[Blog post doubting the 2027 date]"
    assert "[Blog post doubting the 2027 date]" in text_of(article(site, "sources"))
    assert text_of(article(site, "sources/other-blog").select("h1")[0]) == re.sub(r"\s+", " ", f"[{isolated(hostile)}]")
    assert "49 hostile-supplied-title" not in text_of(article(site, "sources/other-blog"))


def test_no_page_shows_an_archive_file_name(mini_site: Path) -> None:
    for path in reader_pages(mini_site):
        html = path.read_text(encoding="utf-8")
        assert "blog.txt" not in html and "ledger.txt" not in html, path


# --- editors' and maintainers' pages --------------------------------------------------------------
def test_the_tabs_are_the_readers_and_the_guide_and_performance_are_not_searched(mini_site: Path, offline_build: Path) -> None:
    tabs = [text_of(a) for a in page(mini_site, "").select(".md-tabs__link")]
    assert tabs == READER_TABS
    assert (mini_site / "guide/index.html").is_file()  # still published, for editors
    assert not (mini_site / "performance").exists() and not (mini_site / "assets/screenshots").exists()
    # Neither the web build's search (Pagefind) nor the offline copy's (Material's) has them.
    for locations in ([url.lstrip("/") for url in web_search_pages(mini_site)],
                      [doc["location"] for doc in offline_search_docs(offline_build)]):
        assert not [location for location in locations if location.startswith(("guide", "performance"))]
        assert any(location.startswith("about") for location in locations)  # negative control: pages are indexed


# --- trust pages, footer, 404 ---------------------------------------------------------------------
def test_about_gives_publisher_licence_contact_and_the_corrections_log(mini_site: Path) -> None:
    about = article(mini_site, "about")
    said = text_of(about)
    for expected in ("Publisher: Riverton Test Desk", "Licence: CC BY 4.0", "Contact: desk@example.org",
                     "Last reviewed: 10 January 2026, the editors' own date",
                     "To report an error, write to corrections@example.org"):
        assert expected in said, expected
    facts = [text_of(item) for item in about.select("ul")[0].select("li")]
    assert facts[0] == "Publisher: Riverton Test Desk" and facts[2] == "Contact: desk@example.org"
    (row,) = about.select("table tbody tr")
    cells = [text_of(cell) for cell in row.select("td")]
    assert cells == ["8 January 2026", "The Riverton bridge will open in 2027.",
                     "The claim first gave the opening year as 2028; the source says 2027."]
    assert row.select("a")[0].get("href") == "../claims/bridge-opens-in-2027/"
    assert about.select('a[href="../methodology/"]') and about.select('a[href="../guide/"]')


def test_the_footer_links_publisher_licence_feed_and_open_data(mini_site: Path) -> None:
    (footer,) = page(mini_site, "claims").select(".md-footer-meta")
    assert text_of(footer.select(".md-copyright__highlight")[0]) == "Published by Riverton Test Desk. Text and data under CC BY 4.0."
    (licence,) = footer.select('a[rel="license"]')
    assert licence.get("href") == "https://creativecommons.org/licenses/by/4.0/"
    links = {text_of(a): a.get("href") for a in footer.select(".dossier-footer__links a")}
    assert links == {"About and corrections": "../about/", "Methodology": "../methodology/", "Atom feed": "../feed.xml",
                     "Open data (JSON)": "../export/dossier.json", "For editors": "../guide/"}
    for href in links.values():
        assert (mini_site / "claims" / str(href)).resolve().exists(), href


def test_the_404_page_offers_search_and_the_entry_points(mini_site: Path) -> None:
    missing = page(mini_site, "404.html")
    (body,) = missing.select("article")
    assert text_of(body.select("h1")[0]) == "Page not found"
    assert body.select('label[for="__search"]')
    entries = [(text_of(a), a.get("href")) for a in body.select(".dossier-entry-points a")]
    assert [name for name, _ in entries] == READER_TABS
    for _, href in entries:
        assert (mini_site / str(href).lstrip("/") / "index.html").is_file(), href


# --- machine readers ------------------------------------------------------------------------------
def claim_review_problems(data: dict[str, Any]) -> list[str]:
    """What Google's ClaimReview guidance asks for that `data` lacks: the required properties (claimReviewed,
    reviewRating with alternateName, url, author with a name) and the recommended ones (itemReviewed with
    author, appearance or firstAppearance, datePublished; the review's datePublished)."""
    problems = []
    for name in ("claimReviewed", "url", "datePublished"):
        if not data.get(name):
            problems.append(f"{name} is missing")
    if not (data.get("reviewRating") or {}).get("alternateName"):
        problems.append("reviewRating.alternateName is missing")
    if not (data.get("author") or {}).get("name"):
        problems.append("author is missing")
    item = data.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    for name in ("author", "datePublished"):
        if not item.get(name):
            problems.append(f"itemReviewed.{name} is missing")
    appearances = item.get("appearance") or []
    if not appearances and not item.get("firstAppearance"):
        problems.append("itemReviewed.appearance is missing")
    for work in [*appearances, item.get("firstAppearance") or {}]:
        if not work.get("name") or FILE_NAME.search(work["name"]) or work["name"].endswith(".txt"):
            problems.append(f"appearance named {work.get('name')!r}")
    return problems


def claim_reviews(site: Path, path: str) -> list[dict[str, Any]]:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return [data for data in found if data.get("@type") == "ClaimReview"]


def test_claim_review_follows_googles_guidance(mini_site: Path) -> None:
    (review,) = claim_reviews(mini_site, "claims/bridge-opens-in-2027")
    assert claim_review_problems(review) == []
    assert review["author"] == {"@type": "Organization", "name": "Riverton Test Desk"}
    assert [(work["name"], work.get("url")) for work in review["itemReviewed"]["appearance"]] == [
        ("Bridge plan announced", "https://example.org/bridge"), ("[Untitled opinion piece]", None)]
    assert review["itemReviewed"]["appearance"][0]["author"] == {"@type": "Person", "name": "Jo Writer"}
    # Negative control: the check finds what is missing or wrong.
    broken = {**review, "author": {}, "itemReviewed": {**review["itemReviewed"], "appearance": [{"name": "000_265c81ee766dcb94.txt"}]}}
    assert claim_review_problems(broken) == ["author is missing", "appearance named '000_265c81ee766dcb94.txt'"]


# --- escaping -------------------------------------------------------------------------------------
HOSTILE_NAME = 'A <b>&"x'


def _assert_site_name_escaped_once(site: Path, name: str) -> None:
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert name not in raw and "<b>" not in raw.split("<article")[0]
    assert "&amp;lt;" not in raw and "&amp;amp;" not in raw and "&amp;#34;" not in raw
    home = page(site, "")
    assert text_of(home.select("title")[0]) == name
    assert text_of(home.select(".md-header__topic .md-ellipsis")[0]) == name
    for logo in home.select("a.md-logo"):
        assert logo.get("aria-label") == name and logo.get("title") == name
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>A &lt;b&gt;&amp;\"x</title>" in feed  # XML-escaped once, by the feed writer


def test_a_site_name_from_the_environment_is_escaped_once(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_SITE_NAME", HOSTILE_NAME)
    _assert_site_name_escaped_once(build(mini, tmp_path / "site"), HOSTILE_NAME)


def test_a_dossier_title_is_escaped_once(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_SITE_NAME", raising=False)
    path = mini / "dossier.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: The Riverton bridge dossier", f"title: {json.dumps(HOSTILE_NAME)}"),
                    encoding="utf-8")
    site = build(mini, tmp_path / "site")
    _assert_site_name_escaped_once(site, HOSTILE_NAME)
    assert text_of(page(site, "").select("article h1")[0]) == HOSTILE_NAME


def test_a_code_span_in_prose_is_escaped_once(mini: Path, tmp_path: Path) -> None:
    path = mini / "topics/riverton-bridge.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "The mayor announced the plan on 5 January", "The test `a < b && c[0]` holds. The mayor announced the plan on 5 January"),
        encoding="utf-8")
    site = build(mini, tmp_path / "site")
    html = (site / "topics/riverton-bridge/index.html").read_text(encoding="utf-8")
    assert "<code>a &lt; b &amp;&amp; c[0]</code>" in html
    assert "&amp;lt;" not in html and "c\\[0" not in html
