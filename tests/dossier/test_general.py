"""The engine is general: built from another dossier (the mini fixture), no published file carries a word that
only the dossier in data/ has. The words are found, not listed: every word of data/'s record ids and actor names
that the engine's own files (macros/, docs/, overrides/, mkdocs.yml, the Material theme) and the mini dossier
never use. Any such word in the mini site can only have come from data/ or from engine text written for it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import material
import pytest
import yaml

from tests.conftest import MINI, ROOT
from tests.dossier_data import DATA

WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more: shorter ones are too common to tell anything
# Not docs/: its pages are published, so a first-dossier word in them is what this test is for. Third-party
# files shipped as they are (the vendored scripts, the theme) are no text of ours.
ENGINE_TEXT = [ROOT / "macros", ROOT / "overrides", ROOT / "mkdocs.yml", ROOT / "docs" / "assets" / "vendor",
               Path(material.__file__).parent / "templates", MINI]
PUBLISHED_TEXT = {".html", ".xml", ".json", ".jsonld", ".csv", ".txt", ".js"}


def _words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text)}


def _text_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else [file for file in path.rglob("*") if file.is_file() and "__pycache__" not in file.parts]


@cache
def engine_words() -> frozenset[str]:
    words: set[str] = set()
    for root in ENGINE_TEXT:
        for file in _text_files(root):
            words |= _words(file.read_text(encoding="utf-8", errors="ignore"))
    return frozenset(words)


def dossier_words(data_dir: Path) -> set[str]:
    """The words naming data/'s records (ids) and actors (names) that the engine and the mini dossier never use."""
    words: set[str] = set()
    for record in data_dir.glob("*/*.yml"):
        words |= _words(record.stem.replace("-", " "))
        if record.parent.name == "actors":
            name = (yaml.safe_load(record.read_text(encoding="utf-8")) or {}).get("name")
            words |= _words(str(name or ""))
    return words - engine_words()


def words_found(site: Path, words: set[str]) -> dict[str, set[str]]:
    """{published file: the given words it contains}, for the files that contain any."""
    found = {}
    for file in site.rglob("*"):
        if file.suffix in PUBLISHED_TEXT:
            present = _words(file.read_text(encoding="utf-8", errors="ignore")) & words
            if present:
                found[str(file.relative_to(site))] = present
    return found


def test_the_dossier_words_are_found_in_the_dossier_itself(tmp_path: Path) -> None:
    # Negative control: the words do tell data/ apart, as a page quoting one of its actors shows.
    words = dossier_words(DATA)
    if not words:
        pytest.skip("data/ uses no word of its own beyond the mini dossier's (data/ is the mini dossier)")
    actor = sorted(DATA.glob("actors/*.yml"))[0]
    name = str(yaml.safe_load(actor.read_text(encoding="utf-8"))["name"])
    (tmp_path / "page.html").write_text(f"<p>{name} ({actor.stem})</p>", encoding="utf-8")
    assert words_found(tmp_path, words) == {"page.html": (_words(name) | _words(actor.stem.replace("-", " "))) & words}
    assert words_found(tmp_path, words)["page.html"]


def test_a_site_built_from_another_dossier_carries_no_word_of_data(tmp_path: Path) -> None:
    words = dossier_words(DATA)
    if not words:
        pytest.skip("data/ uses no word of its own beyond the mini dossier's (data/ is the mini dossier)")
    site = tmp_path / "site"
    # As an editor of the other dossier builds it: mkdocs.yml as it is, the data folder from the environment.
    env = dict(os.environ, DOSSIER_DATA_DIR=str(MINI), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (site / "guide" / "index.html").exists() and (site / "index.html").exists()
    assert words_found(site, words) == {}
