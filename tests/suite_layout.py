"""What keeps the engine tests (tests/engine/) off the dossier in data/, so that another dossier changes only
what the dossier tests (tests/dossier/) see.

Two checks share these names. At collection, conftest.py refuses an engine test that takes a dossier fixture
(`real_site`, `real_url`) or is marked `dossier`. `dossier_reach` reads an engine module's source for what
collection cannot see: a fixture asked for by name (`request.getfixturevalue("real_site")`, a parametrize
list), the dossier's folders from tests/dossier_data.py or conftest.py, or `ROOT / "data"`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

DOSSIER_FIXTURES = {"real_site", "real_url"}
DOSSIER_MODULE = "tests.dossier_data"
# conftest.py re-exports the dossier's folder for its own `real_site` fixture.
DOSSIER_NAMES = {"DATA", "ARCHIVE"}


def dossier_reach(path: Path) -> list[str]:
    """`line N: what` for each place where the module at `path` reaches the dossier in data/; [] if none."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == DOSSIER_MODULE:
            found.append((node.lineno, f"imports from {DOSSIER_MODULE}"))
        elif isinstance(node, ast.ImportFrom) and node.module == "tests.conftest":
            found += [(node.lineno, f"imports {alias.name} from tests.conftest") for alias in node.names if alias.name in DOSSIER_NAMES]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"imports {DOSSIER_MODULE}") for alias in node.names if alias.name == DOSSIER_MODULE]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in DOSSIER_FIXTURES:
            found.append((node.lineno, f"names the fixture {node.value}"))
        elif isinstance(node, ast.arg) and node.arg in DOSSIER_FIXTURES:
            found.append((node.lineno, f"takes the fixture {node.arg}"))
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.left, ast.Name)
              and node.left.id == "ROOT" and isinstance(node.right, ast.Constant) and node.right.value == "data"):
            found.append((node.lineno, 'reads ROOT / "data"'))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def engine_tests_needing_the_dossier(items: Iterable[pytest.Item], engine_tests: Path) -> list[str]:
    """`node id: why` for each collected test under `engine_tests` that takes a dossier fixture or is marked
    `dossier`."""
    found = []
    for item in items:
        if not item.path.is_relative_to(engine_tests):
            continue
        used = sorted(DOSSIER_FIXTURES & set(getattr(item, "fixturenames", ())))
        if used:
            found.append(f"{item.nodeid}: takes {', '.join(used)}")
        elif item.get_closest_marker("dossier"):
            found.append(f"{item.nodeid}: marked dossier")
    return found
