"""A record page's Markdown converted to HTML by the engine, with the site's Markdown settings
(`PageConverter`, `PageHtml`): a speed-up (MkDocs would convert it the same way: plugin/fast/)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from macros.site.html_blocks import put_back_html, set_aside_html

# The site's Markdown extensions and their settings, as MkDocs hands them to Python-Markdown.
MarkdownSettings = tuple[list[Any], dict[str, Any]]


@dataclass
class PageHtml:
    """A record page as HTML, converted by the engine rather than by MkDocs (`PageConverter.page_html`).

    MkDocs converts each page with a new Python-Markdown instance in its single build process: for record
    pages that was a third of a large build (20 s of 55 at 10,000 statements). The engine converts them
    with the same extensions and settings, one instance reused, as it renders them (in a full build, in the
    page processes beside MkDocs: background.MadeInBackground). The page hook then gives MkDocs nothing to
    convert and hands it this: the HTML, the table of contents, the title and the anchors MkDocs would
    have taken from its own conversion. Links on these pages carry their final URLs, as the HTML blocks'
    always did (`Renderer.link`).
    """

    html: str  # with the search-excluded blocks still set aside (see `set_aside_html`)
    unsearched: dict[str, str]  # token → block, put back once search has read the page
    toc: list[dict[str, Any]]  # Python-Markdown's toc tokens: MkDocs makes page.toc from these
    title: str | None  # the text of the page's leading h1, as MkDocs takes a page's title from it
    anchors: set[str]  # the ids on the page, for MkDocs' check of links to its anchors


class PageConverter:
    """Record pages' Markdown as HTML (`page_html`), with the site's Markdown extensions and their settings.

    Made where those are final: the page hook's on_files, after every plugin's on_config may have added
    an extension, which is after the dossier and its Renderer were made (on_config). One per build.
    """

    def __init__(self, settings: MarkdownSettings) -> None:
        self.settings: Final = settings

    def page_html(self, page_markdown: str) -> PageHtml:
        """A record page's Markdown, rendered with final URLs (`record_page_context(…, final_urls=True)`),
        as HTML: see `PageHtml`."""
        converter = self._markdown
        text, searched, unsearched = set_aside_html(page_markdown)
        html = put_back_html(converter.reset().convert(text), searched)
        toc = converter.toc_tokens  # type: ignore[attr-defined]
        title = toc[0]["name"] if toc and toc[0]["level"] == 1 else None  # our pages open with their h1
        return PageHtml(html, unsearched, toc, title, set(_ids(toc)))

    @cached_property
    def _markdown(self) -> markdown.Markdown:
        # What MkDocs' Page.render makes for each page, made once: resetting it between pages is enough.
        # Made on first use, not in __init__: in a full build that is the process making the pages
        # (background.MadeInBackground), beside MkDocs.
        extensions, configs = self.settings
        converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        converter.parser.blockprocessors.register(_StashedHtmlParagraph(converter.parser), "dossier_stashed_html", 200)
        return converter


class _StashedHtmlParagraph(BlockProcessor):
    """A block that is only a raw HTML block's placeholder (each set-aside block's comment becomes one): the
    paragraph Python-Markdown's own ParagraphProcessor makes of it, its text marked atomic. The same tree, so
    the same HTML (its postprocessor puts the HTML back in place of the paragraph); but no other block
    processor tests the block first and no inline pattern is tried on its text, where none can match. A
    record page holds 6-14 of them, 30% of its conversion: this takes 6-9% off the whole at 1,000 statements
    (maintainers/performance.md). A block md_in_html stashed (an element whose content is Markdown, not a
    string) is left to md_in_html."""

    # Up to three spaces before it: four make it a code block, as they would any text.
    _PLACEHOLDER = re.compile(" {0,3}" + re.escape(HTML_PLACEHOLDER % "@").replace("@", r"(\d+)") + r"\s*")

    def test(self, parent: etree.Element, block: str) -> bool:
        found = self._PLACEHOLDER.fullmatch(block)
        if found is None or self.parser.state.isstate("list"):  # in a list, ParagraphProcessor makes no paragraph
            return False
        # A look-alike typed in the text cannot come here: Python-Markdown strips the two control characters.
        return isinstance(self.parser.md.htmlStash.rawHtmlBlocks[int(found[1])], str)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = AtomicString(blocks.pop(0).lstrip())


def _ids(toc: list[dict[str, Any]]) -> list[str]:
    """Every heading id in a table of contents: the only ids our record pages' Markdown gives elements."""
    return [id_ for token in toc for id_ in (token["id"], *_ids(token["children"]))]
