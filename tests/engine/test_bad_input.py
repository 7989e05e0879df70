"""Bad input, by class, beyond tests/engine/test_hostile.py: what a held-out battery got through, and more of each kind.

Part 1 — every error of one file in one run: schema and reference errors of the same record together, and
messages that say what to do (empty enum values, required fields, impossible dates).
Part 2 — one section per class of bad input: file-system oddities, YAML resource limits, ids the engine's
own pages take, numbers, exports, characters, commands given the wrong thing, misleading messages.
Each test asserts the exact message or output; where a tool does the checking (CSV, XML, JSON parsers),
a negative control shows the tool would catch what the engine must prevent.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort

from macros.cli import main
from macros.records import load as load_module
from macros.records.check import check
from macros.records.errors import printable
from macros.records.schema import GENERATED_PAGE_IDS, KINDS, MODELS, Actor, Figure, json_schema
from tests.conftest import MINI, ROOT, build, record_of, write
from tests.engine.test_quotes import quote_printings_with_archive
from tests.fixture_records import fixture_record

MINI_RECORDS = len(list(MINI.glob("*/*.yml")))  # the fixture's record files, counted as it grows (the tests add two)

STATEMENT = "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Hi.\nreported_in:\n  - source: blog-post\n"
SOURCE = "title: T\nkind: opinion\noutlet: not stated\nauthor: not stated\npublished: not stated\n"
FIGURE = "label: Cost\nunit: USD\nsources: [blog-post]\n"
FIGURE_FIELDS = {"label": "Cost", "value": "1", "unit": "USD", "period": "per year", "sources": "[blog-post]"}
KIND_VALUES = "'person', 'state', 'organisation', 'media' or 'body'"


def yaml_text(text: str) -> str:
    """`text` as a YAML double-quoted value, every character outside printable ASCII written as an escape."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def figure_with(field: str, written: str) -> str:
    """A figure's text, one field written as given, the others valid, in FIGURE_FIELDS' order."""
    return "".join(f"{name}: {written if name == field else value}\n" for name, value in FIGURE_FIELDS.items())


def errors_of(data_dir: Path) -> list[str]:
    return [str(error) for error in check(data_dir).errors]


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


# --- part 1: every error of one file in one run ------------------------------------------------


def test_a_bad_date_does_not_hide_a_misspelt_speaker(mini: Path) -> None:
    write(mini, "statements/two-wrongs.yml", STATEMENT.replace("ana-lopez", "ana-lopes").replace("not stated", '"2026-13-01"'))
    assert errors_of(mini) == [
        "data/statements/two-wrongs.yml:1: speaker: no actor 'ana-lopes' (did you mean 'ana-lopez'?)",
        "data/statements/two-wrongs.yml:2: date: '2026-13-01' is not a calendar date (month must be in 1..12)",
    ]


def test_a_missing_kind_does_not_hide_a_misspelt_affiliation(mini: Path) -> None:
    write(mini, "actors/no-kind.yml", "name: X\naffiliations: [riverton-councl]\n")
    assert errors_of(mini) == [
        f"data/actors/no-kind.yml:1: kind: required field is missing (add `kind:` with one of {KIND_VALUES})",
        "data/actors/no-kind.yml:2: affiliations[0]: no actor 'riverton-councl' (did you mean 'riverton-council'?)",
    ]


def test_every_kind_of_reference_is_checked_in_a_record_with_schema_errors(mini: Path) -> None:
    """Nested references, prose links, unbalanced links and self-references, beside an unknown field."""
    write(mini, "statements/many-wrongs.yml", STATEMENT.replace("form: quote", "form: quote\nchanel: TV") + (
        "  - source: blog-pots\non_claims:\n  - claim: bridge-opens-in-2072\n    stance: supports\n"
        "context: See [[actors/ben-okafr]] and [[actors/ana-lopez].\n"))
    write(mini, "actors/self-and-typo.yml", "name: S\nkind: body\nrol: x\naffiliations: [self-and-typo]\n")
    assert errors_of(mini) == [
        "data/actors/self-and-typo.yml:3: rol: unknown field (did you mean 'role'?)",
        "data/actors/self-and-typo.yml:4: affiliations[0]: 'self-and-typo' refers to itself (remove it from the list)",
        "data/statements/many-wrongs.yml:4: chanel: unknown field (did you mean 'channel'?)",
        "data/statements/many-wrongs.yml:8: reported_in[1].source: no source 'blog-pots' (did you mean 'blog-post'?)",
        "data/statements/many-wrongs.yml:10: on_claims[0].claim: no claim 'bridge-opens-in-2072' (did you mean 'bridge-opens-in-2027'?)",
        "data/statements/many-wrongs.yml:12: context: no actor 'ben-okafr' (did you mean 'ben-okafor'?)",
        "data/statements/many-wrongs.yml:12: context: unbalanced [[ ]] link (write [[kind/id]] or [[kind/id|label]])",
    ]


def test_a_value_with_a_schema_error_is_not_reported_again_as_a_reference(mini: Path) -> None:
    write(mini, "statements/bad-id.yml", STATEMENT.replace("ana-lopez", "Ana_Lopez"))
    assert errors_of(mini) == [
        "data/statements/bad-id.yml:1: speaker: 'Ana_Lopez' is not a valid id "
        "(ids are lowercase ASCII letters and digits joined by '-', e.g. 'ana-lopez')"
    ]


@pytest.mark.parametrize(("text", "error"), [
    ("name: X\nkind:\n", f"data/actors/x.yml:2: kind: the field is empty (write one of {KIND_VALUES})"),
    ("name: X\nkind: ''\n", f"data/actors/x.yml:2: kind: '' is not allowed (expected {KIND_VALUES})"),
    ("name:\nkind: person\n", "data/actors/x.yml:1: name: expected text, found nothing (write a value after the colon)"),
    ("name: X\nkind: person\naffiliations:\n",
     "data/actors/x.yml:3: affiliations: expected a list, found nothing (write a value after the colon, or remove the line)"),
    ("name: X\nkind: person\naliases:\n  -\n",
     "data/actors/x.yml:4: aliases[0]: expected text, found nothing (write a value after the colon, or remove the item)"),
    ("name: ''\nkind: person\n", "data/actors/x.yml:1: name: must not be empty (write a value)"),
    ("name: X\nkind: person\nrole: ''\n", "data/actors/x.yml:3: role: must not be empty (write a value, or remove the line)"),
    ("kind: person\n", "data/actors/x.yml:1: name: required field is missing (add `name:`)"),
], ids=["empty-enum", "empty-text-enum", "empty-required", "empty-optional", "empty-list-item", "blank-required",
        "blank-optional", "missing-text"])
def test_empty_fields_say_what_to_write(mini: Path, text: str, error: str) -> None:
    write(mini, "actors/x.yml", text)
    assert errors_of(mini) == [error]


def test_an_empty_optional_enum_may_also_be_removed(mini: Path) -> None:
    write(mini, "figures/x.yml", FIGURE + "value: 1\nqualifier:\n")
    assert errors_of(mini) == [
        "data/figures/x.yml:5: qualifier: the field is empty (write one of 'exact', 'about', 'more than', 'less than', "
        "'nearly', 'up to' or 'at least', or remove the line)"
    ]


def test_no_message_says_none_for_an_empty_value(mini: Path) -> None:
    """Every field of every kind left empty: no message shows Python's 'None'."""
    for kind, model in MODELS.items():
        write(mini, f"{kind}/all-empty.yml", "".join(f"{name}:\n" for name in model.model_fields))
    errors = errors_of(mini)
    assert len(errors) > len(MODELS) * 2
    assert [error for error in errors if "None" in error] == []


@pytest.mark.parametrize(("date", "message"), [
    ("2026-13-01", "'2026-13-01' is not a calendar date (month must be in 1..12)"),
    ("2026-00-10", "'2026-00-10' is not a calendar date (month must be in 1..12)"),
    ("2026-02-29", "'2026-02-29' is not a calendar date (day is out of range for month)"),
    ("2026-04-00", "'2026-04-00' is not a calendar date (day is out of range for month)"),
    ("2026-13", "'2026-13' is not a calendar date (month must be in 1..12)"),
    ("26-01-05", "'26-01-05' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("2026/01/05", "'2026/01/05' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
])
def test_a_date_of_the_right_form_gets_the_calendars_message(mini: Path, date: str, message: str) -> None:
    write(mini, "events/x.yml", f"title: T\ndate: '{date}'\nsources: [blog-post]\n")
    assert errors_of(mini) == [f"data/events/x.yml:2: date: {message}"]


# --- part 2, class 1: file-system oddities -----------------------------------------------------


def run_check_process(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros check` in its own process: a crash or a hang fails the test instead of the session.
    The timeout only ends a hung check; nothing is measured."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros", "check", str(data_dir)], cwd=data_dir.parent, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_dangling_link_and_a_link_loop_are_named(mini: Path) -> None:
    (mini / "actors/gone.yml").symlink_to("nowhere.yml")
    (mini / "actors/loop.yml").symlink_to("loop.yml")
    (mini / "lost").symlink_to("no-such-folder")
    assert errors_of(mini) == [
        "data/actors/gone.yml: a symbolic link to 'nowhere.yml', which does not exist "
        "(remove the link, or put back what it points to)",
        "data/actors/loop.yml: a symbolic link that leads back to itself (a loop) (remove the link, or point it at a real file)",
        "data/lost: a symbolic link to 'no-such-folder', which does not exist (remove the link, or put back what it points to)",
    ]


def test_a_link_to_a_real_record_or_kind_folder_still_works(mini: Path, tmp_path: Path) -> None:
    """The negative control: links are fine when they lead somewhere readable."""
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text("name: Linked\nkind: person\n", encoding="utf-8")
    (mini / "actors/linked.yml").symlink_to(elsewhere)
    (tmp_path / "topics-elsewhere").mkdir()
    (mini / "topics").rename(tmp_path / "topics-elsewhere" / "topics")
    (mini / "topics").symlink_to(tmp_path / "topics-elsewhere" / "topics")
    assert errors_of(mini) == []
    assert record_of(check(mini), Actor, "linked").name == "Linked"
    assert check(mini).count()["topics"] == 1


def test_a_pipe_named_like_a_record_does_not_make_check_wait(mini: Path) -> None:
    os.mkfifo(mini / "actors/pipe.yml")
    os.mkfifo(mini / "notes.txt")
    result = run_check_process(mini)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:5] == [
        "data/actors/pipe.yml  (1 error)",
        "  file     this is a named pipe, not a file",
        "           hint: records are plain text files: remove it from data/",
        "",
        "data/notes.txt  (1 error)",
    ]


def test_a_link_to_a_device_is_not_read(mini: Path) -> None:
    (mini / "actors/zero.yml").symlink_to("/dev/zero")
    assert errors_of(mini) == ["data/actors/zero.yml: this is a device, not a file (records are plain text files: remove it from data/)"]


def test_an_oversized_file_is_refused_unread(mini: Path) -> None:
    with (mini / "actors/huge.yml").open("wb") as file:
        file.truncate(load_module.MAX_FILE_BYTES + 1)
    assert errors_of(mini) == [
        "data/actors/huge.yml: 10,000,001 bytes, more than the 10,000,000 a record file may hold "
        "(a record is a few fields of text; keep a full document as a source's archive copy)"
    ]


# --- class 2: YAML resource limits -------------------------------------------------------------


def test_thirty_thousand_nested_brackets_are_refused_without_a_crash(mini: Path) -> None:
    write(mini, "actors/deep.yml", "name: A\nkind: person\naliases: " + "[" * 30_000 + "]" * 30_000 + "\n")
    result = run_check_process(mini)
    assert result.returncode == 1, result  # not -11 (SIGSEGV)
    assert result.stderr.splitlines()[:3] == [
        "data/actors/deep.yml  (1 error)",
        "  line 3   YAML syntax: lists or mappings nested more than 100 levels deep",
        "           hint: a record nests at most three levels: field, list, entry",
    ]


def test_deep_nesting_fails_the_build_with_its_message(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(mini, "actors/deep.yml", "name: A\nkind: person\naliases: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n")
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    assert ("data/actors/deep.yml:3: YAML syntax: lists or mappings nested more than 100 levels deep "
            "(a record nests at most three levels: field, list, entry)") in caplog.text


@pytest.mark.parametrize(("levels", "refused"), [(100, False), (101, True)])
def test_the_nesting_limit_is_exact_in_block_style_too(mini: Path, levels: int, refused: bool) -> None:
    # `- - - x`: block lists nest on one line, with no bracket at all. The record itself is level 1.
    write(mini, "actors/dashes.yml", "name: A\nkind: person\naliases:\n" + "- " * (levels - 1) + "x\n")
    errors = errors_of(mini)
    if refused:
        assert errors == ["data/actors/dashes.yml:4: YAML syntax: lists or mappings nested more than 100 levels deep "
                          "(a record nests at most three levels: field, list, entry)"]
    else:
        assert errors == ["data/actors/dashes.yml:4: aliases[0]: expected text, found a list (write one value here, not a list)"]


def test_ten_thousand_wrong_items_are_located_from_one_reading_of_the_file(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(mini, "actors/many.yml", "name: A\nkind: person\naliases:\n" + "".join(f"  - {i}\n" for i in range(10_000)))
    compositions: list[int] = []
    compose = yaml.compose

    def counted_compose(*args: Any, **kwargs: Any) -> yaml.Node | None:
        compositions.append(1)
        return compose(*args, **kwargs)

    monkeypatch.setattr(yaml, "compose", counted_compose)
    errors = errors_of(mini)
    assert len(errors) == 10_000
    assert errors[0] == "data/actors/many.yml:4: aliases[0]: expected text, found a number 0 (quote text values; numbers without quotes)"
    assert "data/actors/many.yml:10003: aliases[9999]: expected text, found a number 9999 (quote text values; numbers without quotes)" in errors
    assert len(compositions) == 1


def test_ten_thousand_unknown_fields_each_on_its_line(mini: Path) -> None:
    write(mini, "actors/keys.yml", "name: A\nkind: person\n" + "".join(f"extra-{i}: x\n" for i in range(10_000)))
    errors = errors_of(mini)
    assert len(errors) == 10_000
    assert "data/actors/keys.yml:10002: extra-9999: unknown field (remove it; the editor's guide lists the fields)" in errors


@pytest.mark.parametrize(("text", "error"), [
    ("name: A\nkind: person\n[a, b]: 1\n",
     "data/actors/x.yml:3: YAML syntax: a list is used as a field name (field names are plain words followed by a colon, e.g. `name:`)"),
    ("name: A\nkind: person\n{a: 1}: 1\n",
     "data/actors/x.yml:3: YAML syntax: a mapping is used as a field name (field names are plain words followed by a colon, e.g. `name:`)"),
    ("name: A\nkind: person\n? - a\n: 1\n",
     "data/actors/x.yml:3: YAML syntax: a list is used as a field name (field names are plain words followed by a colon, e.g. `name:`)"),
    ("name: A\nkind: person\nreported:\n  [x]: 1\n",
     "data/actors/x.yml:4: YAML syntax: a list is used as a field name (field names are plain words followed by a colon, e.g. `name:`)"),
], ids=["flow-list", "flow-mapping", "explicit-key", "nested"])
def test_a_list_or_mapping_as_a_key_is_named_where_written(mini: Path, text: str, error: str) -> None:
    write(mini, "actors/x.yml", text)
    assert errors_of(mini) == [error]


# --- class 3: ids the engine's own pages take --------------------------------------------------


def test_the_reserved_ids_are_every_page_the_engine_makes_in_a_kind_folder(mini: Path) -> None:
    from macros.plugin.site_of_build import url_between
    from macros.site.pages import generated_pages
    from macros.site.pipeline import build_site

    site = build_site(mini, url_between(use_directory_urls=True))
    taken = set()
    for path in generated_pages(site):
        kind, _, name = path.partition("/")
        if kind in KINDS and name.removesuffix(".md") not in site.dossier.records[kind]:
            taken.add(name.removesuffix(".md"))
    assert taken == set(GENERATED_PAGE_IDS) == {"index"}


def test_an_index_record_is_refused_by_check(mini: Path) -> None:
    write(mini, "actors/index.yml", "name: Index\nkind: person\n")
    write(mini, "claims/index.yml", "text: x\n")
    assert errors_of(mini) == [
        "data/actors/index.yml: 'index' cannot be an id: actors/index is the page listing all actors "
        "(rename the file after what the record is about)",
        "data/claims/index.yml: 'index' cannot be an id: claims/index is the page listing all claims "
        "(rename the file after what the record is about)",
    ]


def test_an_index_record_fails_the_build_and_the_actors_list_is_never_replaced(mini: Path, tmp_path: Path,
                                                                              caplog: pytest.LogCaptureFixture) -> None:
    write(mini, "actors/index.yml", "name: Index\nkind: person\n")
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    assert "data/actors/index.yml: 'index' cannot be an id" in caplog.text
    assert not (tmp_path / "site" / "actors" / "index.html").exists()


def test_new_refuses_the_id_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    assert main(["new", "actor", "index"]) == 1
    assert capsys.readouterr().err == ("error: 'index' cannot be an id: actors/index is the page listing all actors\n"
                                       "hint: rename the file after what the record is about\n")
    assert not Path("data/actors/index.yml").exists()


# --- class 4: numbers --------------------------------------------------------------------------

NOT_FINITE = "(YAML reads .inf, .nan and numbers beyond about 1.8e308 as infinite or not a number; write the figure itself)"


@pytest.mark.parametrize("written", [".inf", "-.inf", ".Inf", ".nan", ".NaN", "1.0e+309", "-1e400"])
def test_infinite_numbers_are_refused_as_written(mini: Path, written: str) -> None:
    write(mini, "figures/x.yml", FIGURE + f"value: {written}\n")
    assert errors_of(mini) == [f"data/figures/x.yml:4: value: '{written}' is not a finite number {NOT_FINITE}"]


def test_an_infinite_equivalent_is_refused_too(mini: Path) -> None:
    write(mini, "figures/x.yml", FIGURE + "value: 1\nequivalents:\n  - value: .inf\n    unit: EUR\n")
    assert errors_of(mini) == [f"data/figures/x.yml:6: equivalents[0].value: '.inf' is not a finite number {NOT_FINITE}"]


def test_a_400_digit_number_says_it_is_too_large(mini: Path) -> None:
    write(mini, "figures/x.yml", FIGURE + f"value: {'9' * 400}\n")
    assert errors_of(mini) == [
        "data/figures/x.yml:4: value: a 400-digit number is too large to store "
        "(the largest number is about 1.8e308: check it, or give it in a larger unit)"
    ]


def test_a_whole_number_that_would_be_rounded_is_refused(mini: Path) -> None:
    write(mini, "figures/x.yml", FIGURE + "value: 12345678901234567891\n")
    assert errors_of(mini) == [
        "data/figures/x.yml:4: value: has more digits than a number keeps: it would be stored as 12345678901234567168 "
        "(round it, or give it in a larger unit (e.g. million))"
    ]


@pytest.mark.parametrize(("written", "value"), [("1e6", 1e6), ("2.5E3", 2500.0), ("1.0e6", 1e6), ("-3e-2", -0.03),
                                                 ("1.0e+6", 1e6), ("9007199254740992", 2.0**53), ("1_000", 1000.0)])
def test_numbers_as_json_and_yaml_1_2_write_them_are_accepted(mini: Path, written: str, value: float) -> None:
    write(mini, "figures/x.yml", FIGURE + f"value: {written}\n")
    assert errors_of(mini) == []
    assert record_of(check(mini), Figure, "x").value == value


@pytest.mark.parametrize(("field", "written", "error"), [
    ("value", "010", "value: '010' is read as the number 8 (YAML reads a leading 0 as octal, base 8) "
                     "(for the number write 10; for text, put it in quotes: '010')"),
    ("value", "-007", "value: '-007' is read as the number -7 (YAML reads a leading 0 as octal, base 8) "
                      "(for the number write -7; for text, put it in quotes: '-007')"),
    ("value", "1:30", "value: '1:30' is read as the number 90 (YAML reads digits between colons as base 60) "
                      "(for a time or other text, put it in quotes: '1:30')"),
    ("period", "1:30:00", "period: '1:30:00' is read as the number 5400 (YAML reads digits between colons as base 60) "
                          "(for a time or other text, put it in quotes: '1:30:00')"),
    ("period", "1:30.5", "period: '1:30.5' is read as the number 90.5 (YAML reads digits between colons as base 60) "
                         "(for a time or other text, put it in quotes: '1:30.5')"),
    ("unit", "0700", "unit: '0700' is read as the number 448 (YAML reads a leading 0 as octal, base 8) "
                     "(for the number write 700; for text, put it in quotes: '0700')"),
])
def test_yaml_1_1_octal_and_base_60_readings_are_refused_in_every_field(mini: Path, field: str, written: str, error: str) -> None:
    write(mini, "figures/x.yml", figure_with(field, written))
    line = list(FIGURE_FIELDS).index(field) + 1
    assert errors_of(mini) == [f"data/figures/x.yml:{line}: {error}"]


@pytest.mark.parametrize(("field", "written", "stored"), [("value", "10", 10.0), ("value", "0", 0.0), ("value", "0.5", 0.5),
                                                          ("period", "'1:30'", "1:30"), ("unit", "'010'", "010"),
                                                          ("value", "0x1F", 31.0)])
def test_the_same_values_written_plainly_are_accepted(mini: Path, field: str, written: str, stored: object) -> None:
    """The negative control: quoted, or written as the number, they mean what they say."""
    write(mini, "figures/x.yml", figure_with(field, written))
    assert errors_of(mini) == []
    assert getattr(check(mini).get("figures", "x"), field) == stored


def test_the_open_data_export_is_strict_json(mini: Path, tmp_path: Path) -> None:
    """JSON.parse refuses Infinity and NaN; Python's parser accepts them unless told not to. The negative
    control shows the strict parse would catch them; the build's export passes it."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    with pytest.raises(ValueError, match="not JSON: Infinity"):
        json.loads(json.dumps({"value": float("inf")}), parse_constant=refuse)
    write(mini, "figures/million.yml", FIGURE + "value: 1e6\n")
    site = build(mini, tmp_path / "site")
    exported = json.loads((site / "export/dossier.json").read_text(encoding="utf-8"), parse_constant=refuse)
    assert exported["records"]["figures"]["million"]["fields"]["value"] == 1e6
    _check_csv_cells(site)
    _check_feed(site)


# --- class 5: exports as an attack surface -----------------------------------------------------

FORMULAS = ["=HYPERLINK(\"https://example.org\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "＝1+1"]


def write_formula_records(data_dir: Path) -> None:
    """One actor per formula start, the formula in its name, role and aliases; a negative figure value."""
    for i, formula in enumerate(FORMULAS):
        quoted = json.dumps(formula)
        write(data_dir, f"actors/formula-{i}.yml", f"name: {quoted}\nkind: person\nrole: {quoted}\naliases: [{quoted}, plain]\n")
    write(data_dir, "figures/negative.yml", FIGURE + "value: -3.5\nperiod: '-1 per year'\n")


def test_csv_cells_that_could_start_a_formula_are_prefixed(mini: Path) -> None:
    from macros.plugin.site_of_build import url_between
    from macros.site.export import kind_csv
    from macros.site.pipeline import build_site

    write_formula_records(mini)
    index = build_site(mini, url_between(use_directory_urls=True)).index
    actors = {row["id"]: row for row in csv.DictReader(io.StringIO(kind_csv(index, "actors")))}
    for i, formula in enumerate(FORMULAS):
        row = actors[f"formula-{i}"]
        assert (row["name"], row["role"], row["aliases"]) == ("'" + formula, "'" + formula, f"'{formula}; plain"), formula
    assert actors["ana-lopez"]["name"] == "Ana López"  # the negative control: ordinary text is untouched
    (figure,) = [row for row in csv.DictReader(io.StringIO(kind_csv(index, "figures"))) if row["id"] == "negative"]
    assert (figure["value"], figure["period"]) == ("-3.5", "'-1 per year")  # a number is not a formula; text is


def _check_csv_cells(site: Path) -> None:
    """In a built site: no CSV cell anywhere starts a formula."""
    for kind in KINDS:
        with (site / f"export/{kind}.csv").open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        numbers = {i for i, name in enumerate(rows[0]) if name == "value"}
        for row in rows[1:]:
            for i, cell in enumerate(row):
                assert i in numbers or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (kind, cell)


def test_the_built_csv_exports_carry_the_prefixed_cells(mini: Path, tmp_path: Path) -> None:
    write_formula_records(mini)
    site = build(mini, tmp_path / "site")
    _check_csv_cells(site)
    with (site / "export/actors.csv").open(encoding="utf-8", newline="") as file:
        names = {row["id"]: row["name"] for row in csv.DictReader(file)}
    assert names["formula-0"] == "'=HYPERLINK(\"https://example.org\",\"x\")"


# --- class 6: characters -----------------------------------------------------------------------


def string_fields() -> list[tuple[str, tuple[str | int, ...]]]:
    """Every string-valued field of every kind, from the JSON Schemas (so a field added later is covered):
    free text, ids, dates, enums, patterns, URLs, file names."""
    found = []

    def walk(kind: str, properties: dict[str, Any], definitions: dict[str, Any], prefix: tuple[str | int, ...]) -> None:
        for name, prop in properties.items():
            for option in prop.get("anyOf", [prop]):
                if "$ref" in option:
                    walk(kind, definitions[option["$ref"].split("/")[-1]]["properties"], definitions, (*prefix, name))
                elif option.get("type") == "array" and "$ref" in option["items"]:
                    walk(kind, definitions[option["items"]["$ref"].split("/")[-1]]["properties"], definitions, (*prefix, name, 0))
                elif option.get("type") == "array" and option["items"].get("type") == "string":
                    found.append((kind, (*prefix, name, 0)))
                elif option.get("type") == "string" or "enum" in option or "const" in option:
                    found.append((kind, (*prefix, name)))

    for kind in KINDS:
        schema = json_schema(kind)
        walk(kind, schema["properties"], schema.get("$defs", {}), ())
    return sorted(set(found))


VALID: dict[str, str | dict[str, str]] = {  # a valid value per field where free text would not do
    "kind": {"actors": "person", "sources": "opinion"}, "form": "quote", "stance": "supports", "status": "disputed",
    "qualifier": "about", "date": "2026-01-05", "published": "2026-01-05", "first_made": "2026-01-05", "as_of": "2026-01-05",
    "url": "https://example.org/x", "language": "en", "wikidata": "Q1", "archive": "blog.txt",
    "speaker": "ana-lopez", "claimant": "ana-lopez", "outlet": "daily-ledger", "author": "jo-writer", "affiliations": "ana-lopez",
    "about": "ana-lopez", "actors": "ana-lopez", "source": "blog-post", "sources": "blog-post", "by": "blog-post",
    "event": "tender", "events": "tender", "origin": "okafor-doubts", "statement": "okafor-doubts", "claim": "bridge-opens-in-2027",
    "key_claims": "bridge-opens-in-2027", "topics": "riverton-bridge", "related": "riverton-bridge",
    "role_source": "blog-post", "claimant_named_by": "editors",
}
BASE = {
    "actors": {"name": "N", "kind": "person"},
    "sources": {"title": "T", "kind": "opinion", "outlet": "not stated", "author": "not stated", "published": "not stated"},
    "events": {"title": "T", "date": "2026-01-05", "sources": ["blog-post"]},
    "statements": {"speaker": "ana-lopez", "date": "not stated", "form": "quote", "text": "Hi.", "reported_in": [{"source": "blog-post"}]},
    "claims": {"text": "T", "claimant": "ana-lopez", "first_made": "2026-01-05", "status": "disputed", "status_note": "N",
               "sources": ["blog-post"]},
    "figures": {"label": "L", "value": 1, "unit": "U", "sources": ["blog-post"]},
    "topics": {"title": "T", "question": "Q", "bottom_line": "B", "brief": "B"},
}
BASE |= {kind: fixture_record(kind) for kind in MODELS if kind not in BASE}  # a kind added since: the fixture's record
NESTED_BASE: dict[str, dict[str, object]] = {
    "reported_in": {"source": "blog-post"}, "on_claims": {"claim": "bridge-opens-in-2027", "stance": "supports"},
    "history": {"date": "2026-01-05", "status": "disputed"}, "equivalents": {"value": 1, "unit": "U"},
}


def record_with(kind: str, location: tuple[str | int, ...], value: str) -> dict[str, Any]:
    """A valid record of `kind` (the mini dossier's ids) with `value` at `location`."""
    record: dict[str, Any] = json.loads(json.dumps(BASE[kind]))
    holder = record
    for i, part in enumerate(location[:-1]):
        if isinstance(part, int):
            continue
        if isinstance(location[i + 1], int) and i + 2 < len(location):
            holder[part] = [dict(NESTED_BASE[part])]
            holder = holder[part][0]
        elif isinstance(location[i + 1], int):
            holder[part] = [None]
    last = location[-1]
    if isinstance(last, int):
        name = location[-2]  # the list's, in which the value is the first item
        assert isinstance(name, str)
        holder[name] = [value]
    else:
        holder[last] = value
    return record


def plain_value(kind: str, name: str) -> str:
    valid = VALID.get(name, "Text")
    return valid[kind] if isinstance(valid, dict) else valid


STRING_FIELDS = string_fields()


def test_the_string_fields_under_test_include_the_ones_that_once_let_characters_through() -> None:
    assert ("sources", ("url",)) in STRING_FIELDS and ("sources", ("archive",)) in STRING_FIELDS
    assert ("statements", ("reported_in", 0, "wording")) in STRING_FIELDS and ("actors", ("aliases", 0)) in STRING_FIELDS
    assert len(STRING_FIELDS) > 60


def test_every_string_field_holds_a_valid_value_as_the_control() -> None:
    """The negative control for the next test: with a plain value in the field, each record is valid."""
    from pydantic import ValidationError

    failures = []
    for kind, location in STRING_FIELDS:
        name = next(part for part in reversed(location) if isinstance(part, str))
        try:
            MODELS[kind].model_validate(record_with(kind, location, plain_value(kind, name)))
        except ValidationError as error:
            failures.append((kind, location, str(error)))
    assert failures == []


@pytest.mark.parametrize("character", ["\x00", "\x08", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe",
                                       "\U0010ffff"], ids=lambda c: f"U+{ord(c):04X}")
def test_no_string_field_takes_a_control_character_or_a_non_character(character: str) -> None:
    from pydantic import ValidationError

    accepted = []
    for kind, location in STRING_FIELDS:
        name = next(part for part in reversed(location) if isinstance(part, str))
        try:
            MODELS[kind].model_validate(record_with(kind, location, plain_value(kind, name) + character))
        except ValidationError:
            continue
        accepted.append((kind, location))
    assert accepted == []


@pytest.mark.parametrize(("escape", "message"), [
    ("\\0", "contains the invisible control character U+0000; delete it"),
    ("\\b", "contains the invisible control character U+0008; delete it"),
    ("\\e", "contains the invisible control character U+001B; delete it"),
    ("\\uFFFE", "contains U+FFFE, which is not a character (a Unicode non-character); delete it"),
    ("\\uFDD0", "contains U+FDD0, which is not a character (a Unicode non-character); delete it"),
    ("\\U0010FFFF", "contains U+10FFFF, which is not a character (a Unicode non-character); delete it"),
])
@pytest.mark.parametrize("field", ["title", "url", "archive"])
def test_url_and_archive_refuse_the_characters_text_refuses(mini: Path, escape: str, message: str, field: str) -> None:
    values = {"title": f'"T{escape}"', "url": f'"https://example.org/{escape}"', "archive": f'"blog{escape}.txt"'}
    text = SOURCE.replace("title: T", f"title: {values['title']}") if field == "title" else SOURCE + f"{field}: {values[field]}\n"
    write(mini, "sources/x.yml", text)
    assert errors_of(mini) == [f"data/sources/x.yml:{1 if field == 'title' else 6}: {field}: {message}"]


def test_a_raw_non_character_in_the_file_is_named_as_such(mini: Path) -> None:
    write(mini, "actors/raw.yml", "name: A\ufffe\nkind: person\n")
    assert errors_of(mini) == ["data/actors/raw.yml:1: the Unicode non-character U+FFFE is not allowed "
                               "(delete it; it often comes with text pasted from a PDF or a word processor)"]


def _check_feed(site: Path) -> None:
    ElementTree.parse(site / "feed.xml")  # well-formed, or ParseError


def test_the_feed_stays_well_formed_with_unusual_but_allowed_characters(mini: Path, tmp_path: Path) -> None:
    """The negative control first: an XML parser refuses U+FFFE, the character that once got into feed.xml."""
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring("<a>\ufffe</a>")
    # (A private-use character is refused now: no font the site has draws it, tests/engine/test_fonts.py.)
    unusual = "Tab\there · \ufffd · \U0001f600 · \u200f\u05e9 · e\u0301 · \u2028"
    statement = STATEMENT.replace("text: Hi.", f"text: {yaml_text(unusual)}").replace("not stated", "'2026-01-05'")  # dated: in the feed
    write(mini, "statements/unusual.yml", statement)
    site = build(mini, tmp_path / "site")
    feed = ElementTree.parse(site / "feed.xml").getroot()
    summaries = [element.text for element in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert unusual in summaries


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u200b", "\u200b\u200c\u200d", "\ufeff", "\u3164", "\u2800", "\u2060 \u180e",
                                   "\u202e", "\U000e0041"], ids=lambda text: "+".join(f"U+{ord(c):04X}" for c in text))
def test_a_blank_or_invisible_name_is_refused(mini: Path, blank: str) -> None:
    write(mini, "actors/x.yml", f"name: {yaml_text(blank)}\nkind: person\n")
    write(mini, "events/x.yml", f"title: {yaml_text(blank)}\ndate: '2026-01-05'\nsources: [blog-post]\n")
    assert errors_of(mini) == [
        "data/actors/x.yml:1: name: is blank: only spaces or invisible characters (write the text)",
        "data/events/x.yml:1: title: is blank: only spaces or invisible characters (write the text)",
    ]


def test_blank_optional_text_and_list_items_may_be_removed_instead(mini: Path) -> None:
    write(mini, "actors/x.yml", 'name: X\nkind: person\nrole: "\\u200b"\naliases: [" ", ok]\n')
    assert errors_of(mini) == [
        "data/actors/x.yml:3: role: is blank: only spaces or invisible characters (write the text, or remove the line)",
        "data/actors/x.yml:4: aliases[0]: is blank: only spaces or invisible characters (write the text, or remove the item)",
    ]


@pytest.mark.parametrize("visible", ["e\u0301", "\u0301", "İ", "\u200bA", " x ", "\u05e9\u200f", "·", "\U0001f600"])
def test_text_with_anything_visible_is_accepted(mini: Path, visible: str) -> None:
    """The negative control: invisible characters are fine beside visible ones, and a lone accent shows."""
    write(mini, "actors/x.yml", f"name: {yaml_text(visible)}\nkind: person\n")
    assert errors_of(mini) == []


# --- class 7: commands given the wrong thing ---------------------------------------------------


def test_check_of_one_record_file_checks_it_against_the_whole_folder(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini, "actors/x.yml", "name: X\nkind: persn\n")
    write(mini, "events/other.yml", "title: T\n")
    assert main(["check", "data/actors/x.yml"]) == 1
    assert capsys.readouterr().err == (
        "data/actors/x.yml  (1 error)\n"
        "  line 2   kind: 'persn' is not allowed\n"
        f"           hint: expected {KIND_VALUES}\n"
        f"\n1 error in data/actors/x.yml (checked with the {MINI_RECORDS + 2} records in data)\n")
    assert main(["check", "data/actors/ana-lopez.yml"]) == 0  # references to other files resolve
    assert capsys.readouterr().out == f"ok: data/actors/ana-lopez.yml: no errors (checked with the {MINI_RECORDS + 2} records in data)\n"


def test_check_of_a_kind_folder_checks_that_folder(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini, "actors/x.yml", "name: X\nkind: persn\n")
    write(mini, "events/other.yml", "title: T\n")
    assert main(["check", "data/actors"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("data/actors/x.yml  (1 error)\n")
    assert err.endswith(f"\n1 error in 1 file in data/actors (checked with the {MINI_RECORDS + 2} records in data)\n")
    assert main(["check", "data/topics"]) == 0
    assert capsys.readouterr().out == f"ok: data/topics: no errors (checked with the {MINI_RECORDS + 2} records in data)\n"


def test_the_build_given_a_kind_folder_says_so(tmp_path: Path) -> None:
    from macros.records.load import load

    (tmp_path / "actors").mkdir()
    write(tmp_path, "actors/a.yml", "name: A\nkind: person\n")
    assert [str(error) for error in load(tmp_path / "actors").errors] == [
        f"{tmp_path}/actors: this is the folder of the actors, not the data folder (give the folder that holds it: {tmp_path})"
    ]


@pytest.mark.parametrize(("target", "error"), [
    ("data/actors/none.yml", "error: no file data/actors/none.yml"),
    ("notes.txt", "error: notes.txt is a file, not a data folder or a record file in one"),
])
def test_check_given_something_else_says_what_it_takes(mini: Path, capsys: pytest.CaptureFixture[str], target: str, error: str) -> None:
    (mini.parent / "notes.txt").write_text("x\n", encoding="utf-8")
    assert main(["check", target]) == 2
    assert capsys.readouterr().err == (
        f"{error}\nhint: check takes the data folder (the one holding actors/, sources/ …), one kind folder in it, "
        "or one record file data/<kind>/<id>.yml\n")


def test_verify_quotes_names_an_archive_copy_that_is_not_utf8(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for copy in (MINI.parent / "mini-archive").iterdir():
        (archive / copy.name).write_bytes(copy.read_bytes())
    (archive / "blog.txt").write_bytes("Nobody builds a bridge like that in a year. Café".encode("latin-1"))
    assert main(["verify-quotes", "data", "--archive", str(archive)]) == 1
    out, err = capsys.readouterr()
    assert err == (
        "data/sources/blog-post.yml  (1 error)\n"
        "  line 6   archive: the archive copy 'blog.txt' is not UTF-8 text: byte 0xe9 is 'é' in Windows-1252 (Latin-1), "
        "the encoding it seems to be saved in\n"
        "           hint: save it as UTF-8 text, the words exactly as printed\n"
        f"\n1 quotation not found verbatim; {quote_printings_with_archive(check(MINI)) - 2} checked\n")  # not the blog's two


@pytest.mark.parametrize("archive", ["missing", "file.txt"])
def test_verify_quotes_needs_an_archive_folder(mini: Path, capsys: pytest.CaptureFixture[str], archive: str) -> None:
    (mini.parent / "file.txt").write_text("x\n", encoding="utf-8")
    assert main(["verify-quotes", "data", "--archive", archive]) == 2
    what = "not found" if archive == "missing" else "is a file, not a folder"
    assert capsys.readouterr().err == (f"error: archive folder {archive} {what}\n"
                                       "hint: --archive takes the folder holding the files named in the sources' archive: fields\n")


@pytest.mark.parametrize(("data_dir", "error"), [
    ("notes.txt", "error: notes.txt is a file, not a data folder\n"
                  "hint: give --data-dir the folder that holds actors/, sources/ and the other kind folders\n"),
    ("missing", "error: data folder missing not found\n"
                "hint: create it first (mkdir missing), or give --data-dir the folder that holds actors/, sources/ and the other kind folders\n"),
    ("data/actors", "error: data/actors is the folder of the actors, not the data folder\n"
                    "hint: give --data-dir the folder that holds it: data\n"),
])
def test_new_refuses_a_data_folder_that_is_not_one(mini: Path, capsys: pytest.CaptureFixture[str], data_dir: str, error: str) -> None:
    (mini.parent / "notes.txt").write_text("x\n", encoding="utf-8")
    before = sorted(str(path) for path in mini.parent.rglob("*"))
    assert main(["new", "actor", "someone", "--data-dir", data_dir]) == 2
    assert capsys.readouterr().err == error
    assert sorted(str(path) for path in mini.parent.rglob("*")) == before  # nothing created


# --- class 8: misleading messages --------------------------------------------------------------


@pytest.mark.parametrize("line", ["id: 123", "id: ana-lopez"])
def test_an_id_field_is_explained_as_the_file_name(mini: Path, line: str) -> None:
    write(mini, "actors/someone.yml", f"name: A\nkind: person\n{line}\n")
    assert errors_of(mini) == [
        "data/actors/someone.yml:3: id: not a field: a record's id is its file name (remove the line; this record's id is 'someone')"
    ]


def test_a_merge_key_is_reported_as_written(mini: Path) -> None:
    write(mini, "actors/merged.yml", "name: A\nkind: person\n<<: {role: Mayor}\n")
    assert errors_of(mini) == ["data/actors/merged.yml:3: YAML syntax: `<<:` (a YAML merge key) is not allowed (write the fields out in full)"]


def test_keys_yaml_reads_as_numbers_or_null_are_reported_on_their_own_lines(mini: Path) -> None:
    write(mini, "actors/keys.yml", "name: A\nkind: person\n1: x\nnull: y\nyes: z\n~: w\n")
    assert errors_of(mini) == [
        "data/actors/keys.yml:3: 1: unknown field (remove it; the editor's guide lists the fields)",
        "data/actors/keys.yml:4: null: unknown field (remove it; the editor's guide lists the fields)",
        "data/actors/keys.yml:5: yes: unknown field (remove it; the editor's guide lists the fields)",
        "data/actors/keys.yml:6: ~: unknown field (remove it; the editor's guide lists the fields)",
    ]


@pytest.mark.parametrize("url", ["HTTPS://EXAMPLE.ORG", "Http://example.org/x", "hTtPs://example.org/a?b=c"])
def test_web_address_schemes_are_case_insensitive(mini: Path, url: str) -> None:
    write(mini, "sources/x.yml", SOURCE + f"url: {url}\n")
    assert errors_of(mini) == []
    assert json_schema("sources")["properties"]["url"]["anyOf"][0]["pattern"] == "^[Hh][Tt][Tt][Pp][Ss]?://"


@pytest.mark.parametrize("url", ["HTTPX://example.org", "JAVASCRIPT:alert(1)", "https://", "Https:/example.org"])
def test_other_schemes_are_still_refused_in_any_case(mini: Path, url: str) -> None:
    write(mini, "sources/x.yml", SOURCE + f"url: '{url}'\n")
    assert errors_of(mini) == ["data/sources/x.yml:6: url: only http:// and https:// web addresses are allowed"]


def test_messages_never_print_control_characters_the_editor_wrote(mini: Path) -> None:
    """An ESC in a field name would reach the terminal as an escape sequence; a line break would split a
    `file:line: field: message` line in two."""
    write(mini, "actors/x.yml", 'name: A\nkind: person\n"ro\\e[31mle": x\n"two\\nlines": y\n')
    assert errors_of(mini) == [
        "data/actors/x.yml:3: ro\\x1b[31mle: unknown field (did you mean 'role'?)",
        "data/actors/x.yml:4: two\\nlines: unknown field (remove it; the editor's guide lists the fields)",
    ]
    assert printable("a\u202eb\u2066c") == "a\\u202eb\\u2066c"


@pytest.mark.parametrize(("value", "tag"), [("!!timestamp 2026-01-05", "timestamp"), ("!!binary aGVsbG8=", "binary"),
                                            ("!!set {a: null}", "set"), ("!!omap [a: 1]", "omap"), ("!!pairs [a: 1]", "pairs")])
def test_explicit_tags_for_values_no_field_takes_are_refused_as_written(mini: Path, value: str, tag: str) -> None:
    """Before: 'expected text, found date datetime.date(2026, 1, 5)', Python's spelling of what YAML made."""
    write(mini, "actors/x.yml", f"name: A\nkind: person\nrole: {value}\n")
    assert errors_of(mini) == [f"data/actors/x.yml:3: YAML syntax: YAML tags such as !!{tag} are not allowed (write a plain value)"]


def test_a_list_that_contains_itself_is_one_error(mini: Path) -> None:
    write(mini, "actors/x.yml", "name: A\nkind: person\naliases: &a [*a]\n")
    write(mini, "statements/x.yml", STATEMENT.replace("reported_in:", "reported_in: &r") + "    note: *r\n")
    assert errors_of(mini) == [
        "data/actors/x.yml:3: YAML syntax: an alias (*name) repeats a list or mapping marked with &name elsewhere "
        "(write the value out in full: a record says each thing once, where it is read)",
        "data/statements/x.yml:7: YAML syntax: an alias (*name) repeats a list or mapping marked with &name elsewhere "
        "(write the value out in full: a record says each thing once, where it is read)",
    ]


def test_aliases_of_plain_values_are_fine(mini: Path) -> None:
    write(mini, "actors/x.yml", "name: &n Alias Person\nkind: person\nrole: *n\naliases: [*n]\n")
    assert errors_of(mini) == []
    assert record_of(check(mini), Actor, "x").aliases == ["Alias Person"]


def test_a_file_or_folder_that_cannot_be_read_is_named(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root the tests cannot take read permission away, so the operating system's refusal is simulated at
    the two places the loader reads: listing a folder, and reading a file."""
    write(mini, "actors/locked.yml", "name: A\nkind: person\n")
    read_bytes, scandir = Path.read_bytes, os.scandir

    def refuse_file(path: Path) -> bytes:
        if path.name == "locked.yml":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    def refuse_folder(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("topics"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_file)
    monkeypatch.setattr(os, "scandir", refuse_folder)
    assert errors_of(mini) == [
        "data/actors/locked.yml: cannot be read (Permission denied) (check its permissions)",
        "data/topics: the folder cannot be read (Permission denied) (check its permissions)",
    ]


def test_a_huge_value_is_not_printed_whole(mini: Path) -> None:
    write(mini, "statements/x.yml", STATEMENT.replace("speaker: ana-lopez", "speaker: " + "A" * 100_000))
    (error,) = errors_of(mini)
    assert error == ("data/statements/x.yml:1: speaker: '" + "A" * 299 + "… (99,720 more characters) "
                     "(ids are lowercase ASCII letters and digits joined by '-', e.g. '" + "a" * 236 + "… (99,765 more characters))")
