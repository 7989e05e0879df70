"""mkdocs-macros adapter: the only module that knows the macros plugin. Each macro is a one-line wrapper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .render import Renderer


class MacrosEnv(Protocol):
    """What this module uses of mkdocs-macros' plugin object (mkdocs_macros.plugin.MacrosPlugin, untyped)."""

    conf: MkDocsConfig
    project_dir: str
    page: Page
    variables: dict[str, Any]

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]: ...


def define_env(env: MacrosEnv) -> None:
    """Called by mkdocs-macros at the start of every build, so the index never outlives a YAML edit."""
    # Imported here, not at the top: `python -m macros check` imports this package too, and needs
    # neither Jinja nor MkDocs (a tenth of its time at 10,000 statements).
    from .guide import field_reference, record_kinds
    from .mkdocs_glue import site_for
    from .pages import INDEX_MACROS, RECORD_MACROS
    from .render import status_table

    site = site_for(env.conf, Path(env.project_dir))
    renderer = site.renderer

    for kind, name in RECORD_MACROS.items():
        env.macro(_record_macro(renderer, kind), name)
    for kind, name in INDEX_MACROS.items():
        env.macro(_index_macro(env, renderer, kind), name)
    env.macro(renderer.home, "home_overview")
    env.macro(renderer.about, "about_dossier")  # the About page: publisher, licence, corrections log
    env.macro(lambda kind: field_reference(site.dossier, kind), "field_reference")  # editor's guide
    env.macro(lambda: record_kinds(site.dossier), "record_kinds")  # editor's guide
    # The claim statuses, from the one list of their meanings (schema.STATUS_MEANINGS): the methodology
    # page's definitions, which every badge links to, and the editor's guide's table.
    env.macro(lambda: renderer.status_definitions(env.page.file.src_uri), "status_definitions")
    env.macro(status_table, "status_table")
    env.variables["dossier_counts"] = site.dossier.count()


def _record_macro(renderer: Renderer, kind: str) -> Callable[[str], str]:
    def record_page(record_id: str) -> str:
        return renderer.record_page(kind, record_id)

    return record_page


def _index_macro(env: MacrosEnv, renderer: Renderer, kind: str) -> Callable[[], str]:
    def index_page() -> str:
        # Links written as HTML are relative to the page showing the index.
        return renderer.index_page(kind, env.page.file.src_uri)

    return index_page
