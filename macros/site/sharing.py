"""What a page says about itself where it travels without the page: the browser tab, a bookmark, a shared
link's preview (meta description, Open Graph, Twitter card), the feed, structured data.

A claim never travels as a bare sentence: every such string leads with its status ("Denied: …"), as
fact-checkers' titles carry their verdict, so no shareable text repeats a denied or unverified claim as
plain fact. The strings here are plain text; the templates that print them escape them.
"""

from __future__ import annotations

from macros.records.bidi import isolated
from macros.records.dates import format_date
from macros.records.index import DossierIndex
from macros.records.schema import STATUS_MEANINGS, Claim, Record, Statement, Topic
from macros.site.lists import excerpt
from macros.site.words import summary_of, title_of

# Search engines show about this many characters of a description; longer ones are cut mid-word.
DESCRIPTION_LENGTH = 200


def verdict_label(status: str) -> str:
    """The status as a title's lead: 'Denied', 'Partly true'."""
    return status[:1].upper() + status[1:]


def verdict_title(claim: Claim) -> str:
    """A claim's title wherever it is shared: its status first, then the claim ('Denied: X had agreed …')."""
    return claim.verdict_title


def record_description(index: DossierIndex, record: Record) -> str:
    """A record page's meta description: what the page is, in one or two sentences of its own. Each piece of
    data in it is isolated (bidi.isolated): a right-to-left name pulled the full stop after it into its run."""
    if isinstance(record, Claim):
        claimant = isolated(index.get("actors", record.claimant).name)  # type: ignore[attr-defined]
        meaning = STATUS_MEANINGS[record.status].plain
        said = isolated(excerpt(record.text, DESCRIPTION_LENGTH))
        return f"{verdict_label(record.status)}: {meaning}. The claim, by {claimant} ({format_date(record.first_made)}): “{said}”"
    if isinstance(record, Statement):
        return f"{summary_of(index, record)}: {title_of(record, index)}"
    if isinstance(record, Topic):
        return f"Brief: {isolated(record.title)}. {isolated(excerpt(record.question, DESCRIPTION_LENGTH))}"
    return f"{record.noun().capitalize()}: {isolated(excerpt(title_of(record, index), DESCRIPTION_LENGTH))}. {summary_of(index, record)}"


def page_description(title: str | None, site_name: str, scope: str | None, listing: str | None = None) -> str:
    """A page without a record of its own (home, index and hand-written pages): its title (for a kind's
    index, `listing`: what it lists), then the dossier's name and scope, so no two pages share one."""
    about = f"{isolated(site_name)}: {isolated(scope)}" if scope else isolated(site_name)
    if listing:
        return f"{isolated(title or '')}: every {listing} in the dossier, with its sources. {about}"
    return f"{isolated(title)}. {about}" if title and title != site_name else about
