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
