"""The dossier's MkDocs plugin: one object owns the engine in a MkDocs process.

`mkdocs.yml` names it (`plugins: - dossier`); pyproject.toml registers it (entry point `mkdocs.plugins`),
and the Makefile installs the project so MkDocs finds it. MkDocs makes the object once per process and
keeps it across the builds of `mkdocs serve` (it has on_startup: config_options.Plugins caches it), so
everything a rebuild reuses lives here, on its BuildSession, and nowhere else: no module state, nothing
put on MkDocs' objects. Its methods only wire MkDocs' events to the engine's parts (front, generated_files,
search, search_index, serving, site_of_build). It sits last in `plugins:`, after mkdocs-macros, so its events run after
every other plugin's of the same priority, where the hooks it replaced ran.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from macros.plugin import front, generated_files, search, search_index, serving, site_of_build
from macros.plugin.session import BuildSession
from macros.site.pipeline import Site, dossier_settings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


class DossierConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__
    """The plugin's settings in mkdocs.yml (`- dossier:`). Where the data is stays in `extra.dossier`, which
    the CLI and write-site read without MkDocs' plugins."""

    # The speed switch (plugin/fast/): off, nothing is done only for speed, and the site is the same.
    fast = config_options.Type(bool, default=True)


class DossierPlugin(BasePlugin[DossierConfig]):  # type: ignore[no-untyped-call]  # as above
    """The engine in MkDocs: the dossier's Site for each build, and the BuildSession kept between builds."""

    def __init__(self) -> None:
        self.session = BuildSession()
        self._site: Site | None = None  # this build's, made on first use (mkdocs-macros asks first)

    # --- the process: `mkdocs build` or `mkdocs serve`

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.session.command = command
        self.session.use_speed(self.config.fast)
        if command == "serve":
            self.start_serving(dirty)
        else:
            self.session.start_one_build()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """`mkdocs serve --clean` starts as a build (see on_startup) and serves from here on. From now on a
        failed rebuild shows its errors in the browser (serving.ServedErrors)."""
        serving.refuse_a_busy_port(server)
        if not self.session.serving:
            self.start_serving(dirty=False)
        if self.session.serve_command is None:
            raise RuntimeError("serving without a serve command")
        self.session.serve_command.server_made(server)
        # mkdocs.yml's `watch: - data` names the default folder only; a dossier elsewhere (DOSSIER_DATA_DIR) is watched too.
        data_dir, _ = dossier_settings(config.extra, Path(config.config_file_path).parent)
        server.watch(str(data_dir))
        return server

    @event_priority(-100)  # the last plugin's shutdown: the process may end in it (session.end_of_command)
    def on_shutdown(self) -> None:
        self.stop_serving()
        self.session.end_of_command()

    def start_serving(self, dirty: bool) -> None:
        """`mkdocs serve` from now on; with --dirty, generated pages go to a temporary folder."""
        if self.session.serve_command is not None:  # started twice: the first one's changes are put back first
            self.session.serve_command.stop()
        serve_command = serving.ServeCommand()
        self.session.start_serving(dirty, serving.DirtyOutput() if dirty else None, serve_command)
        serve_command.start(dirty)

    def stop_serving(self) -> None:
        serve_command = self.session.serve_command
        self.session.stop_serving()
        if serve_command is not None:
            serve_command.stop()

    # --- one build

    def site(self, config: MkDocsConfig) -> Site:
        """This build's Site, made on first use: by mkdocs-macros' on_config (macros.define_env), which
        runs before this plugin's, or by this plugin's."""
        if self._site is None:
            self._site = site_of_build.make_site(config, self.session.speed, self.session.serving)
        return self._site

    # Before every other plugin's on_config (mkdocs-macros' asks for the Site): a new build.
    @event_priority(100)
    def _new_build(self, config: MkDocsConfig) -> None:
        self._site = None
        self.session.use_speed(self.config.fast)

    def _front_and_search(self, config: MkDocsConfig) -> None:
        front.set_the_front(config, self.site(config))
        search.choose_search(config)
        if self.session.speed is not None:
            self.session.speed.markdown_extensions(config.markdown_extensions)

    on_config = CombinedEvent(_new_build, _front_and_search)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        files = generated_files.add_generated_files(files, config, self.site(config), self.session)
        search_index.list_pages(self.session.search_index, files, self.site(config), config)
        return files

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        generated_files.give_markdown(page, self.session.build)
        return page

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates are compiled once, not once per build, like the engine's
        (plugin.fast.template_cache), and the parts of its page template that are not a page's own (its navigation
        among them) are rendered once per folder of record pages (plugin.fast.shared_partials). And the exports
        get their text, which MkDocs copies next."""
        if self.session.speed is not None:
            self.session.speed.theme_environment(env)
        generated_files.give_export_text(files, self.session.build)
        return env

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        return generated_files.error_page_links(context, template_name, config)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Runs after mkdocs-macros' (this plugin comes after it in `plugins:`)."""
        return generated_files.page_markdown(markdown, page, self.site(config), self.session)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return generated_files.put_back_searched(html, page, self.session)

    # Before every plugin's on_page_context, Material's search among them, which indexes the page's HTML.
    @event_priority(100)
    def _give_record_page_html(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any) -> TemplateContext:
        generated_files.give_record_page_html(page, self.session)
        return context

    # After every plugin's on_page_context, Material's search among them: it has indexed the page by now.
    @event_priority(-100)
    def _finish_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any) -> TemplateContext:
        generated_files.finish_page(page, config, self.site(config), self.session)
        return context

    on_page_context = CombinedEvent(_give_record_page_html, _finish_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        output = search.mark_for_search(output, page, config, self.site(config))
        search_index.add_page(self.session.search_index, output, page, config, self.session.dirty_output is not None,
                              fast=self.session.speed is not None)
        return output

    # Before Material's search writes its index (its on_post_build).
    @event_priority(100)
    def _remove_what_was_removed(self, config: MkDocsConfig) -> None:
        generated_files.remove_what_was_removed(config, self.session)

    def _end_build(self, config: MkDocsConfig) -> None:
        self.session.finish_build()
        self._site = None
        search_index.write_index(self.session.search_index, config, self.session.dirty_output is not None,
                                 fast=self.session.speed is not None)
        self.session.built = True

    on_post_build = CombinedEvent(_remove_what_was_removed, _end_build)

    def on_build_error(self, *, error: Exception) -> None:
        self.session.built = False
        self.session.finish_build()
        search_index.stop(self.session.search_index)
        self._site = None
