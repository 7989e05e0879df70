"""MkDocs hook: add one generated page per record, and the JSON Schemas, to the build.

Pages exist only in memory (`File.generated`): nothing generated is ever committed, and adding a YAML
file is all it takes to get its page.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# MkDocs imports hooks by file path, before mkdocs-macros puts the project on sys.path.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros import mkdocs_glue  # noqa: E402
from macros.export import atom_feed, dossier_json, git_change_dates, json_ld, kind_csv, script_safe  # noqa: E402
from macros.mkdocs_glue import site_for  # noqa: E402
from macros.render import PageHtml, put_back_html, set_aside_html  # noqa: E402
from macros.schema import KINDS, MODELS, json_schema  # noqa: E402
from macros.site import COMPILED_TEMPLATES, dossier_settings, generated_pages  # noqa: E402

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        mkdocs_glue.start_serving(dirty)


def on_shutdown() -> None:
    mkdocs_glue.stop_serving()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = site_for(config)
    mkdocs_glue.hold_long_lived()  # the dossier and its index; the forked renderer then shares them untouched
    on_disk = mkdocs_glue.pages_on_disk  # set under `mkdocs serve --dirty` only
    # Read here, not when the dossier loads: every plugin's on_config has run, and may have added extensions.
    settings = (config.markdown_extensions, config.mdx_configs)
    pages = generated_pages(site, on_disk.render_cache if on_disk else None, parallel=not mkdocs_glue.serving(),
                            markdown_settings=settings)
    converted = _converted_pages(config)
    converted.clear()
    for path, page in pages.items():
        if files.get_file_from_path(path) is None:  # a hand-written page of the same path wins
            if on_disk is None:
                files.append(File.generated(config, path, content=page.markdown))
            else:
                files.append(File.generated(config, path, abs_src_path=on_disk.path_for(path, page.markdown)))
            if page.html is not None:
                converted[path] = page.html
    for kind in KINDS:
        schema = json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
        files.append(File.generated(config, f"schema/{kind}.schema.json", content=schema))
        files.append(File.generated(config, f"export/{kind}.csv", content=kind_csv(site.index, kind)))
    files.append(File.generated(config, "export/dossier.json", content=dossier_json(site.index)))
    data_dir, _ = dossier_settings(config.extra, Path(config.config_file_path).parent)
    feed = atom_feed(site.index, git_change_dates(data_dir), config.site_url or "", config.site_name)
    files.append(File.generated(config, "feed.xml", content=feed))
    mkdocs_glue.hold_long_lived()
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates are compiled once per process, like the engine's: `mkdocs serve` builds many times."""
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def on_post_build(config: MkDocsConfig) -> None:
    mkdocs_glue.build_finished()


def on_build_error(error: Exception) -> None:
    mkdocs_glue.build_finished()


def _converted_pages(config: MkDocsConfig) -> dict[str, PageHtml]:
    """src_uri → the HTML the engine made of that page (render.PageHtml), for this build."""
    return config.__dict__.setdefault("_dossier_converted_pages", {})


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page the engine converted leaves MkDocs nothing to convert. On other pages, marked HTML blocks skip
    Markdown (render.set_aside_html). Runs after mkdocs-macros, as hooks follow plugins."""
    html = _converted_pages(config).get(page.file.src_uri)
    if html is not None:
        page.__dict__["_dossier_page_html"] = html
        return ""
    markdown, searched, unsearched = set_aside_html(markdown)
    page.__dict__["_dossier_html"] = searched
    page.__dict__["_dossier_html_unsearched"] = unsearched
    if page.meta.get("render_macros") is False:
        # mkdocs-macros sets a page's title to its first heading's Markdown source when that looks like Jinja
        # (`\{% … %\}` in a record's title), even on pages it does not render: the browser tab then showed
        # our escapes. Dropped, MkDocs takes the title from the rendered heading, as on every other page.
        page.__dict__.pop("title", None)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    converted: PageHtml | None = page.__dict__.pop("_dossier_page_html", None)
    if converted is None:
        return _put_back(html, page, "_dossier_html")
    # What MkDocs' Page.render sets from its own conversion (see render.PageHtml).
    page.toc = get_toc(converted.toc)
    page.__dict__["title"] = converted.title  # Page.title is a weak_property: this overrides it
    page.present_anchor_ids = converted.anchors
    page.__dict__["_dossier_html_unsearched"] = converted.unsearched
    return converted.html


def _put_back(html: str, page: Page, blocks: str) -> str:
    try:
        return put_back_html(html, page.__dict__.pop(blocks, {}))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}; keep a `dossier:html` block at the top level of the page") from None


def put_back_unsearched(page: Page) -> None:
    """The blocks marked search-exclude (render.set_aside_html) back into the page: once search has read it."""
    page.content = _put_back(page.content or "", page, "_dossier_html_unsearched")


# After every plugin's on_page_context, Material's search among them: it has indexed the page by now.
@event_priority(-100)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """The HTML blocks search skips go back into the page once search has read it, and structured data
    for search engines and fact-check aggregators goes into the page's <head>."""
    put_back_unsearched(page)
    kind, _, name = page.file.src_uri.partition("/")
    if kind in MODELS and name.endswith(".md") and name != "index.md":
        site = site_for(config)
        record = site.dossier.get(kind, name[: -len(".md")])
        data = json_ld(site.index, record, config.site_url or "") if record else None
        if data:
            page.meta["dossier_jsonld"] = script_safe(data)
    return context
