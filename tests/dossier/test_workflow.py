"""The editing workflow on the dossier in data/: every record file's editor modeline names its own kind's
schema, and yamllint passes on the data (the rest of the workflow: tests/engine/test_workflow.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import MINI, ROOT
from tests.dossier_data import DATA


def test_record_files_name_their_own_kinds_schema() -> None:
    """A modeline copied from another kind would make the editor check a statement against the claim rules."""
    for data_dir in (DATA, MINI):
        for path in sorted(data_dir.glob("*/*.yml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            if first.startswith("# yaml-language-server:"):
                assert first == f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json", path


def test_yamllint_passes_on_the_data_the_fixtures_and_the_config() -> None:
    result = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "data", "tests/fixtures",
                             "mkdocs.yml", ".github", ".pre-commit-config.yaml", ".yamllint.yml"],
                            cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")
