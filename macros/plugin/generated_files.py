"""The dossier plugin's pages (plugin.dossier_plugin calls these from its events): add one generated
page per record, the index pages, the exports and the JSON Schemas to the build.

Pages exist only in memory (`File.generated`): nothing generated is ever committed, and adding a YAML
file is all it takes to get its page. Record pages reach MkDocs as HTML the engine converted
(renderer.PageHtml); in a full build everything generated is made by other processes while MkDocs works
(plugin.fast.background.MadeInBackground), and each piece is handed over when MkDocs is about to need it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import is_error_template, normalize_url

from macros.plugin.fast.background import PendingContent, ReadyPages, generated_pages_in_background
from macros.plugin.fast.incremental import generated_pages_again
from macros.plugin.other_plugins import RecordPages, record_pages_path
from macros.plugin.session import BuildInProgress, BuildSession
from macros.plugin.site_of_build import DossierDataErrors
from macros.records.dossier_meta import site_name_text
from macros.records.fonts import STYLESHEET, site_files
from macros.records.schema import KINDS, MODELS, json_schema
from macros.site.conversion import PageHtml
from macros.site.editor_pages import resolve_links
from macros.site.export import atom_feed, dossier_json, json_ld, kind_csv, script_safe
from macros.site.html_blocks import put_back_html, set_aside_html
from macros.site.pages import generated_pages, kind_index_paths, record_page_meta
from macros.site.pipeline import Site
from macros.site.renderer import PageContext
from macros.site.sharing import page_description, record_description
from macros.site.tooltips import fewer_theme_tooltips

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.utils.templates import TemplateContext


def add_generated_files(files: Files, config: MkDocsConfig, site: Site, session: BuildSession) -> Files:
    """on_files: every generated page and file joins the build's files (made now, or later by a second
    process, background.MadeInBackground: `session.build` says what is still to come)."""
    speed = session.speed  # None: the speed switch is off
    if speed is not None:
        speed.heap.hold_long_lived()  # the dossier and its index; a forked process then shares them untouched
    on_disk = speed.pages_on_disk if speed is not None else None  # set under `mkdocs serve --dirty` only
    exported = speed.exported if speed is not None else None
    # Read here, not when the dossier loads: every plugin's on_config has run, and may have added extensions.
    settings = (config.markdown_extensions, config.mdx_configs)
    exports = [f"export/{kind}.csv" for kind in KINDS] + ["export/dossier.json", "feed.xml"]

    def make_export(path: str) -> str:
        if path == "feed.xml":
            return atom_feed(site.index, site.renderer.publication.change_dates(), config.site_url or "", site_name_text(config.site_name))
        if path == "export/dossier.json":
            return dossier_json(site.index, exported)
        return kind_csv(site.index, path.removeprefix("export/").removesuffix(".csv"), exported)

    session.start_build()
    # With the switch off, MkDocs converts record pages as it does hand-written ones: the engine's own
    # conversion is for speed only (tests/engine/test_build.py: the same site, byte for byte).
    record_pages = record_pages_path(config) if speed is not None else RecordPages.MKDOCS
    if record_pages is RecordPages.MKDOCS:
        # Another plugin works on pages' Markdown: MkDocs converts record pages as it does hand-written ones.
        pages = generated_pages_again(site, on_disk.render_cache) if on_disk else generated_pages(site)
        pending = PendingContent(set(), set(), set(), ReadyPages())
        other_files = {path: make_export(path) for path in exports}
    elif not session.may_fork():
        pages = generated_pages_again(site, on_disk.render_cache, settings) if on_disk else generated_pages(site, markdown_settings=settings)
        ready = ReadyPages((path, page.html) for path, page in pages.items() if page.html is not None)
        pending = PendingContent(set(), set(), set(ready), ready)
        other_files = {path: make_export(path) for path in exports}
    else:
        pages, pending = generated_pages_in_background(site, settings, exports, make_export)
        other_files = dict.fromkeys(exports, "")  # their text comes in on_env
    session.build = BuildInProgress(pending, files, record_pages)
    if on_disk is not None:
        on_disk.keep_only(pages)
    index_pages = set(kind_index_paths())
    for path, page in pages.items():
        if files.get_file_from_path(path) is not None:  # a hand-written page of the same path wins
            pending.discard(path)
        else:
            # Record pages stay out of the nav (every page carrying the whole nav makes large builds
            # quadratic); a kind's index page is its tab (front.nav_with_kinds).
            inclusion = InclusionLevel.UNDEFINED if path in index_pages else InclusionLevel.NOT_IN_NAV
            if on_disk is None:
                file = File.generated(config, path, content=page.markdown, inclusion=inclusion)
            else:
                file = File.generated(config, path, abs_src_path=on_disk.path_for(path, page.markdown), inclusion=inclusion)
            files.append(file)
            if path in pending.html:
                _ConvertedByTheEngine(file, config, session)
    for kind in KINDS:
        schema = json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
        files.append(File.generated(config, f"schema/{kind}.schema.json", content=schema))
    for path, text in other_files.items():
        files.append(File.generated(config, path, content=text))
    # The fonts for the dossier's characters beyond what every system draws, and their stylesheet, on every
    # page (a browser fetches a font only for a page that uses it); a Latin-only dossier has none.
    for path, content in site_files(site.characters, speed.font_subsets if speed is not None else None).items():
        files.append(File.generated(config, path, content=content))
        if path == STYLESHEET and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
    if speed is not None:
        speed.heap.hold_long_lived()
    return files


class _ConvertedByTheEngine(Page):
    """A record page: the engine converts it (renderer.PageHtml), and its HTML comes in on_page_context, or
    here in render when another plugin's on_page_content is to see it (other_plugins.RecordPages).

    MkDocs' own Page would parse the page's front matter with the pure-Python YAML loader and build a
    Markdown instance with every extension to convert nothing: 0.2-0.3 ms a page, 0.24 s of a build at
    1,000 statements, 3.3 s at 10,000 (maintainers/performance.md). Made in on_files, a page is the one MkDocs
    uses: it creates pages only for files that have none (as Material's blog plugin relies on)."""

    def __init__(self, file: File, config: MkDocsConfig, session: BuildSession) -> None:
        self.session = session  # the plugin's: this build's pending HTML (BuildSession.build)
        super().__init__(None, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", record_page_meta(self.file.src_uri.partition("/")[0])

    def render(self, config: MkDocsConfig, files: Files) -> None:
        build = self.session.build
        if build is not None and build.record_pages is RecordPages.ENGINE_AT_RENDER:
            _give_html(self, _take(build, self.file.src_uri), self.session)
        else:
            self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def give_markdown(page: Page, build: BuildInProgress | None) -> None:
    """on_pre_page: an index page made by the page processes gets its Markdown, before MkDocs reads it."""
    if build and page.file.src_uri in build.pending.markdown:
        page.file.content_string = _take(build, page.file.src_uri)


def give_export_text(files: Files, build: BuildInProgress | None) -> None:
    """on_env: the exports made by the page processes get their text, which MkDocs copies next."""
    for path in build.pending.text if build else ():
        files.get_file_from_path(path).content_string = _take(build, path)  # type: ignore[union-attr, arg-type]


def _take(build: BuildInProgress, path: str) -> Any:
    try:
        return build.pending.take(path)
    except RuntimeError as error:
        raise PluginError(f"{path} could not be made:\n{error}") from None


def remove_what_was_removed(config: MkDocsConfig, session: BuildSession) -> None:
    """Under `mkdocs serve --dirty`, before Material's search writes its index: the pages and files the
    previous build made and this one did not (a deleted or renamed record's) leave the site folder and the
    search index (serving.DirtyOutput)."""
    if session.dirty_output is not None and session.build is not None:
        session.dirty_output.finish_build(session.build.files, config.site_dir, config.plugins.get("material/search"))


def error_page_links(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
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


def page_markdown(markdown: str, page: Page, site: Site, session: BuildSession) -> str:
    """on_page_markdown: a record page the engine converts leaves MkDocs nothing to convert (its HTML arrives in
    on_page_context). On other pages, marked HTML blocks skip Markdown (renderer.set_aside_html). Runs after
    mkdocs-macros, as hooks follow plugins."""
    if session.build and page.file.src_uri in session.build.pending.html:
        return ""
    embed_errors = site.embed_errors
    if embed_errors:  # noted by the page's macros, just rendered by mkdocs-macros (embeds.Embeds)
        raise DossierDataErrors(sorted(embed_errors))
    if page.file.generated_by is None:  # an editor's own page: its [[kind/id]] links, as in a record's prose
        markdown = resolve_links(markdown, _record_link(site, page.file.src_uri))
    markdown, searched, unsearched = set_aside_html(markdown)
    session.set_aside[page.file.src_uri] = (searched, unsearched)
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


def put_back_searched(html: str, page: Page, session: BuildSession) -> str:
    """on_page_content: the HTML blocks set aside from Markdown (renderer.set_aside_html) back into the page,
    but for those marked search-exclude (`put_back_unsearched`)."""
    searched, _ = session.set_aside.get(page.file.src_uri, ({}, {}))
    return _put_back(html, page, searched)


def _put_back(html: str, page: Page, blocks: dict[str, str]) -> str:
    try:
        return put_back_html(html, blocks)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}; keep a `dossier:html` block at the top level of the page") from None


def put_back_unsearched(page: Page, session: BuildSession) -> None:
    """The blocks marked search-exclude (renderer.set_aside_html) back into the page: once search has read it."""
    _, unsearched = session.set_aside.pop(page.file.src_uri, ({}, {}))
    page.content = _put_back(page.content or "", page, unsearched)


def give_record_page_html(page: Page, session: BuildSession) -> None:
    """on_page_context, before every plugin's (Material's search among them, which indexes the page's
    HTML): a record page the engine converted gets its HTML, and what MkDocs' Page.render would have set
    from its own conversion (renderer.PageHtml), when MkDocs is about to build it from the theme."""
    build = session.build
    if build and page.file.src_uri in build.pending.html and build.record_pages is RecordPages.ENGINE:
        _give_html(page, _take(build, page.file.src_uri), session)


def _give_html(page: Page, html: PageHtml, session: BuildSession) -> None:
    page.content = html.html
    page.toc = get_toc(html.toc)  # type: ignore[arg-type]  # Python-Markdown's toc_tokens, typed by MkDocs as its own TypedDict
    page.__dict__["title"] = html.title  # Page.title is a weak_property: this overrides it
    page.present_anchor_ids = html.anchors
    session.set_aside[page.file.src_uri] = ({}, html.unsearched)


def finish_page(page: Page, config: MkDocsConfig, site: Site, session: BuildSession) -> None:
    """on_page_context, after every plugin's (Material's search among them: it has indexed the page by
    now): the HTML blocks search skips go back into the page (with Material's tooltips on its first links
    only: site/tooltips.py), and structured data for search engines and fact-check aggregators goes into the
    page's <head>."""
    put_back_unsearched(page, session)
    page.content = fewer_theme_tooltips(page.content or "")
    if session.dirty_output is not None:
        session.dirty_output.page_built(page.url)
    kind, _, name = page.file.src_uri.partition("/")
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
