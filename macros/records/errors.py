"""Errors as data: every problem in the dossier is one `DataError`, collected, then reported together."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# What a message must not print as it is, because messages quote what the editor wrote: control
# characters (an ESC starts a terminal escape sequence), line breaks (one error is one line), bidirectional
# overrides and isolates (they reorder the rest of the line on screen), and non-characters.
_UNPRINTABLE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff]")


def printable(text: str) -> str:
    """`text` with every character a message must not print shown as its escape, e.g. \\x1b."""
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


# The longest part of a message printed whole: a message is one line an editor reads.
MAX_SHOWN = 300


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, located precisely enough to fix without searching."""

    path: str  # as the editor sees it, e.g. data/statements/x.yml
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted path, e.g. reported_in[1].source; "" for the whole file
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        for name in ("path", "field", "message", "hint"):
            value = getattr(self, name)
            if _UNPRINTABLE.search(value):
                value = printable(value)
            if len(value) > MAX_SHOWN:
                # Messages quote what was written: a megabyte pasted into an id field is not printed whole.
                value = f"{value[:MAX_SHOWN]}… ({len(value) - MAX_SHOWN:,} more characters)"
            object.__setattr__(self, name, value)

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.field}: {self.message}" if self.field else f"{location}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DossierInvalid(Exception):
    """Raised once, at the boundary, with every error found in the data folder."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(format_report(self.errors))


def format_report(errors: list[DataError]) -> str:
    files = len({error.path for error in errors})
    lines = [str(error) for error in errors]
    noun = "error" if len(errors) == 1 else "errors"
    lines.append(f"{len(errors)} {noun} in {files} file{'s' if files != 1 else ''}: fix them and build again.")
    return "\n".join(lines)


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or "" when none is close."""
    matches = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 error', '3 errors': counts in messages and on pages."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def with_article(noun: str) -> str:
    """'an actor', 'a source'."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def dotted_path(location: tuple[str | int, ...]) -> str:
    """("reported_in", 1, "source") → "reported_in[1].source"."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
