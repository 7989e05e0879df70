"""The dossier in data/ in a real browser (Debian's Chromium through Playwright): search finds its actors by
alias and its quotes by a phrase, every claim page shows status and evidence, and no page loads anything from
another host (the engine's side: tests/engine/test_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.records.check import check
from macros.records.schema import Actor, Claim, Statement
from tests.conftest import records_of
from tests.dossier_data import DATA
from tests.engine import test_browser as engine_browser
from tests.engine.test_browser import Offline, assert_claim_page_readable, external_loads, location, search

pytestmark = pytest.mark.browser
offline = engine_browser.offline  # the engine tests' fixture: a page whose requests to other hosts are blocked


def words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) > 1 and word not in ("of", "the", "in", "and")}


def distinctive_aliases() -> list[tuple[str, str]]:
    """(actor id, alias) for every alias in data/ that shares no word with another actor's names: the
    ones a reader can expect to lead to one actor. ("Republic of Azerbaijan" also matches "Republic of
    the Congo", and search rightly ranks the Congo records on "republic" too.)"""
    actors = records_of(check(DATA), Actor).values()
    pairs = []
    for actor in actors:
        names = (" ".join([a.name, *a.aliases]) for a in actors if a.id != actor.id)
        others = set().union(*(words(name) for name in names))
        pairs += [(actor.id, alias) for alias in actor.aliases if not words(alias) & others]
    return sorted(pairs)


def quote_fragment() -> tuple[str, str, int]:
    """(statement id, six consecutive words of the longest quote in data/ that no other statement or claim has:
    a claim may repeat a quote's words, and then rightly ranks with it)."""
    dossier = check(DATA)
    statements = sorted(records_of(dossier, Statement).values(), key=lambda s: s.id)
    quote = max((s for s in statements if s.form == "quote"), key=lambda s: len(s.text))
    others = [words(s.text) for s in statements if s.id != quote.id]
    others += [words(c.text) for c in records_of(dossier, Claim).values()]
    found = re.findall(r"[\w’']+", quote.text)
    windows = [found[i : i + 6] for i in range(len(found) - 5)]
    # The window whose words are shared with the fewest other statements: a reader's memorable phrase.
    def shared(window: list[str]) -> int:
        return sum(1 for other in others if words(" ".join(window)) <= other)

    best = min(windows, key=lambda w: (shared(w), -len(words(" ".join(w)))))
    return quote.id, " ".join(best), shared(best)


def test_the_real_dossier_finds_actors_by_alias(offline: Offline, real_url: str) -> None:
    pairs = distinctive_aliases()
    if not pairs:
        pytest.skip("no actor of this dossier has an alias of its own to search for")
    not_found = []
    for actor_id, alias in pairs:
        offline.page.goto(real_url)
        shown = [location(url, real_url) for url in search(offline.page, alias)]
        if f"actors/{actor_id}/" not in shown:
            not_found.append(f"{alias!r} → {shown}")
    assert not_found == []


def test_the_real_dossier_finds_a_quote_by_fragment(offline: Offline, real_url: str) -> None:
    statement_id, fragment, shared = quote_fragment()
    if shared:
        pytest.skip("every phrase of this dossier's longest quote is in another record too, which rightly ranks with it")
    offline.page.goto(real_url)
    # Among the first three: a claim built from the same words may rank with it (claims are boosted).
    assert f"statements/{statement_id}/" in [location(url, real_url) for url in search(offline.page, fragment)[:3]], fragment


def test_every_claim_of_the_real_dossier_shows_status_and_evidence(offline: Offline, real_url: str) -> None:
    claims = sorted(check(DATA).records["claims"])
    assert claims
    for claim_id in claims:
        offline.page.goto(real_url + f"claims/{claim_id}/")
        assert_claim_page_readable(offline.page)
    assert offline.errors == []


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_no_html_or_css_loads_from_another_host(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert external_loads(site) == []
