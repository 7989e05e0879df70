"""The record kinds: one pydantic model per kind, the single source of truth.

The same models validate the YAML, write the JSON Schemas editors use, and list the fields in the
editor's guide. Reference fields carry a `Reference` marker so the validator can resolve them and the
index can derive backlinks without a second list of "which field points where".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, Protocol, Self, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, WithJsonSchema
from pydantic_core import PydanticCustomError

from macros.records.bidi import unbalanced_control

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids the engine's own pages take in every kind folder: <kind>/index.md is the list of that kind's records
# (pages.py, generated_pages), which a record of that id would replace.
GENERATED_PAGE_IDS = frozenset({"index"})
NOT_STATED = "not stated"

# Dates later than this are almost certainly typos (2062 for 2026); planned events fit inside it.
FUTURE_DATE_LIMIT_DAYS = 366


@dataclass(frozen=True)
class Reference:
    """Marks a field whose value is the id of a record of `kind`."""

    kind: str


@dataclass(frozen=True)
class ProseMarker:
    """Marks a field written by us in Markdown, where `[[kind/id]]` links are allowed."""


def _year_as_text(value: Any) -> Any:
    # YAML reads `date: 2026` as an integer; a bare year is a valid date of year precision.
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


@functools.cache  # every list sorts by it: few distinct dates
def month_of(date: str | None) -> str:
    """A date's month ("2025-03"), or its year where only that is known; "" when not stated."""
    return "" if not date or date == NOT_STATED else date[:7]


def initial_of(name: str) -> str:
    """The first letter or digit of a name, folded to lower case ("" when it has none): where it is listed."""
    return next((char.casefold() for char in name if char.isalnum()), "")


def date_key(date: str | None) -> tuple[int, int, int, int]:
    """Sort key by what a date can mean. An imprecise date sorts after every more precise date inside its
    span ('2026' after '5 January 2026' and 'December 2026'; 'January 2026' after '31 January 2026'): it
    may mean any day up to the span's end, and oldest-first lists must not put it first. 'not stated' last."""
    if not date or date == NOT_STATED:
        return (9999, 99, 99, 9)
    parts = [int(part) for part in date.split("-")]
    precision = len(parts)
    year, month, day = (parts + [13, 32][precision - 1 :])[:3]
    return (year, month, day, precision)


def date_start_key(date: str | None) -> tuple[int, int, int]:
    """Where a date's span begins: '2026' begins before '5 January 2026' (the start of an evidence period)."""
    if not date or date == NOT_STATED:
        return (9999, 99, 99)
    parts = [int(part) for part in date.split("-")]
    year, month, day = (parts + [0, 0])[:3]
    return (year, month, day)


def check_calendar(value: str) -> str:
    if value == NOT_STATED:
        return value
    parts = [int(part) for part in value.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        date = dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"'{value}' is not a calendar date ({error})") from None
    limit = dt.date.today() + dt.timedelta(days=FUTURE_DATE_LIMIT_DAYS)
    if date > limit:
        raise ValueError(f"'{value}' is more than a year in the future; check the year")
    return value


DATE_PATTERN = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"

def _date_json_schema(pattern: str) -> WithJsonSchema:
    """What editors' YAML extensions check a date against: as `check` reads it, a text of that pattern or a
    bare year, which YAML reads as a number (pydantic leaves the pattern out, the validators around it
    being Python)."""
    return WithJsonSchema({"anyOf": [{"type": "string", "pattern": pattern}, {"type": "integer", "minimum": 1000, "maximum": 9999}]})


Date = Annotated[
    str,
    BeforeValidator(_year_as_text),
    Field(pattern=f"^{DATE_PATTERN}$", description="YYYY, YYYY-MM or YYYY-MM-DD: the precision the source gives"),
    AfterValidator(check_calendar),
    _date_json_schema(f"^{DATE_PATTERN}$"),
]
DateOrNotStated = Annotated[
    str,
    BeforeValidator(_year_as_text),
    Field(pattern=f"^(not stated|{DATE_PATTERN})$", description="YYYY, YYYY-MM, YYYY-MM-DD or 'not stated'"),
    AfterValidator(check_calendar),
    _date_json_schema(f"^(not stated|{DATE_PATTERN})$"),
]

Id = Annotated[str, Field(pattern=ID_PATTERN)]

# Characters no field may hold: C0 and C1 control characters other than tab and line breaks (invisible in
# an editor, and a YAML escape such as "\a" or "\0" puts them in a value; HTML forbids them), and the
# Unicode non-characters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane, which XML forbids (one in a
# quote made feed.xml not well-formed) and HTML reports as parse errors. Surrogates for completeness:
# YAML cannot produce them, Python strings can.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# One class of a few ranges, which re searches as fast as the control characters alone: the forbidden
# characters of the first plane, and every character beyond it as a suspect, checked one by one (rare
# in text; a class listing the 32 non-characters beyond the first plane made the search nine times slower).
_SUSPECT_CHARACTER = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff\\U00010000-\\U0010ffff]")


def forbidden_character(value: str) -> str | None:
    """The first character of `value` no field may hold, or None."""
    for found in _SUSPECT_CHARACTER.finditer(value):
        character = found.group()
        if character < "\U00010000" or ord(character) & 0xFFFE == 0xFFFE:
            return character
    return None


def _no_forbidden_characters(value: str) -> str:
    character = forbidden_character(value)
    if character is not None:
        if _CONTROL_CHARACTER.match(character):
            raise ValueError(f"contains the invisible control character U+{ord(character):04X}; delete it")
        raise ValueError(f"contains U+{ord(character):04X}, which is not a character (a Unicode non-character); delete it")
    return value


# What shows nothing on its own: whitespace (\s covers Unicode's spaces and line separators) and the
# zero-width and formatting characters that render as nothing — soft hyphen, combining grapheme joiner,
# bidirectional marks and embeddings, zero-width space/joiners, word joiner and invisible operators,
# variation selectors, byte order mark, tag characters — plus the blank-looking "letters" (Hangul fillers,
# Khmer inherent vowels, the Braille blank). A name made only of these is an invisible link on a page.
_VISIBLE_CHARACTER = re.compile(
    "[^\\s\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u202a-\\u202e"
    "\\u2060-\\u2064\\u2066-\\u206f\\u2800\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\U000e0000-\\U000e007f\\U000e0100-\\U000e01ef]"
)


def _plain_text(value: str) -> str:
    """Free text: no forbidden character, something visible, and every bidi control it opens closed (bidi.py)
    (one validator: it runs on every text of every record)."""
    _no_forbidden_characters(value)
    # Searching for the first visible character stops at the first character of almost every value.
    if _VISIBLE_CHARACTER.search(value) is None:
        raise PydanticCustomError("blank_text", "only spaces or invisible characters")
    unbalanced = unbalanced_control(value)
    if unbalanced:
        raise PydanticCustomError("unbalanced_bidi", unbalanced[0], {"hint": unbalanced[1]})
    return value


# The longest text one field may hold. The longest brief is a few thousand characters; a megabyte is a
# paste accident, and Python-Markdown's inline pass is quadratic in the escapes of one paragraph (one
# 1 MB field full of `<` and `{` took nearly five minutes to build).
MAX_TEXT_LENGTH = 100_000

Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_LENGTH), AfterValidator(_plain_text)]
Prose = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_LENGTH), AfterValidator(_plain_text), ProseMarker()]


def _inside_archive(value: str) -> str:
    # verify-quotes reads archive_dir / value: "../" would let a quote be "verified" against any file.
    if ".." in value.split("/"):
        raise ValueError("'..' is not allowed: name a file inside the archive folder")
    if any(character in value for character in "\t\n\r"):
        raise ValueError("a file name has no tabs or line breaks")
    return value


# The scheme is case-insensitive (RFC 3986, 3.1): HTTPS://EXAMPLE.ORG is a web address like any other.
_HTTP_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def _http_url(value: str) -> str:
    if not _HTTP_URL.match(value):
        raise ValueError("only http:// and https:// web addresses are allowed")
    return value


Url = Annotated[str, AfterValidator(_no_forbidden_characters), AfterValidator(_http_url),
                Field(json_schema_extra={"format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})]
ArchiveName = Annotated[str, Field(pattern=r"^[^/\\][^\\]*$"), AfterValidator(_no_forbidden_characters),
                        AfterValidator(_inside_archive)]

# The largest whole number a float stores exactly; beyond it, a number written in full is silently rounded.
_EXACT_INTEGER_LIMIT = 2**53


def _number_as_written(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _EXACT_INTEGER_LIMIT:
        try:
            stored = float(value)
        except OverflowError:
            raise PydanticCustomError("number_too_large", "a {digits}-digit number is too large to store",
                                      {"digits": len(str(abs(value)))}) from None
        if int(stored) != value:
            raise PydanticCustomError("number_inexact", "has more digits than a number keeps: it would be stored as {stored}",
                                      {"stored": str(int(stored))})
    return value


# A number as JSON can carry it: YAML's .inf and .nan, and numbers beyond about 1.8e308 (which become
# infinite), would put Infinity or NaN into export/dossier.json, which JSON parsers refuse.
Number = Annotated[float, BeforeValidator(_number_as_written), Field(allow_inf_nan=False)]


def _reference_field(kind: str, *, or_not_stated: bool = False) -> Any:
    """The JSON Schema side of a field holding the id of a record of `kind` (or, if allowed, 'not stated')."""
    pattern = f"^(not stated|{ID_PATTERN[1:-1]})$" if or_not_stated else ID_PATTERN
    return Field(pattern=pattern, json_schema_extra={"x-reference": kind})


# Written out, not made by a function: a type checker reads only literal aliases as types.
ActorRef = Annotated[str, _reference_field("actors"), Reference("actors")]
ActorRefOrNotStated = Annotated[str, _reference_field("actors", or_not_stated=True), Reference("actors")]
SourceRef = Annotated[str, _reference_field("sources"), Reference("sources")]
EventRef = Annotated[str, _reference_field("events"), Reference("events")]
StatementRef = Annotated[str, _reference_field("statements"), Reference("statements")]
ClaimRef = Annotated[str, _reference_field("claims"), Reference("claims")]
TopicRef = Annotated[str, _reference_field("topics"), Reference("topics")]
FigureRef = Annotated[str, _reference_field("figures"), Reference("figures")]


# A language as ISO 639 writes it (en, fr, ar, zh; ckb): the `lang` of the words it is given to.
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


class Strict(BaseModel):
    # Unknown fields are errors: a typo like `speakr:` must not pass silently.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Words(Protocol):
    """How the parts of a title or summary read on a page. A kind says which parts its title and its hover
    line are made of (`Record.title_for`, `Record.summary_for`); the renderer says how each part looks
    (renderer.Words), so this module knows the kinds and nothing about how pages print numbers or dates."""

    def name(self, actor_id: str) -> str: ...
    def date(self, date: str | None) -> str: ...
    def date_stated(self, date: str | None) -> str: ...  # a year alone says so: '2026, month not stated'
    def statement_date(self, statement_id: str | None) -> str | None: ...
    def excerpt(self, text: str) -> str: ...
    def quantity(self, value: float, unit: str, qualifier: str) -> str: ...
    def source_title(self, source: Source) -> str: ...
    def source_summary(self, source: Source) -> str: ...


class FactWords(Protocol):
    """How the home page's key facts print counts and dates (index.HomeWords), as `Words` does for titles."""

    def count(self, number: int, noun: str) -> str: ...
    def date(self, date: str | None) -> str: ...


SortKey = tuple[Any, ...]


class Record(Strict):
    """A record: one YAML file. Its id is the file name, never a field.

    Each kind says here, once, what the engine needs to know of it besides its fields: its names, where
    its records are shown, how they sort, and what their titles and hover lines are made of. A new kind is
    a subclass here, its two templates (<singular>.md.j2, <folder>_index.md.j2) and a section of the guide;
    the nav tab (front.py), the home page's key facts (home.md.j2), the editor settings (`make schema`)
    and the record pages' place outside the nav (generated_files.py) follow from the class, and
    tests/engine/test_kinds.py checks that they do.
    """

    folder: ClassVar[str]  # the kind as written in data/<folder>/ and in [[folder/id]] links
    singular: ClassVar[str]
    reader_noun: ClassVar[str] = ""  # what a reader calls one, where it differs from `singular` (a topic is a brief)
    nav_label: ClassVar[str]  # the navigation tab leading to the kind's index page
    # Where that tab comes among the kinds' tabs (lowest first), which follow the nav's first entry (the
    # home page) unless mkdocs.yml's `nav:` names the index page itself (front.nav_with_kinds). The
    # home page's key facts follow the same order.
    nav_position: ClassVar[int]
    home_noun: ClassVar[str] = ""  # what the home page's count of the kind counts, where it differs from `singular`
    index_macro: ClassVar[str]  # the page macro listing the kind (editors see the names in the guide)
    record_macro: ClassVar[str | None] = None  # the page macro of one record; None when `listed_on_index`
    # Listed as anchors on the kind's index page rather than given a page each (and then that index page
    # is where search must find them).
    listed_on_index: ClassVar[bool] = False
    # Search ranks the kind's pages this much above others that match as well (front matter `search.boost`).
    search_boost: ClassVar[float | None] = None
    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    # Read from pydantic's private store directly: `self._id` goes through BaseModel.__getattr__, and ids are
    # read a quarter of a million times in one rebuild at 3,000 statements (0.5 s of it under the profiler).
    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]  # type: ignore[index,no-any-return]  # pydantic types the store dict[str, Any] | None

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index,no-any-return]  # as in `id`

    @property
    def link_path(self) -> str:
        """The page of this record, as a docs-relative Markdown path MkDocs resolves and checks."""
        return f"/{self.folder}/{self.id}.md"

    @property
    def page_path(self) -> str:
        """Where a reader finds this record: its own page, or its anchor on its kind's index page (on one part
        of it where that index is split: macros/site/words.page_of, which links use)."""
        if self.listed_on_index:
            return f"/{self.folder}/index.md#{self.folder}-{self.id}"
        return self.link_path

    @classmethod
    def noun(cls) -> str:
        return cls.reader_noun or cls.singular

    def sort_key(self) -> SortKey:
        """Where the record comes in its kind's list: by default, chronologically, undated last."""
        return (date_key(self.__dict__.get("date")), self.id)

    def index_part(self) -> str:
        """Which page lists the record when its kind's index is too long for one (macros/site/index_parts.py): by
        default the month of the date it sorts by ("2025-03"; "2025" for a year alone; "" undated)."""
        return month_of(self.__dict__.get("date"))

    def title_for(self, words: Words) -> str:
        """The human title: what links to the record say."""
        return self.id

    def summary_for(self, words: Words) -> str:
        """One line about the record, for hover previews and reference lists."""
        return self.id

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        """What the home page's key facts say of the kind after the count of `records` (in the kind's
        order), which links its index page: "" when nothing more (such kinds share the last line, "3
        actors and 2 figures"), None to leave the kind out."""
        return ""


class Actor(Record):
    """A person, state, organisation, media outlet or body that acts or speaks in the dossier."""

    folder = "actors"
    singular = "actor"
    nav_label = "Actors"
    nav_position = 4
    index_macro = "actor_index"
    record_macro = "actor_profile"
    # Readers search for people by name or alias; an actor's page is short next to the claims and sources
    # that mention them, so without a boost a name finds every mention before the person.
    search_boost = 1.3
    name: Text = Field(description="the name readers know, as the sources spell it")
    kind: Literal["person", "state", "organisation", "media", "body"] = Field(
        description="person | state | organisation | media | body"
    )
    role: Text | None = Field(None, description="title or role as the sources give it")
    role_source: SourceRef | None = Field(None, description="the source that gives the role, named beside it on the actor's page")
    affiliations: list[ActorRef] = Field(default_factory=list, description="actors this one belongs to or serves")
    aliases: list[Text] = Field(default_factory=list, description="other names readers may search for")
    search_variants: list[Text] = Field(
        default_factory=list,
        description="spellings readers may type that no source prints (another transliteration of a name); found by search, never shown",
    )
    summary: Prose | None = Field(None, description="who they are and why they matter here, in our words; may link [[kind/id]]")
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9]\d*$")] | None = Field(None, description="Wikidata id (Q…), only if surely the same")
    language: LanguageCode | None = Field(
        None, description="ISO 639 code of the name as written when not English (ar for a name in Arabic script): screen readers say it right"
    )

    def sort_key(self) -> SortKey:
        return (self.name.casefold(),)

    def index_part(self) -> str:
        return initial_of(self.name)

    def title_for(self, words: Words) -> str:
        return self.name

    def summary_for(self, words: Words) -> str:
        return " · ".join(part for part in (self.kind.capitalize(), self.role) if part)


class Source(Record):
    """An article, post, transcript or document that the dossier's facts come from."""

    folder = "sources"
    singular = "source"
    nav_label = "Sources"
    nav_position = 7
    index_macro = "source_register"
    record_macro = "source_page"
    # Each `kind` as a reader names it, in citations and in the home page's count of sources.
    kind_names: ClassVar[dict[str, str]] = {"news report": "news report", "opinion": "opinion piece", "interview": "interview",
                                            "official": "official document", "social post": "social media post"}
    title: Text = Field(description="the title as printed, or 'not stated'")
    supplied_title: Text | None = Field(
        None, description="when the source prints no title: a descriptive one in our words, shown in [square brackets]"
    )
    kind: Literal["news report", "opinion", "interview", "official", "social post"] = Field(description="judged from the content")
    outlet: ActorRefOrNotStated = Field(description="actor id of the outlet, or 'not stated'")
    author: ActorRefOrNotStated = Field(description="actor id of the author, or 'not stated'")
    published: DateOrNotStated = Field(description="publication date as printed, or 'not stated'")
    date_note: Prose | None = Field(
        None, description="when no date is printed: the date or range the text supports, and how it was derived"
    )
    url: Url | None = Field(None, description="http(s) address where the source text says it; leave out otherwise")
    language: LanguageCode | None = Field(None, description="ISO 639 code of the text (en, fr, ar): its title and the words quoted from it carry it")
    archive: ArchiveName | None = Field(
        None, description="file name of the local text copy, inside the archive folder, used to verify quotes"
    )
    summary: Prose | None = Field(None, description="what the source covers, in our words; never pasted article text")

    def sort_key(self) -> SortKey:
        return (date_key(self.published), self.id)

    def index_part(self) -> str:
        return month_of(self.published)

    def title_for(self, words: Words) -> str:
        return words.source_title(self)

    def summary_for(self, words: Words) -> str:
        return words.source_summary(self)

    @property
    def kind_name(self) -> str:
        """The source's kind as a reader names it in a citation."""
        return self.kind_names.get(self.kind, self.kind)

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        names = [source.kind_name for source in records]
        if not names:
            return ""  # nothing to break down: counted with the kinds that say nothing more
        return f": {', '.join(words.count(names.count(name), name) for name in dict.fromkeys(names))}"  # in order of first use


class Event(Record):
    """A dated happening: a meeting, interview, report, announcement."""

    folder = "events"
    singular = "event"
    nav_label = "Timeline"
    nav_position = 5
    home_noun = "dated event"
    index_macro = "timeline"
    record_macro = "event_page"
    title: Text = Field(description="what happened, in a few words")
    date: Date = Field(description="YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the sources are")
    date_note: Prose | None = Field(None, description="how the date was derived when the source gives it loosely")
    place: Text | None = Field(None, description="where, if the sources say")
    actors: list[ActorRef] = Field(default_factory=list, description="actors taking part")
    summary: Prose | None = Field(None, description="what happened, in our words; may link [[kind/id]]")
    sources: list[SourceRef] = Field(min_length=1, description="sources reporting the event (at least one)")
    topics: list[TopicRef] = Field(default_factory=list, description="topics the event belongs to")

    def title_for(self, words: Words) -> str:
        return self.title

    def summary_for(self, words: Words) -> str:
        return f"Event, {words.date(self.date)}"

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        if not records:
            return None  # no span to give
        dated = sorted(records, key=lambda event: (date_key(event.date), event.id))
        return f", from {words.date(dated[0].date)} to {words.date(dated[-1].date)}"


class ReportedIn(Strict):
    """One source that printed the statement, with its own wording when it differs from `text`."""

    source: SourceRef = Field(description="the source that printed the statement")
    wording: Text | None = Field(None, description="verbatim, as this source printed it, when it differs")
    note: Prose | None = Field(None, description="our remark on this printing, e.g. where it cuts the quote")


class ClaimStance(Strict):
    claim: ClaimRef = Field(description="the claim the statement bears on")
    stance: Literal["supports", "refutes", "qualifies"] = Field(description="supports, refutes or qualifies the claim")


class Statement(Record):
    """One utterance by one speaker: a verbatim quote, or reported speech marked as paraphrase."""

    folder = "statements"
    singular = "statement"
    nav_label = "Statements"
    nav_position = 3
    index_macro = "statement_index"
    record_macro = "statement_page"
    speaker: ActorRef = Field(description="who said it")
    date: DateOrNotStated = Field(description="when it was said (YYYY, YYYY-MM, YYYY-MM-DD) or 'not stated'")
    date_note: Prose | None = Field(None, description="how the date was derived when a source gives only a weekday or 'last year'")
    event: EventRef | None = Field(None, description="the occasion, when it is an event record")
    channel: Text | None = Field(None, description="how it was said: TV interview, post on X, speech…")
    form: Literal["quote", "paraphrase"] = Field(description="quote: the words were printed in quotation marks; paraphrase: reported speech")
    text: Text = Field(description="canonical wording: verbatim for a quote, as printed by the first source")
    subject: Text | None = Field(
        None, description="what it is on, in a few words of ours, ending its page's heading: e.g. 'on the bridge's opening date'"
    )
    reported_in: list[ReportedIn] = Field(min_length=1, description="every source that printed it, each with its own wording when different")
    on_claims: list[ClaimStance] = Field(default_factory=list, description="claims this statement supports, refutes or qualifies")
    about: list[ActorRef] = Field(default_factory=list, description="actors the statement speaks about")
    context: Prose | None = Field(None, description="the circumstances, in our words; may link [[kind/id]]")
    topics: list[TopicRef] = Field(default_factory=list, description="topics the statement belongs to")
    language: LanguageCode | None = Field(
        None, description="ISO 639 code of the words if not that of the first source printing a quote (which it takes); a paraphrase: if not English"
    )

    def title_for(self, words: Words) -> str:
        short = words.excerpt(self.text)
        return f"“{short}”" if self.form == "quote" else f"(paraphrase) {short}"

    def summary_for(self, words: Words) -> str:
        form = "Quote" if self.form == "quote" else "Paraphrase"
        # "Quote by X, not stated" would leave the reader guessing what is not stated.
        when = "date not stated" if self.date == NOT_STATED else words.date(self.date)
        return f"{form} by {words.name(self.speaker)}, {when}"

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        speakers = {statement.speaker for statement in records}
        return f" by {words.count(len(speakers), 'speaker')}, each with the sources that printed it"


ClaimStatus = Literal["unverified", "disputed", "denied", "refuted", "confirmed", "partly true"]


@dataclass(frozen=True)
class StatusMeaning:
    """What a claim status tells a reader, said once: badges, claim pages, the methodology page and the
    editor's guide all print these words, so they cannot drift apart."""

    plain: str  # one line for a badge's tooltip and the claim page, after "<status>: "
    use_when: str  # the editors' rule: when a claim gets this status


STATUS_MEANINGS: dict[str, StatusMeaning] = {
    "unverified": StatusMeaning(
        "the claim has been made; no source in the dossier confirms or contradicts it yet",
        "The claim has been made, and no source we hold confirms or contradicts it. Every new claim starts here.",
    ),
    "disputed": StatusMeaning(
        "credible sources contradict each other and none of them settles it",
        "Credible sources contradict each other and none of them settles the question.",
    ),
    "denied": StatusMeaning(
        "the party concerned says it is untrue; the dossier has not shown it false",
        "The party the claim is about (the accused, or the one said to have agreed or acted) says it is false. "
        "A denial is a statement, not evidence: the claim is not thereby refuted.",
    ),
    "refuted": StatusMeaning(
        "independent evidence shows it is false",
        "Independent evidence shows it is false: documents, records, or reporting by sources that are not a party to it.",
    ),
    "confirmed": StatusMeaning(
        "independent evidence shows it is true",
        "Independent evidence shows it is true. The claimant repeating it is not confirmation.",
    ),
    "partly true": StatusMeaning(
        "some parts hold and others do not; the note on the claim says which",
        "Some parts hold and others do not; the editors' note on the claim says which part is which.",
    ),
}
if set(STATUS_MEANINGS) != set(typing.get_args(ClaimStatus)):
    raise RuntimeError("STATUS_MEANINGS must explain every ClaimStatus, and only those")


class StatusChange(Strict):
    date: Date = Field(description="when the status changed")
    status: ClaimStatus = Field(description="the status from that date")
    by: SourceRef | None = Field(None, description="the source that moved the status")
    note: Prose | None = None


class Claim(Record):
    """A proposition someone asserted, and the dossier's judgement of it from the sources."""

    folder = "claims"
    singular = "claim"
    nav_label = "Claims"
    nav_position = 2
    index_macro = "claim_index"
    record_macro = "claim_page"
    # Claims are the dossier's findings: where a claim and a statement match a search equally (the same
    # words in both headings), the claim comes first and leads to the statements.
    search_boost = 1.3
    text: Text = Field(description="the proposition, one sentence in our words")
    claimant: ActorRef = Field(description="who makes the claim")
    claimant_named_by: Literal["sources", "editors"] = Field(
        "sources", description="sources: a source says who made the claim; editors: no source does, and the editors attribute it"
    )
    first_made: Date = Field(description="when the claim was first made, as precise as the sources are")
    origin: StatementRef | None = Field(None, description="the statement in which the claim was first made, if recorded")
    about: list[ActorRef] = Field(default_factory=list, description="actors the claim is about")
    status: ClaimStatus = Field(description="the dossier's judgement from the sources, never stronger than the evidence")
    status_note: Prose = Field(description="one paragraph explaining the status, linking the records it rests on")
    history: list[StatusChange] = Field(default_factory=list, description="earlier statuses, oldest first")
    sources: list[SourceRef] = Field(min_length=1, description="sources that report the claim (at least one)")
    topics: list[TopicRef] = Field(default_factory=list, description="topics the claim belongs to")

    def sort_key(self) -> SortKey:
        return (date_key(self.first_made), self.id)

    def index_part(self) -> str:
        return month_of(self.first_made)

    def title_for(self, words: Words) -> str:
        return self.text

    def summary_for(self, words: Words) -> str:
        when = f"{self.first_made_label(words.statement_date(self.origin)).lower()} {words.date_stated(self.first_made)}"
        qualifier = f" {self.claimant_qualifier}" if self.claimant_qualifier else ""
        return f"Status: {self.status}. Claimed by {words.name(self.claimant)}{qualifier}, {when}"

    @property
    def verdict_title(self) -> str:
        """The claim as its page's heading and wherever it is shared: its status first ('Denied: X had
        agreed …'), as fact-checkers' titles carry their verdict, so it never travels as plain fact."""
        return f"{self.status[:1].upper()}{self.status[1:]}: {self.text.strip()}"

    @property
    def claimant_qualifier(self) -> str:
        """What every line naming the claimant adds, after a space, when the editors, not a source, attribute
        the claim. No leading space of its own: templates print a value trimmed, so the space is theirs."""
        return "(attributed by the editors)" if self.claimant_named_by == "editors" else ""

    def first_made_label(self, origin_date: str | None) -> str:
        """'First made' when the origin statement is dated as the claim is (the claim was made then);
        otherwise `first_made` is when the sources first reported it: 'First reported'."""
        return "First made" if self.origin and origin_date == self.first_made else "First reported"

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        statuses = sorted(claim.status for claim in records)
        return f" weighed against the sources, {', '.join(f'{statuses.count(status)} {status}' for status in dict.fromkeys(statuses))}"


# How a source words a number: "more than 1,000", "nearly 20".
Qualifier = Literal["exact", "about", "more than", "less than", "nearly", "up to", "at least"]


class Equivalent(Strict):
    value: Number = Field(description="the converted amount, as the source states it")
    unit: Text = Field(description="its unit, e.g. USD")
    qualifier: Qualifier = Field("exact", description="as worded")


class Figure(Record):
    """One number with its unit, precision and source."""

    folder = "figures"
    singular = "figure"
    nav_label = "Figures"
    nav_position = 6
    index_macro = "figures_table"
    listed_on_index = True  # a number and its source fit one row of a table: a page each would be empty
    label: Text = Field(description="what is counted or measured, in a few words")
    value: Number = Field(description="the number, without thousands separators")
    unit: Text = Field(description="unit of the value, e.g. USD, EUR, people, tonnes")
    qualifier: Qualifier = Field("exact", description="as worded")
    as_of: DateOrNotStated | None = Field(None, description="the date the figure refers to, or 'not stated'")
    period: Text | None = Field(None, description="the span it covers, e.g. 'per year' or '2020-2024'")
    equivalents: list[Equivalent] = Field(default_factory=list, description="conversions as the source states them")
    actors: list[ActorRef] = Field(default_factory=list, description="actors the figure concerns")
    statement: StatementRef | None = Field(None, description="the statement that gives the figure, if any")
    sources: list[SourceRef] = Field(min_length=1, description="sources giving the figure (at least one)")
    note: Prose | None = Field(None, description="our remark, e.g. how a conversion was stated; may link [[kind/id]]")
    topics: list[TopicRef] = Field(default_factory=list, description="topics the figure belongs to")

    def sort_key(self) -> SortKey:
        # By the date a figure refers to (undated last), then by what it counts: a list reads as a chronology.
        return (date_key(self.as_of), self.label.casefold())

    def index_part(self) -> str:
        # The list is in the order of the dates figures refer to (sort_key): its parts are their months.
        return month_of(self.as_of)

    def title_for(self, words: Words) -> str:
        return self.label

    def summary_for(self, words: Words) -> str:
        return words.quantity(self.value, self.unit, self.qualifier)


class Topic(Record):
    """A topic and its brief: bottom line first, key questions, then sentences that cite records."""

    folder = "topics"
    singular = "topic"
    reader_noun = "brief"
    nav_label = "Briefs"
    nav_position = 1
    index_macro = "brief_index"
    record_macro = "topic_brief"
    title: Text = Field(description="the topic's name")
    question: Text = Field(description="the question the brief answers")
    bottom_line: Prose = Field(description="the answer up front, in our words; every sentence links its records")
    key_questions: list[Prose] = Field(default_factory=list, description="what a reader should ask next")
    brief: Prose = Field(description="the summary, in our words; every sentence links the records that support it")
    key_claims: list[ClaimRef] = Field(default_factory=list, description="the claims the brief turns on")
    related: list[TopicRef] = Field(default_factory=list, description="other topics")

    def sort_key(self) -> SortKey:
        return (self.title.casefold(),)

    def index_part(self) -> str:
        return initial_of(self.title)

    def title_for(self, words: Words) -> str:
        return self.title

    def summary_for(self, words: Words) -> str:
        return self.question

    @classmethod
    def home_fact(cls, records: Sequence[Self], words: FactWords) -> str | None:
        return None  # the home page gives each brief a card of its own


MODELS: dict[str, type[Record]] = {model.folder: model for model in (Actor, Source, Event, Statement, Claim, Figure, Topic)}
KINDS: tuple[str, ...] = tuple(MODELS)
# The kinds whose records each have a page of their own.
KINDS_WITH_PAGES: tuple[str, ...] = tuple(kind for kind, model in MODELS.items() if not model.listed_on_index)


@dataclass(frozen=True)
class FieldSpec:
    """How to find the references and prose inside one field of a model."""

    name: str
    reference_kind: str | None  # set for reference fields
    is_prose: bool
    is_list: bool
    nested: type[Strict] | None  # set when the field holds sub-records (e.g. reported_in)


def _markers(annotation: Any) -> tuple[str | None, bool, bool, type[Strict] | None]:
    """Find the Reference / Prose marker, list-ness and nested model inside a type annotation."""
    reference_kind, is_prose, is_list, nested = None, False, False, None
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, Reference):
                reference_kind = meta.kind
            if isinstance(meta, ProseMarker):
                is_prose = True
        inner = _markers(typing.get_args(annotation)[0])
        return reference_kind or inner[0], is_prose or inner[1], inner[2], inner[3]
    if origin is list:
        inner = _markers(typing.get_args(annotation)[0])
        return inner[0], inner[1], True, inner[3]
    if origin in (Union, __import__("types").UnionType):
        for arg in typing.get_args(annotation):
            found = _markers(arg)
            reference_kind = reference_kind or found[0]
            is_prose = is_prose or found[1]
            nested = nested or found[3]
        return reference_kind, is_prose, is_list, nested
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return None, False, False, annotation
    return None, False, False, None


def field_specs(model: type[Strict]) -> list[FieldSpec]:
    """The fields of `model` that hold references, prose or sub-records (computed once per model)."""
    cached = _FIELD_SPECS.get(model)
    if cached is not None:
        return cached
    specs = []
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        reference_kind, is_prose, is_list, nested = _markers(annotation)
        if reference_kind or is_prose or nested:
            specs.append(FieldSpec(name, reference_kind, is_prose, is_list, nested))
    _FIELD_SPECS[model] = specs
    return specs


_FIELD_SPECS: dict[type[Strict], list[FieldSpec]] = {}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind, for editors and for the published site."""
    model = MODELS[kind]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = f"Dossier {model.singular}"
    return schema


# --- the dossier itself ----------------------------------------------------------------------------
DOSSIER_FILE = "dossier.yml"  # data/dossier.yml: about the dossier as a whole, not a record


class Correction(Strict):
    """One entry of the corrections log: a correction is data, dated and tied to the records it changed."""

    date: Date = Field(description="when the correction was published")
    records: list[Annotated[str, Field(pattern=r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$")]] = Field(
        min_length=1, description="the records corrected, as kind/id (e.g. claims/x)"
    )
    note: Prose = Field(description="what was wrong and what changed, in our words")


class DossierMeta(Strict):
    """What the dossier is and who stands behind it: data/dossier.yml. Every field is optional, so a
    dossier without the file still builds; the site then says only what is true of any dossier."""

    title: Text | None = Field(None, description="the dossier's name: the site's name and the home page's heading")
    scope: Text | None = Field(None, description="one line: what the dossier covers, and over what period")
    publisher: Text | None = Field(None, description="who publishes it (a person or organisation)")
    licence: Text | None = Field(None, description="the licence of the text and data, e.g. CC BY 4.0")
    licence_url: Url | None = Field(None, description="where the licence's terms can be read")
    contact: Text | None = Field(None, description="how to reach the editors (an address or web page)")
    corrections_contact: Text | None = Field(None, description="where to report an error, if not the contact")
    last_reviewed: Date | None = Field(None, description="the date the editors last reviewed the whole dossier")
    corrections: list[Correction] = Field(default_factory=list, description="the corrections log, oldest first")
    # The home page's choices, the editors' and not the engine's: without them the home page lists every brief
    # in its own order, the key claims of every brief, and what the dossier holds.
    featured_topics: list[TopicRef] = Field(
        default_factory=list, description="topic ids in the order the home page shows their briefs; the first is the main brief")
    key_claims: list[ClaimRef] = Field(default_factory=list, description="claim ids the home page lists, each with its status")
    key_facts: list[FigureRef] = Field(default_factory=list, description="figure ids the home page gives as its key facts")
