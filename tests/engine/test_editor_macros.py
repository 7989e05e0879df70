"""Records inside an editor's own page (macros/site/embeds.py): a memo in docs/ quotes a statement, shows a figure,
a claim with its badge and cites a source; each is linked and escaped, and a reference to no record stops
the strict build with the page's file and line."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, build, write

MEMO = """\
# Weekly memo

The mayor said:

{{ quote("statements/lopez-opens-2027") }}

{{ quote("statements/okafor-paraphrase") }}

The cost is {{ figure("figures/bridge-cost") }}. The key claim: {{ claim("claims/bridge-opens-in-2027") }}.
See {{ cite("sources/ledger-bridge-report") }}.
"""


def _docs_with(tmp_path: Path, memo: str) -> Path:
    """A copy of the project's docs/ with the memo page, as an analyst would add it."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "memo.md").write_text(memo, encoding="utf-8")
    return docs


def _build_with_memo(tmp_path: Path, memo: str, data_dir: Path = MINI) -> Path:
    from mkdocs.config import load_config

    nav = [*load_config(str(ROOT / "mkdocs.yml"))["nav"], {"Memo": "memo.md"}]  # an editor's page goes in the nav
    return build(data_dir, tmp_path / "site", docs_dir=str(_docs_with(tmp_path, memo)), nav=nav)


def _article(site: Path) -> str:
    html = (site / "memo" / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_a_memo_shows_each_record_linked(tmp_path: Path) -> None:
    article = _article(_build_with_memo(tmp_path, MEMO))
    speaker = '<a href="../actors/ana-lopez/" title="Person · Mayor of Riverton">Ana López</a>'
    ledger = ('<a href="../sources/ledger-bridge-report/" title="News report · The Daily Ledger · Jo Writer · 6 January 2026">'
              "Bridge plan announced</a>")
    blog = '<a href="../sources/blog-post/" title="Opinion piece. Not stated in the source: outlet, author, date">[Untitled opinion piece]</a>'
    assert ('<blockquote class="dossier-embedded-quote">\n<p>“The bridge will open in 2027, on time and on budget.”</p>\n'
            f"<p>— {speaker}, 5 January 2026. Printed in {ledger}, {blog}. "
            '<a href="../statements/lopez-opens-2027/" title="Quote by Ana López, 5 January 2026">The statement</a>.</p>\n'
            "</blockquote>") in article
    # Reported speech is never shown in quotation marks.
    assert ('<blockquote class="dossier-embedded-quote">\n'
            "<p><em>Paraphrase, as reported:</em> The engineer said the schedule left no margin.</p>") in article
    assert "“The engineer said" not in article
    assert ('<strong>about $120 million</strong> (<a href="../figures/#figures-bridge-cost" title="about $120 million">Bridge budget</a>; '
            f"source: {ledger})") in article
    assert ('<a class="dossier-status status-disputed" href="../methodology/#status-disputed" '
            'title="disputed: credible sources contradict each other and none of them settles it">disputed</a> '
            '<a href="../claims/bridge-opens-in-2027/" title="Status: disputed. Claimed by Ana López, first made 5 January 2026">'
            f"The Riverton bridge will open in 2027.</a> (claimed by {speaker}, first made 5 January 2026)") in article
    assert f"See {ledger} (News report · The Daily Ledger · Jo Writer · 6 January 2026)." in article


def test_record_text_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    write(data, "statements/hostile.yml", """
        speaker: ana-lopez
        date: 2026-01-05
        form: quote
        text: "<script>alert(1)</script> *not emphasis* {{ not_jinja }} [not](a-link)"
        reported_in:
          - source: ledger-bridge-report
    """)
    article = _article(_build_with_memo(tmp_path, '{{ quote("statements/hostile") }}\n', data))
    assert ("<p>“&lt;script&gt;alert(1)&lt;/script&gt; *not emphasis* {{ not_jinja }} [not](a-link)”</p>") in article
    assert "<script>alert" not in article and "<em>not emphasis" not in article


@pytest.mark.parametrize(("call", "message"), [
    ('{{ quote("statements/lopez-open-2027") }}',
     "quote: no statement 'lopez-open-2027' (did you mean \"statements/lopez-opens-2027\"?)"),
    ('{{ claim("claims/no-such-claim-at-all") }}', "claim: no claim 'no-such-claim-at-all' (no file data/claims/no-such-claim-at-all.yml)"),
    ('{{ quote("claims/bridge-opens-in-2027") }}',
     "quote: 'claims/bridge-opens-in-2027' is not one of the statements (quote() shows statements: write \"statements/<id>\")"),
    ('{{ cite("ledger-bridge-report") }}', "cite: 'ledger-bridge-report' is not a reference (write it as \"sources/<id>\")"),
])
def test_a_reference_to_no_record_fails_the_build_with_the_page_and_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, call: str, message: str) -> None:
    memo = f"# Memo\n\nFirst paragraph.\n\nAs said: {call}\n"
    with caplog.at_level(logging.WARNING), pytest.raises(SystemExit):
        _build_with_memo(tmp_path, memo)
    page = (tmp_path / "docs" / "memo.md").resolve()
    assert f"{page}:5: {message}" in caplog.text


def test_a_reference_built_by_an_expression_fails_the_build_with_one_line_and_no_traceback(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The check before rendering cannot read a reference a Jinja expression builds: the macro finds it, and
    the build fails with the data errors' one line (the file named, no line to give), not mkdocs-macros'
    traceback."""
    from mkdocs.exceptions import Abort

    memo = '# Memo\n\n{% set wanted = "statements/" ~ "no-such-statement" %}\nAs said: {{ quote(wanted) }}\n'
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _build_with_memo(tmp_path, memo)
    page = (tmp_path / "docs" / "memo.md").resolve()
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR][-1].splitlines() == [
        "the dossier data has errors:",
        f"{page}: quote: no statement 'no-such-statement' (no file data/statements/no-such-statement.yml)",
        "1 error in 1 file: fix them and build again.",
    ]
    assert "Traceback" not in caplog.text


def test_the_line_counts_the_front_matter_and_finds_the_call_it_names() -> None:
    from macros.site.embeds import CallingPage

    page = CallingPage("docs/memo.md", '---\ntitle: Memo\n---\n\nquote("statements/a") here\n\n{{ quote("statements/b") }}\n')
    assert page.line_of("quote", "statements/b") == 7
    assert page.line_of("quote", "statements/a") == 5
    assert page.line_of("claim", "statements/b") is None
