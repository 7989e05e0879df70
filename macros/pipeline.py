"""The pipeline end to end: load → validate → index → renderer, and where mkdocs.yml says the data is.
No MkDocs imports here: `mkdocs_glue` calls this, and `python -m macros check` uses it without MkDocs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, DossierInvalid
from .fonts import characters_of
from .index import DossierIndex
from .load import Loaded, ParseCache, display_path, load, load_file
from .render import Publication, Renderer, UrlBetween
from .schema import DOSSIER_FILE
from .validate import Dossier, ValidatedRecords, validate

if TYPE_CHECKING:
    from .session import BuildSession


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
    # (fonts.site_files). Set by mkdocs_glue.site_for, which reads the pages.
    characters: frozenset[int] = frozenset()


def check(data_dir: Path, session: BuildSession | None = None) -> Dossier:
    """Load and validate a data folder; the dossier carries every error found.

    With the session of a `mkdocs serve`, unchanged files are neither parsed nor validated again."""
    parsed: ParseCache | None = session.parsed if session else None
    validated: ValidatedRecords | None = session.validated if session else None
    may_fork = session.may_fork() if session else None
    loaded = load(data_dir, parsed, may_fork=may_fork)
    dossier = validate(loaded, validated)
    dossier.characters, not_drawn = characters_of(_texts(loaded, data_dir))
    if not_drawn:
        dossier.errors = sorted(dossier.errors + not_drawn)
    return dossier


def _texts(loaded: Loaded, data_dir: Path) -> Iterator[tuple[str, str, Any]]:
    """Each data file as (path shown, text, parsed data): the records, readable or not yet valid, and dossier.yml."""
    for raw in loaded.records:
        yield raw.path, raw.text, raw.data
    meta_file = data_dir / DOSSIER_FILE
    if meta_file.is_file():
        raw_meta, _ = load_file("dossier", meta_file)  # its errors are load_meta's
        if raw_meta is not None:
            yield raw_meta.path, raw_meta.text, raw_meta.data


def build_site(data_dir: Path, url_between: UrlBetween, session: BuildSession | None = None, site_url: str = "",
               repo_url: str = "") -> Site:
    """The whole pipeline: load → validate → index → renderer. Raises DossierInvalid with every error.

    `url_between(target, origin)`: the site's relative URL between two docs paths (mkdocs_glue.url_between).
    `session`: the process's caches (session.BuildSession); without one, nothing is kept for a next build.
    `site_url`: where the site is published (mkdocs.yml), "" when not set: the address pages give for citing
    them; with one, the build is a publication, and fails while the publisher or the licence is not stated.
    `repo_url`: the project's repository, whose issues are the contact when dossier.yml names none.
    """
    dossier = check(data_dir, session)
    errors = dossier.errors + (unpublishable(dossier, data_dir) if site_url else [])
    if errors:
        raise DossierInvalid(errors)
    index = DossierIndex(dossier)
    # Templates compile once per process, not once per build (template_cache.CompiledTemplates).
    renderer = Renderer(index, url_between, session.compiled_templates if session is not None else None,
                        Publication(site_url, data_dir, repo_url))
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
