"""The pieces of the engine the static copy keeps (benchmarks.plain.write_static_copy): the page hook's
handling of HTML blocks (macros/pages_hook.py), and the nav the front hook makes (a tab per kind, record
folders out of the nav), so the static build renders the very pages the dossier build does, each with
the same nav, and the difference between the two is the engine's own work."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402

from macros.front_hook import nav_with_kinds, not_in_nav_with_kinds  # noqa: E402
from macros.pages_hook import on_page_content, on_page_markdown, put_back_unsearched  # noqa: E402, F401


def on_config(config: Any) -> Any:
    config.nav = nav_with_kinds(config.nav)
    config.not_in_nav = not_in_nav_with_kinds(config.not_in_nav)
    return config


@event_priority(-100)  # after the search plugin, as in the page hook
def on_page_context(context: dict[str, Any], page: Any, **_: Any) -> dict[str, Any]:
    put_back_unsearched(page)
    return context
