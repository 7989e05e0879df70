"""Stage 4: Markdown for every page, from Jinja templates over the index, and HTML for the record pages.

Text from YAML is data. Every `{{ value }}` in a template is escaped for Markdown *and* HTML unless it is
an `Md` value this floor built itself (a link, rendered prose: text.py). So a quote containing `<script>`,
`[x](javascript:…)` or `{{ config }}` prints literally. MkDocs turns the index pages' Markdown into HTML
and checks their links, which point at `.md` paths. Record pages, nine in ten of a site, are turned into
HTML by the engine (conversion.PageConverter), with the site's own Markdown settings.

The renderer's helpers live by job beside it: text.py (escaping), html_blocks.py, words.py (titles,
summaries), numbers.py, lists.py, statuses.py; the pages' look is in templates/.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Concatenate, Final, ParamSpec, TypeVar

import jinja2
import markdown

from macros.records.bidi import FSI, PDI, isolated, needs_isolation
from macros.records.changes import git_change_dates
from macros.records.dates import format_date, format_date_stated
from macros.records.errors import plural
from macros.records.index import DossierIndex, date_key, evidence_period
from macros.records.schema import KINDS, MODELS, NOT_STATED, STATUS_MEANINGS, Actor, Claim, Correction, Record, ReportedIn, Source, Statement, Topic
from macros.records.validate import PROSE_LINK
from macros.site.graph import actor_relations, diagram, mermaid, topic_relations
from macros.site.html_blocks import diagram_html, html_block
from macros.site.index_parts import INDEX_PAGE_ROWS, PARTS_FOLDER, IndexPart, index_parts
from macros.site.lists import LONG_LIST, by_month, folded_list, folded_tail, list_items
from macros.site.numbers import date_sort_text, exact_quantity_text, format_number, html_quantity, period_text, quantity_text, sort_number
from macros.site.statuses import METHODOLOGY_PAGE, status_anchor, status_badge
from macros.site.text import (
    _BLOCK_START,
    WHITESPACE,
    Md,
    _escape_prose,
    escape_html,
    html_attribute,
    html_text,
    in_language,
    literal,
    markdown_title,
    unisolated_attribute,
    url_attribute,
)
from macros.site.words import (
    CUT_HTML,
    _WholeWords,
    diff_words,
    heading_of,
    left_out_words,
    page_of,
    source_brief,
    source_kind_label,
    source_not_stated,
    source_summary,
    sources_behind,
    summary_of,
    title_of,
)

TEMPLATES = Path(__file__).parent / "templates"

# (target, origin) docs-relative paths → the relative URL between their pages in the built site.
UrlBetween = Callable[[str, str], str]


# A parenthesis holding nothing but [[kind/id]] links cites records: "… to about 20 countries ([[claims/x]],
# [[figures/y]])". It stays out of search, with the space before it: the cited records' words are indexed
# on their own pages, and a search result then reads "… to about 20 countries." rather than "countries ( , )".
_GAP = r"[ \t]*\n?[ \t]*"  # within a paragraph: a span must not reach across a blank line
CITATION = re.compile(rf"[ \t]*\({_GAP}{PROSE_LINK.pattern}(?:{_GAP}[,;]{_GAP}{PROSE_LINK.pattern})*{_GAP}\)")

# Where a page's references list goes (`references()` in a template); at the end of the page without it.
# The footnotes extension puts its list where its place marker is: here, inside a block search skips.
_REFERENCES_HERE = f"dossierreferences{uuid.uuid4().hex}"
FOOTNOTES_PLACE_MARKER = "///Footnotes Go Here///"
# A bare [[claims/x]] or [[statements/x]] inside a sentence is part of the sentence ("Compare [[claims/x]]."),
# so it reads as a titled link, as the guide promises, never as a footnote number: a reader on a phone or on
# paper sees what is compared without a tap, and search keeps the words. Only a citation (CITATION) is a
# numbered reference. A claim's title is a whole sentence: in prose it is set in quotation marks, without
# its full stop, so the sentence around it keeps its own punctuation.
_CLAIM_END = re.compile(r"[ \t]*\.$")
_ENDS_A_SENTENCE = re.compile(r"[.!?…][”’\"')]*$")


# The pages a reader may cite: they end with "Cite this page" (figures have no page each: their table's page does).
CITABLE_KINDS = frozenset({"claims", "statements", "topics", "sources"})
CITABLE_INDEX_PAGES = {"figures/index.md": "Figures"}


def _citable_list(path: str) -> str:
    """The title "Cite this page" gives a citable list page (CITABLE_INDEX_PAGES) or a part of one
    (index_parts: `<kind>/by/<part>.md`, which holds the rows once the list is split); "" for other pages."""
    kind, _, name = path.partition("/")
    if name.startswith(f"{PARTS_FOLDER}/"):
        path = f"{kind}/index.md"
    return CITABLE_INDEX_PAGES.get(path, "")


@dataclass
class Publication:
    """Where the site is published (mkdocs.yml `site_url`, "" when not set) and where its data lives, for
    the permanent address in "Cite this page" and each page's "last changed" date (git, read once)."""

    site_url: str = ""
    data_dir: Path | None = None
    repo_url: str = ""  # the project's repository: its issues are the contact when dossier.yml names none
    _changes: dict[str, str] | None = field(default=None, repr=False)

    def change_dates(self) -> dict[str, str]:
        """Each data file's last commit date (ISO), read from git once per build: the pages' "last changed"
        lines and the feed's dates."""
        if self._changes is None:
            self._changes = git_change_dates(self.data_dir) if self.data_dir is not None else {}
        return self._changes

    def changed(self, kind: str, record_id: str) -> str | None:
        """When the record's file was last committed (ISO date and time), or None outside git."""
        return self.change_dates().get(f"{kind}/{record_id}.yml")


@dataclass
class PageContext:
    """The page being rendered: one for each render of a page, handed to every method that links a record
    or counts one as shown (templates have it as `page`, read by the filters: `_on_the_page`). Nothing
    about a page is kept on the Renderer, so one Renderer renders any number of pages, in any order."""

    path: str  # the page's docs path: where its HTML links' (and final URLs') relative URLs start
    # A page the engine converts itself (PageConverter): its Markdown links then carry final URLs, since
    # MkDocs will not read them to rewrite `.md` paths.
    final_urls: bool = False
    # The records the page shows (its own and every one it links): its evidence period, and under `mkdocs
    # serve` which pages an edit reaches (incremental.RenderCache).
    shown: list[Record] = field(default_factory=list)
    # Of `shown`, those the page depends on without linking them (a relation's statements, counted in a
    # sentence): not evidence a reader sees dated on the page, so they do not stretch its evidence period.
    unlinked: list[Record] = field(default_factory=list)
    # The records the page cites with a footnote marker, by footnote label, in order of first citation.
    cited: dict[str, Record] = field(default_factory=dict)

    def linked(self) -> list[Record]:
        """The records shown that the page links or cites: `shown` without the `unlinked` ones."""
        unlinked = Counter(id(record) for record in self.unlinked)
        linked = []
        for record in self.shown:
            if unlinked[id(record)]:
                unlinked[id(record)] -= 1
            else:
                linked.append(record)
        return linked


# `link` or another maker of a record's link: (page, record, label) → the link; see `Renderer._resolve_links`.
_LinkMaker = Callable[[PageContext, Record | None, Any], Md]
_Arguments = ParamSpec("_Arguments")
_Result = TypeVar("_Result")


def _on_the_page(method: Callable[Concatenate[PageContext, _Arguments], _Result]) -> Callable[..., _Result]:
    """`method(page, …)` as a template filter or function: `page` is the PageContext of the render calling it.

    Jinja hands a `pass_context` callable the context of the template being rendered, which is made anew
    for each render, so two renders never see each other's page. (A macro imported from another template
    sees it only when imported `with context`.)"""
    @jinja2.pass_context
    def on_the_page(context: jinja2.runtime.Context, *args: _Arguments.args, **kwargs: _Arguments.kwargs) -> _Result:
        return method(context["page"], *args, **kwargs)

    return on_the_page


class Renderer:
    """Renders pages from the index. One per build, so an edited YAML file shows on the next build.

    What it is given is fixed for the build (`Final`: mypy rejects an assignment); what it memoises is a
    function of the index alone. The page being rendered is each call's PageContext.
    """

    def __init__(self, index: DossierIndex, url_between: UrlBetween, compiled_templates: jinja2.BytecodeCache | None = None,
                 publication: Publication | None = None, index_page_rows: int = INDEX_PAGE_ROWS):
        """`compiled_templates`: a bytecode cache kept across builds (template_cache.CompiledTemplates), so
        templates compile once per process rather than once per build. `publication`: where the site is
        published and where its data lives (the "Cite this page" address, the "last changed" dates).
        `index_page_rows`: how many records a kind's index lists on one page before it is split (index_parts)."""
        self.index: Final = index
        self.url_between: Final = url_between
        self.publication: Final = publication or Publication()
        self.index_page_rows: Final = index_page_rows
        # Links made so far in this build: a record is linked from many pages (a speaker from each quote).
        self._links: Final[dict[tuple[str, str, str | None], tuple[str, str, str]]] = {}  # → (text, target, title)
        self._html_links: Final[dict[tuple[str, str], tuple[str, str]]] = {}  # → (target path, rest of the tag)
        self._inline_html: Final[dict[str, str]] = {}  # prose_html_inline: a line of Markdown → its HTML
        self._index_parts: Final[dict[str, list[IndexPart]]] = {}
        # Records without a page of their own are linked at their row: on the part listing them, once split.
        for kind, model in MODELS.items():
            if model.listed_on_index:
                index.row_pages.update(((kind, record.id), part.path) for part in self.index_parts(kind) for record in part.records)
        self.env: Final = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            bytecode_cache=compiled_templates,
            autoescape=False,  # HTML autoescaping is the wrong escaping for Markdown: `finalize` does ours
            finalize=self._finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            link=_on_the_page(self.link),
            links=_on_the_page(self.links),
            html_link=_on_the_page(self.html_link),
            html_links=_on_the_page(self.html_links),
            html_list=_on_the_page(self.html_list),
            html_list_by_month=_on_the_page(self.html_list_by_month),
            html_statement_line=_on_the_page(self.html_statement_line),
            prose_html_inline=_on_the_page(self.prose_html_inline),
            html=html_text,
            attribute=html_attribute,
            machine_attribute=unisolated_attribute,
            isolated=isolated,  # each of several data texts joined into one: bidi.py
            prose=_on_the_page(self.prose),
            prose_inline=_on_the_page(self.prose_inline),
            date=format_date,
            date_stated=format_date_stated,
            date_sort=date_sort_text,
            title=lambda record: title_of(record, index),
            heading=lambda record: heading_of(index, record),
            quantity=html_quantity,
            quantity_text=quantity_text,
            exact_quantity=exact_quantity_text,
            sort_number=sort_number,
            prose_uncited=_on_the_page(self.prose_uncited),
            source_kind=source_kind_label,
            source_line=lambda source: literal(source_summary(index, source)),
            href=url_attribute,
            not_stated=source_not_stated,
            literal=literal,
            quote=self.quote,
            in_language=lambda text, language: in_language(literal(text), language),
            html_in_language=lambda text, language: in_language(html_text(text), language),
            anchor=lambda record: Md(f"{record.folder}-{record.id}"),
            number=format_number,
            plural=plural,
            badge=_on_the_page(self.status_badge),
            relation_graph=_on_the_page(self.relation_graph),
        )
        self.env.globals.update(index=index, NOT_STATED=NOT_STATED, diff_words=diff_words, Md=Md, kinds=KINDS,
                                html_block=self._html_block_call, references=lambda: Md(_REFERENCES_HERE),
                                meta=index.dossier.meta, contact=self._contact(), url_to=_on_the_page(self.url_to), STATUS_MEANINGS=STATUS_MEANINGS,
                                status_anchor=status_anchor, LONG_LIST=LONG_LIST, language_of=self.language_of,
                                wording_html=self.wording_html, leaves_words_out=self.leaves_words_out)

    def _contact(self) -> str | None:
        """How to reach the editors: dossier.yml's contact, else the repository's issues, else None."""
        meta = self.index.dossier.meta
        if meta.contact:
            return meta.contact
        return f"{self.publication.repo_url.rstrip('/')}/issues" if self.publication.repo_url else None

    @staticmethod
    def _finalize(value: Any) -> str:
        if value is None:
            return ""
        return literal(value)

    def render(self, template: str, page: PageContext, dates_line: bool = True, **context: Any) -> Md:
        """Render a page template for `page` (a context of its own: see PageContext). Under its title, the
        page's dates, each meaning one thing (`_dates_line`); not on the home and About pages, which state
        the editors' review date themselves. A record page that a reader may cite ends with "Cite this page"."""
        record = context.get("record")
        if record is not None:
            page.shown.append(record)
        body = self._with_references(page, self.env.get_template(template).render(page=page, **context))
        corrections = self._corrections_of(record) if record is not None else []
        if corrections:
            body = f"{body.rstrip()}\n\n{self._corrections_section(page, corrections)}\n"
        if record is not None and record.folder in CITABLE_KINDS or _citable_list(page.path):
            body = f"{body.rstrip()}\n\n{self._cite_block(page, record)}\n"
        if not dates_line:
            return Md(body)
        title, _, rest = body.partition("\n")
        flag = self._corrections_flag(corrections) if corrections else ""
        return Md(f"{title}\n\n{self._dates_line(page, record)}\n{flag}{rest}")

    def _corrections_of(self, record: Record) -> list[Correction]:
        """The entries of the corrections log (data/dossier.yml) naming the record, newest first."""
        reference = f"{record.folder}/{record.id}"
        entries = [correction for correction in self.index.dossier.meta.corrections if reference in correction.records]
        return sorted(entries, key=lambda correction: date_key(correction.date), reverse=True)

    @staticmethod
    def _corrections_flag(corrections: list[Correction]) -> str:
        """Under the title, one line: that the page was corrected, when, and a link to what changed. The
        notes themselves close the page (as newspapers print them), so a brief corrected three times still
        opens with its bottom line on a phone's first screen."""
        dates = " and ".join(dict.fromkeys(format_date(correction.date) for correction in corrections))
        return html_block(f'<p class="dossier-correction-flag" role="note" data-search-exclude><strong>Corrected</strong> '
                          f'on {html_text(dates)}: <a href="#corrections">what changed and why</a></p>', searched=False) + "\n"

    def _corrections_section(self, page: PageContext, corrections: list[Correction]) -> str:
        """"Corrected on <date>: <what changed, why>", one paragraph per entry of the log naming the page's
        record, newest first; the About page lists the whole log."""
        log = self.url_to(page, "about.md#corrections-log")
        lines = "\n".join(f"<p><strong>Corrected on {html_text(format_date(correction.date))}:</strong> "
                          f"{self.prose_html_inline(page, correction.note)}</p>" for correction in corrections)
        # The heading in Markdown and out of search, as "Cite this page"'s is.
        return "## Corrections { #corrections data-search-exclude }\n\n" + html_block(
            f'<div class="dossier-correction" data-search-exclude>\n{lines}\n'
            f'<p><a href="{log}">All corrections</a></p>\n</div>', searched=False)

    def _dates_line(self, page: PageContext, record: Record | None) -> Md:
        """Three dates, labelled, never standing in for each other: the period the evidence on the page
        covers (the dates of the statements, sources, events, claims and figures it shows; never a status
        history's or a review's date), when the page's record last changed (git), and the editors' last review."""
        parts = []
        period = evidence_period(page.linked())
        if period:
            parts.append(f"Evidence on this page: {period_text(*period)}")
        changed = self.publication.changed(record.folder, record.id) if record is not None else None
        if changed:
            parts.append(f"Page last changed: {format_date(changed[:10])}")
        reviewed = self.index.dossier.meta.last_reviewed
        parts.append(f"Editors' last review: {format_date(reviewed)}" if reviewed else "Editors' last review: not yet recorded")
        # Kept out of search: the same words are on every page.
        spans = " · ".join(f"<span>{html_text(part)}</span>" for part in parts)
        return html_block(f'<p class="dossier-dates" data-search-exclude>{spans}</p>', searched=False)

    def _cite_block(self, page: PageContext, record: Record | None) -> Md:
        """"Cite this page": title, dossier, publisher, permanent address and date, as selectable text and
        one button that copies it (assets: dossier.js; without script the text is there to select)."""
        meta = self.index.dossier.meta
        title = heading_of(self.index, record) if record is not None else _citable_list(page.path)
        dossier = isolated(meta.title) if meta.title else "Briefing dossier"
        publisher = isolated(meta.publisher) if meta.publisher else "publisher not yet stated"
        path = page.path.removesuffix("index.md").removesuffix(".md")
        path = path if not path or path.endswith("/") else f"{path}/"
        address = (f"{self.publication.site_url.rstrip('/')}/{path}" if self.publication.site_url
                   else f"/{path} (the site's web address is not yet set)")
        changed = self.publication.changed(record.folder, record.id) if record is not None else None
        if meta.last_reviewed:
            when = f"reviewed {format_date(meta.last_reviewed)}"
        elif changed:
            when = f"last changed {format_date(changed[:10])}"
        else:
            when = "date of review not yet recorded"
        stop = "" if title.rstrip().endswith((".", "?", "!", "…")) else "."  # outside the title's own language
        # The publisher opens a sentence of the citation: "The maintainers …", though the footer's running
        # text ("Published by the maintainers …") keeps the dossier's own lower case.
        rest = f" {dossier}. {publisher[:1].upper()}{publisher[1:]}, {when}. {address}"
        # An actor's name or a source's printed title is in its own language (a statement's heading is the
        # engine's words around a name, as is every other page's title).
        language = self.language_of(record) if isinstance(record, (Actor, Source)) else None
        # The heading in Markdown, out of search as the references' is: an HTML heading would be a search
        # section even inside a block search skips.
        return Md("## Cite this page { #cite-this-page data-search-exclude }\n\n" + html_block(
            '<div class="dossier-cite-page" data-search-exclude>\n'
            f'<p class="dossier-citation">“{in_language(html_text(title), language)}{stop}” {html_text(rest)}</p>\n'
            '<button type="button" class="md-button dossier-copy-citation" hidden>Copy the citation</button>\n'
            '<span class="dossier-copy-status" role="status"></span>\n'
            "</div>", searched=False))

    def _with_references(self, page: PageContext, body: str) -> str:
        """The page with its references list: the footnotes its citation markers point to (see `_cite`)."""
        if not page.cited:
            return body.replace(_REFERENCES_HERE, "")
        definitions = "\n".join(f"[^{label}]: {self._reference(page, record)}" for label, record in page.cited.items())
        # Out of search: each cited record's words are indexed on its own page.
        listed = (f"## References {{ #references data-search-exclude }}\n\n"
                  f'<div class="dossier-references" data-search-exclude markdown>\n\n{FOOTNOTES_PLACE_MARKER}\n\n</div>\n')
        if _REFERENCES_HERE in body:
            body = body.replace(_REFERENCES_HERE, listed, 1)
        else:
            body = f"{body.rstrip()}\n\n{listed}"
        return f"{body.rstrip()}\n\n{definitions}\n"

    def _reference(self, page: PageContext, record: Record) -> str:
        """One entry of a references list: what the record is, a link to it (a quotation given whole), its
        one-line summary, and the source behind it named (kind, outlet, date) and linked, so a reader reaches
        the source from here."""
        whole = record.title_for(_WholeWords(self.index))
        line = f"{record.noun().capitalize()}: {self.link(page, record, whole)} — {literal(summary_of(self.index, record))}"
        sources = sources_behind(record)
        if not sources:
            return line
        first = self.index.get("sources", sources[0])
        more = f" {literal('and ' + plural(len(sources) - 1, 'other source'))}" if len(sources) > 1 else ""
        return f"{line}. Source: {self.link(page, first, source_brief(self.index, first))}{more}"  # type: ignore[arg-type]

    def _cite(self, page: PageContext, record: Record | None) -> str:
        """A footnote marker citing `record`; numbered by the footnotes extension, in order of first citation,
        its footnote (the record's link and summary) shown by Material on hover and listed under References."""
        if record is None:
            return ""
        page.shown.append(record)
        label = f"{record.folder}-{record.id}"
        page.cited.setdefault(label, record)
        return f"[^{label}]"

    # --- links and prose -----------------------------------------------------------------------
    def link(self, page: PageContext, record: Record | None, label: Any = None) -> Md:
        """A Markdown link to a record's page, labelled with its title unless a label is given.

        The link title is the record's one-line summary, which Material shows as a tooltip on hover.
        """
        if record is None:
            return Md("")
        page.shown.append(record)
        key = (record.folder, record.id, None if label is None else str(label))
        parts = self._links.get(key)
        if parts is None:
            text = literal(label) if label is not None else in_language(literal(title_of(record, self.index)), self.language_of(record))
            parts = self._links[key] = (f"[{text}](", page_of(record, self.index), f' "{markdown_title(summary_of(self.index, record))}")')
        opening, target, rest = parts
        if page.final_urls:
            target = self.url_between(target.lstrip("/"), page.path)
        return Md(f"{opening}{target}{rest}")

    def html_link(self, page: PageContext, record: Record | None) -> Md:
        """The same link as `link`, as an HTML element, for the lists and tables written as HTML.

        Python-Markdown leaves a raw HTML block alone, so its URL is the final one, relative to the page
        being rendered, from MkDocs' own rule (site_of_build.url_between). The record is one the index holds,
        so the link cannot dangle; LinkChecker checks the built site in the tests.
        """
        if record is None:
            return Md("")
        page.shown.append(record)
        key = (record.folder, record.id)
        parts = self._html_links.get(key)
        if parts is None:
            text = in_language(html_text(title_of(record, self.index)), self.language_of(record))
            summary = html_attribute(summary_of(self.index, record))
            parts = self._html_links[key] = (page_of(record, self.index).lstrip("/"), f'" title="{summary}">{text}</a>')
        target, rest = parts
        return Md(f'<a href="{escape_html(self.url_between(target, page.path))}{rest}')

    def html_links(self, page: PageContext, records: list[Record], separator: str = ", ") -> Md:
        return Md(escape_html(separator).join(self.html_link(page, record) for record in records))

    def html_list(self, page: PageContext, records: list[Any], item: Callable[[Any], str] | None = None, empty: str = "") -> Md:
        """A bulleted list of `records`, as an HTML block out of Markdown and search (see `set_aside_html`),
        for the lists of other records under a heading marked data-search-exclude. Each entry is a link to
        the record, or what `item` makes of it (a macro of list_items.j2); `empty`: the one entry of an empty list."""
        entries = [item(record) if item else self.html_link(page, record) for record in records]
        if not entries and empty:
            entries = [f"<em>{escape_html(empty)}</em>"]
        return html_block(folded_list(entries), searched=False)

    def html_list_by_month(self, page: PageContext, records: list[Any], item: Callable[[Any], str] | None = None,
                           noun: str = "statement") -> Md:
        """`html_list`, for a long list of dated records: one folded group per month (`by_month`), each
        headed by its month and count, so a profile with hundreds of statements opens on a dozen lines.
        Short lists stay one list."""
        grouped = by_month(records) if len(records) > LONG_LIST else []
        if len(grouped) < 2:  # short, or all on one day: one list, its tail folded (html_list)
            return self.html_list(page, records, item)
        groups = []
        for heading, group in grouped:
            entries = "\n".join(f"<li>{item(record) if item else self.html_link(page, record)}</li>" for record in group)
            groups.append(f"<details>\n<summary>{escape_html(heading)}: {escape_html(plural(len(group), noun))}</summary>\n"
                          f"<ul>\n{entries}\n</ul>\n</details>")
        return html_block('<div data-search-exclude>\n' + "\n".join(groups) + "\n</div>", searched=False)

    @staticmethod
    def _html_block_call(caller: Callable[[], str], searched: bool = True) -> Md:
        """`{% call html_block(searched=False) %}<ul data-search-exclude>…</ul>{% endcall %}`: see `html_block`.
        Ends in a line break, which the call tag's own line takes: a blank line after it in the template then
        separates the block from what follows, as Markdown blocks are."""
        return Md(html_block(caller().strip("\n"), searched) + "\n")

    def prose_html_inline(self, page: PageContext, text: str | None) -> Md:
        """Prose for a table cell or list item written as HTML: `prose_inline`, converted by Python-Markdown
        here, since the page's own conversion does not read HTML blocks. Its [[links]] are `html_link`s."""
        if not text:
            return Md("")
        line = WHITESPACE.sub(" ", self._resolve_links(page, text, self._html_link_in_markdown)).strip()
        # The conversion is a pure function of the line, links resolved: a claim's note listed on many pages
        # is converted once per build, not once per page (copies of a real dossier: 2,825 calls, 779 lines).
        html = self._inline_html.get(line)
        if html is None:
            # A leading "1. " or "# " would start a list or a heading where the Markdown cell had plain text.
            converted = self._inline_markdown.reset().convert(_BLOCK_START.sub(r"\1\\\2", line))
            html = self._inline_html[line] = converted.removeprefix("<p>").removesuffix("</p>")
        return Md(html)

    def _html_link_in_markdown(self, page: PageContext, record: Record | None, label: Any = None) -> Md:
        """An `html_link` inside Markdown text: Python-Markdown reads the text between its tags, so that text
        is escaped for Markdown too (a title with `*` or `_` must not turn into emphasis)."""
        if record is None:
            return Md("")
        link = self.html_link(page, record)
        opening = link[: link.index(">") + 1]
        text = literal(label) if label is not None else in_language(literal(title_of(record, self.index)), self.language_of(record))
        return Md(f"{opening}{text}</a>")

    @cached_property
    def _inline_markdown(self) -> markdown.Markdown:
        # Prose allows emphasis and code spans; HTML, links and attribute lists are escaped before it gets here.
        return markdown.Markdown()

    def html_statement_line(self, page: PageContext, statement: Statement, with_speaker: bool = True) -> Md:
        """One line naming a statement, as HTML: link, speaker, date, and how many sources printed it."""
        parts: list[str] = [self.html_link(page, statement)]
        if with_speaker:
            parts.append(" — " + self.html_link(page, self.index.get("actors", statement.speaker)))
        # After the speaker's name a comma; straight after the words, which may end in a full stop, a dot
        # (never "lives., 5 January").
        parts.append((", " if with_speaker else " · ") + html_text(format_date(statement.date)))
        # The source named beside the record, so it is one tap away, not two.
        first = self.index.get("sources", statement.reported_in[0].source)
        parts.append(f" · in {self._html_source_link(page, first)}")
        others = len(statement.reported_in) - 1
        if statement.form == "quote" and any(report.wording for report in statement.reported_in):  # a paraphrase is ours
            parts.append(f" <em>and {plural(others, 'other source')}, wording differs</em>" if others else " <em>wording differs</em>")
        elif others:
            parts.append(f" <em>and {plural(others, 'other source')}</em>")
        return Md("".join(parts))

    def _html_source_link(self, page: PageContext, source: Record) -> str:
        """A link to a source's page whose text says what the source is: 'news report, Trend, 5 January 2026'."""
        target = escape_html(self.url_between(page_of(source, self.index).lstrip("/"), page.path))
        page.shown.append(source)
        return f'<a href="{target}" title="{html_attribute(title_of(source, self.index))}">{html_text(source_brief(self.index, source))}</a>'  # type: ignore[arg-type]

    def links(self, page: PageContext, records: list[Record], separator: str = ", ") -> Md:
        return Md(separator.join(self.link(page, record) for record in records))

    def _resolve_links(self, page: PageContext, text: str, link: _LinkMaker | None = None, cite: bool = True) -> str:
        """Escape prose, then turn each [[kind/id|label]] (checked by the validator) into a page link
        (`link`, by default a Markdown link). A citation (see CITATION) becomes footnote markers in Markdown
        (`_cite`), links where the text is HTML (`link` given), nothing with `cite=False`; it stays out of search."""
        markers = link is None and cite
        link = link or self.link
        out, position = [], 0
        for citation in CITATION.finditer(text):
            out.append(self._resolve_links_in(page, text[position : citation.start()], link))
            if markers:
                cited = "".join(self._cite(page, self._linked(match)) for match in PROSE_LINK.finditer(citation.group()))
                out.append(f'<span class="dossier-cite" data-search-exclude>{cited}</span>')
            elif cite:
                out.append(f"<span data-search-exclude>{self._resolve_links_in(page, citation.group(), link)}</span>")
            position = citation.end()
        out.append(self._resolve_links_in(page, text[position:], link))
        return "".join(out)

    def _linked(self, match: re.Match[str]) -> Record | None:
        kind, _, record_id = match.group(1).strip().partition("/")
        return self.index.get(kind, record_id)

    def _resolve_links_in(self, page: PageContext, text: str, link: _LinkMaker) -> str:
        out, position = [], 0
        for match in PROSE_LINK.finditer(text):
            out.append(_escape_prose(text[position : match.start()]))
            record, label = self._linked(match), match.group(2)
            out.append(link(page, record, label.strip() if label else self._title_in_prose(record)))
            position = match.end()
            # A quotation that ends its own sentence ("… precious to us.”) ends the editors' sentence too:
            # their full stop after it would print “….”.
            ends_itself = label is None and record is not None and not isinstance(record, Claim) and _ENDS_A_SENTENCE.search(
                title_of(record, self.index))
            if ends_itself and text.startswith(".", position):
                position += 1
        out.append(_escape_prose(text[position:]))
        return "".join(out)

    def _title_in_prose(self, record: Record | None) -> Md | None:
        """A bare link's text within a sentence: a claim's sentence “in quotation marks”; else None, the title."""
        if not isinstance(record, Claim):
            return None
        return Md(f"“{in_language(literal(_CLAIM_END.sub('', record.text)), self.language_of(record))}”")

    def prose(self, page: PageContext, text: str | None) -> Md:
        """A block of our own Markdown, with its [[links]] resolved."""
        return Md(self._resolve_links(page, text or "").strip())

    def prose_inline(self, page: PageContext, text: str | None) -> Md:
        """Prose for a table cell or list item: one line."""
        return Md(WHITESPACE.sub(" ", self._resolve_links(page, text or "")).strip())

    def prose_uncited(self, page: PageContext, text: str | None) -> Md:
        """Prose on one line without its citations, where the page it leads to cites them (a brief's card)."""
        return Md(WHITESPACE.sub(" ", self._resolve_links(page, text or "", cite=False)).strip())

    def relation_graph(self, page: PageContext, record: Actor | Topic, heading: bool = True) -> Md:
        """A Mermaid diagram of actor relations, one edge per pair, followed by every relation as a list
        (readable without JS). The diagram is left out when it would say nothing the list does not.
        `heading=False` where the diagram sits in a folded section with its own summary line (a brief's appendix)."""
        relations = actor_relations(self.index, record) if isinstance(record, Actor) else topic_relations(self.index, record)
        if not relations:
            return Md("")
        for relation in relations:
            page.shown.extend(relation.behind)  # counted, not linked: the page still depends on them
            page.unlinked.extend(relation.behind)
        actor = self.index.get
        entries = [f"{self.html_link(page, actor('actors', r.source))} {html_text(r.phrase)} {self.html_link(page, actor('actors', r.target))}"
                   for r in relations]
        drawn = diagram(relations, keep=record.id if isinstance(record, Actor) else None)
        more = ""
        if drawn and (drawn.left_out or drawn.edges_left_out):
            shown = [f"the {len(drawn.nodes)} most connected of {len(drawn.nodes) + drawn.left_out} actors"] if drawn.left_out else []
            if drawn.edges_left_out:
                shown.append(f"the {len(drawn.edges)} strongest of {len(drawn.edges) + drawn.edges_left_out} links")
            rest = plural(drawn.left_out, "more actor") if drawn.left_out else plural(drawn.edges_left_out, "more link")
            more = (f'<p class="dossier-diagram-note">The diagram shows {" and ".join(shown)}: '  # out of print, as the diagram is
                    f'<a href="#relations-list">+{rest}</a> in the list below.</p>\n')
        # Out of search like every section listing other records (see the note atop actor.md.j2).
        listed = html_block(f'<div data-search-exclude>\n{more}<ul id="relations-list">\n{list_items(entries[:LONG_LIST])}\n</ul>\n'
                            f"{folded_tail(entries[LONG_LIST:])}</div>", searched=False)
        chart = html_block(diagram_html(mermaid(self.index, drawn), folded=heading), searched=False) + "\n\n" if drawn else ""
        title = "## Relations { data-search-exclude }\n\n" if heading else ""
        return Md(f"{title}{chart}{listed}\n")

    def url_to(self, page: PageContext, docs_path: str) -> Md:
        """The URL of a hand-written page (`methodology.md#status-denied`) from the page being rendered,
        by MkDocs' own rule, as `html_link` makes its URLs."""
        return Md(escape_html(self.url_between(docs_path, page.path)))

    def status_badge(self, page: PageContext, status: str) -> Md:
        """A claim status as a badge linking to its definition, its plain meaning as the tooltip."""
        return status_badge(status, self.url_to(page, f"{METHODOLOGY_PAGE}#{status_anchor(status)}"))

    def status_definitions(self, page_path: str) -> Md:
        """The methodology page's definitions, one heading (the badges' anchor) per status."""
        page = PageContext(page_path)
        parts = []
        for status, meaning in STATUS_MEANINGS.items():
            parts.append(
                f"### {literal(status.capitalize())} {{ #{status_anchor(status)} }}\n\n"
                f"{self.status_badge(page, status)} **In short:** {literal(meaning.plain)}.\n\n"
                f"**When the editors use it:** {literal(meaning.use_when)}\n"
            )
        return Md("\n".join(parts))

    def quote(self, text: str, language: str | None = None) -> Md:
        """Verbatim words in typographic quotes, escaped, marked with their language."""
        return Md(f"“{in_language(literal(text), language)}”")

    def language_of(self, record: Record) -> str | None:
        """The language of a record's title as printed: an actor's name, a source's printed title (not the
        editors' supplied one), a quote's words (theirs, or else the first source's that printed them).
        None for the editors' own words (claims, events, figures, topics, a paraphrase unless it says)."""
        if isinstance(record, Actor):
            return record.language
        if isinstance(record, Source):
            return record.language if record.title != NOT_STATED else None
        if isinstance(record, Statement):
            if record.language or record.form != "quote":
                return record.language
            return self.index.get_as(Source, record.reported_in[0].source).language
        return None

    def leaves_words_out(self, statement: Statement) -> bool:
        """Whether a source's wording of the statement leaves out words of it (the page says how it marks that)."""
        return any(report.wording and left_out_words(statement.text, report.wording) for report in statement.reported_in)

    def wording_html(self, statement: Statement, report: ReportedIn, compared: bool = True) -> Md:
        """A source's wording of a statement as HTML, the words that differ from the statement's marked
        (unless not `compared`: a paraphrase's text is ours, not a wording to mark a source's against), in
        the source's language, isolated as one piece (bidi.py): an Arabic wording split into marked and
        unmarked runs must still read as one right-to-left sentence."""
        wording = report.wording or statement.text
        if not compared:
            pieces, left_out = [escape_html(wording)], []
        else:
            pieces = [CUT_HTML if op == "cut" else f"<mark>{escape_html(words)}</mark>" if op == "changed"
                      else f"<span data-search-exclude>{escape_html(words)}</span>"
                      for op, words in diff_words(statement.text, wording)]
            left_out = left_out_words(statement.text, wording)
        html = " ".join(pieces)
        if left_out:  # nothing of the wording marks a cut: said after it, in our words
            quoted = ", ".join(f"“{escape_html(words)}”" for words in left_out)
            html += f' <span class="dossier-left-out" data-search-exclude>(leaves out {quoted})</span>'
        if needs_isolation(report.wording or ""):
            html = f"<bdi>{FSI}{html}{PDI}</bdi>"
        return in_language(html, self.index.get_as(Source, report.source).language)

    # --- pages ---------------------------------------------------------------------------------
    def record_page(self, kind: str, record_id: str, page: PageContext | None = None) -> Md:
        """A record's page as Markdown. `page`, whose path must be the record's page (`record_page_context`):
        for a caller that reads what the page showed once rendered, or wants its links' final URLs (a page
        PageConverter converts, not MkDocs). By default a context of its own, links left for MkDocs."""
        record = self.index.get(kind, record_id)
        context: dict[str, Any] = {"record": record, MODELS[kind].singular: record}  # `claim`, `actor`…: the template's name for it
        return self.render(f"{MODELS[kind].singular}.md.j2", page or record_page_context(kind, record_id), **context)

    def index_page(self, kind: str, page_path: str | None = None) -> Md:
        """A kind's index; `page_path` when it is shown on another page than its own (a macro on a hand-written
        page, which lists every record). On its own page, an index too long for one lists its parts instead."""
        parts = [] if page_path else self.index_parts(kind)
        return self.render(f"{kind}_index.md.j2", PageContext(page_path or f"{kind}/index.md"),
                           records=self.index.listed(kind), parts=parts, part=None)

    def index_parts(self, kind: str) -> list[IndexPart]:
        """The pages a kind's index is split into; none when it fits one (index_parts.index_parts)."""
        if kind not in self._index_parts:
            self._index_parts[kind] = index_parts(kind, self.index.listed(kind), self.index_page_rows)
        return self._index_parts[kind]

    def index_part_page(self, path: str) -> Md:
        """One part of a split index (`IndexPart.path`): the kind's index template, over the part's records."""
        kind = path.partition("/")[0]
        parts = self.index_parts(kind)
        part = next(part for part in parts if part.path == path)
        return self.render(f"{kind}_index.md.j2", PageContext(path), records=part.records, parts=parts, part=part)

    def home(self) -> Md:
        return self.render("home.md.j2", PageContext("index.md"), dates_line=False)

    def about(self) -> Md:
        """The About page's facts from data/dossier.yml, as Markdown for the hand-written page docs/about.md."""
        return self.render("about.md.j2", PageContext("about.md"), dates_line=False)

    @cached_property
    def counts(self) -> dict[str, int]:
        return self.index.dossier.count()


def record_page_context(kind: str, record_id: str, final_urls: bool = False) -> PageContext:
    """A fresh context for rendering a record's own page; `final_urls` when the engine converts it (PageConverter)."""
    return PageContext(f"{kind}/{record_id}.md", final_urls)
