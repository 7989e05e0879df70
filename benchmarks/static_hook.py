"""The pieces of the engine the static copy keeps (benchmarks.plain.write_static_copy): the handling of
HTML blocks the dossier plugin does (renderer.set_aside_html, put_back_html: macros/plugin/generated_files.py), and the
nav it makes (a tab per kind, record folders out of the nav), so the static build renders the very pages
the dossier build does, each with the same nav, and the difference between the two is the engine's own
work."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402

from macros.plugin.front import nav_with_kinds, not_in_nav_with_kinds  # noqa: E402
from macros.site.html_blocks import put_back_html, set_aside_html

# Each page's blocks set aside, (searched, unsearched), by page: this benchmark hook's own, for one build.
_SET_ASIDE: dict[str, tuple[dict[str, str], dict[str, str]]] = {}


def on_config(config: Any) -> Any:
    config.nav = nav_with_kinds(config.nav)
    config.not_in_nav = not_in_nav_with_kinds(config.not_in_nav)
    return config


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    markdown, searched, unsearched = set_aside_html(markdown)
    _SET_ASIDE[page.file.src_uri] = (searched, unsearched)
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return put_back_html(html, _SET_ASIDE.get(page.file.src_uri, ({}, {}))[0])


@event_priority(-100)  # after the search plugin, as in the dossier plugin
def on_page_context(context: dict[str, Any], page: Any, **_: Any) -> dict[str, Any]:
    page.content = put_back_html(page.content or "", _SET_ASIDE.pop(page.file.src_uri, ({}, {}))[1])
    return context
