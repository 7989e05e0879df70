"""The MkDocs boundary of one build: its Site (`make_site`), its data errors as one PluginError listing all of
them, so `mkdocs build` fails once, completely (`DossierDataErrors`), and MkDocs' own rule for the URL
between two pages (`url_between`)."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.records.errors import DataError, DossierInvalid
from macros.records.fonts import page_characters, pages_characters
from macros.site.editor_pages import editor_page_errors
from macros.site.pipeline import BuildSpeed, Site, build_site, dossier_settings, index_page_rows
from macros.site.search_parts import search_part_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def make_site(config: MkDocsConfig, speed: BuildSpeed | None = None, serving: bool = False, config_dir: Path | None = None) -> Site:
    """The Site of one build: the dossier loaded, checked and indexed, and its renderer. Raises
    DossierDataErrors with every data error. `speed`: what the build may reuse of earlier ones, and its
    speed-ups (the plugin's, plugin.fast.speed.Speed); None with the switch off, and for write-site.
    `serving`: a preview under `mkdocs serve`."""
    config_dir = config_dir or Path(config.config_file_path).parent
    try:
        data_dir, _ = dossier_settings(config.extra, config_dir)
        # `mkdocs serve` sets site_url to its own address: a preview, not a publication.
        # Read with getattr: write-site hands in only what the engine needs (plain_project.BuildConfig).
        site_url = "" if serving else getattr(config, "site_url", None) or ""
        repo_url = getattr(config, "repo_url", None) or ""
        part_pages = search_part_pages(config.extra)
        site = build_site(data_dir, url_between(lambda: config.use_directory_urls), speed, site_url, repo_url,
                          index_page_rows(config.extra))
        site.search_part_pages = part_pages
    except DossierInvalid as error:
        raise DossierDataErrors(error.errors) from None
    # An editor's page naming no record, or a macro that does not exist: one line each, before Jinja
    # renders anything (its error would come as a traceback, or as "'x' is undefined" with no line).
    # (A stand-in config without docs_dir, plain_project's, reads docs/ beside mkdocs.yml, as MkDocs does.)
    docs_dir = Path(getattr(config, "docs_dir", None) or config_dir / "docs")
    page_errors = editor_page_errors(docs_dir, site.dossier.records, config_dir)
    if page_errors:
        raise DossierDataErrors(page_errors)
    theme = getattr(config, "theme", None) or {}
    site.characters = site.dossier.characters | pages_characters(docs_dir) | interface_characters(theme.get("language"))
    return site


def interface_characters(language: str | None) -> frozenset[int]:
    """The characters beyond the basic set of the theme's own words in the site's language (Material's
    translation of "Search", "Copy to clipboard"…: ə in Azerbaijani, ș in Romanian), which the fonts cut for
    the site must draw as they draw the dossier's."""
    spec = importlib.util.find_spec("material")
    if not language or spec is None or spec.origin is None:
        return frozenset()
    words = Path(spec.origin).parent / "templates" / "partials" / "languages" / f"{language}.html"
    return page_characters(words.name, words.read_text(encoding="utf-8"))[0] if words.is_file() else frozenset()


class DossierDataErrors(PluginError):
    """The dossier's data errors, as MkDocs reports a plugin's: the full list in one message. They stay
    attached, for `mkdocs serve` to show them in the browser (ServedErrors)."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__(f"the dossier data has errors:\n{DossierInvalid(errors)}")


def url_between(use_directory_urls: bool | Callable[[], bool]) -> Callable[[str, str], str]:
    """(target, origin) docs paths → the relative URL MkDocs itself gives a link from origin to target.

    For the lists and tables the renderer writes as HTML (renderer.py, `html_link`): MkDocs rewrites only
    Markdown links, and this is its own path-to-URL rule, so the two kinds of link always agree.
    `use_directory_urls`: the setting, or a function that reads it when a link is made. The dossier is
    loaded in mkdocs-macros' on_config, and Material's offline plugin turns the setting off in its own
    on_config, later; pages are rendered after both.
    """
    if not callable(use_directory_urls):
        return _relative_urls(use_directory_urls)
    setting = use_directory_urls
    by_setting = {setting_now: _relative_urls(setting_now) for setting_now in (True, False)}
    return lambda target, origin: by_setting[bool(setting())](target, origin)


def _relative_urls(use_directory_urls: bool) -> Callable[[str, str], str]:
    @functools.cache
    def url_of(path: str) -> str:
        return File(path, None, "", use_directory_urls).url

    # A large build makes hundreds of thousands of these links, from pages that share a folder: the
    # relative URL depends on the folder the origin's URL is in, not on its last part, unless the target
    # is the origin or lies below it (then it is computed each time, as it is from the home page).
    between_folders: dict[tuple[str, str], str] = {}

    def url(target: str, origin: str) -> str:
        path, hash_, anchor = target.partition("#")
        target_url, origin_url = url_of(path), url_of(origin)
        origin_path = origin_url.rstrip("/")
        if target_url.startswith(origin_url) or origin_path in ("", "."):
            return get_relative_url(target_url, origin_url) + hash_ + anchor
        key = (target_url, origin_path.rpartition("/")[0])
        relative = between_folders.get(key)
        if relative is None:
            relative = between_folders[key] = get_relative_url(target_url, origin_url)
        return relative + hash_ + anchor

    return url
