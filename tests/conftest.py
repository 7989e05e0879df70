"""Shared helpers: tiny data folders written by the tests, and real MkDocs builds into tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


def write(data_dir: Path, relative: str, text: str) -> Path:
    """Write one record file (dedented) and return its path."""
    path = data_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def build(data_dir: Path, site_dir: Path, **overrides: object) -> Path:
    """Build the real site (strict, as published) from `data_dir` into `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"),
        site_dir=str(site_dir),
        strict=True,
        extra={"dossier": {"data_dir": str(data_dir)}, "generator": False},
        **overrides,
    )
    mkdocs_build(config)
    return site_dir


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the mini dossier, with the working directory set so messages read data/…"""
    data_dir = tmp_path / "data"
    shutil.copytree(MINI, data_dir)
    monkeypatch.chdir(tmp_path)
    return data_dir


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini dossier built once for the tests that only read HTML."""
    return build(MINI, tmp_path_factory.mktemp("mini-site"))
