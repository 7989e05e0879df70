"""Text from YAML made safe to print: escaped for Markdown and HTML, isolated where it runs right to
left, marked with its language (`in_language`). `Md` is the one text that prints unescaped: what this
site floor built itself."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from macros.records.bidi import as_bdi, isolated


class Md(str):
    """Markdown this module produced and vouches for; the only text templates print unescaped.

    A plain `str` subclass on purpose: concatenating it with data yields a plain `str`, which is then
    escaped, so a mistake shows as visible backslashes, never as injected markup.
    """


# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
WHITESPACE = re.compile(r"\s+")
# What makes a line a heading, quote, list item or ordered list item in Markdown: the character to escape.
_BLOCK_START = re.compile(r"^(\d*)([#>]|[-+*.](?=\s))")


def url_attribute(url: str) -> Md:
    """A web address from data as an href value: characters a URL may not hold (quotes, angle brackets,
    spaces) percent-encoded, so the attribute is a valid URL; then escaped for HTML. The text shown for it
    is printed as written, through `html`."""
    return Md(escape_html(urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")))


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html_text(value: Any) -> Md:
    """Text shown exactly as written inside an HTML block (where Markdown escapes would show), one line;
    right-to-left data isolated from its neighbours by `<bdi>` (bidi.as_bdi)."""
    if isinstance(value, Md):
        return value
    return Md(as_bdi(escape_html(WHITESPACE.sub(" ", str(value)).strip())))


def html_attribute(value: Any) -> Md:
    """Text for an attribute's value (a link's title, a tooltip), one line: no element can be there, so
    right-to-left data keeps its isolates as the characters FSI … PDI (bidi.isolated)."""
    return Md(escape_html(isolated(WHITESPACE.sub(" ", str(value)).strip())))


def unisolated_attribute(value: Any) -> Md:
    """Text for an attribute that only a machine reads (the search-only spellings Pagefind indexes): escaped,
    one line, and as written, without the isolates `html_attribute` adds for a reader's tooltip."""
    return Md(escape_html(WHITESPACE.sub(" ", str(value)).strip()))


# The language of the engine's own words and of the page (theme.language): data in it needs no `lang`.
SITE_LANGUAGE = "en"
# Languages written right to left: their words also get dir="rtl", so the punctuation at their ends sits
# where their readers put it.
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "syr", "ug", "ur", "yi"})


def in_language(html: str, language: str | None) -> Md:
    """HTML text (escaped already) marked as being in `language`, when that is not the page's: screen
    readers then read it with that language's voice (WCAG 2.1, 3.1.2 Language of Parts)."""
    if not language or language == SITE_LANGUAGE or not html:
        return Md(html)
    direction = ' dir="rtl"' if language in RIGHT_TO_LEFT_LANGUAGES else ""
    return Md(f'<span lang="{escape_html(language)}"{direction}>{html}</span>')


def literal(value: Any) -> Md:
    """Text shown exactly as written: no Markdown, no HTML, no entities, whitespace folded to one line."""
    if isinstance(value, Md):
        return value
    return Md(_MARKDOWN_PUNCTUATION.sub(r"\\\1", html_text(value)))  # the HTML-escaped text, then Markdown's escapes


def markdown_title(value: Any) -> Md:
    """`literal` for a Markdown link's title, which becomes an attribute: see `html_attribute`."""
    return Md(_MARKDOWN_PUNCTUATION.sub(r"\\\1", html_attribute(value)))


# In prose we keep emphasis, lists and paragraphs, but no HTML, images, links or attribute lists
# except the [[kind/id]] links the validator resolved.
_PROSE_ESCAPES = re.compile(r"([\\\[\]!{}|])")


# A code span in our prose: a run of backticks closed by a run of the same length, on one line. It becomes
# a <code> element holding its text escaped as any data is (`literal`): left to Markdown after our escapes,
# `a < b` showed as `a &lt; b` and `c[0]` as `c\[0\]`; left to Markdown unescaped, a span Markdown pairs
# differently from this pattern would let raw HTML through.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")


def _escape_prose(text: str) -> str:
    out: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(text):
        code = literal(span.group(2).strip() or span.group(2))
        out += (_PROSE_ESCAPES.sub(r"\\\1", escape_html(text[position : span.start()])), f"<code>{code}</code>")
        position = span.end()
    out.append(_PROSE_ESCAPES.sub(r"\\\1", escape_html(text[position:])))
    return "".join(out)
