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

from macros.records.check import check
from macros.records.index import DossierIndex
from macros.records.schema import STATUS_MEANINGS, ClaimStatus
from macros.site.graph import MAX_NODES, Relation, diagram
from macros.site.lists import excerpt
from macros.site.numbers import format_number, quantity_text, readable_number
from macros.site.tooltips import KEPT_AS
from macros.site.words import heading_of
from tests.conftest import build
from tests.engine.test_hostile import read_page
from tests.real_clients import html_pages

SITES = ["mini_site"]


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
    badges, wrong = badge_problems(request.getfixturevalue(site_fixture))
    assert badges > 10
    assert wrong == []


STATUS_MEANINGS_BY_CLASS = {"status-" + status.replace(" ", "-"): status for status in STATUS_MEANINGS}


def badge_problems(site: Path) -> tuple[int, list[str]]:
    """(status badges on the site, what is wrong with them: a badge not linking its definition on the
    Methodology page, or not titled with its plain meaning)."""
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
            # Past a page's first titles, the title waits in data-dossier-title for the reader's pointer or
            # focus (dossier.js): Material's tooltips on every title blocked a phone for seconds.
            title = attributes.get("title", attributes.get(KEPT_AS))
            if title != f"{status}: {STATUS_MEANINGS[status].plain}":
                wrong.append(f"{relative}: {status} titled {title!r}")
    return badges, wrong


def test_the_guide_lists_the_statuses_from_the_same_definitions(mini_site: Path) -> None:
    guide = html.unescape(re.sub(r"<[^>]+>", "", article_html(mini_site, "guide/index.html")))
    for meaning in STATUS_MEANINGS.values():
        assert meaning.use_when in guide


# --- statements ----------------------------------------------------------------------------------
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


# --- diagrams ------------------------------------------------------------------------------------
_NODE = re.compile(r'^\s+(a\d+)\["', re.M)
_EDGE = re.compile(r"^\s+(a\d+) (?:<-->|-->)\|\"[^\"]*\"\| (a\d+)$", re.M)


def diagram_problems(site: Path) -> list[str]:
    """Every diagram of a built site with more than MAX_NODES actors, two edges between one pair, or too
    little to say (fewer than three actors or a single edge)."""
    problems = []
    for relative in html_pages(site):
        page_html = (site / relative).read_text(encoding="utf-8")
        for code in re.findall(r'<pre class="dossier-diagram-source" data-search-exclude><code>(.*?)</code></pre>', page_html, re.S):
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
        f'<pre class="dossier-diagram-source" data-search-exclude><code>graph LR\n{nodes}\n  a0 --&gt;|"1 statement about"| a1\n'
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


# --- actors ------------------------------------------------------------------------------------
def test_a_long_profile_folds_its_statements_into_dated_groups(synthetic_site: Path) -> None:
    pages = sorted((synthetic_site / "actors").glob("*/index.html"), key=lambda page: -page.read_text(encoding="utf-8").count("<li>"))
    page = pages[0].read_text(encoding="utf-8")
    said = re.search(r'<h2[^>]*id="statements-by-[^"]*"[^>]*>Statements by .*? \((\d+)\)', page)
    assert said and int(said.group(1)) > 15
    section = page[said.end() : page.index("<h2", said.end())]
    groups = re.findall(r"<summary>(\d{4}|\w+ \d{4}|Date not stated): (\d+) statements?</summary>", section)
    assert 1 < len(groups) <= 12 and sum(int(count) for _, count in groups) == int(said.group(1))
