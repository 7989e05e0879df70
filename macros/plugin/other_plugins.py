"""Which path record pages take through MkDocs, decided from the plugins a build registers.

The engine converts record pages itself (renderer.PageHtml) and hands MkDocs their HTML late, in
on_page_context, so a full build's page processes can make them while MkDocs works. That is invisible to
this project's own plugins, but not to anyone else's: a plugin's on_page_markdown would get an empty page
and its on_page_content empty HTML. So each build looks at who registered those events:

- someone else handles `page_markdown`: MkDocs converts record pages itself from their Markdown, as it
  does hand-written pages (RecordPages.MKDOCS), so a change to the Markdown reaches the page;
- someone else handles `page_content` only: the engine's HTML is given to the page when MkDocs converts
  it (Page.render), so every on_page_content runs on it in MkDocs' own order (RecordPages.ENGINE_AT_RENDER);
- nobody else: the HTML comes in on_page_context, as fast as before (RecordPages.ENGINE).

on_post_page needs nothing: it is given the finished page, whichever path made it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# This project's own plugins (mkdocs.yml): they know record pages arrive converted.
OWN_PLUGINS = frozenset({"search", "material/search", "macros", "offline", "material/offline", "dossier"})


class RecordPages(enum.Enum):
    ENGINE = "engine"
    ENGINE_AT_RENDER = "engine at render"
    MKDOCS = "mkdocs"


def foreign_handlers(config: MkDocsConfig, event: str) -> list[Callable[..., object]]:
    """The handlers of `event` (without `on_`) registered by plugins or hooks other than this project's own."""
    own = {id(plugin) for name, plugin in config.plugins.items() if name in OWN_PLUGINS}
    return [handler for handler in config.plugins.events.get(event, ()) if id(getattr(handler, "__self__", None)) not in own]


def record_pages_path(config: MkDocsConfig) -> RecordPages:
    if foreign_handlers(config, "page_markdown"):
        return RecordPages.MKDOCS
    if foreign_handlers(config, "page_content"):
        return RecordPages.ENGINE_AT_RENDER
    return RecordPages.ENGINE
