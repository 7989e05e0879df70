"""The editing workflow on the dossier in data/: every record file's editor modeline names its own kind's
schema, and yamllint passes on the data (the rest of the workflow: tests/engine/test_workflow.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI, ROOT
from tests.dossier_data import DATA


def test_record_files_name_their_own_kinds_schema() -> None:
    """A modeline copied from another kind would make the editor check a statement against the claim rules."""
    for data_dir in (DATA, MINI):
        for path in sorted(data_dir.glob("*/*.yml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            if first.startswith("# yaml-language-server:"):
                assert first == f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json", path


def test_yamllint_passes_on_every_yaml_file_and_on_the_dossiers_data() -> None:
    """Every YAML file of the project (yamllint finds them; .yamllint.yml names what it skips), and the
    dossier's data folder wherever DOSSIER_DATA_DIR puts it, with the records' rules: a prose line as long
    as its paragraph (the project's exemption is written for data/, a path a folder elsewhere does not match)."""
    project = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "."], cwd=ROOT, capture_output=True, text=True)
    assert (project.returncode, project.stdout) == (0, "")
    records = f"{{extends: {ROOT / '.yamllint.yml'}, rules: {{line-length: disable}}}}"
    data = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "-d", records, str(DATA)],
                          cwd=ROOT, capture_output=True, text=True)
    assert (data.returncode, data.stdout) == (0, "")


def test_yamllint_sees_a_fault_in_a_data_folder_outside_the_project(tmp_path: Path) -> None:
    """The negative control: the data folder's run does lint what it is given."""
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "x.yml").write_text("name: X\nname: Y\n", encoding="utf-8")
    records = f"{{extends: {ROOT / '.yamllint.yml'}, rules: {{line-length: disable}}}}"
    data = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "-d", records, str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert data.returncode == 1 and "duplication of key \"name\"" in data.stdout
