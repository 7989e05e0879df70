"""A trial record kind, added to a copy of the project the way the guide's maintainer section says ("For
maintainers: adding a record kind"): its model in macros/records/schema.py, its two templates, its guide section
and page-macro rows, `python -m macros schema`, and a record in the mini fixture. Used by
tests/engine/test_trial_kind.py, which then builds the copy and runs the kind-sensitive tests in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

FOLDER, SINGULAR = "documents", "document"
RECORD_ID = "bridge-tender-notice"

MODEL = '''
class Document(Record):
    """A document the dossier holds in full: a notice, a letter, a ruling."""

    folder = "documents"
    singular = "document"
    nav_label = "Documents"
    nav_position = 8
    index_macro = "document_index"
    record_macro = "document_page"
    title: Text = Field(description="the document's title as printed")
    source: SourceRef = Field(description="the source that publishes it")

    def sort_key(self) -> SortKey:
        return (self.title.casefold(),)

    def title_for(self, words: Words) -> str:
        return self.title

    def summary_for(self, words: Words) -> str:
        return self.title


'''
RECORD_TEMPLATE = """\
# {{ document.title }}

Published in {{ index.get("sources", document.source) | link }}.
"""
INDEX_TEMPLATE = """\
# Documents

{% for document in index.listed("documents") %}
- {{ document | link }}
{% endfor %}
"""
GUIDE_SECTION = '### Documents\n\n{{ field_reference("documents") }}\n\n'
GUIDE_MACROS = ("| `document_page(id)` | a document's page: its title and source |\n"
                "| `document_index()` | the list of documents |\n")
# What copying leaves out: version control, installed tools, built sites, caches.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache")


def copy_project(root: Path, to: Path) -> Path:
    shutil.copytree(root, to, ignore=_NOT_COPIED, symlinks=True)
    return to


def add_trial_kind(project: Path, guide_section: bool = True) -> None:
    """Add the kind `documents` to `project`, step by step as the guide's maintainer section says
    (`guide_section` False leaves out the guide's part, for a control)."""
    schema = project / "macros" / "records" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    models = "MODELS: dict[str, type[Record]] = {model.folder: model for model in ("
    assert models in text, "macros/records/schema.py lists its models as the guide says"
    text = text.replace(models, f"{MODEL.lstrip()}{models}", 1)
    text = text.replace("Figure, Topic)}", "Figure, Topic, Document)}", 1)
    schema.write_text(text, encoding="utf-8")
    templates = project / "macros" / "site" / "templates"
    (templates / f"{SINGULAR}.md.j2").write_text(RECORD_TEMPLATE, encoding="utf-8")
    (templates / f"{FOLDER}_index.md.j2").write_text(INDEX_TEMPLATE, encoding="utf-8")
    if guide_section:
        guide = project / "docs" / "guide.md"
        text = guide.read_text(encoding="utf-8")
        text = text.replace("## Records in your own pages\n", f"{GUIDE_SECTION}## Records in your own pages\n", 1)
        text = text.replace("| `actor_index()` |", f"{GUIDE_MACROS}| `actor_index()` |", 1)
        guide.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "macros", "schema"], cwd=project, check=True, capture_output=True)
    record = project / "tests" / "fixtures" / "mini" / FOLDER / f"{RECORD_ID}.yml"
    record.parent.mkdir(parents=True)
    record.write_text(textwrap.dedent("""\
        title: Notice of the bridge tender
        source: blog-post
        """), encoding="utf-8")
