"""Material's hover tooltips, on the first links of a page only.

Material (`content.tooltips`) mounts a tooltip on every element of the article with a `title`, as the page
loads: on a brief of the 1,000-statement synthetic dossier (3,001 titled links, most in folded lists) that
was 4.2 s of blocked main thread in Lighthouse's phone run, against 0.1 s with the titles removed (score
70 → 98; maintainers/performance.md). Inside a fold (hidden until opened) and past the first THEME_TOOLTIPS
elsewhere, a title is kept as
`data-dossier-title`, out of Material's reach, and dossier.js gives it back as the element's title when the
reader points at or focuses it: the browser's own tooltip then shows the same words. A page with fewer
titles is left as it is.
"""

from __future__ import annotations

import re

THEME_TOOLTIPS = 30  # titled elements per page, outside folds, that get Material's tooltip
# A title attribute in a tag, and the folds' opening and closing tags, in the order they come.
_TOKENS = re.compile(r'(<[a-zA-Z][^<>]*?\s)title="|<details\b|</details>')
KEPT_AS = "data-dossier-title"


def fewer_theme_tooltips(html: str, keep: int = THEME_TOOLTIPS) -> str:
    """`html` (a page's article) with its titles renamed `data-dossier-title` inside folded `<details>` (hidden
    until opened) and past the first `keep` elsewhere."""
    if ' title="' not in html or (html.count(' title="') <= keep and "<details" not in html):
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
        return token if not folds and seen <= keep else f'{match.group(1)}{KEPT_AS}="'

    return _TOKENS.sub(rename, html)
