"""The engine tests stay off the dossier in data/ (tests/suite_layout.py), so that `make test-other-dossier`
changes what only the tests under tests/dossier/ see; and the `dossier` marker selects exactly those."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import DOSSIER_TESTS, ENGINE_TESTS, ROOT
from tests.suite_layout import DOSSIER_FIXTURES, dossier_reach, engine_tests_needing_the_dossier


def test_no_engine_test_module_reaches_the_dossier() -> None:
    modules = sorted(ENGINE_TESTS.glob("*.py"))
    assert len(modules) > 20
    assert {str(path.relative_to(ROOT)): dossier_reach(path) for path in modules if dossier_reach(path)} == {}


def test_the_module_check_finds_each_way_to_the_dossier(tmp_path: Path) -> None:
    module = tmp_path / "test_reaching.py"
    module.write_text(textwrap.dedent('''
        import tests.dossier_data
        from tests.conftest import DATA, MINI
        from tests.dossier_data import records

        def test_a(real_site):
            pass

        @pytest.mark.parametrize("site_fixture", ["mini_site", "real_url"])
        def test_b(site_fixture):
            return ROOT / "data", ROOT / "docs", MINI / "data"
        '''), encoding="utf-8")
    assert dossier_reach(module) == [
        "line 2: imports tests.dossier_data",
        "line 3: imports DATA from tests.conftest",
        "line 4: imports from tests.dossier_data",
        "line 6: takes the fixture real_site",
        "line 9: names the fixture real_url",
        'line 11: reads ROOT / "data"',
    ]


@dataclass
class CollectedTest:
    """The parts of a collected pytest.Item the collection check reads."""

    nodeid: str
    path: Path
    fixturenames: list[str]
    markers: list[str] = field(default_factory=list)

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.markers else None


def test_the_collection_check_names_engine_tests_taking_the_dossier() -> None:
    site, url = sorted(DOSSIER_FIXTURES)  # not spelt out: this module is itself checked for the names
    items = [
        CollectedTest("tests/engine/test_x.py::test_mini", ENGINE_TESTS / "test_x.py", ["mini_site", "tmp_path"]),
        CollectedTest("tests/engine/test_x.py::test_site", ENGINE_TESTS / "test_x.py", [url, site]),
        CollectedTest("tests/engine/test_x.py::test_marked", ENGINE_TESTS / "test_x.py", [], ["dossier"]),
        CollectedTest("tests/dossier/test_x.py::test_site", DOSSIER_TESTS / "test_x.py", [site], ["dossier"]),
    ]
    assert engine_tests_needing_the_dossier(items, ENGINE_TESTS) == [  # type: ignore[arg-type]  # stand-ins for pytest.Item
        "tests/engine/test_x.py::test_site: takes real_site, real_url",
        "tests/engine/test_x.py::test_marked: marked dossier",
    ]


def collected(*arguments: str) -> list[str]:
    """The node ids `pytest --collect-only` lists for these arguments."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *arguments],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_the_dossier_marker_selects_the_dossier_folder() -> None:
    by_marker = collected("-m", "dossier")
    assert by_marker == collected("tests/dossier")
    assert by_marker and all(nodeid.startswith("tests/dossier/") for nodeid in by_marker)
    assert not [nodeid for nodeid in collected("-m", "not dossier") if nodeid.startswith("tests/dossier/")]


def test_every_test_module_is_in_the_folder_of_its_kind() -> None:
    assert sorted(path.name for path in (ROOT / "tests").glob("test_*.py")) == []
