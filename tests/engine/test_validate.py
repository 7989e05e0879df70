"""One test per class of bad input, asserting the exact message an editor sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.records.check import check
from macros.records.schema import Actor
from tests.conftest import MINI, record_of, write


def errors_of(data_dir: Path) -> list[str]:
    return [str(error) for error in check(data_dir).errors]


def test_the_mini_dossier_is_valid(mini: Path) -> None:
    assert errors_of(mini) == []


def test_dangling_reference_names_file_line_field_and_suggests(mini: Path) -> None:
    path = mini / "statements/okafor-doubts.yml"
    path.write_text(path.read_text().replace("speaker: ben-okafor", "speaker: ben-okafr"))
    assert errors_of(mini) == [
        "data/statements/okafor-doubts.yml:1: speaker: no actor 'ben-okafr' (did you mean 'ben-okafor'?)"
    ]


def test_reference_to_a_record_of_the_wrong_kind(mini: Path) -> None:
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace("claimant: ana-lopez", "claimant: blog-post"))
    assert errors_of(mini) == [
        "data/claims/bridge-opens-in-2027.yml:2: claimant: 'blog-post' is a source, not an actor "
        "(this field needs the id of a record in data/actors/)"
    ]


def test_nested_reference_points_at_the_list_item(mini: Path) -> None:
    path = mini / "statements/lopez-opens-2027.yml"
    path.write_text(path.read_text().replace("  - source: blog-post", "  - source: blog-pots"))
    assert errors_of(mini) == [
        "data/statements/lopez-opens-2027.yml:9: reported_in[1].source: no source 'blog-pots' (did you mean 'blog-post'?)"
    ]


def test_prose_link_that_does_not_resolve(mini: Path) -> None:
    write(mini, "actors/ben-okafor.yml", """
        name: Ben Okafor
        kind: person
        summary: Doubts [[claims/bridge-opens-in-2028|the claim]] and [[actor/ana-lopez]].
    """)
    assert errors_of(mini) == [
        "data/actors/ben-okafor.yml:3: summary: link [[actor/ana-lopez]] names no record kind 'actor' (did you mean 'actors'?)",
        "data/actors/ben-okafor.yml:3: summary: no claim 'bridge-opens-in-2028' (did you mean 'bridge-opens-in-2027'?)",
    ]


def test_unbalanced_prose_link(mini: Path) -> None:
    write(mini, "actors/ben-okafor.yml", "name: Ben Okafor\nkind: person\nsummary: See [[actors/ana-lopez].\n")
    assert errors_of(mini) == [
        "data/actors/ben-okafor.yml:3: summary: unbalanced [[ ]] link (write [[kind/id]] or [[kind/id|label]])"
    ]


def test_unknown_field_suggests_the_known_one(mini: Path) -> None:
    path = mini / "statements/okafor-doubts.yml"
    path.write_text(path.read_text().replace("about:", "abut:"))
    assert errors_of(mini) == ["data/statements/okafor-doubts.yml:10: abut: unknown field (did you mean 'about'?)"]


def test_missing_required_field(mini: Path) -> None:
    write(mini, "actors/ben-okafor.yml", "kind: person\n")
    errors = errors_of(mini)
    assert "data/actors/ben-okafor.yml:1: name: required field is missing (add `name:`)" in errors


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2026-02-30"', "date: '2026-02-30' is not a calendar date (day is out of range for month)"),
        ('"2026-13"', "date: '2026-13' is not a calendar date (month must be in 1..12)"),
        ('"2026-13-01"', "date: '2026-13-01' is not a calendar date (month must be in 1..12)"),
        ('"2026-00"', "date: '2026-00' is not a calendar date (month must be in 1..12)"),
        ('"2026-01-32"', "date: '2026-01-32' is not a calendar date (day is out of range for month)"),
        ('"2026-1-5"', "date: '2026-1-5' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
        ('"5 January 2026"', "date: '5 January 2026' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
        ('"2096-01-05"', "date: '2096-01-05' is more than a year in the future; check the year"),
    ],
)
def test_bad_dates(mini: Path, value: str, message: str) -> None:
    path = mini / "events/tender.yml"
    path.write_text(path.read_text().replace('date: "2025-10"', f"date: {value}"))
    assert errors_of(mini) == [f"data/events/tender.yml:2: {message}"]


def test_year_only_date_is_accepted_unquoted(mini: Path) -> None:
    path = mini / "events/tender.yml"
    path.write_text(path.read_text().replace('date: "2025-10"', "date: 2025"))
    assert errors_of(mini) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x"])
def test_only_http_urls(mini: Path, url: str) -> None:
    path = mini / "sources/ledger-bridge-report.yml"
    path.write_text(path.read_text().replace("url: https://example.org/bridge", f'url: "{url}"'))
    assert errors_of(mini) == [
        "data/sources/ledger-bridge-report.yml:6: url: only http:// and https:// web addresses are allowed"
    ]


def test_wrong_type(mini: Path) -> None:
    path = mini / "figures/bridge-cost.yml"
    path.write_text(path.read_text().replace("value: 120000000", 'value: "120 million"'))
    errors = errors_of(mini)
    assert errors[0].startswith("data/figures/bridge-cost.yml:2: value: expected ")


def test_bad_id_in_file_name_suggests_a_valid_one(mini: Path) -> None:
    write(mini, "actors/Əli_Həsənov.yml", "name: Əli Həsənov\nkind: person\n")
    assert errors_of(mini) == [
        "data/actors/Əli_Həsənov.yml: 'Əli_Həsənov' is not a valid id "
        "(ids are lowercase ASCII letters and digits joined by '-', e.g. 'ali-hasanov')"
    ]


def test_yaml_extension_is_rejected_with_the_fix(mini: Path) -> None:
    write(mini, "actors/new-person.yaml", "name: New\nkind: person\n")
    assert errors_of(mini) == ["data/actors/new-person.yaml: record files end in .yml, not .yaml (rename it to new-person.yml)"]


def test_tab_indentation(mini: Path) -> None:
    write(mini, "actors/tabbed.yml", "name: Tab\nkind: person\naliases:\n\t- T\n")
    assert errors_of(mini) == [
        "data/actors/tabbed.yml:4: YAML syntax: a tab character where YAML expects spaces (indent with spaces, not tabs)"
    ]


def test_duplicate_key(mini: Path) -> None:
    write(mini, "actors/twice.yml", "name: One\nkind: person\nname: Two\n")
    assert errors_of(mini) == [
        "data/actors/twice.yml:3: YAML syntax: key 'name' appears twice in one mapping (first on line 1) (keep one of the two)"
    ]


def test_every_error_is_reported_in_one_run(mini: Path) -> None:
    write(mini, "actors/empty.yml", "")
    write(mini, "actors/listed.yml", "- name: A\n")
    (mini / "actors/binary.yml").write_bytes(b"name: caf\xe9\nkind: person\n")
    path = mini / "statements/okafor-doubts.yml"
    path.write_text(path.read_text().replace("speaker: ben-okafor", "speaker: nobody"))
    errors = errors_of(mini)
    assert errors == [
        "data/actors/binary.yml:1: not UTF-8 text: byte 0xe9 is 'é' in Windows-1252 (Latin-1), the encoding the file seems to be "
        "saved in (save it as UTF-8: your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), "
        "or iconv -f WINDOWS-1252 -t UTF-8 < data/actors/binary.yml > fixed.yml)",
        "data/actors/empty.yml: the file is empty (a record is a mapping of fields; copy another actors record to start)",
        "data/actors/listed.yml:1: expected a mapping of fields, found a list "
        "(write `field: value` lines at the top level, not `- item` lines)",
        "data/statements/okafor-doubts.yml:1: speaker: no actor 'nobody' (create data/actors/nobody.yml or fix the id)",
    ]
    # The good records still validate.
    assert check(mini).count()["actors"] == len(list((MINI / "actors").glob("*.yml")))


def test_affiliation_loop(mini: Path) -> None:
    write(mini, "actors/riverton-council.yml", "name: Council\nkind: body\naffiliations: [ana-lopez]\n")
    assert errors_of(mini) == [
        "data/actors/ana-lopez.yml:4: affiliations: loop: ana-lopez → riverton-council → ana-lopez "
        "(remove one of these affiliations so the chain ends)"
    ]


def test_self_reference(mini: Path) -> None:
    write(mini, "actors/riverton-council.yml", "name: Council\nkind: body\naffiliations: [riverton-council]\n")
    assert errors_of(mini) == [
        "data/actors/riverton-council.yml:3: affiliations[0]: 'riverton-council' refers to itself (remove it from the list)"
    ]


def test_unknown_kind_folder(mini: Path) -> None:
    write(mini, "actor/x.yml", "name: X\nkind: person\n")
    assert errors_of(mini) == ["data/actor: unknown record kind 'actor' (did you mean 'actors'?)"]


def test_parallel_parsing_gives_the_same_records_and_errors_in_the_same_order(tmp_path: Path) -> None:
    """Large folders are parsed in worker processes (plugin.fast.parse_pool.PARALLEL_FROM); the result must not change."""
    from benchmarks.synthetic import generate
    from macros.plugin.fast import parse_pool
    from macros.records import load as load_module

    data_dir = tmp_path / "data"
    generate(data_dir, 2000)
    (data_dir / "actors" / "broken.yml").write_text("name: [unclosed\n", encoding="utf-8")
    (data_dir / "claims" / "Bad_Id.yml").write_text("text: x\n", encoding="utf-8")
    files = sum(1 for _ in data_dir.glob("*/*.yml"))
    assert files >= parse_pool.PARALLEL_FROM

    parallel = load_module.load(data_dir, parse_many=parse_pool.parse_many)
    serial = load_module.load(data_dir)
    assert [(r.kind, r.id, r.data) for r in parallel.records] == [(r.kind, r.id, r.data) for r in serial.records]
    assert [str(e) for e in parallel.errors] == [str(e) for e in serial.errors]
    assert len(parallel.errors) == 2 and len(parallel.records) == files - 2
    assert parallel.present == serial.present


def test_under_serve_unchanged_files_keep_their_records_and_edits_are_seen(mini: Path) -> None:
    """`mkdocs serve` keeps parsed files and their validated records between rebuilds (load.py, validate.py)."""
    from macros.plugin.fast.speed import Speed

    session = Speed()
    session.start_serving(dirty=False)
    try:
        before = check(mini, session)
        path = mini / "actors/ana-lopez.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("name: Ana López", "name: Ana López Ruiz"), encoding="utf-8")
        write(mini, "statements/broken.yml", "speaker: nobody\n")
        (mini / "statements/okafor-paraphrase.yml").unlink()
        after = check(mini, session)
        assert len(session.parsed or {}) == len(list(mini.glob("*/*.yml")))  # a deleted file is forgotten
    finally:
        session.stop_serving()
    assert after.records["actors"]["ben-okafor"] is before.records["actors"]["ben-okafor"]
    assert record_of(after, Actor, "ana-lopez").name == "Ana López Ruiz"
    fresh = check(mini)  # no caches: the same records and the same errors
    assert after.records == fresh.records
    assert [str(e) for e in after.errors] == [str(e) for e in fresh.errors] != []


def test_loading_and_validating_leave_the_garbage_collector_as_they_found_it(mini: Path) -> None:
    """A check with the speed-ups pauses Python's cyclic collector (plugin.fast.heap.collector_paused) and must
    hand it back in the state it found it, whether it succeeds or finds errors."""
    import gc

    from macros.plugin.fast.checking import CheckingFast

    write(mini, "statements/broken.yml", "speaker: nobody\n")
    assert gc.isenabled()
    assert check(mini, CheckingFast()).errors
    assert gc.isenabled()
    gc.disable()
    try:
        check(mini, CheckingFast())
        assert not gc.isenabled()
    finally:
        gc.enable()
