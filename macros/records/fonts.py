"""Every character of the dossier drawn, with no request to anyone: fonts for the characters a dossier uses
beyond what every system draws, subset by the build to those characters, and a `check` error for a character
no font draws.

A reader's system draws the basic set (WGL4, below) whatever its fonts. For anything else the engine has
source fonts (SOURCES, SIL Open Font License): Noto Sans's Latin-extended faces (currency signs such as ₼,
letters such as ə), Noto Sans Arabic, Hebrew and the others (macros/fonts/, from npm's Fontsource packages)
and Noto Sans CJK SC (Pan-CJK: Chinese, kana, hangul; from PyPI's mplfonts, requirements-fonts.txt). The
build cuts each to exactly the characters of the dossier's text it is needed for and ships the pieces with
`@font-face` and `unicode-range` (one stylesheet, STYLESHEET): a browser fetches a piece only on a page that
uses one of its characters, and a dossier within the basic set ships no font. Same data, same bytes: the
files are named by their content's hash."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from macros.records.errors import DataError, dotted_path, plural
from macros.records.load import Locator

_ENGINE = Path(__file__).resolve().parent.parent  # macros/: the source fonts are in macros/fonts/
# Where the subsets go in the site; the stylesheet is linked from every page only when there are subsets.
FONTS_DIR = "assets/fonts"
STYLESHEET = f"{FONTS_DIR}/scripts.css"

# The basic set: the text characters of WGL4 (Windows Glyph List 4), which every core system font has:
# Arial, Helvetica and Segoe UI, San Francisco, Roboto, DejaVu and Liberation. Latin-1 and Latin
# Extended-A, Greek and Cyrillic, typographic punctuation, arrows and a few mathematical signs.
_WGL4_TEXT = """
0020-007E 00A0-017F 0192 02C6-02C7 02C9 02D8-02DD 0384-038A 038C 038E-03A1 03A3-03CE 0401-040C 040E-044F
0451-045C 045E-045F 0490-0491 1E80-1E85 1EF2-1EF3 2013-2015 2017-201E 2020-2022 2026 2030 2032-2033
2039-203A 203C 203E 2044 207F 20A3-20A4 20A7 20AC 2105 2113 2116 2122 2126 212E 215B-215E 2190-2195 21A8
2202 2206 220F 2211-2212 2215 2219-221A 221E-221F 2229 222B 2248 2260-2261 2264-2265
"""


def codepoints(ranges: str) -> frozenset[int]:
    """'0020-007E 00A0' or CSS 'U+0100-02BA, U+0304' → the set of codepoints."""
    found: set[int] = set()
    for part in re.findall(r"[0-9A-Fa-f]{2,6}(?:-[0-9A-Fa-f]{2,6})?", ranges.replace("U+", " ")):
        first, _, last = part.partition("-")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(found)


# Beyond WGL4, what every reader's system draws without a font of ours: the combining diacritical marks
# (in every font listed above; an accent that composes is drawn as its letter anyway), and emoji, which
# each system draws with its own colour font (Segoe UI Emoji, Apple Color Emoji, Noto Color Emoji): a
# verbatim quote of a post keeps its emoji.
# The replacement character "�" is drawn by every system as what it means, a character lost.
_SYSTEM_DRAWN = "0300-036F 2600-27BF 1F000-1FAFF FFFD"
BASIC = codepoints(_WGL4_TEXT) | codepoints(_SYSTEM_DRAWN)


def needs_no_glyph(point: int) -> bool:
    """Characters no font is asked to draw: controls, formatting characters (joiners, bidi controls, the
    soft hyphen), line and paragraph separators, variation selectors; and codepoints that are no character
    (unassigned, non-characters, surrogates), which the rules for text refuse with their own message."""
    return (unicodedata.category(chr(point)) in ("Cc", "Cf", "Zl", "Zp", "Cn", "Cs")
            or 0xFE00 <= point <= 0xFE0F or 0xE0100 <= point <= 0xE01EF)


@dataclass(frozen=True)
class SourceFont:
    """One face of a source font: the CSS family and weight the site declares it as, and where it is."""

    family: str
    weight: int
    stem: str  # its subsets' file names begin with it
    copyright: str
    file: str  # in macros/fonts/, or "package:path" inside an installed package (found without importing it)

    def path(self) -> Path | None:
        """The font file, or None when the package holding it is not installed."""
        package, _, inside = self.file.rpartition(":")
        if not package:
            return _ENGINE / "fonts" / self.file
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            return None
        found = Path(spec.origin).parent / inside
        return found if found.is_file() else None


_NOTO = "Copyright 2022 The Noto Project Authors (https://github.com/notofonts)"
# In order of preference: a character goes to the first family that draws it in every weight it has. A family
# with one weight (CJK) is used for bold text too (the browser thickens it); its own family, so that bold
# text does not look for it among the bold faces of another.
SOURCES = (
    # First: a page of Latin text with one ₼ or ə takes them from the face of the Latin letters beside them.
    SourceFont("Dossier Noto Sans", 400, "noto-sans-latin-ext-400", _NOTO, "noto-sans-latin-ext-400-normal.woff2"),
    SourceFont("Dossier Noto Sans", 700, "noto-sans-latin-ext-700", _NOTO, "noto-sans-latin-ext-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Arabic", 400, "noto-sans-arabic-400", _NOTO, "noto-sans-arabic-arabic-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Arabic", 700, "noto-sans-arabic-700", _NOTO, "noto-sans-arabic-arabic-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Hebrew", 400, "noto-sans-hebrew-400", _NOTO, "noto-sans-hebrew-hebrew-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Hebrew", 700, "noto-sans-hebrew-700", _NOTO, "noto-sans-hebrew-hebrew-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Devanagari", 400, "noto-sans-devanagari-400", _NOTO, "noto-sans-devanagari-devanagari-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Devanagari", 700, "noto-sans-devanagari-700", _NOTO, "noto-sans-devanagari-devanagari-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Bengali", 400, "noto-sans-bengali-400", _NOTO, "noto-sans-bengali-bengali-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Bengali", 700, "noto-sans-bengali-700", _NOTO, "noto-sans-bengali-bengali-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Gujarati", 400, "noto-sans-gujarati-400", _NOTO, "noto-sans-gujarati-gujarati-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Gujarati", 700, "noto-sans-gujarati-700", _NOTO, "noto-sans-gujarati-gujarati-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Gurmukhi", 400, "noto-sans-gurmukhi-400", _NOTO, "noto-sans-gurmukhi-gurmukhi-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Gurmukhi", 700, "noto-sans-gurmukhi-700", _NOTO, "noto-sans-gurmukhi-gurmukhi-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Tamil", 400, "noto-sans-tamil-400", _NOTO, "noto-sans-tamil-tamil-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Tamil", 700, "noto-sans-tamil-700", _NOTO, "noto-sans-tamil-tamil-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Telugu", 400, "noto-sans-telugu-400", _NOTO, "noto-sans-telugu-telugu-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Telugu", 700, "noto-sans-telugu-700", _NOTO, "noto-sans-telugu-telugu-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Kannada", 400, "noto-sans-kannada-400", _NOTO, "noto-sans-kannada-kannada-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Kannada", 700, "noto-sans-kannada-700", _NOTO, "noto-sans-kannada-kannada-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Malayalam", 400, "noto-sans-malayalam-400", _NOTO, "noto-sans-malayalam-malayalam-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Malayalam", 700, "noto-sans-malayalam-700", _NOTO, "noto-sans-malayalam-malayalam-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Sinhala", 400, "noto-sans-sinhala-400", _NOTO, "noto-sans-sinhala-sinhala-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Sinhala", 700, "noto-sans-sinhala-700", _NOTO, "noto-sans-sinhala-sinhala-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Thai", 400, "noto-sans-thai-400", _NOTO, "noto-sans-thai-thai-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Thai", 700, "noto-sans-thai-700", _NOTO, "noto-sans-thai-thai-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Lao", 400, "noto-sans-lao-400", _NOTO, "noto-sans-lao-lao-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Lao", 700, "noto-sans-lao-700", _NOTO, "noto-sans-lao-lao-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Khmer", 400, "noto-sans-khmer-400", _NOTO, "noto-sans-khmer-khmer-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Khmer", 700, "noto-sans-khmer-700", _NOTO, "noto-sans-khmer-khmer-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Myanmar", 400, "noto-sans-myanmar-400", _NOTO, "noto-sans-myanmar-myanmar-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Myanmar", 700, "noto-sans-myanmar-700", _NOTO, "noto-sans-myanmar-myanmar-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Georgian", 400, "noto-sans-georgian-400", _NOTO, "noto-sans-georgian-georgian-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Georgian", 700, "noto-sans-georgian-700", _NOTO, "noto-sans-georgian-georgian-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Armenian", 400, "noto-sans-armenian-400", _NOTO, "noto-sans-armenian-armenian-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Armenian", 700, "noto-sans-armenian-700", _NOTO, "noto-sans-armenian-armenian-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Ethiopic", 400, "noto-sans-ethiopic-400", _NOTO, "noto-sans-ethiopic-ethiopic-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Ethiopic", 700, "noto-sans-ethiopic-700", _NOTO, "noto-sans-ethiopic-ethiopic-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Vietnamese", 400, "noto-sans-vietnamese-400", _NOTO, "noto-sans-vietnamese-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Vietnamese", 700, "noto-sans-vietnamese-700", _NOTO, "noto-sans-vietnamese-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Greek Extended", 400, "noto-sans-greek-ext-400", _NOTO, "noto-sans-greek-ext-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Greek Extended", 700, "noto-sans-greek-ext-700", _NOTO, "noto-sans-greek-ext-700-normal.woff2"),
    SourceFont("Dossier Noto Sans Cyrillic Extended", 400, "noto-sans-cyrillic-ext-400", _NOTO, "noto-sans-cyrillic-ext-400-normal.woff2"),
    SourceFont("Dossier Noto Sans Cyrillic Extended", 700, "noto-sans-cyrillic-ext-700", _NOTO, "noto-sans-cyrillic-ext-700-normal.woff2"),
    SourceFont("Dossier Noto Sans CJK", 400, "noto-sans-cjk-sc-400", "Copyright 2014, 2015 Adobe Systems Incorporated",
               "mplfonts:fonts/NotoSansCJKsc-Regular.otf"),
)
FAMILIES = tuple(dict.fromkeys(source.family for source in SOURCES))


@cache
def _character_map(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only when a character beyond the basic set needs it

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def family_cover(family: str) -> frozenset[int] | None:
    """What a source family draws in every weight it has; None when one of its files is not installed."""
    paths = [source.path() for source in SOURCES if source.family == family]
    if any(path is None for path in paths):
        return None
    return frozenset.intersection(*(_character_map(path) for path in paths if path is not None))


# --- the dossier's characters --------------------------------------------------------------------


def strings(value: Any, location: tuple[str | int, ...] = (), within: frozenset[int] = frozenset()
            ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text inside a parsed YAML value, with its location (("reported_in", 0, "note")). A YAML alias
    can make a list contain itself (the loader reports it): `within` keeps the walk from following it."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, Mapping | list) and id(value) not in within:
        inside = within | {id(value)}
        items = value.items() if isinstance(value, Mapping) else enumerate(value)
        for key, item in items:
            yield from strings(item, (*location, key if isinstance(key, int) and isinstance(value, list) else str(key)), inside)


def _beyond_basic(text: str) -> set[int]:
    # As composed: a browser draws "e" and a combining acute accent as the font's "é" (HarfBuzz composes).
    return {point for point in map(ord, set(unicodedata.normalize("NFC", text))) if point not in BASIC and not needs_no_glyph(point)}


def characters_of(files: Iterable[tuple[str, str, Any]]) -> tuple[frozenset[int], list[DataError]]:
    """The characters beyond the basic set in `files` ((path as shown, text, parsed data)), and an error
    for each field holding characters no font draws."""

    found: set[int] = set()
    errors: list[DataError] = []
    for shown, text, data in files:
        locator: Locator | None = None
        for location, value in strings(data):
            if value.isascii():
                continue
            beyond = _beyond_basic(value)
            if not beyond:
                continue
            found |= beyond
            problem = _not_drawn(beyond)
            if problem:
                if locator is None:
                    locator = Locator(text)
                errors.append(DataError(shown, locator.line(location), dotted_path(location), *problem))
    return frozenset(found), errors


def page_characters(shown: str, text: str) -> tuple[frozenset[int], list[DataError]]:
    """The same for an editors' page in docs/ (Markdown): its characters beyond the basic set, and an error
    for each line holding characters no font draws."""
    found: set[int] = set()
    errors: list[DataError] = []
    for number, line in enumerate([] if text.isascii() else text.splitlines(), 1):
        beyond = set() if line.isascii() else _beyond_basic(line)
        found |= beyond
        problem = _not_drawn(beyond) if beyond else None
        if problem:
            errors.append(DataError(shown, number, "", *problem))
    return frozenset(found), errors


def pages_characters(docs_dir: Path) -> frozenset[int]:
    """The characters beyond the basic set of every editors' page in `docs_dir`."""
    found: frozenset[int] = frozenset()
    for path in sorted(docs_dir.rglob("*.md")):
        found |= page_characters(path.name, path.read_text(encoding="utf-8", errors="replace"))[0]
    return found


def _not_drawn(points: set[int]) -> tuple[str, str] | None:
    """(message, hint) for the characters of `points` no font draws, or None when every one is drawn."""
    missing = sorted(points)
    for family in FAMILIES if missing else ():
        cover = family_cover(family)
        if cover is not None:
            missing = [point for point in missing if point not in cover]
    if not missing:
        return None
    uninstalled = [family for family in FAMILIES if family_cover(family) is None]
    named = ", ".join(f'"{chr(point)}" (U+{point:04X} {unicodedata.name(chr(point), "unnamed character")})' for point in missing[:8])
    more = f" and {plural(len(missing) - 8, 'more')}" if len(missing) > 8 else ""
    message = f"no font the site has draws {named}{more}: readers would see {'an empty box' if len(missing) == 1 else 'empty boxes'}"
    if uninstalled:
        return message, ("the fonts of " + ", ".join(uninstalled) + " are not installed: "
                         "run `.venv/bin/pip install --no-deps -r requirements-fonts.txt` (make serve and make test do), then check again")
    return message, ("add an OFL font that draws them to macros/records/fonts.py's SOURCES (macros/fonts/README.md), "
                     "or write the text in a script the site draws")


# --- the subsets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subset:
    """One face cut to the characters it draws for this dossier."""

    source: SourceFont
    points: frozenset[int]


def subsets(points: Iterable[int]) -> list[Subset]:
    """The faces the dossier's characters beyond the basic set need, each cut to its characters: every
    character to the first family that draws it (SOURCES' order)."""
    wanted = set(points)
    assigned: dict[str, frozenset[int]] = {}
    for family in FAMILIES if wanted else ():  # a Latin dossier opens no font
        cover = family_cover(family)
        if cover is not None and wanted & cover:
            assigned[family] = frozenset(wanted & cover)
            wanted -= cover
    return [Subset(source, assigned[source.family]) for source in SOURCES if source.family in assigned]


class SubsetCache(dict[tuple[SourceFont, frozenset[int]], bytes]):
    """The WOFF2 bytes of each subset made, kept by the session: under `mkdocs serve`, a rebuild whose data
    uses the same characters does not cut the fonts again (a 16 MB CJK font takes a second to read)."""


def woff2(subset: Subset, made: SubsetCache | None = None) -> bytes:
    """The subset as WOFF2. The same characters give the same bytes: no timestamp is written."""
    key = (subset.source, subset.points)
    if made is not None and key in made:
        return made[key]
    from fontTools import subset as cutter
    from fontTools.ttLib import TTFont

    path = subset.source.path()
    assert path is not None  # noqa: S101  # subsets() uses installed sources only
    options = cutter.Options()
    options.flavor = "woff2"
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the copyright, and the licence and its address (OFL)
    out = io.BytesIO()
    with TTFont(path, recalcTimestamp=False) as font:
        worker = cutter.Subsetter(options)
        worker.populate(unicodes=sorted(subset.points))
        worker.subset(font)
        font.save(out)
    data = out.getvalue()
    if made is not None:  # one cut kept per face: the last build's
        for stale in [kept for kept in made if kept[0] == subset.source]:
            del made[stale]
        made[key] = data
    return data


def unicode_range(points: Iterable[int]) -> str:
    """'U+5F3A, U+627-62A': consecutive codepoints as ranges, in order."""
    ordered = sorted(points)
    runs: list[tuple[int, int]] = []
    for point in ordered:
        if runs and point == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return ", ".join(f"U+{first:X}" if first == last else f"U+{first:X}-{last:X}" for first, last in runs)


def site_files(points: Iterable[int], made: SubsetCache | None = None) -> dict[str, bytes]:
    """The files the site ships for these characters: each subset (named by its content's hash) and the
    stylesheet declaring them; nothing when the basic set draws them all."""
    files: dict[str, bytes] = {}
    rules = []
    for subset in subsets(points):
        data = woff2(subset, made)
        name = f"{subset.source.stem}.{hashlib.sha256(data).hexdigest()[:12]}.woff2"
        files[f"{FONTS_DIR}/{name}"] = data
        rules.append(f"/* {subset.source.family.removeprefix('Dossier ')}: {subset.source.copyright}. "
                     f"SIL Open Font License 1.1 (OFL.txt) */\n"
                     f'@font-face {{\n  font-family: "{subset.source.family}";\n  font-style: normal;\n'
                     f"  font-weight: {subset.source.weight};\n  font-display: swap;\n"
                     f'  src: url("{name}") format("woff2");\n  unicode-range: {unicode_range(subset.points)};\n}}\n')
    if rules:
        header = ("/* The fonts for this dossier's characters beyond what every system draws, cut by the build to those\n"
                  "   characters: a browser fetches one only on a page that uses it. dossier.css names the families. */\n")
        files[STYLESHEET] = (header + "".join(rules)).encode("utf-8")
    return files
