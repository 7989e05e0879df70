"""Hostile input, systematically: every class of bad file an editor (or a paste) can produce.

Part 1 — bad files: each case writes files into a copy of the mini dossier and asserts the exact errors
(file, line, field, message, hint). Then all of them at once: every bad file is listed, and nothing
good is lost or changed. tests/engine/test_validate.py holds the first example of several classes; the cases
here are the systematic table.

Part 2 — hostile text that is valid data: one record of every kind with Jinja, HTML, script, a
javascript: link and right-to-left / combining / Azerbaijani text in every free-text field, built into a
real site. Each field must print literally, and no page may carry anything a browser would run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from macros.records.check import check
from macros.records.schema import KINDS, MAX_TEXT_LENGTH
from tests.conftest import build, matched
from tests.hostile_records import UNICODE_SAMPLE, TextField, hostile_id, hostile_records, payload, text_fields
from tests.real_clients import html_pages
from tests.search_indexes import web_search_pages

# --- part 1: bad files -------------------------------------------------------------------------

STATEMENT = "speaker: ana-lopez\ndate: not stated\nform: quote\ntext: Hi.\nreported_in:\n  - source: blog-post\n"
SOURCE = "title: T\nkind: opinion\noutlet: not stated\nauthor: not stated\npublished: not stated\n"
ID_RULE = "ids are lowercase ASCII letters and digits joined by '-'"


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes]  # path inside data/ → content (bytes when the encoding is the point)
    errors: list[str] = field(default_factory=list)  # exactly what the editor is told, sorted; [] = accepted


CASES = [
    # Malformed YAML
    Case("tab-indentation", {"actors/tabbed.yml": "name: Tab\nkind: person\nrole:\n\tMayor\n"},
         ["data/actors/tabbed.yml:4: YAML syntax: a tab character where YAML expects spaces (indent with spaces, not tabs)"]),
    Case("tab-before-key", {"actors/tab-key.yml": "name: Tab\n\tkind: person\n"},
         ["data/actors/tab-key.yml:2: YAML syntax: a tab character where YAML expects spaces (indent with spaces, not tabs)"]),
    Case("unclosed-double-quote", {"actors/unclosed.yml": 'name: "Ana López\nkind: person\nrole: mayor\n'},
         ["data/actors/unclosed.yml:1: YAML syntax: the quoted text opened on line 1 is never closed "
          "(add the closing quote mark)"]),
    Case("unclosed-single-quote", {"statements/unclosed-single.yml": "speaker: ana-lopez\ndate: '2026-01-05\nform: quote\n"},
         ["data/statements/unclosed-single.yml:2: YAML syntax: the quoted text opened on line 2 is never closed "
          "(add the closing quote mark)"]),
    Case("duplicate-key", {"actors/twice.yml": "name: One\nkind: person\nrole: a\nname: Two\n"},
         ["data/actors/twice.yml:4: YAML syntax: key 'name' appears twice in one mapping (first on line 1) "
          "(keep one of the two)"]),
    Case("duplicate-key-in-a-list-item", {"statements/twice-nested.yml": STATEMENT + "    source: ledger-bridge-report\n"},
         ["data/statements/twice-nested.yml:7: YAML syntax: key 'source' appears twice in one mapping (first on line 6) "
          "(keep one of the two)"]),
    Case("yaml-python-tag", {"actors/python-tag.yml": "name: !!python/object/apply:os.system ['echo pwned']\nkind: person\n"},
         ["data/actors/python-tag.yml:1: YAML syntax: YAML tags such as !!python/object/apply:os.system are not allowed "
          "(write a plain value)"]),
    # Empty, wrong encoding, wrong shape
    Case("empty-file", {"actors/empty.yml": ""},
         ["data/actors/empty.yml: the file is empty (a record is a mapping of fields; copy another actors record to start)"]),
    Case("comment-only-file", {"actors/comment-only.yml": "# TODO: write this actor\n"},
         ["data/actors/comment-only.yml: the file is empty "
          "(a record is a mapping of fields; copy another actors record to start)"]),
    Case("latin-1-bytes", {"actors/latin1.yml": b"name: Caf\xe9 owner\nkind: person\n"},
         ["data/actors/latin1.yml:1: not UTF-8 text: byte 0xe9 is 'é' in Windows-1252 (Latin-1), the encoding the file seems "
          "to be saved in (save it as UTF-8: your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), "
          "or iconv -f WINDOWS-1252 -t UTF-8 < data/actors/latin1.yml > fixed.yml)"]),
    Case("windows-1252-curly-quotes", {"actors/cp1252.yml": "name: Ben \u201cBig\u201d Okafor\nkind: person\n".encode("cp1252")},
         ["data/actors/cp1252.yml:1: not UTF-8 text: byte 0x93 is '\u201c' in Windows-1252 (Latin-1), the encoding the file seems "
          "to be saved in (save it as UTF-8: your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), "
          "or iconv -f WINDOWS-1252 -t UTF-8 < data/actors/cp1252.yml > fixed.yml)"]),
    # A stray byte in a file that is UTF-8 elsewhere is no Windows-1252 file: the plain message.
    Case("one-stray-byte-in-utf-8", {"actors/stray-byte.yml": "name: Café\nkind: person\n".encode() + b"role: x\xe9\n"},
         ["data/actors/stray-byte.yml:3: not UTF-8 text (byte 0xe9 at offset 32) (save the file as UTF-8)"]),
    Case("utf-32", {"actors/utf32.yml": "name: X\nkind: person\n".encode("utf-32")},
         ["data/actors/utf32.yml: the file is UTF-32 text (little-endian, with a byte-order mark), not UTF-8 (save it as UTF-8: "
          "your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), or iconv -f UTF-32LE -t UTF-8 < data/actors/utf32.yml "
          "> fixed.yml)"]),
    Case("utf-32-big-endian-without-byte-order-mark", {"actors/utf32be.yml": "name: Ж\nkind: person\n".encode("utf-32-be")},
         ["data/actors/utf32be.yml: the file is UTF-32 text (big-endian, without a byte-order mark), not UTF-8 (save it as UTF-8: "
          "your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), or iconv -f UTF-32BE -t UTF-8 < data/actors/utf32be.yml "
          "> fixed.yml)"]),
    Case("byte-order-mark-inside-a-value", {"actors/bom-inside.yml": "name: Ben \ufeffOkafor\nkind: person\n"},
         ["data/actors/bom-inside.yml:1: an invisible byte-order mark (U+FEFF) in the middle of the file (delete it (it comes with "
          "text joined from another file or pasted): only a file's first character may be one)"]),
    Case("byte-order-mark-before-a-field", {"actors/bom-key.yml": "name: Ben Okafor\n\ufeffkind: person\n"},
         ["data/actors/bom-key.yml:2: an invisible byte-order mark (U+FEFF) in the middle of the file (delete it (it comes with "
          "text joined from another file or pasted): only a file's first character may be one)"]),
    Case("two-records-in-one-file", {"actors/two.yml": "name: One\nkind: person\n---\nname: Two\nkind: person\n"},
         ["data/actors/two.yml:3: YAML syntax: a second record starts here (a `---` line): a file holds one record "
          "(delete the `---` line, or move what follows into a file of its own)"]),
    Case("utf-16", {"actors/utf16.yml": "name: X\nkind: person\n".encode("utf-16")},
         ["data/actors/utf16.yml: the file is UTF-16 text (little-endian, with a byte-order mark), not UTF-8 (save it as UTF-8: "
          "your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), or iconv -f UTF-16LE -t UTF-8 < data/actors/utf16.yml "
          "> fixed.yml)"]),
    Case("utf-16-without-byte-order-mark", {"actors/utf16le.yml": "name: X\nkind: person\n".encode("utf-16-le")},
         ["data/actors/utf16le.yml: the file is UTF-16 text (little-endian, without a byte-order mark), not UTF-8 (save it as UTF-8: "
          "your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), or iconv -f UTF-16LE -t UTF-8 < data/actors/utf16le.yml "
          "> fixed.yml)"]),
    Case("utf-16-big-endian-without-byte-order-mark", {"actors/utf16be.yml": "name: Ж\nkind: person\n".encode("utf-16-be")},
         ["data/actors/utf16be.yml: the file is UTF-16 text (big-endian, without a byte-order mark), not UTF-8 (save it as UTF-8: "
          "your editor's 'Save with Encoding' or 'Save As' (Encoding: UTF-8), or iconv -f UTF-16BE -t UTF-8 < data/actors/utf16be.yml "
          "> fixed.yml)"]),
    Case("utf-8-byte-order-mark-is-fine", {"actors/with-bom.yml": "\ufeffname: Bom Person\nkind: person\n".encode("utf-8")}),
    Case("raw-control-character", {"actors/raw-bell.yml": b"name: Bell\x07\nkind: person\n"},
         ["data/actors/raw-bell.yml:1: the invisible control character U+0007 is not allowed "
          "(delete it; it often comes with text pasted from a PDF or a word processor)"]),
    Case("escaped-control-character", {"actors/bell.yml": 'name: "Bell\\a"\nkind: person\n'},
         ["data/actors/bell.yml:1: name: contains the invisible control character U+0007; delete it"]),
    Case("list-instead-of-mapping", {"actors/listed.yml": "- name: A\n  kind: person\n"},
         ["data/actors/listed.yml:1: expected a mapping of fields, found a list "
          "(write `field: value` lines at the top level, not `- item` lines)"]),
    Case("text-instead-of-mapping", {"actors/scalar.yml": "Just a sentence about someone.\n"},
         ["data/actors/scalar.yml:1: expected a mapping of fields, found text "
          "(write `field: value` lines; copy another actors record to start)"]),
    # Fields: unknown, missing, wrong type
    Case("unknown-field", {"actors/typo.yml": "name: Typo\nkind: person\nrol: mayor\n"},
         ["data/actors/typo.yml:3: rol: unknown field (did you mean 'role'?)"]),
    Case("unknown-field-in-a-list-item", {"statements/nested-typo.yml": STATEMENT.replace("  - source:", "  - sorce:")},
         ["data/statements/nested-typo.yml:6: reported_in[0].sorce: unknown field (did you mean 'source'?)",
          "data/statements/nested-typo.yml:6: reported_in[0].source: required field is missing (add `source:`)"]),
    Case("missing-required-field", {"claims/no-status.yml": "text: X.\nclaimant: ana-lopez\nfirst_made: '2026-01-05'\n"
                                                             "status_note: x\nsources: [blog-post]\n"},
         ["data/claims/no-status.yml:1: status: required field is missing "
          "(add `status:` with one of 'unverified', 'disputed', 'denied', 'refuted', 'confirmed' or 'partly true')"]),
    Case("missing-field-in-a-list-item",
         {"statements/no-stance.yml": STATEMENT + "on_claims:\n  - claim: bridge-opens-in-2027\n"},
         ["data/statements/no-stance.yml:8: on_claims[0].stance: required field is missing "
          "(add `stance:` with one of 'supports', 'refutes' or 'qualifies')"]),
    Case("number-for-text", {"actors/number-name.yml": "name: 42\nkind: person\n"},
         ["data/actors/number-name.yml:1: name: expected text, found a number 42 (quote text values; numbers without quotes)"]),
    Case("yaml-reads-no-as-false", {"actors/norway.yml": "name: No\nkind: state\n"},
         ["data/actors/norway.yml:1: name: expected text, found true/false False "
          "(YAML reads yes/no/on/off as true/false: put the text in quotes)"]),
    Case("text-for-list", {"actors/alias-text.yml": "name: A\nkind: person\naliases: Mayor\n"},
         ["data/actors/alias-text.yml:3: aliases: expected a list, found text 'Mayor'"]),
    Case("text-for-number", {"figures/text-value.yml": "label: Cost\nvalue: 120 million\nunit: USD\nsources: [blog-post]\n"},
         ["data/figures/text-value.yml:2: value: expected a number, found text '120 million' "
          "(quote text values; numbers without quotes)"]),
    Case("empty-required-value", {"actors/null-name.yml": "name:\nkind: person\n"},
         ["data/actors/null-name.yml:1: name: expected text, found nothing (write a value after the colon)"]),
    Case("value-not-in-the-list", {"actors/bad-kind.yml": "name: A\nkind: persn\n"},
         ["data/actors/bad-kind.yml:2: kind: 'persn' is not allowed "
          "(expected 'person', 'state', 'organisation', 'media' or 'body')"]),
    # Ids and file names
    Case("id-uppercase", {"actors/Ana-Lopez.yml": "name: A\nkind: person\n"},
         [f"data/actors/Ana-Lopez.yml: 'Ana-Lopez' is not a valid id ({ID_RULE}, e.g. 'ana-lopez')"]),
    Case("id-underscore", {"actors/ana_lopez.yml": "name: A\nkind: person\n"},
         [f"data/actors/ana_lopez.yml: 'ana_lopez' is not a valid id ({ID_RULE}, e.g. 'ana-lopez')"]),
    Case("id-azerbaijani-letters", {"actors/ilham-əliyev.yml": "name: İlham Əliyev\nkind: person\n"},
         [f"data/actors/ilham-əliyev.yml: 'ilham-əliyev' is not a valid id ({ID_RULE}, e.g. 'ilham-aliyev')"]),
    Case("id-trailing-dash", {"actors/ana-.yml": "name: A\nkind: person\n"},
         [f"data/actors/ana-.yml: 'ana-' is not a valid id ({ID_RULE}, e.g. 'ana')"]),
    Case("id-double-dash", {"actors/ana--lopez.yml": "name: A\nkind: person\n"},
         [f"data/actors/ana--lopez.yml: 'ana--lopez' is not a valid id ({ID_RULE}, e.g. 'ana-lopez')"]),
    # Look-alikes beyond Cyrillic (tests/engine/test_hostile_classes.py): each named, with the id it imitates.
    Case("id-greek-omicron", {"actors/jo-writer-\u03bf.yml": "name: A\nkind: person\n"},
         ["data/actors/jo-writer-\u03bf.yml: 'jo-writer-\u03bf' is not a valid id: its '\u03bf' is the greek small letter omicron "
          "(U+03BF), not the Latin 'o' (it imitates the id 'jo-writer-o': type the id again on a Latin keyboard)"]),
    Case("id-armenian-oh", {"actors/j\u0585-writer.yml": "name: A\nkind: person\n"},
         ["data/actors/j\u0585-writer.yml: 'j\u0585-writer' is not a valid id: its '\u0585' is the armenian small letter oh "
          "(U+0585), not the Latin 'o' (it imitates the id 'jo-writer': type the id again on a Latin keyboard)"]),
    Case("id-fullwidth-letter", {"actors/\uff41na.yml": "name: A\nkind: person\n"},
         ["data/actors/\uff41na.yml: '\uff41na' is not a valid id: its '\uff41' is the fullwidth latin small letter a "
          "(U+FF41), not the Latin 'a' (it imitates the id 'ana': type the id again on a Latin keyboard)"]),
    Case("id-en-dash", {"actors/ana\u2013lopez.yml": "name: A\nkind: person\n"},
         ["data/actors/ana\u2013lopez.yml: 'ana\u2013lopez' is not a valid id: its '\u2013' is the en dash (U+2013), "
          "not the hyphen '-' (it imitates the id 'ana-lopez': type the id again on a Latin keyboard)"]),
    Case("zero-width-space-in-a-reference", {"statements/zwsp-speaker.yml": STATEMENT.replace("ana-lopez", "ana-\u200blopez")},
         ["data/statements/zwsp-speaker.yml:1: speaker: 'ana-\u200blopez' is not a valid id: it holds the zero width space (U+200B), "
          "which shows as nothing or a space (it imitates the id 'ana-lopez': delete it, or type the id again)"]),
    Case("no-break-space-after-a-reference", {"statements/nbsp-speaker.yml": STATEMENT.replace("ana-lopez", "ana-lopez\u00a0")},
         ["data/statements/nbsp-speaker.yml:1: speaker: 'ana-lopez\u00a0' is not a valid id: it holds the no-break space (U+00A0), "
          "which shows as nothing or a space (it imitates the id 'ana-lopez': delete it, or type the id again)"]),
    Case("azerbaijani-letters-in-a-reference", {"statements/az-speaker.yml": STATEMENT.replace("ana-lopez", "ilham-əliyev")},
         [f"data/statements/az-speaker.yml:1: speaker: 'ilham-əliyev' is not a valid id ({ID_RULE}, e.g. 'ilham-aliyev')"]),
    Case("yaml-extension", {"actors/new-person.yaml": "name: New\nkind: person\n"},
         ["data/actors/new-person.yaml: record files end in .yml, not .yaml (rename it to new-person.yml)"]),
    Case("uppercase-extension", {"actors/shout.YML": "name: New\nkind: person\n"},
         ["data/actors/shout.YML: not a record file (records are <id>.yml; move other files out of data/)"]),
    Case("stray-file-in-a-kind-folder", {"actors/notes.txt": "remember the mayor\n"},
         ["data/actors/notes.txt: not a record file (records are <id>.yml; move other files out of data/)"]),
    Case("record-in-data-root", {"stray.yml": "name: A\n"},
         ["data/stray.yml: records live in data/<kind>/<id>.yml, not in data/ itself "
          f"(move it into one of: {', '.join(KINDS)})"]),
    Case("folder-in-a-kind-folder", {"actors/more/x.yml": "name: A\nkind: person\n"},
         ["data/actors/more: unexpected folder inside a kind folder (records are files: <id>.yml)"]),
    # References, structured and in [[…]] prose links
    Case("dangling-reference", {"statements/dangling.yml": STATEMENT.replace("ana-lopez", "nobody-at-all")},
         ["data/statements/dangling.yml:1: speaker: no actor 'nobody-at-all' "
          "(create data/actors/nobody-at-all.yml or fix the id)"]),
    Case("dangling-reference-in-a-list-item", {"claims/dangling-history.yml": (
        "text: X.\nclaimant: ana-lopez\nfirst_made: '2026-01-05'\nstatus: disputed\nstatus_note: x\n"
        "history:\n  - date: '2026-01-06'\n    status: disputed\n    by: blog-pots\nsources: [blog-post]\n")},
         ["data/claims/dangling-history.yml:9: history[0].by: no source 'blog-pots' (did you mean 'blog-post'?)"]),
    Case("wrong-kind-reference", {"statements/wrong-kind.yml": STATEMENT.replace("speaker: ana-lopez", "speaker: blog-post")},
         ["data/statements/wrong-kind.yml:1: speaker: 'blog-post' is a source, not an actor "
          "(this field needs the id of a record in data/actors/)"]),
    Case("reference-to-a-broken-file-is-reported-once", {
        "actors/broken-speaker.yml": "name: Broken\n",
        "statements/by-broken.yml": STATEMENT.replace("ana-lopez", "broken-speaker")},
         ["data/actors/broken-speaker.yml:1: kind: required field is missing "
          "(add `kind:` with one of 'person', 'state', 'organisation', 'media' or 'body')"]),
    Case("dangling-prose-link",
         {"actors/prose-dangling.yml": "name: A\nkind: person\nsummary: See [[claims/bridge-opens-in-2028]].\n"},
         ["data/actors/prose-dangling.yml:3: summary: no claim 'bridge-opens-in-2028' (did you mean 'bridge-opens-in-2027'?)"]),
    Case("wrong-kind-prose-link", {"events/prose-wrong-kind.yml": "title: T\ndate: '2026-01-05'\nsources: [blog-post]\n"
                                                                  "summary: As [[actors/blog-post|the blog]] says.\n"},
         ["data/events/prose-wrong-kind.yml:4: summary: 'blog-post' is a source, not an actor "
          "(this field needs the id of a record in data/actors/)"]),
    Case("prose-link-to-an-unknown-kind",
         {"actors/prose-kind.yml": "name: A\nkind: person\nsummary: See [[claim/bridge-opens-in-2027]].\n"},
         ["data/actors/prose-kind.yml:3: summary: link [[claim/bridge-opens-in-2027]] names no record kind 'claim' "
          "(did you mean 'claims'?)"]),
    Case("prose-link-without-id", {"actors/prose-empty.yml": "name: A\nkind: person\nsummary: See [[actors/]].\n"},
         ["data/actors/prose-empty.yml:3: summary: link [[actors/]] has no id (write [[kind/id]] or [[kind/id|label]])"]),
    Case("unbalanced-prose-link", {"topics/prose-unbalanced.yml": "title: T\nquestion: Q?\nbottom_line: B.\n"
                                                                  "brief: See [[actors/ana-lopez].\n"},
         ["data/topics/prose-unbalanced.yml:4: brief: unbalanced [[ ]] link (write [[kind/id]] or [[kind/id|label]])"]),
    # Self-references and loops where they make no sense; mutual relations where they do
    Case("self-affiliation", {"actors/self-member.yml": "name: A\nkind: body\naffiliations: [self-member]\n"},
         ["data/actors/self-member.yml:3: affiliations[0]: 'self-member' refers to itself (remove it from the list)"]),
    Case("affiliation-loop", {"actors/loop-a.yml": "name: A\nkind: body\naffiliations: [loop-b]\n",
                              "actors/loop-b.yml": "name: B\nkind: body\naffiliations: [loop-a]\n"},
         ["data/actors/loop-a.yml:3: affiliations: loop: loop-a → loop-b → loop-a "
          "(remove one of these affiliations so the chain ends)"]),
    Case("self-related-topic",
         {"topics/self-related.yml": "title: T\nquestion: Q?\nbottom_line: B.\nbrief: B.\nrelated: [self-related]\n"},
         ["data/topics/self-related.yml:5: related[0]: 'self-related' refers to itself (remove it from the list)"]),
    Case("topics-related-to-each-other-are-fine", {
        "topics/mutual-a.yml": "title: A\nquestion: Q?\nbottom_line: B.\nbrief: B.\nrelated: [mutual-b]\n",
        "topics/mutual-b.yml": "title: B\nquestion: Q?\nbottom_line: B.\nbrief: B.\nrelated: [mutual-a]\n"}),
    # Dates
    Case("impossible-date", {"events/feb-30.yml": "title: T\ndate: '2026-02-30'\nsources: [blog-post]\n"},
         ["data/events/feb-30.yml:2: date: '2026-02-30' is not a calendar date (day is out of range for month)"]),
    Case("no-29-february-in-2025", {"events/feb-29.yml": "title: T\ndate: '2025-02-29'\nsources: [blog-post]\n"},
         ["data/events/feb-29.yml:2: date: '2025-02-29' is not a calendar date (day is out of range for month)"]),
    Case("month-13", {"events/month-13.yml": "title: T\ndate: '2026-13'\nsources: [blog-post]\n"},
         ["data/events/month-13.yml:2: date: '2026-13' is not a calendar date (month must be in 1..12)"]),
    Case("year-zero", {"events/year-zero.yml": "title: T\ndate: '0000'\nsources: [blog-post]\n"},
         ["data/events/year-zero.yml:2: date: '0000' is not a calendar date (year 0 is out of range)"]),
    Case("impossible-date-in-a-list-item", {"claims/bad-history-date.yml": (
        "text: X.\nclaimant: ana-lopez\nfirst_made: '2026-01-05'\nstatus: disputed\nstatus_note: x\n"
        "history:\n  - date: '2026-04-31'\n    status: disputed\nsources: [blog-post]\n")},
         ["data/claims/bad-history-date.yml:7: history[0].date: '2026-04-31' is not a calendar date "
          "(day is out of range for month)"]),
    Case("far-future-date", {"events/far-future.yml": "title: T\ndate: '2206-01-05'\nsources: [blog-post]\n"},
         ["data/events/far-future.yml:2: date: '2206-01-05' is more than a year in the future; check the year"]),
    Case("far-future-year-unquoted", {"statements/year-9999.yml": STATEMENT.replace("date: not stated", "date: 9999")},
         ["data/statements/year-9999.yml:2: date: '9999' is more than a year in the future; check the year"]),
    # Addresses that are not web addresses, and paths that leave the archive
    Case("javascript-url", {"sources/js-url.yml": SOURCE + "url: 'javascript:alert(1)'\n"},
         ["data/sources/js-url.yml:6: url: only http:// and https:// web addresses are allowed"]),
    Case("javascript-url-disguised", {"sources/js-url-upper.yml": SOURCE + "url: 'JAVASCRIPT://example.org/%0Aalert(1)'\n"},
         ["data/sources/js-url-upper.yml:6: url: only http:// and https:// web addresses are allowed"]),
    Case("data-url", {"sources/data-url.yml": SOURCE + "url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='\n"},
         ["data/sources/data-url.yml:6: url: only http:// and https:// web addresses are allowed"]),
    Case("archive-outside-the-archive-folder", {"sources/traversal.yml": SOURCE + "archive: ../../../etc/passwd\n"},
         ["data/sources/traversal.yml:6: archive: '..' is not allowed: name a file inside the archive folder"]),
]


def write_case(data_dir: Path, case: Case) -> None:
    for relative, content in case.files.items():
        path = data_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def errors_of(data_dir: Path) -> list[str]:
    return [str(error) for error in check(data_dir).errors]


def test_the_cases_have_unique_names_and_files() -> None:
    assert len({case.name for case in CASES}) == len(CASES)
    files = [path for case in CASES for path in case.files]
    assert len(set(files)) == len(files)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_exactly(mini: Path, case: Case) -> None:
    write_case(mini, case)
    assert errors_of(mini) == case.errors


def record_dumps(data_dir: Path) -> dict[tuple[str, str], dict[str, object]]:
    dossier = check(data_dir)
    return {(kind, rid): record.model_dump() for kind, by_id in dossier.records.items() for rid, record in by_id.items()}


def test_all_bad_files_at_once_every_one_listed_and_nothing_good_lost(mini: Path) -> None:
    good_before = record_dumps(mini)
    for case in CASES:
        write_case(mini, case)
    assert errors_of(mini) == sorted(error for case in CASES for error in case.errors)
    reported_files = {error.path for error in check(mini).errors}
    bad_files = {error.split(":")[0] for case in CASES for error in case.errors}
    assert reported_files == bad_files
    after = record_dumps(mini)
    assert {key: after[key] for key in good_before} == good_before  # every good record, unchanged
    accepted = [case for case in CASES if not case.errors]
    for case in accepted:
        for relative in case.files:
            kind, _, name = relative.partition("/")
            assert (kind, name.removesuffix(".yml")) in after, relative


def test_the_strict_build_fails_once_listing_every_bad_file(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for case in CASES:
        write_case(mini, case)
    expected = sorted(error for case in CASES for error in case.errors)
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    for error in expected:
        assert error in caplog.text
    files = len({error.split(":")[0] for error in expected})
    assert f"{len(expected)} errors in {files} files: fix them and build again." in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


# --- part 2: hostile text in every field, built ------------------------------------------------


class _PageReader(HTMLParser):
    """The text a reader sees (no <script>/<style> content), and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag in ("script", "style"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append((attributes, ""))

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if not self._in:
            self.text.append(data)
        elif self._in[-1] == "script":
            attributes, content = self.scripts[-1]
            self.scripts[-1] = (attributes, content + data)


def read_page(path: Path) -> _PageReader:
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def visible_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(read_page(path).text))


TEXT_FIELDS = text_fields()


def test_every_kind_has_free_text_fields_under_test() -> None:
    kinds = {text_field.kind for text_field in TEXT_FIELDS}
    assert kinds == set(KINDS)
    assert len(TEXT_FIELDS) >= 30  # the schema had 30 free-text fields when this suite was written


# The archive copy's file name is the editors' verification material: no reader-facing page shows it.
NEVER_SHOWN = {"sources.archive"}
# Spellings for search only (macros/site/templates/actor.md.j2): in an attribute Pagefind indexes, never shown.
SEARCH_ONLY = {"actors.search_variants"}
# Shown only where the source prints no title, and the hostile source prints one: the same payload in a
# supplied title is tested on an untitled source (tests/engine/test_reader_front.py, test_a_supplied_title_is_shown_in_brackets).
SHOWN_ELSEWHERE = {"sources.supplied_title"}


@pytest.mark.parametrize("text_field", TEXT_FIELDS, ids=str)
def test_every_text_field_prints_literally(hostile_site: Path, text_field: TextField) -> None:
    """Jinja is not evaluated, HTML is not interpreted, Markdown is not a link, Unicode is untouched."""
    if str(text_field) in SHOWN_ELSEWHERE:
        pytest.skip("shown only on an untitled source; tested there")
    text = visible_text(hostile_site / text_field.page)
    if str(text_field) in NEVER_SHOWN:
        assert text_field.tag not in text and text_field.tag not in (hostile_site / text_field.page).read_text(encoding="utf-8")
        return
    if f"{text_field.kind}.{text_field.location[0]}" in SEARCH_ONLY:  # not shown; the published site's search reads it from an attribute, as written
        assert text_field.tag not in text
        elements = read_page(hostile_site / text_field.page).elements
        values = [attributes["data-variants"] for _, attributes in elements if "data-variants" in attributes]
        assert re.sub(r"\s+", " ", payload(text_field.tag)) in values
        return
    assert re.sub(r"\s+", " ", payload(text_field.tag)) in text
    assert f"49 {text_field.tag}" not in text  # what an evaluated template would have printed


# What a browser would run or load from data: event handlers, script URLs, script elements.
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")
_SCRIPT_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def active_content(site: Path, page: str) -> list[str]:
    """Everything on a page through which data could run in the reader's browser."""
    reader = read_page(site / page)
    found = []
    for tag, attributes in reader.elements:
        for name, value in attributes.items():
            # The templates' own constant handlers are not data; a handler built from data carries its text.
            if name.startswith("on") and ("alert(" in value or "hostile-" in value):
                found.append(f"{page}: <{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and _SCRIPT_URL.match(value):
                found.append(f"{page}: <{tag} {name}={value!r}>")
        if tag in ("img", "iframe", "object", "embed") and attributes.get("src", "") == "x":
            found.append(f"{page}: injected <{tag}>")
    for attributes, content in reader.scripts:
        if attributes.get("type") == "application/ld+json":
            json.loads(content)  # data for search engines: must stay one JSON value, never close the element
        elif "alert(" in content or "hostile-" in content:
            found.append(f"{page}: data inside an executable <script>: {content[:120]!r}")
        elif "src" in attributes and not attributes["src"].startswith(("../", "assets/", "./")) and "://" in attributes["src"]:
            found.append(f"{page}: script from elsewhere: {attributes['src']}")
    return found


def test_no_page_of_the_hostile_site_carries_active_content(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) > 20
    assert [problem for page in pages for problem in active_content(hostile_site, page)] == []


@pytest.mark.parametrize("page, prefix", [("statements/index.html", ""), ("events/index.html", "../statements/"),
                                          *((f"{kind}/{hostile_id(kind)}/index.html", "../../statements/")
                                            for kind in ("topics", "actors", "sources", "claims", "events"))])
def test_lists_written_as_html_print_hostile_text_literally(hostile_site: Path, page: str, prefix: str) -> None:
    """The lists the templates write as HTML (renderer.set_aside_html): the index pages' and each record
    page's list of statements escape for HTML, not Markdown, and link the hostile statement at the URL
    MkDocs gives its page."""
    statement = hostile_records()["statements"]
    text = visible_text(hostile_site / page)
    assert " ".join(statement["text"].split()[:12]) in text
    assert "\\" not in text  # no Markdown escape shows
    if page == "statements/index.html":
        assert re.sub(r"\s+", " ", hostile_records()["actors"]["name"]) in text
    assert active_content(hostile_site, page) == []
    links = [attributes["href"] for tag, attributes in read_page(hostile_site / page).elements
             if tag == "a" and attributes.get("href", "").startswith(f"{prefix}{hostile_id('statements')}/")]
    assert links and set(links) == {f"{prefix}{hostile_id('statements')}/"}


def test_page_titles_show_the_text_not_its_markdown_escapes(hostile_site: Path) -> None:
    """The browser tab and the header show a record's title as written: mkdocs-macros once put the title's
    Markdown source there (`\\{% … %\\}`) whenever it looked like Jinja."""
    titles = {page: matched(r"<title>(.*?)</title>", (hostile_site / page).read_text(encoding="utf-8"), re.S).group(1)
              for page in html_pages(hostile_site) if "hostile-" in page}
    assert len(titles) >= 5
    assert {page: title for page, title in titles.items() if "\\" in title or "{% if true %}" not in title} == {}


def test_hostile_text_in_structured_data_stays_data(hostile_site: Path) -> None:
    """JSON-LD carries the hostile claim text as a JSON string, never as markup."""
    reader = read_page(hostile_site / "claims/hostile-claim/index.html")
    ld = [json.loads(content) for attributes, content in reader.scripts if attributes.get("type") == "application/ld+json"]
    assert ld, "the claim page carries its structured data"
    assert payload("hostile-claims-text") in json.dumps(ld, ensure_ascii=False)


def test_the_search_index_holds_hostile_text_escaped(hostile_offline: Path) -> None:
    """Material's index, which only the offline copy writes and searches."""
    raw = (hostile_offline / "search/search_index.json").read_text(encoding="utf-8")
    docs = json.loads(raw)["docs"]
    assert "<script" not in raw and "<img" not in raw
    actor = next(doc for doc in docs if doc["location"] == f"actors/{hostile_id('actors')}.html")
    assert "&lt;script&gt;alert('hostile-actors-name')&lt;/script&gt;" in actor["title"]


def test_unicode_is_kept_exactly(hostile_site: Path, hostile_offline: Path) -> None:
    """Azerbaijani letters, the manat sign, right-to-left text and a combining accent survive byte for byte."""
    html = (hostile_site / f"actors/{hostile_id('actors')}/index.html").read_text(encoding="utf-8")
    assert UNICODE_SAMPLE in html
    assert "e\u0301" in html and "\u00e9" not in html.split("<article", 1)[1]  # not normalised to é
    docs = json.loads((hostile_offline / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    actor = next(doc for doc in docs if doc["location"] == f"actors/{hostile_id('actors')}.html")
    assert UNICODE_SAMPLE in actor["title"]
    assert UNICODE_SAMPLE in web_search_pages(hostile_site)[f"/actors/{hostile_id('actors')}/"]["meta"]["title"]  # Pagefind's


def test_one_megabyte_in_one_field_is_refused_with_its_size(mini: Path) -> None:
    text = "Ağ şəhər ₼ 1,4 milyard. " * 40_000  # 960,000 characters, 1.1 MB of UTF-8
    (mini / "actors/long-winded.yml").write_text(yaml.safe_dump({"name": "Long Winded", "kind": "person", "summary": text},
                                                                allow_unicode=True, width=1 << 30), encoding="utf-8")
    assert len((mini / "actors/long-winded.yml").read_bytes()) > 1_000_000
    assert errors_of(mini) == [
        f"data/actors/long-winded.yml:3: summary: {len(text):,} characters, more than the {MAX_TEXT_LENGTH:,} one field may hold "
        "(split the text into several records; keep a full document as a source's archive copy)"
    ]


def test_the_longest_field_allowed_builds_and_is_printed_whole(mini: Path, tmp_path: Path) -> None:
    """At the limit, text dense with what must be escaped (HTML, Jinja braces, Azerbaijani) builds and is
    printed whole. How long it takes is a benchmark's question, not a test's (it took minutes once, before
    MAX_TEXT_LENGTH): `python -m benchmarks.guard` times it."""
    # No `*` or `_`: prose is Markdown on purpose, so those would pair up into emphasis across sentences.
    sentence = "Ağ şəhər ₼ 1,4 milyard <b>not bold</b> {{ 7+7 }}. "
    repeats = MAX_TEXT_LENGTH // len(sentence)
    record = {"name": "Long Winded", "kind": "person", "summary": (sentence * repeats).strip()}
    (mini / "actors/long-winded.yml").write_text(yaml.safe_dump(record, allow_unicode=True, width=1 << 30), encoding="utf-8")
    site = build(mini, tmp_path / "site")
    text = visible_text(site / "actors/long-winded/index.html")
    assert text.count(sentence.strip()) == repeats
