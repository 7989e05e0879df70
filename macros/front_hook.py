"""MkDocs hook: the site's name and description come from the dossier (data/dossier.yml), escaped once.

The theme prints `config.site_name` both bare (the header's text, the logo's aria-label) and through `| e`
(title attributes), and MkDocs' templates autoescape nothing. So the name is made `Markup` here, already
escaped: printed bare it is escaped once, and `| e` leaves Markup as it is. Python code that wants the text
itself (the Atom feed, which its XML writer escapes) takes `site_name_text`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:  # MkDocs imports hooks by file path
    sys.path.insert(0, _PROJECT)

from macros.dossier_meta import site_name_text  # noqa: E402
from macros.mkdocs_glue import site_for  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Set, it wins over the dossier's title: one site build can be named differently without editing data.
SITE_NAME_VARIABLE = "DOSSIER_SITE_NAME"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    meta = site_for(config).dossier.meta
    name = os.environ.get(SITE_NAME_VARIABLE) or meta.title or site_name_text(config.site_name)
    config.site_name = Markup.escape(name)
    config.site_description = Markup.escape(meta.scope or site_name_text(config.site_description or ""))
    # For the footer (overrides/partials/copyright.html), which escapes each value.
    config.extra["dossier_front"] = {"publisher": meta.publisher, "licence": meta.licence, "licence_url": meta.licence_url}
    return config

