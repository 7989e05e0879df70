"""The two search indexes tests read. The web build is searched with Pagefind (its fragments: one a page,
the page's indexed text and title); the offline copy (`DOSSIER_OFFLINE=true`) with Material's search, whose
search/search_index.json only that copy writes (locations end in `.html` there)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any


def web_search_pages(site: Path) -> dict[str, dict[str, Any]]:
    """{a page's site-absolute URL: its Pagefind fragment} over every part of the web build's index."""
    pages = {}
    for path in sorted(site.glob("pagefind*/fragment/*.pf_fragment")):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragment: dict[str, Any] = json.loads(text.removeprefix("pagefind_dcd"))
        pages[fragment["url"]] = fragment
    return pages


def offline_search_docs(site: Path) -> list[dict[str, str]]:
    """The entries of Material's index in an offline copy: one a section, {"location", "title", "text"}."""
    docs: list[dict[str, str]] = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def pagefind_page_files(meta: bytes) -> list[str]:
    """The fragment files a Pagefind index's metadata (its pagefind.*.pf_meta, gzip) names, one a page: to read
    an index served over HTTP, where no folder can be listed. The metadata is CBOR, an array that starts
    [version, [[fragment hash, word count], …], …]."""
    data = gzip.decompress(meta).removeprefix(b"pagefind_dcd")

    def head(at: int) -> tuple[int, int, int]:  # CBOR: (major type, its number, where what follows starts)
        major, info = data[at] >> 5, data[at] & 31
        if info < 24:
            return major, info, at + 1
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size

    _, _, at = head(0)  # the whole array
    _, length, at = head(at)  # Pagefind's version, a text
    _, pages, at = head(at + length)
    files = []
    for _ in range(pages):
        _, _, at = head(at)  # [hash, word count]
        _, length, at = head(at)
        files.append(f"fragment/{data[at:at + length].decode('ascii')}.pf_fragment")
        _, _, at = head(at + length)
    return files
