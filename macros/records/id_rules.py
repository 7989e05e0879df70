"""What an id may not be beyond its pattern, said so an editor can act on it: a letter from another alphabet
that looks Latin (an id that imitates another), and a length no output can hold."""

from __future__ import annotations

import unicodedata

# The longest file name the engine writes for a record is the offline copy's `<kind>/<id>.html` (the web
# build's `<kind>/<id>/index.html` and the record's own `<id>.yml` need less), and file systems take 255
# bytes for a name. An id is ASCII, a byte per character.
ID_LENGTH_LIMIT = 255 - len(".html")

# Letters of other alphabets drawn like Latin ones (Unicode's confusables, the lowercase letters an id can
# take): a "nа-lopez" with a Cyrillic а reads as the id it imitates and is not.
_LOOKS_LATIN = {
    "а": "a", "в": "b", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
}


def lookalike_problem(record_id: str) -> tuple[str, str] | None:
    """(message, hint) naming the first letter of another alphabet that looks Latin, and the id `record_id`
    imitates; None when it has none."""
    found = next((ch for ch in record_id if ch in _LOOKS_LATIN), None)
    if found is None:
        return None
    imitated = "".join(_LOOKS_LATIN.get(ch, ch) for ch in record_id)
    return (f"'{record_id}' is not a valid id: its '{found}' is the {unicodedata.name(found).lower()} (U+{ord(found):04X}), "
            f"not the Latin '{_LOOKS_LATIN[found]}'",
            f"it imitates the id '{imitated}': type the id again on a Latin keyboard")


def length_problem(record_id: str) -> tuple[str, str] | None:
    """(message, hint) when `record_id` is longer than every output can hold."""
    if len(record_id.encode("utf-8")) <= ID_LENGTH_LIMIT:
        return None
    return (f"the id is {len(record_id)} characters long; the limit is {ID_LENGTH_LIMIT}",
            f"shorten it: {ID_LENGTH_LIMIT} characters is the longest file name every output can hold (255 bytes with '.html')")
