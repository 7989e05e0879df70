"""HTML the renderer writes into Markdown as marked blocks (`html_block`), set aside from Markdown before
it is converted and put back after (`set_aside_html`, `put_back_html`): Markdown never reads them."""

from __future__ import annotations

import uuid

from macros.site.text import Md, escape_html

# A template marks an HTML block Python-Markdown need not read; the page hook sets it aside before
# Markdown and puts it back into the HTML after. Markdown leaves such a block as it is anyway, but parses
# it to find where it ends: 0.6 s for the 3,000-row statements index on every statement edit. Record
# pages write their lists of other records this way too: as Markdown they were half of Python-Markdown's
# time in a full build (maintainers/performance.md).
# A block marked `search-exclude` holds nothing search indexes (its root carries data-search-exclude);
# it goes back only after Material's search plugin has read the page, which then parses a third of the HTML.
SEARCHED_HTML = "<!-- dossier:html -->"
SEARCH_EXCLUDED_HTML = "<!-- dossier:html search-exclude -->"
END_OF_HTML = "<!-- /dossier:html -->"


def html_block(html: str, searched: bool = True) -> Md:
    """`html` marked as a block to keep out of Markdown (see `set_aside_html`); with `searched=False`, also
    out of the search plugin's reading: its root element must then carry data-search-exclude."""
    return Md(f"{SEARCHED_HTML if searched else SEARCH_EXCLUDED_HTML}\n{html}\n{END_OF_HTML}")


def diagram_html(chart: str, folded: bool) -> str:
    """A relation diagram's Mermaid source, drawn by assets/diagram.js only when the reader opens it: the
    3 MB drawing script is fetched then, never while the page loads. `folded=False` where the diagram
    already sits in a folded section, whose opening draws it. Not Material's `mermaid` class, which
    would make Material's bundle fetch the script as soon as the page loads."""
    source = f'<pre class="dossier-diagram-source" data-search-exclude><code>{escape_html(chart)}</code></pre>'
    if not folded:
        return source
    return f'<details class="dossier-diagram" data-search-exclude>\n<summary>Diagram of these relations</summary>\n{source}\n</details>'


def set_aside_html(markdown: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """(the Markdown with each marked HTML block replaced by an HTML comment holding a fresh token,
    token → block for the blocks search reads, token → block for those marked search-exclude).

    A block is the lines between a marker line (`html_block`) and the end marker's line. The tokens are
    random, so no text on the page can stand in for one; a block's text was escaped when it was rendered,
    so it cannot contain the end marker. A comment, because the search plugin skips comments: a block put
    back after it has read the page leaves no trace in the index. Found with str.find, not a regular
    expression: a lazy `.*?` walked 67 MB of blocks character by character at 10,000 statements (0.5 s).
    """
    searched: dict[str, str] = {}
    unsearched: dict[str, str] = {}
    out: list[str] = []
    prefix = f"dossierhtml{uuid.uuid4().hex}n"
    done = 0  # markdown[:done] is in `out`
    opening = markdown.find("<!-- dossier:html")
    while opening >= 0:
        line_end = markdown.find("\n", opening)
        closing = _end_of_block(markdown, line_end)
        marker = markdown[opening:line_end]
        if line_end < 0 or closing < 0 or markdown[opening - 1 : opening] not in ("", "\n") or marker not in (SEARCHED_HTML, SEARCH_EXCLUDED_HTML):
            opening = markdown.find("<!-- dossier:html", opening + 1)  # not a block: left as it is
            continue
        token = f"{prefix}{len(searched) + len(unsearched)}"
        (searched if marker == SEARCHED_HTML else unsearched)[token] = markdown[line_end + 1 : closing]
        out += (markdown[done:opening], f"<!-- {token} -->")
        done = closing + 1 + len(END_OF_HTML)
        opening = markdown.find("<!-- dossier:html", done)
    if not out:
        return markdown, searched, unsearched
    out.append(markdown[done:])
    return "".join(out), searched, unsearched


def _end_of_block(markdown: str, line_end: int) -> int:
    """Where the line break before the first end marker that fills its line after `line_end` is, or -1."""
    closing = markdown.find(f"\n{END_OF_HTML}", line_end)
    while closing >= 0 and line_end >= 0:
        after = closing + 1 + len(END_OF_HTML)
        if markdown[after : after + 1] in ("", "\n"):
            return closing
        closing = markdown.find(f"\n{END_OF_HTML}", closing + 1)
    return -1


def put_back_html(html: str, blocks: dict[str, str]) -> str:
    """The page's HTML with each token's comment replaced by its block; a missing one is an error."""
    for token, block in blocks.items():
        placeholder = f"<!-- {token} -->"
        if placeholder not in html:
            raise ValueError(f"an HTML block set aside before Markdown ({token}) was not found in the page's HTML")
        html = html.replace(placeholder, block, 1)
    return html
