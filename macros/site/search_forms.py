"""Search-only forms of a page's words, for the forms readers type that Pagefind cannot match by itself.

Pagefind finds a word by its start. On a page whose language is not Chinese or Japanese it keeps a run of
CJK characters as one word, so the middle of a Chinese name finds nothing; and an Arabic word carries its
conjunction, preposition and article joined to it (والكاميرات, "and the cameras"), so "الكاميرات" or
"كاميرات" does not find it. For each page this module gives the extra forms to index beside the page's text:

- every run of CJK characters as its overlapping character pairs (林伟强: 林伟 伟强); assets/search.js cuts
  a CJK query into pairs the same way, so any part of the run, two characters or more, finds it;
- every Arabic word without its diacritics and, one by one, without its prefixes: و/ف (and, so), then ب/ك/ل
  (with, like, for) before the article, then the article ال; and its barest form with "for the" joined (لل,
  as ل + ال is written). assets/search.js takes a query's Arabic word to its barest form by the same rules,
  or, when it starts with لل, to that form (`arabic_forms`, kept in step with `arabicBare` there): للجنة is
  "for paradise" (الجنة) or "for the committee" (اللجنة), written alike, so it is searched as itself, and
  every page word either reading gives holds it.

The forms are indexed from a hidden element (plugin/search.py) that no reader, nor screen reader, meets; search.js
cuts them out of every excerpt it shows.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Han, Hiragana, Katakana (with the prolonged sound mark), CJK compatibility ideographs, Han extension B on.
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2,}")
ARABIC_WORD = re.compile("[\u0621-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u0640]+")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
# Whether a page holds any text this module gives forms for: most pages are passed over by this one search.
_WANTED = re.compile("[\u0600-\u06ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# A word starting with one of these may be the conjunction joined to the word: "and", "so".
_CONJUNCTIONS = "وف"
# Prepositions joined to an article'd word: "with/in", "like", "for".
_PREPOSITIONS = "بكل"
_ARTICLE = "ال"
# ل ("for") joined to the article: لل, one ل of three left out before a word starting ل (اللجنة: للجنة).
_FOR_THE = "لل"


def cjk_pairs(text: str) -> list[str]:
    """Each run of CJK characters as its overlapping pairs, in order."""
    pairs: list[str] = []
    for run in CJK_RUN.findall(text):
        pairs += [run[i:i + 2] for i in range(len(run) - 1)] if len(run) > 2 else []
    return pairs


def arabic_forms(word: str) -> list[str]:
    """The forms of an Arabic word other than itself: without diacritics, then each prefix taken off in turn
    (والكاميرات: الكاميرات, كاميرات), a word starting لل read both ways (للجنة: اللجنة, لجنة, الجنة, جنة);
    then its stem with لل, the form a query starting لل is searched as (كاميرات: للكاميرات; لجنة: للجنة,
    one ل of three being left out); last its stem (`arabic_stem`), when that is not the word."""
    forms, stem = _arabic_readings(word)
    return [form for form in dict.fromkeys(forms) if form not in (word, stem)] + ([stem] if stem != word else [])


def arabic_stem(word: str) -> str:
    """An Arabic word without diacritics and prefixes (والكاميرات: كاميرات); of للجنة, جنة."""
    return _arabic_readings(word)[1]


def _arabic_readings(word: str) -> tuple[list[str], str]:
    """(the forms of arabic_forms but the stem, in order, the stem). A stem keeps at least three letters."""
    forms: list[str] = []
    current = _DIACRITICS.sub("", word)
    forms.append(current)
    if current[:1] in _CONJUNCTIONS and len(current) > 3:
        current = current[1:]
        forms.append(current)
    if current.startswith(_FOR_THE) and len(current) > 3:  # ل + ال is written لل: الجنة, or اللجنة
        rest = current[2:]
        forms += [_ARTICLE + "ل" + rest, "ل" + rest] + ([_ARTICLE + rest] if len(rest) >= 3 else [])
        current = rest if len(rest) >= 3 else "ل" + rest
    elif current[:1] in _PREPOSITIONS and current[1:].startswith(_ARTICLE) and len(current) > 5:
        current = current[1:]
        forms.append(current)
    if current.startswith(_ARTICLE) and len(current) > 4:
        current = current[2:]
    if len(current) >= 3 and not current.startswith((_ARTICLE, _FOR_THE)):  # الله, لله: short words kept whole
        forms.append(("ل" if current.startswith("ل") else _FOR_THE) + current)
    return forms, current


def search_only_words(text: str) -> list[str]:
    """The extra forms for a page's text, each once, in the order first met."""
    if not _WANTED.search(text):
        return []
    words = cjk_pairs(text)
    for word in ARABIC_WORD.findall(text):
        words += arabic_forms(word)
    return list(dict.fromkeys(words))


class _IndexedText(HTMLParser):
    """The text of HTML as Pagefind indexes it: without the elements it is told to leave out (plugin/search.py's
    EXCLUDED: an attribute, or a class) and without hidden elements (the search-only ones)."""

    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self, attributes: frozenset[str], classes: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.attributes, self.classes = attributes, classes
        self.parts: list[str] = []
        self.open: list[str] = []  # tags open inside a left-out element, the first being that element
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        if self.open:
            self.open.append(tag)
            return
        names = {name for name, _ in attrs}
        classes = set(next((value or "" for name, value in attrs if name == "class"), "").split())
        if names & self.attributes or classes & self.classes or "hidden" in names:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.open:
            self.parts.append(data)


def indexed_text(markup: str, attributes: frozenset[str], classes: frozenset[str]) -> str:
    parser = _IndexedText(attributes, classes)
    parser.feed(markup)
    parser.close()
    return " ".join(parser.parts)


def page_search_only_words(markup: str, attributes: frozenset[str], classes: frozenset[str]) -> list[str]:
    """The search-only forms for the part of a page Pagefind indexes (`markup`)."""
    if not _WANTED.search(markup):
        return []
    return search_only_words(indexed_text(markup, attributes, classes))


def escaped(words: list[str]) -> str:
    return html.escape(" ".join(words), quote=True)
