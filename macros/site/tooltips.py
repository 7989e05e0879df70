"""Material's hover tooltips, on the first links and citation markers of a page only.

Material (`content.tooltips`) mounts a tooltip on every element of the article with a `title`, as the page
loads: on a brief of the 1,000-statement synthetic dossier (3,001 titled links, most in folded lists) that
was 4.2 s of blocked main thread in Lighthouse's phone run, against 0.1 s with the titles removed (score
70 → 98; maintainers/performance.md). It mounts one on every citation marker too
(`content.footnote.tooltips`): on a brief citing 70 times, 30 ms more of a phone's main thread (Chromium
slowed fourfold) than with 30 tooltips in all. Inside a fold (hidden until opened) and past the first
THEME_TOOLTIPS elsewhere, a title is kept as `data-dossier-title`, out of Material's reach, and dossier.js
gives it back as the element's title when the reader points at or focuses it: the browser's own tooltip then
shows the same words. A citation marker there is given the class `dossier-footnote-ref` instead of
Material's `footnote-ref`: it looks and opens its reference as the others do (front.css, dossier.js), and
dossier.js titles it with its reference's words when the reader points at it. A page with fewer of both is
left as it is.
"""

from __future__ import annotations

import re

THEME_TOOLTIPS = 30  # titled elements and citation markers per page, outside folds, that get Material's tooltip
# A title attribute in a tag, a citation marker's class (Python-Markdown's footnotes give the marker's <a>
# that one class), and the folds' opening and closing tags, in the order they come. In a tag only: the page's
# text has its "<" escaped, so `[^<>]*` never leaves the tag; nor does an attribute's value, whose quotes are.
_TOKENS = re.compile(r'(<[a-zA-Z][^<>]*?\s)title="|(<a\s[^<>]*?)class="footnote-ref"|<details\b|</details>')
KEPT_AS = "data-dossier-title"
MARKER_KEPT_AS = "dossier-footnote-ref"


def fewer_theme_tooltips(html: str, keep: int = THEME_TOOLTIPS) -> str:
    """`html` (a page's article) with its titles renamed `data-dossier-title`, and its citation markers' class
    `dossier-footnote-ref`, inside folded `<details>` (hidden until opened) and past the first `keep` elsewhere."""
    tooltips = html.count(' title="') + html.count('class="footnote-ref"')
    if not tooltips or (tooltips <= keep and "<details" not in html):
        return html
    seen = folds = 0

    def rename(match: re.Match[str]) -> str:
        nonlocal seen, folds
        token = match.group(0)
        if token == "<details":
            folds += 1
            return token
        if token == "</details>":
            folds = max(folds - 1, 0)
            return token
        seen += 0 if folds else 1
        if not folds and seen <= keep:
            return token
        return f'{match.group(1)}{KEPT_AS}="' if match.group(1) else f'{match.group(2)}class="{MARKER_KEPT_AS}"'

    return _TOKENS.sub(rename, html)
