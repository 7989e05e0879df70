"""`LinkBrackets`: a Markdown extension that finds where a link's text ends by reading the link, not the whole
text around it. Speed only: the same answer as Python-Markdown's own (tests/engine/test_link_brackets.py).

Python-Markdown 3.11's link patterns (`LinkInlineProcessor.getText`) find the `]` closing a link's `[` by
working out where every bracket of the text being converted closes, kept for that one string. Each link
made into an element gives a new string (the link replaced by a placeholder), so every link cost a pass
over the whole paragraph, list item or table cell: a correction naming 60 records in one cell took 2.8 s
to convert, and at 1,000 statements these passes were a tenth of the record pages' conversion
(maintainers/performance.md). Here the scan starts at the link's `[` and reads only brackets (a regex),
stopping at its `]`. After SCANNED brackets without one, Python-Markdown's own method answers: a text of
brackets that never close is read whole no more often than without this, and each `[` costs at most SCANNED
steps more.
"""

from __future__ import annotations

import re
import types

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")

# Brackets read before handing over to Python-Markdown's own method (whose pass over the text is cached for
# the next `[` of the same string, which makes it the better one for a long run of unclosed brackets).
SCANNED = 64


def link_text(pattern: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """What `LinkInlineProcessor.getText(data, index)` returns: the text from `index` (just past a `[`) to the
    `]` that closes it, the index past that `]`, and whether there was one (else the rest of `data`)."""
    depth = 0
    for scanned, bracket in enumerate(_BRACKET.finditer(data, index)):
        if scanned == SCANNED:
            return type(pattern).getText(pattern, data, index)
        if bracket[0] == "[":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return data[index:bracket.start()], bracket.end(), True
    return data[index:], len(data), False


class LinkBrackets(Extension):
    """Every link pattern that uses Python-Markdown's own `getText` (inline and reference links and images,
    theirs or another extension's) finds its text with `link_text`. A pattern whose class has a `getText` of
    its own keeps it. Listed last in the build's Markdown extensions, after those that add patterns."""

    def extendMarkdown(self, md: Markdown) -> None:
        for pattern in md.inlinePatterns:
            if isinstance(pattern, LinkInlineProcessor) and type(pattern).getText is LinkInlineProcessor.getText:
                # On the instance: the pattern stays the one registered, at its priority, with its regex.
                pattern.getText = types.MethodType(link_text, pattern)  # type: ignore[method-assign]
