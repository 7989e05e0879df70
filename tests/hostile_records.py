"""A hostile record of every kind, with a hostile text in every free-text field, for the builds that
check the site prints data literally (tests/engine/test_hostile.py) and stays valid, accessible and inert
(the vnu, axe and browser tests).

Free-text fields are found from the schema, not listed by hand, so a field added later is covered.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.records.schema import MODELS
from tests.conftest import MINI
from tests.fixture_records import fixture_record

# Everything a pasted quote could carry: Jinja (expression, statement, comment), HTML that runs script,
# a Markdown link to javascript:, Azerbaijani letters and the manat sign, right-to-left scripts with a
# right-to-left mark, and a combining accent (e + U+0301, never normalised away).
UNICODE_SAMPLE = "İlham Əliyev ağ ığ öş üç ₼ 1,4 milyard · שלום مرحبا\u200f · e\u0301"


def hostile_id(kind: str) -> str:
    """The hostile record's id: hostile-actor, hostile-source, …"""
    return f"hostile-{MODELS[kind].singular}"


def payload(tag: str) -> str:
    """The hostile text for one field; `tag` makes it findable and says which field it came from."""
    return (
        f"{{{{ 7*7 }}}} {{% if true %}}{tag}{{% endif %}} {{# comment #}} "
        f"<script>alert('{tag}')</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        f"{UNICODE_SAMPLE}"
    )


@dataclass(frozen=True)
class TextField:
    kind: str
    location: tuple[str | int, ...]  # e.g. ("reported_in", 0, "wording")

    @property
    def tag(self) -> str:
        return "hostile-" + "-".join(str(part).replace("_", "-") for part in (self.kind, *self.location))

    @property
    def page(self) -> str:
        """The built page that shows this field: the record's own page, or the list it is an anchor on."""
        return "figures/index.html" if self.kind == "figures" else f"{self.kind}/{hostile_id(self.kind)}/index.html"

    def __str__(self) -> str:
        return f"{self.kind}." + ".".join(str(part) for part in self.location)


def _accepts_any_text(schema: dict[str, Any]) -> bool:
    """A string field that takes free text: not an enum, id, date, URL or other patterned value."""
    if schema.get("type") != "string" or "enum" in schema or "x-reference" in schema or "format" in schema:
        return False
    # `archive` has a pattern that only forbids path separators at its start: it is free text too.
    return "minLength" in schema or schema.get("pattern") == r"^[^/\\][^\\]*$"


def _walk(kind: str, properties: dict[str, Any], definitions: dict[str, Any], prefix: tuple[str | int, ...]) -> list[TextField]:
    found: list[TextField] = []
    for name, prop in properties.items():
        for option in prop.get("anyOf", [prop]):
            if "$ref" in option:
                nested = definitions[option["$ref"].split("/")[-1]]["properties"]
                found += _walk(kind, nested, definitions, (*prefix, name))
            elif option.get("type") == "array" and "$ref" in option["items"]:
                nested = definitions[option["items"]["$ref"].split("/")[-1]]["properties"]
                found += _walk(kind, nested, definitions, (*prefix, name, 0))
            elif option.get("type") == "array" and _accepts_any_text(option["items"]):
                found.append(TextField(kind, (*prefix, name, 0)))
            elif _accepts_any_text(option):
                found.append(TextField(kind, (*prefix, name)))
    return found


def text_fields() -> list[TextField]:
    """Every free-text field of every kind, nested ones included (list items at index 0)."""
    found: list[TextField] = []
    for kind, model in MODELS.items():
        schema = model.model_json_schema()
        found += _walk(kind, schema["properties"], schema.get("$defs", {}), ())
    return found


def _records() -> dict[str, dict[str, Any]]:
    """One record per kind with valid references and dates; text fields are filled in by `_fill`. The kinds
    named here refer to each other's hostile records; any other kind starts from the fixture's record."""
    records = {kind: fixture_record(kind) for kind in MODELS}
    return records | {
        "actors": {"kind": "person", "affiliations": ["riverton-council"]},
        "sources": {"kind": "opinion", "outlet": "daily-ledger", "author": "hostile-actor", "published": "2026-01-07",
                    "url": "https://example.org/\"><script>alert(1)</script>"},
        "events": {"date": "2026-01-07", "actors": ["hostile-actor", "ana-lopez"], "sources": ["hostile-source"],
                   "topics": ["hostile-topic"]},
        "statements": {"speaker": "hostile-actor", "date": "2026-01-07", "event": "hostile-event", "form": "quote",
                       "reported_in": [{"source": "hostile-source"}, {"source": "blog-post"}],
                       "on_claims": [{"claim": "hostile-claim", "stance": "supports"},
                                     {"claim": "bridge-opens-in-2027", "stance": "refutes"}],
                       "about": ["ana-lopez"], "topics": ["hostile-topic"]},
        "claims": {"claimant": "hostile-actor", "first_made": "2026-01-07", "origin": "hostile-statement",
                   "about": ["ana-lopez"], "status": "refuted",
                   "history": [{"date": "2026-01-08", "status": "refuted", "by": "hostile-source"}],
                   "sources": ["hostile-source"], "topics": ["hostile-topic"]},
        "figures": {"value": 1400000000, "qualifier": "about", "as_of": "2026-01", "equivalents": [{"value": 820000000}],
                    "actors": ["hostile-actor"], "statement": "hostile-statement", "sources": ["hostile-source"],
                    "topics": ["hostile-topic"]},
        "topics": {"key_claims": ["hostile-claim"], "related": ["riverton-bridge"]},
    }


def _fill(record: dict[str, Any], location: tuple[str | int, ...], value: str) -> None:
    """Set `value` at `location` inside `record`, creating the list item or mapping on the way."""
    target: Any = record
    for part, following in zip(location, location[1:], strict=False):
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            target = target.setdefault(part, [] if isinstance(following, int) else {})
    last = location[-1]
    if isinstance(last, int) and len(target) <= last:
        target.append(value)
    else:
        target[last] = value


def hostile_records() -> dict[str, dict[str, Any]]:
    """kind → the hostile record's fields, every free-text field holding its own payload."""
    records = _records()
    for text_field in text_fields():
        _fill(records[text_field.kind], text_field.location, payload(text_field.tag))
    return records


def write_hostile_dossier(data_dir: Path) -> Path:
    """The mini dossier plus one hostile record of every kind, written as YAML files an editor could write."""
    shutil.copytree(MINI, data_dir)
    for kind, record in hostile_records().items():
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)
        (data_dir / kind / f"{hostile_id(kind)}.yml").write_text(text, encoding="utf-8")
    return data_dir
