"""mypy --strict (settings in pyproject.toml) over the engine, the benchmarks, the tools and the tests themselves:
part of `make test`, so a type error fails the suite like any other bug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Whole folders, so a new module is checked the day it is added (no list of modules to keep up to date).
CHECKED = ["macros", "benchmarks", "tools", "tests"]


def _mypy(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", *arguments], cwd=ROOT, capture_output=True, text=True)


def _errors_in(output: str, modules: list[str]) -> list[str]:
    """mypy follows imports into modules not yet clean: only the lines about the checked modules count."""
    return [line for line in output.splitlines() if ": error:" in line and line.startswith(tuple(modules))]


def test_checked_modules_are_strict_clean() -> None:
    if subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.fail("mypy is not installed: `make .venv/bin/mkdocs` installs requirements-dev.txt")
    result = _mypy(*CHECKED)
    assert _errors_in(result.stdout, CHECKED) == []


def test_mypy_reports_an_error_it_is_given(tmp_path: Path) -> None:
    # Negative control: with these settings, an untyped function and a wrong return type are errors.
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def untyped(x):\n    return x\n\n\ndef number() -> int:\n    return 'one'\n", encoding="utf-8")
    result = _mypy("--config-file", str(ROOT / "pyproject.toml"), str(wrong))
    errors = [line.split(": error: ", 1)[1] for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [
        "Function is missing a type annotation  [no-untyped-def]",
        'Incompatible return value type (got "str", expected "int")  [return-value]',
    ]

