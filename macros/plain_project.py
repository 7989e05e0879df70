"""The dossier written out as a plain MkDocs project (`python -m macros write-site DIR`): the way off this
engine, and off Material, kept working (maintainers/exit-plan.md).

The project needs no engine code to build: every page is Markdown on disk (record and index pages as the
engine renders them, the hand-written pages with their macros expanded), the exports, feed, JSON Schemas
and assets are files, each record page's JSON-LD is in its front matter (overrides/main.html prints it),
and mkdocs.yml has no hooks and no macros plugin. Every Markdown link is relative to its source file
(`../actors/x.md`), the form MkDocs validates and other builders that read Markdown follow; links the
engine writes as HTML blocks already carry the site's final relative URLs.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jinja2
import yaml
from markupsafe import escape
from pathspec.gitignore import GitIgnoreSpec

from macros.plugin.front import nav_with_kinds
from macros.plugin.site_of_build import DossierDataErrors, make_site
from macros.records.dossier_meta import site_name_text
from macros.records.errors import DossierInvalid
from macros.records.fonts import STYLESHEET, site_files
from macros.records.schema import KINDS, KINDS_WITH_PAGES, json_schema
from macros.site.export import atom_feed, dossier_json, json_ld, kind_csv, script_safe
from macros.site.html_blocks import END_OF_HTML, SEARCH_EXCLUDED_HTML, SEARCHED_HTML
from macros.site.index_parts import PARTS_FOLDER
from macros.site.pages import RECORD_PAGE_HEADERS, generated_pages, record_page_meta
from macros.site.pipeline import Site, dossier_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent

# What a plain project drops from the project's mkdocs.yml: the engine (its plugin, the macros plugin and its
# settings in `extra.dossier`, the folders `mkdocs serve` watches for it), and Material's offline plugin,
# whose switch turns directory URLs off after the engine's HTML links were written for them.
_ENGINE_KEYS = ("hooks", "watch")
_ENGINE_PLUGINS = ("dossier", "macros", "offline")

# A page's URL is its file's (`actors/x.html`, not `actors/x/`), in the written project only. The links the
# engine writes inside HTML blocks are read two ways: MkDocs leaves them as they are (so they must be final
# URLs, relative to the page's URL), Zensical rewrites them as relative to the page's source file (it added
# `../` to each: 56 broken links and anchors in LinkChecker's run). Both readings agree where a page's URL
# and its source file are in the same folder. (The engine's own build keeps directory URLs.)
_FILE_URLS = False

# A Markdown link (or image) whose target is a path from the docs folder: `](/about.md)`, `](/feed.xml "…")`.
# Text the engine prints is escaped (renderer.literal escapes `]` and `(`), so this can only be a link it made.
_DOCS_ABSOLUTE_LINK = re.compile(r"\]\(/(?P<target>[^)\s]*)")
# The lines marking the engine's HTML blocks (renderer.html_block) are for its page hook, which is not here;
# Python-Markdown leaves the blocks as they are without them.
_HTML_BLOCK_MARKERS = re.compile(f"^(?:{'|'.join(map(re.escape, (SEARCHED_HTML, SEARCH_EXCLUDED_HTML, END_OF_HTML)))})\n", re.MULTILINE)


class _Tagged:
    """A YAML value under a tag MkDocs' loader knows (`!ENV`, `!!python/name:…`), kept to be written back."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node))
    if isinstance(node, yaml.MappingNode):  # `!!python/object/apply:f {kwds: …}` (toc's slugify)
        return _Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return _Tagged(node.tag, loader.construct_scalar(cast(yaml.ScalarNode, node)))


def _dump_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value), style="" if data.value == "" else None)


def _dump_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """Lists of patterns (`not_in_nav`, `exclude_docs`) stay one per line, as mkdocs.yml writes them."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_ConfigLoader.add_multi_constructor("!", _keep_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)
_ConfigDumper.add_representer(_Tagged, _dump_tagged)
_ConfigDumper.add_representer(str, _dump_text)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as written, with its tags kept (see `_Tagged`) and `!ENV` not yet resolved."""
    with path.open(encoding="utf-8") as file:
        return cast(dict[str, Any], yaml.load(file, Loader=_ConfigLoader))  # noqa: S506  # a SafeLoader subclass


def resolved(value: Any) -> Any:
    """`value` with every `!ENV [NAME, …, default]` replaced by the first variable set, or the default,
    as MkDocs resolves it (the variables' text; the default as written)."""
    if isinstance(value, _Tagged) and value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        *variables, default = names if len(names) > 1 else [*names, None]
        return next((os.environ[name] for name in variables if name in os.environ), default)
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolved(item) for item in value]
    return value


@dataclass
class WrittenProject:
    """What `write_project` wrote: docs-relative paths of the pages and of the other files."""

    pages: list[str]
    files: list[str]


def write_project(out: Path, build: BuildConfig, config: dict[str, Any]) -> WrittenProject:
    """Write the plain project into `out` (replaced): mkdocs.yml, docs/, overrides/. `config`: the project's
    mkdocs.yml (`read_config`); `build` what the engine reads of it. Raises errors.DossierInvalid, with every
    error, when the data has errors (and writes nothing)."""
    try:
        site = make_site(cast("MkDocsConfig", build))
    except DossierDataErrors as error:
        raise DossierInvalid(error.errors) from None
    config_dir = Path(build.config_file_path).parent
    data_dir, _ = dossier_settings(build.extra, config_dir)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    settings = resolved(config)
    docs_dir = config_dir / str(settings.get("docs_dir", "docs"))
    site_url = str(settings.get("site_url") or "")
    written = WrittenProject([], [])

    def write(path: str, text: str, pages: list[str]) -> None:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
        pages.append(path)

    # Hand-written files first (assets, images); the pages among them are written again, expanded, below.
    shutil.copytree(docs_dir, docs, ignore=shutil.ignore_patterns("*.md"))
    written.files += sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    theme = settings.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(config_dir / str(theme["custom_dir"]), out / "overrides")

    for path, page in generated_pages(site).items():
        if (docs_dir / path).is_file():  # a hand-written page of the same path wins, as in a build (generated_files)
            continue
        write(path, relative_links(_with_structured_data(site, path, page.markdown, site_url), path), written.pages)
    expand = _macro_expander(build, site, config_dir, docs_dir)
    excluded = GitIgnoreSpec.from_lines(str(settings.get("exclude_docs") or "").splitlines())
    for source in sorted(docs_dir.rglob("*.md")):
        path = source.relative_to(docs_dir).as_posix()
        if excluded.match_file(path):  # not a page (a maintainer's note): copied as it is, excluded as it was
            write(path, source.read_text(encoding="utf-8"), written.files)
        else:
            write(path, relative_links(expand(path, source), path), written.pages)

    name = _site_name(site, settings)
    exports = {f"export/{kind}.csv": kind_csv(site.index, kind) for kind in KINDS}
    exports["export/dossier.json"] = dossier_json(site.index)
    exports["feed.xml"] = atom_feed(site.index, site.renderer.publication.change_dates(), site_url, name)
    exports.update((f"schema/{kind}.schema.json", json.dumps(json_schema(kind), indent=2, ensure_ascii=False)) for kind in KINDS)
    for path, text in exports.items():
        write(path, text, written.files)
    fonts = site_files(site.characters)  # the fonts cut for the dossier's characters, as a build ships them
    for path, content in fonts.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(content)
        written.files.append(path)

    (out / "mkdocs.yml").write_text(plain_config(config, site, name, [STYLESHEET] if STYLESHEET in fonts else []), encoding="utf-8")
    return written


def _with_structured_data(site: Site, path: str, markdown: str, site_url: str) -> str:
    """A record page's schema.org data in its front matter, where overrides/main.html reads it (the page
    hook puts it there in a build by the engine)."""
    kind, _, name = path.partition("/")
    record = site.dossier.get(kind, name.removesuffix(".md")) if kind in KINDS_WITH_PAGES and name != "index.md" else None
    data = json_ld(site.index, record, site_url) if record is not None else None
    if record is None or not data:
        return markdown
    header = RECORD_PAGE_HEADERS[kind]
    assert markdown.startswith(header), path  # noqa: S101  # pages.record_page writes this very header
    meta = {**record_page_meta(kind), "dossier_jsonld": script_safe(data)}
    return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{markdown[len(header):]}"


def relative_links(markdown: str, page_path: str) -> str:
    """Every Markdown link to a docs path (`](/about.md`) made relative to the page's own file (`](../about.md`);
    and the engine's HTML block markers taken out."""
    folder = posixpath.dirname(page_path) or "."

    def relative(match: re.Match[str]) -> str:
        path, hash_, anchor = match["target"].partition("#")
        return f"]({posixpath.relpath(path, folder) if path else ''}{hash_}{anchor}"

    return _DOCS_ABSOLUTE_LINK.sub(relative, _HTML_BLOCK_MARKERS.sub("", markdown))


class _SourceFile:
    """What mkdocs-macros' macros read of the page being expanded (`env.page.file`)."""

    def __init__(self, path: str, source: Path):
        self.src_uri = self.src_path = path
        self.abs_src_path = str(source)


class _Page:
    def __init__(self, file: _SourceFile):
        self.file = file


class _DocsFiles:
    """The `files` variable of mkdocs-macros, as far as pages use it (`files.get_file_from_path`)."""

    def __init__(self, docs_dir: Path, generated: set[str]):
        self.docs_dir, self.generated = docs_dir, generated

    def get_file_from_path(self, path: str) -> str | None:
        return path if path in self.generated or (self.docs_dir / path).is_file() else None


class _MacrosEnv:
    """mkdocs-macros' plugin object, as far as macros/__init__.py's `define_env` uses it (MacrosEnv): the
    same macros (`define_macros`), over the build's Site, so a page expands here as it does in a build."""

    def __init__(self, build: BuildConfig, project_dir: Path):
        self.conf = build
        self.project_dir = str(project_dir)
        self.page = _Page(_SourceFile("index.md", project_dir))
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Callable[..., Any]] = {}

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name or function.__name__] = function
        return function


def _macro_expander(build: BuildConfig, site: Site, project_dir: Path, docs_dir: Path) -> Callable[[str, Path], str]:
    """(docs path, file) → the hand-written page with its macros expanded as mkdocs-macros expands them
    (front matter kept; `on_undefined: strict`)."""
    from macros import define_macros

    env = _MacrosEnv(build, project_dir)
    define_macros(env, site)  # type: ignore[arg-type]  # the part of MacrosEnv define_macros uses
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    jinja.globals.update(env.variables, **env.macros)
    generated = {f"{kind}/index.md" for kind in KINDS} | {f"export/{kind}.csv" for kind in KINDS}
    jinja.globals["files"] = _DocsFiles(docs_dir, generated)

    def expand(path: str, source: Path) -> str:
        text = source.read_text(encoding="utf-8")
        front, body = _split_front_matter(text)
        env.page = _Page(_SourceFile(path, source))
        return front + jinja.from_string(body).render()

    return expand


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def _site_name(site: Site, settings: dict[str, Any]) -> str:
    """The name a build by the engine gives the site (front.on_config), as text."""
    return os.environ.get("DOSSIER_SITE_NAME") or site.dossier.meta.title or site_name_text(str(settings.get("site_name") or ""))


def plain_config(config: dict[str, Any], site: Site, name: str, stylesheets: list[str]) -> str:
    """The project's mkdocs.yml for the plain project: the same theme, Markdown extensions, search and
    validation; no engine; the nav with each kind's tab and the record folders out of it, as the front
    hook makes them; the site's name and description from the dossier, HTML-escaped (Material prints the
    name unescaped in places, and no hook makes it Markup here); `stylesheets` added to extra_css, as the page
    hook adds them."""
    meta = site.dossier.meta
    settings = {key: value for key, value in config.items() if key not in _ENGINE_KEYS}
    settings["site_name"] = str(escape(name))
    settings["site_description"] = str(escape(meta.scope or str(resolved(config.get("site_description")) or "")))
    settings["site_url"] = resolved(config.get("site_url")) or ""
    settings["repo_url"] = resolved(config.get("repo_url")) or ""
    settings["docs_dir"] = "docs"
    if stylesheets:
        settings["extra_css"] = [*(config.get("extra_css") or []), *stylesheets]
    settings["use_directory_urls"] = _FILE_URLS
    if settings.get("theme", {}).get("custom_dir"):
        settings["theme"] = {**settings["theme"], "custom_dir": "overrides"}
    extra = {key: value for key, value in (config.get("extra") or {}).items() if key != "dossier"}
    extra["dossier_front"] = {"publisher": meta.publisher, "licence": meta.licence, "licence_url": meta.licence_url}
    settings["extra"] = extra
    settings["plugins"] = [plugin for plugin in config.get("plugins") or [] if _plugin_name(plugin) not in _ENGINE_PLUGINS]
    settings["nav"] = nav_with_kinds(config.get("nav"))
    folders = "".join(f"/{kind}/*.md\n" for kind in KINDS_WITH_PAGES)
    # The parts of a long index (index_parts) are reached from the kind's index page, not from the nav.
    folders += "".join(f"/{kind}/{PARTS_FOLDER}/*.md\n" for kind in KINDS)
    settings["not_in_nav"] = f"{config.get('not_in_nav') or ''}{folders}"
    header = ("# Written by `python -m macros write-site`: the dossier as a plain MkDocs project, built with no\n"
              "# engine code (maintainers/exit-plan.md). Generated: edit the project's data and mkdocs.yml instead.\n")
    return header + yaml.dump(settings, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=120)


def _plugin_name(plugin: Any) -> str:
    return str(next(iter(plugin))) if isinstance(plugin, dict) else str(plugin)


class BuildConfig:
    """What the engine reads of MkDocs' config (`site_of_build.make_site`, the macros): where the data is, the
    URL form, which is the written project's (`_FILE_URLS`), and the theme's settings (its language)."""

    def __init__(self, extra: dict[str, Any], config_file_path: Path, theme: dict[str, Any] | None = None):
        self.extra, self.config_file_path, self.use_directory_urls = extra, str(config_file_path), _FILE_URLS
        self.theme = theme or {}  # its language: the fonts draw the theme's words too


def write_site(out: Path, config_path: Path) -> WrittenProject:
    """Build the dossier that `config_path` (the project's mkdocs.yml) names, and write it into `out` as a
    plain project (`write_project`)."""
    config = read_config(config_path)
    settings = resolved(config)
    theme = settings.get("theme")
    return write_project(out, BuildConfig(settings.get("extra") or {}, config_path, theme if isinstance(theme, dict) else None), config)
