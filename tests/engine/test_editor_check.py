"""One check for editors (issue 25 §2, §3, §8): `python -m macros check` also checks the editors' pages in
docs/ (macro names, the records their macros and `[[kind/id]]` links name), and the build reports the same
as one line each, never a traceback. The commands read the data and archive folders from the build's settings."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.cli import main, run_check
from macros.records.check import check
from tests.conftest import MINI, ROOT, write
from tests.engine.test_bad_input import MINI_RECORDS
from tests.engine.test_cli import mini_counts
from tests.engine.test_serve_equals_build import Project, environment

MEMO = """\
# Memo

The engineer said:

{{ quote("statements/okafor-doubt") }}

{{ source("sources/blog-post") }}

See [[claims/bridge-opens-in-2028]], `[[claims/an-example]]` and {{ cite("sources/blog-post") }}.

{% raw %}{{ quote("statements/an-example") }}{% endraw %}
"""
ERRORS = [
    "docs/memo.md:5: quote: no statement 'okafor-doubt' (did you mean \"statements/okafor-doubts\"?)",
    "docs/memo.md:7: source: no macro 'source' (did you mean 'source_page'? an editor's page shows records with quote(), figure(), "
    "claim(), cite(); the guide lists every macro)",
    "docs/memo.md:9: [[claims/bridge-opens-in-2028]]: no claim 'bridge-opens-in-2028' (did you mean 'bridge-opens-in-2027'?)",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = Project(tmp_path / "project")
    (project.folder / "docs/memo.md").write_text(MEMO, encoding="utf-8")
    monkeypatch.chdir(project.folder)
    monkeypatch.setenv("NO_COLOR", "1")
    return project


def test_check_reports_each_wrong_id_and_macro_on_an_editors_page(project: Project) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_check(Path("data"), out, err, docs_dir=Path("docs")) == 1
    assert err.getvalue().splitlines() == [
        "docs/memo.md  (3 errors)",
        "  line 5   quote: no statement 'okafor-doubt'",
        "           hint: did you mean \"statements/okafor-doubts\"?",
        "  line 7   source: no macro 'source'",
        "           hint: did you mean 'source_page'? an editor's page shows records with quote(), figure(), claim(), cite(); "
        "the guide lists every macro",
        "  line 9   [[claims/bridge-opens-in-2028]]: no claim 'bridge-opens-in-2028'",
        "           hint: did you mean 'bridge-opens-in-2027'?",
        "",
        f"3 errors in 1 file; {mini_counts(ok=False)}",
    ]


def test_the_build_fails_on_the_same_lines_without_a_traceback(project: Project) -> None:
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project.config), "-d", str(project.folder / "site")],
                           cwd=project.folder, env=environment(project), capture_output=True, text=True, timeout=600)
    assert built.returncode == 1
    assert [line for line in built.stderr.splitlines() if line.startswith("docs/")] == ERRORS
    assert "Traceback" not in built.stderr


def test_the_fixed_page_passes_check_and_the_build_shows_it(project: Project) -> None:
    """The control: the same page with the ids and the macro name right passes; code and raw spans are not calls."""
    fixed = MEMO.replace("okafor-doubt\"", "okafor-doubts\"").replace("{{ source(", "{{ cite(").replace("2028]]", "2027]]")
    (project.folder / "docs/memo.md").write_text(fixed, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert (run_check(Path("data"), out, err, docs_dir=Path("docs")), err.getvalue()) == (0, "")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project.config), "-d", str(project.folder / "site")],
                           cwd=project.folder, env=environment(project), capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    memo = (project.folder / "site/memo/index.html").read_text(encoding="utf-8")
    assert "Nobody builds a bridge like that in a year." in memo
    # A [[kind/id]] link on an editor's page is a link titled as the record, as in a record's prose; in code, an example.
    assert ('See <a href="../claims/bridge-opens-in-2027/" title="Status: disputed. Claimed by Ana López, first made 5 January 2026">'
            "The Riverton bridge will open in 2027.</a>, <code>[[claims/an-example]]</code>") in memo


# --- the commands read the build's settings -----------------------------------------------------------
def test_check_new_and_verify_quotes_read_the_data_and_archive_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "elsewhere"
    shutil.copytree(MINI, data_dir)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DOSSIER_ARCHIVE_DIR", str(ROOT / "tests/fixtures/mini-archive"))
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {MINI_RECORDS} records in {data_dir}, no errors")

    assert main(["new", "actor", "new-person"]) == 0
    assert capsys.readouterr().out == f"{data_dir}/actors/new-person.yml\n"
    assert not (ROOT / "data/actors/new-person.yml").exists()
    # The new record's required fields are empty: check, reading the same folder, says so (it checked that one).
    assert main(["check"]) == 1
    assert f"{data_dir}/actors/new-person.yml" in capsys.readouterr().err
    (data_dir / "actors/new-person.yml").unlink()

    assert main(["verify-quotes"]) == 0
    assert capsys.readouterr().out.endswith("quotations found verbatim in their archived sources\n")
    monkeypatch.setenv("DOSSIER_ARCHIVE_DIR", str(tmp_path / "no-archive"))
    assert main(["verify-quotes"]) == 2
    assert capsys.readouterr().err.startswith(f"error: archive folder {tmp_path / 'no-archive'} not found")


def test_without_the_variables_the_commands_read_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.cli import project_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("docs_dir: pages\nextra:\n  dossier:\n    data_dir: !ENV [NO_SUCH_VARIABLE_SET, records]\n"
                      "    archive_dir: copies\nmarkdown_extensions:\n  - x: !!python/name:os.getcwd\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("DOSSIER_")]:
        monkeypatch.delenv(name)
    settings = project_settings(config)
    assert (settings.data_dir, settings.archive_dir, settings.docs_dir) == (Path("records"), Path("copies"), Path("pages"))


# --- the JSON Schemas editors' YAML extensions use agree with check on dates ---------------------------
def schema_accepts(schema: dict[str, object], value: object) -> bool:
    """A date as the schema's `anyOf` of a patterned text and a bare year accepts it (what VS Code's YAML
    extension checks)."""
    options = schema["anyOf"]
    assert isinstance(options, list)
    for option in options:
        if option["type"] == "string" and isinstance(value, str) and re.search(option["pattern"], value):
            return True
        if option["type"] == "integer" and isinstance(value, int) and option["minimum"] <= value <= option["maximum"]:
            return True
    return False


@pytest.mark.parametrize("written", ["2026", "'2026'", "2026-02", "'2026-02-19'", "not stated", "19/02/2026", "2026-13", "26-02-19", "'2026-2'"])
def test_the_schema_and_check_agree_on_a_date(mini: Path, written: str) -> None:
    schema = json.loads((ROOT / "schema/statements.schema.json").read_text(encoding="utf-8"))["properties"]["date"]
    value = yaml.safe_load(f"date: {written}")["date"]
    write(mini, "statements/dated.yml", f"speaker: ana-lopez\ndate: {written}\nform: paraphrase\ntext: Hi.\nreported_in:\n  - source: blog-post\n")
    accepted_by_check = not any("dated.yml" in str(error) for error in check(mini).errors)
    assert schema_accepts(schema, value) == accepted_by_check
    assert accepted_by_check == (written not in ("19/02/2026", "2026-13", "26-02-19", "'2026-2'"))  # the control: both sides judge
