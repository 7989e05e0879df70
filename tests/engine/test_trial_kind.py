"""A kind said once, in the tests too: a trial kind ("documents") added to a copy of the project the way the
guide's maintainer section says (tests/trial_kind.py) builds strict, with its tab, pages, CSV and schema, and
the kind-sensitive tests pass in the copy. Their per-kind tables and kind lists come from the kinds
(macros/records/schema.py) and the mini fixture (tests/fixture_records.py), so a new kind breaks none of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.trial_kind import FOLDER, RECORD_ID, add_trial_kind, copy_project

# The tests that hold a table or a list of the kinds, or a message spelling them out.
KIND_SENSITIVE = ["tests/engine/test_kinds.py", "tests/engine/test_hostile.py", "tests/engine/test_scaffold.py",
                  "tests/engine/test_cli.py", "tests/engine/test_bad_input.py", "tests/engine/test_plain_project.py",
                  "tests/engine/test_trust.py", "tests/engine/test_guide.py"]
_MINI = {"DOSSIER_DATA_DIR": "tests/fixtures/mini", "DOSSIER_ARCHIVE_DIR": "tests/fixtures/mini-archive"}


def _run(project: Path, *command: str, data: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("DOSSIER_")}
    env.update(data or {}, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, *command], cwd=project, env=env, capture_output=True, text=True, timeout=1800)


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    return (done.stdout + done.stderr)[-4000:]


def _failed(done: subprocess.CompletedProcess[str]) -> set[str]:
    """The tests a pytest run reports failed or in error (its short summary, `-rfE`)."""
    return {line.split(" ", 1)[1].split(" - ", 1)[0] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))}


def _kind_sensitive_tests(project: Path) -> subprocess.CompletedProcess[str]:
    return _run(project, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "-m", "not browser and not slow", *KIND_SENSITIVE)


def test_a_kind_added_as_the_guide_says_builds_and_breaks_no_test(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    # What fails already without the trial kind is another test's business (the whole suite reports it):
    # the trial kind must make no other test fail.
    before = _kind_sensitive_tests(project)
    add_trial_kind(project)
    site = tmp_path / "site"
    built = _run(project, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site), data=_MINI)
    assert built.returncode == 0, _tail(built)
    assert (site / FOLDER / RECORD_ID / "index.html").is_file() and (site / FOLDER / "index.html").is_file()
    assert (site / "export" / f"{FOLDER}.csv").is_file() and (site / "schema" / f"{FOLDER}.schema.json").is_file()
    assert f'href="{FOLDER}/"' in (site / "index.html").read_text(encoding="utf-8")  # its tab
    tested = _kind_sensitive_tests(project)
    assert " passed" in tested.stdout.splitlines()[-1], _tail(tested)
    assert _failed(tested) - _failed(before) == set(), _tail(tested)


def test_the_kind_sensitive_tests_catch_a_kind_added_without_its_guide_section(tmp_path: Path) -> None:
    """The control: the same kind without its part of the guide fails test_kinds, naming what is missing."""
    project = copy_project(ROOT, tmp_path / "project")
    add_trial_kind(project, guide_section=False)
    tested = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/engine/test_kinds.py")
    assert tested.returncode == 1
    assert "documents" in tested.stdout and "guide" in tested.stdout
