"""Every character of the dossier's site renders (the check itself and the engine's pages:
tests/engine/test_fonts.py), and the characters the issue saw as blank boxes come from a shipped font."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.fonts import BASIC
from tests.engine.test_fonts import FONTS, drawn_by_the_fonts, shipped_fonts, uncovered
from tests.real_clients import html_pages


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_every_character_of_the_site_is_drawn_by_a_basic_or_a_shipped_font(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert uncovered(site, html_pages(site), drawn_by_the_fonts(site)) == {}


def test_the_manat_sign_and_the_schwa_come_from_the_shipped_font(real_site: Path) -> None:
    """The characters the issue saw as blank boxes are on the site, not in the basic set, and drawn by the
    shipped font, which the built site serves."""
    assert {0x20BC, 0x0259} & BASIC == set()
    assert {0x20BC, 0x0259} <= drawn_by_the_fonts(real_site)
    for source in shipped_fonts(real_site):
        assert (real_site / source).is_file(), source
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    beyond_basic = uncovered(real_site, html_pages(real_site), BASIC)
    if "U+20BC ₼" not in beyond_basic:
        pytest.skip("this dossier prints no manat sign: the shipped font's cover is checked above")
    assert beyond_basic.keys() >= {"U+20BC ₼"}
