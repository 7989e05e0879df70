"""The MkDocs boundary: one Site per build, shared by the macros module and the page hook.

Data errors become a single PluginError listing all of them, so `mkdocs build` fails once, completely.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from .errors import DossierInvalid
from .site import Site, build_site, dossier_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_ATTRIBUTE = "_dossier_site"


def site_for(config: MkDocsConfig, config_dir: Path | None = None) -> Site:
    """The Site of this build, built on first use. It lives on the config object, which MkDocs creates
    anew for every build (also under `mkdocs serve`), so a module-level cache can never go stale."""
    site = config.__dict__.get(_ATTRIBUTE)
    if site is None:
        config_dir = config_dir or Path(config.config_file_path).parent
        data_dir, _ = dossier_settings(config.extra, config_dir)
        try:
            site = build_site(data_dir)
        except DossierInvalid as error:
            raise PluginError(f"the dossier data has errors:\n{error}") from None
        config.__dict__[_ATTRIBUTE] = site
    return site
