"""Right-to-left data text kept in its place among the engine's left-to-right words.

An Arabic or Hebrew name followed by ", 8 October 2025" pulls the date into its right-to-left run, and the
reader sees "8 ,كريم حداد October 2025" (the Unicode bidirectional algorithm resolves the neutral comma and
the digits by their neighbours). Each piece of data text that can move its neighbours is therefore isolated:

- where a piece of data is composed into the engine's words as plain text (a title, "Quote by <name>, <date>"),
  it is wrapped in the Unicode isolates FSI … PDI (`isolated`): plain text has no markup, and the
  characters survive into link titles, meta tags, the feed and the diagram's labels, where browsers honour them;
- in HTML text, the renderer's escaping also puts each such pair in a `<bdi>` element (`as_bdi`), the
  markup HTML has for it, and wraps a whole piece of data that needs it in one. The characters stay inside
  the element, for whatever reads the text without its tags: the page title and table of contents MkDocs
  takes from a heading, the search index, a reader's copy and paste.

Only text that can change direction is wrapped: text holding a right-to-left letter, an Arabic number or a
bidi control. Latin, Cyrillic or CJK text is strongly (or neutrally) left to right, like the page around it,
and cannot move or be moved once every right-to-left piece is isolated; so a dossier in those scripts gets
byte-identical pages. FSI, not RLI: a Hebrew name beginning with a Latin initial keeps its own first-strong
direction.
"""

from __future__ import annotations

import re
import unicodedata

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
# Bidi classes of characters that change a run's direction: right-to-left letters (R, AL), Arabic digits
# (AN), and the explicit embeddings, overrides and isolates.
_DIRECTIONAL = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
# Where such characters can be at all: a text without any is passed over by one regular-expression search
# (titles and quotes go through here on every page).
_MAYBE_DIRECTIONAL = re.compile("[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefe"
                                "\U00010800-\U00010fff\U0001e800-\U0001efff]")


def needs_isolation(text: str) -> bool:
    """Whether `text`, outside the isolates already in it, holds a character that can reorder its neighbours."""
    if not _MAYBE_DIRECTIONAL.search(text):
        return False
    depth = 0
    for ch in text:
        if ch == FSI:
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
        elif depth == 0 and (ch == "\u200f" or unicodedata.bidirectional(ch) in _DIRECTIONAL):
            return True
    return depth != 0  # an isolate left open reaches past the text


def isolated(text: str) -> str:
    """`text` between FSI and PDI when it can reorder what surrounds it (see the module's note), else as it is."""
    return f"{FSI}{text}{PDI}" if needs_isolation(text) else text


def as_bdi(html: str) -> str:
    """Escaped HTML text with each balanced FSI … PDI pair inside a `<bdi>` element, and the whole in one
    (FSI and PDI added) when a part outside the pairs still needs isolating. The characters stay inside the
    element: whatever reads the text without its tags (the page title MkDocs takes from the heading, the
    table of contents, the search index, a reader's copy and paste) keeps the isolation. An unpaired isolate
    stays a character (`check` reports it in data), so the markup is always balanced."""
    if needs_isolation(html):
        html = f"{FSI}{html}{PDI}"
    elif FSI not in html:
        return html
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for position, ch in enumerate(html):
        if ch == FSI:
            opened.append(position)
        elif ch == PDI and opened:
            pairs[opened.pop()] = position
    ends = set(pairs.values())
    return "".join(f"<bdi>{ch}" if position in pairs else f"{ch}</bdi>" if position in ends else ch for position, ch in enumerate(html))


_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_CLOSERS = frozenset(_OPENERS.values())
_ANY_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def unbalanced_control(text: str) -> tuple[str, str] | None:
    """(what is wrong, the fix) for the first explicit bidi control in `text` left open or closing nothing,
    or None when every embedding, override and isolate is closed by its own closer, innermost first.

    One left open reverses or re-directs the text after it, on the page too: a right-to-left override at the
    end of a quote printed its page's date backwards. Balanced ones are kept, and isolated (`isolated`)."""
    if not _ANY_CONTROL.search(text):
        return None
    opened: list[str] = []
    for ch in text:
        if ch in _OPENERS:
            opened.append(ch)
        elif ch in _CLOSERS:
            if not opened or _OPENERS[opened[-1]] != ch:
                return (f"the invisible {_name(ch)} closes nothing here",
                        "delete it; if it ends a span of text, put it after that span's opening control")
            opened.pop()
    if opened:
        ch = opened[-1]
        closer = _OPENERS[ch]
        return (f"the invisible {_name(ch)} is never closed: it changes the direction of everything after it, on the page too",
                f"delete it (text in any script shows in its own direction without it), or close it with {_name(closer)} where it should end")
    return None


def _name(ch: str) -> str:
    return f"{unicodedata.name(ch).lower()} U+{ord(ch):04X}"
