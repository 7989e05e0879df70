"""pa11y (HTML_CodeSniffer and axe-core, WCAG 2 AA) finds no error of the project's own markup on one page of
each kind of the mini dossier. axe alone runs in tests/engine/test_accessibility.py; HTML_CodeSniffer reads other
rules (a form's submit button, a form field's label) and found what axe did not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.real_clients import Pa11yIssue, run_pa11y, serve

pytestmark = pytest.mark.browser

PAGES = ["", "claims/", "topics/riverton-bridge/", "claims/bridge-opens-in-2027/", "statements/lopez-opens-2027/",
         "actors/ben-okafor/", "events/", "figures/", "sources/blog-post/"]


def materials_own(issue: Pa11yIssue) -> str | None:
    """Why an error is Material's, not ours, and accepted; None for any other error."""
    # Material's search form searches as the reader types, and Enter opens the first result: there is no
    # submit to press, and a button doing nothing would mislead. Material's markup (partials/search.html).
    if issue.code.endswith(".H32.2") and 'class="md-search__form"' in issue.context:
        return "Material's search form has no submit button"
    return None


@pytest.mark.parametrize("path", PAGES)
def test_pa11y_finds_no_error_of_ours(mini_url: str, tmp_path: Path, path: str) -> None:
    issues = run_pa11y(mini_url + path, tmp_path)
    ours = [issue for issue in issues if materials_own(issue) is None]
    assert ours == [], "\n".join(map(str, ours))


def test_pa11y_finds_what_it_should(tmp_path: Path) -> None:
    """Negative control: the two runners report a form field without a label and a form without a submit button,
    and the filter accepts neither (it names only Material's search form)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
                                     '<form><input type="text" name="q"></form></main></body></html>', encoding="utf-8")
    with serve(site) as url:
        issues = run_pa11y(url, tmp_path)
    codes = sorted(f"{issue.runner} {issue.code}" for issue in issues)
    assert any(code.startswith("htmlcs ") and code.endswith(".H32.2") for code in codes), codes  # no submit button
    assert any(code.startswith("htmlcs ") and code.endswith(".F68") for code in codes), codes  # a field without a label
    assert "axe label" in codes, codes
    assert all(materials_own(issue) is None for issue in issues)
