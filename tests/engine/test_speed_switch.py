"""Speed behind one switch: the code that exists only for speed lives in macros/plugin/fast/, and the dossier
plugin's `fast` setting (DOSSIER_FAST=false) turns all of it off. The mini dossier built with it off and on
is the same site, byte for byte (but for Pagefind's files that differ between any two builds); with it off,
no speed code runs at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI, build, dossier_plugin, forks_beside_test_threads
from tests.real_clients import sites_differ


def _refuse(what: str) -> object:
    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"{what} ran with the speed switch off")

    return refused


def _without_speed_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way into the speed code made to fail: a build with the switch off must not take one."""
    from macros.plugin.fast import background, heap, incremental, parse_pool, template_cache

    monkeypatch.setattr(background.MadeInBackground, "__init__", _refuse("the second process"))
    monkeypatch.setattr(parse_pool, "parse_many", _refuse("the parse pool"))
    monkeypatch.setattr(incremental.RenderCache, "stale", _refuse("the incremental rebuild"))
    monkeypatch.setattr(template_cache.CompiledTemplates, "get_bucket", _refuse("the template cache"))
    monkeypatch.setattr(heap.HeapPolicy, "hold_long_lived", _refuse("the heap policy"))
    monkeypatch.setattr(heap, "collector_paused", _refuse("the collector pause"))


@forks_beside_test_threads
def test_the_site_is_the_same_with_the_speed_code_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_FAST", "true")
    fast = build(MINI, tmp_path / "fast")
    speed = dossier_plugin().session.speed
    assert speed is not None and speed.compiled_templates.compiled  # on: the speed code ran
    monkeypatch.setenv("DOSSIER_FAST", "false")
    with monkeypatch.context() as patched:
        _without_speed_code(patched)
        plain = build(MINI, tmp_path / "plain")
    assert dossier_plugin().session.speed is None
    assert sites_differ(fast, plain) == []
    assert len(list(plain.rglob("*.html"))) > 20


@forks_beside_test_threads
def test_the_speed_code_refused_would_fail_a_fast_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control for the test above: with the switch on, the refused speed code is reached."""
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("DOSSIER_FAST", "true")
    _without_speed_code(monkeypatch)
    with pytest.raises((AssertionError, Abort)):
        build(MINI, tmp_path / "fast")


def test_the_comparison_sees_one_changed_byte(tmp_path: Path) -> None:
    """The control for the comparison: a byte changed, a file added, and Pagefind's build-stamped files left out."""
    one, other = tmp_path / "one", tmp_path / "other"
    for site in (one, other):
        (site / "pagefind" / "filter").mkdir(parents=True)
        (site / "page.html").write_bytes(b"<p>same</p>")
        (site / "pagefind" / "filter" / f"en_{site.name}.pf_filter").write_bytes(site.name.encode())
    assert sites_differ(one, other) == []
    (other / "page.html").write_bytes(b"<p>sane</p>")
    (other / "extra.html").write_bytes(b"")
    assert sites_differ(one, other) == ["extra.html", "page.html"]
