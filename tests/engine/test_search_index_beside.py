"""Pagefind's index made beside MkDocs' page writing (macros/plugin/fast/pagefind_beside.py, fed by macros/plugin/search_index.py)
holds what Pagefind's CLI makes of the written site: the same pages, each indexed with the same words,
metadata and filters (its fragment files, byte for byte). The word index may number the pages in another
order, so its bytes are not compared (nor are the filter and metadata files, which differ between two CLI
runs: tests/real_clients.differs_between_builds)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from macros.plugin.search import index_site


def fragments(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (site / "pagefind" / "fragment").iterdir()}


def page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(sum(language["page_count"] for language in entry["languages"].values()))


def indexed_by_the_cli(site: Path, copy: Path) -> Path:
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "pagefind")
    index_site(copy)
    return copy


def test_the_index_made_beside_the_build_is_the_clis(mini_site: Path, tmp_path: Path) -> None:
    by_cli = indexed_by_the_cli(mini_site, tmp_path / "cli")
    assert page_count(mini_site) == page_count(by_cli) > 20
    assert fragments(mini_site) == fragments(by_cli)


def test_the_comparison_finds_a_page_left_out(mini_site: Path, tmp_path: Path) -> None:
    """Negative control: a site with one page fewer indexes to other fragments and count."""
    copy = tmp_path / "fewer"
    shutil.copytree(mini_site, copy)
    (copy / "claims" / "bridge-opens-in-2027" / "index.html").unlink()
    shutil.rmtree(copy / "pagefind")
    index_site(copy)
    assert page_count(copy) == page_count(mini_site) - 1
    assert fragments(copy) != fragments(mini_site)
