"""Classes of hostile input from a held-out set (issue 26, section 3), each with its exact message or output:
a shallow clone's dates."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import pytest

from macros.export import SHALLOW_HISTORY, git_change_dates

# --- a shallow clone ------------------------------------------------------------------------------------


def _git(repo: Path, *args: str, date: str = "2024-01-01T00:00:00+00:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL="/dev/null")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose data/ changed three times: a.yml and b.yml in January, b.yml in February, a.yml in March."""
    repo = tmp_path / "origin"
    (repo / "data").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    for date, changed in (("2024-01-01", ("a", "b")), ("2024-02-01", ("b",)), ("2024-03-01", ("a",))):
        for name in changed:
            (repo / "data" / f"{name}.yml").write_text(f"name: {name} {date}\n", encoding="utf-8")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", date, date=f"{date}T00:00:00+00:00")
    return repo


def test_a_full_history_dates_each_file_by_its_last_change(history: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert git_change_dates(history / "data") == {"a.yml": "2024-03-01T00:00:00+00:00", "b.yml": "2024-02-01T00:00:00+00:00"}
    assert SHALLOW_HISTORY not in caplog.text


@pytest.mark.parametrize(("depth", "known"), [("1", {}), ("2", {"a.yml": "2024-03-01T00:00:00+00:00"})])
def test_a_shallow_clone_dates_only_what_its_history_shows_and_says_so(history: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                     depth: str, known: dict[str, str]) -> None:
    """`git clone --depth 1` dated every file by its one commit (March, for b.yml changed in February). The
    clone's oldest commit lists every file, so only the commits after it date a file; the rest keep their
    records' own dates, and the build says why."""
    clone = tmp_path / f"clone-{depth}"
    _git(tmp_path, "clone", "-q", "--depth", depth, f"file://{history}", str(clone))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        assert git_change_dates(clone / "data") == known
    assert caplog.messages == [SHALLOW_HISTORY]
    assert SHALLOW_HISTORY == ("the data folder's git history is shallow (a clone made with --depth): records it shows no change of "
                               "are dated by their own dates in the feed, not by git. For the change dates, run `git fetch --unshallow`")
