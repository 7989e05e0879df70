"""The published site's search on the dossier, in Chromium at desktop and phone widths (Pagefind;
tests/engine/test_search_browser.py for how it works): each actor is found first by the spellings editors
recorded for search only, and by its name typed without accents; an amount typed with its currency sign
keeps its number; part of a Chinese or Japanese name and an Arabic name without its prefixes find the actor;
the question the issue asked finds the claim and the brief that answer it."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from macros.site.search_forms import CJK_RUN, arabic_stem
from tests.dossier_data import DATA, records
from tests.engine.test_browser import location
from tests.engine.test_search_browser import Reader, search_for, suggestion

if TYPE_CHECKING:
    pass

pytestmark = pytest.mark.browser


def unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def actor_queries() -> list[tuple[str, str]]:
    """(query, actor id): each search-only spelling, and each name with letters that carry accents."""
    queries = []
    for actor_id, fields in records("actors").items():
        queries += [(str(variant), actor_id) for variant in fields.get("search_variants") or []]
        name = str(fields["name"])
        if unaccented(name) != name and unaccented(name).isascii():
            queries.append((unaccented(name).lower(), actor_id))
    return queries


def test_an_actor_is_found_first_by_its_search_only_spellings_and_its_unaccented_name(reader: Reader, real_url: str) -> None:
    queries = actor_queries()
    if not queries:
        pytest.skip("no actor has a search-only spelling or an accented name")
    missed = []
    for query, actor_id in queries:
        reader.page.goto(real_url, wait_until="networkidle")
        results = search_for(reader.page, query)
        if not results or location(results[0], real_url) != f"actors/{actor_id}/":
            missed.append(f"{query!r}: {[location(url, real_url) for url in results[:3]]}")
    assert missed == []


def test_search_only_spellings_are_not_shown(real_site: Path) -> None:
    for actor_id, fields in records("actors").items():
        html = (real_site / "actors" / actor_id / "index.html").read_text(encoding="utf-8")
        for variant in fields.get("search_variants") or []:
            assert html.count(str(variant)) == html.count(f'data-variants="{variant}'), (actor_id, variant)


def results_for(reader: Reader, base: str, query: str) -> list[str]:
    reader.page.goto(base, wait_until="networkidle")
    return [location(url, base) for url in search_for(reader.page, query)]


# --- names in other scripts --------------------------------------------------------------------------
def name_part_queries() -> list[tuple[str, str]]:
    """(query, actor id): a Chinese or Japanese name without its first character; an Arabic name's words
    without their prefixes (الساحل: ساحل)."""
    queries = []
    for actor_id, fields in records("actors").items():
        name = str(fields["name"])
        queries += [(run[1:], actor_id) for run in CJK_RUN.findall(name) if len(run) > 2]
        bare = [stem for word in name.split() if (stem := arabic_stem(word)) != word]
        if bare:
            queries.append((" ".join(bare), actor_id))
    return queries


def test_part_of_a_name_in_another_script_finds_the_actor(reader: Reader, real_url: str) -> None:
    queries = name_part_queries()
    if not queries:
        pytest.skip("no actor of this dossier has a Chinese, Japanese or Arabic name")
    missed = [f"{query!r}: {found[:3]}" for query, actor_id in queries
              if (found := results_for(reader, real_url, query))[:3].count(f"actors/{actor_id}/") == 0]
    assert missed == []


# --- amounts -----------------------------------------------------------------------------------------
SIGN_AMOUNT = re.compile(r"[$€£¥₼₽₺₪₹₴₩₦₱₸₾]\d[\d.,]*(?: (?:thousand|million|billion|trillion))?")
VALUE_CELL = re.compile(r'<td data-label="Value"[^>]*>([^<]*)')


ROW = re.compile(r'<span id="(figures-[^"]+)"></span>.*?<td data-label="Value"[^>]*>([^<]*)', re.S)


def amounts(real_site: Path) -> list[str]:
    """Each amount with a currency sign as the figures list shows it ("₼25 billion"), once."""
    page = (real_site / "figures" / "index.html").read_text(encoding="utf-8")
    shown = [html.unescape(cell) for cell in VALUE_CELL.findall(page)]
    return list(dict.fromkeys(match.group(0) for cell in shown for match in SIGN_AMOUNT.finditer(cell)))


def figure_values(real_site: Path) -> dict[str, str]:
    """The figures list's row anchors and the value each row shows."""
    page = (real_site / "figures" / "index.html").read_text(encoding="utf-8")
    return {anchor: html.unescape(value) for anchor, value in ROW.findall(page)}


def test_an_amount_with_its_currency_sign_keeps_its_number(reader: Reader, real_site: Path, real_url: str) -> None:
    """Typed with its sign, an amount finds what its number and unit find, the figures list among them, and
    the first result shows the number marked."""
    typed = amounts(real_site)
    if not typed:
        pytest.skip("no figure of this dossier is an amount with a currency sign")
    values = figure_values(real_site)
    for amount in typed:
        with_sign = results_for(reader, real_url, amount)
        # The figures list's result links to the row of a figure of that amount.
        links = reader.page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
        row = next(link for link in links if location(link, real_url) == "figures/").split("#")[1]
        assert amount in values[row], (amount, row)
        marked = reader.page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()
        number = re.sub(r"^\D+", "", amount.split()[0])
        assert any(number in mark for mark in marked), (amount, marked)
        assert "figures/" in with_sign, amount
        assert with_sign[:5] == results_for(reader, real_url, amount[1:])[:5], amount


# The issue's examples, on the dossier they were found on: (query, first result, also in the first three).
ISSUE_QUERIES = [
    ("₼25 billion", "figures/", None),
    ("did Azerbaijan agree to send troops", "claims/azerbaijan-agreed-to-send-troops-to-gaza/", "topics/azerbaijan-gaza-stabilization-force/"),
]


@pytest.mark.parametrize(("query", "first", "near"), ISSUE_QUERIES)
def test_the_issues_queries_find_their_answer_first(reader: Reader, real_site: Path, real_url: str, query: str, first: str,
                                                   near: str | None) -> None:
    wanted = [page for page in (first, near) if page]
    if not all((DATA / page.rstrip("/")).with_suffix(".yml").is_file() for page in wanted if page != "figures/"):
        pytest.skip("the issue's records are not in this dossier")
    if first == "figures/" and query not in amounts(real_site):
        pytest.skip("no figure of this dossier is the issue's amount")
    results = results_for(reader, real_url, query)
    assert results[0] == first
    if near:
        assert near in results[:3]
    kind, *status = reader.page.locator(".md-search-result__item").first.locator("h1 .dossier-kind, .dossier-search-status").all_text_contents()
    if first.startswith("claims/"):  # a claim's result shows its status
        claim = records("claims")[first.split("/")[1]]
        assert (kind, status) == ("Claim", [f"Status: {claim['status']}"])
    if first == "figures/":  # the list of figures is a list, not one figure
        assert kind == "List"


# --- a word misspelt --------------------------------------------------------------------------------
def test_a_headings_word_misspelt_is_offered(reader: Reader, real_site: Path, real_url: str) -> None:
    """The dossier's most frequent long word of its headings (dossier-words.json), its second and third letters
    swapped: on no page, it offers a word (or a name) a letter or two off, which finds pages once chosen."""
    words = json.loads((real_site / "pagefind" / "dossier-words.json").read_text(encoding="utf-8"))["words"]
    listed = {word.casefold() for word in words}
    typos = [typo for word in words if len(word) >= 7 and (typo := word[0] + word[2] + word[1] + word[3:]).casefold() not in listed]
    if not typos:
        pytest.skip("no word of seven letters or more in the records' headings")
    reader.page.goto(real_url, wait_until="networkidle")
    assert search_for(reader.page, typos[0]) == []
    offered = suggestion(reader.page)
    assert len(offered) == 1 and offered[0].startswith("Did you mean"), (typos[0], offered)
    reader.page.locator(".dossier-search-suggest button").click()
    reader.page.wait_for_function("() => { const box = document.querySelector('.md-search'); return box.dataset.answered === "
                                  "document.querySelector('input.md-search__input').value; }")
    assert reader.page.eval_on_selector_all(".md-search-result__item > a", "links => links.length") > 0
