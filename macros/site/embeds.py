"""Records inside an editor's own page: the macros a memo or weekly update in docs/ calls to show a quote,
a figure, a claim or a citation inline, each linked and escaped as the generated pages are.

A reference is written `kind/id`, as a `[[kind/id]]` link in prose is. One that names no record stops the
build with the page's file and the line of the call, as a dangling `[[kind/id]]` does in a record: the
check before rendering (editor_pages) finds those written out; one built by a Jinja expression is found
here, kept as a data error (the macro shows nothing) and reported by the page hook.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from macros.records.dates import format_date, format_date_stated
from macros.records.errors import DataError
from macros.records.schema import NOT_STATED, Claim, Figure, Record, Source, Statement
from macros.site.editor_pages import reference_problem
from macros.site.numbers import quantity_text
from macros.site.renderer import PageContext, Renderer
from macros.site.text import Md, in_language, literal
from macros.site.words import source_summary

R = TypeVar("R", bound=Record)

# The kind each macro shows: its name as an editor writes it, and the records it takes.
EMBED_KINDS: dict[str, type[Record]] = {"quote": Statement, "figure": Figure, "claim": Claim, "cite": Source}


@dataclass(frozen=True)
class CallingPage:
    """The page whose macros are being rendered: its file as the editor names it, and its text."""

    path: str
    text: str

    def line_of(self, macro: str, reference: str) -> int | None:
        """The line of the first call of `macro` naming `reference` (the file's own numbering, front matter
        included), or None when it is not written out (a reference built by a Jinja expression)."""
        call = re.compile(rf"\b{re.escape(macro)}\s*\(\s*(['\"]){re.escape(reference)}\1")
        for number, line in enumerate(self.text.splitlines(), start=1):
            if call.search(line):
                return number
        return None


class Embeds:
    """The four macros, rendering with the build's Renderer for the page being built: `page_uri()` is its
    docs path (where its HTML links start), `calling_page()` its file, for errors."""

    def __init__(self, renderer: Renderer, calling_page: Callable[[], CallingPage], page_uri: Callable[[], str],
                 errors: list[DataError]):
        self.renderer = renderer
        self.calling_page = calling_page
        self.page_uri = page_uri
        self.errors = errors  # the build's (pipeline.Site.embed_errors): a call naming no record adds one

    def quote(self, reference: str) -> Md:
        """A statement as a block quote: its words (verbatim, or marked as paraphrase), then who said it,
        when, and the sources that printed it, each linked."""
        statement = self._record("quote", reference, Statement)
        if statement is None:
            return Md("")
        render, page = self.renderer, self._page()
        speaker = render.index.get("actors", statement.speaker)
        sources = render.links(page, [render.index.get("sources", report.source) for report in statement.reported_in])
        # literal() folds the words onto one line: a blank line inside them cannot end the quote early.
        language = render.language_of(statement)
        words = render.quote(statement.text, language) if statement.form == "quote" else \
            f"*Paraphrase, as reported:* {in_language(literal(statement.text), language)}"
        when = "date not stated" if statement.date == NOT_STATED else format_date(statement.date)
        said = f"— {render.link(page, speaker)}, {literal(when)}. Printed in {sources}. {render.link(page, statement, 'The statement')}."
        # An HTML block (md_in_html), not "> ": two quotes a blank line apart would merge into one.
        return Md(f'\n\n<blockquote class="dossier-embedded-quote" markdown>\n\n{words}\n\n{said}\n\n</blockquote>\n\n')

    def figure(self, reference: str) -> Md:
        """A figure inline: its readable value, what it counts, and its sources, linked."""
        figure = self._record("figure", reference, Figure)
        if figure is None:
            return Md("")
        render, page = self.renderer, self._page()
        sources = render.links(page, [render.index.get("sources", source_id) for source_id in figure.sources])
        value = literal(quantity_text(figure.value, figure.unit, figure.qualifier))
        as_of = f", as of {literal(format_date(figure.as_of))}" if figure.as_of and figure.as_of != NOT_STATED else ""
        return Md(f"**{value}** ({render.link(page, figure)}{as_of}; source: {sources})")

    def claim(self, reference: str) -> Md:
        """A claim inline: its status badge, the claim linked, who made it and when."""
        claim = self._record("claim", reference, Claim)
        if claim is None:
            return Md("")
        render, page = self.renderer, self._page()  # the badge is HTML: its link to the status is the final URL from this page
        claimant = render.index.get("actors", claim.claimant)
        # The claim page's qualifiers travel with it: the editors' attribution, made or only reported then.
        when = f"{render.index.first_made_label(claim).lower()} {format_date_stated(claim.first_made)}"
        qualifier = f" {literal(claim.claimant_qualifier)}" if claim.claimant_qualifier else ""
        return Md(f"{render.status_badge(page, claim.status)} {render.link(page, claim)} (claimed by {render.link(page, claimant)}"
                  f"{qualifier}, {literal(when)})")

    def cite(self, reference: str) -> Md:
        """A citation: the source linked by its title, then what it is, who published it and when."""
        source = self._record("cite", reference, Source)
        if source is None:
            return Md("")
        return Md(f"{self.renderer.link(self._page(), source)} ({literal(source_summary(self.renderer.index, source))})")

    def _page(self) -> PageContext:
        """A context of each call's own (renderer.PageContext): nothing of one call's page stays for the next."""
        return PageContext(self.page_uri())

    def _record(self, macro: str, reference: object, model: type[R]) -> R | None:
        """The record a call names, or None after noting the error (`errors`)."""
        if not isinstance(reference, str):
            self._fail(macro, str(reference), f"'{reference}' is not a reference", f'write it as "{model.folder}/<id>"')
            return None
        records = self.renderer.index.dossier.records
        problem = reference_problem(macro, reference, model.folder, records)
        if problem:
            self._fail(macro, reference, *problem)
            return None
        found = records[model.folder][reference.partition("/")[2]]
        assert isinstance(found, model)  # reference_problem said so
        return found

    def _fail(self, macro: str, reference: str, message: str, hint: str) -> None:
        page = self.calling_page()
        # A reference built by an expression is not written out on any line: the whole file is named.
        self.errors.append(DataError(page.path, page.line_of(macro, reference) or 0, macro, message, hint))


def calling_page(src_path: str | None, abs_src_path: str | None, project_dir: Path) -> CallingPage:
    """The page as its editor knows it: the path from the project folder when it lies inside it."""
    if abs_src_path is None:
        return CallingPage(src_path or "?", "")
    path = Path(abs_src_path)
    try:
        shown = path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        shown = os.fspath(path)
    return CallingPage(shown, path.read_text(encoding="utf-8"))
