"""What a reader checks on the built pages: each status badge says what it means and links its definition,
statement pages say who spoke, when and on what, lists cut quotes at a word, diagrams stay readable,
numbers and dates read in one style with the exact value on hover, and actors are counted both ways.
"""

from __future__ import annotations

import html
import re
import typing
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from macros.graph import MAX_NODES, Relation, diagram
from macros.index import DossierIndex
from macros.pipeline import check
from macros.render import exact_quantity_text, excerpt, format_number, heading_of, quantity_text, readable_number, title_of
from macros.schema import STATUS_MEANINGS, ClaimStatus
from tests.conftest import DATA, build
from tests.real_clients import html_pages
from tests.test_hostile import read_page, visible_text

SITES = ["mini_site", "real_site"]


def page_url(relative: str) -> str:
    """A page's address on a site served at the root, as links on it resolve."""
    return "https://site.test/" + re.sub(r"(^|/)index\.html$", r"\1", relative)


def ids_on(site: Path, relative: str) -> set[str]:
    return {attributes["id"] for _, attributes in read_page(site / relative).elements if "id" in attributes}


def article_html(site: Path, relative: str) -> str:
    text = (site / relative).read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


# --- statuses ----------------------------------------------------------------------------------
def test_every_status_has_one_plain_meaning_and_one_rule() -> None:
    assert list(STATUS_MEANINGS) == list(typing.get_args(ClaimStatus))
    for status, meaning in STATUS_MEANINGS.items():
        assert meaning.plain and "\n" not in meaning.plain and not meaning.plain.endswith("."), status
        assert meaning.use_when.endswith("."), status
    assert STATUS_MEANINGS["denied"].plain == "the party concerned says it is untrue; the dossier has not shown it false"


@pytest.mark.parametrize("site_fixture", SITES)
def test_every_badge_links_its_definition_and_carries_its_meaning(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    definitions = ids_on(site, "methodology/index.html")
    badges, wrong = 0, []
    for relative in html_pages(site):
        for tag, attributes in read_page(site / relative).elements:
            classes = attributes.get("class", "").split()
            if "dossier-status" not in classes:
                continue
            badges += 1
            status = next(STATUS_MEANINGS_BY_CLASS[c] for c in classes if c in STATUS_MEANINGS_BY_CLASS)
            target = urlparse(urljoin(page_url(relative), attributes.get("href", "")))
            if tag != "a" or target.path != "/methodology/" or target.fragment not in definitions:
                wrong.append(f"{relative}: <{tag} href={attributes.get('href')!r}> for {status}")
            elif target.fragment != "status-" + status.replace(" ", "-"):
                wrong.append(f"{relative}: {status} links #{target.fragment}")
            if attributes.get("title") != f"{status}: {STATUS_MEANINGS[status].plain}":
                wrong.append(f"{relative}: {status} titled {attributes.get('title')!r}")
    assert badges > 10
    assert wrong == []


STATUS_MEANINGS_BY_CLASS = {"status-" + status.replace(" ", "-"): status for status in STATUS_MEANINGS}


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


def test_the_guide_lists_the_statuses_from_the_same_definitions(mini_site: Path) -> None:
    guide = html.unescape(re.sub(r"<[^>]+>", "", article_html(mini_site, "guide/index.html")))
    for meaning in STATUS_MEANINGS.values():
        assert meaning.use_when in guide


def test_every_claim_page_links_the_methodology_page_and_says_what_its_status_means(real_site: Path) -> None:
    claims = check(DATA).records["claims"]
    assert claims
    for claim_id, claim in claims.items():
        page = article_html(real_site, f"claims/{claim_id}/index.html")
        anchor = "status-" + claim.status.replace(" ", "-")  # type: ignore[attr-defined]
        assert f'<a href="../../methodology/#{anchor}">What the statuses mean</a>' in page, claim_id
        meaning = html.escape(STATUS_MEANINGS[claim.status].plain, quote=False)  # type: ignore[attr-defined]
        assert f"<strong>{claim.status.capitalize()}:</strong> {meaning}." in page, claim_id  # type: ignore[attr-defined]


# --- statements ----------------------------------------------------------------------------------
def test_statement_headings_say_who_spoke_when_and_on_what_and_the_quote_follows_whole(real_site: Path) -> None:
    dossier = check(DATA)
    index = DossierIndex(dossier)
    for statement_id, statement in dossier.records["statements"].items():
        page = real_site / "statements" / statement_id / "index.html"
        h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page.read_text(encoding="utf-8"), re.S).group(1)  # type: ignore[union-attr]
        speaker = index.get("actors", statement.speaker).name  # type: ignore[attr-defined]
        words = " ".join(statement.text.split())  # type: ignore[attr-defined]
        shown = f"“{words}”" if statement.form == "quote" else words  # type: ignore[attr-defined]
        # Who, when and on what; then, on its own line, the words whole.
        assert h1 == f'{html.escape(heading_of(index, statement), quote=False)} <span class="dossier-words">{html.escape(shown, quote=False)}</span>'
        assert heading_of(index, statement).startswith(f"{speaker}, ") and "…" not in heading_of(index, statement), statement_id
        form = "Quote:" if statement.form == "quote" else "Paraphrase"  # type: ignore[attr-defined]
        assert form in visible_text(page), statement_id


def test_a_statement_heading_uses_its_subject_or_the_actors_it_is_about(mini: Path) -> None:
    (mini / "statements" / "lopez-opens-2027.yml").write_text(
        (mini / "statements" / "lopez-opens-2027.yml").read_text(encoding="utf-8") + "subject: on the opening date\n", encoding="utf-8")
    dossier = check(mini)
    assert [str(error) for error in dossier.errors] == []
    index = DossierIndex(dossier)
    statements = dossier.records["statements"]
    assert heading_of(index, statements["lopez-opens-2027"]) == "Ana López, 5 January 2026: on the opening date"
    assert heading_of(index, statements["okafor-paraphrase"]) == "Ben Okafor, date not stated"


@pytest.mark.parametrize(("text", "cut"), [
    ("When we were in trouble, we were left to our own fate. No one protected us", "When we were in trouble, we were left to our own fate…"),
    ("Short enough.", "Short enough."),
    ("One two, three; four: five", "One two, three…"),
    ("Supercalifragilisticexpialidocious word", "Supercalifragilisticexpialidocious…"),
    ("Will these be ‘peacekeeping’ operations or not", "Will these be ‘peacekeeping’…"),
])
def test_an_excerpt_is_cut_at_a_word_without_double_punctuation(text: str, cut: str) -> None:
    limits = {text: 56, "One two, three; four: five": 18, "Supercalifragilisticexpialidocious word": 10,
              "Will these be ‘peacekeeping’ operations or not": 30}
    assert excerpt(text, limits.get(text, 56)) == cut


def test_lists_show_each_statement_cut_at_a_word(real_site: Path) -> None:
    """Every statement's link text is its words, whole or cut at a word boundary with one ellipsis; no page
    shows punctuation doubled before an ellipsis ("fate.…")."""
    for statement in check(DATA).records["statements"].values():
        shown = title_of(statement).removeprefix("(paraphrase) ").strip("“”")
        words = " ".join(statement.text.split())  # type: ignore[attr-defined]
        if shown.endswith("…"):
            kept = shown.removesuffix("…")
            assert words.startswith(kept) and words[len(kept)] in " .,;:!?—–-", statement.id
        else:
            assert shown == words, statement.id
    doubled = [(relative, match) for relative in html_pages(real_site)
               for match in re.findall(r"\S*[.,;:!?]…\S*", visible_text(real_site / relative))]
    assert doubled == []


# --- diagrams ------------------------------------------------------------------------------------
_NODE = re.compile(r'^\s+(a\d+)\["', re.M)
_EDGE = re.compile(r"^\s+(a\d+) (?:<-->|-->)\|\"[^\"]*\"\| (a\d+)$", re.M)


def diagram_problems(site: Path) -> list[str]:
    """Every diagram of a built site with more than MAX_NODES actors, two edges between one pair, or too
    little to say (fewer than three actors or a single edge)."""
    problems = []
    for relative in html_pages(site):
        for code in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', (site / relative).read_text(encoding="utf-8"), re.S):
            chart = html.unescape(code)
            nodes, edges = _NODE.findall(chart), _EDGE.findall(chart)
            pairs = [frozenset(edge) for edge in edges]
            if len(nodes) > MAX_NODES:
                problems.append(f"{relative}: {len(nodes)} actors")
            if len(pairs) != len(set(pairs)):
                problems.append(f"{relative}: two edges between one pair")
            if len(nodes) < 3 or len(edges) < 2:
                problems.append(f"{relative}: {len(nodes)} actors, {len(edges)} edges")
    return problems


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic dossier of 600 statements (benchmarks/synthetic.py): profiles of about fifty statements."""
    from benchmarks.synthetic import main as write_synthetic

    base = tmp_path_factory.mktemp("synthetic")
    assert write_synthetic([str(base / "data"), "--statements", "600"]) == 0
    return build(base / "data", base / "site")


@pytest.mark.parametrize("site_fixture", [*SITES, "synthetic_site"])
def test_no_diagram_has_more_than_15_actors_or_two_edges_between_one_pair(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert diagram_problems(site) == []


def test_the_diagram_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    nodes = "\n".join(f'  a{n}["Actor {n}"]' for n in range(16))
    (tmp_path / "index.html").write_text(
        f'<pre class="mermaid"><code>graph LR\n{nodes}\n  a0 --&gt;|"1 statement about"| a1\n'
        f'  a1 --&gt;|"member of"| a0</code></pre>', encoding="utf-8")
    assert diagram_problems(tmp_path) == ["index.html: 16 actors", "index.html: two edges between one pair"]


def test_a_diagram_sums_each_pair_and_keeps_the_most_connected() -> None:
    star = [Relation("centre", "spoke about", f"actor-{n:02}", count=30 - n) for n in range(30)]
    back = [Relation("actor-00", "member of", "centre"), Relation("centre", "claimed about", "actor-00", count=2)]
    drawn = diagram([*star, *back], keep="centre")
    assert drawn is not None
    assert drawn.nodes[0] == "centre" and len(drawn.nodes) == MAX_NODES and drawn.left_out == 31 - MAX_NODES
    assert "actor-29" not in drawn.nodes and "actor-00" in drawn.nodes
    [edge] = [edge for edge in drawn.edges if "actor-00" in (edge.source, edge.target)]
    assert (edge.source, edge.target, edge.both_ways) == ("centre", "actor-00", True)
    assert edge.label == "30 statements about, 2 claims about; back: member of"
    # Two actors, or one edge, say nothing the list does not.
    assert diagram([Relation("a", "spoke about", "b")]) is None
    assert diagram([Relation("a", "spoke about", "b"), Relation("b", "member of", "a")]) is None


# --- numbers and dates -------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "unit", "qualifier", "shown"), [
    (7_000_000_000, "USD", "exact", "$7 billion"),
    (25_000_000_000.0, "AZN", "more than", "more than ₼25 billion"),
    (1_200_000, "people", "exact", "1.2 million people"),
    (1_234_567, "people", "about", "about 1,234,567 people"),  # not "1.23 million": reading never rounds
    (0.004, "percent", "exact", "0.004%"),
    (820_000_000, "EUR", "exact", "€820 million"),
    (7, "billion CHF", "exact", "7 billion CHF"),
    (3_500_000_000, "XYZ", "exact", "3.5 billion XYZ"),
])
def test_amounts_read_as_reporters_write_them(value: float, unit: str, qualifier: str, shown: str) -> None:
    assert quantity_text(value, unit, qualifier) == shown


def test_exact_numbers_keep_every_significant_digit() -> None:
    assert [format_number(v) for v in (0.004, 7e9, 1234.5, 1e-7, 12)] == ["0.004", "7,000,000,000", "1,234.5", "0.0000001", "12"]
    assert readable_number(0.004) == "0.004"


def test_the_figures_table_reads_amounts_and_gives_the_exact_value_on_hover(real_site: Path) -> None:
    page = article_html(real_site, "figures/index.html")
    assert "0 %" not in page
    for figure in check(DATA).records["figures"].values():
        shown = html.escape(quantity_text(figure.value, figure.unit, figure.qualifier), quote=False)  # type: ignore[attr-defined]
        exact = html.escape(exact_quantity_text(figure.value, figure.unit, figure.qualifier))  # type: ignore[attr-defined]
        # As it is read ("$7 billion"), with the exact value ("7,000,000,000 USD") on hover where it differs.
        assert (f'<span title="{exact}">{shown}</span>' if shown != exact else shown) in page, figure.id
        assert f"{exact}</td>" not in page or shown == exact, figure.id


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
        assert re.search(rf'{re.escape(actor.name)}</a></td>\n<td data-label="Role">[^<]*</td>\n'
                         rf'<td data-label="Statements by" data-sort="0">0</td>\n<td data-label="Statements about" data-sort="{about}">{about}</td>',
                         listing), actor.id
        profile = visible_text(real_site / "actors" / actor.id / "index.html")
        assert f"Statements: 0 by, {about} about" in profile, actor.id
        assert actor.kind.capitalize() in profile


def test_a_long_profile_folds_its_statements_into_dated_groups(synthetic_site: Path) -> None:
    pages = sorted((synthetic_site / "actors").glob("*/index.html"), key=lambda page: -page.read_text(encoding="utf-8").count("<li>"))
    page = pages[0].read_text(encoding="utf-8")
    said = re.search(r'<h2[^>]*id="statements-by-[^"]*"[^>]*>Statements by .*? \((\d+)\)', page)
    assert said and int(said.group(1)) > 15
    section = page[said.end() : page.index("<h2", said.end())]
    groups = re.findall(r"<summary>(\d{4}|\w+ \d{4}|Date not stated): (\d+) statements?</summary>", section)
    assert 1 < len(groups) <= 12 and sum(int(count) for _, count in groups) == int(said.group(1))
