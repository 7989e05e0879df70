"""The engine's floors import downward only (maintainers/architecture.md): macros/records/ (the kinds, loading,
validating, indexing: no Jinja, no Markdown, no MkDocs) < macros/site/ (the renderer, pages, exports: no MkDocs)
< macros/plugin/fast/ (the speed code) < macros/plugin/ (the dossier plugin, all that knows MkDocs) < the top
(macros/__init__.py, the CLI, scaffold, write-site). Every import counts, at any depth: inside a function, under
`if TYPE_CHECKING:`; each module's source is parsed (ast), nothing is imported."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from tests.conftest import ROOT

# Lowest first: a module may import its own floor and the floors below it.
FLOORS = ["macros.records", "macros.site", "macros.plugin.fast", "macros.plugin", "macros"]
# Libraries a floor may not import, and the floors below it neither.
FORBIDDEN = {"macros.records": ("jinja2", "markdown", "mkdocs", "pymdownx"), "macros.site": ("mkdocs",), "macros.plugin.fast": ("mkdocs",)}


def floor_of(module: str) -> str:
    return max((floor for floor in FLOORS if module == floor or module.startswith(f"{floor}.")), key=len)


def module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) of every import in the tree, relative ones resolved."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from package import module` imports the module: counted as one, by its full name
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def violations(package_root: Path) -> list[str]:
    """`path:line: module imports target (floor above|forbidden library)` for every import breaking the floors."""
    found = []
    for path in sorted(package_root.rglob("*.py")):
        module = module_name(path, package_root)
        floor = floor_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in imported(tree, module, path.name == "__init__.py"):
            where = f"{path.relative_to(package_root.parent)}:{line}: {module} imports {target.rsplit('.', 1)[0] if target.count('.') else target}"
            if target == "macros" or target.startswith("macros."):
                # `from macros.x import name`: the module is macros.x, or macros.x.name when that is a module
                name = target if (package_root.parent / target.replace(".", "/")).with_suffix(".py").exists() \
                    or (package_root.parent / target.replace(".", "/")).is_dir() else target.rsplit(".", 1)[0]
                if FLOORS.index(floor_of(name)) > FLOORS.index(floor):
                    found.append(f"{where.rsplit(' imports ', 1)[0]} imports {name}, a floor above ({floor_of(name)})")
            else:
                library = target.split(".")[0]
                banned = {lib for low, libs in FORBIDDEN.items() if FLOORS.index(low) >= FLOORS.index(floor) for lib in libs}
                if library in banned:
                    found.append(f"{where.rsplit(' imports ', 1)[0]} imports {library}, which {floor} may not")
    return found


def engine_imports(package_root: Path) -> dict[str, set[str]]:
    """module → the engine's modules it imports, at any depth in its source."""
    graph: dict[str, set[str]] = {}
    for path in sorted(package_root.rglob("*.py")):
        module = module_name(path, package_root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = set()
        for _, target in imported(tree, module, path.name == "__init__.py"):
            file = package_root.parent / target.replace(".", "/")
            if file.with_suffix(".py").exists() or (file / "__init__.py").exists():
                targets.add(target)
            elif target.startswith(f"{package_root.name}."):
                targets.add(target.rsplit(".", 1)[0])
        graph[module] = targets - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the modules on it from the first in sorted order. A package's own
    __init__ is left out: importing a submodule runs it, which is not an import of it."""
    found: list[list[str]] = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            module, path = stack.pop()
            for target in sorted(graph.get(module, ())):
                if target == start:
                    found.append(path)
                elif target > start and target not in path:
                    stack.append((target, [*path, target]))
    return found


def test_the_engine_imports_downward_only() -> None:
    assert violations(ROOT / "macros") == []


def test_no_import_cycle_hides_in_a_function_or_under_type_checking() -> None:
    assert cycles(engine_imports(ROOT / "macros")) == []


def test_a_cycle_through_a_function_is_caught(tmp_path: Path) -> None:
    """The control: load → meta → validate → load, the last one inside a function."""
    package = tmp_path / "macros"
    (package / "records").mkdir(parents=True)
    for name, text in {"__init__.py": "", "records/__init__.py": "", "records/load.py": "from macros.records.meta import m\n",
                       "records/meta.py": "from .validate import v\n",
                       "records/validate.py": "def v():\n    from macros.records import load\n"}.items():
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(engine_imports(package)) == [["macros.records.load", "macros.records.meta", "macros.records.validate"]]


def test_every_module_is_on_a_floor() -> None:
    modules = [module_name(path, ROOT / "macros") for path in (ROOT / "macros").rglob("*.py")]
    top = sorted(module for module in modules if floor_of(module) == "macros")
    assert top == ["macros", "macros.__main__", "macros.cli", "macros.plain_project", "macros.scaffold"]


def test_an_upward_import_is_caught_wherever_it_hides(tmp_path: Path) -> None:
    """The negative control: upward imports at the top, in a function, under TYPE_CHECKING and relative, and a
    forbidden library, in a package laid out as the engine is."""
    package = tmp_path / "macros"
    files = {
        "__init__.py": "",
        "records/__init__.py": "",
        "records/load.py": """
            from typing import TYPE_CHECKING
            from macros.records import schema
            from macros.site.renderer import Renderer
            if TYPE_CHECKING:
                from macros.plugin.session import BuildSession
            def later():
                from ..site import pages
                import jinja2
        """,
        "records/schema.py": "",
        "site/__init__.py": "",
        "site/renderer.py": "import markdown\nfrom macros.records.load import later\nfrom macros.plugin.fast import speed\n",
        "site/pages.py": "",
        "plugin/__init__.py": "",
        "plugin/session.py": "import mkdocs\nfrom macros.plugin.fast.speed import Speed\n",
        "plugin/fast/__init__.py": "",
        "plugin/fast/speed.py": "from macros.plugin import session\n",
    }
    for relative, text in files.items():
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text(textwrap.dedent(text), encoding="utf-8")
    assert violations(package) == [
        "macros/plugin/fast/speed.py:1: macros.plugin.fast.speed imports macros.plugin.session, a floor above (macros.plugin)",
        "macros/records/load.py:4: macros.records.load imports macros.site.renderer, a floor above (macros.site)",
        "macros/records/load.py:6: macros.records.load imports macros.plugin.session, a floor above (macros.plugin)",
        "macros/records/load.py:8: macros.records.load imports macros.site.pages, a floor above (macros.site)",
        "macros/records/load.py:9: macros.records.load imports jinja2, which macros.records may not",
        "macros/site/renderer.py:3: macros.site.renderer imports macros.plugin.fast.speed, a floor above (macros.plugin.fast)",
    ]
