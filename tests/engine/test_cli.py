"""`python -m macros check|schema`: exact plain output, colour rules, exit codes, schemas kept in step."""

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

from macros.cli import Style, format_errors, main, run_check, use_colour, write_schemas
from macros.records.check import check
from macros.records.errors import DataError, plural
from macros.records.schema import KINDS, MODELS, json_schema
from tests.conftest import MINI, ROOT, write
from tests.engine.test_quotes import quote_printings_with_archive

PLAIN_ENV = {"NO_COLOR": "", "CI": "", "TERM": "xterm-256color"}


@pytest.fixture(autouse=True)
def terminal_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test states the environment it means: no inherited NO_COLOR or CI."""
    for name, value in PLAIN_ENV.items():
        monkeypatch.setenv(name, value)


def mini_counts(added: str | None = None, with_errors: tuple[str, ...] = (), ok: bool = True) -> str:
    """What `check` says of the mini dossier's records (one more of kind `added`), counted from the fixture,
    so the expectation follows the fixture as it grows."""
    counts = check(MINI).count()
    if added:
        counts[added] += 1
    kinds = ", ".join(plural(counts[kind], MODELS[kind].singular) + (" (1 with errors)" if kind in with_errors else "")
                      for kind in KINDS)
    return f"{sum(counts.values())} records in data{', no errors' if ok else ''}: {kinds}"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_check_ok_prints_counts_per_kind_and_exits_0(mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_ARCHIVE_DIR", str(MINI.parent / "mini-archive"))  # quotations and own words compared too
    assert main(["check", "data"]) == 0
    out, err = capsys.readouterr()
    assert out == f"ok: {mini_counts()}\n"
    assert err == ""


def test_check_says_when_it_could_not_compare_with_the_archive(mini: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone without the archive folder still checks its records, but never passes silently on the rules
    that need it."""
    monkeypatch.setenv("DOSSIER_ARCHIVE_DIR", "no-such-archive")
    assert main(["check", "data"]) == 0
    out, err = capsys.readouterr()
    assert out == f"ok: {mini_counts()}\n"
    assert err == ("note: archive folder no-such-archive not found: quotations and the editors' own words were not compared "
                   "with the sources (set DOSSIER_ARCHIVE_DIR)\n")


def test_check_errors_are_grouped_by_file_in_plain_text(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doubts = mini / "statements/okafor-doubts.yml"
    doubts.write_text(doubts.read_text().replace("speaker: ben-okafor", "speaker: ben-okafr"))
    write(mini, "actors/ben-two.yml", "name: Ben\nkind: person\nrole: engineer\nspeakr: x\n")
    claim = mini / "claims/bridge-opens-in-2027.yml"
    claim.write_text(claim.read_text().replace("status: disputed", "status: maybe", 1))

    assert main(["check", "data"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == """\
data/actors/ben-two.yml  (1 error)
  line 4   speakr: unknown field
           hint: remove it; the editor's guide lists the fields

data/claims/bridge-opens-in-2027.yml  (1 error)
  line 6   status: 'maybe' is not allowed
           hint: expected 'unverified', 'disputed', 'denied', 'refuted', 'confirmed' or 'partly true'

data/statements/okafor-doubts.yml  (1 error)
  line 1   speaker: no actor 'ben-okafr'
           hint: did you mean 'ben-okafor'?

3 errors in 3 files; """ + mini_counts(added="actors", with_errors=("actors", "statements", "claims"), ok=False) + "\n"


def test_several_errors_in_one_file_share_one_heading(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini, "events/bad.yml", 'title: Bad\ndate: "13/2026"\nsources: []\n')
    assert main(["check", "data"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("""\
data/events/bad.yml  (2 errors)
  line 2   date: '13/2026' is not a date
           hint: write YYYY, YYYY-MM or YYYY-MM-DD
  line 3   sources: must not be empty
           hint: give at least one

2 errors in 1 file; """)


def test_error_about_a_whole_file_says_file_instead_of_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "missing"]) == 1
    assert capsys.readouterr().err == """\
missing  (1 error)
  file     data folder not found
           hint: create it or set extra.dossier.data_dir

1 error in 1 file; 0 records in missing: """ + ", ".join(f"0 {kind}" for kind in KINDS) + "\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["chek"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'chek'" in capsys.readouterr().err


ERRORS = [DataError("data/a.yml", 3, "speaker", "no actor 'x'", "did you mean 'y'?")]


def test_colour_on_a_terminal_only() -> None:
    assert use_colour(Terminal()) is True
    assert use_colour(io.StringIO()) is False  # piped or redirected
    coloured = format_errors(ERRORS, Style(True))
    assert "\033[31mspeaker: no actor 'x'\033[0m" in coloured and "\033[1mdata/a.yml\033[0m" in coloured
    plain = format_errors(ERRORS, Style(False))
    assert "\033" not in plain
    assert plain == "data/a.yml  (1 error)\n  line 3   speaker: no actor 'x'\n           hint: did you mean 'y'?"


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("CI", "true"), ("TERM", "dumb")])
def test_no_colour_when_asked_not_to(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    assert use_colour(Terminal()) is False


def test_check_colours_errors_on_a_terminal(mini: Path) -> None:
    write(mini, "actors/ben-two.yml", "name: Ben\nkind: robot\n")
    err = Terminal()
    assert run_check(Path("data"), out=io.StringIO(), err=err) == 1
    assert "\033[31mkind: 'robot' is not allowed\033[0m" in err.getvalue()


def test_the_real_command_is_plain_when_piped_and_sets_the_exit_status(mini: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "", "CI": "", "DOSSIER_ARCHIVE_DIR": str(MINI.parent / "mini-archive")}
    ok = subprocess.run([sys.executable, "-m", "macros", "check", "data"], capture_output=True, text=True, env=env)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout == f"ok: {mini_counts()}\n"
    write(mini, "actors/ben-two.yml", "name: Ben\nkind: robot\n")
    bad = subprocess.run([sys.executable, "-m", "macros", "check", "data"], capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "\033" not in bad.stderr
    assert bad.stderr.startswith("data/actors/ben-two.yml  (1 error)\n  line 2   kind: 'robot' is not allowed\n")


def test_committed_schemas_are_what_python_m_macros_schema_writes(tmp_path: Path) -> None:
    """Change macros/records/schema.py without `make schema` and this fails: editors would validate against stale rules."""
    write_schemas(tmp_path / "schema", out=io.StringIO())
    fresh = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "schema").glob("*.schema.json")}
    committed = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "schema").glob("*.schema.json")}
    assert sorted(committed) == sorted(f"{kind}.schema.json" for kind in KINDS)
    for name, text in fresh.items():
        assert committed[name] == text, f"schema/{name} is stale: run `make schema` and commit the result"


def test_schemas_are_the_ones_the_site_publishes() -> None:
    for kind in KINDS:
        committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert committed == json_schema(kind)


def test_verify_quotes_groups_errors_and_exits_1(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doubts = mini / "statements/okafor-doubts.yml"
    doubts.write_text(doubts.read_text().replace("like that in a year", "like this in a year"))
    archive = MINI.parent / "mini-archive"
    assert main(["verify-quotes", "data", "--archive", str(archive)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("data/statements/okafor-doubts.yml  (1 error)\n  line 4   text: not found verbatim in blog.txt")
    assert err.endswith(f"\n1 quotation not found verbatim; {quote_printings_with_archive(check(MINI))} checked\n")


def test_the_data_check_loads_neither_mkdocs_nor_jinja() -> None:
    """`macros check` is timed against a 3 s target at 10,000 statements (maintainers/performance.md): it must not
    pay for importing the site builder."""
    probe = ("import runpy, sys\nsys.argv = ['macros', 'check', sys.argv[1]]\n"
             "try:\n    runpy.run_module('macros', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "heavy = ('jinja2', 'mkdocs', 'markdown', 'macros.site.renderer', 'macros.site.pipeline', 'macros.site.pages')\n"
             "print(sorted(name for name in heavy if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(MINI)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


# --- check holds the dossier's rules against the archive: quotes verbatim, the editors' own words ------------

MINI_ARCHIVE = MINI.parent / "mini-archive"
COPIED_NOTE = "In the ledger the mayor said on Monday the bridge will open in 2027, on time."


def with_archive(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mini archive where the build would read it: DOSSIER_ARCHIVE_DIR, as mkdocs.yml's !ENV reads it."""
    shutil.copytree(MINI_ARCHIVE, mini.parent / "copies")
    monkeypatch.setenv("DOSSIER_ARCHIVE_DIR", "copies")


def test_check_passes_the_mini_dossier_with_its_archive(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with_archive(mini, monkeypatch)
    assert main(["check"]) == 0
    assert capsys.readouterr() == (f"ok: {mini_counts()}\n", "")


def test_check_reports_a_copied_run_and_a_quote_not_verbatim(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with_archive(mini, monkeypatch)
    claim = mini / "claims/bridge-opens-in-2027.yml"
    claim.write_text(re.sub(r"(?m)^status_note: .*$", f"status_note: {COPIED_NOTE}", claim.read_text()))
    doubts = mini / "statements/okafor-doubts.yml"
    doubts.write_text(doubts.read_text().replace("like that in a year", "like this in a year"))

    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "data/claims/bridge-opens-in-2027.yml  (1 error)",
        "  line 7   status_note: 13 words copied from “Bridge plan announced” outside quotation marks: "
        "\"the mayor said on Monday the bridge will open in 2027, on time\"",
        "           hint: record them as a quote statement that cites the source, or say it in our own words",
        "",
        "data/statements/okafor-doubts.yml  (1 error)",
        "  line 4   text: not found verbatim in blog.txt (blog-post)",
        "           hint: copy the words exactly as printed; only quote marks and spaces may differ",
        "",
        "2 errors in 2 files; " + mini_counts(with_errors=("statements", "claims"), ok=False),
    ]


def test_without_an_archive_folder_the_same_data_passes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Negative control: what the check above reports, it finds in the archive copies, not in the records alone.
    claim = mini / "claims/bridge-opens-in-2027.yml"
    claim.write_text(re.sub(r"(?m)^status_note: .*$", f"status_note: {COPIED_NOTE}", claim.read_text()))
    assert main(["check"]) == 0
    assert capsys.readouterr().out == f"ok: {mini_counts()}\n"


def test_check_reports_a_character_no_font_draws_as_the_build_does(mini: Path) -> None:
    """`python -m macros check` reads and validates on its own path (fast parsing): it must run the font rule the
    build's check runs, or a Cherokee name passed `check` and failed only the build."""
    write(mini, "actors/ben-two.yml", "name: \u13a0 Ben\nkind: person\n")
    err = io.StringIO()
    assert run_check(Path("data"), out=io.StringIO(), err=err) == 1
    assert ('line 1   name: no font the site has draws "\u13a0" (U+13A0 CHEROKEE LETTER A): readers would see an empty box'
            in err.getvalue())
    assert any("no font the site has draws" in str(error) for error in check(Path("data")).errors)  # the build's check too
