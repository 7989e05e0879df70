"""`python -m macros new`: templates from the schema, refusals, and a whole dossier started from scratch.

The templates leave required fields empty on purpose: the check then names exactly the fields still to
fill in. The end-to-end test fills them as an editor would (editing the placeholder lines) and builds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

from macros import scaffold
from macros.cli import main
from macros.records.check import check
from macros.records.load import suggest_id
from macros.records.schema import KINDS, KINDS_WITH_PAGES, MODELS, Statement
from macros.site.guide import field_docs
from tests.conftest import ROOT, build, record_of
from tests.fixture_records import fixture_record_pointing_at

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def required_fields(kind: str) -> set[str]:
    """What the check must report for an untouched template: each required field, as the error names it."""
    names = set()
    for doc in field_docs(MODELS[kind]):
        if len(doc.path) == 1 and doc.required and doc.nested is None:
            names.add(doc.name)
        elif len(doc.path) == 2 and doc.required:
            parent = next(d for d in field_docs(MODELS[kind]) if d.path == doc.path[:1])
            if parent.required:
                names.add(f"{doc.path[0]}[0].{doc.path[1]}")
    return names


@pytest.mark.parametrize("kind", KINDS)
def test_template_leaves_exactly_the_required_fields_to_fill(kind: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    path = scaffold.create(Path("data"), kind, f"new-{MODELS[kind].singular}")
    assert path == Path("data") / kind / f"new-{MODELS[kind].singular}.yml"
    dossier = check(Path("data"))
    assert {error.path for error in dossier.errors} == {str(path)}
    assert {error.field for error in dossier.errors} == required_fields(kind)
    assert all(error.line > 0 for error in dossier.errors)  # each error points at its placeholder line


@pytest.mark.parametrize("kind", KINDS)
def test_template_names_its_schema_on_the_first_line(kind: str, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    path = scaffold.create(tmp_path / "data", kind, "x")
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first_line)
    assert match, first_line
    assert (path.parent / match.group(1)).resolve() == (ROOT / "schema" / f"{kind}.schema.json").resolve()


def test_in_the_project_layout_the_schema_path_is_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "SCHEMA_DIR", tmp_path / "schema")
    (tmp_path / "data").mkdir()
    path = scaffold.create(tmp_path / "data", "statement", "x")
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/statements.schema.json\n")


@pytest.mark.parametrize("kind", KINDS)
def test_template_lists_every_optional_field_commented_out(kind: str) -> None:
    text = scaffold.template(kind, "x.json")
    for doc in field_docs(MODELS[kind]):
        if len(doc.path) == 1 and not doc.required:
            assert re.search(rf"^# {doc.key}:", text, re.M), doc.name


@pytest.mark.parametrize("kind", KINDS)
def test_template_passes_yamllint(kind: str) -> None:
    config = YamlLintConfig(file=str(ROOT / ".yamllint.yml"))
    problems = list(linter.run(scaffold.template(kind, f"../../schema/{kind}.schema.json"), config, f"data/{kind}/x.yml"))
    assert problems == []


@pytest.mark.parametrize("name", ["statement", "statements", "Statement", " STATEMENTS "])
def test_kind_may_be_singular_or_plural(name: str) -> None:
    assert scaffold.resolve_kind(name) == "statements"


def test_new_prints_only_the_path_on_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "data").mkdir()
    (tmp_path / "elsewhere").mkdir()
    assert main(["new", "statement", "aliyev-2026-01-05-mandate"]) == 0
    out, err = capsys.readouterr()
    assert out == "data/statements/aliyev-2026-01-05-mandate.yml\n"
    assert err == "fill in the fields marked 'required', then run: make check\n"
    assert main(["new", "statements", "second.yml", "--data-dir", "elsewhere"]) == 0  # a typed .yml is forgiven
    assert capsys.readouterr().out == "elsewhere/statements/second.yml\n"


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    existing = tmp_path / "data/actors/ana.yml"
    existing.parent.mkdir(parents=True)
    existing.write_text("name: Ana\nkind: person\n", encoding="utf-8")
    assert main(["new", "actor", "ana"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("error: data/actors/ana.yml already exists; nothing was written\n"
                   "hint: edit that file, or choose another id\n")
    assert existing.read_text(encoding="utf-8") == "name: Ana\nkind: person\n"


def test_new_refuses_an_id_spelled_another_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "data/actors").mkdir(parents=True)
    (tmp_path / "data/actors/ana.yaml").write_text("name: Ana\nkind: person\n", encoding="utf-8")
    assert main(["new", "actor", "ana"]) == 1
    assert capsys.readouterr().err == ("error: data/actors/ana.yaml already exists; nothing was written\n"
                                       "hint: rename it to ana.yml\n")


@pytest.mark.parametrize("wrong", ["Aliyev_Mandate", "əliyev 2026", "__", "a--b"])
def test_new_refuses_an_invalid_id_with_the_loaders_hint(wrong: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["new", "statement", wrong]) == 1
    assert capsys.readouterr().err == f"error: '{wrong}' is not a valid id\nhint: {suggest_id(wrong)}\n"
    assert not (tmp_path / "data").exists()


def test_new_names_the_kinds_when_the_kind_is_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["new", "statment", "x"]) == 2
    assert capsys.readouterr().err == "error: no record kind 'statment'\nhint: did you mean 'statement'?\n"
    assert main(["new", "memo", "x"]) == 2
    assert capsys.readouterr().err == ("error: no record kind 'memo'\n"
                                       f"hint: the kinds are: {', '.join(MODELS[kind].singular for kind in KINDS)}\n")


# What an editor types over each placeholder, per kind; the records refer to each other.
FILLED_IN = {
    "actors": {"name": "Test Person", "kind": "person"},
    "sources": {"title": "A test report", "kind": "news report", "outlet": "not stated", "author": "test-actor",
                "published": "2026-01-05"},
    "events": {"title": "A test event", "date": "2026-01-05", "sources": "[test-source]"},
    "statements": {"speaker": "test-actor", "date": "2026-01-05", "form": "quote", "text": '"We will be there."',
                   "source": "test-source"},
    "claims": {"text": "The test person will be there.", "claimant": "test-actor", "first_made": "2026-01-05",
               "status": "unverified", "status_note": "Only [[statements/test-statement|the statement]] says so.",
               "sources": "[test-source]"},
    "figures": {"label": "Test count", "value": "42", "unit": "people", "sources": "[test-source]"},
    "topics": {"title": "A test topic", "question": "Will they be there?", "bottom_line": "Unknown yet.",
               "brief": "See [[claims/test-claim]]."},
}


def filled_in(kind: str) -> dict[str, str]:
    """What an editor types over `kind`'s placeholders: FILLED_IN's, or for a kind added since, the mini
    fixture's record of the kind with its references pointing at the other test records (JSON is YAML)."""
    if kind in FILLED_IN:
        return FILLED_IN[kind]
    record = fixture_record_pointing_at(kind, {other: f"test-{MODELS[other].singular}" for other in KINDS})
    return {name: json.dumps(value, ensure_ascii=False) for name, value in record.items()}


PLACEHOLDER = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>\w+):(?: \[\])?\s+# required\b.*$", re.M)


def fill_in(text: str, values: dict[str, str]) -> str:
    """Replace each `key:   # required …` line with `key: value`, as an editor does. A list of entries
    (`reported_in:`) keeps its line: the editor fills in the fields of its entries below it."""
    def replace(match: re.Match[str]) -> str:
        if match["key"] not in values:
            return match[0]
        return f"{match['indent']}{match['key']}: {values[match['key']]}"

    return PLACEHOLDER.sub(replace, text)


def test_a_dossier_started_from_templates_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = Path("data")
    data.mkdir()
    for kind in KINDS:
        path = scaffold.create(data, kind, f"test-{MODELS[kind].singular}")
        text = fill_in(path.read_text(encoding="utf-8"), filled_in(kind))
        assert not re.search(r"^\s*(- )?\w+:\s+# required: (?!list of entries)", text, re.M), text  # none left empty
        if kind == "statements":  # and an optional field, by deleting the '# ' in front of it
            text = re.sub(r"^# topics: \[\].*$", "topics: [test-topic]", text, flags=re.M)
        path.write_text(text, encoding="utf-8")

    dossier = check(data)
    assert [str(error) for error in dossier.errors] == []
    assert dossier.count() == dict.fromkeys(KINDS, 1)
    assert record_of(dossier, Statement, "test-statement").topics == ["test-topic"]

    site = build(tmp_path / "data", tmp_path / "site")
    for kind in KINDS:
        if kind in KINDS_WITH_PAGES:
            assert (site / kind / f"test-{MODELS[kind].singular}" / "index.html").is_file(), kind
    assert 'id="figures-test-figure"' in (site / "figures" / "index.html").read_text(encoding="utf-8")
    assert "Test Person" in (site / "guide" / "index.html").read_text(encoding="utf-8")  # examples from this data
