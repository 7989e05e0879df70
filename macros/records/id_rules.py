"""What an id may not be beyond its pattern, said so an editor can act on it: a letter from another alphabet
that looks Latin (an id that imitates another), and a length no output can hold."""

from __future__ import annotations

import unicodedata

# The longest file name the engine writes for a record is the offline copy's `<kind>/<id>.html` (the web
# build's `<kind>/<id>/index.html` and the record's own `<id>.yml` need less), and file systems take 255
# bytes for a name. An id is ASCII, a byte per character.
ID_LENGTH_LIMIT = 255 - len(".html")

# Letters of other alphabets drawn like Latin ones (Unicode's confusables, the lowercase letters an id can
# take): a "nа-lopez" with a Cyrillic а reads as the id it imitates and is not. Fullwidth and other compatibility
# forms ("ａ", "ℓ") are found by NFKC, which folds them to the Latin letter.
_LOOKS_LATIN = {
    "а": "a", "в": "b", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "զ": "q",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-",
}
_ID_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


def _imitated(ch: str) -> str | None:
    """The id character `ch` looks like, or None."""
    folded = unicodedata.normalize("NFKC", ch)
    return _LOOKS_LATIN.get(ch) or (folded if folded in _ID_CHARACTERS and folded != ch else None)


def _invisible(ch: str) -> bool:
    """A character that draws nothing or a space and is no typed space (a zero-width space, a no-break space, a
    byte-order mark): an ordinary space is an ordinary slip, which the id's usual hint covers."""
    return not ch.isascii() and (ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs"))


def lookalike_problem(record_id: str) -> tuple[str, str] | None:
    """(message, hint) naming the first character of `record_id` that looks like an id's character and is not
    (a letter of another alphabet, a fullwidth letter, a typographic dash) or draws nothing at all (a zero-width
    or no-break space), and the id it imitates; None when it has none."""
    found = next((ch for ch in record_id if ch not in _ID_CHARACTERS and (_imitated(ch) or _invisible(ch))), None)
    if found is None:
        return None
    imitated = "".join("" if _invisible(ch) else _imitated(ch) or ch for ch in record_id).strip("-")
    what = f"the {unicodedata.name(found, 'unnamed character').lower()} (U+{ord(found):04X})"
    if _invisible(found):
        message = f"'{record_id}' is not a valid id: it holds {what}, which shows as nothing or a space"
    else:
        latin = "the hyphen '-'" if _imitated(found) == "-" else f"the Latin '{_imitated(found)}'"
        message = f"'{record_id}' is not a valid id: its '{found}' is {what}, not {latin}"
    retype = "delete it, or type the id again" if _invisible(found) else "type the id again on a Latin keyboard"
    return message, f"it imitates the id '{imitated}': {retype}"


def length_problem(record_id: str) -> tuple[str, str] | None:
    """(message, hint) when `record_id` is longer than every output can hold."""
    if len(record_id.encode("utf-8")) <= ID_LENGTH_LIMIT:
        return None
    return (f"the id is {len(record_id)} characters long; the limit is {ID_LENGTH_LIMIT}",
            f"shorten it: {ID_LENGTH_LIMIT} characters is the longest file name every output can hold (255 bytes with '.html')")
