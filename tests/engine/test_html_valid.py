"""Valid HTML: the Nu HTML Checker (npm vnu-jar, run with Java) over every page of the built sites.

Zero errors, except the few messages about markup Material itself writes, each accepted in
tests/vnu-filter.txt with the reason. An entry that no longer matches anything fails the suite, so the
filter stays minimal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.real_clients import load_vnu_filter, run_vnu, split_accepted


def unaccepted_messages(site: Path) -> tuple[list[str], int]:
    """(the Nu HTML Checker's messages on `site` that tests/vnu-filter.txt does not accept, pages checked)."""
    messages, pages = run_vnu(site)
    unaccepted, _ = split_accepted(messages, load_vnu_filter())
    return [str(message) for message in unaccepted], pages


@pytest.mark.parametrize("site_fixture", ["mini_site", "hostile_site"])
def test_every_page_is_valid_html(request: pytest.FixtureRequest, site_fixture: str) -> None:
    unaccepted, pages = unaccepted_messages(request.getfixturevalue(site_fixture))
    assert pages >= 20
    assert unaccepted == []


def test_every_filter_entry_is_needed_and_explained(mini_site: Path) -> None:
    entries = load_vnu_filter()
    assert all(entry.why for entry in entries)
    messages, _ = run_vnu(mini_site)
    _, used = split_accepted(messages, entries)
    assert [pattern for pattern, count in used.items() if count == 0] == []


def test_the_checker_reports_what_is_invalid(tmp_path: Path) -> None:
    """The tool really runs and really fails bad markup: a stray end tag and a duplicate id."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two</span></body></html>', encoding="utf-8")
    messages, pages = run_vnu(tmp_path)
    unaccepted, _ = split_accepted(messages, load_vnu_filter())
    assert pages == 1
    assert sorted(message.message for message in unaccepted) == ["Duplicate ID “a”.", "Stray end tag “span”."]
