"""When each data file last changed, from git: the feed's dates and each page's "last changed" line."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_change_dates(data_dir: Path) -> dict[str, str]:
    """Last commit date (ISO) of every file under data_dir, from one `git log`; {} outside git."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=@%cI", "--name-only", "--no-renames", "--", "."],
            cwd=data_dir, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
        top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=data_dir, capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line.removeprefix(top), current)  # newest first: keep the first seen
    return dates
