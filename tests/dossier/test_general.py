"""The engine is general: its own published text (page templates, the schema's field descriptions that the
guide and the JSON Schemas print, the stylesheets and scripts, the theme overrides, the guide) carries nothing
of the dossier in data/. Tested directly on that text, not through a site built from another dossier: that
left out every word the engine's files used, so it could not see a leak in them, and took ordinary words
("doubt", "ministry") shared by another dossier's names and the guide for leaks.

What names the dossier: its proper nouns, the capitalised words its records use in mid-sentence and in actors'
names, and its figures' units (AZN, not "people"), found in the data, not listed."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from macros.records.schema import KINDS, DossierMeta, json_schema
from tests.conftest import ROOT
from tests.dossier_data import DATA

# A capitalised word after a lowercase word or a comma: not a sentence's first word, so a name. Four
# letters or more, or an acronym of three capitals (a currency: AZN).
_NAME_IN_A_SENTENCE = re.compile(r"(?<=[a-z,;] )([A-Z][^\W\d_]{3,}|[A-Z]{3})\b")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK = re.compile(r"\[\[[^\]]*\]\]")
_CAPITALISED = re.compile(r"\b([A-Z][^\W\d_]{3,}|[A-Z]{3})\b")
# The engine's own words its text may share with any English dossier: months, the site's own names, the
# schema.org types of its JSON-LD.
_ENGINE_VOCABULARY = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
                      "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                      "English", "Organization", "Person", "Material", "MkDocs", "Markdown", "YAML", "JSON", "HTML", "GitHub",
                      "Wikidata", "USD", "EUR"}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def dossier_names(data_dir: Path) -> set[str]:
    """The dossier's proper nouns (see the module's note), minus what the engine says of any dossier."""
    names: set[str] = set()
    lowercase: set[str] = set()
    for path in data_dir.glob("*/*.yml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for text in _strings(record):
            if _ID.match(text):
                continue  # a reference to another record, not words
            names.update(_NAME_IN_A_SENTENCE.findall(text))
            lowercase.update(word for word in re.findall(r"[^\W\d_]+", _LINK.sub("", text)) if word.islower())
        if path.parent.name == "actors":
            names.update(_CAPITALISED.findall(str(record.get("name", ""))))
        if path.parent.name == "figures":
            names.update(word for word in str(record.get("unit", "")).split() if word.isupper() and len(word) >= 3)
    # "The Court", "the court": a word the data also writes in lower case is an ordinary word, not a name.
    return {name for name in names if name.lower() not in lowercase} - _ENGINE_VOCABULARY


_FONT_FAMILY = re.compile(r'"Dossier Noto Sans[^"]*"')


@cache
def engine_published_text() -> dict[str, str]:
    """{where: text} of everything the engine itself publishes, whatever the dossier."""
    # The font families name the scripts they draw ("Dossier Noto Sans Armenian"): a script's name, not the
    # dossier's, though a dossier about Armenia has the word too.
    texts = {str(path.relative_to(ROOT)): _FONT_FAMILY.sub('""', path.read_text(encoding="utf-8"))
             for pattern in ("macros/site/templates/*", "overrides/**/*.html", "docs/assets/*.css", "docs/assets/*.js", "docs/guide.md")
             for path in sorted(ROOT.glob(pattern)) if path.is_file()}
    for kind in KINDS:
        texts[f"schema of {kind}"] = json.dumps(json_schema(kind), ensure_ascii=False)
    texts["schema of dossier.yml"] = json.dumps(DossierMeta.model_json_schema(), ensure_ascii=False)
    return texts


def names_in(texts: dict[str, str], names: set[str]) -> dict[str, set[str]]:
    found = {}
    for where, text in texts.items():
        present = {name for name in names if re.search(rf"\b{re.escape(name)}\b", text)}
        if present:
            found[where] = present
    return found


def test_the_engines_published_text_carries_nothing_of_the_dossier() -> None:
    names = dossier_names(DATA)
    if not names:
        pytest.skip("the dossier's records use no proper noun")
    assert names_in(engine_published_text(), names) == {}


def test_the_dossiers_names_are_found_where_they_are(tmp_path: Path) -> None:
    """The negative control: a page of the engine's naming an actor of the dossier, and a field description
    giving its figures' unit as an example, are seen; an ordinary word of its names is not a name."""
    names = dossier_names(DATA)
    if not names:
        pytest.skip("the dossier's records use no proper noun")
    actor = next((path for path in sorted(DATA.glob("actors/*.yml"))
                  if set(_CAPITALISED.findall(str(yaml.safe_load(path.read_text(encoding="utf-8"))["name"]))) & names), None)
    if actor is None:  # every actor named in another script (Greek, Arabic…): the names come from the text only
        pytest.skip("no actor of this dossier has a name in Latin capitals to plant")
    name = str(yaml.safe_load(actor.read_text(encoding="utf-8"))["name"])
    template = {"macros/site/templates/x.md.j2": f"# Statements by {name}"}
    assert names_in(template, names) == {"macros/site/templates/x.md.j2": set(_CAPITALISED.findall(name)) & names}
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "x.yml").write_text("name: Ministry of Water\nsummary: A ministry in the hills.\n", encoding="utf-8")
    assert dossier_names(tmp_path) == {"Water"}
