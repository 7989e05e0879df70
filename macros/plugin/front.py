"""The dossier plugin's front (plugin.dossier_plugin calls these in on_config): the site's name and
description come from the dossier (data/dossier.yml), escaped once, and the nav gets a tab for each
record kind (`nav_with_kinds`) while the kinds' folders stay out of it (`not_in_nav_with_kinds`).

The theme prints `config.site_name` both bare (the header's text, the logo's aria-label) and through `| e`
(title attributes), and MkDocs' templates autoescape nothing. So the name is made `Markup` here, already
escaped: printed bare it is escaped once, and `| e` leaves Markup as it is. Python code that wants the text
itself (the Atom feed, which its XML writer escapes) takes `site_name_text`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pathspec.gitignore import GitIgnoreSpec

from macros.plugin.site_of_build import DossierDataErrors
from macros.records.bidi import unbalanced_control
from macros.records.dossier_meta import site_name_text
from macros.records.errors import DataError
from macros.records.schema import KINDS_WITH_PAGES, MODELS, forbidden_character
from macros.site.pipeline import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Set, it wins over the dossier's title: one site build can be named differently without editing data.
SITE_NAME_VARIABLE = "DOSSIER_SITE_NAME"


def nav_with_kinds(nav: list[Any] | None) -> list[Any] | None:
    """mkdocs.yml's `nav:` with a tab for each record kind whose index page it does not name, right after
    its first entry (the home page), in the kinds' `nav_position` order. A page the editor's nav names stays
    where the editor put it, so tabs can still be ordered by hand. Without a `nav:`, MkDocs lists every
    page itself, the kinds' index pages among them."""
    if nav is None:
        return None
    named = set(_pages_named(nav))
    tabs = [{model.nav_label: page} for model in sorted(MODELS.values(), key=lambda model: model.nav_position)
            if (page := f"{model.folder}/index.md") not in named]
    return [*nav[:1], *tabs, *nav[1:]]


def _pages_named(nav: list[Any]) -> Iterator[str]:
    """Every page path a nav names, at any depth (an entry is a path, or a title with a path or a list)."""
    for entry in nav:
        targets = entry.values() if isinstance(entry, dict) else [entry]
        for target in targets:
            if isinstance(target, list):
                yield from _pages_named(target)
            elif isinstance(target, str):
                yield target.lstrip("/")


def not_in_nav_with_kinds(not_in_nav: GitIgnoreSpec | None) -> GitIgnoreSpec:
    """mkdocs.yml's `not_in_nav:` and the folder of every kind with record pages. The engine makes its record
    pages not-in-nav itself (generated_files); the folders keep out a hand-written page there too, such as one
    standing in for a record's page, which is no more a tab than the page it replaces."""
    # MkDocs makes the spec from the lines of mkdocs.yml, so each pattern holds its line as text.
    editors = [entry.pattern for entry in not_in_nav.patterns if isinstance(entry.pattern, str)] if not_in_nav else []
    return GitIgnoreSpec.from_lines([*editors, *(f"/{kind}/*.md" for kind in KINDS_WITH_PAGES)])


def check_the_named_site_name(name: str) -> None:
    """DOSSIER_SITE_NAME is the name on every page, as dossier.yml's title is: held to the same rules as the
    data's text (an override left open in it reversed the footer's words after the name)."""
    character = forbidden_character(name)
    unbalanced = unbalanced_control(name)
    if character is not None:
        problem = (f"contains the invisible character U+{ord(character):04X}", "delete it")
    elif unbalanced:
        problem = unbalanced
    else:
        return
    raise DossierDataErrors([DataError("mkdocs.yml", 0, "site_name", f"{SITE_NAME_VARIABLE}: {problem[0]}", problem[1])])


def set_the_front(config: MkDocsConfig, site: Site) -> None:
    """The nav with the kinds' tabs, the site's name and description, the footer's publisher and licence."""
    config.nav = nav_with_kinds(config.nav)
    config.not_in_nav = not_in_nav_with_kinds(config.not_in_nav)
    meta = site.dossier.meta
    named = os.environ.get(SITE_NAME_VARIABLE)
    if named:
        check_the_named_site_name(named)
    name = named or meta.title or site_name_text(config.site_name)
    config.site_name = Markup.escape(name)
    config.site_description = Markup.escape(meta.scope or site_name_text(config.site_description or ""))
    # For the footer (overrides/partials/copyright.html), which escapes each value.
    config.extra["dossier_front"] = {"publisher": meta.publisher, "licence": meta.licence, "licence_url": meta.licence_url}

