"""The pipeline end to end, and the list of pages it generates. No MkDocs imports here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DossierInvalid
from .index import DossierIndex
from .load import load
from .render import Renderer
from .schema import KINDS, MODELS
from .validate import Dossier, validate

# Kinds shown as anchors on their index page rather than as a page each.
LISTED_ON_INDEX = {"figures"}

# The macro that renders each generated page; the names editors see in the guide.
RECORD_MACROS = {
    "actors": "actor_profile",
    "sources": "source_page",
    "events": "event_page",
    "statements": "statement_page",
    "claims": "claim_page",
    "topics": "topic_brief",
}
INDEX_MACROS = {
    "actors": "actor_index",
    "sources": "source_register",
    "events": "timeline",
    "statements": "statement_index",
    "claims": "claim_index",
    "figures": "figures_table",
    "topics": "brief_index",
}


@dataclass
class Site:
    dossier: Dossier
    index: DossierIndex
    renderer: Renderer


def check(data_dir: Path) -> Dossier:
    """Load and validate a data folder; the dossier carries every error found."""
    return validate(load(data_dir))


def build_site(data_dir: Path) -> Site:
    """The whole pipeline: load → validate → index → renderer. Raises DossierInvalid with every error."""
    dossier = check(data_dir)
    if dossier.errors:
        raise DossierInvalid(dossier.errors)
    index = DossierIndex(dossier)
    return Site(dossier, index, Renderer(index))


# The navigation tabs already show the sections; without the left sidebar, tables get the full width.
PAGE_HEADER = "---\nhide:\n  - navigation\n---\n"


def generated_pages(site: Site) -> dict[str, str]:
    """Docs-relative path → page source: one macro call per page, never the record's text itself."""
    pages = {f"{kind}/index.md": f"{PAGE_HEADER}{{{{ {INDEX_MACROS[kind]}() }}}}\n" for kind in KINDS}
    for kind, macro in RECORD_MACROS.items():
        for record_id in site.dossier.records[kind]:
            # Ids match ^[a-z0-9-]+$ (validated), so they are safe inside the Jinja call.
            pages[f"{kind}/{record_id}.md"] = f'{PAGE_HEADER}{{{{ {macro}("{record_id}") }}}}\n'
    return pages


def dossier_settings(extra: dict[str, Any], config_dir: Path) -> tuple[Path, Path]:
    """(data folder, archive folder) from mkdocs.yml `extra.dossier`, relative to mkdocs.yml."""
    settings = extra.get("dossier") or {}
    data_dir = config_dir / str(settings.get("data_dir", "data"))
    archive_dir = config_dir / str(settings.get("archive_dir", "archive"))
    return data_dir, archive_dir


def page_count_expected(dossier: Dossier) -> int:
    """Record pages the site must contain: every record except those shown as anchors."""
    return sum(len(dossier.records[kind]) for kind in KINDS if kind not in LISTED_ON_INDEX)


__all__ = ["MODELS", "Site", "build_site", "check", "generated_pages", "dossier_settings"]
