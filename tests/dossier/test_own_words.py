"""Own words in the dossier in data/: no run of 8 or more consecutive words from an archived source appears in
its free text (macros/records/own_words.py, which `python -m macros check` also runs; tests/engine/test_own_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from macros.records.check import check
from macros.site.pipeline import dossier_settings
from tests.conftest import ROOT
from tests.engine.test_own_words import copied_runs


def configured_folders() -> tuple[Path, Path]:
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return dossier_settings(config.get("extra") or {}, ROOT)


def test_no_free_text_copies_an_archived_source() -> None:
    data_dir, archive_dir = configured_folders()
    if not archive_dir.is_dir():
        pytest.skip(f"archive folder {archive_dir} not found (mkdocs.yml extra.dossier.archive_dir): nothing to compare with")
    dossier = check(data_dir)
    assert [str(e) for e in dossier.errors] == []
    assert copied_runs(dossier, archive_dir) == []
