"""The pipeline end to end: load → validate → index → renderer, and where mkdocs.yml says the data is.
No MkDocs imports here: the plugin (site_of_build.make_site) and write-site call this."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2

from macros.records.check import CheckSpeed, check
from macros.records.errors import DataError, DossierInvalid
from macros.records.index import DossierIndex
from macros.records.load import display_path
from macros.records.schema import DOSSIER_FILE
from macros.records.validate import Dossier
from macros.site.index_parts import INDEX_PAGE_ROWS, SETTING
from macros.site.renderer import Publication, Renderer, UrlBetween
from macros.site.search_parts import SEARCH_PART_PAGES


class BuildSpeed(CheckSpeed, Protocol):
    """A check's speed-ups, and the compiled templates a renderer may reuse (plugin.fast.speed.Speed)."""

    @property
    def compiled_templates(self) -> jinja2.BytecodeCache | None: ...


@dataclass
class Site:
    dossier: Dossier
    index: DossierIndex
    renderer: Renderer
    # Macro calls on editors' pages that name no record (embeds.Embeds), found while mkdocs-macros renders
    # them: the page hook fails the build with them as data errors, one line each. Raised inside the
    # macro, mkdocs-macros would print them inside a Python traceback.
    embed_errors: list[DataError] = field(default_factory=list)
    # The characters beyond the basic set of the data and the editors' pages: the fonts are cut to them
    # (fonts.site_files). Set by plugin/site_of_build.make_site, which reads the pages.
    characters: frozenset[int] = frozenset()
    # How many pages one part of the search index holds (search_parts; mkdocs.yml extra.dossier.search_part_pages).
    search_part_pages: int = SEARCH_PART_PAGES


def build_site(data_dir: Path, url_between: UrlBetween, speed: BuildSpeed | None = None, site_url: str = "",
               repo_url: str = "", index_page_rows: int = INDEX_PAGE_ROWS) -> Site:
    """The whole pipeline: load → validate → index → renderer. Raises DossierInvalid with every error.

    `url_between(target, origin)`: the site's relative URL between two docs paths (site_of_build.url_between).
    `speed`: the process's caches and speed-ups (plugin.fast.speed.Speed); without it, nothing is kept for
    a next build and nothing is done only for speed.
    `site_url`: where the site is published (mkdocs.yml), "" when not set: the address pages give for citing
    them; with one, the build is a publication, and fails while the publisher or the licence is not stated.
    `repo_url`: the project's repository, whose issues are the contact when dossier.yml names none.
    `index_page_rows`: the records a kind's index lists on one page before it is split (index_parts).
    """
    dossier = check(data_dir, speed)
    errors = dossier.errors + (unpublishable(dossier, data_dir) if site_url else [])
    if errors:
        raise DossierInvalid(errors)
    index = DossierIndex(dossier)
    # Templates compile once per process, not once per build (plugin.fast.template_cache).
    renderer = Renderer(index, url_between, speed.compiled_templates if speed is not None else None,
                        Publication(site_url, data_dir, repo_url), index_page_rows)
    return Site(dossier, index, renderer)


# A value in [square brackets] is the editors' placeholder ("[Publisher not yet named]"), not a name.
_PLACEHOLDER = re.compile(r"^\s*\[.*\]\s*$", re.DOTALL)


def unpublishable(dossier: Dossier, data_dir: Path) -> list[DataError]:
    """What keeps the dossier from being published (a build with site_url set, as the Pages workflow makes):
    a publisher and a licence, stated. A local build says on its pages that they are not yet stated."""
    meta = dossier.meta
    shown = display_path(data_dir / DOSSIER_FILE)
    hint = "state it in dossier.yml before publishing; a build without DOSSIER_SITE_URL previews the site as it is"
    return [DataError(shown, 0, name, f"a published build needs the {name} stated, and it is {'a placeholder' if value else 'missing'}", hint)
            for name, value in (("publisher", meta.publisher), ("licence", meta.licence))
            if not value or _PLACEHOLDER.match(value)]


def dossier_settings(extra: Mapping[str, Any], config_dir: Path) -> tuple[Path, Path]:
    """(data folder, archive folder) from mkdocs.yml `extra.dossier`, relative to mkdocs.yml."""
    settings = extra.get("dossier") or {}
    folders = []
    for name, variable, default in (("data_dir", "DOSSIER_DATA_DIR", "data"), ("archive_dir", "DOSSIER_ARCHIVE_DIR", "archive")):
        value = settings.get(name, default)
        if value is None or not str(value).strip():
            # `!ENV [DOSSIER_DATA_DIR, data]` reads a variable set to nothing as null: the folder was "None".
            raise DossierInvalid([DataError("mkdocs.yml", 0, f"extra.dossier.{name}", f"is empty ({variable} is set to nothing?)",
                                            f"set {variable} to the folder, or unset it for mkdocs.yml's default")])
        folders.append(config_dir / str(value))
    return folders[0], folders[1]


def index_page_rows(extra: Mapping[str, Any]) -> int:
    """mkdocs.yml `extra.dossier.index_page_rows`: how many records an index page lists before it is split
    (index_parts.INDEX_PAGE_ROWS when not set; tests lower it to split a small dossier's indexes)."""
    value = (extra.get("dossier") or {}).get(SETTING)
    if value is None:
        return INDEX_PAGE_ROWS
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DossierInvalid([DataError("mkdocs.yml", 0, f"extra.dossier.{SETTING}", f"is {value!r}, not a whole number above 0",
                                        f"remove it for the default of {INDEX_PAGE_ROWS} rows")])
    return int(value)
