"""The baseline: a plain Material for MkDocs site of hand-written Markdown pages, no macros, no hooks.

It has the same pages as the dossier site built from `benchmarks.synthetic` at the same size: one
folder per record kind with one ~80-word page per record, outside the nav, and one index page per
folder linking every page in it (the way the dossier's index pages do), plus a home and a guide page.
Same theme, same search plugin, same Markdown extensions as the project's mkdocs.yml.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from .synthetic import WORDS, Sizes

FOLDERS = ("actors", "sources", "events", "statements", "claims", "topics")

CONFIG = """\
site_name: Plain Material baseline
docs_dir: docs
strict: true
theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.top
    - search.highlight
    - content.tooltips
plugins:
  - search
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
not_in_nav: |
{not_in_nav}
nav:
  - Home: index.md
{nav}
  - Guide: guide.md
"""


def page_counts(sizes: Sizes) -> dict[str, int]:
    """Pages per folder: the record pages the dossier site has (figures are anchors on their index)."""
    return {folder: getattr(sizes, folder) for folder in FOLDERS} | {"figures": 0}


def write_plain_site(out: Path, sizes: Sizes, seed: int = 1) -> int:
    """Write the baseline project into `out` (replaced); return its number of pages."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    docs = out / "docs"
    counts = page_counts(sizes)

    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    pages = 0
    for folder, count in counts.items():
        (docs / folder).mkdir(parents=True)
        titles = []
        for i in range(count):
            title = sentence(6)[:-1]
            titles.append(title)
            other = rng.randrange(count)
            body = (f"# {title}\n\n{sentence(14)} {sentence(12)} {sentence(10)}\n\n"
                    f"{sentence(12)} {sentence(10)} See [another page]({other}.md) and [the index](index.md).\n\n"
                    f"## Notes\n\n- {sentence(6)}\n- {sentence(6)}\n")
            (docs / folder / f"{i}.md").write_text(body, encoding="utf-8")
        listing = "\n".join(f"- [{title}]({i}.md)" for i, title in enumerate(titles))
        (docs / folder / "index.md").write_text(f"# {folder.capitalize()}\n\n{count} pages.\n\n{listing}\n", encoding="utf-8")
        pages += count + 1
    (docs / "index.md").write_text("# Home\n\n" + sentence(30) + "\n", encoding="utf-8")
    (docs / "guide.md").write_text("# Guide\n\n" + sentence(60) + "\n", encoding="utf-8")
    pages += 2
    not_in_nav = "\n".join(f"  /{folder}/[0-9]*.md" for folder in counts)
    nav = "\n".join(f"  - {folder.capitalize()}: {folder}/index.md" for folder in counts)
    (out / "mkdocs.yml").write_text(CONFIG.format(not_in_nav=not_in_nav, nav=nav), encoding="utf-8")
    return pages


def write_static_copy(out: Path, data_dir: Path) -> int:
    """The dossier's own pages as static Markdown files in a plain Material project: same Markdown, same
    theme overrides and CSS, same nav, but no macros plugin and no data loading; its only hook sets the
    pages' HTML blocks aside from Markdown as the engine's does (benchmarks/static_hook.py). The dossier
    build minus this one is what the engine itself costs; this one minus the 80-word baseline is what the
    richer pages cost. Returns the number of pages."""
    from macros.plugin.site_of_build import url_between
    from macros.site.pages import generated_pages
    from macros.site.pipeline import build_site

    from .run import ROOT

    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    pages = generated_pages(build_site(data_dir, url_between(use_directory_urls=True)))
    for path, page in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(page.markdown, encoding="utf-8")
    # The hand-written pages call macros; plain stand-ins of similar length keep the page count.
    (docs / "index.md").write_text("# Briefing dossier\n\nHome page stand-in.\n", encoding="utf-8")
    (docs / "guide.md").write_text("# Editor's guide\n\nGuide stand-in.\n", encoding="utf-8")
    (docs / "performance.md").write_text("# Performance\n\nPerformance page stand-in.\n", encoding="utf-8")

    # MkDocs' INHERIT: the project's own mkdocs.yml, minus the macros plugin and the engine's hook.
    (out / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
        "strict: false  # links to the JSON/CSV exports the hook would add are reported, not fatal\n"
        "plugins:\n  - search\n"
        f"hooks:\n  - {ROOT / 'benchmarks' / 'static_hook.py'}\n"
        "watch: []\n",
        encoding="utf-8",
    )
    return len([p for p in pages if p.endswith(".md")]) + 2
