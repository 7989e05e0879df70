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

from mkdocs.structure.files import File  # noqa: E402

from macros.mkdocs_glue import site_for  # noqa: E402
from macros.schema import KINDS, json_schema  # noqa: E402
from macros.site import generated_pages  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = site_for(config)
    for path, content in generated_pages(site).items():
        if files.get_file_from_path(path) is None:  # a hand-written page of the same path wins
            files.append(File.generated(config, path, content=content))
    for kind in KINDS:
        schema = json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
        files.append(File.generated(config, f"schema/{kind}.schema.json", content=schema))
    return files
