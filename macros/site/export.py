"""Open data and machine-readable views of the dossier: JSON, CSV, JSON-LD, Atom.

Pure functions over the index; the page hook decides where the results go in the site.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree

from macros.records.bidi import isolated
from macros.records.dates import format_date
from macros.records.index import DossierIndex, date_key, record_date
from macros.records.schema import KINDS, MODELS, NOT_STATED, STATUS_MEANINGS, Actor, Claim, Record, Source, Statement
from macros.records.validate import PROSE_LINK
from macros.site.sharing import verdict_title
from macros.site.words import page_of, title_of

EXPORT_VERSION = 1


def page_url(record: Record, index: DossierIndex) -> str:
    """The site-relative URL of a record's page (use_directory_urls layout), e.g. actors/x/; of a figure, its
    row on the figures list (or on the part of it that lists it), figures/#figures-x."""
    path = page_of(record, index).lstrip("/")
    page, _, anchor = path.partition("#")
    url = page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"
    return url + (f"#{anchor}" if anchor else "")


def record_fields(record: Record) -> dict[str, Any]:
    """A record's stored fields, as in its YAML file (unset optional fields omitted)."""
    return record.model_dump(mode="json", exclude_unset=True)


class ExportedRecords(dict[tuple[str, str], tuple[Record, str, str]]):
    """What each record contributes to the exports that depends on the record alone (its fields as JSON, its
    CSV row), by (kind, id), with the record it was made from. Kept by the session of `mkdocs serve`, which
    writes every export again on each rebuild: unchanged files give back the same frozen record objects
    between rebuilds (validate.ValidatedRecords), so only edited records are serialized again."""


# One encoder for the whole build: json.dumps with options would cost more than the per-record parts save.
# allow_nan=False: the schema refuses infinite numbers (schema.Number); should one get through anyway, the
# build fails here rather than writing the Infinity or NaN that JSON parsers refuse.
_to_json = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


class _CsvLines:
    """One CSV writer for all the rows of one export: a writer per row cost 0.3 s at 10,000 statements."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        # Rows end in CRLF, as RFC 4180 has them; with "\n" alone, the writer did not quote a cell holding a
        # carriage return (text may: YAML's "\r"), and readers split the row there.
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def line(self, values: list[Any]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(values)
        return self._buffer.getvalue()


def _serialized(record: Record, index: DossierIndex, cache: ExportedRecords | None, csv_lines: _CsvLines) -> tuple[str, str]:
    """(fields as JSON, CSV row) of one record, from the cache where the record is unchanged. The CSV row of a
    record listed on its kind's index is made afresh: its last column, the part of the index listing its row,
    moves with the other records (index_parts)."""
    key = (record.folder, record.id)
    cached = cache.get(key) if cache is not None else None
    if cached is not None and cached[0] is record:
        if not record.listed_on_index:
            return cached[1], cached[2]
        fields_json = cached[1]
    else:
        fields_json = _to_json(record_fields(record))
    row = _csv_row(record, index, csv_lines)
    if cache is not None:
        cache[key] = (record, fields_json, row)
    return fields_json, row


def dossier_json(index: DossierIndex, cache: ExportedRecords | None = None) -> str:
    """Every record with its id, page, fields and resolved references (kind, id, title, page).

    Written compact, and put together from each record's part: with `indent`, json falls back from its C
    encoder to pure Python (2 s at 3,000 statements), and under `mkdocs serve` the parts of records that did
    not change are reused. The result is exactly `json.dumps` of the whole document (a test checks it)."""
    outgoing: dict[tuple[str, str], list[dict[str, str]]] = {}
    targets: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, id) → (title, page): a record is the target of many edges
    for edge in index.dossier.edges:
        key = (edge.target_kind, edge.target_id)
        if key not in targets:
            target = index.get(*key)
            targets[key] = (title_of(target), page_url(target, index))
        title, page = targets[key]
        outgoing.setdefault((edge.source.folder, edge.source.id), []).append(
            {"field": edge.field, "kind": edge.target_kind, "id": edge.target_id, "title": title, "page": page}
        )
    kinds = []
    csv_lines = _CsvLines()
    for kind in KINDS:
        entries = []
        for record in index.all(kind):
            fields_json, _ = _serialized(record, index, cache, csv_lines)
            record_id = _to_json(record.id)
            entries.append(f'{record_id}: {{"id": {record_id}, "page": {_to_json(page_url(record, index))}, '
                           f'"fields": {fields_json}, "references": {_to_json(outgoing.get((kind, record.id), []))}}}')
        kinds.append(f"{_to_json(kind)}: {{{', '.join(entries)}}}")
    if cache is not None:
        # Drop the records an edit removed, so the cache holds one build's records and no more.
        current = {(kind, record.id) for kind in KINDS for record in index.all(kind)}
        for stale in [key for key in cache if key not in current]:
            del cache[stale]
    return f'{{"version": {EXPORT_VERSION}, "counts": {_to_json(index.dossier.count())}, "records": {{{", ".join(kinds)}}}}}'


def kind_csv(index: DossierIndex, kind: str, cache: ExportedRecords | None = None) -> str:
    """One row per record: scalar fields as they are, lists joined with '; ', sub-records as JSON."""
    csv_lines = _CsvLines()
    header = csv_lines.line(["id", *MODELS[kind].model_fields, "page"])
    return header + "".join(_serialized(record, index, cache, csv_lines)[1] for record in index.all(kind))


def _csv_row(record: Record, index: DossierIndex, csv_lines: _CsvLines) -> str:
    fields = record.model_dump(mode="json")
    row = [record.id]
    for column in type(record).model_fields:
        value = fields.get(column)
        if isinstance(value, list):
            value = "; ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value)
        row.append("" if value is None else inert_cell(value) if isinstance(value, str) else value)
    return csv_lines.line([*row, page_url(record, index)])


# What makes a spreadsheet read a cell as a formula when it comes first (OWASP, CSV Injection): = + - @,
# tab and carriage return; and the full-width = + - @, which some spreadsheets take for the same.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert_cell(text: str) -> str:
    """A text cell as spreadsheets will show it and never run it: a leading ' where it could start a formula.

    Only text is prefixed: a number column keeps its numbers (-3.5 is not a formula)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- JSON-LD -------------------------------------------------------------------------------------
def json_ld(index: DossierIndex, record: Record, site_url: str) -> dict[str, Any] | None:
    """schema.org data for a record's page: ClaimReview for claims, Person/Organization for actors."""
    describe = _JSON_LD.get(type(record))
    return None if describe is None else describe(index, record, site_url)


def script_safe(data: dict[str, Any]) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so data can never close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _absolute(site_url: str, record: Record, index: DossierIndex) -> str:
    return (site_url.rstrip("/") + "/" if site_url else "/") + page_url(record, index)


def _iso(date: str | None) -> str | None:
    return None if not date or date == NOT_STATED else date


def _claim_review(index: DossierIndex, claim: Claim, site_url: str) -> dict[str, Any]:
    claimant = index.get("actors", claim.claimant)
    sources = [index.get("sources", source_id) for source_id in claim.sources]
    appearances = [_creative_work(index, source) for source in sources]  # type: ignore[arg-type]
    reviewed: dict[str, Any] = {
        "@type": "Claim",
        "author": _actor_thing(index, claimant, site_url),  # type: ignore[arg-type]
        "datePublished": claim.first_made,
        "appearance": appearances,
    }
    first = min(sources, key=lambda s: date_key(s.published))  # type: ignore[attr-defined]
    reviewed["firstAppearance"] = _creative_work(index, first)  # type: ignore[arg-type]
    latest = max([claim.first_made, *(change.date for change in claim.history)], key=date_key)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _absolute(site_url, claim, index),
        "author": _publisher(index, site_url),
        "name": verdict_title(claim),
        "claimReviewed": claim.text,
        "itemReviewed": reviewed,
        "reviewRating": {"@type": "Rating", "alternateName": claim.status, "ratingExplanation": STATUS_MEANINGS[claim.status].plain},
        "datePublished": latest,
    }


def _publisher(index: DossierIndex, site_url: str) -> dict[str, Any]:
    """Who reviews the claims: the dossier's publisher (data/dossier.yml), or its editors, unnamed, as such."""
    meta = index.dossier.meta
    name = meta.publisher or (f"The editors of {meta.title}" if meta.title else "The dossier's editors")
    publisher: dict[str, Any] = {"@type": "Organization", "name": name}
    if site_url:
        publisher["url"] = site_url.rstrip("/") + "/"
    return publisher


def _creative_work(index: DossierIndex, source: Source) -> dict[str, Any]:
    """A source as schema.org reads it: its printed title, or the editors' [supplied] one, never a file name."""
    work: dict[str, Any] = {"@type": "CreativeWork", "name": title_of(source, index)}
    if source.url:
        work["url"] = source.url
    if _iso(source.published):
        work["datePublished"] = source.published
    if source.author != NOT_STATED:
        author = index.get("actors", source.author)
        work["author"] = {"@type": "Person" if author.kind == "person" else "Organization", "name": author.name}  # type: ignore[attr-defined]
    if source.outlet != NOT_STATED:
        work["publisher"] = {"@type": "Organization", "name": index.get("actors", source.outlet).name}  # type: ignore[attr-defined]
    return work


def _actor_thing(index: DossierIndex, actor: Actor, site_url: str) -> dict[str, Any]:
    types = {"person": "Person", "state": "Country", "media": "NewsMediaOrganization"}
    thing: dict[str, Any] = {"@context": "https://schema.org", "@type": types.get(actor.kind, "Organization"), "name": actor.name,
                             "url": _absolute(site_url, actor, index)}
    if actor.aliases:
        thing["alternateName"] = actor.aliases
    if actor.role:
        thing["description"] = actor.role
    if actor.wikidata:
        thing["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
    return thing




# --- Atom feed -----------------------------------------------------------------------------------
def atom_feed(index: DossierIndex, changed: dict[str, str], site_url: str, title: str, limit: int = 100) -> str:
    """An Atom feed of records, newest change first: git commit dates where known, record dates otherwise."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)
    entries: list[tuple[str, Record | None]] = []
    for kind in KINDS:
        for record in index.all(kind):
            updated = changed.get(f"{kind}/{record.id}.yml") or _date_time(record_date(record))
            if updated:
                entries.append((updated, record))
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries.sort(key=lambda pair: pair[0], reverse=True)
    # Every correction has its entry, whatever the limit on records: a reader following the feed must see it.
    corrections = _correction_entries(index, base)
    entries = sorted(entries[:limit] + [(updated, None) for updated, _ in corrections], key=lambda pair: pair[0], reverse=True)
    feed = ElementTree.Element(f"{{{atom}}}feed")
    _sub(feed, atom, "title", title)
    _sub(feed, atom, "id", base + "feed.xml" if base else "urn:dossier:feed")
    _sub(feed, atom, "updated", entries[0][0] if entries else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, f"{{{atom}}}link", rel="self", href=base + "feed.xml")
    made = iter(sorted(corrections, key=lambda pair: pair[0], reverse=True))
    for updated, changed_record in entries:
        if changed_record is None:
            feed.append(next(made)[1])
            continue
        entry = ElementTree.SubElement(feed, f"{{{atom}}}entry")
        _sub(entry, atom, "title", _feed_title(changed_record))
        _sub(entry, atom, "id", f"urn:dossier:{changed_record.folder}:{changed_record.id}")
        _sub(entry, atom, "updated", updated)
        ElementTree.SubElement(entry, f"{{{atom}}}link", href=base + page_url(changed_record, index))
        _sub(entry, atom, "summary", _summary_of(changed_record))
        ElementTree.SubElement(entry, f"{{{atom}}}author").append(_text_element(atom, "name", "Dossier editors"))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode")


def _correction_entries(index: DossierIndex, base: str) -> list[tuple[str, ElementTree.Element]]:
    """An Atom entry for each entry of the corrections log (data/dossier.yml), linking the About page's log."""
    atom = "http://www.w3.org/2005/Atom"
    made = []
    for i, correction in enumerate(index.dossier.meta.corrections):
        updated = _date_time(correction.date) or ""
        corrected = []
        for reference in correction.records:
            kind, _, record_id = reference.partition("/")
            record = index.get(kind, record_id)
            corrected.append(verdict_title(record) if isinstance(record, Claim) else title_of(record, index))
        entry = ElementTree.Element(f"{{{atom}}}entry")
        _sub(entry, atom, "title", f"Correction, {format_date(correction.date)}: {'; '.join(corrected)}")
        _sub(entry, atom, "id", f"urn:dossier:correction:{correction.date}:{i}")
        _sub(entry, atom, "updated", updated)
        ElementTree.SubElement(entry, f"{{{atom}}}link", href=base + "about/#corrections-log")
        _sub(entry, atom, "summary", plain_prose(index, correction.note))
        ElementTree.SubElement(entry, f"{{{atom}}}author").append(_text_element(atom, "name", "Dossier editors"))
        made.append((updated, entry))
    return made


def plain_prose(index: DossierIndex, text: str) -> str:
    """Our prose as plain text: a [[kind/id|label]] link as its label, a bare [[kind/id]] as the record's title."""
    def link_text(match: re.Match[str]) -> str:
        if match.group(2):
            return match.group(2)
        kind, _, record_id = match.group(1).partition("/")
        return title_of(index.get(kind, record_id), index)

    return " ".join(PROSE_LINK.sub(link_text, text).split())


def _feed_title(record: Record) -> str:
    """A feed entry's title: what the record is and its title; a claim's with its status first."""
    if isinstance(record, Claim):
        return f"Claim · {verdict_title(record)}"
    return f"{record.singular.capitalize()}: {isolated(title_of(record))}"  # plain text: bidi.py


def _summary_of(record: Record) -> str:
    summarize = _FEED_SUMMARIES.get(type(record))
    if summarize is not None:
        return summarize(record)
    date = record_date(record)
    return f"{record.singular.capitalize()} · {format_date(date)}" if date else record.singular.capitalize()


def _date_time(date: str | None) -> str | None:
    if not date:
        return None
    year, month, day = ([int(p) for p in date.split("-")] + [1, 1])[:3]
    return dt.datetime(year, month, day, tzinfo=dt.timezone.utc).isoformat()


def _sub(parent: ElementTree.Element, namespace: str, tag: str, text: str) -> None:
    parent.append(_text_element(namespace, tag, text))


def _text_element(namespace: str, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.Element(f"{{{namespace}}}{tag}")
    element.text = text
    return element


# What a kind says in the published data, beside what it says on its pages (schema.Record): one entry per
# kind that differs from the default, keyed by its model. Kept here rather than on the models so that
# schema.py, which editors read to learn the fields, knows nothing of schema.org or Atom.
_JSON_LD: dict[type[Record], Callable[[DossierIndex, Any, str], dict[str, Any] | None]] = {
    Claim: _claim_review,
    Actor: lambda index, actor, site_url: _actor_thing(index, actor, site_url),
}
# A feed entry's summary; other kinds say what they are and their latest date.
_FEED_SUMMARIES: dict[type[Record], Callable[[Any], str]] = {
    Statement: lambda statement: statement.text,  # the words themselves: what a reader of the feed wants
    Claim: lambda claim: f"Status: {claim.status}: {STATUS_MEANINGS[claim.status].plain}.",
}

