"""Every character renders: each codepoint of the built site's visible text is in the basic set every
system font has, or in a font the site ships within the unicode-range it is declared for: those the build
cuts for the dossier's characters (assets/fonts/scripts.css, macros/records/fonts.py). fontTools reads each
shipped font's own character map.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from fontTools.ttLib import TTFont

from macros.records.fonts import BASIC, STYLESHEET, codepoints, family_cover, subsets
from tests.conftest import ROOT, build, matched, write
from tests.engine.test_hostile import _PageReader
from tests.real_clients import html_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

FONTS = ROOT / "docs" / "assets" / "fonts"

# Characters HTML text carries that no font draws: line breaks and tabs, the zero-width space and joiners,
# the bidi isolates around right-to-left data (macros/records/bidi.py).
_INVISIBLE = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x2066, 0x2067, 0x2068, 0x2069}


def _character_map(file: Path) -> set[int]:
    with TTFont(file) as font:
        return set(font.getBestCmap())


def faces(site: Path) -> list[tuple[str, int, str, set[int]]]:
    """Each @font-face the built site declares (dossier.css, and the build's scripts.css when it has one):
    (family, weight, its file in the site, the codepoints it is used for that its character map has). None
    for a site whose text the basic set draws."""
    found = []
    for stylesheet in (site / "assets" / "dossier.css", site / STYLESHEET):
        if not stylesheet.is_file():
            continue
        for face in re.findall(r"@font-face\s*{(.*?)}", stylesheet.read_text(encoding="utf-8"), re.S):
            [source] = re.findall(r'url\("([^"]+)"\)', face)
            file = (stylesheet.parent / source).resolve()
            declared = codepoints(matched(r"unicode-range:([^;]+);", face).group(1))
            family = matched(r'font-family:\s*"([^"]+)"', face).group(1)
            weight = int(matched(r"font-weight:\s*(\d+)", face).group(1))
            found.append((family, weight, file.relative_to(site.resolve()).as_posix(), set(declared & _character_map(file))))
    return found


def shipped_fonts(site: Path) -> dict[str, set[int]]:
    """Each font file the site declares → the codepoints it draws there."""
    return {file: drawn for _, _, file, drawn in faces(site)}


def drawn_by_the_fonts(site: Path) -> frozenset[int]:
    """What the basic set and the site's fonts draw in regular and in bold text: for each weight, a family's
    faces of the nearest weight it has (a family with one weight is used for bold too, thickened)."""
    by_family: dict[str, dict[int, set[int]]] = {}
    for family, weight, _, drawn in faces(site):
        by_family.setdefault(family, {}).setdefault(weight, set()).update(drawn)

    def at(weight: int) -> set[int]:
        return set().union(*(weights[min(weights, key=lambda have: abs(have - weight))] for weights in by_family.values()))

    return BASIC | (at(400) & at(700))


# Material draws a footnote's way back as an icon and sets its text, "↩", at font size 0: never seen.
_DRAWN_AS_AN_ICON = re.compile(r'<a class="footnote-backref"[^>]*>.*?</a>', re.S)
# The search-only forms closing an article (macros/plugin/search.py) are `hidden`: never drawn, only indexed. The
# one element inside them is an empty `<div … data-variants="…"></div>`.
_NEVER_DRAWN = re.compile(r"<div hidden data-search-only>(?:<div [^>]*></div>|[^<]|<(?!/?div\b))*</div>")


def uncovered(site: Path, pages: list[str], covered: AbstractSet[int]) -> dict[str, str]:
    """Codepoints of the pages' visible text and tooltips outside `covered`: 'U+20BC' → a page showing it."""
    missing: dict[str, str] = {}
    for relative in pages:
        reader = _PageReader()
        reader.feed(_NEVER_DRAWN.sub("", _DRAWN_AS_AN_ICON.sub("", (site / relative).read_text(encoding="utf-8"))))
        shown = [*reader.text, *(value for _, attributes in reader.elements for name, value in attributes.items()
                                 if name in ("title", "alt", "placeholder", "aria-label"))]
        for text in shown:
            for character in set(text):
                point = ord(character)
                if point not in covered and point not in _INVISIBLE:
                    missing.setdefault(f"U+{point:04X} {character}", relative)
    return missing


@pytest.mark.parametrize("site_fixture", ["mini_site"])
def test_every_character_of_the_site_is_drawn_by_a_basic_or_a_shipped_font(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert uncovered(site, html_pages(site), drawn_by_the_fonts(site)) == {}


# The characters of the mini dossier's names and quotes in Arabic, Hebrew and Chinese and Japanese script.
_ARABIC, _HEBREW, _CJK = codepoints("0600-06FF"), codepoints("0590-05FF"), codepoints("3000-30FF 4E00-9FFF")


def test_the_multilingual_records_are_drawn_by_the_fonts_cut_for_them(mini_site: Path) -> None:
    """The characters beyond the basic set are on the pages, and each is drawn by the face the build cut for
    its script, which holds exactly the characters the dossier uses of that font, no more."""
    beyond = {int(point.split()[0][2:], 16) for point in uncovered(mini_site, html_pages(mini_site), BASIC)}
    declared = {family: drawn for family, _, _, drawn in faces(mini_site)}
    assert beyond & _ARABIC and beyond & _HEBREW and beyond & _CJK
    assert declared["Dossier Noto Sans Arabic"] == beyond & _ARABIC
    assert declared["Dossier Noto Sans Hebrew"] == beyond & _HEBREW
    assert declared["Dossier Noto Sans CJK"] == beyond & _CJK == {ord(c) for c in "林伟强佐藤由紀"}
    assert "Dossier Noto Sans" not in declared and beyond <= _ARABIC | _HEBREW | _CJK  # no ₼ or ə: its own test, below
    for _, _, file, drawn in faces(mini_site):
        assert _character_map(mini_site / file) == drawn, file  # cut to them: nothing else in it


def test_the_cut_fonts_are_named_by_their_content_and_the_same_in_every_build(mini_site: Path, offline_build: Path) -> None:
    """Two builds of the same data (the web build and the offline copy) ship the same files, byte for byte.
    (In one process the second build may take the cut from the session's cache: the plain project's test
    below cuts them afresh, and compares.)"""
    import hashlib

    def cut(site: Path) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in (site / "assets" / "fonts").iterdir() if path.name not in _SHIPPED_AS_IS}

    web, offline = cut(mini_site), cut(offline_build)
    assert web == offline
    named = {name.split(".")[0]: name.split(".")[1] for name in web if name != "scripts.css"}
    assert sorted(named) == ["noto-sans-arabic-400", "noto-sans-arabic-700", "noto-sans-cjk-sc-400", "noto-sans-hebrew-400", "noto-sans-hebrew-700"]
    assert named == {stem: hashlib.sha256(web[f"{stem}.{digest}.woff2"]).hexdigest()[:12] for stem, digest in named.items()}
    for site in (mini_site, offline_build):
        assert '<link rel="stylesheet" href="assets/fonts/scripts.css">' in (site / "index.html").read_text(encoding="utf-8")


# The files of docs/assets/fonts, shipped as they are: the licence and a note on it.
_SHIPPED_AS_IS = {path.name for path in FONTS.iterdir()}


def test_a_latin_dossier_ships_its_few_latin_extended_characters_cut_and_within_the_basic_set_none(tmp_path: Path) -> None:
    """Ə is beyond the basic set: the Latin-extended face is cut to it and the few other such characters of the
    site, a few hundred bytes where the face whole is 55 KB (every page using one fetched it). Ğ is in the basic
    set: it keeps the reader's system font, as the Latin letters beside it. Without Ə the site ships no font."""
    data = tmp_path / "data"
    write(data, "actors/jean-dupont.yml", "name: Jean Dupont, Ağa Əliyev\nkind: person\nrole: mayor\n")
    site = build(data, tmp_path / "site")
    cut = {path.name for path in (site / "assets" / "fonts").iterdir()} - _SHIPPED_AS_IS
    assert sorted(name.split(".")[0] for name in cut) == ["noto-sans-latin-ext-400", "noto-sans-latin-ext-700", "scripts"]
    assert "assets/fonts/scripts.css" in (site / "actors" / "jean-dupont" / "index.html").read_text(encoding="utf-8")
    assert uncovered(site, html_pages(site), drawn_by_the_fonts(site)) == {}
    for family, _, file, drawn in faces(site):
        assert (family, drawn) == ("Dossier Noto Sans", {ord("Ə")}), file
        assert _character_map(site / file) == {ord("Ə")}  # Ğ is not in it
        assert (site / file).stat().st_size < 2_000
    assert ord("Ğ") in BASIC and ord("Ə") not in BASIC and ord("Ə") in (family_cover("Dossier Noto Sans") or set())

    write(data, "actors/jean-dupont.yml", "name: Jean Dupont, Ağa Aliyev\nkind: person\nrole: mayor\n")
    site = build(data, tmp_path / "site-basic")
    assert {path.name for path in (site / "assets" / "fonts").iterdir()} == _SHIPPED_AS_IS
    assert "scripts.css" not in (site / "actors" / "jean-dupont" / "index.html").read_text(encoding="utf-8")
    assert faces(site) == [] and uncovered(site, html_pages(site), BASIC) == {}


def test_the_check_reports_a_character_no_font_draws(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<p>₼5 and שלום</p><a title="⟨x⟩">y</a><a class="footnote-backref" href="#x">↩</a>',
                                         encoding="utf-8")
    drawn = BASIC | (family_cover("Dossier Noto Sans") or set())
    assert uncovered(tmp_path, ["index.html"], drawn) == {
        "U+05E9 ש": "index.html", "U+05DC ל": "index.html", "U+05D5 ו": "index.html", "U+05DD ם": "index.html",
        "U+27E8 ⟨": "index.html", "U+27E9 ⟩": "index.html",
    }


def test_check_names_each_character_no_font_draws_and_the_fix(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Cherokee letters and a private-use character: no basic font and no source font draws them. The Chinese
    character beside them is drawn (the control: the same check passes it). The strict build stops on the same
    errors."""
    from mkdocs.exceptions import Abort

    from macros.records.check import check

    write(mini, "actors/ada-walker.yml", 'name: "ᏣᎳᎩ Ada Walker"\nkind: person\nrole: "林 interpreter \ue000"\n')
    with pytest.raises(Abort):
        build(mini, tmp_path / "site")
    assert [str(error) for error in check(mini).errors] == caplog.records[-1].getMessage().splitlines()[1:-1]
    assert [str(error) for error in check(mini).errors] == [
        'data/actors/ada-walker.yml:1: name: no font the site has draws "Ꭹ" (U+13A9 CHEROKEE LETTER GI), "Ꮃ" (U+13B3 CHEROKEE LETTER LA), '
        '"Ꮳ" (U+13E3 CHEROKEE LETTER TSA): readers would see empty boxes (add an OFL font that draws them to macros/records/fonts.py\'s '
        "SOURCES (macros/fonts/README.md), or write the text in a script the site draws)",
        'data/actors/ada-walker.yml:3: role: no font the site has draws "\ue000" (U+E000 unnamed character): readers would see an empty box '
        "(add an OFL font that draws them to macros/records/fonts.py's SOURCES (macros/fonts/README.md), "
        "or write the text in a script the site draws)",
    ]


def test_a_font_not_installed_is_named_with_the_command_that_installs_it(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the package holding the CJK font (a checkout where `make` did not run), Chinese text is an
    error that says what to install, not a box on the page."""
    import importlib.util

    from macros.records import fonts
    from macros.records.check import check

    installed = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "mplfonts" else installed(name))
    fonts.family_cover.cache_clear()
    try:
        errors = [str(error) for error in check(mini).errors]
    finally:
        monkeypatch.undo()
        fonts.family_cover.cache_clear()
    assert errors[0] == ('data/actors/lin-weiqiang.yml:1: name: no font the site has draws "伟" (U+4F1F CJK UNIFIED IDEOGRAPH-4F1F), '
                         '"强" (U+5F3A CJK UNIFIED IDEOGRAPH-5F3A), "林" (U+6797 CJK UNIFIED IDEOGRAPH-6797): readers would see empty boxes '
                         "(the fonts of Dossier Noto Sans CJK are not installed: run `.venv/bin/pip install --no-deps -r requirements-fonts.txt` "
                         "(make serve and make test do), then check again)")
    assert {error.split(":")[0] for error in errors} == {"data/actors/lin-weiqiang.yml", "data/actors/sato-yuki.yml"}


def test_the_plain_project_carries_the_same_fonts(mini_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`write-site` (the way off the engine) cuts the fonts afresh (no session's cache) and writes what a build
    ships, byte for byte: no time stamp or other accident in the cut; and it links them."""
    from macros.plain_project import read_config, write_site

    monkeypatch.setenv("DOSSIER_DATA_DIR", str(ROOT / "tests" / "fixtures" / "mini"))
    write_site(tmp_path / "plain", ROOT / "mkdocs.yml")
    fonts = tmp_path / "plain" / "docs" / "assets" / "fonts"
    assert {path.name: path.read_bytes() for path in fonts.iterdir()} == {
        path.name: path.read_bytes() for path in (mini_site / "assets" / "fonts").iterdir()}
    assert read_config(tmp_path / "plain" / "mkdocs.yml")["extra_css"][-1] == STYLESHEET


def test_an_editors_page_gets_fonts_for_its_characters_and_an_error_for_one_no_font_draws(mini: Path, tmp_path: Path) -> None:
    """An editor's page in docs/ in another script: its characters are cut into the fonts like the data's; a
    character no font draws is an error on its line, from `check` as from the build."""
    from macros.site.editor_pages import editor_page_errors
    from tests.engine.test_links import docs_with_page

    docs = docs_with_page(tmp_path, "# Memo\n\n東京 desk notes.\n")
    site = build(mini, tmp_path / "site", docs_dir=str(docs))
    declared = {family: drawn for family, _, _, drawn in faces(site)}
    assert {ord("東"), ord("京")} <= declared["Dossier Noto Sans CJK"]
    assert uncovered(site, html_pages(site), drawn_by_the_fonts(site)) == {}

    (docs / "actors" / "extra.md").write_text("# Memo\n\n東京 desk notes.\n\nᏣ\n", encoding="utf-8")
    assert [str(error) for error in editor_page_errors(docs, {}, tmp_path)] == [
        'docs/actors/extra.md:5: no font the site has draws "Ꮳ" (U+13E3 CHEROKEE LETTER TSA): readers would see an empty box '
        "(add an OFL font that draws them to macros/records/fonts.py's SOURCES (macros/fonts/README.md), "
        "or write the text in a script the site draws)"]


def test_the_fonts_draw_the_themes_own_words_in_the_sites_language(mini: Path) -> None:
    """Material's words in Azerbaijani hold ə, and in Romanian ș: a site in either language gets them cut into its
    fonts, as its data's characters are, though no record holds them. English words need none."""
    from macros.plain_project import BuildConfig
    from macros.plugin.site_of_build import interface_characters, make_site

    assert {ord("Ə"), ord("ə")} <= interface_characters("az") and ord("ș") in interface_characters("ro")
    assert interface_characters("en") == interface_characters(None) == interface_characters("no-such-language") == frozenset()
    extra = {"dossier": {"data_dir": str(mini)}}
    english, azerbaijani = (make_site(cast("MkDocsConfig", BuildConfig(extra, ROOT / "mkdocs.yml", {"language": language})))
                            for language in ("en", "az"))
    assert ord("ə") not in english.characters and azerbaijani.characters - english.characters == interface_characters("az")
    assert ord("ə") in next(subset.points for subset in subsets(azerbaijani.characters) if subset.source.family == "Dossier Noto Sans")
