"""When each data file last changed, from git: the feed's dates and each page's "last changed" line."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

_log = logging.getLogger("mkdocs.plugins.dossier")

# What a build says of a shallow clone's history (INFO: a strict build fails on warnings, and the site is right).
SHALLOW_HISTORY = ("the data folder's git history is shallow (a clone made with --depth): records it shows no "
                   "change of are dated by their own dates in the feed, not by git. For the change dates, run "
                   "`git fetch --unshallow`")


def git_change_dates(data_dir: Path) -> dict[str, str]:
    """Last commit date (ISO) of every file under data_dir, from one `git log`; {} outside git.

    In a shallow clone the oldest commit it holds (a boundary) lists every file as added, so its date says
    nothing of when a file changed: a `git clone --depth 1` dated every record by that one commit. Dates
    come only from the commits after a boundary; a file changed in none of them keeps its record's date."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=@%H %cI", "--name-only", "--no-renames", "--", "."],
            cwd=data_dir, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
        top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=data_dir, capture_output=True, text=True,
                             check=True).stdout.strip()
        boundaries = _shallow_boundaries(data_dir)
    except (OSError, subprocess.SubprocessError):
        return {}
    if boundaries:
        _log.info(SHALLOW_HISTORY)
    dates: dict[str, str] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("@"):
            commit, _, date = line[1:].partition(" ")
            current = "" if commit in boundaries else date
        elif line and current:
            dates.setdefault(line.removeprefix(top), current)  # newest first: keep the first seen
    return dates


def _shallow_boundaries(data_dir: Path) -> set[str]:
    """The commits where a shallow clone's history is cut ($GIT_DIR/shallow); none in a full clone."""
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository", "--git-path", "shallow"], cwd=data_dir,
                             capture_output=True, text=True, check=True).stdout.split("\n")
    if shallow[0].strip() != "true":
        return set()
    path = Path(shallow[1].strip())
    return set((path if path.is_absolute() else data_dir / path).read_text(encoding="utf-8").split())
