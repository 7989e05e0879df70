"""The one piece of the engine the static copy keeps (benchmarks.plain.write_static_copy): HTML blocks set
aside from Python-Markdown, as the page hook does (macros/pages_hook.py), so the static build renders
the very pages the dossier build does and the difference between the two is the engine's own work."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402

from macros.render import put_back_html, set_aside_html  # noqa: E402


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    markdown, page.__dict__["_searched"], page.__dict__["_unsearched"] = set_aside_html(markdown)
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return put_back_html(html, page.__dict__.pop("_searched", {}))


@event_priority(-100)  # after the search plugin, as in the page hook
def on_page_context(context: dict, page: Any, **_: Any) -> dict:
    page.content = put_back_html(page.content or "", page.__dict__.pop("_unsearched", {}))
    return context
