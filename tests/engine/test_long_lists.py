"""A record listed by hundreds of others still has a page a reader can use: no list or table on a record
page shows more than LONG_LIST entries before a fold, and dated lists group by month, or by day when
they all fall in one month."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks.copies import generate as copies_of
from macros.site.lists import LONG_LIST, by_month, folded_list
from tests.conftest import MINI, build


def test_a_short_list_is_one_list() -> None:
    entries = [f"entry {n}" for n in range(LONG_LIST)]
    assert folded_list(entries) == "<ul data-search-exclude>\n" + "\n".join(f"<li>{e}</li>" for e in entries) + "\n</ul>"


def test_a_long_list_folds_what_follows_its_first_entries() -> None:
    entries = [f"entry {n}" for n in range(LONG_LIST + 1200)]
    shown = "\n".join(f"<li>entry {n}</li>" for n in range(LONG_LIST))
    folded = "\n".join(f"<li>entry {n}</li>" for n in range(LONG_LIST, LONG_LIST + 1200))
    assert folded_list(entries) == (f'<div data-search-exclude>\n<ul>\n{shown}\n</ul>\n<details class="dossier-more">\n'
                                     f"<summary>1,200 more</summary>\n<ul>\n{folded}\n</ul>\n</details>\n</div>")


def dated(*dates: str) -> list[Any]:
    return [SimpleNamespace(date=date) for date in dates]


def test_records_of_several_months_group_by_month() -> None:
    groups = by_month(dated("2026-01-05", "2026-01-06", "2026-02-01", "not stated"))
    assert [(heading, len(group)) for heading, group in groups] == [("January 2026", 2), ("February 2026", 1), ("Date not stated", 1)]


def test_records_of_one_month_group_by_day() -> None:
    groups = by_month(dated("2026-01-05", "2026-01-05", "2026-01-19", "2026-01"))
    assert [(heading, len(group)) for heading, group in groups] == [("5 January 2026", 2), ("19 January 2026", 1), ("January 2026", 1)]


class _UnfoldedEntries(HTMLParser):
    """Per list or table in the article: (what it is, its entries shown before any fold). A brief's
    references (the footnotes) are not counted: they are the brief's sources, read and printed whole."""

    def __init__(self) -> None:
        super().__init__()
        self.in_article = self.folded = 0
        self.open: list[list[Any]] = []  # [tag, entries] of the lists and tables being read
        self.counts: list[tuple[str, int]] = []
        self.divs: list[bool] = []  # per open <div>: is it the footnotes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div":
            footnotes = "footnote" in (dict(attrs).get("class") or "").split()
            self.divs.append(footnotes)
            self.folded += footnotes
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag == "details":
            self.folded += 1
        elif self.in_article and not self.folded and tag in ("ul", "ol", "tbody"):
            self.open.append([tag, 0])
        elif self.open and tag in ("li", "tr") and not self.folded:
            self.open[-1][1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.divs:
            self.folded -= self.divs.pop()
        if tag == "article":
            self.in_article -= 1
        elif self.in_article and tag == "details":
            self.folded -= 1
        elif self.open and tag == self.open[-1][0] and not self.folded:
            self.counts.append((self.open[-1][0], self.open.pop()[1]))


def unfolded_entries(page: Path) -> list[tuple[str, int]]:
    parser = _UnfoldedEntries()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.counts


@pytest.fixture(scope="module")
def copied_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini dossier's statements, claims, figures and events copied 30 times over (benchmarks.copies):
    its two speakers each have dozens of statements, on the same few days."""
    data = tmp_path_factory.mktemp("copies") / "data"
    copies_of(data, 30 * len(list((MINI / "statements").glob("*.yml"))), MINI)
    return build(data, tmp_path_factory.mktemp("copies-site"))


def test_no_record_page_shows_more_than_a_long_lists_entries_before_a_fold(copied_site: Path) -> None:
    record_pages = [page for page in copied_site.glob("*/*/index.html") if page.parent.parent.name not in ("search", "assets")]
    longest = {page.relative_to(copied_site).as_posix(): max((n for _, n in unfolded_entries(page)), default=0) for page in record_pages}
    assert max(longest.values()) == LONG_LIST  # the copies make lists long enough to fold…
    assert all(n <= LONG_LIST for n in longest.values()), {page: n for page, n in longest.items() if n > LONG_LIST}


def test_the_check_counts_what_it_looks_for(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<ul><li>nav</li></ul><article><ul><li>a</li><li>b</li></ul><details><ul><li>c</li></ul></details>"
                    "<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></tbody></table>"
                    '<div class="footnote"><ol><li>ref</li></ol></div><div><ol><li>x</li></ol></div></article>')
    assert unfolded_entries(page) == [("ul", 2), ("tbody", 3), ("ol", 1)]


def test_every_entry_of_a_long_list_is_on_the_page(copied_site: Path) -> None:
    speaker = max((copied_site / "actors").glob("*/index.html"), key=lambda page: page.read_text(encoding="utf-8").count("<li>"))
    page = speaker.read_text(encoding="utf-8")
    heading = page.index('id="statements-by-')
    said = int(page[heading:].split("(", 1)[1].split(")", 1)[0])
    section = page[heading : page.index("<h2", heading + 1)]
    assert said > LONG_LIST
    assert section.count("<li>") == said  # shown or folded, none is left out
