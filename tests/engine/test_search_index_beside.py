"""Pagefind's index made beside MkDocs' page writing (macros/plugin/fast/pagefind_beside.py, fed by macros/plugin/search_index.py)
holds what Pagefind's CLI makes of the written site: the same pages, each indexed with the same words,
metadata and filters (its fragment files, byte for byte). The word index may number the pages in another
order, so its bytes are not compared (nor are the filter and metadata files, which differ between two CLI
runs: tests/real_clients.differs_between_builds)."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from macros.plugin.fast import pagefind_beside
from macros.plugin.fast.pagefind_beside import PagefindBeside, indexed_part
from macros.plugin.search import EXCLUDED, index_site


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


def _page(head: str = "", before: str = "", after: str = "") -> str:
    """A page as Material writes it, its content area marked for Pagefind (plugin/search.mark_for_search)."""
    return (f'<!doctype html>\n<html lang="en" class="no-js"><head><title>Page</title>{head}</head><body>'
            f'<header>Site name</header>{before}<main><div class="md-content" data-md-component="content" '
            f'data-pagefind-body data-pagefind-meta="kind:Claim">\n<article class="md-content__inner md-typeset">'
            f'<h1>The bridge opens in 2027</h1><p>Ana López said so.</p></article>\n</div></main>{after}'
            f'<footer>Made with care</footer><script>var x = 1;</script></body></html>')


def _fragments_of(pages: list[str], folder: Path) -> dict[str, bytes]:
    index = PagefindBeside(EXCLUDED)
    for number, page in enumerate(pages):
        index.add(f"/page-{number}/", page)
    index.write(folder)
    return {path.name: path.read_bytes() for path in (folder / "fragment").iterdir()}


def test_pagefind_is_given_the_content_area_under_the_pages_html_tag() -> None:
    part = indexed_part(_page())
    assert part == ('<!doctype html>\n<html lang="en" class="no-js"><body><div class="md-content" data-md-component="content" '
                    'data-pagefind-body data-pagefind-meta="kind:Claim">\n<article class="md-content__inner md-typeset">'
                    "<h1>The bridge opens in 2027</h1><p>Ana López said so.</p></article>\n</div></body></html>")


def test_a_page_whose_other_parts_pagefind_would_read_goes_whole() -> None:
    for page in (_page(head='<meta data-pagefind-meta="image[content]" content="/bridge.png">'),
                 _page(before="<h1>Another title</h1>"), _page(after='<p data-pagefind-filter="year:2027"></p>'),
                 _page().replace('class="md-content"', 'class="md-other"'), _page().replace("<h1>", "<h2>")):
        assert indexed_part(page) == page


def test_pagefind_reads_the_same_of_the_content_area_as_of_the_whole_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [_page(), _page(head='<meta data-pagefind-meta="image[content]" content="/bridge.png">')]
    given = _fragments_of(pages, tmp_path / "given")
    monkeypatch.setattr(pagefind_beside, "indexed_part", lambda html: html)
    assert given == _fragments_of(pages, tmp_path / "whole")


def test_the_comparison_finds_a_part_pagefind_reads_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: the head's metadata, cut away, changes the page's fragment (so it goes whole)."""
    meta = '<meta data-pagefind-meta="image[content]" content="/bridge.png">'
    page = _page(head=meta)
    whole = _fragments_of([page], tmp_path / "whole")
    monkeypatch.setattr(pagefind_beside, "indexed_part", lambda html: html.replace(meta, ""))
    assert _fragments_of([page], tmp_path / "cut") != whole


def _service(tmp_path: Path, script: str) -> Path:
    """A stand-in for Pagefind's binary: `script`, run by this Python."""
    path = tmp_path / "pagefind"
    path.write_text(f"#!{sys.executable}\n{script}", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_service_that_ends_fails_the_index_with_its_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ending = "import sys\nsys.stderr.write('no index today')\nsys.exit(3)\n"
    monkeypatch.setattr(pagefind_beside, "get_executable", lambda: _service(tmp_path, ending))
    index = PagefindBeside(EXCLUDED)
    index.add("/a/", _page())
    with pytest.raises(RuntimeError, match="^no index today$"):
        index.write(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_error_the_service_answers_fails_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's answers are base64 of JSON, each ending in a comma; an AddFile it cannot index is an Error."""
    answering = textwrap.dedent("""\
        import base64, json, sys
        buffer = b""
        while chunk := sys.stdin.buffer.read1(65536):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                request = json.loads(base64.b64decode(message))
                kind = request["payload"]["type"]
                payload = {"type": "Error", "message": "Failed to add file"} if kind == "AddFile" else {"type": kind, "index_id": 0}
                sys.stdout.buffer.write(base64.b64encode(json.dumps({"message_id": request["message_id"], "payload": payload}).encode()) + b",")
                sys.stdout.flush()
        """)
    monkeypatch.setattr(pagefind_beside, "get_executable", lambda: _service(tmp_path, answering))
    index = PagefindBeside(EXCLUDED)
    index.add("/a/", _page())
    with pytest.raises(RuntimeError, match="^Failed to add file$"):
        index.write(tmp_path / "out")
    index.close()  # a second time: nothing left to stop


def test_pages_the_service_cannot_take_yet_wait_and_its_answers_are_read_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service busy writing answers nobody reads yet takes no page: the build goes on (the pages wait in this
    process), and at the end its answers are read while the pages go, or both would wait for ever."""
    busy = textwrap.dedent("""\
        import base64, json, sys
        sys.stdout.buffer.write((base64.b64encode(b"null") + b",") * 300_000)  # 2.7 MB: more than a pipe holds
        sys.stdout.flush()
        buffer = b""
        while chunk := sys.stdin.buffer.read1(1 << 20):
            *messages, buffer = (buffer + chunk).split(b",")
            for message in messages:
                request = json.loads(base64.b64decode(message))
                kind = request["payload"]["type"]
                files = [{"path": "fragment/one.pf_fragment", "content": base64.b64encode(b"made").decode()}]
                payload = {"type": kind, "files": files} if kind == "GetFiles" else {"type": kind}
                sys.stdout.buffer.write(base64.b64encode(json.dumps({"message_id": request["message_id"], "payload": payload}).encode()) + b",")
                sys.stdout.flush()
        """)
    monkeypatch.setattr(pagefind_beside, "get_executable", lambda: _service(tmp_path, busy))
    index = PagefindBeside(EXCLUDED)
    for number in range(40):  # 4 MB of pages: more than the service's input pipe holds
        index.add(f"/page-{number}/", "<html><body>" + "word " * 20_000 + "</body></html>")
    index.write(tmp_path / "out")
    assert (tmp_path / "out" / "fragment" / "one.pf_fragment").read_bytes() == b"made"
