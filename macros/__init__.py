"""mkdocs-macros adapter: the only module that knows the macros plugin. Each macro is a one-line wrapper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from macros.site.pipeline import Site
    from macros.site.renderer import Renderer


class MacrosEnv(Protocol):
    """What this module uses of mkdocs-macros' plugin object (mkdocs_macros.plugin.MacrosPlugin, untyped)."""

    conf: MkDocsConfig
    project_dir: str
    page: Page
    variables: dict[str, Any]

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]: ...


def define_env(env: MacrosEnv) -> None:
    """Called by mkdocs-macros at the start of every build (in its on_config), so the index never outlives
    a YAML edit. The build's Site is the dossier plugin's (plugin.DossierPlugin), which mkdocs.yml names."""
    from macros.plugin.dossier_plugin import DossierPlugin

    plugin = env.conf.plugins.get("dossier")
    if not isinstance(plugin, DossierPlugin):
        raise RuntimeError("mkdocs.yml names the macros module but not the dossier plugin (plugins: - dossier)")
    define_macros(env, plugin.site(env.conf))


def define_macros(env: MacrosEnv, site: Site) -> None:
    """The page macros over `site`: a build's (define_env), or write-site's (plain_project)."""
    # Imported here, not at the top: `python -m macros check` imports this package too, and needs
    # neither Jinja nor MkDocs (a tenth of its time at 10,000 statements).
    from macros.site.embeds import EMBED_KINDS, Embeds, calling_page
    from macros.site.guide import field_reference, record_kinds
    from macros.site.pages import INDEX_MACROS, RECORD_MACROS
    from macros.site.statuses import status_table

    renderer = site.renderer

    for kind, name in RECORD_MACROS.items():
        _define(env, _record_macro(renderer, kind), name)
    for kind, name in INDEX_MACROS.items():
        _define(env, _index_macro(env, renderer, kind), name)
    _define(env, renderer.home, "home_overview")
    _define(env, renderer.about, "about_dossier")  # the About page: publisher, licence, corrections log
    _define(env, lambda kind: field_reference(site.dossier, kind), "field_reference")  # editor's guide
    _define(env, lambda: record_kinds(site.dossier), "record_kinds")  # editor's guide
    # The claim statuses, from the one list of their meanings (schema.STATUS_MEANINGS): the methodology
    # page's definitions, which every badge links to, and the editor's guide's table.
    _define(env, lambda: renderer.status_definitions(env.page.file.src_uri), "status_definitions")
    _define(env, status_table, "status_table")
    env.variables["dossier_counts"] = site.dossier.count()

    # Records inside an editor's own page (macros/site/embeds.py), and one reference of each kind for the
    # guide's rendered examples, from whatever data/ holds.
    embeds = Embeds(renderer, lambda: calling_page(env.page.file.src_path, env.page.file.abs_src_path, Path(env.project_dir)),
                    lambda: env.page.file.src_uri, site.embed_errors)
    for name in EMBED_KINDS:
        _define(env, getattr(embeds, name), name)
    _define(env, lambda kind: next((f"{kind}/{record_id}" for record_id in sorted(site.dossier.records[kind])), ""), "example_reference")


def _define(env: MacrosEnv, macro: Callable[..., Any], name: str) -> None:
    env.macro(macro, name)


def _record_macro(renderer: Renderer, kind: str) -> Callable[[str], str]:
    def record_page(record_id: str) -> str:
        return renderer.record_page(kind, record_id)

    return record_page


def _index_macro(env: MacrosEnv, renderer: Renderer, kind: str) -> Callable[[], str]:
    def index_page() -> str:
        # Links written as HTML are relative to the page showing the index.
        return renderer.index_page(kind, str(env.page.file.src_uri))

    return index_page
