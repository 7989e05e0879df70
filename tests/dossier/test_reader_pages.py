"""The reader's pages of the dossier in data/: every badge links its definition, the methodology page defines
every status, claim and statement pages say what they must, lists cut at a word, diagrams stay readable,
amounts and dates read as reporters write them, actors are counted (the rendering rules themselves:
tests/engine/test_reader_pages.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.records.bidi import FSI, PDI, isolated
from macros.records.check import check
from macros.records.index import DossierIndex
from macros.records.schema import STATUS_MEANINGS, Actor, Claim, Figure, Statement
from macros.site.numbers import exact_quantity_text, format_number, quantity_text, sort_number
from macros.site.words import heading_of, title_of
from tests.conftest import records_of
from tests.dossier_data import DATA
from tests.engine.test_hostile import visible_text
from tests.engine.test_reader_pages import article_html, badge_problems, diagram_problems
from tests.real_clients import html_pages

SITES = ["real_site"]


@pytest.mark.parametrize("site_fixture", SITES)
def test_every_badge_links_its_definition_and_carries_its_meaning(request: pytest.FixtureRequest, site_fixture: str) -> None:
    badges, wrong = badge_problems(request.getfixturevalue(site_fixture))
    assert badges > 10
    assert wrong == []


def test_the_methodology_page_defines_every_status_from_the_one_list(real_site: Path) -> None:
    page = article_html(real_site, "methodology/index.html")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for status, meaning in STATUS_MEANINGS.items():
        assert f'id="status-{status.replace(" ", "-")}"' in page, status
        assert f"In short: {meaning.plain}." in text, status
        assert f"When the editors use it: {meaning.use_when}" in text, status
    for heading in ("How quotes are verified", "How sources are chosen and labelled", "Corrections"):
        assert f">{heading}<" in page, heading
    # The corrections log lives on the about page; the link is there exactly when that page is.
    has_about = (real_site / "about" / "index.html").is_file()
    assert ('href="../about/#corrections-log"' in page) == has_about


def test_every_claim_page_links_the_methodology_page_and_says_what_its_status_means(real_site: Path) -> None:
    claims = records_of(check(DATA), Claim)
    assert claims
    for claim_id, claim in claims.items():
        page = article_html(real_site, f"claims/{claim_id}/index.html")
        anchor = "status-" + claim.status.replace(" ", "-")
        assert f'<a href="../../methodology/#{anchor}">What the statuses mean</a>' in page, claim_id
        meaning = html.escape(STATUS_MEANINGS[claim.status].plain, quote=False)
        assert f"<strong>{claim.status.capitalize()}:</strong> {meaning}." in page, claim_id


# --- statements ----------------------------------------------------------------------------------
def test_statement_headings_say_who_spoke_when_and_on_what_and_the_quote_follows_whole(real_site: Path) -> None:
    dossier = check(DATA)
    index = DossierIndex(dossier)
    for statement_id, statement in records_of(dossier, Statement).items():
        page = real_site / "statements" / statement_id / "index.html"
        h1 = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
        assert h1 is not None, statement_id
        words_element = h1.select_one("span.dossier-words")
        assert words_element is not None, statement_id
        words = isolated(" ".join(statement.text.split()))  # right-to-left words isolated: bidi.py
        shown = f"“{words}”" if statement.form == "quote" else words
        # Who, when and on what; then, on its own line, the words whole. Compared as text a reader sees: the
        # page may write a character as an entity (&quot;, &#x27;) where the data has it plainly.
        words_element.extract()
        who = h1.get_text().removesuffix("¶").strip()
        assert (who, words_element.get_text()) == (heading_of(index, statement), shown), statement_id
        speaker = isolated(index.get_as(Actor, statement.speaker).name)
        assert heading_of(index, statement).startswith(f"{speaker}, ") and "…" not in heading_of(index, statement), statement_id
        form = "Quote:" if statement.form == "quote" else "Paraphrase"
        assert form in visible_text(page), statement_id


def test_lists_show_each_statement_cut_at_a_word(real_site: Path) -> None:
    """Every statement's link text is its words, whole or cut at a word boundary with one ellipsis; no page
    shows punctuation doubled before an ellipsis ("fate.…")."""
    for statement in records_of(check(DATA), Statement).values():
        shown = title_of(statement).removeprefix("(paraphrase) ").strip("“”").strip(FSI + PDI)  # isolated: macros/records/bidi.py
        words = " ".join(statement.text.split())
        if shown.endswith("…"):
            kept = shown.removesuffix("…")
            assert words.startswith(kept) and words[len(kept)] in " .,;:!?—–-", statement.id
        else:
            assert shown == words, statement.id
    doubled = [(relative, match) for relative in html_pages(real_site)
               for match in re.findall(r"\S*[.,;:!?]…\S*", visible_text(real_site / relative))]
    assert doubled == []


def test_the_figures_table_reads_amounts_and_gives_the_exact_value_under_a_rounded_one(real_site: Path) -> None:
    page = article_html(real_site, "figures/index.html")
    # A percentage reads "0.004%" in the amounts the engine writes; a quote on the page may print "20 %".
    values = re.findall(r'<td data-label="Value"[^>]*>(.*?)</td>', page, re.S)
    assert values and [value for value in values if re.search(r"\d %", value)] == []
    for figure in records_of(check(DATA), Figure).values():
        shown = html.escape(quantity_text(figure.value, figure.unit, figure.qualifier), quote=False)
        exact = html.escape(exact_quantity_text(figure.value, figure.unit, figure.qualifier), quote=False)
        # As it is read ("$7 billion"), with the exact value ("7,000,000,000 USD") visible under it, not only on
        # hover, where the amount is rounded; said once where it is already exact ("775 shells").
        under = f'{shown} <br><span class="dossier-exact">{exact}</span>'
        rounded = format_number(figure.value) not in shown
        assert (under if rounded else f'data-sort="{sort_number(figure.value)}">{shown}') in page, figure.id
        assert rounded or under not in page, figure.id


@pytest.mark.parametrize("relative", ["claims/index.html", "statements/index.html", "figures/index.html"])
def test_tables_read_dates_in_words_and_sort_by_iso_dates(real_site: Path, relative: str) -> None:
    figures = check(DATA).records["figures"].values()
    if relative.startswith("figures/") and not any(getattr(f, "as_of", None) not in (None, "not stated") for f in figures):
        pytest.skip("no figure of this dossier is dated")
    text = re.sub(r"<[^>]+>", " ", article_html(real_site, relative))
    assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", text)  # no ISO date is shown for reading…
    assert re.search(r'data-sort="\d{4}-\d{2}(-\d{2})?"', article_html(real_site, relative))  # …but sorts by one


# --- actors ------------------------------------------------------------------------------------
def test_actors_are_counted_by_and_about(real_site: Path) -> None:
    dossier = check(DATA)
    index = DossierIndex(dossier)
    spoken_of = [actor for actor in index.actors if not index.statements_by(actor) and index.statements_about(actor)]
    if not spoken_of:
        pytest.skip("no actor of this dossier is only spoken about")  # the case "0 statements" alone would misread
    listing = article_html(real_site, "actors/index.html")
    for actor in spoken_of:
        about = len(index.statements_about(actor))
        # The name as linked: in its language's span and, right to left, its isolate (macros/records/bidi.py) where it has them.
        assert re.search(rf'{re.escape(actor.name)}{PDI}?(?:</bdi>)?(?:</span>)?</a></td>\n<td data-label="Role">[^<]*</td>\n'
                         rf'<td data-label="Statements by" data-sort="0">0</td>\n<td data-label="Statements about" data-sort="{about}">{about}</td>',
                         listing), actor.id
        profile = visible_text(real_site / "actors" / actor.id / "index.html")
        assert f"Statements: 0 by, {about} about" in profile, actor.id
        assert actor.kind.capitalize() in profile


@pytest.mark.parametrize("site_fixture", SITES)
def test_no_diagram_has_more_than_15_actors_or_two_edges_between_one_pair(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert diagram_problems(site) == []
