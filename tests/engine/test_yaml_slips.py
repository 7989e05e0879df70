"""The YAML slips editors make (issue 25 §4, §5): each is one line naming the line where the editor went
wrong, with a hint that fixes it, never the parser's words. And a `#` after a space in a plain text value,
which YAML reads as a comment and so shortens the text without a word, is an error showing the cut text.

The negative controls: the same values written as the hints say are read whole, and PyYAML alone (the
tool) reads the `#` case as the shortened text, silently."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.records.check import check
from macros.records.load import RecordLoader
from tests.conftest import ROOT, write

HASHTAG = "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Riverton is the #1 bridge town\nreported_in:\n  - source: blog-post\n"


def errors_of(data_dir: Path) -> list[str]:
    return [str(error) for error in check(data_dir).errors]


def test_a_hash_after_a_space_in_a_plain_text_value_is_an_error_showing_the_cut(mini: Path) -> None:
    write(mini, "statements/hashtag.yml", HASHTAG)
    assert errors_of(mini) == [
        "data/statements/hashtag.yml:4: text: the value stops before '#': YAML reads ' #' as the start of a comment, so the value "
        "is 'Riverton is the' and '#1 bridge town' is dropped (put the whole value in quotes: \"Riverton is the #1 bridge town\")"]


def test_without_the_check_yaml_shortens_the_quote_silently() -> None:
    """Negative control: the parser itself reads the value cut short, and says nothing."""
    assert yaml.load(HASHTAG, Loader=RecordLoader)["text"] == "Riverton is the"


def test_a_hash_in_a_list_item_is_caught_too(mini: Path) -> None:
    write(mini, "actors/hashtag.yml", "name: Tag Person\nkind: person\naliases:\n  - The #1 mayor\n")
    assert errors_of(mini) == [
        "data/actors/hashtag.yml:4: aliases[0]: the value stops before '#': YAML reads ' #' as the start of a comment, so the value "
        "is 'The' and '#1 mayor' is dropped (put the whole value in quotes: \"The #1 mayor\")"]


@pytest.mark.parametrize("written", ['"Riverton is the #1 bridge town"', "'Riverton is the #1 bridge town'", "Riverton is the#1 bridge town"])
def test_a_quoted_hash_or_one_without_a_space_before_it_is_text(mini: Path, written: str) -> None:
    write(mini, "statements/hashtag.yml", HASHTAG.replace("Riverton is the #1 bridge town", written))
    assert errors_of(mini) == []


def test_a_comment_after_an_id_stays_a_comment(mini: Path) -> None:
    write(mini, "statements/commented.yml", HASHTAG.replace("speaker: ana-lopez", "speaker: ana-lopez  # to check")
          .replace("text: Riverton is the #1 bridge town", "text: Hi."))
    assert errors_of(mini) == []


UNCLOSED = """\
speaker: ana-lopez
date: not stated
form: quote
text: 'The bridge opens in 2027
reported_in:
  - source: blog-post
    note: the mayor's words
"""


SLIPS = [
    (UNCLOSED,
     "data/statements/slip.yml:4: YAML syntax: the quoted text opened on line 4 is not closed on its line "
     "(end the value with ' on line 4; an apostrophe inside '…' is written twice (''))"),
    ("speaker: ana-lopez\ndate: not stated\nform: quote\ntext: 'The mayor's bridge'\nreported_in:\n  - source: blog-post\n",
     "data/statements/slip.yml:4: YAML syntax: an apostrophe inside '…' ends the quoted text: YAML reads 'The mayor' and cannot "
     "read what follows (write the apostrophe twice ('The mayor''s bridge') or quote with double quotes (\"The mayor's bridge\"))"),
    ("speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Update: the bridge is late\nreported_in:\n  - source: blog-post\n",
     "data/statements/slip.yml:4: YAML syntax: a colon followed by a space inside a value: YAML reads 'Update:' as a field name "
     "(put the value in quotes: text: \"Update: the bridge is late\")"),
    ("speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Hi.\nreported_in:\n  - source: blog-post\n  wording: paraphrase\n",
     "data/statements/slip.yml:7: YAML syntax: this field is indented 2 spaces, which lines it up with nothing on line 6 "
     "(indent it by 4 spaces, as the fields on line 6; a new list item starts with '- ')"),
    ("speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Hi.\nreported_in:\n  - source: blog-post\n - source: ledger-bridge-report\n",
     "data/statements/slip.yml:7: YAML syntax: this list item is indented 1 space, which lines it up with nothing on line 6 "
     "(indent it by 2 spaces, as the list items on line 6)"),
]


@pytest.mark.parametrize(("text", "error"), SLIPS, ids=["unclosed-quote", "apostrophe-in-single-quotes", "colon-in-value",
                                                        "field-under-list-item", "list-item"])
def test_each_slip_is_one_line_at_the_editors_line_with_a_hint(mini: Path, text: str, error: str) -> None:
    write(mini, "statements/slip.yml", text)
    assert errors_of(mini) == [error]


@pytest.mark.parametrize("text", [
    UNCLOSED.replace("'The bridge opens in 2027", "'The bridge opens in 2027'"),
    "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: 'The mayor''s bridge'\nreported_in:\n  - source: blog-post\n",
    "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: \"Update: the bridge is late\"\nreported_in:\n  - source: blog-post\n",
    "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Hi.\nreported_in:\n  - source: blog-post\n    wording: paraphrase\n",
], ids=["closed", "doubled-apostrophe", "quoted-colon", "lined-up"])
def test_the_hints_fixes_are_read_as_meant(mini: Path, text: str) -> None:
    write(mini, "statements/slip.yml", text)
    assert [error for error in errors_of(mini) if "YAML" in error] == []


def test_the_guides_yaml_primer_shows_the_messages_as_check_prints_them(mini: Path) -> None:
    """Each message the guide's primer shows is what `check` prints for the slip the primer describes."""
    guide = (ROOT / "docs/guide.md").read_text(encoding="utf-8")
    primer = guide.partition("## Writing YAML")[2].partition("\n## ")[0]
    shown = [line.strip() for line in primer.splitlines() if line.strip().startswith("data/statements/x.yml:")]
    printed = []
    for text in [HASHTAG, *(text for text, _ in SLIPS)]:
        write(mini, "statements/x.yml", text)
        printed += errors_of(mini)
    assert len(shown) == 5
    assert set(shown) <= set(printed)
