"""Speed behind one switch (macros/plugin/fast/), on the dossier in data/: built with the speed code off
(DOSSIER_FAST=false) and on, the site is the same, byte for byte (but for Pagefind's files that differ
between any two builds, and Pagefind's word index, which its API fed beside the build with the switch on and
its CLI with it off number in another order: their fragment files, each page's indexed words, are compared).
tests/engine/test_speed_switch.py holds the controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build, forks_beside_test_threads
from tests.dossier_data import DATA
from tests.engine.test_search_index_beside import fragments, page_count
from tests.real_clients import sites_differ, word_index_left_out


@forks_beside_test_threads
def test_the_dossier_is_the_same_with_the_speed_code_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_FAST", "true")
    fast = build(DATA, tmp_path / "fast")
    monkeypatch.setenv("DOSSIER_FAST", "false")
    plain = build(DATA, tmp_path / "plain")
    assert word_index_left_out(sites_differ(fast, plain)) == []
    assert page_count(fast) == page_count(plain)
    assert fragments(fast) == fragments(plain)
