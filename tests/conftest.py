"""Shared helpers: tiny data folders written by the tests, and real MkDocs builds into tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from xml.etree import ElementTree

import pytest

from tests.suite_layout import engine_tests_needing_the_dossier

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from macros.plugin.dossier_plugin import DossierPlugin
    from macros.records.schema import Record
    from macros.records.validate import Dossier
    from tests.engine.test_search_browser import Reader

    R = TypeVar("R", bound=Record)

ROOT = Path(__file__).resolve().parent.parent
# For tests that fork (a full build's second process, plugin.fast.background.MadeInBackground) while the browser tests'
# servers may still run threads: Python 3.12 warns of any fork then. Those servers hold no lock the forked
# process could need; a build itself never forks beside threads (plugin.fast.fork_gate.may_fork).
forks_beside_test_threads = pytest.mark.filterwarnings("ignore:.*multi-threaded.*fork:DeprecationWarning")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


# The folder says which kind a test is. tests/dossier/: tests that hold for whatever dossier data/ holds
# (DOSSIER_DATA_DIR), marked `dossier` here so that `pytest -m dossier` and `pytest tests/dossier` run the same
# tests. tests/engine/: tests on fixtures they own (tests/fixtures, records written in the test), which must
# not reach the dossier: tests/suite_layout.py says how that is checked.
DOSSIER_TESTS = Path(__file__).resolve().parent / "dossier"
ENGINE_TESTS = Path(__file__).resolve().parent / "engine"
# tests/exit/ installs other builders (ProperDocs, Zensical) and builds the dossier with each: `make test-exit`
# runs it, apart from `make test` (maintainers/exit-plan.md).
collect_ignore = [] if os.environ.get("DOSSIER_EXIT_TESTS") else ["exit"]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: the marker must be on every dossier test by then
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(DOSSIER_TESTS):
            item.add_marker(pytest.mark.dossier)
    misplaced = engine_tests_needing_the_dossier(items, ENGINE_TESTS)
    if misplaced:
        raise pytest.UsageError("engine tests that need the dossier in data/ (move them to tests/dossier/):\n  " + "\n  ".join(misplaced))


@pytest.fixture(autouse=True)
def _engine_tests_ignore_the_dossiers_settings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine test reads what it sets up, never the dossier the suite is run on: `DOSSIER_DATA_DIR=… pytest`
    made `check` and `new` in an engine test's own folder read that dossier instead (mkdocs.yml's settings)."""
    if request.node.path.is_relative_to(ENGINE_TESTS):
        for name in [name for name in os.environ if name.startswith("DOSSIER_") and name != "DOSSIER_EXIT_TESTS"]:
            monkeypatch.delenv(name)


def write(data_dir: Path, relative: str, text: str) -> Path:
    """Write one record file (dedented) and return its path."""
    path = data_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def build(data_dir: Path, site_dir: Path, **overrides: Any) -> Path:
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


def records_of(dossier: Dossier, model: type[R]) -> dict[str, R]:
    """A kind's records of a checked dossier, by id in the order `dossier.records` holds them, typed as the
    kind's model."""
    records = dossier.records[model.folder]
    typed = {record_id: record for record_id, record in records.items() if isinstance(record, model)}
    assert len(typed) == len(records), model.folder
    return typed


def record_of(dossier: Dossier, model: type[R], record_id: str) -> R:
    """One record of a checked dossier, typed as its kind's model (`dossier.records` holds them as `Record`)."""
    record = dossier.records[model.folder][record_id]
    assert isinstance(record, model), (model.folder, record_id)
    return record


def matched(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """`re.search` where the test needs a match: none fails the test, saying what was looked for."""
    match = re.search(pattern, text, flags)
    assert match is not None, pattern
    return match


def child(element: ElementTree.Element, path: str) -> ElementTree.Element:
    """The child of an XML element at `path`, which must be there."""
    found = element.find(path)
    assert found is not None, path
    return found


def child_text(element: ElementTree.Element, path: str) -> str:
    """The text of the child of an XML element at `path`, which must be there."""
    return child(element, path).text or ""


def dossier_plugin() -> DossierPlugin:
    """This process's dossier plugin: MkDocs makes it once per process and keeps it for every build
    (config_options.Plugins caches a plugin with on_startup), as `mkdocs serve` does across rebuilds."""
    from mkdocs.config import load_config

    from macros.plugin.dossier_plugin import DossierPlugin

    plugin = load_config(str(ROOT / "mkdocs.yml")).plugins["dossier"]
    assert isinstance(plugin, DossierPlugin)
    return plugin


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


# --- sites built once per session for the real-client tests (browser, axe, vnu, linkchecker) -----
from tests.dossier_data import DATA  # noqa: E402  (DOSSIER_DATA_DIR, default data/)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini dossier plus one hostile record of every kind (tests/hostile_records.py), built once."""
    from tests.hostile_records import write_hostile_dossier

    base = tmp_path_factory.mktemp("hostile")
    return build(write_hostile_dossier(base / "data"), base / "site")


@pytest.fixture(scope="session")
def hostile_offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile dossier's offline copy, where Material's search indexes the pages."""
    from tests.hostile_records import write_hostile_dossier

    base = tmp_path_factory.mktemp("hostile-offline")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_OFFLINE", "true")
        return build(write_hostile_dossier(base / "data"), base / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dossier in data/, built once. Skipped only while data/ holds no record at all."""
    if not any(DATA.glob("*/*.yml")):
        pytest.skip("data/ holds no records yet")
    return build(DATA, tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy to open from disk: `DOSSIER_OFFLINE=true mkdocs build` (Material's offline plugin)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_OFFLINE", "true")
        site = build(MINI, tmp_path_factory.mktemp("offline-site"))
    site.chmod(0o755)  # Chromium's file:// reads need no more than the owner's rights, but keep it readable
    return site


@pytest.fixture(scope="session")
def mini_url(mini_site: Path) -> Iterator[str]:
    """The mini site served on 127.0.0.1 for the session."""
    from tests.real_clients import serve

    with serve(mini_site) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    from tests.real_clients import serve

    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    from tests.real_clients import serve

    with serve(real_site) as url:
        yield url


# A reader's two screens, as the browser tests open them.
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(WIDTHS))
def reader(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Reader]:
    """A reader's tab at desktop or phone width (tests/engine/test_search_browser.Reader), its network stopping
    at this machine: a request beyond it, or a script error on the page, fails the test."""
    from tests.engine.test_search_browser import Reader

    session = Reader(chromium, WIDTHS[request.param])
    yield session
    session.close()
    assert session.blocked == [] and session.errors == []


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright: one browser for the whole session."""
    from tests.real_clients import launch_chromium, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
