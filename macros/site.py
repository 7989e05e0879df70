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
# `render_macros: false`: the Markdown below is final, rendered by our templates with every data value
# escaped, so mkdocs-macros must neither read record text as Jinja nor compile one template per page
# (the macro layer was a fifth of the time spent on each generated page; see docs/performance.md).
PAGE_HEADER = "---\nhide:\n  - navigation\nrender_macros: false\n---\n"
# Index pages list titles that each record's own page already puts in the search index; indexed too,
# they tripled its size at 10,000 statements and buried the record pages under index-page hits.
INDEX_PAGE_HEADER = "---\nhide:\n  - navigation\nrender_macros: false\nsearch:\n  exclude: true\n---\n"


def generated_pages(site: Site) -> dict[str, str]:
    """Docs-relative path → the page's final Markdown, every page rendered once per build.

    The same Markdown the page macros (RECORD_MACROS, INDEX_MACROS) return on a hand-written page.
    """
    renderer = site.renderer
    pages = {f"{kind}/index.md": f"{INDEX_PAGE_HEADER}{renderer.index_page(kind)}\n" for kind in KINDS}
    for kind in RECORD_MACROS:
        for record_id in site.dossier.records[kind]:
            pages[f"{kind}/{record_id}.md"] = f"{PAGE_HEADER}{renderer.record_page(kind, record_id)}\n"
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
