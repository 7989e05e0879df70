"""The way off Material, proven (maintainers/exit-plan.md). `python -m macros write-site` writes the dossier in
data/ (DOSSIER_DATA_DIR) as a plain MkDocs project, and three builders build what they must:

- MkDocs (the project's pins, in a virtualenv without the engine) builds the written project strict, with no
  warning and no engine code;
- ProperDocs builds the project itself (the dossier plugin, the macros plugin) byte for byte as MkDocs does, but for the
  generator tag;
- Zensical builds the written project, and LinkChecker finds no broken link or anchor in its site (its
  control: tests/engine/test_links.py, test_linkchecker_finds_a_broken_link_and_a_broken_anchor).

ProperDocs and Zensical (pinned in requirements-exit.txt) are installed each into a virtualenv of its own in a
cache folder, never into .venv. `make test-exit` runs this (DOSSIER_EXIT_TESTS=1; .ci/run after `make test`).
A builder that cannot be installed skips its test with the reason, and fails it on CI (CI=true).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from macros.plain_project import WrittenProject, read_config, write_site
from tests.conftest import ROOT
from tests.engine.test_links import linkchecker_over
from tests.real_clients import differs_between_builds

BIN = Path(sys.executable).parent
ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _pins(requirements: str) -> dict[str, str]:
    lines = (line.split("#")[0].strip() for line in (ROOT / requirements).read_text(encoding="utf-8").splitlines())
    return dict(line.split("==") for line in lines if "==" in line)


PINS = _pins("requirements-exit.txt") | _pins("requirements.txt")
# A MkDocs log line at warning level, as MkDocs prints them ("WARNING -  Doc file …"); Material 9.8's end-of-life
# banner (unless NO_MKDOCS_2_WARNING is set) is printed apart from the log and is not counted.
_WARNING = re.compile(r"^WARNING\b.*$", re.MULTILINE)
# The one line in which two builders' pages may differ: the name of the builder.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def builder(package: str, *also: str, beside: tuple[str, ...] = ()) -> Path:
    """The bin folder of a virtualenv holding `package` at its pin (and `also`: requirements files; `beside`:
    packages at their pins), made once per pin in the cache folder."""
    pin = " ".join(f"{name}=={PINS[name]}" for name in (package, *beside))
    # The project's own folder too: requirements.txt installs the engine from it (`-e .`, for its plugin).
    key = hashlib.sha256("\n".join([pin, str(ROOT), *also, *(Path(a).read_text(encoding="utf-8") for a in also if Path(a).is_file())]).encode())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home = cache / "dossier-exit" / f"{package}-{key.hexdigest()[:12]}"
    if not (home / "installed").is_file():
        shutil.rmtree(home, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
        arguments = [arg for requirement in also for arg in ("-r", requirement)]
        done = subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", *pin.split(), *arguments],
                              cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode:
            why = f"{pin} could not be installed: {' '.join(done.stderr.strip().splitlines()[-1:])}"
            pytest.fail(why) if ON_CI else pytest.skip(why)
        (home / "installed").write_text(pin + "\n", encoding="utf-8")
    return home / "bin"


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A builder's run, its log in stderr and stdout; without PYTHONPATH, so nothing reaches the engine but
    what the project itself names."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600)


def warnings_of(done: subprocess.CompletedProcess[str]) -> list[str]:
    return _WARNING.findall(done.stderr + done.stdout)


def tree_differences(one: Path, other: Path) -> list[str]:
    """Where two built sites differ, a line each: files only in one, then files whose bytes differ once the
    generator tag is taken out. Pagefind's files that differ between any two builds are left out."""
    files = {path.relative_to(one).as_posix() for path in one.rglob("*") if path.is_file() and not differs_between_builds(path.relative_to(one))}
    others = {path.relative_to(other).as_posix() for path in other.rglob("*")
              if path.is_file() and not differs_between_builds(path.relative_to(other))}
    found = [f"only in {one.name}: {path}" for path in sorted(files - others)]
    found += [f"only in {other.name}: {path}" for path in sorted(others - files)]
    for path in sorted(files & others):
        if _GENERATOR.sub(b"", (one / path).read_bytes()) != _GENERATOR.sub(b"", (other / path).read_bytes()):
            found.append(f"differs: {path}")
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, WrittenProject]:
    project = tmp_path_factory.mktemp("written") / "project"
    return project, write_site(project, ROOT / "mkdocs.yml")


def html_of(page: str) -> str:
    """The file a written page becomes: the written project has file URLs (plain_project._FILE_URLS)."""
    return page.removesuffix(".md") + ".html"


def plain_mkdocs() -> Path:
    """MkDocs and Material at the project's pins, and nothing else: .venv holds the engine too (requirements.txt
    installs it, `-e .`, for its plugin's entry point), so a build there could reach it."""
    return builder("mkdocs", beside=("mkdocs-material",))


def test_the_written_project_names_no_engine_code(written: tuple[Path, WrittenProject]) -> None:
    project, _ = written
    config = read_config(project / "mkdocs.yml")
    assert "hooks" not in config
    assert [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config["plugins"]] == ["search"]
    assert "dossier" not in config["extra"]
    # The control that makes the builds below engine-free: from the project's folder, with the interpreter
    # MkDocs runs in there, the engine cannot be imported; in .venv it can.
    done = run([plain_mkdocs() / "python", "-c", "import macros"], project)
    assert "ModuleNotFoundError: No module named 'macros'" in done.stderr
    assert run([BIN / "python", "-c", "import macros"], project).returncode == 0


def test_mkdocs_builds_the_written_project_strict_with_no_warning(written: tuple[Path, WrittenProject], tmp_path: Path) -> None:
    project, pages = written
    done = run([plain_mkdocs() / "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", tmp_path / "site"], project)
    assert (done.returncode, warnings_of(done)) == (0, [])
    assert [page for page in pages.pages if page.endswith(".md") and not (tmp_path / "site" / html_of(page)).is_file()] == []


def test_a_broken_link_in_the_written_project_is_a_warning_that_fails_the_build(written: tuple[Path, WrittenProject], tmp_path: Path) -> None:
    """The control: the check above would see a warning, here a link MkDocs cannot resolve."""
    project = tmp_path / "project"
    shutil.copytree(written[0], project)
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as about:
        about.write("\n[gone](actors/no-such-actor.md)\n")
    done = run([plain_mkdocs() / "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", tmp_path / "site"], project)
    assert done.returncode == 1
    assert warnings_of(done) == ["WARNING -  Doc file 'about.md' contains a link 'actors/no-such-actor.md', "
                                 "but the target is not found among documentation files."]


def test_properdocs_builds_the_project_as_mkdocs_does(tmp_path: Path) -> None:
    properdocs = builder("properdocs", str(ROOT / "requirements.txt"))
    by_mkdocs, by_properdocs = tmp_path / "mkdocs", tmp_path / "properdocs"
    for command, site in ((BIN / "mkdocs", by_mkdocs), (properdocs / "properdocs", by_properdocs)):
        done = run([command, "build", "--strict", "-f", ROOT / "mkdocs.yml", "-d", site], ROOT)
        assert (done.returncode, warnings_of(done)) == (0, []), done.stderr[-3000:]
    assert tree_differences(by_mkdocs, by_properdocs) == []
    # The two builders did build: each page names its own (the MkDocs side with what .venv holds, which
    # `make` keeps in step with requirements.txt; the ProperDocs side with the pins).
    index = [(site / "index.html").read_bytes() for site in (by_mkdocs, by_properdocs)]
    assert [_GENERATOR.findall(page) for page in index] == [
        [f'<meta name="generator" content="mkdocs-{version("mkdocs")}, mkdocs-material-{version("mkdocs-material")}">'.encode()],
        [f'<meta name="generator" content="mkdocs-ProperDocs {PINS["properdocs"]}, mkdocs-material-{_pinned("mkdocs-material")}">'.encode()],
    ]


def test_tree_differences_sees_a_changed_byte_and_a_missing_file(tmp_path: Path) -> None:
    """The control of the comparison above."""
    one, other = tmp_path / "one", tmp_path / "other"
    for site, generator, text in ((one, "a", "same"), (other, "b", "Same")):
        (site / "x").mkdir(parents=True)
        (site / "x" / "index.html").write_text(f'<meta name="generator" content="{generator}">\n<p>same</p>', encoding="utf-8")
        (site / "page.html").write_text(text, encoding="utf-8")
    (one / "only.css").write_text("", encoding="utf-8")
    assert tree_differences(one, other) == ["only in one: only.css", "differs: page.html"]


def test_zensical_builds_the_written_project_with_no_broken_link(written: tuple[Path, WrittenProject], tmp_path: Path) -> None:
    zensical = builder("zensical")
    project = tmp_path / "project"
    shutil.copytree(written[0], project)
    done = run([zensical / "zensical", "build", "--clean", "-f", "mkdocs.yml"], project)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "No issues found" in done.stdout + done.stderr
    site = project / "site"  # Zensical's default site_dir; it has no option to name another
    assert [page for page in written[1].pages if page.endswith(".md") and not (site / html_of(page)).is_file()] == []
    problems, checked, pages = linkchecker_over(site, tmp_path)
    assert checked > pages
    assert problems == []


def _pinned(package: str) -> str:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(package)}==(\S+)", text, re.MULTILINE)
    assert found, package
    return found[1]
