"""`python -m macros write-site DIR` (macros/plain_project.py) on the mini dossier: the written project holds
every page with links relative to its file, builds strict with MkDocs and no engine, keeps the dossier's
name escaped, and data errors stop it as they stop `check`. tests/exit/ builds the dossier in data/ with
MkDocs, ProperDocs and Zensical."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from macros.cli import main
from macros.plain_project import read_config, relative_links
from macros.records.schema import KINDS
from tests.conftest import ROOT


def write_site(data_dir: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DOSSIER_SITE_NAME", raising=False)
    return main(["write-site", str(out), "--config", str(ROOT / "mkdocs.yml")])


def build_plain(project: Path, caplog: pytest.LogCaptureFixture) -> Path:
    """MkDocs over the written project alone (its mkdocs.yml names no hook and no engine plugin)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project / "site"


def test_write_site_writes_a_project_mkdocs_builds_strict_without_a_warning(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    project = tmp_path / "plain"
    assert write_site(mini, project, monkeypatch) == 0
    # As many as the fixture's records and the hand-written pages make (not the excluded vendor README), and
    # every other file written beside them (assets, exports, schemas, feed).
    written = [path for path in (project / "docs").rglob("*") if path.is_file()]
    page_count = len([path for path in written if path.suffix == ".md" and "vendor" not in path.parts])
    assert capsys.readouterr().out == (f"wrote {page_count} pages and {len(written) - page_count} other files to plain; "
                                       "build it with: mkdocs build -f plain/mkdocs.yml\n")
    config = read_config(project / "mkdocs.yml")
    plugins = [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config["plugins"]]
    assert ("hooks" in config, plugins, config["use_directory_urls"]) == (False, ["search"], False)
    docs = project / "docs"
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    assert "index.md" in pages and "claims/bridge-opens-in-2027.md" in pages and "claims/index.md" in pages
    assert sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.suffix in (".csv", ".json", ".xml")) == sorted([
        *(f"export/{kind}.csv" for kind in KINDS), "export/dossier.json", "feed.xml", *(f"schema/{kind}.schema.json" for kind in KINDS),
    ])
    claim = (docs / "claims/bridge-opens-in-2027.md").read_text(encoding="utf-8")
    assert "](../statements/lopez-opens-2027.md" in claim  # relative to the page's file, as MkDocs validates it
    assert "dossier_jsonld:" in claim  # overrides/main.html prints it
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "{{" not in home and "](methodology.md)" in home  # the macro expanded, its link relative
    every_page = "".join((docs / page).read_text(encoding="utf-8") for page in pages)
    assert ("](/" in every_page, "dossier:html" in every_page) == (False, False)

    site = build_plain(project, caplog)
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []
    page = (site / "claims/bridge-opens-in-2027.html").read_text(encoding="utf-8")
    assert '<script type="application/ld+json">' in page
    assert 'href="../actors/ana-lopez.html"' in page


def test_the_dossier_name_stays_escaped_without_the_engine(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    meta = mini / "dossier.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title: The Riverton bridge dossier", "title: 'Bridge <b>\"x\"</b> & co'"),
                    encoding="utf-8")
    project = tmp_path / "plain"
    assert write_site(mini, project, monkeypatch) == 0
    assert read_config(project / "mkdocs.yml")["site_name"] == (
        "Bridge &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; co")
    html = (build_plain(project, caplog) / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in html and "Bridge &lt;b&gt;" in html


def test_data_errors_stop_write_site_as_they_stop_check(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    claim = mini / "claims/bridge-opens-in-2027.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("status: disputed", "status: maybe", 1), encoding="utf-8")
    assert write_site(mini, tmp_path / "plain", monkeypatch) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("data/claims/bridge-opens-in-2027.yml  (1 error)\n  line 6   status: 'maybe' is not allowed\n")
    assert err.endswith("\n\n1 error in the data: fix them before writing the site\n")
    assert not (tmp_path / "plain").exists()


@pytest.mark.parametrize(("markdown", "page", "expected"), [
    ("[a](/about.md)", "index.md", "[a](about.md)"),
    ("[a](/actors/x.md#y \"t\")", "claims/c.md", "[a](../actors/x.md#y \"t\")"),
    ("[a](/export/dossier.json){: download }", "claims/index.md", "[a](../export/dossier.json){: download }"),
    ("[a](/claims/index.md#z)", "claims/c.md", "[a](index.md#z)"),
    ("\\[a\\]\\(/about.md\\) and [b](https://x.org/a.md)", "claims/c.md", "\\[a\\]\\(/about.md\\) and [b](https://x.org/a.md)"),
])
def test_relative_links(markdown: str, page: str, expected: str) -> None:
    """Links from the docs folder become relative to the page's file; escaped text and other links stay."""
    assert relative_links(markdown, page) == expected
