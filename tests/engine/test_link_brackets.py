"""A link's text found by reading the link (macros/plugin/fast/link_brackets.py): the same answer as
Python-Markdown's own `getText`, on every `[` of random bracket soup and in whole conversions, with less work:
no pass over the whole text per link, and no more than Python-Markdown's own on brackets that never close.
Work is counted (the whole-text passes and the characters they read), never timed."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import markdown
import pytest
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from macros.plugin.fast.link_brackets import SCANNED, LinkBrackets, link_text

# The site's own extensions (mkdocs.yml), so the link patterns are those a build has.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "footnotes"]


def _soup(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("[[]]]ab (x)\"!\\") for _ in range(length))


@pytest.mark.parametrize("seed", range(40))
def test_the_same_text_and_end_as_python_markdowns_at_every_bracket(seed: int) -> None:
    rng = random.Random(seed)
    pattern = LinkInlineProcessor(LINK_RE, markdown.Markdown())
    # Short soups, and long ones with runs of opening brackets past SCANNED (where Python-Markdown's method answers).
    text = _soup(rng, rng.randrange(1, 60)) if seed % 2 else _soup(rng, 200) + "[" * (SCANNED + rng.randrange(1, 40)) + _soup(rng, 100)
    for index in range(len(text) + 1):
        if index == 0 or text[index - 1] == "[":
            assert link_text(pattern, text, index) == LinkInlineProcessor.getText(pattern, text, index), (text, index)


CASES = [
    "[a](b) [c [nested] d](e \"title\") ![image](f.png) [ref][r] [r] [unclosed and [another](g)",
    "| a | b |\n|---|---|\n| " + " · ".join(f"[record {n}](../r{n}/ \"Status: [x] {n}\")" for n in range(80)) + " | note |",
    "Text with [editorial] insertions [2025] and a [link [with [deep] brackets]](h) then ]] stray",
    "[" * 300 + "a](b)" + "]" * 10,
    "- [one](a)\n- [two [2]](b)\n\n[r]: https://example.org \"R\"\n",
    "Note[^1] and [link](x).\n\n[^1]: A footnote with [a link](y) and [brackets].",
]


@pytest.mark.parametrize("text", CASES)
def test_a_conversion_is_the_same_with_the_extension(text: str) -> None:
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    assert markdown.Markdown(extensions=[*EXTENSIONS, LinkBrackets()]).convert(text) == plain


@contextmanager
def _whole_text_passes() -> Iterator[list[int]]:
    """The length of each string Python-Markdown's own method reads whole."""
    passes: list[int] = []
    # Private, so not in Markdown's type stubs: the one pass over the whole text this counts.
    original: Callable[[str], list[int | None]] = getattr(LinkInlineProcessor, "_findBracketEnds")  # noqa: B009

    def counted(data: str) -> list[int | None]:
        passes.append(len(data))
        return original(data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(counted))
        yield passes


def test_a_cell_of_many_links_is_read_once_not_once_per_link() -> None:
    cell = CASES[1]
    with _whole_text_passes() as without:
        markdown.Markdown(extensions=EXTENSIONS).convert(cell)
    with _whole_text_passes() as with_it:
        markdown.Markdown(extensions=[*EXTENSIONS, LinkBrackets()]).convert(cell)
    assert len(without) >= 80 and sum(without) > 80 * len(cell) // 2  # the control: a pass per link
    assert with_it == []


def test_brackets_that_never_close_are_read_whole_no_more_often_than_without_it() -> None:
    text = "x " + "[" * 2000
    with _whole_text_passes() as without:
        markdown.Markdown(extensions=EXTENSIONS).convert(text)
    with _whole_text_passes() as with_it:
        markdown.Markdown(extensions=[*EXTENSIONS, LinkBrackets()]).convert(text)
    assert sum(with_it) <= sum(without)


def test_a_pattern_with_its_own_get_text_keeps_it() -> None:
    class OwnText(LinkInlineProcessor):
        def getText(self, data: str, index: int) -> tuple[str, int, bool]:
            return "own", index, False

    md = markdown.Markdown()
    md.inlinePatterns.register(OwnText(r"\[own", md), "own", 300)
    LinkBrackets().extendMarkdown(md)
    own, link = md.inlinePatterns["own"], md.inlinePatterns["link"]
    assert isinstance(own, OwnText) and isinstance(link, LinkInlineProcessor)
    assert own.getText("[own]", 4) == ("own", 4, False)
    assert getattr(link.getText, "__func__", None) is link_text
