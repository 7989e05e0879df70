"""MkDocs hook: add one generated page per record, the index pages, the exports and the JSON Schemas to
the build.

Pages exist only in memory (`File.generated`): nothing generated is ever committed, and adding a YAML
file is all it takes to get its page. Record pages reach MkDocs as HTML the engine converted
(render.PageHtml); in a full build everything generated is made by a second process while MkDocs works
(background.MadeInBackground), and each piece is handed over when MkDocs is about to need it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# MkDocs imports hooks by file path, before mkdocs-macros puts the project on sys.path.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.utils import is_error_template, normalize_url  # noqa: E402

from macros import mkdocs_glue  # noqa: E402
from macros.background import PendingContent, ReadyPages  # noqa: E402
from macros.dossier_meta import site_name_text  # noqa: E402
from macros.editor_pages import resolve_links  # noqa: E402
from macros.export import atom_feed, dossier_json, json_ld, kind_csv, script_safe  # noqa: E402
from macros.fonts import STYLESHEET, site_files  # noqa: E402
from macros.mkdocs_glue import DossierDataErrors, site_for  # noqa: E402
from macros.pages import generated_pages, generated_pages_in_background, index_page_paths, record_page_meta  # noqa: E402
from macros.pipeline import Site, dossier_settings  # noqa: E402
from macros.plugin_compat import RecordPages, record_pages_path  # noqa: E402
from macros.render import PageContext, PageHtml, put_back_html, set_aside_html  # noqa: E402
from macros.schema import KINDS, MODELS, json_schema  # noqa: E402
from macros.session import BuildInProgress  # noqa: E402
from macros.sharing import page_description, record_description  # noqa: E402

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.utils.templates import TemplateContext


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        mkdocs_glue.start_serving(dirty)
    else:
        mkdocs_glue.start_one_build()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """`mkdocs serve --clean` starts as a build (see on_startup) and serves from here on. From now on a
    failed rebuild shows its errors in the browser (mkdocs_glue.ServedErrors)."""
    mkdocs_glue.refuse_a_busy_port(server)
    if not mkdocs_glue.session().serving:
        mkdocs_glue.start_serving(dirty=False)
    mkdocs_glue.show_errors_in_browser(server)
    # mkdocs.yml's `watch: - data` names the default folder only; a dossier elsewhere (DOSSIER_DATA_DIR) is watched too.
    data_dir, _ = dossier_settings(config.extra, Path(config.config_file_path).parent)
    server.watch(str(data_dir))
    return server


def on_shutdown() -> None:
    mkdocs_glue.stop_serving()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = site_for(config)
    session = mkdocs_glue.session()
    session.heap.hold_long_lived()  # the dossier and its index; a forked process then shares them untouched
    on_disk = session.pages_on_disk  # set under `mkdocs serve --dirty` only
    # Read here, not when the dossier loads: every plugin's on_config has run, and may have added extensions.
    settings = (config.markdown_extensions, config.mdx_configs)
    data_dir, _ = dossier_settings(config.extra, Path(config.config_file_path).parent)
    exports = [f"export/{kind}.csv" for kind in KINDS] + ["export/dossier.json", "feed.xml"]

    def make_export(path: str) -> str:
        if path == "feed.xml":
            return atom_feed(site.index, site.renderer.publication.change_dates(), config.site_url or "", site_name_text(config.site_name))
        if path == "export/dossier.json":
            return dossier_json(site.index, session.exported)
        return kind_csv(site.index, path.removeprefix("export/").removesuffix(".csv"), session.exported)

    session.start_build()
    record_pages = record_pages_path(config)
    if record_pages is RecordPages.MKDOCS:
        # Another plugin works on pages' Markdown: MkDocs converts record pages as it does hand-written ones.
        pages = generated_pages(site, on_disk.render_cache if on_disk else None)
        pending = PendingContent(set(), set(), set(), ReadyPages())
        other_files = {path: make_export(path) for path in exports}
    elif not session.may_fork():
        pages = generated_pages(site, on_disk.render_cache if on_disk else None, markdown_settings=settings)
        ready = ReadyPages((path, page.html) for path, page in pages.items() if page.html is not None)
        pending = PendingContent(set(), set(), set(ready), ready)
        other_files = {path: make_export(path) for path in exports}
    else:
        pages, pending = generated_pages_in_background(site, settings, exports, make_export)
        other_files = dict.fromkeys(exports, "")  # their text comes in on_env
    session.build = BuildInProgress(pending, files, record_pages)
    if on_disk is not None:
        on_disk.keep_only(pages)
    index_pages = set(index_page_paths())
    for path, page in pages.items():
        if files.get_file_from_path(path) is not None:  # a hand-written page of the same path wins
            pending.discard(path)
        else:
            # Record pages stay out of the nav (every page carrying the whole nav makes large builds
            # quadratic); a kind's index page is its tab (front_hook.nav_with_kinds).
            inclusion = InclusionLevel.UNDEFINED if path in index_pages else InclusionLevel.NOT_IN_NAV
            if on_disk is None:
                file = File.generated(config, path, content=page.markdown, inclusion=inclusion)
            else:
                file = File.generated(config, path, abs_src_path=on_disk.path_for(path, page.markdown), inclusion=inclusion)
            files.append(file)
            if path in pending.html:
                _ConvertedByTheEngine(None, file, config)
    for kind in KINDS:
        schema = json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
        files.append(File.generated(config, f"schema/{kind}.schema.json", content=schema))
    for path, text in other_files.items():
        files.append(File.generated(config, path, content=text))
    # The fonts for the dossier's characters beyond what every system draws, and their stylesheet, on every
    # page (a browser fetches a font only for a page that uses it); a Latin-only dossier has none.
    for path, content in site_files(site.characters, session.font_subsets).items():
        files.append(File.generated(config, path, content=content))
        if path == STYLESHEET and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
    session.heap.hold_long_lived()
    return files


class _ConvertedByTheEngine(Page):
    """A record page: the engine converts it (render.PageHtml), and its HTML comes in on_page_context, or
    here in render when another plugin's on_page_content is to see it (plugin_compat.RecordPages).

    MkDocs' own Page would parse the page's front matter with the pure-Python YAML loader and build a
    Markdown instance with every extension to convert nothing: 0.2-0.3 ms a page, 0.24 s of a build at
    1,000 statements, 3.3 s at 10,000 (maintainers/performance.md). Made in on_files, a page is the one MkDocs
    uses: it creates pages only for files that have none (as Material's blog plugin relies on)."""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", record_page_meta(self.file.src_uri.partition("/")[0])

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if _record_pages() is RecordPages.ENGINE_AT_RENDER:
            _give_html(self, _take(self.file.src_uri))
        else:
            self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def _pending() -> PendingContent | None:
    """What this build's generated files still get, from on_files to the build's end (session.BuildInProgress)."""
    build = mkdocs_glue.session().build
    return build.pending if build else None


def _record_pages() -> RecordPages:
    """This build's path for record pages (plugin_compat), chosen in on_files."""
    build = mkdocs_glue.session().build
    return build.record_pages if build else RecordPages.ENGINE


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    pending = _pending()
    if pending and page.file.src_uri in pending.markdown:
        page.file.content_string = _take(page.file.src_uri)
    return page


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates are compiled once, not once per build, like the engine's
    (session.BuildSession.compiled_templates). And the exports get their text, which MkDocs copies next."""
    env.bytecode_cache = mkdocs_glue.session().compiled_templates
    pending = _pending()
    for path in pending.text if pending else ():
        files.get_file_from_path(path).content_string = _take(path)  # type: ignore[union-attr]
    return env


def _take(path: str) -> Any:
    try:
        return _pending().take(path)  # type: ignore[union-attr]
    except RuntimeError as error:
        raise PluginError(f"{path} could not be made:\n{error}") from None


# Before Material's search writes its index (its on_post_build).
@event_priority(100)
def _remove_what_was_removed(config: MkDocsConfig) -> None:
    """Under `mkdocs serve --dirty`: the pages and files the previous build made and this one did not (a
    deleted or renamed record's) leave the site folder and the search index (mkdocs_glue.DirtyOutput)."""
    session = mkdocs_glue.session()
    if session.dirty_output is not None and session.build is not None:
        session.dirty_output.finish_build(session.build.files, config.site_dir, config.plugins.get("material/search"))


def _end_build(config: MkDocsConfig) -> None:
    mkdocs_glue.session().finish_build()


on_post_build = CombinedEvent(_remove_what_was_removed, _end_build)


def on_build_error(error: Exception) -> None:
    mkdocs_glue.session().finish_build()


def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    """MkDocs gives an error page (404.html) links absolute from site_url's path, since a server shows it
    at any depth; without a site_url it takes "/", which is right only for a site at a domain's root and
    wrong opened from disk or from any other folder (24 broken links on a local build). The one place such
    a build's 404.html is known to be is the site's root folder, so its links are made relative to that,
    as the home page's are. With a site_url (a deployment, and `mkdocs serve`, which sets one), unchanged."""
    if is_error_template(template_name) and not config.site_url:
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(script), None, ".") for script in config.extra_javascript]
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A record page the engine converts leaves MkDocs nothing to convert (its HTML arrives in
    on_page_context). On other pages, marked HTML blocks skip Markdown (render.set_aside_html). Runs after
    mkdocs-macros, as hooks follow plugins."""
    pending = _pending()
    if pending and page.file.src_uri in pending.html:
        return ""
    embed_errors = site_for(config).embed_errors
    if embed_errors:  # noted by the page's macros, just rendered by mkdocs-macros (embeds.Embeds)
        raise DossierDataErrors(sorted(embed_errors))
    if page.file.generated_by is None:  # an editor's own page: its [[kind/id]] links, as in a record's prose
        markdown = resolve_links(markdown, _record_link(site_for(config), page.file.src_uri))
    markdown, searched, unsearched = set_aside_html(markdown)
    page.__dict__["_dossier_html"] = searched
    page.__dict__["_dossier_html_unsearched"] = unsearched
    if page.meta.get("render_macros") is False:
        # mkdocs-macros sets a page's title to its first heading's Markdown source when that looks like Jinja
        # (`\{% … %\}` in a record's title), even on pages it does not render: the browser tab then showed
        # our escapes. Dropped, MkDocs takes the title from the rendered heading, as on every other page.
        page.__dict__.pop("title", None)
    return markdown


def _record_link(site: Site, page_uri: str) -> Callable[[str, str, str | None], str | None]:
    def link(kind: str, record_id: str, label: str | None) -> str | None:
        record = site.index.get(kind, record_id)
        return None if record is None else str(site.renderer.link(PageContext(page_uri), record, label))

    return link


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _put_back(html, page, "_dossier_html")


def _put_back(html: str, page: Page, blocks: str) -> str:
    try:
        return put_back_html(html, page.__dict__.pop(blocks, {}))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}; keep a `dossier:html` block at the top level of the page") from None


def put_back_unsearched(page: Page) -> None:
    """The blocks marked search-exclude (render.set_aside_html) back into the page: once search has read it."""
    page.content = _put_back(page.content or "", page, "_dossier_html_unsearched")


# Before every plugin's on_page_context, Material's search among them, which indexes the page's HTML.
@event_priority(100)
def _take_record_page_html(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    """A record page the engine converted gets its HTML, and what MkDocs' Page.render would have set
    from its own conversion (render.PageHtml), when MkDocs is about to build it from the theme."""
    pending = _pending()
    if pending and page.file.src_uri in pending.html and _record_pages() is RecordPages.ENGINE:
        _give_html(page, _take(page.file.src_uri))
    return context


def _give_html(page: Page, html: PageHtml) -> None:
    page.content = html.html
    page.toc = get_toc(html.toc)  # type: ignore[arg-type]  # Python-Markdown's toc_tokens, typed by MkDocs as its own TypedDict
    page.__dict__["title"] = html.title  # Page.title is a weak_property: this overrides it
    page.present_anchor_ids = html.anchors
    page.__dict__["_dossier_html_unsearched"] = html.unsearched


# After every plugin's on_page_context, Material's search among them: it has indexed the page by now.
@event_priority(-100)
def _finish_page(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    """The HTML blocks search skips go back into the page once search has read it, and structured data
    for search engines and fact-check aggregators goes into the page's <head>."""
    put_back_unsearched(page)
    dirty_output = mkdocs_glue.session().dirty_output
    if dirty_output is not None:
        dirty_output.page_built(page.url)
    kind, _, name = page.file.src_uri.partition("/")
    site = site_for(config)
    record = site.dossier.get(kind, name[: -len(".md")]) if kind in MODELS and name.endswith(".md") and name != "index.md" else None
    data = json_ld(site.index, record, config.site_url or "") if record else None
    if data:
        page.meta["dossier_jsonld"] = script_safe(data)
    page.meta["dossier_record_page"] = record is not None
    # Every page's own description, for search engines and shared links (overrides/main.html: Open Graph).
    listing = MODELS[kind].noun() if kind in MODELS and name == "index.md" else None
    description = (record_description(site.index, record) if record else str(page.meta.get("description") or "") or
                   page_description(None if page.is_homepage else page.title, site_name_text(config.site_name),
                                    site.dossier.meta.scope, listing))
    # Escaped here, as Markup: Material prints page.meta.description into its tag as it is.
    page.meta["description"] = escape(description)
    return context


on_page_context = CombinedEvent(_take_record_page_html, _finish_page)
